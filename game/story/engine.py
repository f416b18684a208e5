"""The engine: which choices are open, and what choosing one does. Nothing else.

Every front end (the Textual app, plain mode, the playtester, the tests) calls these functions,
so a story behaves the same everywhere. Same story + seed + choices → the same states.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.story.model import Choice, Scene, Story
from game.story.rng import next_percent, seed_state
from game.story.state import GameState, Step


class EngineError(Exception):
    """A choice that cannot be taken now (wrong index, disabled, or the story is over)."""


@dataclass(frozen=True)
class ChoiceView:
    """A choice as a player sees it: enabled, or disabled with the author's reason."""

    index: int
    text: str
    enabled: bool
    reason: str = ""


class _Draft:
    """The mutable scratch copy that effects write to while a step is computed."""

    __slots__ = ("vars", "visits", "facts", "clock")

    def __init__(self, state: GameState):
        self.vars = dict(state.vars)
        self.visits = dict(state.visits)
        self.facts = list(state.facts)
        self.clock = state.clock


def new_game(
    story: Story,
    role: str,
    seed: int = 0,
    short: bool = False,
    start: str | None = None,
    values: dict[str, object] | None = None,
) -> GameState:
    """Start ``role`` at its first scene; raises EngineError for an unknown role.

    ``short`` starts the short version: a scene with ``short_goto`` is passed over, the player
    arriving at its ``short_goto`` instead (see :func:`arrival`). ``start`` and ``values`` are for
    authors testing a scene (``play --start SCENE --set x=1``): the game begins at that scene of
    the role, arriving with those variable values.
    """
    if role not in story.roles:
        known = ", ".join(sorted(story.roles))
        raise EngineError(f"unknown role '{role}' (roles: {known})")
    r = story.roles[role]
    first = start or r.start
    variables = {name: v.initial for name, v in story.variables_for(role).items()}
    variables.update(values or {})  # type: ignore[arg-type]
    begin = first if start else arrival(story, first, short)
    start_clock = story.scenes[begin].when or story.scenes[r.start].when or 0
    state = GameState(
        role=role, scene=begin, seed=seed, rng=seed_state(seed), clock=start_clock, vars=variables, short=short
    )
    draft = _Draft(state)
    ending = _arrive(story, draft, begin)
    return _freeze(state, draft, begin, state.rng, state.used, state.path, ending)


def arrival(story: Story, target: str, short: bool) -> str:
    """Where a player bound for ``target`` arrives: in the short version, past every skipped scene."""
    if not short:
        return target
    seen = {target}
    while (nxt := story.scenes[target].short_goto) and nxt in story.scenes and nxt not in seen:
        seen.add(nxt)
        target = nxt
    return target


def current_scene(story: Story, state: GameState) -> Scene:
    return story.scenes[state.scene]


def scene_text(story: Story, state: GameState) -> list[str]:
    """The passages of the current scene whose conditions hold, in order."""
    scene = story.scenes[state.scene]
    return [p.text for p in scene.passages if p.condition is None or p.condition.fn(state)]


def _visible(choice: Choice, scene: Scene, state: GameState) -> ChoiceView | None:
    if choice.once and f"{scene.id}#{choice.index}" in state.used:
        return None
    if choice.otherwise:  # the scene's way on when nothing else is open: hidden while anything is
        others = (_visible(c, scene, state) for c in scene.choices if not c.otherwise)
        return None if any(v is not None and v.enabled for v in others) else ChoiceView(choice.index, choice.text, True)
    if choice.condition is None or choice.condition.fn(state):
        return ChoiceView(choice.index, choice.text, True)
    if choice.reason is None:
        return None
    return ChoiceView(choice.index, choice.text, False, choice.reason)


def choices(story: Story, state: GameState) -> list[ChoiceView]:
    """The choices shown now: enabled ones, and disabled ones that have a reason."""
    if state.ending is not None:
        return []
    scene = story.scenes[state.scene]
    return [v for v in (_visible(c, scene, state) for c in scene.choices) if v is not None]


def choose(
    story: Story, state: GameState, index: int, votes: tuple[int, ...] = (), force_outcome: int | None = None
) -> GameState:
    """Take choice ``index`` (its position in the scene's list) and return the next state.

    ``force_outcome`` picks a random outcome by position instead of rolling: the exhaustive
    playtester uses it to follow every branch of chance.
    """
    if state.ending is not None:
        raise EngineError("the story has ended")
    scene = story.scenes[state.scene]
    if not 0 <= index < len(scene.choices):
        raise EngineError(f"scene '{scene.id}' has no choice {index}")
    choice = scene.choices[index]
    view = _visible(choice, scene, state)
    if view is None or not view.enabled:
        raise EngineError(f"choice {index} of scene '{scene.id}' is not available now")
    draft = _Draft(state)
    for effect in choice.effects:
        effect.fn(draft)
    rng = state.rng
    outcome_index = -1
    target = choice.goto
    if choice.outcomes and force_outcome is not None:
        outcome_index, target = force_outcome, choice.outcomes[force_outcome].goto
        for effect in choice.outcomes[force_outcome].effects:
            effect.fn(draft)
    elif choice.outcomes:
        roll, rng = next_percent(rng)
        acc = 0
        for i, outcome in enumerate(choice.outcomes):
            acc += outcome.chance
            if roll < acc:
                outcome_index, target = i, outcome.goto
                for effect in outcome.effects:
                    effect.fn(draft)
                break
    assert target is not None
    used = state.used | {f"{scene.id}#{index}"} if choice.once else state.used
    step = Step(scene.id, index, choice.text, state.clock, outcome_index, tuple(votes))
    target = arrival(story, target, state.short)
    ending = _arrive(story, draft, target)
    return _freeze(state, draft, target, rng, used, state.path + (step,), ending)


def arrival_text(story: Story, state: GameState) -> list[str]:
    """What the last choice led to, shown above the scene's own text (see :func:`step_result`)."""
    return step_result(story, state.path[-1]) if state.path else []


def step_result(story: Story, step: Step) -> list[str]:
    """A taken choice's `result`, then the line of the random outcome that happened; either may be absent."""
    scene = story.scenes.get(step.scene)
    if scene is None or step.choice >= len(scene.choices):
        return []  # a save made with an edited story: the lines it pointed at are gone
    choice = scene.choices[step.choice]
    lines = [choice.result] if choice.result else []
    if 0 <= step.outcome < len(choice.outcomes) and choice.outcomes[step.outcome].text:
        lines.append(choice.outcomes[step.outcome].text)
    return lines


def _arrive(story: Story, draft: _Draft, scene_id: str) -> str | None:
    scene = story.scenes[scene_id]
    draft.visits[scene_id] = draft.visits.get(scene_id, 0) + 1
    if scene.when is not None:
        draft.clock = scene.when
    for effect in scene.effects:
        effect.fn(draft)
    for fact in scene.facts:
        if fact not in draft.facts:
            draft.facts.append(fact)
    return scene_id if scene.ending is not None else None


def _freeze(
    state: GameState,
    draft: _Draft,
    scene: str,
    rng: int,
    used: frozenset[str],
    path: tuple[Step, ...],
    ending: str | None,
) -> GameState:
    return GameState(
        role=state.role,
        scene=scene,
        seed=state.seed,
        rng=rng,
        clock=draft.clock,
        vars=draft.vars,
        visits=draft.visits,
        facts=tuple(draft.facts),
        used=used,
        path=path,
        ending=ending,
        short=state.short,
    )


def replay(story: Story, role: str, seed: int, picks: list[int], short: bool = False) -> GameState:
    """Replay choice indexes from the start: the basis of rewind and of reproducible reports."""
    state = new_game(story, role, seed, short)
    for index in picks:
        state = choose(story, state, index)
    return state
