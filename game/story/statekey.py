"""What makes two game states the same situation: the key every exhaustive walk deduplicates on.

Two states with the same key have the same choices open now and in every future, so a walker
needs to explore only one of them. The key holds the scene and only what some choice condition
can still read from that scene on: a *liveness* analysis over the role's scene graph, as a
compiler does for registers. A variable the story never tests again (the transmitter's state
after the last broadcast), a ``once`` choice in a scene that cannot come round again, a card or
a visit count no later condition asks about: none of them tells two situations apart, so they
are left out of the key there. Passages only change what is shown, not where a player can go, so
what only passages read is never in a key. For the radio operator this takes the walk from
about 210,000 states to about 15,000, with exactly the same scenes, choices and endings
reachable (tests/test_whatif.py and tests/test_shipped_story.py).

The parts of a state ("atoms"): ``v:NAME`` a variable, ``n:SCENE`` a visit count, ``f:CARD`` a
fact card found, ``u:SCENE#I`` a ``once`` choice taken, ``clock`` the time. The exhaustive
playtester and the "What if?" explorer both walk with this key (``stategraph``).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from game.story.engine import arrival
from game.story.expr import Compiled
from game.story.model import Scene, Story
from game.story.state import GameState

StateKey = Callable[[GameState], Hashable]
EMPTY: frozenset[str] = frozenset()


def _reads(expr: Compiled) -> set[str]:
    """The atoms an expression reads."""
    atoms = {"clock" if name == "clock" else f"v:{name}" for name in expr.reads}
    atoms |= {f"n:{scene}" for scene in expr.scenes}
    atoms |= {f"f:{card}" for card in expr.facts}
    return atoms


def _back(effects: list[Compiled], live: set[str]) -> set[str]:
    """What must be known before ``effects`` run for ``live`` to be known after them."""
    for effect in reversed(effects):
        for name in effect.writes:
            target = "clock" if name == "clock" else f"v:{name}"
            if target in live:  # an effect on something nobody reads again changes nothing that matters
                if effect.replaces:
                    live = live - {target}
                live = live | _reads(effect)
    return live


def _local(scene: Scene) -> set[str]:
    """What the scene's own choices read to decide which of them are open."""
    atoms: set[str] = set()
    for choice in scene.choices:
        if choice.condition is not None:
            atoms |= _reads(choice.condition)
        if choice.once:
            atoms.add(f"u:{choice.used_key}")
    return atoms


def live_atoms(story: Story, role: str) -> dict[str, frozenset[str]]:
    """For each scene of ``role``: the atoms that can still decide which choices open, there or later.

    A least fixed point over the scene graph (loops included). Both the normal and the short
    version's way on are followed, so one key serves both walks.
    """
    scenes = {s.id: s for s in story.role_scenes(role)}
    local = {sid: _local(scene) for sid, scene in scenes.items()}
    need: dict[str, set[str]] = {sid: set(atoms) for sid, atoms in local.items()}
    changed = True
    while changed:
        changed = False
        for sid, scene in scenes.items():
            atoms = set(local[sid])
            for choice in scene.choices:
                branches = [(choice.goto, [])] if choice.goto else [(o.goto, o.effects) for o in choice.outcomes]
                for target, outcome_effects in branches:
                    for there in {target, arrival(story, target, True)}:
                        live = _edge(story.scenes[there], need.get(there, set()), choice.effects, outcome_effects)
                        if choice.once:  # taking it marks it taken: what comes after cannot need it unmarked
                            live = live - {f"u:{choice.used_key}"}
                        atoms |= live
            if atoms != need[sid]:
                need[sid] = atoms
                changed = True
    return {sid: frozenset(atoms) for sid, atoms in need.items()}


def _edge(target: Scene, after: set[str], choice_effects: list[Compiled], outcome_effects: list[Compiled]) -> set[str]:
    """What must be known before a choice for ``after`` to be known on arrival at ``target``.

    The engine's order, read backwards: the cards the scene gives, its effects, its clock, then
    the outcome's effects and the choice's own (a visit count only ever grows: never cut).
    """
    live = after - {f"f:{card}" for card in target.facts}
    live = _back(target.effects, live)
    if target.when is not None:
        live = live - {"clock"}
    live = _back(outcome_effects, live)
    return _back(choice_effects, live)


def visit_caps(story: Story, role: str) -> dict[str, int]:
    """For each scene whose visits are only ever compared with numbers: a count that stands for more.

    ``visits(x) >= 2`` or ``visited(x)`` cannot tell 3 visits from 30, and a visit count only grows:
    counted up to one past the largest number it is compared with, a loop through the scene ends
    (the walk would otherwise go round it for ever). A count used in arithmetic or copied into a
    variable by an effect is kept exact.
    """
    caps: dict[str, int] = {}
    exact: set[str] = set()
    for scene in story.role_scenes(role):
        for choice in scene.choices:
            effects = choice.effects + [e for o in choice.outcomes for e in o.effects]
            for effect in effects + scene.effects:
                exact |= effect.scenes
            condition = choice.condition
            if condition is None:
                continue
            for seen in condition.scenes:
                limits = condition.constants.get(f"visits:{seen}")
                if not condition.simple or not limits or not all(isinstance(n, int) for n in limits):
                    exact.add(seen)
                else:
                    caps[seen] = max(caps.get(seen, 0), max(limits) + 1)  # type: ignore[type-var]
    return {seen: cap for seen, cap in caps.items() if seen not in exact}


def state_key(story: Story, role: str) -> StateKey:
    """A function from a state of ``role`` to its key (hashable, equal for equivalent states)."""
    caps = visit_caps(story, role)
    plans: dict[str, tuple] = {}
    for sid, atoms in live_atoms(story, role).items():
        plans[sid] = (
            tuple(sorted(a[2:] for a in atoms if a.startswith("v:"))),
            tuple((a[2:], caps.get(a[2:])) for a in sorted(atoms) if a.startswith("n:")),
            tuple(sorted(a[2:] for a in atoms if a.startswith("f:"))),
            frozenset(a[2:] for a in atoms if a.startswith("u:")),
            "clock" in atoms,
        )
    nothing = ((), (), (), EMPTY, False)

    def key(s: GameState) -> tuple:
        names, visited, cards, once, clock = plans.get(s.scene, nothing)
        v, visits, facts = s.vars, s.visits, s.facts
        return (
            s.scene,
            tuple([v[k] for k in names]),
            tuple([_count(visits.get(k, 0), cap) for k, cap in visited]) if visited else (),
            tuple([c in facts for c in cards]) if cards else (),
            s.used & once if once else EMPTY,
            s.clock if clock else 0,
        )

    return key


def _count(visits: int, cap: int | None) -> int:
    return visits if cap is None or visits < cap else cap


def key_text(key: tuple) -> str:
    """A stable text form of a key (sets sorted), for a cache on disk that outlives the process."""
    return repr(tuple(sorted(part) if isinstance(part, frozenset) else part for part in key))
