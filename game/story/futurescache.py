"""The What if? cache: every key-decision situation's futures, on disk by story fingerprint.

One file per story version, ``saves/.cache/whatif-<fingerprint>.sqlite``, shared by every game
on the machine (a served lesson runs one process per browser tab; SQLite lets them share it
safely). A row is a situation's key, hashed, and each choice's futures as a list in the role's
ending order (``futures.role_endings``), which the fingerprint fixes. A lock file per role lets one game walk while the
others wait for its answer. The cache is only ever a shortcut: a damaged or unwritable file
means counting again, never an error. Delete the folder at any time.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import time
from pathlib import Path

from game.story.futures import Vectors, role_endings
from game.story.model import Story

CACHE_FORMAT = 2  # 2: the state key leaves out what no later condition reads (statekey)
STALE_LOCK_SECONDS = 300  # a walk takes seconds: a lock this old was left by a killed game
_MEMORY: dict[tuple[str, str, str], Vectors] = {}  # this process's answers, with or without a disk


class FuturesCache:
    """Answers kept on disk by story fingerprint; without a folder (or on any error) only in memory."""

    def __init__(self, folder: Path | None, story: Story):
        self.story = story
        self.fingerprint = story.fingerprint
        self.path = folder / f"whatif-{self.fingerprint}.sqlite" if folder is not None else None

    def _connect(self) -> sqlite3.Connection | None:
        if self.path is None:
            return None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=10)
        except (sqlite3.Error, OSError):
            return None
        try:
            db.execute(
                "CREATE TABLE IF NOT EXISTS futures (role TEXT, key BLOB, counts TEXT, PRIMARY KEY (role, key)) WITHOUT ROWID"
            )
            db.execute("CREATE TABLE IF NOT EXISTS walked (role TEXT PRIMARY KEY, format INTEGER)")
        except sqlite3.Error:  # not a database (damaged): count without a cache, leave the file alone
            db.close()
            return None
        return db

    def lookup(self, role: str, short: bool, keys: list[str]) -> tuple[dict[str, Vectors], bool]:
        """The answers known for ``keys``, and whether the whole role was walked already."""
        size = len(role_endings(self.story, role))
        role = _walk_name(role, short)
        found = {k: _MEMORY[(self.fingerprint, role, k)] for k in keys if (self.fingerprint, role, k) in _MEMORY}
        walked = False
        db = self._connect()
        if db is None:
            return found, walked
        with contextlib.closing(db), contextlib.suppress(sqlite3.Error):
            row = db.execute("SELECT format FROM walked WHERE role = ?", (role,)).fetchone()
            walked = row is not None and row[0] == CACHE_FORMAT
            for k in keys:
                if k in found:
                    continue
                hit = db.execute("SELECT counts FROM futures WHERE role = ? AND key = ?", (role, _hash(k))).fetchone()
                counts = _decode(hit[0], size) if hit else None
                if counts is not None:
                    found[k] = _MEMORY[(self.fingerprint, role, k)] = counts
        return found, walked

    def store(
        self, role: str, short: bool, rows: dict[str, Vectors], keep: list[str], whole_role: bool = False
    ) -> None:
        """Write ``rows``; this process remembers the ``keep`` ones (all of them without a disk)."""
        role = _walk_name(role, short)
        db = self._connect()
        for k, counts in rows.items():
            if db is None or k in keep:
                _MEMORY[(self.fingerprint, role, k)] = counts
        if db is None:
            return
        with contextlib.closing(db), contextlib.suppress(sqlite3.Error), db:
            db.executemany(
                "INSERT OR REPLACE INTO futures VALUES (?, ?, ?)",
                [(role, _hash(k), _encode(v)) for k, v in rows.items()],
            )
            if whole_role:
                db.execute("INSERT OR REPLACE INTO walked VALUES (?, ?)", (role, CACHE_FORMAT))

    def _lock(self, role: str, short: bool) -> Path | None:
        name = _hash(_walk_name(role, short)).hex()
        return self.path.with_name(f"{self.path.stem}-{name}.lock") if self.path else None

    def claim(self, role: str, short: bool) -> bool:
        """True if this game may walk ``role`` now (no other game on the machine is walking it)."""
        lock = self._lock(role, short)
        if lock is None:
            return True
        with contextlib.suppress(OSError):
            lock.parent.mkdir(parents=True, exist_ok=True)
            if time.time() - lock.stat().st_mtime > STALE_LOCK_SECONDS:
                lock.unlink()
        try:
            os.close(os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
        except FileExistsError:
            return False
        except OSError:
            return True  # no lock possible (a read-only folder): walk, and cache nothing
        return True

    def release(self, role: str, short: bool) -> None:
        lock = self._lock(role, short)
        if lock is not None:
            with contextlib.suppress(OSError):
                lock.unlink()


def _walk_name(role: str, short: bool) -> str:
    """The short version of the story passes over some scenes: its walk is cached apart."""
    return f"{role} short" if short else role


def _hash(key: str) -> bytes:
    return hashlib.sha256(key.encode("utf-8")).digest()[:16]


def _encode(vectors: Vectors) -> str:
    return json.dumps({str(i): v for i, v in vectors.items()}, separators=(",", ":"))


def _decode(text: str, size: int) -> Vectors | None:
    """A cached row, checked: anything malformed counts as not cached."""
    try:
        data = json.loads(text)
        out = {}
        for i, vector in data.items():
            if not isinstance(vector, list) or len(vector) != size:
                return None
            out[int(i)] = [int(n) for n in vector]
        return out
    except (ValueError, TypeError, AttributeError):
        return None
