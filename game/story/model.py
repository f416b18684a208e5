"""The validated story: plain data that every front end and tool reads.

The loader builds these once; nothing downstream re-reads YAML. Each object keeps the ``Mark``
where it was written so that the checker can point authors at the exact line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.story.expr import Compiled, VarInfo
from game.story.problems import Mark


@dataclass(frozen=True)
class Citation:
    """A source id with an optional locator (pages, document number)."""

    source: str
    locator: str = ""
    mark: Mark = Mark("")

    def __str__(self) -> str:
        return f"{self.source} {self.locator}".strip()


@dataclass
class Source:
    id: str
    author: str
    title: str
    year: str
    publisher: str = ""
    url: str = ""
    pages: str = ""
    kind: str = "scholarly"
    mark: Mark = Mark("")

    def reference(self) -> str:
        """A full reference in one line, for the bibliography and exports."""
        parts = [f"{self.author} ({self.year}). {self.title}."]
        if self.publisher:
            parts.append(f"{self.publisher}.")
        if self.pages:
            parts.append(f"{self.pages}.")
        if self.url:
            parts.append(self.url)
        return " ".join(parts)


@dataclass
class Disputed:
    """A figure scholars dispute: what was believed then beside the modern estimate."""

    then: str
    now: str
    cite: list[Citation]


@dataclass
class FactCard:
    id: str
    title: str
    date: str
    text: str
    cite: list[Citation]
    disputed: Disputed | None = None
    mark: Mark = Mark("")


@dataclass
class GlossaryEntry:
    id: str
    term: str
    text: str
    hungarian: str = ""
    english: str = ""
    cite: list[Citation] = field(default_factory=list)
    mark: Mark = Mark("")


@dataclass
class TimelineEvent:
    id: str
    date: str
    title: str
    text: str
    cite: list[Citation]
    time: str = ""
    disputed: Disputed | None = None
    meanwhile: dict[str, str] = field(default_factory=dict)  # role id -> what that role lived then
    mark: Mark = Mark("")

    @property
    def when(self) -> str:
        return f"{self.date} {self.time}".strip()


@dataclass
class Variable:
    name: str
    initial: int | bool | str
    label: str
    info: VarInfo
    mark: Mark = Mark("")


@dataclass
class Role:
    id: str
    name: str
    portrait: str
    start: str
    playtime: str = ""
    variables: dict[str, Variable] = field(default_factory=dict)
    measures: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    mark: Mark = Mark("")


@dataclass
class Passage:
    """A piece of scene text, shown only when its condition (if any) holds."""

    text: str
    condition: Compiled | None = None
    mark: Mark = Mark("")


@dataclass
class Outcome:
    chance: int
    goto: str
    effects: list[Compiled] = field(default_factory=list)
    text: str = ""
    mark: Mark = Mark("")


@dataclass
class Choice:
    text: str
    index: int
    goto: str | None = None
    outcomes: list[Outcome] = field(default_factory=list)
    condition: Compiled | None = None
    reason: str | None = None  # shown when disabled; None means hide when the condition fails
    effects: list[Compiled] = field(default_factory=list)
    once: bool = False
    mark: Mark = Mark("")

    @property
    def targets(self) -> list[str]:
        return [self.goto] if self.goto else [o.goto for o in self.outcomes]


@dataclass
class Decision:
    """A key decision: what the player chose is set beside what history records."""

    label: str
    history: str
    cite: list[Citation]


@dataclass
class Ending:
    title: str
    kind: str
    epilogue: str
    cite: list[Citation]
    questions: list[str] = field(default_factory=list)
    hint: str = ""  # the silhouette in the endings gallery before it is found


@dataclass
class Scene:
    id: str
    role: str
    passages: list[Passage]
    choices: list[Choice] = field(default_factory=list)
    title: str = ""
    when: int | None = None
    where: str = ""
    facts: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    effects: list[Compiled] = field(default_factory=list)
    cite: list[Citation] = field(default_factory=list)
    decision: Decision | None = None
    ending: Ending | None = None
    mark: Mark = Mark("")


@dataclass
class StoryMeta:
    title: str = "Untitled story"
    intro: str = ""
    content_note: str = ""
    epilogue: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)


@dataclass
class Story:
    """Everything one story folder holds, validated and cross-referenced."""

    root: str
    meta: StoryMeta
    roles: dict[str, Role]
    scenes: dict[str, Scene]
    facts: dict[str, FactCard]
    glossary: dict[str, GlossaryEntry]
    timeline: dict[str, TimelineEvent]
    sources: dict[str, Source]
    shared_variables: dict[str, Variable]
    fingerprint: str
    files: list[str] = field(default_factory=list)

    def variables_for(self, role: str) -> dict[str, Variable]:
        merged = dict(self.shared_variables)
        if role in self.roles:
            merged.update(self.roles[role].variables)
        return merged

    def role_scenes(self, role: str) -> list[Scene]:
        return [s for s in self.scenes.values() if s.role == role]

    def crossing_events(self) -> dict[str, set[str]]:
        """Timeline events shown by scenes of two or more roles, with those roles."""
        roles_by_event: dict[str, set[str]] = {}
        for scene in self.scenes.values():
            for event in scene.events:
                roles_by_event.setdefault(event, set()).add(scene.role)
        return {e: r for e, r in roles_by_event.items() if len(r) > 1}
