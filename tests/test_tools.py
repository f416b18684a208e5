"""The authoring tools against fixture stories with known defects, and the clean fixture."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from game.story.loader import load_story
from game.tools.check import run_check
from game.tools.graph import to_dot, to_mermaid
from game.tools.playtest import Coverage, exhaustive, random_run
from tests.conftest import MINI, ROOT

DEFECTS = ROOT / "tests" / "fixtures" / "defects"
EXPECTED = {
    (7, "W107"), (19, "W105"), (20, "W106"), (21, "W106"), (24, "W108"), (31, "W110"),
    (33, "W104"), (33, "W109"), (36, "W102"), (48, "W101"), (53, "W103"),
}  # fmt: skip


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_each_check_fires_where_it_should(capsys):
    assert run_check(DEFECTS, "json") == 0
    data = json.loads(capsys.readouterr().out)
    assert {(p["line"], p["code"]) for p in data["problems"]} == EXPECTED
    assert data["errors"] == 0 and data["warnings"] == len(EXPECTED)


def test_strict_fails_on_warnings_and_text_form(capsys):
    assert run_check(DEFECTS, "text", strict=True) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].endswith("story.yaml:7:5: warning: fact card 'lonely-card' is never unlocked by any scene [W107]")
    assert out[-1] == f"{DEFECTS}: 0 error(s), 11 warning(s) (5 scenes, 1 roles)"


def test_checks_stay_quiet_on_a_clean_story(capsys):
    assert run_check(MINI, "text", strict=True) == 0
    assert capsys.readouterr().out.strip().endswith("0 error(s), 0 warning(s) (5 scenes, 1 roles)")


def test_long_scene_text_is_flagged(story_dir, capsys):
    root = story_dir(
        {
            "s.yaml": """\
            sources: [{id: s, author: A, title: T, year: 1}]
            roles: [{id: r, name: R, portrait: P, start: r.a}]
            role: r
            scenes:
              - id: r.a
                text: "%s"
                ending: {title: E, epilogue: e, cite: [s]}
            """
            % ("word " * 300)
        }
    )
    run_check(root, "json")
    codes = [p["code"] for p in json.loads(capsys.readouterr().out)["problems"]]
    assert codes == ["W109"]


def test_exit_codes_errors_and_usage(tmp_path):
    (tmp_path / "a.yaml").write_text("scenes: 3\n")
    result = cli("check", str(tmp_path))
    assert result.returncode == 1 and "a.yaml:1:9: error: scenes must be a list" in result.stdout
    assert cli("check", str(tmp_path / "nope")).returncode == 2
    assert cli("check", "--format", "xml").returncode == 2


def test_random_playtest_reports_endings_and_untaken_choices():
    story = load_story(MINI)
    cov = Coverage()
    for seed in range(1, 201):
        random_run(story, "courier", seed, cov, 100)
    assert set(cov.endings) == {"courier.end.home", "courier.end.caught", "courier.end.back"}
    assert not cov.failures
    result = cli("playtest", "--story", str(MINI), "-n", "300", "--seed", "1")
    assert result.returncode == 0
    assert (
        "choice 'Fly' in courier.start never taken (its condition 'courage >= 3' was false every time)" in result.stdout
    )
    assert "coverage: 5/5 scenes" in result.stdout


def test_playtest_finds_a_stuck_path_with_its_reproduction(story_dir):
    root = story_dir(
        {
            "s.yaml": """\
            sources: [{id: s, author: A, title: T, year: 1}]
            roles: [{id: r, name: R, portrait: P, start: r.a, variables: {key: false}}]
            role: r
            scenes:
              - id: r.a
                text: Start.
                choices:
                  - {text: Take the key, effects: [key = true], goto: r.b}
                  - {text: Leave it, goto: r.b}
              - id: r.b
                text: A door.
                choices:
                  - {text: Open, if: key, goto: r.c}
              - id: r.c
                text: Out.
                ending: {title: E, epilogue: e, cite: [s]}
            """
        }
    )
    result = cli("playtest", "--story", str(root), "-n", "50")
    assert result.returncode == 1
    assert "FAILURE (stuck)" in result.stdout and "no enabled choice in scene 'r.b'" in result.stdout
    assert "reproduce: Leave it" in result.stdout
    cov = exhaustive(load_story(root), "r", 1000)
    assert [f.path for f in cov.failures] == [["Leave it"]]


def test_exhaustive_covers_every_branch_and_reports_the_bound():
    story = load_story(MINI)
    cov = exhaustive(story, "courier", 10_000)
    assert set(cov.endings) == {"courier.end.home", "courier.end.caught", "courier.end.back"}
    assert not cov.bound_hit
    small = exhaustive(story, "courier", 3)
    assert small.bound_hit
    result = cli("playtest", "exhaustive", "--story", str(MINI), "--max-states", "3")
    assert "bound of 3 states reached: coverage below is partial" in result.stdout


def test_graph_marks_endings_and_crossing(mini):
    dot = to_dot(mini)
    assert '"courier.end.home" [label="Delivered", shape=doublecircle]' in dot
    assert '"courier.start" -> "courier.bridge" [label="Walk"]' in dot
    assert '"courier.bridge" -> "courier.end.home" [label="Cross (50%)"]' in dot
    mermaid = to_mermaid(mini)
    assert mermaid.startswith("flowchart LR") and '(["Delivered"])' in mermaid
    assert cli("graph", "--story", str(MINI), "--role", "nobody").returncode == 2


def test_new_story_role_and_scene_pass_check(tmp_path):
    folder = tmp_path / "my-story"
    assert cli("new", "story", str(folder)).returncode == 0
    assert cli("check", str(folder), "--strict").returncode == 0
    assert cli("new", "role", "spy", "--story", str(folder)).returncode == 0
    assert cli("new", "scene", "spy.cafe", "--story", str(folder)).returncode == 0
    result = cli("check", str(folder))
    assert result.returncode == 0 and "0 error(s)" in result.stdout
    assert cli("new", "scene", "spy.cafe", "--story", str(folder)).returncode == 2  # already exists
    assert cli("new", "scene", "ghost.x", "--story", str(folder)).returncode == 2  # no such role
    assert (folder / "story.schema.json").exists()
    first = (folder / "spy" / "role.yaml").read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=../story.schema.json"


@pytest.mark.parametrize("args", [["bogus"], ["check", "a", "b"], ["playtest", "-n", "x"], ["new", "thing", "x"]])
def test_bad_arguments_exit_2_without_traceback(args):
    result = cli(*args)
    assert result.returncode == 2 and "usage:" in result.stderr and "Traceback" not in result.stderr


def test_version_and_help():
    assert cli("--version").stdout.startswith("budapest56 ")
    assert "playtest" in cli("--help").stdout
    assert Path(ROOT / "game" / "__main__.py").exists()


def test_where_shows_the_checkout_folders_and_the_overrides(monkeypatch, capsys, tmp_path):
    from game.cli import main

    monkeypatch.setenv("BUDAPEST56_STORY", "")  # empty means not set
    monkeypatch.setenv("BUDAPEST56_SAVES", "")
    assert main(["where"]) == 0
    out = capsys.readouterr().out
    assert f"story: {ROOT / 'scenes'}  — the story shipped with the game, in this checkout" in out
    assert f"saves: {ROOT / 'saves'}  — saves/ in the data folder" in out
    monkeypatch.setenv("BUDAPEST56_SAVES", str(tmp_path))
    assert main(["where"]) == 0
    assert f"saves: {tmp_path}  — $BUDAPEST56_SAVES" in capsys.readouterr().out
