"""Classroom: summaries collected per class, the class report, and serve over real HTTP."""

from __future__ import annotations

import contextlib
import json
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from game.classroom.report import build, read_summaries, to_html, to_markdown
from game.story.saves import SaveStore
from game.story.session import Session
from game.story.walk import pick_by_text
from tests.conftest import MINI, ROOT


def finish(mini, store, player, seed, picks):
    session = Session(mini, store, player=player, class_name="7b")
    session.start("courier", seed)
    for pick in picks:
        session.choose(pick_by_text(mini, session.require(), pick))
    return session


def test_finished_games_are_collected_without_collisions(mini, tmp_path):
    store = SaveStore(tmp_path)

    def play(i):
        return finish(mini, store, "Kati", i, ["Take the tram", "Cross"]).exported

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(play, range(16)))
    files = sorted((tmp_path / "7b").glob("*.json"))
    assert len(files) == 16 and len({p for r in results for p in r}) == 16
    for f in files:
        assert json.loads(f.read_text())["player"] == "Kati"


def test_report_counts_endings_decisions_and_skips_bad_files(mini, tmp_path, capsys):
    store = SaveStore(tmp_path)
    finish(mini, store, "A", 2, ["Take the tram", "Cross"])  # delivered
    finish(mini, store, "B", 0, ["Take the tram", "Cross"])  # stopped
    finish(mini, store, "C", 0, ["Walk", "Turn back"])  # home
    folder = tmp_path / "7b"
    (folder / "broken.json").write_text('{"format": "budapest56-sum')
    (folder / "other.json").write_text('{"name": "not ours"}')
    data = read_summaries(folder)
    assert len(data.summaries) == 3
    assert sorted(data.skipped) == [
        ("broken.json", "damaged: not valid JSON"),
        ("other.json", "not a Budapest 1956 summary"),
    ]
    report = build(data, "7b")
    assert report.roles["courier"] == 3
    assert report.endings["courier"] == {"Delivered": 1, "Stopped": 1, "Home": 1}
    assert report.decisions[("courier", "Tram or walk?")] == {"Take the tram": 2, "Walk": 1}
    md = to_markdown(report)
    assert "**Home** — 1 of 3" in md and "History: Most people walked. (A. Author, A Book, 2000)" in md
    assert "- broken.json: damaged: not valid JSON" in md
    page = to_html(report)
    assert 'aria-label="2 of 3"' in page and "Files skipped" in page
    result = subprocess.run(
        [sys.executable, "-m", "game", "report", str(folder)], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert result.returncode == 0 and "skipped broken.json" in result.stderr
    assert (folder / "report.html").exists() and (folder / "report.md").exists()


def test_report_usage_errors(tmp_path):
    def run(*args: str) -> subprocess.CompletedProcess:
        cmd = [sys.executable, "-m", "game", "report", *args]
        return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=60)

    assert run(str(tmp_path / "nope")).returncode == 2
    assert run(str(tmp_path)).returncode == 1


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, proc: subprocess.Popen, seconds: float = 30) -> str:
    """Poll the server over loopback until it answers (bounded in time)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return url
        except OSError:
            time.sleep(0.2)
    proc.kill()
    pytest.fail(f"serve did not answer within {seconds:.0f} s")


@contextlib.contextmanager
def serving(saves: Path) -> Iterator[str]:
    """``budapest56 serve`` of the fixture story on a free loopback port, with class 7b."""
    port = free_port()
    cmd = [sys.executable, "-m", "game", "serve", "--story", str(MINI), "--port", str(port)]
    cmd += ["--saves-dir", str(saves), "--class", "7b"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield wait_for(f"http://127.0.0.1:{port}/", proc)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture
def served(tmp_path):
    with serving(tmp_path) as url:
        yield url, tmp_path


def test_serve_answers_over_http(served):
    url, _ = served
    with urllib.request.urlopen(url, timeout=5) as response:
        page = response.read().decode()
    assert "A small test story" in page  # the story's title is the page title
    assert "/ws" in page  # the websocket each tab's game runs over


def test_serve_rejects_a_bad_port():
    result = subprocess.run(
        [sys.executable, "-m", "game", "serve", "--port", "70000"], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert result.returncode == 2 and "usage:" in result.stderr


# -- one game per student: two students of the same name and role never share a save -----------


def test_students_with_the_same_name_and_role_keep_their_own_games(mini, tmp_path):
    from game.story.roster import Roster

    base = SaveStore(tmp_path)
    roster = Roster(tmp_path / "7b")
    first, second = roster.enrol("Kati"), roster.enrol("kati ")
    assert first.code != second.code and first.folder != second.folder
    games = {}
    for student, pick in ((first, "Take the tram"), (second, "Walk")):
        session = Session(mini, base, class_name="7b")
        session.join(student)
        session.start("courier", 1)
        session.choose(pick_by_text(mini, session.require(), pick))
        games[student.code] = session.require()
    # each comes back in a new tab: name + code find their own folder, their own Continue
    for student in (first, second):
        back = roster.find("KATI", student.code)
        assert back == student
        session = Session(mini, base, class_name="7b")
        session.join(back)
        latest = session.store.latest()
        assert session.store.load_path(latest.path, mini).state == games[student.code]
        assert [i.path.parent for i in session.store.list()] == [student.folder]
    assert roster.find("Kati", "0000" if "0000" not in (first.code, second.code) else "0001") is None
    assert list(tmp_path.glob("*.json")) == []  # nothing in the shared folder's top


def test_second_playthroughs_rewinds_and_progress_are_labelled_for_the_teacher(mini, tmp_path):
    from game.story.roster import Roster

    base = SaveStore(tmp_path)
    kati = Roster(tmp_path / "7b").enrol("Kati")
    for n in (1, 2):
        session = Session(mini, base, class_name="7b")
        session.join(kati)
        session.start("courier", 2)
        session.choose(pick_by_text(mini, session.require(), "Take the tram"))
        if n == 2:
            assert session.rewind()
            session.choose(pick_by_text(mini, session.require(), "Take the tram"))
        progress = json.loads((tmp_path / "7b" / "progress" / f"{kati.id}-{n}.json").read_text())
        assert progress["name"] == "Kati" and progress["playthrough"] == n and not progress["finished"]
        session.choose(pick_by_text(mini, session.require(), "Cross"))
    docs = [json.loads(p.read_text()) for p in sorted((tmp_path / "7b").glob("*.json"))]
    assert sorted((d["student"], d["playthrough"], d["rewinds"]) for d in docs) == [(kati.id, 1, 0), (kati.id, 2, 1)]
    report = build(read_summaries(tmp_path / "7b"), "7b")
    assert report.players == 2
    labels = sorted((label, rewinds) for _n, _r, label, _e, rewinds in report.playthroughs)
    assert labels == [("1st playthrough", 0), ("2nd playthrough", 1)]
    assert "2nd playthrough" in to_markdown(report) and "2nd playthrough" in to_html(report)


def test_rewind_can_be_switched_off_by_the_teacher(mini, tmp_path):
    session = Session(mini, SaveStore(tmp_path), class_name="7b", rewind=False)
    session.start("courier", 1)
    session.choose(0)
    assert not session.can_rewind() and not session.rewind() and session.rewinds == 0


def test_plain_class_session_asks_a_returning_student_for_their_code(tmp_path):
    def play(lines: str) -> str:
        cmd = [sys.executable, "-m", "game", "play", "--plain", "--story", str(MINI), "--saves-dir", str(tmp_path)]
        cmd += ["--class", "7b", "--role", "courier", "--seed", "1"]
        return subprocess.run(cmd, input=lines, capture_output=True, text=True, timeout=60, cwd=ROOT).stdout

    out = play("Kati\nq\n")
    code = out.split("your code is ")[1][:4]
    assert play("Kati\n9999\n\nq\n").count("That code does not belong") == 1  # wrong, then a new Kati
    again = play(f"Kati\n{code}\nq\n")
    assert "Welcome back, Kati" in again
    assert len(list((tmp_path / "7b" / "students").iterdir())) == 2
