"""A compiled copy of the validated story on disk, so that a game starts without reading YAML.

Reading, checking and compiling the story costs more than the rest of start-up together (the
YAML parser and the checker alone are a fifth of a bare Textual app's start). A game keeps the
story it built in ``<saves>/.cache/story-<name>.pickle`` and, on the next start, uses that copy
only if it is *exactly* the story on disk:

- the copy is keyed by a SHA-256 of every file it was built from, content and path (the story's
  YAML files and, for a translation, its files in ``i18n/<lang>/``), of the game's own
  ``game/story`` code and of the Python version; any change to any of them rebuilds it;
- the payload carries its own SHA-256, so a damaged file is never unpickled, and unpickling may
  only make the story's own classes (nothing else can be named in the file);
- a damaged, stale or unreadable copy is ignored and rebuilt, never trusted; a failure to write
  one only means the next start reads the YAML again;
- it is written to a temporary file and renamed into place, so two games building at once both
  finish and the file is always one of their whole copies.

Conditions and effects are closures, which pickle cannot store: a ``Compiled`` is stored as its
checked expression tree and ``exprcode`` builds the closure again on loading (about 2 ms for the
shipped story, against about 40 ms for reading and checking the YAML). ``check`` never uses the
cache: it always reads the YAML. Delete the folder at any time.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import sys
import tempfile
from pathlib import Path

from game.story.files import digest_files, story_files, translation_files
from game.story.model import Story

CACHE_FORMAT = 1
MAGIC = b"budapest56 story cache\n"
CODE = Path(__file__).resolve().parent  # the game/story package: the code that builds a Story
_DIGEST = hashlib.sha256().digest_size

# What a cache file may name: the story's own classes, nothing else (see _Unpickler).
_ALLOWED = {
    "game.story.model": {
        "Story",
        "StoryMeta",
        "Role",
        "Variable",
        "ExitQuestion",
        "Scene",
        "Passage",
        "Choice",
        "ChoiceView",
        "Outcome",
        "Decision",
        "Ending",
        "FactCard",
        "GlossaryEntry",
        "TimelineEvent",
        "Disputed",
        "Citation",
        "Source",
    },
    "game.story.exprtypes": {"Compiled", "VarInfo"},
    "game.story.problems": {"Mark"},
}


def cache_path(folder: Path, root: Path, lang: str | None) -> Path:
    """One file per story folder and language, replaced whenever that story changes."""
    name = hashlib.sha256(f"{root.resolve()}\0{lang or ''}".encode()).hexdigest()[:16]
    return folder / f"story-{name}.pickle"


def source_key(root: Path, lang: str | None) -> bytes:
    """The SHA-256 of everything the compiled story depends on (see the module's docstring)."""
    digest = hashlib.sha256(MAGIC)
    digest.update(f"{CACHE_FORMAT}\0{sys.version}\0{lang or ''}\0".encode())
    digest_files(digest, CODE, sorted(CODE.glob("*.py")))
    digest_files(digest, root, story_files(root))
    if lang:
        digest_files(digest, root, translation_files(root, lang))
    return digest.digest()


def load_story_cached(root: Path | str, lang: str | None, folder: Path | None, verbose: bool = False) -> Story:
    """What ``load_story(root, lang)`` returns, from the cache in ``folder`` when it is the same story.

    Raises StoryLoadError (from reading the YAML) like ``load_story``; a story with errors is never
    cached. Without a folder, the YAML is read as usual.
    """
    root = Path(root)
    if folder is None or not root.is_dir():
        return _from_yaml(root, lang)
    path = cache_path(folder, root, lang)
    try:
        key = source_key(root, lang)
    except OSError:  # a file vanished or cannot be read: let the loader report it
        return _from_yaml(root, lang)
    story = read_cache(path, key, verbose)
    if story is None:
        story = _from_yaml(root, lang)
        write_cache(path, key, story, verbose)
    return story


def read_cache(path: Path, key: bytes, verbose: bool = False) -> Story | None:
    """The story in ``path`` if it was built from exactly ``key``; None if missing, stale or damaged."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        _say(verbose, f"cannot read the story cache {path}: {exc.strerror}; reading the story instead")
        return None
    head = len(MAGIC)
    if data[:head] != MAGIC or len(data) < head + 2 * _DIGEST:
        _say(verbose, f"the story cache {path} is damaged; building it again")
        return None
    stored_key, checksum, payload = (
        data[head : head + _DIGEST],
        data[head + _DIGEST : head + 2 * _DIGEST],
        data[head + 2 * _DIGEST :],
    )
    if stored_key != key:
        return None  # stale: the story (or the game) changed since; quietly built again
    if hashlib.sha256(payload).digest() != checksum:
        _say(verbose, f"the story cache {path} is damaged; building it again")
        return None
    try:
        story = _Unpickler(io.BytesIO(payload)).load()
    except Exception as exc:  # noqa: BLE001 — whatever a bad file raises, it is only a cache
        _say(verbose, f"the story cache {path} cannot be used ({exc.__class__.__name__}); building it again")
        return None
    return story if isinstance(story, Story) else None


def write_cache(path: Path, key: bytes, story: Story, verbose: bool = False) -> bool:
    """Store ``story`` under ``key``, atomically (a temporary file renamed into place)."""
    try:
        payload = pickle.dumps(story, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError) as exc:
        _say(verbose, f"the story cannot be cached ({exc}); it will be read again next time")
        return False
    data = MAGIC + key + hashlib.sha256(payload).digest() + payload
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
        return True
    except OSError as exc:
        _say(verbose, f"cannot write the story cache {path}: {exc.strerror}; the story will be read again next time")
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        return False


class _Unpickler(pickle.Unpickler):
    """Unpickling that can only make the story's own classes: a file can run no other code."""

    def find_class(self, module: str, name: str) -> type:
        if name in _ALLOWED.get(module, ()):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a story")


def _from_yaml(root: Path, lang: str | None) -> Story:
    from game.story.loader import load_story  # the YAML stack: only when the cache cannot serve

    return load_story(root, lang)


def _say(verbose: bool, message: str) -> None:
    if verbose:
        print(f"budapest56: {message}", file=sys.stderr)
