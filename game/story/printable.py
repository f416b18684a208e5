"""Text from outside the game made safe to show and to write to a file.

What a player types, a command-line argument, a name read back from a file: any of it may hold
terminal escape sequences, right-to-left overrides, other control characters, or (from bytes
that were not UTF-8) unpaired surrogates that no file can store. Echoing such text could
repaint or hijack the player's terminal, and writing it would fail with ``UnicodeEncodeError``.
One function cleans it, so every front end and every save path agree.
"""

from __future__ import annotations

import unicodedata


def printable(text: str) -> str:
    """``text`` with control, format and surrogate characters (Unicode category C) made spaces.

    Unpaired surrogates are first replaced by "?" (what UTF-8 encoding would refuse), so the
    result always encodes. Letters, accents and emoji of every script are kept.
    """
    if text.isascii() and text.isprintable():  # the usual case, without a look-up per character
        return text
    text = text.encode("utf-8", "replace").decode("utf-8")
    return "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in text)
