"""Count the futures of a situation: for each choice open there, how many ways lead to each ending.

A *future* is one distinct way the story can go on to an ending: a sequence of choices and of
chance outcomes. "What if?" shows, for a key decision a player took, the share of futures behind
each choice that end in each ending, so "still reachable" and "how often" come from the story
itself, not from guesses.

The count runs on the graph of the one walk (``stategraph``, the same walk as the exhaustive
playtester's): depth first over distinct situations (``statekey``), a situation's futures are
counted once and reused wherever it recurs. A way that would lead back into a situation
already on the way (a loop: the radio operator may try the border again and again) is not
counted again, so the count ends; counts then depend on where the walk entered the loop, and
:func:`decision_table` always walks from the role's start so every player sees the same numbers.
``whatif`` builds what players see on top of this module.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

from game.story import engine
from game.story.gcpause import gc_paused
from game.story.model import Story
from game.story.state import GameState
from game.story.stategraph import Graph, explore

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
        counter = _Counter(story, explore(story, role, states))
        return [counter.by_choice(root) for root in counter.graph.roots]


def decision_table(story: Story, role: str, short: bool = False) -> DecisionTable:
    """Walk the whole role from its start and keep the futures of every key-decision situation.

    One walk answers "What if?" for every decision any player of this role can meet; the short
    version of the story (``short``) is a walk of its own, since it passes over some scenes.
    """
    with gc_paused():
        graph = explore(story, role, [engine.new_game(story, role, 0, short)])
        counter = _Counter(story, graph, record=True)
        counter.futures(graph.roots[0])
        rows = {graph.keys[node]: vectors for node, vectors in counter.table.items()}
        return DecisionTable(role, rows, len(graph.keys), counter.looped)


class _Frame:
    """One situation on the way down: the next of its edges to follow and what they added up to."""

    __slots__ = ("node", "edges", "next", "total", "per_choice", "choice")

    def __init__(self, node: int, edges: list[tuple[int, int]], size: int, record: bool):
        self.node = node
        self.edges = edges
        self.next = 0
        self.total = [0] * size
        self.per_choice: Vectors | None = {} if record else None
        self.choice = -1  # the choice whose next situation is being counted below this frame

    def add(self, choice: int, vector: list[int]) -> None:
        _add(self.total, vector)
        if self.per_choice is not None:
            _add(self.per_choice.setdefault(choice, [0] * len(vector)), vector)


class _Counter:
    """Futures on the walk's graph: depth first from a node, each situation counted once (memo)."""

    def __init__(self, story: Story, graph: Graph, record: bool = False):
        self.graph = graph
        self.endings = role_endings(story, graph.role)
        slot = {e: i for i, e in enumerate(self.endings)}
        size = len(self.endings)
        self.size = size
        self.memo: list[list[int] | None] = []
        for ending in graph.endings:  # an ending is one future; other situations are counted
            if ending is None:
                self.memo.append(None)
            else:
                vector = [0] * size
                if ending in slot:
                    vector[slot[ending]] = 1
                self.memo.append(vector)
        self.shared: dict[tuple[int, ...], list[int]] = {}  # equal counts stored once: far less memory
        decisions = {s.id for s in story.scenes.values() if s.decision is not None}
        self.records = [record and scene in decisions for scene in graph.scenes]
        self.table: dict[int, Vectors] = {}
        self.looped = False
        self.on_way = bytearray(len(graph.keys))

    def by_choice(self, node: int) -> Vectors:
        per_choice: Vectors = {}
        for choice, child in self.graph.edges[node]:
            _add(per_choice.setdefault(choice, [0] * self.size), self.futures(child))
        return per_choice

    def futures(self, start: int) -> list[int]:
        """The futures from ``start``, by an iterative depth-first walk (stories can be deep).

        A way back into a situation still on the way here (a loop) adds no future.
        """
        memo, edges, on_way, records, size = self.memo, self.graph.edges, self.on_way, self.records, self.size
        if memo[start] is not None:
            return memo[start]  # type: ignore[return-value]
        on_way[start] = 1
        stack = [_Frame(start, edges[start], size, records[start])]
        while stack:
            frame = stack[-1]
            total, per_choice, out = frame.total, frame.per_choice, frame.edges
            while frame.next < len(out):  # the hot loop: calls inlined
                choice, child = out[frame.next]
                frame.next += 1
                done = memo[child]
                if done is not None:
                    for i, n in enumerate(done):
                        if n:
                            total[i] += n
                    if per_choice is not None:
                        _add(per_choice.setdefault(choice, [0] * size), done)
                elif on_way[child]:
                    self.looped = True
                else:
                    frame.choice = choice
                    on_way[child] = 1
                    stack.append(_Frame(child, edges[child], size, records[child]))
                    break
            else:
                stack.pop()
                on_way[frame.node] = 0
                counted = self.shared.setdefault(tuple(frame.total), frame.total)
                memo[frame.node] = counted
                if frame.per_choice is not None:
                    self.table[frame.node] = frame.per_choice
                if stack:
                    stack[-1].add(stack[-1].choice, counted)
        return memo[start]  # type: ignore[return-value]


def _add(into: list[int], vector: list[int]) -> None:
    for i, n in enumerate(vector):
        if n:
            into[i] += n
