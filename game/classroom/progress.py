"""What the teacher console shows: each playthrough's progress file, read tolerantly.

In a class session every playthrough writes ``<saves>/<class>/progress/<student-id>-<n>.json``
atomically at every scene (the game's Session does). The object holds ``student`` (id), ``name``,
``playthrough`` (int), ``role``, ``scene``, ``scene_title``, ``when`` (in-game date and time as
text), ``decisions`` (int), ``play_seconds``, ``finished`` and ``updated_at`` (ISO time). A file
that is damaged, half-written by an older version or missing keys is shown with what it has, or
skipped; it never stops the console.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

IDLE_MINUTES = 5
MAX_FILE = 64 * 1024


@dataclass(frozen=True)
class Progress:
    student: str
    name: str
    playthrough: int
    role: str
    scene_title: str
    when: str
    decisions: int
    play_seconds: float
    finished: bool
    updated_at: datetime | None

    def minutes_idle(self, now: datetime) -> float | None:
        if self.updated_at is None:
            return None
        return max(0.0, (now - self.updated_at).total_seconds() / 60)

    def status(self, now: datetime, idle_minutes: float = IDLE_MINUTES) -> str:
        """``finished``, ``idle N min`` (no new scene for a while) or ``playing``."""
        if self.finished:
            return "finished"
        idle = self.minutes_idle(now)
        if idle is None or idle >= idle_minutes:
            return "idle" if idle is None else f"idle {int(idle)} min"
        return "playing"


def _text(value: object, limit: int = 80) -> str:
    return "" if value is None else " ".join(str(value).split())[:limit]


def _int(value: object) -> int:
    if isinstance(value, bool):
        return 0
    if isinstance(value, int):
        return max(0, value)
    if isinstance(value, float) and math.isfinite(value):
        return max(0, int(value))
    return 0


def _seconds(value: object) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return max(0.0, float(value))
    return 0.0


def _time(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.astimezone()  # naive: the machine's local time


def parse(doc: object, fallback_id: str) -> Progress | None:
    """One progress object, or None if it is not one."""
    if not isinstance(doc, dict) or not any(k in doc for k in ("student", "name", "scene")):
        return None
    return Progress(
        student=_text(doc.get("student")) or fallback_id,
        name=_text(doc.get("name"), 40) or "anonymous",
        playthrough=max(1, _int(doc.get("playthrough"))),
        role=_text(doc.get("role"), 30),
        scene_title=_text(doc.get("scene_title")) or _text(doc.get("scene")),
        when=_text(doc.get("when"), 40),
        decisions=_int(doc.get("decisions")),
        play_seconds=_seconds(doc.get("play_seconds")),
        finished=doc.get("finished") is True,
        updated_at=_time(doc.get("updated_at")),
    )


def read_progress(class_folder: Path) -> list[Progress]:
    """Every readable progress file of the class, by name then playthrough; bad files are skipped."""
    folder = class_folder / "progress"
    found: list[Progress] = []
    try:
        paths = sorted(folder.glob("*.json"))
    except OSError:
        return []
    for path in paths:
        try:
            if path.stat().st_size > MAX_FILE:
                continue
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError, RecursionError):
            continue
        item = parse(doc, path.stem)
        if item is not None:
            found.append(item)
    return sorted(found, key=lambda p: (p.name.casefold(), p.student, p.playthrough))


def now() -> datetime:
    return datetime.now(UTC)
