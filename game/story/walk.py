"""Play a path by choice texts: how tests and authors describe a playthrough readably."""

from __future__ import annotations

from game.story.engine import EngineError, choices, choose, new_game
from game.story.model import Story
from game.story.state import GameState


def pick_by_text(story: Story, state: GameState, pick: str) -> int:
    """The index of the one enabled choice whose text contains ``pick`` (an exact match wins)."""
    enabled = [c for c in choices(story, state) if c.enabled]
    exact = [c for c in enabled if c.text == pick]
    found = exact or [c for c in enabled if pick in c.text]
    if len(found) == 1:
        return found[0].index
    listing = "; ".join(f"'{c.text}'" for c in enabled) or "none (the story has ended)"
    problem = "matches no" if not found else "matches more than one"
    raise EngineError(f"in scene '{state.scene}', '{pick}' {problem} enabled choice. Enabled: {listing}")


def walk(story: Story, role: str, seed: int, picks: list[str]) -> GameState:
    """Start ``role`` with ``seed`` and take each pick in turn; return the final state."""
    state = new_game(story, role, seed)
    for pick in picks:
        state = choose(story, state, pick_by_text(story, state, pick))
    return state
