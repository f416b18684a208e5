"""Messages from the teacher to every game of a class, through one file in the class folder.

The teacher console writes ``<saves>/<class>/broadcast.json`` atomically: ``{"messages": [{"id",
"text", "time"}, …]}``, the last few messages, newest last. Each game of the class polls it every
few seconds and shows every message it has not shown yet, once (``game/tui/broadcast.py``).
A file is the whole channel, so it works for games in browser tabs and in terminals on the same
machine alike, with no network between them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from game.story.saves import atomic_write

FILE = "broadcast.json"
KEEP = 10
MAX_TEXT = 300
MAX_FILE = 64 * 1024


@dataclass(frozen=True)
class Message:
    id: int
    text: str
    time: str


def clean(text: str) -> str:
    """One line of printable text, at most ``MAX_TEXT`` characters."""
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())[:MAX_TEXT]


def read(class_folder: Path) -> list[Message]:
    """The messages in the file, oldest first; a missing or damaged file holds none."""
    path = class_folder / FILE
    try:
        if path.stat().st_size > MAX_FILE:
            return []
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return []
    items = doc.get("messages") if isinstance(doc, dict) else None
    messages = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        ident, text = item.get("id"), item.get("text")
        if isinstance(ident, int) and not isinstance(ident, bool) and isinstance(text, str) and clean(text):
            messages.append(Message(ident, clean(text), str(item.get("time", ""))))
    return sorted(messages, key=lambda m: m.id)


def post(class_folder: Path, text: str) -> Message:
    """Add a message for every game of the class (raises OSError if the folder is not writable)."""
    text = clean(text)
    if not text:
        raise ValueError("the message is empty")
    earlier = read(class_folder)
    message = Message((earlier[-1].id + 1) if earlier else 1, text, datetime.now().astimezone().isoformat())
    kept = [*earlier, message][-KEEP:]
    doc = {"messages": [{"id": m.id, "text": m.text, "time": m.time} for m in kept]}
    atomic_write(class_folder / FILE, json.dumps(doc, ensure_ascii=False, indent=1))
    return message


class Inbox:
    """A game's view of the file: ``new()`` gives each message once, none from before it opened."""

    def __init__(self, class_folder: Path) -> None:
        self.folder = class_folder
        earlier = read(class_folder)
        self.seen = earlier[-1].id if earlier else 0

    def new(self) -> list[Message]:
        messages = read(self.folder)
        if messages and messages[-1].id < self.seen:
            self.seen = 0  # the file was started again (a new lesson's console): all of it is new
        fresh = [m for m in messages if m.id > self.seen]
        if fresh:
            self.seen = fresh[-1].id
        return fresh
