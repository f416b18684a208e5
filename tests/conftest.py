"""Shared fixtures: the small fixture story and helpers to write throwaway story folders."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from game.story.loader import load_story

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
