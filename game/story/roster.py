"""The students of one class folder: who is who, so that no two students' games ever mix.

In a served lesson every browser tab is a fresh process and the class folder is shared by all of
them. A name alone cannot tell two students apart (two Katis, or Kati's tab closed and reopened),
so each student is enrolled once with a short code that the game shows them and asks for when
they come back. A student's saves, autosaves and playthrough counter live in their own folder,
``<class>/students/<name>-<code>/`` (the record itself is ``.student.json``); the summaries the teacher collects stay at the top of the
class folder, each labelled with the student's id and playthrough number.

There are no passwords here: the code only keeps honest students' games apart, which is what a
lesson needs. A student who knows another's name and code can open that game, as they could
by looking over a shoulder.
"""

from __future__ import annotations

import json
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from game.story.export import safe_stem
from game.story.printable import printable
from game.story.saves import atomic_write

STUDENTS = "students"
RECORD = ".student.json"  # hidden: the saves list never shows it as a save
CODE_DIGITS = 4
NAME_LIMIT = 60


class RosterError(Exception):
    """A roster that cannot be used (a folder we cannot write), with a reason a player can read."""


@dataclass(frozen=True)
class Student:
    """One enrolled student: the name they typed, their code, and their own folder."""

    id: str
    name: str
    code: str
    folder: Path

    def next_playthrough(self) -> int:
        """Count this student's playthroughs: a second role, or the same one again, is a new one."""
        counter = self.folder / "playthroughs"
        try:
            n = int(counter.read_text(encoding="utf-8").strip() or 0) + 1
        except (OSError, ValueError):
            n = 1
        atomic_write(counter, f"{n}\n")
        return n


def clean_name(name: str) -> str:
    """The name as shown: control and format characters removed, spaces folded, length bounded."""
    return " ".join(printable(name).split())[:NAME_LIMIT]


def _key(name: str) -> str:
    """Names match regardless of case, accents typed as composed or not, and spacing."""
    return unicodedata.normalize("NFC", clean_name(name)).casefold()


class Roster:
    """The ``students/`` folder of one class: enrol a new student, find a returning one."""

    def __init__(self, class_folder: Path):
        self.class_folder = class_folder
        self.root = class_folder / STUDENTS

    def students(self) -> list[Student]:
        found: list[Student] = []
        if not self.root.is_dir():
            return found
        for folder in sorted(self.root.iterdir()):
            student = self._read(folder)
            if student is not None:
                found.append(student)
        return found

    def named(self, name: str) -> list[Student]:
        """Every enrolled student with this name (usually none or one)."""
        key = _key(name)
        return [s for s in self.students() if _key(s.name) == key]

    def find(self, name: str, code: str) -> Student | None:
        code = code.strip()
        if not code.isascii():  # compare_digest takes ASCII text only; every real code is ASCII digits
            return None
        return next((s for s in self.named(name) if secrets.compare_digest(s.code, code)), None)

    def enrol(self, name: str) -> Student:
        """A new student with a code no one else in this class has; their folder is created atomically."""
        name = clean_name(name) or "anonymous"
        taken = {s.code for s in self.students()}
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise RosterError(f"cannot create the class folder ({exc.strerror})") from None
        for _ in range(1000):
            code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
            if code in taken:
                continue
            folder = self.root / f"{safe_stem(name)}-{code}"
            try:
                folder.mkdir()  # atomic: two tabs enrolling at once never share a folder
            except FileExistsError:
                continue
            except OSError as exc:
                raise RosterError(f"cannot create your folder ({exc.strerror})") from None
            record = {"name": name, "code": code, "enrolled": datetime.now().isoformat(timespec="seconds")}
            try:
                atomic_write(folder / RECORD, json.dumps(record, ensure_ascii=False))
            except OSError as exc:
                raise RosterError(f"cannot write your student record ({exc.strerror})") from None
            return Student(folder.name, name, code, folder)
        raise RosterError("this class has no free codes left; ask your teacher to start a new class folder")

    @staticmethod
    def _read(folder: Path) -> Student | None:
        """A student folder, or None for anything else (a stray file, a damaged record)."""
        if not folder.is_dir() or folder.is_symlink():
            return None
        try:
            record = json.loads((folder / RECORD).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            return None
        if not isinstance(record, dict):
            return None
        name, code = record.get("name"), record.get("code")
        if not isinstance(name, str) or not isinstance(code, str) or not code.isascii() or not code.isdigit():
            return None
        return Student(folder.name, clean_name(name) or "anonymous", code, folder)
