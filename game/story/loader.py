"""Load a story folder into one validated :class:`Story`, or report every problem in it.

Loading is a pipeline, one module per stage, so that files may refer to each other in any order
and each stage's errors are its own:
1. ``parse`` — read every ``*.yaml`` file safely, keeping positions; register ids, report duplicates;
2. ``build`` / ``build_scenes`` — check each object's fields and build it, compiling conditions
   and effects against the right role's variables;
3. ``link`` — resolve what needs the whole story (start scenes, roles across choices, epilogue,
   glossary marks).
A file that fails to parse stops there, and references to the ids it seems to declare are not
reported again elsewhere: one broken file gives one root-cause error.

This module is the public face: everything callers import from ``game.story.loader`` stays here.
"""

from __future__ import annotations

from pathlib import Path

from game.story.build_scenes import SceneBuilder
from game.story.files import TRANSLATIONS, fingerprint, story_files  # noqa: F401 — re-exported for callers
from game.story.gcpause import gc_paused
from game.story.keys import (  # noqa: F401 — re-exported for callers
    CHOICE_KEYS,
    DECISION_KEYS,
    DISPUTED_KEYS,
    ENDING_KEYS,
    EVENT_KEYS,
    FACT_KEYS,
    GLOSSARY_KEYS,
    GLOSSARY_MARK,
    OUTCOME_KEYS,
    PLAIN_ID,
    PLAIN_RULE,
    ROLE_KEYS,
    SCENE_ID,
    SCENE_KEYS,
    SCENE_RULE,
    SOURCE_KEYS,
    SOURCE_KINDS,
    STORY_KEYS,
    TOP_KEYS,
    VAR_KEYS,
    VAR_NAME,
)
from game.story.link import link
from game.story.model import Story
from game.story.parse import display, parse_files
from game.story.problems import Mark, Problem, ProblemList, StoryLoadError

__all__ = [
    "GLOSSARY_MARK",
    "SCENE_ID",
    "StoryLoadError",
    "fingerprint",
    "load_story",
    "load_story_with_problems",
    "story_files",
]


def load_story(root: Path | str, lang: str | None = None) -> Story:
    """Load and validate the story in ``root``; raise StoryLoadError listing every error.

    With ``lang``, the story's translation into that language (``root/i18n/<lang>/``) replaces
    the texts it has; see ``game.story.i18n``.
    """
    story, problems = load_story_with_problems(root)
    errors = [p for p in problems if p.severity == "error"]
    if errors or story is None:
        raise StoryLoadError(errors or problems)
    if lang:
        from game.story.i18n import translate

        translate(story, lang)
    return story


def load_story_with_problems(root: Path | str) -> tuple[Story | None, list[Problem]]:
    """Load as far as possible; return the story (None if it has errors) and all problems."""
    with gc_paused():
        return _load(Path(root))


def _load(root: Path) -> tuple[Story | None, list[Problem]]:
    problems = ProblemList()
    if not root.is_dir():
        problems.error(Mark(str(root)), "story folder not found", "E100")
        return None, problems.items
    files = story_files(root)
    if not files:
        problems.error(Mark(str(root)), "no .yaml files in the story folder", "E101")
        return None, problems.items
    parsed = parse_files(root, files, problems)
    builder = SceneBuilder(parsed)
    story = builder.build([display(p) for p in files], fingerprint(root, files))
    link(story, parsed, builder.role_marks)
    ok = not problems.errors
    return (story if ok else None), sorted(problems.items, key=lambda p: (p.mark, p.code))
