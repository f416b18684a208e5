"""The one walk over a role's situations: every distinct state it can reach, and where each choice leads.

Both exhaustive tools stand on this walk: the exhaustive playtester reads coverage and dead ends
off the graph (``game.tools.playtest``), and "What if?" counts each situation's futures on it
(``futures``). Making the walk faster speeds both, and they can never disagree about what is
reachable. The walk is breadth first, over the engine's own ``choices`` and ``choose`` (every
branch of chance followed with ``force_outcome``), and two states are one node when their
``statekey`` keys are equal. A node keeps only its scene, its ending and its edges: the states
themselves are dropped once expanded, so memory grows with the number of situations, not with
the length of the paths to them.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

from game.story import engine
from game.story.gcpause import gc_paused
from game.story.model import Story
from game.story.state import GameState
from game.story.statekey import state_key

CUT = -1  # an edge whose next state was not kept: the bound on states was reached


@dataclass
class Stuck:
    """A situation with no open choice that is not an ending, and the first way there."""

    node: int
    scene: str
    path: list[str]  # the texts of the choices taken
    outcomes: list[int]  # the chance outcome of each step (-1: none)


@dataclass
class Graph:
    """Node ids index the lists; ``roots`` are the nodes of the states the walk started from."""

    role: str
    keys: list[Hashable] = field(default_factory=list)
    scenes: list[str] = field(default_factory=list)
    endings: list[str | None] = field(default_factory=list)
    # for each node: (choice index, next node) for every open choice and each of its outcomes, in
    # the engine's order (the order a player sees them); CUT when the bound stopped the walk
    edges: list[list[tuple[int, int]]] = field(default_factory=list)
    roots: list[int] = field(default_factory=list)
    stuck: list[Stuck] = field(default_factory=list)
    bound_hit: bool = False


def explore(story: Story, role: str, starts: Sequence[GameState], max_states: int | None = None) -> Graph:
    """Walk from ``starts`` (states of ``role``) to every situation they can reach.

    With ``max_states`` the walk keeps at most that many situations and says so in ``bound_hit``.
    """
    with gc_paused():  # hundreds of thousands of small objects and no cycles: skip the collector
        return _explore(story, role, starts, max_states)


def _explore(story: Story, role: str, starts: Sequence[GameState], max_states: int | None) -> Graph:
    graph = Graph(role)
    key = state_key(story, role)
    index: dict[Hashable, int] = {}
    keys, scenes, endings, edges = graph.keys, graph.scenes, graph.endings, graph.edges
    queue: deque[tuple[int, GameState]] = deque()

    def add(state: GameState, k: Hashable) -> int:
        node = index[k] = len(keys)
        keys.append(k)
        scenes.append(state.scene)
        endings.append(state.ending)
        edges.append([])
        if state.ending is None:
            queue.append((node, state))
        return node

    for state in starts:
        k = key(state)
        graph.roots.append(index[k] if k in index else add(state, k))
    choose, choices, all_scenes = engine.choose, engine.choices, story.scenes
    while queue:
        node, state = queue.popleft()
        out = edges[node]
        options = all_scenes[state.scene].choices
        for view in choices(story, state):
            if not view.enabled:
                continue
            outcomes = options[view.index].outcomes
            for forced in range(len(outcomes)) if outcomes else (None,):
                nxt = choose(story, state, view.index, force_outcome=forced)
                k = key(nxt)
                child = index.get(k)
                if child is None:
                    if max_states is not None and len(keys) >= max_states:
                        graph.bound_hit = True
                        child = CUT
                    else:
                        child = add(nxt, k)
                out.append((view.index, child))
        if not out:
            graph.stuck.append(Stuck(node, state.scene, [s.text for s in state.path], [s.outcome for s in state.path]))
    return graph
