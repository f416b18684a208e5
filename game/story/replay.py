"""Start a game somewhere other than the beginning: at a scene with chosen values, or along a saved path.

Authors test a scene without playing up to it (``play --start SCENE --set food=0``) and replay
the exact path a playtest failed on, chance outcomes included (``play --replay FILE``). The
engine's state is plain data, so both only build a :class:`GameState`; the front ends then play
on from it as from a loaded save.

A replay file is YAML (JSON is YAML too)::

    role: radio
    seed: 0                     # decides chance outcomes that are not forced
    start: radio.nov4.studio    # optional, with `set:`: where and with what values to begin
    set: {courage: 2}
    steps:
      - Keep broadcasting       # a choice's text as shown, or its number on the screen
      - choice: Run for the stairs
        outcome: 2              # force a chance outcome: its number in the choice's outcomes list
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from game.story import engine
from game.story.model import Story
from game.story.problems import Problem, closest, did_you_mean
from game.story.state import GameState
from game.story.yamlnodes import YMap, YScalar, YSeq, read_yaml

MAX_REPLAY_BYTES = 1_000_000


class StartError(ValueError):
    """A start, a --set or a replay file that does not fit the story; the message says why."""


@dataclass
class Replay:
    role: str
    seed: int = 0
    start: str = ""
    values: dict[str, str] = field(default_factory=dict)  # as typed: checked against the role's variables
    steps: list[tuple[str | int, int | None]] = field(default_factory=list)  # (text or number, outcome 1-based)


def parse_set(words: list[str]) -> dict[str, str]:
    """``["food=0", "name=Kati"]`` → ``{"food": "0", "name": "Kati"}``."""
    out: dict[str, str] = {}
    for word in words:
        name, sep, value = word.partition("=")
        if not sep or not name.strip():
            raise StartError(f"--set needs NAME=VALUE, e.g. --set food=2 (got '{word}')")
        out[name.strip()] = value.strip()
    return out


def typed_values(story: Story, role: str, values: dict[str, str]) -> dict[str, object]:
    """Each value read as its variable's type (number, true/false, text) and checked against min/max."""
    variables = story.variables_for(role)
    out: dict[str, object] = {}
    for name, text in values.items():
        var = variables.get(name)
        if var is None:
            known = ", ".join(sorted(variables)) or "none"
            raise StartError(
                f"role '{role}' has no variable '{name}'{did_you_mean(name, variables)} (variables: {known})"
            )
        kind = var.info.type
        if kind == "bool":
            if text.lower() not in ("true", "false"):
                raise StartError(f"'{name}' is true or false: --set {name}=true")
            out[name] = text.lower() == "true"
        elif kind == "int":
            try:
                number = int(text)
            except ValueError:
                raise StartError(f"'{name}' is a whole number: --set {name}={var.initial}") from None
            lo, hi = var.info.min, var.info.max
            if (lo is not None and number < lo) or (hi is not None and number > hi):
                raise StartError(f"'{name}' must be from {lo} to {hi}, not {number}")
            out[name] = number
        else:
            out[name] = text[1:-1] if len(text) > 1 and text[0] == text[-1] and text[0] in "\"'" else text
    return out


def start_state(story: Story, role: str | None, scene: str | None, values: dict[str, str], seed: int) -> GameState:
    """The state for ``--start SCENE --set …``: the scene's role, arriving there with these values."""
    if scene is not None:
        found = story.scenes.get(scene)
        if found is None:
            raise StartError(f"no scene '{scene}'{did_you_mean(scene, story.scenes)}")
        if role is not None and found.role != role:
            raise StartError(f"scene '{scene}' belongs to role '{found.role}', not '{role}'")
        role = found.role
    if role is None:
        raise StartError("--set needs --role ROLE or --start SCENE, to know whose variables to set")
    if role not in story.roles:
        raise StartError(f"unknown role '{role}' (roles: {', '.join(story.roles)})")
    return engine.new_game(story, role, seed, start=scene, values=typed_values(story, role, values))


def read_replay(path: Path) -> Replay:
    """Read a replay file; every mistake in it is one StartError naming the line."""
    try:
        if path.stat().st_size > MAX_REPLAY_BYTES:
            raise StartError(f"'{path}' is too large to be a replay file")
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise StartError(f"cannot read '{path}': {getattr(exc, 'strerror', None) or exc}") from None
    found: list[Problem] = []
    node = read_yaml(text, str(path), found)
    if found:
        raise StartError(str(found[0]))
    if not isinstance(node, YMap) or "role" not in node.values or "steps" not in node.values:
        raise StartError(f"{path}: a replay file is a mapping with 'role:' and 'steps:'")
    replay = Replay(role=_scalar(node, "role", path))
    replay.seed = _number(node.values["seed"], path) if "seed" in node.values else 0
    replay.start = _scalar(node, "start", path) if "start" in node.values else ""
    values = node.values.get("set")
    if isinstance(values, YMap):
        replay.values = {k: _scalar(values, k, path) for k in values.values}
    steps = node.values["steps"]
    if not isinstance(steps, YSeq):
        raise StartError(f"{steps.mark}: 'steps' must be a list of choices")
    for item in steps.items:
        replay.steps.append(_step(item, path))
    return replay


def _scalar(node: YMap, key: str, path: Path) -> str:
    value = node.values[key]
    if not isinstance(value, YScalar) or value.value is None:
        raise StartError(f"{value.mark}: '{key}' must be a single value")
    return value.raw


def _number(node, path: Path) -> int:
    if not isinstance(node, YScalar) or not isinstance(node.value, int) or isinstance(node.value, bool):
        raise StartError(f"{node.mark}: must be a whole number")
    return node.value


def _step(item, path: Path) -> tuple[str | int, int | None]:
    if isinstance(item, YScalar) and item.value is not None:
        return (item.value if isinstance(item.value, int) and not item.quoted else item.raw), None
    if isinstance(item, YMap) and "choice" in item.values:
        choice = item.values["choice"]
        if not isinstance(choice, YScalar) or choice.value is None:
            raise StartError(f"{choice.mark}: 'choice' is a choice's text or its number")
        which = choice.value if isinstance(choice.value, int) and not choice.quoted else choice.raw
        outcome = _number(item.values["outcome"], path) if "outcome" in item.values else None
        return which, outcome
    raise StartError(f"{item.mark}: a step is a choice's text, or `choice:` with an optional `outcome:`")


def replay_state(story: Story, replay: Replay) -> GameState:
    """Follow the replay's steps from its start; raise StartError at the first that does not fit."""
    state = start_state(story, replay.role, replay.start or None, replay.values, replay.seed)
    for number, (which, outcome) in enumerate(replay.steps, 1):
        if state.ending is not None:
            raise StartError(f"step {number}: the story already ended at '{state.ending}'")
        views = engine.choices(story, state)
        view = _find(views, which)
        if view is None or not view.enabled:
            open_ = ", ".join(f"'{v.text}'" for v in views if v.enabled) or "none"
            near = closest(str(which), [v.text for v in views if v.enabled])
            hint = f" — did you mean '{near}'?" if near else ""
            raise StartError(f"step {number}: scene '{state.scene}' has no open choice '{which}'{hint} (open: {open_})")
        outcomes = story.scenes[state.scene].choices[view.index].outcomes
        if outcome is not None and not 1 <= outcome <= len(outcomes):
            have = f"outcomes 1 to {len(outcomes)}" if outcomes else "no chance outcomes"
            raise StartError(f"step {number}: choice '{view.text}' has {have}, not outcome {outcome}")
        forced = outcome - 1 if outcome is not None else None
        state = engine.choose(story, state, view.index, force_outcome=forced)
    return state


def begin_note(state: GameState) -> str:
    """What a front end says when a test start begins."""
    if state.path:
        return f"Replayed {len(state.path)} choice(s): now in scene '{state.scene}'. This game is not saved."
    return f"Test start in scene '{state.scene}' of role '{state.role}'. This game is not saved."


def _find(views: list[engine.ChoiceView], which: str | int) -> engine.ChoiceView | None:
    if isinstance(which, int):
        return views[which - 1] if 1 <= which <= len(views) else None
    exact = [v for v in views if v.text == which]
    loose = [v for v in views if v.text.strip().lower() == which.strip().lower()]
    return (exact or loose or [None])[0]


def replay_text(role: str, seed: int, steps: list[tuple[str, int]], note: str = "") -> str:
    """A replay file for a path: each step's choice text, with the chance outcome that was taken."""
    lines = [f"# {note}"] if note else []
    lines += [
        "# Replay it: budapest56 play --story DIR --replay THIS-FILE",
        f"role: {role}",
        f"seed: {seed}",
        "steps:" if steps else "steps: []",
    ]
    for text, outcome in steps:
        quoted = '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
        if outcome >= 0:
            lines.append(f"  - choice: {quoted}")
            lines.append(f"    outcome: {outcome + 1}")
        else:
            lines.append(f"  - {quoted}")
    return "\n".join(lines) + "\n"
