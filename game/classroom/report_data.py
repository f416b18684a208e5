"""The class report as one data structure: per student, per decision, per crossing event.

Built once from the students' JSON summaries by ``report_build``, then rendered as HTML,
Markdown and CSV by ``report_render``, so the three never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Cite:
    """A citation as the report shows it: the short title, linked to its bibliography entry."""

    key: str
    label: str
    locator: str = ""
    anchor: str = ""  # "" when the bibliography has no entry for it


@dataclass
class Bar:
    label: str
    count: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.count / self.total) if self.total else 0


@dataclass
class Answer:
    """One exit-ticket answer, as the teacher reads it."""

    question: str
    kind: str
    given: str
    right: str
    correct: bool | None
    qid: str = ""


@dataclass
class Student:
    """One playthrough: a row of the per-student table and of the CSV."""

    name: str
    student_id: str
    role: str
    role_name: str
    playthrough: int
    label: str  # "", "1st playthrough", "2nd playthrough" …
    ending: str
    minutes: float | None
    choices: int
    decisions: int
    rewinds: int
    cards_opened: int | None  # None: a summary from before cards were counted
    cards_found: int
    cards_total: int
    score: int | None
    out_of: int
    short: bool
    group: bool
    key_choices: dict[tuple[str, str], str] = field(default_factory=dict)  # (role, label) -> chosen
    answers: list[Answer] = field(default_factory=list)
    raw_ticket: list[dict] = field(default_factory=list)


@dataclass
class Decision:
    role: str
    role_name: str
    label: str
    scene: str
    bars: list[Bar]
    history: str
    history_line: str
    cite: list[Cite]
    question: str = ""
    reasons: list[tuple[str, str, str]] = field(default_factory=list)  # (student, chose, why)

    @property
    def total(self) -> int:
        return sum(b.count for b in self.bars)

    @property
    def split(self) -> float:
        """0 when everyone chose alike; higher as the class divides more evenly."""
        return 1 - max(b.count for b in self.bars) / self.total if self.total else 0.0


@dataclass
class Crossing:
    """One moment lived in several roles, and what each role's students chose there."""

    event: str
    when: str
    title: str
    text: str
    cite: list[Cite]
    by_role: list[tuple[str, list[Bar]]]


@dataclass
class Vote:
    player: str
    clock: str
    scene: str
    chosen: str
    bars: list[Bar]


@dataclass
class Ending:
    title: str
    bar: Bar
    epilogue: str
    cite: list[Cite]


@dataclass
class ClassReport:
    class_name: str
    students: list[Student]
    roles: list[Bar]
    endings: list[tuple[str, list[Ending]]]  # role name -> its endings
    starters: list[Decision]
    decisions: list[Decision]
    crossings: list[Crossing]
    votes: list[Vote]
    facts: list[Bar]
    fact_share: float | None
    questions: list[str]
    bibliography: list[tuple[Cite, str]]  # (cite with anchor, full reference)
    skipped: list[tuple[str, str]]
    decision_columns: list[tuple[str, str, str]] = field(default_factory=list)  # (role, label, header)

    @property
    def players(self) -> int:
        return len(self.students)
