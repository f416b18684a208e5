"""The validated story: plain data that every front end and tool reads.

The loader builds these once; nothing downstream re-reads YAML. Each object keeps the ``Mark``
where it was written so that the checker can point authors at the exact line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from game.story.expr import Compiled, VarInfo
from game.story.problems import Mark
from game.story.sentences import bracketed, sentences


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
    """A work the story cites: a book, an article, an archive record, a broadcast."""

    id: str
    author: str
    title: str
    year: str
    publisher: str = ""
    url: str = ""
    pages: str = ""
    kind: str = "scholarly"
    mark: Mark = Mark("")
    short: str = ""  # how players see it cited: "UN Special Committee report, 1957"

    def short_title(self) -> str:
        """The source as a reader sees it cited; the author's ``short:``, else author, title, year."""
        if self.short:
            return self.short
        return short_title(self.author, self.title, self.year)

    def cited(self, locator: str = "") -> str:
        """The short title and a locator (page, section, date): what a student looks up."""
        return f"{self.short_title()}, {locator}" if locator else self.short_title()

    def reference(self) -> str:
        """A full reference in one line, for the bibliography and exports."""
        who = f"{self.author} {bracketed(self.year)}" if self.year else self.author
        return " ".join(x for x in (sentences(who, self.title, self.publisher, self.pages), self.url) if x)


_EDITORS = re.compile(r"\s*\((?:ed|eds)\.?\)")
_PAREN = re.compile(r"\s*\(([^()]*)\)")


def _short_author(author: str) -> str:
    """The first author as written, or an institution's own short name given in brackets.

    "Institute for the History … (1956 Institute)" → "1956 Institute"; a bracketed note in lower
    case ("Chicago Tribune (wire report)") is dropped; "A, B and C" → "A et al.".
    """
    author = _EDITORS.sub("", author).strip()
    for note in _PAREN.findall(author):
        if _is_alias(note.split()):
            return note.strip()
    author = _PAREN.sub("", author)
    first = re.split(r",| and | & |;", author)[0].strip()
    several = re.search(r" and | & ", author) is not None and not _BODY.search(first)
    return first + (" et al." if several else "")


_BODY = re.compile(r"Institute|Archiv|Office|Committee|Council|Agency|University|Press|Department|Ministry")


def _is_alias(words: list[str]) -> bool:
    """A bracketed short name ("1956 Institute", "KSH"), not a note ("wire report") or a year or a place."""
    if len(words) == 1:
        return words[0].isupper() and words[0].isalpha()
    return 1 < len(words) <= 5 and (words[0][0].isupper() or words[0][0].isdigit())


def _top_level_cut(title: str) -> str:
    """The title up to its first colon or semicolon that is not inside brackets."""
    depth = 0
    for i, ch in enumerate(title):
        depth += {"(": 1, "[": 1, ")": -1, "]": -1}.get(ch, 0)
        if depth == 0 and ch in ":;":
            return title[:i]
    return title


def short_title(author: str, title: str, year: str) -> str:
    """ "György Litván, The Hungarian Revolution of 1956, 1996": first author, main title, year."""
    what = title.strip().strip('"').strip()
    bracketed = re.match(r"\[([^\]]+)\]", what)
    what = bracketed.group(1) if bracketed else _top_level_cut(what)
    what = what.strip().rstrip(".,")
    who = _short_author(author)
    if who and what.casefold().startswith(who.casefold()):
        who = ""
    when = year if any(ch.isdigit() for ch in year) and year not in what else ""
    return ", ".join(x for x in (who, what, when) if x)


@dataclass
class Disputed:
    """A figure scholars dispute: what was believed then beside the modern estimate."""

    then: str
    now: str
    cite: list[Citation]


@dataclass
class FactCard:
    """A short historical text a player finds in a scene, with its sources."""

    id: str
    title: str
    date: str
    text: str
    cite: list[Citation]
    disputed: Disputed | None = None
    mark: Mark = Mark("")


@dataclass
class GlossaryEntry:
    """A word explained where the story marks it ([[term]]), with its Hungarian and sources."""

    id: str
    term: str
    text: str
    hungarian: str = ""
    english: str = ""
    cite: list[Citation] = field(default_factory=list)
    mark: Mark = Mark("")


@dataclass
class TimelineEvent:
    """A dated event of 1956 that scenes show and the summary sets in time order."""

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
    """A role's (or the story's) variable: its starting value, label and bounds."""

    name: str
    initial: int | bool | str
    label: str
    info: VarInfo
    mark: Mark = Mark("")
    describe: str = ""  # one line: what the measure means, for help, tooltips and the summary


@dataclass
class ExitQuestion:
    """An author's own exit-ticket question: multiple choice when it has an answer, else free text."""

    ask: str
    options: list[str] = field(default_factory=list)
    answer: int | None = None  # 0-based position of the right option; None: free text, not scored
    after: str = ""  # only asked when the student's path went through this scene
    cite: list[Citation] = field(default_factory=list)
    mark: Mark = Mark("")


@dataclass
class Role:
    """A playable role: its start, variables, measures and questions."""

    id: str
    name: str
    portrait: str
    start: str
    playtime: str = ""
    playtime_short: str = ""  # the short version's reading time (play --short), shown instead of playtime

    def reading_time(self, short: bool = False) -> str:
        """What the role screen says of its length: the short version's time when playing it."""
        return (self.playtime_short or self.playtime) if short else self.playtime

    variables: dict[str, Variable] = field(default_factory=dict)
    measures: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    exit_questions: list[ExitQuestion] = field(default_factory=list)
    mark: Mark = Mark("")


@dataclass
class Passage:
    """A piece of scene text, shown only when its condition (if any) holds."""

    text: str
    condition: Compiled | None = None
    mark: Mark = Mark("")


@dataclass
class Outcome:
    """One branch of a choice left to chance, with its share in percent."""

    chance: int
    goto: str
    effects: list[Compiled] = field(default_factory=list)
    text: str = ""
    mark: Mark = Mark("")


@dataclass(frozen=True)
class ChoiceView:
    """A choice as a player sees it: enabled, or disabled with the author's reason."""

    index: int
    text: str
    enabled: bool
    reason: str = ""


@dataclass
class Choice:
    """One of a scene's choices: when it is open, what it does and where it leads."""

    text: str
    index: int
    result: str = ""  # shown at the top of the next scene: what the choice led to
    goto: str | None = None
    outcomes: list[Outcome] = field(default_factory=list)
    condition: Compiled | None = None
    reason: str | None = None  # shown when disabled; None means hide when the condition fails
    effects: list[Compiled] = field(default_factory=list)
    once: bool = False
    otherwise: bool = False  # open exactly when no other choice of the scene is open
    mark: Mark = Mark("")
    result_mark: Mark = Mark("")
    used_key: str = ""  # "scene#index": how a state records that a ``once`` choice was taken

    @property
    def targets(self) -> list[str]:
        return [self.goto] if self.goto else [o.goto for o in self.outcomes]

    # What the engine shows, made once per choice rather than once per screen (views are immutable).
    @cached_property
    def shown(self) -> ChoiceView:
        return ChoiceView(self.index, self.text, True)

    @cached_property
    def greyed(self) -> ChoiceView | None:
        """The disabled view, or None when a failed condition hides the choice."""
        return None if self.reason is None else ChoiceView(self.index, self.text, False, self.reason)


@dataclass
class Decision:
    """A key decision: what the player chose is set beside what history records."""

    label: str
    history: str
    cite: list[Citation]
    question: str = ""  # a discussion question for this decision, for the class report


@dataclass
class Ending:
    """What an ending scene closes the story with: title, epilogue, sources."""

    title: str
    kind: str
    epilogue: str
    cite: list[Citation]
    questions: list[str] = field(default_factory=list)
    hint: str = ""  # the silhouette in the endings gallery before it is found


@dataclass
class Scene:
    """One scene: its passages, choices, time and place, and what it gives the player."""

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
    short_goto: str = ""  # in the short version, a player who would arrive here goes there instead
    mark: Mark = Mark("")

    @cached_property
    def fixed_views(self) -> tuple[ChoiceView, ...] | None:
        """The views when they never depend on the state (no condition, once or otherwise), else None."""
        if any(c.condition is not None or c.once or c.otherwise for c in self.choices):
            return None
        return tuple(c.shown for c in self.choices)


@dataclass
class StoryMeta:
    """The story's own texts: title, introduction, content note, epilogue."""

    title: str = "Untitled story"
    intro: str = ""
    content_note: str = ""
    epilogue: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    exit_questions: list[ExitQuestion] = field(default_factory=list)
    mark: Mark = Mark("")


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
