"""Live reload for authors: re-read the story when a file changes, and keep the player's place.

The watcher compares file modification times (portable, no extra dependency). A reload that
fails keeps the last good story and returns the problems, so the app shows them instead of
crashing; a reload that succeeds keeps the current scene if it still exists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from game.story.files import story_files
from game.story.loader import load_story_with_problems
from game.story.model import Story
from game.story.problems import Problem
from game.story.state import GameState


def snapshot(root: Path) -> dict[str, float]:
    """Modification time of every story file: a change, addition or removal shows as a difference."""
    out = {}
    for path in story_files(root):
        try:
            out[str(path)] = path.stat().st_mtime_ns
        except OSError:
            continue
    return out


@dataclass
class ReloadResult:
    story: Story | None  # None when the edited story has errors
    problems: list[Problem] = field(default_factory=list)
    state: GameState | None = None  # the player's state moved onto the new story
    scene_gone: bool = False
    message: str = ""


def reload_story(root: Path, state: GameState | None) -> ReloadResult:
    story, problems = load_story_with_problems(root)
    errors = [p for p in problems if p.severity == "error"]
    if story is None:
        return ReloadResult(
            None, errors, state, message=f"{len(errors)} error(s) in the story: still playing the last good version"
        )
    if state is None:
        return ReloadResult(story, [], None, message="story reloaded")
    if state.role not in story.roles or state.scene not in story.scenes:
        return ReloadResult(
            story, [], None, scene_gone=True, message=f"scene '{state.scene}' no longer exists: start the role again"
        )
    known = story.variables_for(state.role)
    variables = {name: state.vars.get(name, var.initial) for name, var in known.items()}
    for name, value in variables.items():  # an author changed a variable's type: restart its value
        if type(value) is not type(known[name].initial):
            variables[name] = known[name].initial
    moved = state._replace(vars=variables, ending=state.scene if story.scenes[state.scene].ending else None)
    return ReloadResult(story, [], moved, message="story reloaded: you are still in the same scene")
