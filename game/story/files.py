"""Which files a story is made of, and their fingerprint: shared by the loader and the story cache.

Kept apart from the loader so that the story cache (``storycache``) can tell whether its copy is
still the story on disk without importing the YAML parser and the checker.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

TRANSLATIONS = "i18n"  # root/i18n/<lang>/… holds translations, not story files (game.story.i18n)


def story_files(root: Path) -> list[Path]:
    """The story's own files: every YAML file in the folder except the translations."""
    return sorted(
        p
        for p in root.rglob("*")
        if p.suffix in (".yaml", ".yml") and p.is_file() and p.relative_to(root).parts[0] != TRANSLATIONS
    )


def translation_files(root: Path, lang: str) -> list[Path]:
    """The YAML files of the story's translation into ``lang`` (none when it has no translation)."""
    folder = root / TRANSLATIONS / lang
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def digest_files(digest: hashlib._Hash, root: Path, files: list[Path]) -> None:
    """Feed each file's path (relative to ``root``) and its whole content into ``digest``.

    A file that cannot be read was already reported by the parser; it counts here as unreadable
    instead of raising a second time.
    """
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"\0unreadable")
        digest.update(b"\0")


def fingerprint(root: Path, files: list[Path]) -> str:
    """A hash of the story's text, so a save can tell whether it was made with this story."""
    digest = hashlib.sha256()
    digest_files(digest, root, files)
    return digest.hexdigest()[:16]
