"""The endings gallery: which endings a player has found, per role, kept across games.

Seeing "2 of 5 endings found", with the others as a silhouette ("someone who stayed and kept
quiet", the author's ``hint:``), invites a second and third playthrough: the point of the game is
that the same days ended very differently for different people. The record is one small hidden
file in the player's saves folder — in a class session the student's own folder — so it
survives between lessons and is never listed as a save.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from game.l10n import _
from game.story.model import Story
from game.story.saves import atomic_write

FILE = ".endings.json"
FORMAT = "budapest56-endings"


@dataclass
class Found:
    """An ending the player has reached: shown by title in the gallery."""

    id: str
    title: str
    kind: str


@dataclass
class RoleGallery:
    """One role's endings: those found, named, and the others as hints."""

    role: str
    name: str
    found: list[Found] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)  # one per ending not found yet

    @property
    def total(self) -> int:
        return len(self.found) + len(self.hints)

    def line(self) -> str:
        return found_line(len(self.found), self.total)


class Gallery:
    """The record in ``folder`` (or only in memory when saving is off)."""

    def __init__(self, folder: Path | None):
        self.path = folder / FILE if folder is not None else None
        self.found: dict[str, dict[str, str]] = {}  # role -> ending id -> when first found
        self._read()

    def _read(self) -> None:
        if self.path is None or not self.path.exists():
            return
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            found = data["found"] if isinstance(data, dict) and data.get("format") == FORMAT else None
            if not isinstance(found, dict):
                raise ValueError("not an endings record")
            self.found = {
                str(role): {str(e): str(t) for e, t in endings.items()}
                for role, endings in found.items()
                if isinstance(endings, dict)
            }
        except (OSError, UnicodeError, ValueError, KeyError, AttributeError):
            self._keep_aside()

    def _keep_aside(self) -> None:
        """A damaged record is moved aside (kept, never deleted) and a new one starts."""
        assert self.path is not None
        with contextlib.suppress(OSError):
            os.replace(self.path, self.path.with_name(f"{FILE}.damaged-{datetime.now():%Y%m%d-%H%M%S}"))

    def record(self, role: str, ending: str) -> bool:
        """Note an ending reached; True if it is new. A failed write loses only this note."""
        endings = self.found.setdefault(role, {})
        if ending in endings:
            return False
        endings[ending] = datetime.now().isoformat(timespec="seconds")
        if self.path is not None:
            document = {"format": FORMAT, "version": 1, "found": self.found}
            with contextlib.suppress(OSError, UnicodeError):
                atomic_write(self.path, json.dumps(document, ensure_ascii=False, indent=1))
        return True

    def view(self, story: Story) -> list[RoleGallery]:
        """Every role of the story in its order, and its endings in the story's order."""
        out = []
        for role in story.roles.values():
            gallery = RoleGallery(role.id, role.name)
            seen = self.found.get(role.id, {})
            endings = [s for s in story.scenes.values() if s.role == role.id and s.ending is not None]
            gallery.found = [Found(s.id, s.ending.title, s.ending.kind) for s in endings if s.id in seen]
            gallery.hints = [s.ending.hint or _("an ending not found yet") for s in endings if s.id not in seen]
            out.append(gallery)
        return out

    def counts(self, story: Story) -> tuple[int, int]:
        """Endings found and endings there are, over every role."""
        views = self.view(story)
        return sum(len(v.found) for v in views), sum(v.total for v in views)


def found_line(found: int, total: int) -> str:
    return _("{found} of {total} endings found").format(found=found, total=total)


def to_markdown(views: list[RoleGallery]) -> str:
    """The gallery page: per role, the endings found by name and the others as silhouettes."""
    lines: list[str] = []
    for view in views:
        lines += [f"## {view.name} — {view.line()}", ""]
        lines += [f"- ✓ **{f.title}**" for f in view.found]
        lines += [f"- ? *{hint}*" for hint in view.hints]
        lines.append("")
    if not any(v.found for v in views):
        lines.append(_("You have not reached an ending yet. Each role can end in very different ways."))
    return "\n".join(lines)
