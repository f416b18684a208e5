"""What conditions can and cannot be: the proofs behind W102, W104 and W120.

The condition language is small, so many questions about it can be settled by trying every case
that matters. For a *simple* condition — one that only compares things read from the state
(variables, visits, cards, the clock) with constants — a number matters only at the constants it
is compared with and one either side, and a text only at the values the story ever gives it. So
trying those values is a proof, not a guess: `x >= 3` / `x < 3` is shown to leave no gap, and
`rifle == "hiden"` is shown to be false for every value the story can give `rifle`. When a
condition is not simple, or there are too many cases, the checker says it is unsure and keeps the
cautious warning.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field

from game.story.expr import Compiled
from game.story.model import Choice, Passage, Scene, Story, Variable
from game.story.problems import Problem, ProblemList, closest

MAX_CASES = 50_000
_OTHER = "\0another text"  # stands for every text the conditions do not name


@dataclass
class Values:
    """What the story can put into variables: written names, and every text each text variable can hold."""

    written: set[str] = field(default_factory=set)
    texts: dict[tuple[str, str], set[str]] = field(default_factory=dict)  # (owner, name) → values
    open_texts: set[tuple[str, str]] = field(default_factory=set)  # set from another variable: unknown
    # can_hold's answers in this check, by (condition, role): the loader gives the same text in a
    # role one compiled condition, so a pattern written on every scene is proved once, not per scene
    held: dict[tuple[int, str], bool] = field(default_factory=dict)

    def text_values(self, owner: str, name: str) -> set[str] | None:
        key = (owner, name)
        return None if key in self.open_texts else self.texts.get(key)


def owner_of(story: Story, role: str, name: str) -> str:
    """Role variables belong to their role; shared variables to the whole story ("")."""
    return role if name in story.roles[role].variables else ""


def effects_of(scene: Scene) -> Iterable[Compiled]:
    yield from scene.effects
    for choice in scene.choices:
        yield from choice.effects
        for outcome in choice.outcomes:
            yield from outcome.effects


def conditions_of(scene: Scene) -> Iterable[tuple[Compiled, Choice | Passage]]:
    """Each condition of a scene with the object it sits on (a choice or a passage), for its position."""
    for passage in scene.passages:
        if passage.condition is not None:
            yield passage.condition, passage
    for choice in scene.choices:
        if choice.condition is not None:
            yield choice.condition, choice


def collect_values(story: Story) -> Values:
    values = Values()
    for role_id in story.roles:
        for name, var in story.variables_for(role_id).items():
            if var.info.type == "str":
                values.texts.setdefault((owner_of(story, role_id, name), name), set()).add(str(var.initial))
    for scene in story.scenes.values():
        if scene.role not in story.roles:
            continue
        variables = story.variables_for(scene.role)
        for effect in effects_of(scene):
            values.written |= effect.writes
            for name in effect.writes:
                var = variables.get(name)
                if var is None or var.info.type != "str":
                    continue
                key = (owner_of(story, scene.role, name), name)
                if effect.assigned is not None and effect.assigned[0] == name:
                    values.texts.setdefault(key, set()).add(str(effect.assigned[1]))
                else:
                    values.open_texts.add(key)
    return values


def _domain(
    atom: str, variables: dict[str, Variable], values: Values, story: Story, role: str, constants: set, simple: bool
) -> list[object] | None:
    """The values of ``atom`` worth trying, or None when no finite set proves anything."""
    if atom.startswith(("found:", "visited:")):
        return [False, True]
    if atom.startswith("visits:") or atom == "clock":
        if not simple:
            return None
        points = {0} if atom != "clock" else set()
        for c in constants:
            points |= {c - 1, c, c + 1}
        return sorted(p for p in points if atom == "clock" or p >= 0) or [0]
    var = variables.get(atom)
    if var is None:
        return None
    if atom not in values.written:
        return [var.initial]
    kind, lo, hi = var.info.type, var.info.min, var.info.max
    if kind == "bool":
        return [False, True]
    if kind == "int":
        if lo is not None and hi is not None and hi - lo <= 50:
            return list(range(lo, hi + 1))
        if not simple:
            return None
        points = {var.initial}
        for c in constants:
            points |= {c - 1, c, c + 1}
        return sorted(p for p in points if (lo is None or p >= lo) and (hi is None or p <= hi))
    if kind == "str":
        known = values.text_values(owner_of(story, role, atom), atom)
        if known is not None:
            return sorted(known)
        if not simple:
            return None
        return sorted({str(c) for c in constants} | {str(var.initial), _OTHER})
    return None


class _Probe:
    """A stand-in game state with the values being tried."""

    __slots__ = ("vars", "visits", "facts", "clock")

    def __init__(self) -> None:
        self.vars: dict[str, object] = {}
        self.visits: dict[str, int] = {}
        self.facts: set[str] = set()
        self.clock = 0


def _cases(story: Story, role: str, conds: list[Compiled], values: Values):
    """Every combination of values that matters to ``conds`` as probes, or None when unsure."""
    atoms: dict[str, set] = {}
    for cond in conds:
        for name in cond.reads:
            atoms.setdefault(name, set())
        for scene_id in cond.scenes:
            atoms.setdefault(f"visits:{scene_id}", set())
        for card in cond.facts:
            atoms.setdefault(f"found:{card}", set())
        for atom, consts in cond.constants.items():
            atoms.setdefault(atom.replace("visited:", "visits:"), set()).update(consts)
    simple = all(c.simple for c in conds)
    variables = story.variables_for(role)
    names = sorted(atoms)
    domains = []
    for atom in names:
        domain = _domain(atom, variables, values, story, role, atoms[atom], simple)
        if domain is None:
            return None
        domains.append(domain)
    size = 1
    for d in domains:
        size *= len(d)
    if size > MAX_CASES:
        return None

    def probes():
        probe = _Probe()
        for combo in itertools.product(*domains):
            probe.vars, probe.visits, probe.facts, probe.clock = {}, {}, set(), 0
            for atom, value in zip(names, combo, strict=True):
                if atom.startswith("visits:"):
                    if value:
                        probe.visits[atom[7:]] = value
                elif atom.startswith("found:"):
                    if value:
                        probe.facts.add(atom[6:])
                elif atom == "clock":
                    probe.clock = value
                else:
                    probe.vars[atom] = value
            yield probe

    return probes()


def can_hold(story: Story, role: str, cond: Compiled, values: Values) -> bool:
    """False only when the condition is proved false in every state; True when it may hold or unsure."""
    if cond.is_constant:
        return bool(cond.constant)
    key = (id(cond), role)  # the story holds every condition while it is checked: ids stay unique
    known = values.held.get(key)
    if known is None:
        cases = _cases(story, role, [cond], values)
        known = values.held[key] = cases is None or any(cond.fn(p) for p in cases)
    return known


def always_open(story: Story, scene: Scene, values: Values) -> bool:
    """True when some choice of the scene is open in every state: no dead end is possible here."""
    lasting = [c for c in scene.choices if not c.once]
    if any(c.otherwise for c in scene.choices) or any(c.condition is None for c in lasting):
        return True
    conds = [c.condition for c in lasting if c.condition is not None]
    if any(c.is_constant and c.constant for c in conds):
        return True
    if not conds:
        return False
    cases = _cases(story, scene.role, conds, values)
    if cases is None:
        return False
    return all(any(c.fn(p) for c in conds) for p in cases)


def text_value_warnings(story: Story, values: Values) -> list[Problem]:
    """W120: a condition compares a text variable with a value the story never gives it."""
    out = ProblemList()
    for scene in story.scenes.values():
        if scene.role not in story.roles:
            continue
        for cond, holder in conditions_of(scene):
            for name, literal in cond.compares:
                known = values.text_values(owner_of(story, scene.role, name), name)
                if known is None or literal in known:
                    continue
                shown = ", ".join(f'"{v}"' for v in sorted(known))
                near = closest(literal, known)
                hint = f' — did you mean "{near}"?' if near else ""
                out.warning(
                    holder.mark,
                    f"'{name}' is never \"{literal}\" in '{cond.source}': the story only sets it to {shown}{hint}",
                    "W120",
                )
    return out.items
