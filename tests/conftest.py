"""Shared fixtures: the small fixture story and helpers to write throwaway story folders."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from game.l10n import set_language
from game.story.loader import load_story

# The game follows the machine's language (LANG, LC_ALL): the tests, and the games they start, run
# in English wherever they run, unless a test asks for another language with --lang.
for _name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
    os.environ.pop(_name, None)
os.environ["LANG"] = "C.UTF-8"

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"
SCENES = ROOT / "scenes"


@pytest.fixture(scope="session")
def mini():
    return load_story(MINI)


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
