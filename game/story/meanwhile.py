"""Meanwhile…: the same moment of history lived by the other roles, and the timeline you lived.

Three roles live the same days. A timeline event that scenes of several roles show is a
*crossing event*; at such a scene a player can look across: where the other roles were at that
moment, what they lived (the author's ``meanwhile:`` text, else their scene's title), and — in a
class session — what classmates playing those roles chose there, read from the summaries the
class folder has collected (nothing leaves the teacher's machine). The end summary and the
journal use the same events as a timeline in time order, in one-role stories too.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from game.l10n import _, format_day
from game.story.clock import format_clock, parse_time, to_datetime
from game.story.markup import plain
from game.story.model import Citation, Scene, Story, TimelineEvent
from game.story.state import GameState


@dataclass
class OtherRole:
    """Where another role was at a crossing event, and what classmates in that role chose there."""

    role: str
    name: str
    title: str
    where: str
    when: str
    text: str
    cite: list[str] = field(default_factory=list)  # the sources of that role's scenes here
    chose: list[tuple[str, int]] = field(default_factory=list)  # (choice, classmates), most first


@dataclass
class Moment:
    event: str
    title: str
    when: str
    text: str
    cite: list[str]
    others: list[OtherRole]


@dataclass
class LivedEvent:
    """One event of the timeline a player lived, with the roles who lived it too."""

    id: str
    when: str
    title: str
    also: list[str] = field(default_factory=list)  # names of the other roles whose scenes show it


def event_when(event: TimelineEvent) -> str:
    """``Tue 23 Oct 1956, 15:00`` (or without the time), in the interface's language; a span like
    ``1957–1963`` as written."""
    try:
        day = date.fromisoformat(event.date)
    except ValueError:
        return event.when
    if event.time:
        return format_clock(parse_time(f"{event.date} {event.time}"))
    return format_day(datetime(day.year, day.month, day.day)) or f"{day:%a} {day.day} {day:%b %Y}"


def _order(event: TimelineEvent, lived_at: int | None) -> tuple[str, str]:
    """Sort by date, then time; an event without a time sits at the time the scene showed it."""
    time = event.time.zfill(5) if event.time else ""
    if not time and lived_at is not None:
        moment = to_datetime(lived_at)
        time = f"{moment:%H:%M}" if moment.date().isoformat() == event.date else ""
    return event.date, time or "99:99"


def _role_name(story: Story, role: str) -> str:
    name = story.roles[role].name if role in story.roles else role
    return name[0].lower() + name[1:] if name.startswith("The ") else name


def lived_events(story: Story, state: GameState) -> list[LivedEvent]:
    """Every timeline event the scenes visited showed, in time order, with who else lived it."""
    shown_by = _shown_by(story)
    first: dict[str, int | None] = {}
    for scene_id in state.visits:
        scene = story.scenes.get(scene_id)
        for event in scene.events if scene else []:
            if event in story.timeline and event not in first:
                first[event] = scene.when
    ordered = sorted(first, key=lambda e: _order(story.timeline[e], first[e]))
    return [
        LivedEvent(
            e,
            event_when(story.timeline[e]),
            story.timeline[e].title,
            [_role_name(story, r) for r in story.roles if r != state.role and r in shown_by.get(e, ())],
        )
        for e in ordered
    ]


def _shown_by(story: Story) -> dict[str, dict[str, list[Scene]]]:
    """event -> role -> the scenes of that role that show it."""
    out: dict[str, dict[str, list[Scene]]] = {}
    for scene in story.scenes.values():
        for event in scene.events:
            out.setdefault(event, {}).setdefault(scene.role, []).append(scene)
    return out


def has_meanwhile(story: Story, scene_id: str) -> bool:
    """Does this scene show an event that another role lives too?"""
    scene = story.scenes.get(scene_id)
    if scene is None:
        return False
    crossing = story.crossing_events()
    return any(e in crossing for e in scene.events)


def moments(story: Story, scene_id: str, class_folder: Path | None = None, student: str = "") -> list[Moment]:
    """The crossing events of a scene, each with every other role's side of it.

    With a class folder, each side also says what classmates in that role chose there (a
    student's own summaries are left out: those are not classmates).
    """
    scene = story.scenes.get(scene_id)
    if scene is None:
        return []
    shown_by = _shown_by(story)
    chosen = _class_choices(story, class_folder, student) if class_folder is not None else {}
    out = []
    for event_id in scene.events:
        event = story.timeline.get(event_id)
        roles = shown_by.get(event_id, {})
        others = [
            _side(story, event, role, roles[role], chosen)
            for role in story.roles
            if role != scene.role and role in roles
        ]
        if event is not None and others:
            cite = _cites(story, event.cite)
            out.append(Moment(event_id, event.title, event_when(event), event.text, cite, others))
    return out


def _side(story: Story, event: TimelineEvent, role: str, scenes: list[Scene], chosen: dict[str, Counter]) -> OtherRole:
    """Another role at this event: its first scene there that is not an ending, and the class's choices."""
    playing = [s for s in scenes if s.ending is None] or scenes
    scene = min(playing, key=lambda s: (s.when is None, s.when or 0))
    counts: Counter = Counter()
    cite: list[str] = []
    for s in scenes:
        counts.update(chosen.get(s.id, Counter()))
        cite += [c for c in _cites(story, s.cite) if c not in cite]
    return OtherRole(
        role=role,
        name=story.roles[role].name,
        title=scene.title,
        where=scene.where,
        when=format_clock(scene.when) if scene.when is not None else "",
        text=event.meanwhile.get(role, ""),
        cite=cite,
        chose=counts.most_common(),
    )


def _cites(story: Story, cites: list[Citation]) -> list[str]:
    """Sources by short title and locator, as the summary shows them."""
    from game.story.summary import cite_text  # the summary imports this module

    return [cite_text(story, c) for c in cites]


def _class_choices(story: Story, folder: Path, student: str) -> dict[str, Counter]:
    """scene id -> choice text -> how many collected summaries took it, from the class folder."""
    from game.classroom.report import read_summaries

    out: dict[str, Counter] = {}
    if not folder.is_dir():
        return out
    for summary in read_summaries(folder).summaries:
        if student and summary.get("student") == student:
            continue
        path = summary.get("path")
        for step in path if isinstance(path, list) else []:
            if not isinstance(step, dict) or not isinstance(step.get("choice"), str):
                continue
            if isinstance(step.get("scene"), str) and step["scene"] in story.scenes:
                out.setdefault(step["scene"], Counter())[step["choice"]] += 1
    return out


def to_markdown(found: list[Moment], in_class: bool = False) -> str:
    """The Meanwhile page, read the same in the full-screen app and in plain mode."""
    lines: list[str] = []
    for moment in found:
        lines += [f"## {moment.title}", f"*{moment.when}*", "", plain(moment.text).strip(), ""]
        lines += [_sources(moment.cite), ""]
        for side in moment.others:
            place = " · ".join(x for x in (side.where, side.when) if x)
            lines.append(f"### {side.name}" + (f" — {side.title}" if side.title else ""))
            lines += [f"*{place}*", ""] if place else []
            if side.text:
                lines += [plain(side.text).strip(), ""]
                lines += [_sources(side.cite), ""] if side.cite else []
            if in_class:
                lines += [_class_line(side), ""]
    return "\n".join(lines)


def _sources(cite: list[str]) -> str:
    return "*" + _("Sources: {sources}").format(sources="; ".join(cite)) + "*"


def _class_line(side: OtherRole) -> str:
    if not side.chose:
        return _("*Your class:* no classmate playing this role has handed in a game that passed here yet.")
    chose = "; ".join(_("{count} chose “{choice}”").format(count=n, choice=text) for text, n in side.chose)
    return _("*Your class:* {choices}.").format(choices=chose)
