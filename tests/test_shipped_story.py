"""The shipped story: clean under check --strict, every scene and ending reachable, history cited."""

from __future__ import annotations

import re
from datetime import date

import pytest

from game.story.clock import to_datetime
from game.story.loader import load_story
from game.tools.check import analyse
from game.tools.playtest import Coverage, exhaustive, never_reached, random_run
from tests.conftest import SCENES

STORY = load_story(SCENES)
ROLES = ("resident", "journalist", "radio")


def test_check_strict_is_clean():
    assert [str(p) for p in analyse(STORY)] == []  # every warning, W112 and W113 included


# -- every choice answered, every measure explained and read, few one-way screens (issue #16) ----


@pytest.mark.parametrize("role", ROLES)
def test_every_choice_answered_and_every_measure_matters(role):
    codes = {"W112", "W113"}
    assert [str(p) for p in analyse(STORY) if p.code in codes and f"scenes/{role}/" in str(p)] == []
    variables = STORY.variables_for(role)
    assert all(variables[m].describe for m in STORY.roles[role].measures)


@pytest.mark.parametrize("role", ROLES)
def test_no_path_has_more_than_one_single_choice_screen_in_six(role):
    cov = Coverage()
    for seed in range(1, 301):
        random_run(STORY, role, seed, cov, 200)
    worst = max(cov.reading.paths, key=lambda p: p.share)
    assert worst.share < 1 / 6, f"{role}, seed {worst.seed}: {worst.single} of {worst.screens}"


@pytest.mark.parametrize("role", ROLES)
def test_short_version_reaches_every_ending(role):
    cov = Coverage()
    for seed in range(1, 401):
        random_run(STORY, role, seed, cov, 200, short=True)
    endings = {s.id for s in STORY.role_scenes(role) if s.ending is not None}
    assert set(cov.endings) == endings and not cov.failures


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


# --- The history review of issue 16: corrected figures stay corrected ---------------------


def _all_texts() -> list[tuple[str, str]]:
    """Every text a player can read, labelled with where it comes from."""
    out: list[tuple[str, str]] = [("intro", STORY.meta.intro)]
    for scene in STORY.scenes.values():
        out += [(scene.id, p.text) for p in scene.passages]
        out += [(scene.id, c.text) for c in scene.choices]
        out += [(scene.id, o.text) for c in scene.choices for o in c.outcomes]
        if scene.decision:
            out.append((scene.id, scene.decision.history))
        if scene.ending:
            out.append((scene.id, scene.ending.epilogue))
    for card in STORY.facts.values():
        out.append((card.id, card.text))
        if card.disputed:
            out += [(card.id, card.disputed.then), (card.id, card.disputed.now)]
    out += [(e.id, e.text) for e in STORY.timeline.values()]
    out += [(g.id, g.text) for g in STORY.glossary.values()]
    return out


def _flat(text: str) -> str:
    return " ".join(text.split())


def _all_citations():
    for scene in STORY.scenes.values():
        yield from scene.cite
        if scene.decision:
            yield from scene.decision.cite
        if scene.ending:
            yield from scene.ending.cite
    for item in list(STORY.facts.values()) + list(STORY.timeline.values()):
        yield from item.cite
        if item.disputed:
            yield from item.disputed.cite
    for entry in STORY.glossary.values():
        yield from entry.cite


def test_returned_refugees_are_about_eleven_thousand():
    border = _flat(STORY.scenes["resident.end.border"].ending.epilogue)
    card = _flat(STORY.facts["res-where-they-went"].text)
    history = _flat(STORY.scenes["resident.nov18.choice"].decision.history)
    for text in (border, card, history):
        assert "11,000" in text
    assert not any(re.search(r"tens of thousands[^.]*came back", _flat(t)) for _, t in _all_texts())


def test_internment_is_not_inflated_and_the_executed_are_229():
    offenders = [where for where, t in _all_texts() if re.search(r"tens of thousands[^.]*interned", _flat(t))]
    assert offenders == []
    stayed = _flat(STORY.scenes["resident.end.stayed"].ending.epilogue)
    assert "executed 229" in stayed and "executed thousands" not in stayed


def test_nagy_statement_quotes_zinner_and_says_the_army_was_told_not_to_resist():
    event = STORY.timeline["nagy-statement-1104"]
    text = _flat(event.text)
    assert "Our troops are fighting. The government is in its place." in text
    assert "not to fight" in text
    assert any(c.source == "zinner1956" and c.locator == "p. 472" for c in event.cite)


def test_kadar_broadcast_keeps_the_open_letter_and_the_appeal_apart():
    text = _flat(STORY.timeline["kadar-govt-1104"].text)
    for name in ("Apró", "Kádár", "Kossa", "Münnich", "Uzhgorod", "open letter", "appeal"):
        assert name in text


def test_small_corrections_stay_corrected():
    texts = " ".join(_flat(t) for _, t in _all_texts())
    assert "Soviet emblem" not in texts
    assert "800 press photographs" not in texts
    assert "partly and secretly" not in texts
    assert "the age with the most deaths" not in texts
    assert "25 October" in _flat(STORY.facts["jou-revolution-press"].text)
    assert "Tungsram works" not in STORY.scenes["radio.end.silenced"].where
    assert "Soviet troops blew up" not in _flat(STORY.glossary["andau"].text)


def test_summary_court_deadline_falls_on_the_day_of_the_decree():
    scene = STORY.scenes["resident.dec10.warning"]
    assert to_datetime(scene.when).date() == date(1956, 12, 11)
    assert "six o'clock this evening" in _flat(scene.passages[0].text)


def test_four_november_lesson_is_in_the_timeline_and_cards():
    for event in (
        "tokol-arrest-1103",
        "bibo-proclamation-1104",
        "un-veto-1104",
        "suez-1105",
        "kadar-arrives-1107",
        "csepel-1111",
    ):
        assert event in STORY.timeline
    unlocked = {f for s in STORY.scenes.values() for f in s.facts}
    assert {"tokol-arrest", "why-no-help", "bibo-proclamation", "mourning-day"} <= unlocked
    assert "1004 (ES-II)" in STORY.facts["why-no-help"].text


def test_every_source_is_cited_and_chronologies_are_cited_by_date():
    cites = list(_all_citations())
    assert set(STORY.sources) <= {c.source for c in cites}
    chronologies = (
        "magyar-kronologia",
        "rev-hu-chronology",
        "res-mti-chronology",
        "res-magyarkronologia",
        "rad-kronologia",
        "jou-kronologia-1024",
        "jou-kronologia-1123",
        "rad-transcripts",
    )
    undated = [c.source for c in cites if c.source in chronologies and not re.search(r"\d{4}", c.locator)]
    assert undated == []


def test_the_hungarian_edition_is_complete_and_current():
    """`check --lang hu --strict` is clean: every text translated, none stale, no orphan, every
    glossary mark resolved (issue #21)."""
    from game.tools.check_lang import check_translation

    assert [str(p) for p in check_translation(STORY, SCENES, "hu")] == []


def test_a_hungarian_playthrough_shows_the_story_in_hungarian():
    from game.story.loader import load_story
    from game.story.walk import walk

    hu = load_story(SCENES, "hu")
    state = walk(hu, "radio", 3, [])
    scene = hu.scenes[state.scene]
    assert scene.title != STORY.scenes[state.scene].title
    assert "Nagy Imre" in " ".join(e.text for e in hu.timeline.values())
