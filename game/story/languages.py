"""Which languages a story is translated into, and which one the player's environment asks for.

Kept apart from ``game.story.i18n`` (which reads translations with the YAML parser) so that a
game can settle its language at start-up without importing the YAML stack.
"""

from __future__ import annotations

import locale
import os
import re
from pathlib import Path

from game.story.files import TRANSLATIONS

SOURCE_LANG = "en"
LANG_CODE = re.compile(r"[a-z]{2,3}")
LANG_RULE = "a two- or three-letter language code in lower case, such as hu or de"


def translation_dir(root: Path | str, lang: str) -> Path:
    return Path(root) / TRANSLATIONS / lang


def languages(root: Path | str) -> list[str]:
    """The languages a story has translations for."""
    folder = Path(root) / TRANSLATIONS
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and LANG_CODE.fullmatch(p.name))


def default_language(environ: dict[str, str] | None = None) -> str:
    """The player's language from LC_ALL, LC_MESSAGES or LANG (as gettext reads them), else English."""
    env = os.environ if environ is None else environ
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            code = locale.normalize(value.split(":")[0]).split("_")[0].split(".")[0].lower()
            if code in ("c", "posix"):
                return SOURCE_LANG
            return code if LANG_CODE.fullmatch(code) else SOURCE_LANG
    return SOURCE_LANG
