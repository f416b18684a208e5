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
    assert "**Home** — 1 of 3" in md and "History: Most people walked. (book)" in md
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
