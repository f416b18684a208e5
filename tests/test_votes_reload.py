"""Group-mode vote rules and live reload, without a terminal."""

from __future__ import annotations

import shutil

import pytest

from game.story.reload import reload_story, snapshot
from game.story.votes import VoteError, parse_counts, winners
from game.story.walk import walk
from tests.conftest import MINI


def test_typos_in_vote_counts_are_caught_with_the_scene_numbers():
    from game.story.votes import surprising_total

    with pytest.raises(VoteError, match="1313 votes for choice 3 is more than a class has"):
        parse_counts(["2", "1313"], [2, 3])
    with pytest.raises(VoteError, match="choice 2 must be a whole number"):
        parse_counts(["²"], [2])
    assert surprising_total([20, 14], [28, 30]) == ""
    assert "52 votes in all" in surprising_total([40, 12], [28, 30])


def test_majority_and_ties():
    assert winners([3, 9, 2]) == [1]
    assert winners([5, 5, 0]) == [0, 1]
    assert parse_counts(["3", "", " 7 "]) == [3, 0, 7]
    with pytest.raises(VoteError, match="nobody voted"):
        parse_counts(["", "0"])
    with pytest.raises(VoteError, match="whole number, not 'x'"):
        parse_counts(["x", "1"])
    for typed in ("²", "9" * 5000):  # a digit to str.isdigit, not to int(); a number int() refuses to read
        with pytest.raises(VoteError, match="whole number"):
            parse_counts([typed, "1"])


def test_reload_keeps_the_scene_and_reports_errors(tmp_path):
    root = tmp_path / "s"
    shutil.copytree(MINI, root)
    from game.story.loader import load_story

    story = load_story(root)
    state = walk(story, "courier", 1, ["Walk"])
    before = snapshot(root)
    path = root / "courier.yaml"
    path.write_text(path.read_text().replace("The bridge.", "The old bridge."))
    result = reload_story(root, state)
    assert result.story is not None and result.state.scene == "courier.bridge"
    assert result.state.vars == state.vars
    assert snapshot(root) != before
    good = path.read_text()
    path.write_text(good.replace("goto: courier.end.home", "goto: courier.end.hom"))
    broken = reload_story(root, state)
    assert broken.story is None and "unknown scene 'courier.end.hom'" in broken.problems[0].message
    assert broken.state == state  # nothing lost
    path.write_text(good.replace("courier.bridge", "courier.river"))
    gone = reload_story(root, state)
    assert gone.scene_gone and gone.state is None
