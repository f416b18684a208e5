"""The shipped story: clean under check --strict, every scene and ending reachable, history cited."""

from __future__ import annotations

import pytest

from game.story.loader import load_story
from game.tools.check import analyse
from game.tools.playtest import exhaustive, never_reached
from tests.conftest import SCENES

STORY = load_story(SCENES)
ROLES = ("resident", "journalist", "radio")


# TODO(issue #16): the writers are giving every choice an answer (`result:` or a passage that reads
# what it changes), making every shown measure matter and citing every listed source. Until they
# are done the shipped story may still show these three warnings, and only these; empty this set
# when issue #16 is closed, so `check --strict` guards the whole story again.
PENDING_ISSUE_16 = {"W112", "W113", "W114"}


def test_check_strict_is_clean():
    assert [str(p) for p in analyse(STORY) if p.code not in PENDING_ISSUE_16] == []


@pytest.mark.parametrize("role", ROLES)
def test_role_size(role):
    scenes = STORY.role_scenes(role)
    assert len(scenes) >= 25
    assert len([s for s in scenes if s.ending]) >= 4
    assert len([s for s in scenes if s.decision]) >= 6
    assert len(STORY.roles[role].measures) >= 3


@pytest.mark.parametrize("role", ROLES)
def test_exhaustive_playtest_reaches_every_scene_and_ending(role):
    cov = exhaustive(STORY, role, 2_000_000)
    assert not cov.bound_hit
    assert not cov.failures, cov.failures[:3]
    unreached = [line for line in never_reached(STORY, role, cov) if "never reached" in line]
    assert unreached == []


def test_every_role_uses_the_history_layer():
    crossing = STORY.crossing_events()
    for role in ROLES:
        scenes = STORY.role_scenes(role)
        assert any(s.facts for s in scenes) and any(s.events for s in scenes)
        assert any(set(s.events) & set(crossing) for s in scenes)
    # the dawn of 4 November is lived by all three roles
    assert crossing.get("nagy-statement-1104") == set(ROLES)


def test_history_is_cited_and_disputed_figures_are_shown():
    for card in STORY.facts.values():
        assert card.cite and all(c.source in STORY.sources for c in card.cite)
    for scene in STORY.scenes.values():
        if scene.ending:
            assert scene.ending.cite and scene.ending.epilogue.strip()
    disputed = [c for c in STORY.facts.values() if c.disputed]
    assert {"casualties", "soviet-forces", "rfe-debate"} <= {c.id for c in disputed}
    assert "25,000" in STORY.facts["casualties"].disputed.then and "2,700" in STORY.facts["casualties"].disputed.now
    assert STORY.meta.epilogue and all(e in STORY.timeline for e in STORY.meta.epilogue)
    assert STORY.timeline["nagy-statement-1104"].time == "05:20"
