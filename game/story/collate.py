"""Sort words as a dictionary of the reader's language does, without the system's locale.

``sorted(words)`` puts "ÁVH" after "Z" and "csendőr" between "cukor" and "cím"; a Hungarian
reader looks for them under A and after every other C word. The machine's locale cannot be
relied on (a classroom server runs with ``C.UTF-8``) and PyICU is a large native dependency, so
the Hungarian alphabet is written out here: cs, dz, dzs, gy, ly, ny, sz, ty and zs are letters
of their own, and a long vowel sorts with its short one (a = á, o = ó, ö = ő …), the short
first when the words are otherwise equal. Other languages sort without accents, then with them.
"""

from __future__ import annotations

import re
import unicodedata

_HU_ALPHABET = "a b c cs d dz dzs e f g gy h i j k l ly m n ny o ö p q r s sz t ty u ü v w x y z zs"
_HU_LETTERS = _HU_ALPHABET.split()
_HU_RANK = {letter: rank for rank, letter in enumerate(_HU_LETTERS, start=1)}
_HU_LONG = {"á": "a", "é": "e", "í": "i", "ó": "o", "ő": "ö", "ú": "u", "ű": "ü"}
_HU_TOKEN = re.compile(r"dzs|cs|dz|gy|ly|ny|sz|ty|zs|.", re.DOTALL)


def _bare(text: str) -> str:
    """Letters without accents: "Ernő" → "erno"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _hungarian(text: str) -> tuple:
    primary: list[tuple[int, str]] = []
    secondary: list[int] = []
    for token in _HU_TOKEN.findall(text.casefold()):
        short = _HU_LONG.get(token, token)
        rank = _HU_RANK.get(short)
        if rank is None:  # a space, a hyphen, a digit, a foreign letter: by its bare form
            primary.append((0 if not token.isalnum() else len(_HU_LETTERS) + 1, _bare(token)))
        else:
            primary.append((rank, ""))
        secondary.append(int(token != short))
    return (tuple(primary), tuple(secondary), text)


def sort_key(text: str, lang: str) -> tuple:
    """The key that sorts ``text`` as a dictionary in ``lang`` does."""
    if lang == "hu":
        return _hungarian(text)
    return (_bare(text), text.casefold(), text)
