"""The authoring tools against fixture stories with known defects, and the clean fixture."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from game.story.loader import load_story
from game.tools.check import run_check
from game.tools.graph import to_dot, to_mermaid
from game.tools.playtest import Coverage, exhaustive, random_run
from game.tools.playtest_pool import random_coverages
from game.tools.scaffold import PLACEHOLDER_SOURCE, PLACEHOLDERS
from tests.conftest import MINI, ROOT, STUCK

DEFECTS = ROOT / "tests" / "fixtures" / "defects"
EXPECTED = {
    (6, "W114"), (8, "W107"), (20, "W105"), (21, "W106"), (22, "W106"), (23, "W113"), (27, "W108"),
    (34, "W110"), (35, "W109"), (37, "W104"), (37, "W109"), (40, "W102"), (41, "W115"), (44, "W112"), (53, "W101"),
    (58, "W103"),
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
    assert out[0].endswith(
        "story.yaml:6:5: warning: source 'unread' is listed but nothing cites it: cite it where it supports a claim, or remove it [W114]"
    )
    assert out[-1] == f"{DEFECTS}: 0 error(s), {len(EXPECTED)} warning(s) (5 scenes, 1 roles)"
    assert (
        "story.yaml:44:9: warning: choices 'Only if secret', 'Only if food' of scene 'r.middle' all lead to 'r.end', "
        "and nothing there tells them apart" in "\n".join(out)
    )
    assert "story.yaml:41:12: warning: template text left in: 'Write the place here'" in "\n".join(out)


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


CHOICES = """\
sources: [{id: s, author: A, title: T, year: 1}]
roles: [{id: r, name: R, portrait: P, start: r.a, variables: {coat: false, money: 3}}]
role: r
scenes:
  - id: r.a
    cite: [s]
    text: A door.
    choices:
%s
  - id: r.b
    when: 1956-10-23 10:00
    text:
      - Out.
      - if: coat
        text: Your coat is warm.
    choices:
      - {text: On, goto: r.c}
  - id: r.c
    text: End.
    ending: {title: E, epilogue: e, cite: [s]}
"""


@pytest.mark.parametrize(
    ("choices", "silent"),
    [
        ("      - {text: Left, goto: r.b}\n      - {text: Right, goto: r.b}", ["'Left', 'Right'"]),
        # a result answers the choice; a passage that reads what one changes tells them apart
        ("      - {text: Left, result: You go left., goto: r.b}\n      - {text: Right, goto: r.b}", []),
        ("      - {text: Coat, effects: [coat = true], goto: r.b}\n      - {text: No coat, goto: r.b}", []),
        # a change nothing in r.b reads, or a time the next scene resets, is not seen
        ("      - {text: Pay, effects: [money -= 1], goto: r.b}\n      - {text: Keep, goto: r.b}", ["'Pay', 'Keep'"]),
        ("      - {text: Wait, effects: [clock += 1h], goto: r.b}\n      - {text: Go, goto: r.b}", ["'Wait', 'Go'"]),
        # a random outcome's line answers the choice when it leads there; two targets, one warning
        (
            "      - {text: Run, outcomes: [{chance: 50, goto: r.b, text: You made it.}, {chance: 50, goto: r.c}]}\n"
            "      - {text: Walk, outcomes: [{chance: 50, goto: r.b}, {chance: 50, goto: r.c}]}",
            ["'Run', 'Walk' of scene 'r.a' all lead to 'r.c'"],
        ),
        (
            "      - {text: Run, outcomes: [{chance: 50, goto: r.b}, {chance: 50, goto: r.c}]}\n"
            "      - {text: Walk, outcomes: [{chance: 50, goto: r.b}, {chance: 50, goto: r.c}]}",
            ["'Run', 'Walk' of scene 'r.a' all lead to 'r.b' and 'r.c'"],
        ),
    ],
)
def test_choices_the_next_scene_cannot_tell_apart(story_dir, capsys, choices, silent):
    run_check(story_dir({"s.yaml": CHOICES % choices}), "json")
    found = [p["message"] for p in json.loads(capsys.readouterr().out)["problems"] if p["code"] == "W112"]
    assert len(found) == len(silent) and all(s in f for s, f in zip(silent, found, strict=True))


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
    # one-way screens and reading length; "back" is always 36 words: 14 at the door, 19 on the bridge, 3 at home
    assert "single-choice screens: 14.0% on average; worst path 1 of 3 (33.3%, seed 1) — over 1 in 6" in result.stdout
    assert "courier.end.back    median     36 (0 / 0 min)   p90     36 (0 / 0 min)" in result.stdout
    # the one card, on the bridge every path crosses: title 2, text 4, then 6 and now 3 words
    assert "fact cards found, if every one is opened (title, text, disputed figures): median 15 words" in result.stdout
    paths = cov.reading.paths
    assert len(paths) == 200 and all(p.ending and 0 <= p.single <= p.screens for p in paths)


def test_transcript_paragraphs_keep_emphasis_and_escape_only_what_markdown_would_misread():
    from game.tools.transcripts import _para

    assert _para("*RUSSIAN GANGSTERS* go home") == "*RUSSIAN GANGSTERS* go home"  # emphasis, not a list
    assert [_para(s) for s in ("* one", "- two", "# three", "> four", "12. Twelve", "-5 degrees")] == [
        "\\* one",
        "\\- two",
        "\\# three",
        "\\> four",
        "12\\. Twelve",
        "-5 degrees",
    ]


def test_transcripts_reach_every_ending_and_decision_and_replay_in_plain_mode(tmp_path):
    out = tmp_path / "transcripts"
    result = cli("playtest", "transcripts", "--story", str(MINI), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert (
        "courier: 3 transcripts in" in result.stdout
        and "3 of 3 endings, 2 of 3 key-decision choices; never reached: choice 'Fly' in courier.start" in result.stdout
    )
    files = sorted((out / "courier").iterdir())
    assert [f.name for f in files] == ["01-home.md", "02-caught.md", "03-back.md"]
    index = (out / "index.md").read_text()
    assert (
        "[courier/02-caught.md](courier/02-caught.md) | Stopped |" in index
        and "- choice 'Fly' in courier.start" in index
    )
    text = "\n".join(f.read_text() for f in files)
    for part in (
        "> *The villamos is packed, and nobody looks at your coat.*",  # a result, markup made plain
        "> *The guard waves you through.*",  # a random outcome's line
        "★ *Fact card unlocked: The bridge*",
        "3. Not open now: Fly. You cannot fly.",
        "*Key decision: Tram or walk?*",
        "## The end: Delivered",
        "*What happened to people like you:* Letters like this mattered.",
    ):
        assert part in text, part
    assert "[[" not in text and "*walk*" not in text
    # each transcript says how to play it again, and that replay reaches the same ending
    for f in files:
        head = f.read_text()
        seed = head.split("--seed ")[1].split("`")[0]
        typed = head.split("then type ")[1].split("\n")[0].split()
        title = head.splitlines()[0].split(": ", 1)[1]
        cmd = [sys.executable, "-m", "game", "play", "--plain", "--story", str(MINI), "--role", "courier"]
        cmd += ["--seed", seed, "--saves-dir", str(tmp_path / "saves")]
        played = subprocess.run(cmd, input="\n".join(typed) + "\n\n", capture_output=True, text=True, timeout=60)
        assert f"Ending: {title}" in played.stdout
    # again into the same folder: replaced; more on request; never into a folder of other files
    assert cli("playtest", "transcripts", "--story", str(MINI), "--out", str(out), "-n", "4").returncode == 0
    assert len(list((out / "courier").iterdir())) == 4
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.txt").write_text("mine")
    refused = cli("playtest", "transcripts", "--story", str(MINI), "--out", str(tmp_path / "other"))
    assert refused.returncode == 2 and "already holds other files" in refused.stderr
    assert (tmp_path / "other" / "notes.txt").read_text() == "mine"
    assert cli("playtest", "transcripts", "--story", str(MINI)).returncode == 2  # --out is needed
    assert cli("playtest", "--story", str(MINI), "--out", str(out)).returncode == 2  # only for transcripts


def test_playtest_finds_a_stuck_path_with_its_reproduction(story_dir):
    root = story_dir({"s.yaml": STUCK})
    result = cli("playtest", "--story", str(root), "-n", "50")
    assert result.returncode == 1
    assert "FAILURE (stuck)" in result.stdout and "no enabled choice in scene 'r.b'" in result.stdout
    assert "reproduce: Run\n" in result.stdout
    cov = exhaustive(load_story(root), "r", 1000)
    assert [f.path for f in cov.failures] == [["Run"]]


def test_playtest_on_every_core_gives_exactly_what_one_process_gives(story_dir):
    """Seeds are split among worker processes and merged in seed order: nothing may differ."""
    story = load_story(ROOT / "scenes")
    roles = list(story.roles)
    pooled = random_coverages(story, roles, 5, 300, 500, jobs=2)
    for role in roles:
        alone = Coverage()
        for seed in range(5, 305):
            random_run(story, role, seed, alone, 500)
        together = pooled[role]
        assert list(together.endings.items()) == list(alone.endings.items())  # same counts, same order
        assert together.lengths == alone.lengths and together.reading.paths == alone.reading.paths
        assert (together.scenes, together.choices, together.enabled) == (alone.scenes, alone.choices, alone.enabled)
    root = story_dir({"s.yaml": STUCK})  # failures, with their seeds and paths, in the same order
    one, two = (cli("playtest", "--story", str(root), "-n", "500", "--jobs", n) for n in ("1", "2"))
    assert one.returncode == two.returncode == 1 and "FAILURE (stuck)" in one.stdout
    assert one.stdout == two.stdout
    assert cli("playtest", "--story", str(root), "--jobs", "0").returncode == 2


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
    assert cli("check", str(folder)).returncode == 0
    strict = cli("check", str(folder), "--strict", "--format", "json")
    codes = {p["code"] for p in json.loads(strict.stdout)["problems"]}
    assert strict.returncode == 1 and codes == {"W115"}  # only the template's texts, each one flagged
    messages = [p["message"] for p in json.loads(strict.stdout)["problems"]]
    for text in (*PLACEHOLDERS, PLACEHOLDER_SOURCE):
        assert any(f"'{text}'" in m for m in messages), text
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


def test_transcripts_of_the_short_version_follow_the_short_path(tmp_path):
    from game.story.loader import load_story
    from game.tools.transcripts import write_transcripts

    story = load_story(ROOT / "scenes")
    write_transcripts(story, ["radio"], tmp_path, 1, 0, short=True)
    skipped = {s.title for s in story.scenes.values() if s.role == "radio" and s.short_goto and s.title}
    for path in (tmp_path / "radio").glob("*.md"):
        text = path.read_text(encoding="utf-8")
        assert "--short`" in text  # the replay line plays the same short path
        shown = set(re.findall(r"^## \d+\. (.+?) — ", text, flags=re.M))
        assert shown and not shown & skipped


@pytest.mark.parametrize("name", ["x: y", "[oops", "a'b\"c #d {e}"])
def test_a_story_name_with_yaml_characters_passes_check(tmp_path, name, capsys):
    from game.tools.scaffold import new_story

    folder = tmp_path / name
    assert new_story(folder) == 0
    assert run_check(folder, "text", False) == 0  # no errors (W115 lists the template texts to replace)
    assert load_story(folder).meta.title.startswith(name[:2].title())


def test_new_story_where_it_cannot_be_written_is_one_line(tmp_path):
    (tmp_path / "file").write_text("x")
    for target, code, words in [
        (tmp_path / "file", 2, "already exists and is a file"),
        (tmp_path / ("a" * 300), 1, "File name too long"),
        (tmp_path / "file" / "x", 1, "cannot create the story"),
    ]:
        result = cli("new", "story", str(target))
        assert result.returncode == code and words in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args", [["graph", "--story", str(MINI)], ["check", str(MINI)], ["playtest", "-n", "3", "--story", str(MINI)]]
)
def test_a_closed_pipe_ends_quietly(args):
    """``budapest56 graph | head -1``: the reader is gone before anything is written."""
    import os

    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "game", *args], stdout=write_end, stderr=subprocess.PIPE, cwd=ROOT, timeout=120
        )
    finally:
        os.close(write_end)
    assert result.stderr == b"" and result.returncode == 1


def test_a_folder_named_in_latin1_is_printed_not_a_traceback(tmp_path):
    import os
    import shutil

    folder = tmp_path / "Zo\udce9"  # the bytes Zo\xe9: a name made on an old Windows share
    shutil.copytree(MINI, folder)
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict"}
    cmd = [sys.executable, "-m", "game", "check", str(folder)]
    result = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=60, env=env)
    assert result.returncode == 0 and "Zo\\udce9: 0 error(s)" in result.stdout, result.stderr
