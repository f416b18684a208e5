"""Count the futures of a situation: for each choice open there, how many ways lead to each ending.

A *future* is one distinct way the story can go on to an ending: a sequence of choices and of
chance outcomes. "What if?" shows, for a key decision a player took, the share of futures behind
each choice that end in each ending, so "still reachable" and "how often" come from the story
itself, not from guesses.

The count is an exhaustive depth-first walk over distinct situations (``statekey``): a
situation's futures are counted once and reused wherever it recurs, so the cost is one visit per
distinct state, like the exhaustive playtester. A way that would lead back into a situation
already on the way (a loop: the radio operator may try the border again and again) is not
counted again, so the walk ends; counts then depend on where the walk entered the loop, and
:func:`decision_table` always walks from the role's start so every player sees the same numbers.
This module is the one place that
walks; ``whatif`` builds what players see on top of it, so the walk can be made faster without
changing its callers.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass, field

from game.story import engine
from game.story.gcpause import gc_paused
from game.story.model import Story
from game.story.state import GameState
from game.story.statekey import state_key

Counts = dict[str, int]  # ending scene id -> number of futures
ByChoice = dict[int, Counts]  # choice index -> its futures
Vectors = dict[int, list[int]]  # choice index -> futures per ending, in ``role_endings`` order


@dataclass
class DecisionTable:
    """Every key-decision situation a walk met, with each choice's futures there."""

    role: str
    rows: dict[Hashable, Vectors] = field(default_factory=dict)
    states: int = 0
    loops: bool = False  # a loop was cut somewhere (see the module's docstring)


def role_endings(story: Story, role: str) -> list[str]:
    """The ending scenes of ``role``, in the order the story declares them."""
    return [s.id for s in story.scenes.values() if s.role == role and s.ending is not None]


def named(vectors: Vectors, endings: list[str]) -> ByChoice:
    """Count vectors as ending ids → futures, leaving out the endings a choice cannot reach."""
    return {i: {e: n for e, n in zip(endings, v, strict=True) if n} for i, v in vectors.items()}


def count_futures(story: Story, states: Sequence[GameState]) -> list[Vectors]:
    """For each state (all of one role): each enabled choice there → its futures per ending."""
    if not states:
        return []
    role = states[0].role
    if any(s.role != role for s in states):
        raise ValueError("count_futures needs states of one role")
    with gc_paused():
        walk = _Walk(story, role)
        return [walk.by_choice(s) for s in states]


def decision_table(story: Story, role: str, short: bool = False) -> DecisionTable:
    """Walk the whole role from its start and keep the futures of every key-decision situation.

    One walk answers "What if?" for every decision any player of this role can meet; the short
    version of the story (``short``) is a walk of its own, since it passes over some scenes.
    """
    with gc_paused():
        walk = _Walk(story, role, record=True)
        walk.futures(engine.new_game(story, role, 0, short))
        return DecisionTable(role, walk.table, len(walk.memo), walk.looped)


def _successors(story: Story, state: GameState) -> Iterator[tuple[int, GameState]]:
    """Every next state: each enabled choice, and each outcome of a choice left to chance."""
    if state.ending is not None:
        return
    scene = story.scenes[state.scene]
    for view in engine.choices(story, state):
        if not view.enabled:
            continue
        outcomes = scene.choices[view.index].outcomes
        for forced in range(len(outcomes)) if outcomes else (None,):
            yield view.index, engine.choose(story, state, view.index, force_outcome=forced)


class _Frame:
    """One situation on the way down: its successors still to walk and what they added up to."""

    __slots__ = ("key", "successors", "total", "per_choice", "index")

    def __init__(self, key: Hashable, successors: Iterator[tuple[int, GameState]], size: int, record: bool):
        self.key = key
        self.successors = successors
        self.total = [0] * size
        self.per_choice: Vectors | None = {} if record else None
        self.index = -1  # the choice whose successor is being walked below this frame

    def add(self, index: int, vector: list[int]) -> None:
        _add(self.total, vector)
        if self.per_choice is not None:
            _add(self.per_choice.setdefault(index, [0] * len(vector)), vector)


class _Walk:
    def __init__(self, story: Story, role: str, record: bool = False):
        self.story = story
        self.key = state_key(story, role)
        self.endings = role_endings(story, role)
        self.slot = {e: i for i, e in enumerate(self.endings)}
        self.memo: dict[Hashable, list[int]] = {}
        self.shared: dict[tuple[int, ...], list[int]] = {}  # equal counts stored once: far less memory
        self.record = record
        self.table: dict[Hashable, Vectors] = {}
        self.looped = False

    def by_choice(self, state: GameState) -> Vectors:
        per_choice: Vectors = {}
        for index, nxt in _successors(self.story, state):
            _add(per_choice.setdefault(index, [0] * len(self.endings)), self.futures(nxt))
        return per_choice

    def _leaf(self, state: GameState) -> list[int] | None:
        """An ending is one future; a state that is not an ending is walked."""
        if state.ending is None:
            return None
        vector = [0] * len(self.endings)
        if state.ending in self.slot:
            vector[self.slot[state.ending]] = 1
        return vector

    def _frame(self, key: Hashable, state: GameState) -> _Frame:
        record = self.record and self.story.scenes[state.scene].decision is not None
        return _Frame(key, _successors(self.story, state), len(self.endings), record)

    def futures(self, start: GameState) -> list[int]:
        """The futures from ``start``, by an iterative depth-first walk (stories can be deep)."""
        memo, key = self.memo, self.key
        k0 = key(start)
        if k0 in memo:
            return memo[k0]
        leaf = self._leaf(start)
        if leaf is not None:
            memo[k0] = leaf
            return leaf
        on_way = {k0}
        stack = [self._frame(k0, start)]
        while stack:
            frame = stack[-1]
            total, per_choice = frame.total, frame.per_choice
            for index, nxt in frame.successors:  # the hot loop: calls inlined
                nk = key(nxt)
                done = memo.get(nk)
                if done is None and nxt.ending is not None:
                    done = memo[nk] = self._leaf(nxt)
                if done is not None:
                    for i, n in enumerate(done):
                        if n:
                            total[i] += n
                    if per_choice is not None:
                        _add(per_choice.setdefault(index, [0] * len(done)), done)
                elif nk in on_way:  # a loop back into the way here adds no new future
                    self.looped = True
                else:
                    frame.index = index
                    on_way.add(nk)
                    stack.append(self._frame(nk, nxt))
                    break
            else:
                stack.pop()
                on_way.discard(frame.key)
                total = self.shared.setdefault(tuple(frame.total), frame.total)
                memo[frame.key] = total
                if frame.per_choice is not None:
                    self.table[frame.key] = frame.per_choice
                if stack:
                    stack[-1].add(stack[-1].index, total)
        return memo[k0]


def _add(into: list[int], vector: list[int]) -> None:
    for i, n in enumerate(vector):
        if n:
            into[i] += n
