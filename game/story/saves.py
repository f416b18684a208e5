"""Save files that are never lost: atomic writes, versioned JSON, damaged files kept and reported.

A lesson ends mid-story; the student comes back next week. So a save is written to a temporary
file, flushed and fsynced, then atomically renamed over the old one: an interrupted write leaves
the previous save loadable. A file we cannot read is listed with the reason and never deleted or
overwritten — if a new save must go to its slot, the damaged file is first moved aside.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from game.locations import default_saves
from game.story.model import Story
from game.story.state import GameState, text

FORMAT = "budapest56-save"
VERSION = 1
SLOT_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9 _-]{0,39}")
HISTORY_LIMIT = 200
META_KEYS = ("student", "playthrough", "rewinds", "cards_opened")
STALE_TEMPORARY_SECONDS = 60


class SaveError(Exception):
    """A save that cannot be used, with a reason a player can read."""


def saves_dir(override: Path | None = None) -> Path:
    """--saves-dir, else $BUDAPEST56_SAVES, else saves/ in the project (checkout) or the user's data folder."""
    return override if override is not None else default_saves()


def check_slot(name: str) -> str:
    """Reject any slot name that could leave the saves folder or confuse a file system."""
    if not SLOT_NAME.fullmatch(name) or name.strip() != name:
        raise SaveError(
            f"'{name}' is not a valid save name: use 1–40 letters, digits, spaces, '-' or '_', "
            "starting with a letter or digit"
        )
    return name


@dataclass
class SaveInfo:
    """One line of the Load screen: a good save, or a damaged one with the reason."""

    slot: str
    path: Path
    ok: bool
    reason: str = ""
    role: str = ""
    clock: int = 0
    where: str = ""
    saved_at: str = ""
    play_seconds: float = 0.0
    player: str = ""
    ended: bool = False
    student: str = ""
    playthrough: int = 0
    rewinds: int = 0
    cards_opened: list[str] = field(default_factory=list)


@dataclass
class Loaded:
    """A save read back: the state, the states before it (for rewind) and any caveat."""

    info: SaveInfo
    state: GameState
    history: list[GameState] = field(default_factory=list)
    scene_missing: bool = False
    story_changed: bool = False
    notes: list[str] = field(default_factory=list)


def atomic_write(path: Path, text: str) -> None:
    """Write ``text`` so that ``path`` holds either the old or the new content, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):  # persist the rename itself (not possible on every OS)
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


class SaveStore:
    """The saves folder: list, save, load. Slot names map to ``<slot>.json`` inside it."""

    def __init__(self, root: Path):
        self.root = root
        self._written: dict[Path, tuple[int, int, int]] = {}  # files this store wrote, as it left them

    def _stamp(self, path: Path) -> tuple[int, int, int] | None:
        try:
            st = path.stat()
        except OSError:
            return None
        return (st.st_ino, st.st_size, st.st_mtime_ns)

    def path_for(self, slot: str) -> Path:
        path = (self.root / f"{check_slot(slot)}.json").resolve()
        if path.parent != self.root.resolve():
            raise SaveError(f"'{slot}' would be saved outside the saves folder")
        return path

    def save(
        self,
        slot: str,
        story: Story,
        state: GameState,
        history: list[GameState] | None = None,
        play_seconds: float = 0.0,
        player: str = "",
        meta: dict[str, object] | None = None,
    ) -> Path:
        """Write a save; ``meta`` adds the class session's labels (student id, playthrough, rewinds)."""
        path = self.path_for(slot)
        stamp = self._stamp(path)
        # a save that is not the one this store last wrote (another program, a hand edit) is read
        # first, and kept aside if it is damaged; the autosave it wrote a step ago need not be
        if stamp is not None and self._written.get(path) != stamp and not self.inspect(path).ok:
            self._move_aside(path)
        scene = story.scenes.get(state.scene)
        document = {
            "format": FORMAT,
            "version": VERSION,
            "story": story.fingerprint,
            "story_title": story.meta.title,
            "slot": slot,
            "saved_at": datetime.now().isoformat(timespec="seconds"),
            "play_seconds": round(play_seconds, 1),
            "player": player,
            "where": scene.where if scene else "",
            "state": state.to_dict(),
            "history": [s.to_dict() for s in (history or [])[-HISTORY_LIMIT:]],
            **{k: v for k, v in (meta or {}).items() if k in META_KEYS},
        }
        atomic_write(path, json.dumps(document, ensure_ascii=False, indent=1))
        stamp = self._stamp(path)
        if stamp is not None:
            self._written[path] = stamp
        return path

    @staticmethod
    def _move_aside(path: Path, label: str = "damaged") -> Path:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = path.with_name(f"{path.stem}.{label}-{stamp}.json")
        n = 1
        while target.exists():
            n += 1
            target = path.with_name(f"{path.stem}.{label}-{stamp}-{n}.json")
        os.replace(path, target)
        return target

    def keep_aside(self, path: Path) -> Path | None:
        """Move a save out of its slot so a new game can use the slot; the old file is kept whole.

        Used when a save cannot go on (its scene left the story) and the role starts again: the
        new game's autosave must not overwrite the old one, which the player was told is kept.
        """
        if not path.exists():
            return None
        return self._move_aside(path, "kept")

    def clean_temporaries(self, older_than: float = STALE_TEMPORARY_SECONDS) -> int:
        """Remove temporary files left by a write that was killed (``kill -9``, power cut).

        A live write holds its temporary for milliseconds; only files older than ``older_than``
        seconds are removed, so another process saving at this moment is never disturbed.
        """
        if not self.root.is_dir():
            return 0
        removed = 0
        cutoff = time.time() - older_than
        for tmp in self.root.glob(".*.json.*.tmp"):
            with contextlib.suppress(OSError):
                if tmp.is_file() and tmp.stat().st_mtime < cutoff:
                    tmp.unlink()
                    removed += 1
        return removed

    def list(self) -> list[SaveInfo]:
        """Every save file, newest first; damaged ones included, with their reason."""
        if not self.root.is_dir():
            return []
        infos = [self.inspect(p) for p in self.root.glob("*.json") if p.is_file() and not p.name.startswith(".")]
        return sorted(infos, key=lambda i: (i.ok, i.saved_at), reverse=True)

    def latest(self, role: str | None = None) -> SaveInfo | None:
        good = [i for i in self.list() if i.ok and not i.ended and (role is None or i.role == role)]
        return max(good, key=lambda i: i.saved_at) if good else None

    def inspect(self, path: Path) -> SaveInfo:
        """Read and check a whole save file; a file that fails any check is reported as damaged."""
        try:
            _document, info, _state, _history = _parse(path)
        except SaveError as exc:
            return SaveInfo(path.stem, path, False, str(exc))
        return info

    def load(self, slot: str, story: Story) -> Loaded:
        return self.load_path(self.path_for(slot), story)

    def load_path(self, path: Path, story: Story) -> Loaded:
        """Read a save; raise SaveError with the reason if it cannot be used with this story."""
        document, info, state, history = _parse(path)
        if state.role not in story.roles:
            raise SaveError(f"this save is for role '{state.role}', which this story does not have")
        loaded = Loaded(info, state, history, story_changed=document.get("story") != story.fingerprint)
        if state.scene not in story.scenes:
            loaded.scene_missing = True
            return loaded
        loaded.state = _fit(story, state, loaded.notes)
        # drop rewind points whose scene no longer exists in an edited story
        loaded.history = [_fit(story, h, []) for h in history if h.scene in story.scenes and h.role == state.role]
        return loaded


def _same_kind(a: object, b: object) -> bool:
    return isinstance(a, bool) == isinstance(b, bool) and isinstance(a, str) == isinstance(b, str)


def _fit(story: Story, state: GameState, notes: list[str]) -> GameState:
    """Make a state made with an earlier version of the story fit this one, saying what changed.

    A variable added since gets its start value; one removed is dropped; one whose kind changed
    (a number that became text) starts again; fact cards that no longer exist are dropped. The
    game then goes on where it was instead of failing at the next choice.
    """
    known = story.variables_for(state.role)
    vars_: dict[str, int | bool | str] = {}
    for name, var in known.items():
        value = state.vars.get(name, var.initial)
        if not _same_kind(value, var.initial):
            notes.append(f"'{var.label or name}' changed in the story since this save; it starts again")
            value = var.initial
        vars_[name] = value
    facts = tuple(f for f in state.facts if f in story.facts)
    if len(facts) != len(state.facts):
        notes.append(f"{len(state.facts) - len(facts)} fact card(s) of this save are no longer in the story")
    if vars_ == state.vars and facts == state.facts:
        return state
    return state._replace(vars=vars_, facts=facts)


def _parse(path: Path) -> tuple[dict, SaveInfo, GameState, list[GameState]]:
    """Everything in a save, checked field by field; SaveError names the first thing wrong."""
    document = _read_document(path)
    try:
        state = GameState.from_dict(document["state"])
    except KeyError as exc:
        raise SaveError(f"damaged: the game state is incomplete ({exc.args[0]} is missing)") from None
    except (TypeError, ValueError, AttributeError) as exc:
        raise SaveError(f"damaged: the game state is not valid ({exc})") from None
    raw_history = document.get("history", [])
    try:
        if not isinstance(raw_history, list):
            raise ValueError("it is not a list")
        history = [GameState.from_dict(s) for s in raw_history]
    except KeyError as exc:
        raise SaveError(f"damaged: the rewind history is incomplete ({exc.args[0]} is missing)") from None
    except (TypeError, ValueError, AttributeError) as exc:
        raise SaveError(f"damaged: the rewind history is not valid ({exc})") from None
    seconds = document.get("play_seconds", 0)
    if isinstance(seconds, bool) or not isinstance(seconds, int | float) or not 0 <= seconds < 10**9:
        raise SaveError("damaged: the play time is not a number of seconds")
    labels: dict[str, str] = {}
    for key in ("slot", "where", "saved_at", "player", "student"):
        try:
            labels[key] = text(document.get(key, ""), f"'{key}'")
        except ValueError as exc:
            raise SaveError(f"damaged: {exc}") from None
    counts: dict[str, int] = {}
    for key in ("playthrough", "rewinds"):
        value = document.get(key, 0)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 10**6:
            raise SaveError(f"damaged: '{key}' is not a whole number")
        counts[key] = value
    opened = document.get("cards_opened", [])
    if not isinstance(opened, list) or not all(isinstance(c, str) for c in opened):
        raise SaveError("damaged: 'cards_opened' is not a list of card ids")
    info = SaveInfo(
        slot=labels["slot"] or path.stem,
        path=path,
        ok=True,
        role=state.role,
        clock=state.clock,
        where=labels["where"],
        saved_at=labels["saved_at"],
        play_seconds=float(seconds),
        player=labels["player"],
        ended=state.ending is not None,
        student=labels["student"],
        playthrough=counts["playthrough"],
        rewinds=counts["rewinds"],
        cards_opened=opened,
    )
    return document, info, state, history


def _read_document(path: Path) -> dict:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SaveError(f"cannot read the file ({exc.strerror})") from None
    if not raw.strip():
        raise SaveError("damaged: the file is empty")
    try:
        document = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise SaveError("damaged: not text (the file holds binary data)") from None
    except json.JSONDecodeError as exc:
        raise SaveError(f"damaged: not valid JSON at line {exc.lineno}, column {exc.colno} (cut short?)") from None
    except RecursionError:
        raise SaveError("damaged: nested too deeply to be a save") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise SaveError("not a Budapest 1956 save file")
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise SaveError("damaged: the format version is missing")
    if version > VERSION:
        raise SaveError(f"made by a newer version of the game (save format {version}; this game reads {VERSION})")
    if version < 1:
        raise SaveError(f"unknown save format version {version}")
    if not isinstance(document.get("state"), dict):
        raise SaveError("damaged: the game state is missing")
    return document
