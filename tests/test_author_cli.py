"""One way to name a story: every command takes `DIR` and `--story DIR` alike, with one clear error."""

from __future__ import annotations

import subprocess
import sys

import pytest

from game.cli import parse_args
from tests.conftest import MINI, ROOT

DEFECTS = ROOT / "tests" / "fixtures" / "defects"


def cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "game", *args], capture_output=True, text=True, cwd=ROOT, timeout=120, input=stdin
    )


@pytest.mark.parametrize(
    "words",
    [
        ["check"],
        ["playtest"],
        ["playtest", "exhaustive"],
        ["graph"],
        ["play"],
        ["serve"],
        ["stats"],
        ["new", "scene", "courier.x"],
    ],
)
def test_every_command_takes_the_story_both_ways(words):
    assert parse_args([*words, str(MINI)]).story == MINI
    assert parse_args([*words, "--story", str(MINI)]).story == MINI
    assert parse_args([*words, "--story", str(MINI), str(MINI)]).story == MINI  # the same folder twice is fine


def test_playtest_mode_and_folder_in_either_order():
    orders = (
        ["exhaustive", str(MINI)],
        [str(MINI), "exhaustive"],
        ["exhaustive", "--story", str(MINI)],
        ["exhaustive", "--max-states", "5", str(MINI)],
    )
    for words in orders:
        args = parse_args(["playtest", *words])
        assert (args.mode, args.story) == ("exhaustive", MINI)
    assert parse_args(["playtest", str(MINI)]).mode == "random"


def test_report_takes_the_story_as_an_option_only(tmp_path):
    args = parse_args(["report", str(tmp_path), "--story", str(MINI)])
    assert (args.dir, args.story) == (tmp_path, MINI)


@pytest.mark.parametrize(
    ("words", "message"),
    [
        (
            ["check", str(MINI), "--story", str(DEFECTS)],
            f"budapest56 check: error: the story folder is given twice ('{MINI}' and --story '{DEFECTS}'): give it once",
        ),
        (["graph", "--story", "no-such-folder"], "budapest56 graph: error: story folder 'no-such-folder' not found"),
        (["chek"], "budapest56 play: error: story folder 'chek' not found — did you mean the command 'check'?"),
        (
            ["playtest", "exhaustiv", str(MINI)],
            "budapest56 playtest: error: unknown mode 'exhaustiv' — did you mean 'exhaustive'?",
        ),
    ],
)
def test_story_usage_errors(words, message):
    result = cli(*words)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == message
    assert "Traceback" not in result.stderr


def test_play_help_lists_the_roles_of_the_story_it_would_load():
    shipped = " ".join(cli("play", "--help").stdout.split())
    assert "start this role at once; the story in scenes has: resident, journalist, radio" in shipped
    mini = " ".join(cli("play", "--story", "tests/fixtures/mini", "--seed", "3", "--help").stdout.split())
    assert "the story in tests/fixtures/mini has: courier" in mini
    positional = " ".join(cli("play", "--role", "x", "tests/fixtures/mini", "-h").stdout.split())
    assert "has: courier" in positional
