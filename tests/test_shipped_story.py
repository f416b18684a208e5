"""The shipped story: clean under check --strict, every scene and ending reachable, history cited."""

from __future__ import annotations

import pytest

from game.tools.check import analyse
from game.tools.playtest import exhaustive, never_reached
from tests.conftest import ROLES


def test_check_strict_is_clean(shipped):
    assert [str(p) for p in analyse(shipped)] == []


@pytest.mark.parametrize("role", ROLES)
def test_role_size(shipped, role):
    scenes = shipped.role_scenes(role)
    assert len(scenes) >= 25
    assert len([s for s in scenes if s.ending]) >= 4
    assert len([s for s in scenes if s.decision]) >= 6
    assert len(shipped.roles[role].measures) >= 3


@pytest.mark.parametrize("role", ROLES)
def test_exhaustive_playtest_reaches_every_scene_and_ending(shipped, role):
    cov = exhaustive(shipped, role, 2_000_000)
    assert not cov.bound_hit
    assert not cov.failures, cov.failures[:3]
    unreached = [line for line in never_reached(shipped, role, cov) if "never reached" in line]
    assert unreached == []


def test_every_role_uses_the_history_layer(shipped):
    crossing = shipped.crossing_events()
    for role in ROLES:
        scenes = shipped.role_scenes(role)
        assert any(s.facts for s in scenes) and any(s.events for s in scenes)
        assert any(set(s.events) & set(crossing) for s in scenes)
    # the dawn of 4 November is lived by all three roles
    assert crossing.get("nagy-statement-1104") == set(ROLES)


def test_history_is_cited_and_disputed_figures_are_shown(shipped):
    for card in shipped.facts.values():
        assert card.cite and all(c.source in shipped.sources for c in card.cite)
    for scene in shipped.scenes.values():
        if scene.ending:
            assert scene.ending.cite and scene.ending.epilogue.strip()
    disputed = [c for c in shipped.facts.values() if c.disputed]
    assert {"casualties", "soviet-forces", "rfe-debate"} <= {c.id for c in disputed}
    assert "25,000" in shipped.facts["casualties"].disputed.then and "2,700" in shipped.facts["casualties"].disputed.now
    assert shipped.meta.epilogue and all(e in shipped.timeline for e in shipped.meta.epilogue)
    assert shipped.timeline["nagy-statement-1104"].time == "05:20"
