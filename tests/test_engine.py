"""The engine: choices, conditions, once-only, outcomes, clock, and determinism."""

from __future__ import annotations

import pytest

from game.story.engine import EngineError, choices, choose, new_game, replay, scene_text
from game.story.walk import walk


def test_each_ending_of_the_fixture_is_reachable(mini):
    assert walk(mini, "courier", 2, ["Take the tram", "Cross"]).ending == "courier.end.home"
    assert walk(mini, "courier", 0, ["Take the tram", "Cross"]).ending == "courier.end.caught"
    assert walk(mini, "courier", 0, ["Walk", "Turn back"]).ending == "courier.end.back"


def test_disabled_choice_shows_reason_and_cannot_be_taken(mini):
    state = new_game(mini, "courier", 1)
    fly = [c for c in choices(mini, state) if c.text == "Fly"][0]
    assert not fly.enabled and fly.reason == "You cannot fly."
    with pytest.raises(EngineError):
        choose(mini, state, fly.index)


def test_hidden_choice_and_conditional_passage(mini):
    tram = walk(mini, "courier", 1, ["Take the tram"])
    assert "Turn back bravely" not in [c.text for c in choices(mini, tram)]
    assert "You feel brave." not in scene_text(mini, tram)
    walked = walk(mini, "courier", 1, ["Walk"])
    assert "Turn back bravely" in [c.text for c in choices(mini, walked)]
    assert "You feel brave." in scene_text(mini, walked)


def test_once_only_choice_disappears_and_effects_apply(mini):
    state = walk(mini, "courier", 1, ["Walk", "Wait a while"])
    assert state.vars["courage"] == 1
    assert state.visits["courier.bridge"] == 2
    assert "Wait a while" not in [c.text for c in choices(mini, state)]


def test_clock_and_facts(mini):
    state = walk(mini, "courier", 1, ["Walk"])
    start = new_game(mini, "courier", 1)
    assert state.clock - start.clock == 60
    assert state.facts == ("card-bridge",)


def test_same_seed_and_choices_give_identical_states(mini):
    for seed in range(20):
        a = walk(mini, "courier", seed, ["Walk", "Wait a while", "Cross"])
        b = walk(mini, "courier", seed, ["Walk", "Wait a while", "Cross"])
        assert a == b and a.to_dict() == b.to_dict()
    endings = {walk(mini, "courier", s, ["Walk", "Cross"]).ending for s in range(40)}
    assert endings == {"courier.end.home", "courier.end.caught"}  # chance really varies by seed


def test_replay_matches_and_state_round_trips(mini):
    state = walk(mini, "courier", 5, ["Walk", "Cross"])
    assert replay(mini, "courier", 5, [s.choice for s in state.path]) == state
    from game.story.state import GameState

    assert GameState.from_dict(state.to_dict()) == state


def test_ended_story_offers_nothing(mini):
    state = walk(mini, "courier", 0, ["Walk", "Turn back"])
    assert choices(mini, state) == []
    with pytest.raises(EngineError):
        choose(mini, state, 0)
    with pytest.raises(EngineError):
        new_game(mini, "nobody")
