"""Reliability: the loader never fails with anything but a clean list of problems.

A short run of each fuzz test is in the default suite; ``pytest -m slow`` runs them twenty times longer.
"""

from __future__ import annotations

import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.story.loader import load_story_with_problems
from tests.conftest import MINI

SOURCE = (MINI / "courier.yaml").read_text(encoding="utf-8")
YAMLISH = st.sampled_from(
    list(":-[]{}#&*!|>'\"%@` \n\t?,.") + ["scenes", "goto", "if", "text", "choices", "- id: x", "\n  "]
)


@st.composite
def mutated(draw) -> str:
    text = SOURCE
    for _ in range(draw(st.integers(1, 6))):
        pos = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "replace"]))
        piece = draw(YAMLISH)
        if action == "insert":
            text = text[:pos] + piece + text[pos:]
        elif action == "delete":
            text = text[:pos] + text[pos + draw(st.integers(1, 40)) :]
        else:
            text = text[:pos] + piece + text[pos + len(piece) :]
    return text


def _load(tmp_path, courier: str):
    root = tmp_path / "fuzz"
    if not root.exists():
        shutil.copytree(MINI, root)
    (root / "courier.yaml").write_text(courier, encoding="utf-8")
    story, problems = load_story_with_problems(root)
    assert (story is None) == any(p.severity == "error" for p in problems)
    for p in problems:
        assert p.mark.path and p.message  # every problem says where and what


def fuzz(tmp_path, strategy, examples: int) -> None:
    @settings(max_examples=examples, deadline=None)
    @given(strategy)
    def run(text: str) -> None:
        _load(tmp_path, text)

    run()


# a short run by default; the long reliability run with `pytest -m slow`
SHORT_AND_LONG = [pytest.param(1, id="short"), pytest.param(20, id="long", marks=pytest.mark.slow)]


@pytest.mark.parametrize("scale", SHORT_AND_LONG)
def test_mutated_scene_files_load_or_fail_cleanly(tmp_path, scale):
    fuzz(tmp_path, mutated(), 250 * scale)


@pytest.mark.parametrize("scale", SHORT_AND_LONG)
def test_random_text_loads_or_fails_cleanly(tmp_path, scale):
    fuzz(tmp_path, st.text(max_size=200), 150 * scale)
