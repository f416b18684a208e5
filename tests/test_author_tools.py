"""The tools see what authors meant: test starts, replays, playtest --fail-on, stats, the story map."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from game.story.loader import load_story
from game.story.replay import StartError, parse_set, read_replay, replay_state, start_state
from game.tools import graph
from game.tools.graph import to_dot, to_mermaid
from tests.conftest import MINI, ROOT, STUCK


def cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "game", *args], capture_output=True, text=True, cwd=ROOT, timeout=120, input=stdin
    )


# -- play --start / --set -----------------------------------------------------------------------------
def test_start_at_a_scene_with_values(mini):
    state = start_state(mini, None, "courier.bridge", parse_set(["courage=3", "has_letter=false"]), 0)
    assert (state.role, state.scene, state.vars["courage"], state.vars["has_letter"]) == (
        "courier",
        "courier.bridge",
        3,
        False,
    )
    assert state.visits == {"courier.bridge": 1}


@pytest.mark.parametrize(
    ("role", "scene", "sets", "message"),
    [
        (None, "courier.brige", [], "no scene 'courier.brige' — did you mean 'courier.bridge'?"),
        ("nobody", "courier.bridge", [], "scene 'courier.bridge' belongs to role 'courier', not 'nobody'"),
        (None, None, ["courage=2"], "--set needs --role ROLE or --start SCENE, to know whose variables to set"),
        (
            None,
            "courier.bridge",
            ["courag=2"],
            "role 'courier' has no variable 'courag' — did you mean 'courage'? (variables: courage, has_letter)",
        ),
        (None, "courier.bridge", ["courage=many"], "'courage' is a whole number: --set courage=1"),
        (None, "courier.bridge", ["courage=9"], "'courage' must be from 0 to 3, not 9"),
        (None, "courier.bridge", ["has_letter=yes"], "'has_letter' is true or false: --set has_letter=true"),
        (None, "courier.bridge", ["courage"], "--set needs NAME=VALUE, e.g. --set food=2 (got 'courage')"),
    ],
)
def test_start_usage_errors(mini, role, scene, sets, message):
    with pytest.raises(StartError) as err:
        start_state(mini, role, scene, parse_set(sets), 0)
    assert str(err.value) == message


def test_play_start_in_plain_mode_and_its_usage_error(tmp_path):
    result = cli(
        "play", "--plain", str(MINI), "--start", "courier.bridge", "--set", "courage=2", "--saves-dir", str(tmp_path),
        stdin="m\nq\n",
    )  # fmt: skip
    assert result.returncode == 0
    said = " ".join(result.stdout.split())
    assert "(Test start in scene 'courier.bridge' of role 'courier'. This game is not saved.)" in said
    assert "Courage: 2 of 3" in result.stdout
    assert [p.name for p in tmp_path.iterdir()] in ([], [".cache"])  # no save: only the story cache
    bad = cli("play", "--plain", str(MINI), "--start", "courier.nowhere")
    assert bad.returncode == 2
    assert (
        bad.stderr.splitlines()[-1]
        == "budapest56 play: error: no scene 'courier.nowhere' — did you mean 'courier.bridge'?"
    )


# -- exhaustive failures, replay files, --fail-on -------------------------------------------------
def test_exhaustive_failure_gives_its_chance_outcomes_and_a_replay_file(story_dir, tmp_path):
    root = story_dir({"s.yaml": STUCK})
    out = tmp_path / "replays"
    result = cli("playtest", "exhaustive", str(root), "--replays", str(out))
    assert result.returncode == 1
    assert "  FAILURE (stuck) in the exhaustive search: no enabled choice in scene 'r.b'" in result.stdout
    assert "    reproduce: Run [outcome 2]" in result.stdout
    replay = out / "r-stuck-1.yaml"
    assert f"    replay:    budapest56 play --story {root} --replay {replay}" in result.stdout
    state = replay_state(load_story(root), read_replay(replay))
    assert (state.scene, [s.outcome for s in state.path]) == ("r.b", [1])
    played = cli("play", "--plain", str(root), "--replay", str(replay), stdin="q\n")
    assert "(Replayed 1 choice(s): now in scene 'r.b'. This game is not saved.)" in " ".join(played.stdout.split())


def test_random_failure_replays_by_its_seed(story_dir, tmp_path):
    root = story_dir({"s.yaml": STUCK})
    result = cli("playtest", str(root), "-n", "40", "--replays", str(tmp_path))
    first = sorted(tmp_path.glob("r-stuck-*.yaml"))[0]
    replay = read_replay(first)
    assert replay.steps == [("Run", None)] and replay.seed > 0
    assert f"FAILURE (stuck) seed {replay.seed}:" in result.stdout
    assert replay_state(load_story(root), replay).scene == "r.b"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("role: r\nsteps: [Walk]\n", "step 1: scene 'r.a' has no open choice 'Walk' (open: 'Take the key', 'Run')"),
        ("role: r\nsteps: [Rnu]\n", "step 1: scene 'r.a' has no open choice 'Rnu' — did you mean 'Run'? (open: 'Take the key', 'Run')"),
        ("role: r\nsteps: [{choice: Run, outcome: 3}]\n", "step 1: choice 'Run' has outcomes 1 to 2, not outcome 3"),
        ("role: r\nsteps: [Take the key, Run]\n", "step 2: the story already ended at 'r.c'"),
        ("role: x\nsteps: []\n", "unknown role 'x' (roles: r)"),
    ],
)  # fmt: skip
def test_replay_file_mistakes(story_dir, tmp_path, text, message):
    root = story_dir({"s.yaml": STUCK})
    path = tmp_path / "replay.yaml"
    path.write_text(text)
    with pytest.raises(StartError) as err:
        replay_state(load_story(root), read_replay(path))
    assert str(err.value) == message


def test_fail_on_never_taken_and_unreached(story_dir):
    root = story_dir(
        {"s.yaml": STUCK.replace("if: key, goto: r.c", "if: key, goto: r.c}\n      - {text: Wait, goto: r.c")}
    )
    plain = cli("playtest", "exhaustive", str(root))
    assert plain.returncode == 0
    result = cli("playtest", "exhaustive", str(root), "--fail-on", "never-taken", "--fail-on", "unreached")
    assert result.returncode == 1
    assert result.stdout.splitlines()[-1] == (
        "  --fail-on never-taken: 1 choice(s) never taken, or with a condition never true (listed above)"
    )
    assert cli("playtest", str(MINI), "-n", "300", "--fail-on", "unreached").returncode == 0


# -- stats ----------------------------------------------------------------------------------------
def test_stats_counts_words_and_reading_minutes():
    result = cli("stats", str(MINI), "-n", "50", "--format", "json")
    assert result.returncode == 0
    (role,) = json.loads(result.stdout)["roles"]
    assert (role["role"], role["scenes"], role["choices"], role["endings"]) == ("courier", 5, 6, 3)
    assert role["words"] == 71 and role["paths"] == 50 and role["unfinished"] == 0
    assert 0 < role["path_words_median"] <= role["path_words_p90"]
    assert set(role["by_ending"]) == {"courier.end.home", "courier.end.caught", "courier.end.back"}
    text = cli("stats", "--story", str(MINI), "-n", "50").stdout.splitlines()
    assert text[0] == "A small test story: 5 scenes, 1 roles, 71 words in scenes"
    assert text[3] == "  5 scenes, 6 choices, 3 endings, 71 words (reading all of it: 0.5–0.7 min)"
    assert text[4].startswith("  one path: median ")


# -- the story map ----------------------------------------------------------------------------------
def test_graph_start_first_marked_and_labels_whole(mini):
    mini.scenes["courier.bridge"].choices[0].text = "Wait a while, watching the soldiers at the far end of the bridge"
    try:
        dot = to_dot(mini)
        mermaid = to_mermaid(mini)
    finally:
        mini.scenes["courier.bridge"].choices[0].text = "Wait a while"
    nodes = [line.strip() for line in dot.splitlines() if line.strip().startswith('"courier.')]
    assert nodes[0] == '"courier.start" [label="▶ The door", style="rounded,bold"];'
    assert '"start:courier" -> "courier.start";' in dot
    assert 'label="Wait a while, watching the\\nsoldiers at the far end of\\nthe bridge"' in dot
    assert mermaid.splitlines()[2] == '    n0["▶ The door"]'
    assert "  class n0 start" in mermaid
    assert "Wait a while, watching the<br/>soldiers at the far end of<br/>the bridge" in mermaid


def test_graph_keeps_the_crossing_marks():
    story = load_story(ROOT / "scenes")
    dot, mermaid = to_dot(story), to_mermaid(story)
    assert "★ " in dot and "penwidth=2.5" in dot
    assert "classDef crossing" in mermaid


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
def test_graph_svg_and_png_through_graphviz(tmp_path):
    svg = cli("graph", str(MINI), "--format", "svg")
    assert svg.returncode == 0 and svg.stdout.lstrip().startswith("<?xml") and "▶ The door" in svg.stdout
    png = tmp_path / "map.png"
    assert cli("graph", str(MINI), "--format", "png", "--out", str(png)).returncode == 0
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_graph_without_graphviz_says_how_to_get_it(monkeypatch, capsys):
    monkeypatch.setattr(graph.shutil, "which", lambda name: None)
    args = __import__("argparse").Namespace(story=MINI, role=None, format="svg", out=None)
    assert graph.run_graph(args) == 1
    assert capsys.readouterr().err == (
        "budapest56 graph: error: --format svg needs Graphviz's `dot` program, which is not installed here "
        "(Debian/Ubuntu: sudo apt-get install graphviz; macOS: brew install graphviz; Windows: winget install graphviz). "
        "--format dot or --format mermaid work without it\n"
    )
