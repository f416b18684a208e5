"""Shared fixtures and helpers: the fixture story, the shipped story (loaded once per run),
throwaway story folders, a fast key sender for long Pilot runs, and known paths through a role.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot

from game.story.loader import load_story
from game.story.model import Story
from game.story.state import GameState
from game.story.walk import walk

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"
SCENES = ROOT / "scenes"
ROLES = ("resident", "journalist", "radio")


@pytest.fixture(scope="session")
def mini() -> Story:
    return load_story(MINI)


@pytest.fixture(scope="session")
def shipped() -> Story:
    """The story in ``scenes/``, loaded once for every test that reads it (never mutate it)."""
    return load_story(SCENES)


@pytest.fixture
def story_dir(tmp_path):
    """Write files into a fresh story folder: ``story_dir({"a.yaml": "..."})``."""

    def make(files: dict[str, str]) -> Path:
        for name, text in files.items():
            path = tmp_path / "story" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return tmp_path / "story"

    return make


# -- keys for long Pilot runs -------------------------------------------------------------------
_CHARS = {"space": " ", "question_mark": "?"}  # the printable keys with names, as Pilot sends them


async def type_key(pilot: Pilot, key: str) -> None:
    """One key press, processed fully before the next, without ``Pilot.press``'s idle polling.

    ``Pilot.press`` waits for the process to look idle (two 20 ms polls a key); posting the key
    event and waiting until the screen has handled every message gives the same states, about
    four times faster, which is what lets a few hundred random keys per role run by default.
    """
    char = _CHARS.get(key, key if len(key) == 1 else None)
    pilot.app.post_message(events.Key(key, char))
    await pilot.pause(0)
    await pilot.pause(0)  # messages the key's handler posted (a screen pushed, a choice taken)


# -- known paths through a role -----------------------------------------------------------------
@dataclass(frozen=True)
class KnownPath:
    """A playthrough by choice texts (see game.story.walk) and what it must end in."""

    ending: str
    seed: int
    picks: list[str]
    check: Callable[[dict], bool] = field(default=lambda v: True)

    def __str__(self) -> str:
        return self.ending


def play_known_path(story: Story, role: str, path: KnownPath) -> GameState:
    """Walk ``path`` and assert its ending and its check on the final variables."""
    state = walk(story, role, seed=path.seed, picks=path.picks)
    assert state.ending == path.ending
    assert path.check(state.vars), f"{path.ending}: the final variables fail the check: {state.vars}"
    return state
