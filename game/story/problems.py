"""Problems found in a story, reported the way compilers do: ``path:line:col: error: message``.

Authors are teachers and students; a message that names the file, the line, the column and
what to do is the difference between fixing a typo in a minute and giving up.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple


class Mark(NamedTuple):
    """A position in a source file; line and column are 1-based, as editors show them.

    A named tuple, not a dataclass: the loader makes one for every YAML node, so it must be cheap.
    """

    path: str
    line: int = 0
    col: int = 0

    def shifted(self, offset: int) -> Mark:
        return Mark(self.path, self.line, self.col + offset)

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.col}"
        return self.path


@dataclass(frozen=True)
class Problem:
    """One error or warning, with a stable code so docs and `--format json` can refer to it."""

    mark: Mark
    message: str
    severity: str = "error"  # "error" or "warning"
    code: str = "E000"

    def __str__(self) -> str:
        return f"{self.mark}: {self.severity}: {self.message} [{self.code}]"

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.mark.path,
            "line": self.mark.line,
            "col": self.mark.col,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
        }


class StoryLoadError(Exception):
    """Raised when a story cannot be used; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.mark, p.message))
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass
class ProblemList:
    """Collects problems during loading and checking."""

    items: list[Problem] = field(default_factory=list)

    def error(self, mark: Mark, message: str, code: str) -> None:
        self.items.append(Problem(mark, message, "error", code))

    def warning(self, mark: Mark, message: str, code: str) -> None:
        self.items.append(Problem(mark, message, "warning", code))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "error"]


def closest(name: str, candidates: Iterable[str]) -> str | None:
    """The candidate ``name`` was most probably meant to be, if one is close enough."""
    close = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """A " — did you mean 'x'?" suffix when a close candidate exists, else an empty string."""
    close = closest(name, candidates)
    return f" — did you mean '{close}'?" if close else ""
