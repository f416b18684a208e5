"""The end-screen summary: a pure function of the story and the finished state.

It turns a playthrough into a lesson — what you did, what became of people like you, what
really happened — and it is the one source for the end screen, plain mode, the Markdown, HTML
and JSON exports, and the class report.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from game.l10n import _
from game.story.clock import format_clock, iso
from game.story.dates import fact_date
from game.story.engine import step_result
from game.story.keys import GLOSSARY_MARK
from game.story.meanwhile import LivedEvent, event_when, lived_events
from game.story.model import Citation, FactCard, Story, TimelineEvent
from game.story.ticket import Ticket

SUMMARY_FORMAT = "budapest56-summary"
SUMMARY_VERSION = 1


@dataclass
class PathStep:
    clock: str
    time_iso: str
    where: str
    scene: str
    scene_title: str
    choice: str
    result: str = ""  # what the choice led to, as the player read it at the top of the next scene
    decision: str = ""
    votes: list[int] = field(default_factory=list)
    options: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)  # timeline events of this scene, for "the same moment"


@dataclass
class Comparison:
    """At a key decision: what the player chose beside what history records."""

    scene: str
    label: str
    chosen: str
    history: str
    cite: list[str]
    question: str = ""


@dataclass
class Measure:
    name: str
    label: str
    value: int | bool | str
    describe: str = ""


@dataclass
class Summary:
    story_title: str
    role: str
    role_name: str
    seed: int
    ending_id: str
    ending_title: str
    ending_kind: str
    ending_text: str
    epilogue: str
    epilogue_cite: list[str]
    path: list[PathStep]
    comparisons: list[Comparison]
    measures: list[Measure]
    facts_found: list[str]
    facts_total: int
    crossing_events: list[str]
    long_epilogue: list[str]
    questions: list[str]
    sources: list[str]
    player: str = ""
    class_name: str = ""
    group: bool = False
    student: str = ""  # in a class session: the student's id, so two Katis are never merged
    playthrough: int = 0  # this student's 1st, 2nd … playthrough (0 outside a class session)
    rewinds: int = 0  # choices taken back, for the teacher's report
    play_seconds: float = 0.0  # time in the game, pauses on the title screen excluded
    cards_opened: list[str] = field(default_factory=list)  # fact cards the student actually opened
    short: bool = False  # played in the short version
    ticket: Ticket | None = None  # the exit ticket, in a class session
    timeline: list[LivedEvent] = field(default_factory=list)  # every event lived, in time order


def cite_text(story: Story, cite: Citation) -> str:
    """A citation as a reader follows it: the source's short title, then the page or section."""
    source = story.sources.get(cite.source)
    return source.cited(cite.locator) if source else str(cite)


def _cites(story: Story, cites: list[Citation]) -> list[str]:
    return [cite_text(story, c) for c in cites]


def with_terms(story: Story, text: str) -> str:
    """Write each [[id]] glossary mark as [[id|term]], so exports show the term without the story."""

    def named(m: re.Match[str]) -> str:
        entry = story.glossary.get(m.group(1).strip())
        if m.group(2) is not None or entry is None:
            return m.group(0)
        return f"[[{m.group(1)}|{entry.term}]]"

    return GLOSSARY_MARK.sub(named, text)


def role_fact_total(story: Story, role: str) -> int:
    """How many cards this role can find: those its scenes unlock."""
    return len({f for s in story.scenes.values() if s.role == role for f in s.facts})


def summarize(story: Story, state, player: str = "", class_name: str = "", group: bool = False) -> Summary:
    """Build the summary of a finished (or abandoned) playthrough."""
    role = story.roles[state.role]
    end_scene = story.scenes.get(state.ending or "")
    ending = end_scene.ending if end_scene else None
    path: list[PathStep] = []
    comparisons: list[Comparison] = []
    for step in state.path:
        scene = story.scenes.get(step.scene)
        if scene is None:
            continue
        decision = scene.decision
        path.append(
            PathStep(
                clock=format_clock(step.clock),
                time_iso=iso(step.clock),
                where=scene.where,
                scene=scene.id,
                scene_title=scene.title,
                choice=step.text,
                result=with_terms(story, " ".join(step_result(story, step))),
                decision=decision.label if decision else "",
                votes=list(step.votes),
                options=[c.text for c in scene.choices] if step.votes else [],
                events=list(scene.events),
            )
        )
        if decision:
            comparisons.append(
                Comparison(
                    scene.id,
                    decision.label,
                    step.text,
                    with_terms(story, decision.history),
                    _cites(story, decision.cite),
                    decision.question,
                )
            )
    cited: list[Citation] = []
    if ending:
        cited += ending.cite
    for scene_id in state.visits:
        scene = story.scenes.get(scene_id)
        if scene:
            cited += scene.cite
            if scene.decision:
                cited += scene.decision.cite
    for fact_id in state.facts:
        card = story.facts.get(fact_id)
        if card:
            cited += card.cite
            if card.disputed:
                cited += card.disputed.cite
    epilogue_events = [story.timeline[e] for e in story.meta.epilogue if e in story.timeline]
    for event in epilogue_events:
        cited += event.cite
    lived = lived_events(story, state)
    variables = story.variables_for(state.role)
    return Summary(
        story_title=story.meta.title,
        role=role.id,
        role_name=role.name,
        seed=state.seed,
        ending_id=state.ending or "",
        ending_title=ending.title if ending else _("Unfinished"),
        ending_kind=ending.kind if ending else "",
        ending_text=with_terms(
            story, "\n\n".join(p.text for p in end_scene.passages if p.condition is None or p.condition.fn(state))
        )
        if end_scene and ending
        else "",
        epilogue=with_terms(story, ending.epilogue) if ending else "",
        epilogue_cite=_cites(story, ending.cite) if ending else [],
        path=path,
        comparisons=comparisons,
        measures=[
            Measure(n, variables[n].label, state.vars.get(n, variables[n].initial), variables[n].describe)
            for n in role.measures
            if n in variables
        ],
        facts_found=[f for f in state.facts if f in story.facts],
        facts_total=role_fact_total(story, state.role),
        crossing_events=[e.id for e in lived if e.also],
        long_epilogue=[e.id for e in epilogue_events],
        questions=(ending.questions if ending else []) + role.questions + story.meta.questions,
        sources=sorted({c.source for c in cited if c.source in story.sources}),
        player=player,
        class_name=class_name,
        group=group,
        short=state.short,
        timeline=lived,
    )


def summary_to_dict(summary: Summary, story: Story) -> dict:
    """The JSON export: the summary plus the texts it refers to, so a report needs no story.

    Sources are shown by their short titles; ``bibliography`` gives each one's full entry.
    """
    data = asdict(summary)
    data["format"] = SUMMARY_FORMAT
    data["version"] = SUMMARY_VERSION
    data["facts"] = {f: _card_dict(story, story.facts[f]) for f in summary.facts_found}
    data["events"] = {e: _event_dict(story, story.timeline[e]) for e in summary.crossing_events + summary.long_epilogue}
    sources = list(summary.sources)
    if summary.ticket is not None:
        asked = {c.split(" ", 1)[0] for r in summary.ticket.responses for c in r.question.cite}
        sources = sorted(set(sources) | {s for s in asked if s in story.sources})
        data["ticket"]["score"] = summary.ticket.score
        data["ticket"]["out_of"] = summary.ticket.out_of
    data["sources"] = sources
    shown = sorted((story.sources[s] for s in sources), key=lambda src: src.short_title().casefold())
    data["bibliography"] = {src.id: {"short": src.short_title(), "reference": src.reference()} for src in shown}
    return data


def _card_dict(story: Story, card: FactCard) -> dict:
    out = {
        "title": card.title,
        "date": fact_date(card.date),  # in the reader's language, as the clock is
        "text": with_terms(story, card.text),
        "cite": _cites(story, card.cite),
    }
    if card.disputed:
        out["disputed"] = {
            "then": with_terms(story, card.disputed.then),
            "now": with_terms(story, card.disputed.now),
            "cite": _cites(story, card.disputed.cite),
        }
    return out


def _event_dict(story: Story, event: TimelineEvent) -> dict:
    return {
        "when": event_when(event),
        "title": event.title,
        "text": with_terms(story, event.text),
        "cite": _cites(story, event.cite),
    }
