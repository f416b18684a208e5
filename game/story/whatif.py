"""What if?: at each key decision you took, where each of the choices there could still have led.

For a decision on your path it gives, per choice you could have made then (with the state you
had), the endings still reachable and their share of all the distinct futures behind that
choice (``futures``), beside what history records of people in that position. The counts come
from one exhaustive walk of the role, cached on disk under the story's fingerprint
(``saves/.cache/whatif-<fingerprint>.sqlite``): the first opening of a role walks every state,
every later one — by this player or any other on the same machine — is a lookup.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from game.l10n import N_, _, format_number, format_percent, ngettext
from game.story import engine
from game.story.clock import format_clock
from game.story.futures import ByChoice, Vectors, count_futures, decision_table, named, role_endings
from game.story.futurescache import FuturesCache
from game.story.gcpause import gc_paused
from game.story.markup import plain
from game.story.model import Story
from game.story.state import GameState
from game.story.statekey import key_text, state_key
from game.story.summary import cite_text


@dataclass
class Branch:
    """One choice at the decision: open or not then, and the endings behind it."""

    index: int
    text: str
    enabled: bool
    reason: str = ""
    chosen: bool = False
    endings: list[tuple[str, str, int]] = field(default_factory=list)  # (ending id, title, futures), most first

    @property
    def total(self) -> int:
        return sum(count for _ending, _title, count in self.endings)

    def share(self, count: int) -> float:
        return count / self.total if self.total else 0.0


@dataclass
class WhatIf:
    """A key decision on the player's path: every choice there, and what history records."""

    step: int  # position in the path: the choice taken here was the (step + 1)-th
    scene: str
    label: str
    when: str
    where: str
    history: str
    cite: list[str]
    branches: list[Branch]


def decision_steps(story: Story, state: GameState) -> list[int]:
    """Positions in the path where the player took a key decision, in the order they took them."""
    out = []
    for k, step in enumerate(state.path):
        scene = story.scenes.get(step.scene)
        if scene is not None and scene.decision is not None:
            out.append(k)
    return out


def state_before(state: GameState, history: list[GameState], step: int) -> GameState | None:
    """The state the player had just before the path's ``step``-th choice, from the rewind history."""
    for old in reversed(history):
        if len(old.path) == step and old.path == state.path[:step] and old.role == state.role:
            return old
    return None


def build(story: Story, before: GameState, step: int, chosen: int, futures: ByChoice) -> WhatIf:
    """What a player sees at one decision: each visible choice with its endings, most likely first."""
    scene = story.scenes[before.scene]
    decision = scene.decision
    titles = {s.id: s.ending.title for s in story.scenes.values() if s.ending is not None}
    branches = []
    for view in engine.choices(story, before):
        counts = futures.get(view.index, {})
        endings = sorted(((e, titles.get(e, e), n) for e, n in counts.items()), key=lambda x: (-x[2], x[1]))
        branches.append(Branch(view.index, view.text, view.enabled, view.reason, view.index == chosen, endings))
    return WhatIf(
        step=step,
        scene=scene.id,
        label=decision.label if decision else scene.title,
        when=format_clock(before.clock),
        where=scene.where,
        history=decision.history if decision else "",
        cite=[cite_text(story, c) for c in decision.cite] if decision else [],
        branches=branches,
    )


def futures_at(story: Story, states: list[GameState], cache: FuturesCache) -> list[ByChoice]:
    """Each state's futures per choice: from the cache, else one walk of the whole role, kept."""
    if not states:
        return []
    role, short = states[0].role, states[0].short
    key = state_key(story, role)
    keys = [key_text(key(s)) for s in states]
    found, walked = cache.lookup(role, short, keys)
    if any(k not in found for k in keys) and not walked:
        found.update(_walk_or_wait(story, role, short, keys, cache))
    missing = [(k, s) for k, s in zip(keys, states, strict=True) if k not in found]
    if missing:  # a state the walk from the start never met (a save made with an earlier story)
        counted = count_futures(story, [s for _, s in missing])
        rows = {k: c for (k, _), c in zip(missing, counted, strict=True)}
        cache.store(role, short, rows, keys)
        found.update(rows)
    endings = role_endings(story, role)
    return [named(found[k], endings) for k in keys]


def _walk_or_wait(story: Story, role: str, short: bool, keys: list[str], cache: FuturesCache) -> dict[str, Vectors]:
    """Walk the role, unless another game on this machine is walking it now: then wait for its answer.

    In a served lesson many students reach the end together; one walk serves them all.
    """
    deadline = time.monotonic() + WAIT_SECONDS
    while not cache.claim(role, short):
        time.sleep(0.5)
        found, walked = cache.lookup(role, short, keys)
        if walked:
            return found
        if time.monotonic() > deadline:  # the other game seems stuck: walk after all
            break
    try:
        with gc_paused():  # 90,000 rows are made and written: no cycles to look for among them
            table = decision_table(story, role, short)
            rows = {key_text(k): v for k, v in table.rows.items()}
            cache.store(role, short, rows, keys, whole_role=True)
    finally:
        cache.release(role, short)
    return {k: rows[k] for k in keys if k in rows}


def what_ifs(story: Story, state: GameState, history: list[GameState], cache: FuturesCache) -> list[WhatIf]:
    """Every key decision on the path that the rewind history still holds the state of."""
    points = []
    for step in decision_steps(story, state):
        before = state_before(state, history, step)
        if before is not None and before.scene in story.scenes:
            points.append((step, before))
    counts = futures_at(story, [b for _, b in points], cache)
    return [build(story, b, k, state.path[k].choice, c) for (k, b), c in zip(points, counts, strict=True)]


WAIT_SECONDS = 120  # longest wait for another game's walk of the same role

FUTURE = N_(
    "A *future* is one way the story can go on from a choice to an ending, choice by choice and "
    "chance by chance; the shares count every one of them (a way round in a circle counts once)."
)


def _bar(share: float, width: int = 10) -> str:
    filled = round(share * width)
    return "█" * filled + "░" * (width - filled)


def to_markdown(point: WhatIf, bars: bool = True) -> str:
    """One decision: each choice with the endings behind it, then what history records.

    ``bars=False`` for plain mode: a screen reader would read every block of a bar aloud.
    """
    place = " · ".join(x for x in (point.when, point.where) if x)
    lines = [f"## {point.label}", f"*{place}*", ""]
    for branch in point.branches:
        if not branch.enabled:
            closed = _("Not open to you then: {reason}").format(reason=branch.reason)
            lines += [f"### ✗ {branch.text}", closed, ""]
            continue
        heading = _("▶ {choice} (your choice)").format(choice=branch.text) if branch.chosen else branch.text
        count = ngettext("{count} possible future", "{count} possible futures", branch.total)
        lines += [f"### {heading}", count.format(count=format_number(branch.total)), ""]
        for _ending, title, n in branch.endings:
            share = branch.share(n)
            bar = f"{_bar(share)} " if bars else ""
            of = _("{count} of {total}").format(count=format_number(n), total=format_number(branch.total))
            lines.append(f"- {bar}{format_percent(share)} **{title}** ({of})")
        if not branch.endings:
            lines.append("- " + _("no ending can be reached from here"))
        lines.append("")
    if point.history:
        lines += ["### " + _("What history records"), plain(point.history).strip(), ""]
        lines += ["*" + _("Sources: {sources}").format(sources="; ".join(point.cite)) + "*", ""] if point.cite else []
    lines.append(_(FUTURE))
    return "\n".join(lines)
