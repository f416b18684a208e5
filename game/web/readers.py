"""Readers of the web edition: one small in-memory record per browser, keyed by a random cookie.

The engine state is plain data, so a reader costs a few kilobytes and no process, and one
machine serves a whole school. The table is bounded: when it is full, readers idle for hours
make room, and otherwise a newcomer is told to wait rather than pushing anyone out.

Who a reader is, and where their saves go, is the job of a roster (``SharedSaves`` when one
person plays, ``ClassSaves`` in a class session), so per-student identity can change without
touching the pages.
"""

from __future__ import annotations

import asyncio
import re
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from game.l10n import _
from game.story.export import safe_stem
from game.story.model import Story
from game.story.roster import Roster as ClassRoster
from game.story.roster import RosterError
from game.story.saves import SaveStore
from game.story.session import Session

if TYPE_CHECKING:
    from game.web.views_ticket import TicketRun

MAX_READERS = 500
IDLE_SECONDS = 4 * 3600  # a reader untouched this long may make room for a new one
FRESH_SECONDS = 10 * 60  # a reader who never started a game may make room sooner
NAME_LIMIT = 40
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069]")


@dataclass
class Notice:
    """A line shown once, in the page's status region: a card found, a save made, an error."""

    text: str
    link: str = ""
    link_text: str = ""
    kind: str = "info"  # "info" or "error"


class Roster(Protocol):
    needs_name: bool

    def open(self, story: Story, name: str, code: str) -> tuple[Session | None, str]: ...


class SharedSaves:
    """One player (at home, in a library): the same saves folder as the terminal game."""

    needs_name = False

    def __init__(self, root: Path):
        self.root = root

    def open(self, story: Story, name: str, code: str = "") -> tuple[Session | None, str]:
        return Session(story, SaveStore(self.root), player=name), ""


class ClassSaves:
    """A class session: the same roster as the terminal game (game/story/roster.py).

    A new student is enrolled and given a code; a returning one types name and code and gets
    their own saves back, whether they played in a terminal, the served game or here.
    """

    needs_name = True

    def __init__(self, root: Path, class_name: str):
        self.root = root
        self.class_name = class_name
        self.roster = ClassRoster(root / safe_stem(class_name))

    def open(self, story: Story, name: str, code: str = "") -> tuple[Session | None, str]:
        """(session, message): a wrong code gives no session and says why."""
        session = Session(story, SaveStore(self.root), player=name, class_name=self.class_name)
        if code:
            student = self.roster.find(name, code)
            if student is None:
                return None, (
                    _(
                        "That code does not belong to the name {name}. Check it, or leave the code empty to start "
                        "as a new player."
                    ).format(name=name)
                )
            session.join(student)
            return session, _("Welcome back, {name}. Your own games are under Continue and Saves.").format(
                name=student.name
            )
        try:
            student = self.roster.enrol(name)
        except RosterError as exc:
            session.autosave_enabled = False
            return session, _("Your game cannot be saved: {error}. Tell your teacher.").format(error=exc)
        session.join(student)
        return session, (
            _(
                "Welcome, {name}. Your code is {code}. Write it down: with your name it opens your "
                "own game if you close this page or come back next lesson."
            ).format(name=student.name, code=student.code)
        )


def clean_name(raw: str) -> str:
    """A player's name as typed, minus control characters, collapsed and cut to 40 characters."""
    name = " ".join(_CONTROL.sub("", raw).split())
    return name[:NAME_LIMIT].strip() or "anonymous"


@dataclass
class Reader:
    token: str
    csrf: str
    session: Session | None = None
    turn: int = 0  # bumped on every change of the game, so a stale page's form is recognised
    notices: list[Notice] = field(default_factory=list)
    summary: tuple[int, dict] | None = None  # (turn, summary data) cached for reloads
    ticket: TicketRun | None = None  # the exit ticket in progress (game.web.views_ticket)
    last_seen: float = field(default_factory=time.monotonic)
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    def playing(self) -> bool:
        return self.session is not None and self.session.state is not None

    def notify(self, text: str, link: str = "", link_text: str = "", kind: str = "info") -> None:
        self.notices.append(Notice(text, link, link_text, kind))

    def take_notices(self) -> list[Notice]:
        notices, self.notices = self.notices, []
        return notices


class ReaderTable:
    """The readers by cookie token, bounded by ``limit``."""

    def __init__(self, limit: int = MAX_READERS, idle_seconds: float = IDLE_SECONDS):
        self.limit = limit
        self.idle_seconds = idle_seconds
        self.readers: dict[str, Reader] = {}

    def __len__(self) -> int:
        return len(self.readers)

    def get(self, token: str | None) -> Reader | None:
        reader = self.readers.get(token or "")
        if reader is not None:
            reader.last_seen = time.monotonic()
        return reader

    def create(self) -> Reader | None:
        """A new reader, or None when the table is full and nobody can make room."""
        if len(self.readers) >= self.limit and not self._make_room():
            return None
        reader = Reader(secrets.token_urlsafe(32), secrets.token_urlsafe(24))
        self.readers[reader.token] = reader
        return reader

    def _make_room(self) -> bool:
        now = time.monotonic()

        def idle(r: Reader) -> bool:
            age = now - r.last_seen
            return age > self.idle_seconds or (not r.playing() and age > FRESH_SECONDS)

        stale = [token for token, r in self.readers.items() if idle(r)]
        for token in stale:
            del self.readers[token]
        return bool(stale)
