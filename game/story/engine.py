"""The engine: which choices are open, and what choosing one does. Nothing else.

Every front end (the Textual app, plain mode, the playtester, the tests) calls these functions,
so a story behaves the same everywhere. Same story + seed + choices → the same states.
"""

from __future__ import annotations

from game.story.model import Choice, ChoiceView, Scene, Story
from game.story.rng import next_percent, seed_state
from game.story.state import GameState, Step


class EngineError(Exception):
    """A choice that cannot be taken now (wrong index, disabled, or the story is over)."""


class _Draft:
    """The scratch copy that effects write to while a step is computed.

    It starts out sharing the old state's variables, and copies them before the first effect
    writes (most steps have no effect on variables, and the old state must not change).
    """

    __slots__ = ("vars", "visits", "facts", "clock", "_own")

    def __init__(self, state: GameState):
        self.vars = state.vars
        self.visits = state.visits
        self.facts = state.facts
        self.clock = state.clock
        self._own = False

    def run(self, effects: list) -> None:
        if not self._own:
            self.vars = dict(self.vars)
            self._own = True
        for effect in effects:
            effect.fn(self)


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
        role=role,
        scene=begin,
        seed=seed,
        rng=seed_state(seed),
        clock=start_clock,
        vars=variables,
        visits={},
        short=short,
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
    if choice.once and choice.used_key in state.used:
        return None
    if choice.otherwise:  # the scene's way on when nothing else is open: hidden while anything is
        return None if any(_open(c, state) for c in scene.choices if not c.otherwise) else choice.shown
    condition = choice.condition
    if condition is None or condition.fn(state):
        return choice.shown
    return choice.greyed


def _open(choice: Choice, state: GameState) -> bool:
    """Whether a choice that is not an ``otherwise`` choice is enabled now."""
    if choice.once and choice.used_key in state.used:
        return False
    return choice.condition is None or bool(choice.condition.fn(state))


def choices(story: Story, state: GameState) -> list[ChoiceView]:
    """The choices shown now: enabled ones, and disabled ones that have a reason."""
    if state.ending is not None:
        return []
    scene = story.scenes[state.scene]
    fixed = scene.fixed_views
    if fixed is not None:
        return list(fixed)
    views = []
    for choice in scene.choices:
        view = _visible(choice, scene, state)
        if view is not None:
            views.append(view)
    return views


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
    if not (_visible(choice, scene, state) is not None if choice.otherwise else _open(choice, state)):
        raise EngineError(f"choice {index} of scene '{scene.id}' is not available now")
    draft = _Draft(state)
    if choice.effects:
        draft.run(choice.effects)
    rng = state.rng
    outcome_index = -1
    target = choice.goto
    if choice.outcomes:
        if force_outcome is not None:
            outcome_index = force_outcome
        else:
            roll, rng = next_percent(rng)
            for i, outcome in enumerate(choice.outcomes):
                roll -= outcome.chance
                if roll < 0:
                    outcome_index = i
                    break
        if outcome_index >= 0:
            outcome = choice.outcomes[outcome_index]
            target = outcome.goto
            if outcome.effects:
                draft.run(outcome.effects)
    assert target is not None
    step = Step(
        scene.id, index, choice.text, state.clock, outcome_index, votes if type(votes) is tuple else tuple(votes)
    )
    if state.short:
        target = arrival(story, target, True)
    ending = _arrive(story, draft, target)
    return GameState(
        state.role,
        target,
        state.seed,
        rng,
        draft.clock,
        draft.vars,
        draft.visits,
        draft.facts,
        state.used | {choice.used_key} if choice.once else state.used,
        (*state.path, step),
        ending,
        state.short,
    )


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
    visits = dict(draft.visits)
    visits[scene_id] = visits.get(scene_id, 0) + 1
    draft.visits = visits
    if scene.when is not None:
        draft.clock = scene.when
    if scene.effects:
        draft.run(scene.effects)
    facts = draft.facts
    for fact in scene.facts:
        if fact not in facts:
            facts = (*facts, fact)
    draft.facts = facts
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
        state.role,
        scene,
        state.seed,
        rng,
        draft.clock,
        draft.vars,
        draft.visits,
        draft.facts,
        used,
        path,
        ending,
        state.short,
    )


def replay(story: Story, role: str, seed: int, picks: list[int], short: bool = False) -> GameState:
    """Replay choice indexes from the start: the basis of rewind and of reproducible reports."""
    state = new_game(story, role, seed, short)
    for index in picks:
        state = choose(story, state, index)
    return state
