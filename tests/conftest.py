"""Shared fixtures and helpers: the fixture story, the shipped story (loaded once per run),
throwaway story folders, a fast key sender for long Pilot runs, and known paths through a role.
"""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot

from game.l10n import set_language
from game.story.engine import arrival_text, scene_text
from game.story.loader import load_story
from game.story.model import Story
from game.story.state import GameState
from game.story.walk import walk

# The game follows the machine's language (LANG, LC_ALL): the tests, and the games they start, run
# in English wherever they run, unless a test asks for another language with --lang.
for _name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
    os.environ.pop(_name, None)
os.environ["LANG"] = "C.UTF-8"

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"
SCENES = ROOT / "scenes"
ROLES = ("resident", "journalist", "radio")


@pytest.fixture(scope="session")
def mini() -> Story:
    return load_story(MINI)


@cache
def shipped_story() -> Story:
    """The story in ``scenes/``, loaded once per run for every test that reads it (never mutate it)."""
    return load_story(SCENES)


@pytest.fixture(scope="session")
def shipped() -> Story:
    return shipped_story()


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


@pytest.fixture(autouse=True)
def english_interface():
    """A test that switches the interface language leaves English behind it."""
    yield
    set_language("en")


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


def shown(story: Story, state: GameState) -> str:
    """Everything the player reads on arriving: what the last choice led to, then the scene."""
    return " ".join(" ".join(arrival_text(story, state) + scene_text(story, state)).split())


# -- tiny stories the author-facing tests share ---------------------------------------------------
TINY_HEAD = """\
sources:
  - {id: book, author: A, title: T, year: 2000}
roles:
  - id: r
    name: R
    portrait: P
    start: r.a
    variables:
      food: {initial: 1, min: 0, max: 3}
      part: "none"
"""
"""A one-role story's head (sources, role, variables): a test adds its scenes in a second file."""

STUCK = """\
sources: [{id: s, author: A, title: T, year: 1}]
roles: [{id: r, name: R, portrait: P, start: r.a, variables: {key: false, name: "Kati"}}]
role: r
scenes:
  - id: r.a
    text: Start.
    choices:
      - {text: Take the key, effects: [key = true], goto: r.c}
      - text: Run
        outcomes:
          - {chance: 70, goto: r.c}
          - {chance: 30, goto: r.b}
  - id: r.b
    text: A door.
    choices:
      - {text: Open, if: key, goto: r.c}
  - id: r.c
    text: Out.
    ending: {title: E, epilogue: e, cite: [s]}
"""
"""A role with a chance of getting stuck: "Run" has a 30 % outcome into a door only a key opens."""
