"""Classroom: summaries collected per class, the class report, and serve over real HTTP."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import aiohttp
import pytest
from textual.widgets import DataTable

from benchmarks.serve_load import descendants
from game.classroom import broadcast
from game.classroom.console import DEFAULT_MESSAGE, TeacherConsole
from game.classroom.network import AddressError, lan_address, student_url, usable
from game.classroom.progress import read_progress
from game.classroom.report import build, read_summaries, to_html, to_markdown
from game.classroom.server import clamp_size
from game.story.saves import SaveStore
from game.story.session import Session
from game.story.walk import pick_by_text
from game.tui import broadcast as tui_broadcast
from game.tui.app import BudapestApp
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
    assert [(b.label, b.count) for b in report.roles] == [("The courier", 3)]
    ((_role, endings),) = report.endings
    assert sorted((e.title, e.bar.count) for e in endings) == [("Delivered", 1), ("Home", 1), ("Stopped", 1)]
    (tram,) = report.decisions
    assert [(b.label, b.count) for b in tram.bars] == [("Take the tram", 2), ("Walk", 1)]
    md = to_markdown(report)
    assert "**Home**: Many stayed home. (A. Author, A Book, 2000)" in md and "History: Most people walked." in md
    assert "- broken.json: damaged: not valid JSON" in md
    page = to_html(report)
    assert "2 of 3" in page and "Files skipped" in page
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


def _summary(mini, tmp_path) -> dict:
    finish(mini, SaveStore(tmp_path), "A", 2, ["Take the tram", "Cross"])
    (path,) = (tmp_path / "7b").glob("*.json")
    return json.loads(path.read_text())


@pytest.mark.parametrize(
    ("edit", "reason"),
    [
        (lambda d: d.update(comparisons=5), "'comparisons' is not a list"),
        (lambda d: d.update(role=[1]), "'role' is not text"),
        (lambda d: d.update(facts_total="ten"), "'facts_total' is not a whole number"),
        (lambda d: d.update(facts_total=float("nan")), "'facts_total' is not a whole number"),
        (lambda d: d.update(questions=[{}]), "'questions' holds something that is not text"),
        (lambda d: d.update(comparisons=[{}]), "a decision's label' is not text"),
        (lambda d: d.update(path=[{"choice": "x", "scene": "s", "votes": ["a"]}]), "votes are not whole numbers"),
        (lambda d: d.update(facts={"x": 1}), "an entry of 'facts' has no title"),
        (lambda d: d.update(version=-5), "the format version is not valid"),
        (lambda d: d.update(version=True), "the format version is not valid"),
        (lambda d: d.update(questions=[f"q{i}" for i in range(50_000)]), "'questions' has 50,000 items"),
    ],
)
def test_one_malformed_summary_is_skipped_and_listed(mini, tmp_path, edit, reason):
    doc = _summary(mini, tmp_path)
    folder = tmp_path / "7b"
    (folder / "good2.json").write_text(json.dumps(doc))
    edit(doc)
    (folder / "bad.json").write_text(json.dumps(doc))
    data = read_summaries(folder)
    assert len(data.summaries) == 2
    ((name, why),) = data.skipped
    assert name == "bad.json" and reason in why
    md = to_markdown(build(data, "7b"))
    assert "nan%" not in md and "bad.json" in md


def test_deeply_nested_or_huge_summary_files_are_skipped(tmp_path):
    (tmp_path / "deep.json").write_text('{"format": "budapest56-summary", "x": ' + "[" * 100_000 + "]" * 100_000 + "}")
    (tmp_path / "huge.json").write_text(" " * 3_000_000)
    data = read_summaries(tmp_path)
    assert sorted(data.skipped) == [
        ("deep.json", "damaged: nested too deeply to be a summary"),
        ("huge.json", "too large to be a summary (3,000,000 bytes)"),
    ]


class Question(str):
    """A question that counts how often the report compares it with another."""

    compared = 0

    def __eq__(self, other: object) -> bool:
        Question.compared += 1
        return str.__eq__(self, other)

    __hash__ = str.__hash__


def test_report_work_grows_linearly_with_the_questions(mini, tmp_path):
    from game.classroom.report import ClassData

    doc = _summary(mini, tmp_path)
    n = 2_000
    data = ClassData([{**doc, "questions": [Question(f"q{i}") for i in range(n)]} for _ in range(3)])
    Question.compared = 0
    report = build(data, "7b")
    assert report.questions == [f"q{i}" for i in range(n)]
    assert Question.compared <= 20 * n  # a constant per question; a list search compares about 3 * n * n / 2 times


def test_report_out_that_is_a_file_or_unwritable_is_one_line(mini, tmp_path):
    _summary(mini, tmp_path)
    (tmp_path / "file").write_text("x")
    cmd = [sys.executable, "-m", "game", "report", str(tmp_path / "7b"), "--out"]
    for out, code, words in [
        (tmp_path / "file", 2, "is a file, not a folder"),
        (tmp_path / "file" / "sub", 1, "cannot write to"),
    ]:
        result = subprocess.run([*cmd, str(out)], capture_output=True, text=True, cwd=ROOT, timeout=60)
        assert result.returncode == code and words in result.stderr and "Traceback" not in result.stderr
    assert (tmp_path / "file").read_text() == "x"


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


class Served(str):
    """The served page's URL, which also knows the server's process id."""

    def __new__(cls, url: str, pid: int) -> Served:
        served = super().__new__(cls, url)
        served.pid = pid
        return served


@contextlib.contextmanager
def serving(saves: Path, *extra: str, log: Path | None = None) -> Iterator[str]:
    """``budapest56 serve`` of the fixture story on a free loopback port, with class 7b.

    ``extra`` options are added to the command; ``log`` receives what the server prints.
    """
    port = free_port()
    cmd = [sys.executable, "-m", "game", "serve", "--story", str(MINI), "--port", str(port)]
    cmd += ["--saves-dir", str(saves), "--class", "7b", "--spares", "2", *extra]
    out = log.open("w") if log else subprocess.DEVNULL
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
    try:
        yield Served(wait_for(f"http://127.0.0.1:{port}/", proc), proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        if log:
            out.close()


@pytest.fixture
def served(tmp_path):
    with serving(tmp_path) as url:
        yield url, tmp_path


def test_serve_answers_over_http(served):
    url, _ = served
    with urllib.request.urlopen(url, timeout=5) as response:
        page = response.read().decode()
    assert "A small test story" in page  # the story's title is the page title
    assert 'new URL("ws", window.location.href)' in page  # the websocket, on the address the student typed
    assert "googleapis" not in page and "https://" not in page  # every asset comes from this machine
    for asset in ("static/js/textual.js", "static/css/xterm.css", "static/fonts/RobotoMono-VariableFont_wght.ttf"):
        assert asset in page
        with urllib.request.urlopen(url + asset, timeout=5) as response:
            assert response.status == 200
    with pytest.raises(urllib.error.HTTPError) as listing:
        urllib.request.urlopen(url + "static/", timeout=5)
    assert listing.value.code in (403, 404)  # no directory listing


def test_serve_rejects_a_bad_port():
    result = subprocess.run(
        [sys.executable, "-m", "game", "serve", "--port", "70000"], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert result.returncode == 2 and "usage:" in result.stderr


ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]")
CURSOR = re.compile(r"\x1b\[(\d+);(\d+)H")


async def open_tab(url: str, query: str = "width=100&height=30", until: str = "New game"):
    """A browser-like tab: the websocket, and everything it showed until ``until`` (or its close)."""
    http = aiohttp.ClientSession()
    ws = await http.ws_connect(url.replace("http", "ws") + "ws?" + query)
    seen = ""
    while until not in ANSI.sub("", seen):
        msg = await asyncio.wait_for(ws.receive(), 30)
        if msg.type == aiohttp.WSMsgType.BINARY:
            seen += msg.data.decode("utf-8", "replace")
        elif msg.type != aiohttp.WSMsgType.TEXT:
            break
    return http, ws, seen


def games(server_pid: int) -> int:
    """Games serving a tab: the server's descendants whose output is a pipe (spares and the fork
    server write to /dev/null)."""
    count = 0
    for pid in descendants(server_pid):
        with contextlib.suppress(OSError):
            count += os.readlink(f"/proc/{pid}/fd/1").startswith("pipe:")
    return count


def test_size_clamp_and_session_cap_over_websockets(tmp_path):
    async def lesson(url: str) -> None:
        # A forged size is clamped: the game draws within 250×100, not 100,000 columns.
        http1, ws1, seen = await open_tab(url, "width=100000&height=100000")
        positions = [(int(r), int(c)) for r, c in CURSOR.findall(seen)]
        assert positions and max(r for r, _ in positions) <= 100 and max(c for _, c in positions) <= 250
        await ws1.send_str(json.dumps(["resize", {"width": 10**9, "height": "x"}]))  # ignored or clamped
        await ws1.send_str("not json")
        http2, ws2, _ = await open_tab(url, "width=abc&height=")
        # The cap (2) is reached: the third tab is told so and closed.
        http3, ws3, seen3 = await open_tab(url, until="The class is full")
        assert "The class is full" in ANSI.sub("", seen3)
        assert (await ws3.receive()).type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
        assert games(url.pid) == 2
        # Two tabs vanish without a goodbye (a closed laptop): their games end, and a new tab fits.
        for ws in (ws1, ws2):
            ws._response.connection.transport.abort()
        for http in (http1, http2, http3):
            await http.close()
        deadline = time.monotonic() + 15
        while games(url.pid) and time.monotonic() < deadline:
            await asyncio.sleep(0.2)
        assert games(url.pid) == 0
        http4, ws4, seen4 = await open_tab(url)
        assert "New game" in ANSI.sub("", seen4)
        await ws4.close()
        await http4.close()

    log = tmp_path / "serve.log"
    with serving(tmp_path, "--max-sessions", "2", log=log) as url:
        asyncio.run(lesson(url))
        # A bad websocket handshake is one line in the teacher's log, not a traceback.
        with pytest.raises(urllib.error.HTTPError) as bad:
            urllib.request.urlopen(url + "ws", timeout=5)
        assert bad.value.code == 400
        time.sleep(0.3)
    text = log.read_text()
    assert "Session cap reached (2 games running)" in text and "--max-sessions" in text
    assert "Refused a bad websocket request" in text
    assert "GET /" not in text  # the access log is quiet unless --verbose
    assert "Traceback" not in text and "Upgrade" not in text.split("Refused", 1)[0]


def test_clamp_bounds():
    assert clamp_size("100000", "-5") == (250, 8)
    assert clamp_size(None, "abc") == (80, 24)
    assert clamp_size(" 120 ", 40) == (120, 40)


def test_student_url_for_each_host():
    assert student_url("127.0.0.1", 8000, None) == "http://localhost:8000"
    assert student_url("0.0.0.0", 8000, None, find=lambda: "192.168.1.20") == "http://192.168.1.20:8000"
    assert student_url("0.0.0.0", 80, "http://10.0.0.5:80/") == "http://10.0.0.5:80"
    assert student_url("192.168.1.7", 8080, None) == "http://192.168.1.7:8080"
    assert student_url("::", 8000, None, find=lambda: "fd00::7") == "http://[fd00::7]:8000"
    with pytest.raises(AddressError, match="--public-url http://ADDRESS:8000"):
        student_url("0.0.0.0", 8000, None, find=lambda: None)
    with pytest.raises(AddressError, match="must start with http"):
        student_url("0.0.0.0", 8000, "192.168.1.20:8000")


def test_lan_address_skips_loopback_and_link_local():
    assert lan_address([lambda: "127.0.1.1", lambda: ["169.254.3.3", "10.1.2.3"]]) == "10.1.2.3"
    assert lan_address([lambda: None, lambda: ["127.0.0.1"]]) is None
    assert lan_address([lambda: "192.168.0.10", lambda: ["10.1.2.3"]]) == "192.168.0.10"
    assert not usable("0.0.0.0") and not usable("fe80::1") and not usable("nonsense") and usable("172.16.0.2")


def test_serve_on_every_network_without_an_address_says_what_to_pass(monkeypatch, capsys):
    from game.classroom import network
    from game.cli import main

    monkeypatch.setattr(network, "lan_address", lambda: None)
    assert main(["serve", "--host", "0.0.0.0", "--story", str(MINI)]) == 2
    err = capsys.readouterr().err
    assert "--public-url http://ADDRESS:8000" in err and "Traceback" not in err


PROGRESS = ROOT / "tests" / "fixtures" / "progress"


def test_progress_files_are_read_tolerantly(tmp_path):
    shutil.copytree(PROGRESS, tmp_path / "7b" / "progress")
    rows = read_progress(tmp_path / "7b")
    assert [(p.name, p.playthrough) for p in rows] == [("Anna", 1), ("Dániel Kovács", 1), ("Dániel Kovács", 2)]
    anna = rows[0]  # wrong types and a missing title: shown with what the file has
    assert (anna.decisions, anna.play_seconds, anna.finished, anna.updated_at) == (0, 0.0, False, None)
    assert anna.scene_title == "radio.studio"
    moment = datetime(2026, 11, 25, 10, 21, tzinfo=UTC)
    assert [p.status(moment) for p in rows] == ["idle", "idle 21 min", "finished"]
    assert read_progress(tmp_path / "no-such-class") == []


def progress_file(folder: Path, student: str, name: str, **fields) -> None:
    doc = {"student": student, "name": name, "playthrough": 1, "role": "courier", "scene": "courier.start"}
    doc |= {"scene_title": "The parcel", "when": "Tue 23 Oct 1956, 14:00", "decisions": 0, "play_seconds": 30.0}
    doc |= {"finished": False, "updated_at": datetime.now(UTC).isoformat()} | fields
    (folder / "progress" / f"{student}-1.json").write_text(json.dumps(doc), encoding="utf-8")


def cells(table: DataTable) -> list[list[str]]:
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def test_teacher_console_lists_the_class_live_messages_reports_and_stops(mini, tmp_path):
    folder = tmp_path / "7b"
    shutil.copytree(PROGRESS, folder / "progress")
    console = TeacherConsole("http://192.168.1.20:8000", folder, lambda: 3, 40, refresh_seconds=0.1)
    async with console.run_test(size=(120, 40)) as pilot:
        table = console.query_one(DataTable)
        assert [row[0] for row in cells(table)] == ["Anna", "Dániel Kovács", "Dániel Kovács (2)"]
        assert "3 game(s) running (at most 40) · 3 playthrough(s) · 1 finished" in str(
            console.query_one("#counts").render()
        )
        assert console.query_one("#url-digits") and console.query_one("#qr").render()
        progress_file(folder, "e7f8", "Zoé", decisions=2, play_seconds=185.0)  # a student starts: seen live
        await pilot.pause(0.3)
        assert ["Zoé", "courier", "Tue 23 Oct 1956, 14:00", "The parcel", "2", "3", "playing"] in cells(table)
        await pilot.press("m")
        await pilot.press("enter")
        assert [m.text for m in broadcast.read(folder)] == [DEFAULT_MESSAGE]
        await pilot.press("r")  # no finished summary yet: the console says so
        await pilot.pause(0.3)
        assert not (folder / "report.html").exists()
        finish(mini, SaveStore(tmp_path), "Zoé", 0, ["Walk", "Turn back"])
        await pilot.press("r")
        for _ in range(50):
            if (folder / "report.html").exists():
                break
            await pilot.pause(0.1)
        assert "1 playthrough collected" in (folder / "report.md").read_text()
        await pilot.press("s")
        await pilot.press("enter")
        await pilot.pause()
    assert not console.is_running


async def test_the_teacher_console_and_the_served_page_speak_the_teacher_s_language(tmp_path):
    """`serve --lang hu`: a Hungarian teacher's console, and the page around each student's game."""
    from game.classroom.report_build import ordinal
    from game.classroom.server import ClassServer
    from game.l10n import set_language
    from tests.test_plain import assert_no_untranslated_interface

    set_language("hu")
    folder = tmp_path / "7b"
    shutil.copytree(PROGRESS, folder / "progress")
    console = TeacherConsole("http://192.168.1.20:8000", folder, lambda: 3, 40, refresh_seconds=0.1)
    async with console.run_test(size=(120, 40)) as pilot:
        table = console.query_one(DataTable)
        shown = [
            console.title,
            str(console.query_one("#counts").render()),
            *(str(column.label) for column in table.columns.values()),
            *(cell for row in cells(table) for cell in row),
            *(b.description for b in console.active_bindings.values() if b.binding.show for b in [b.binding]),
        ]
        await pilot.press("s")
        shown.append(str(console.screen.query("Static").first().render()))
        await pilot.press("escape")
    text = "\n".join(shown)
    assert "tanári konzol" in text and "Állapot" in text and "3 játék fut (legfeljebb 40)" in text
    assert "Az óra leállítása" in text and "Leállítod az órát?" in text
    assert_no_untranslated_interface(text, 5)
    assert ordinal(2) == "2. játék"
    from aiohttp.test_utils import make_mocked_request

    server = ClassServer(None, title="Budapest 1956")  # type: ignore[arg-type]  (no games: only the page)
    page = (await server.handle_index(make_mocked_request("GET", "/"))).text
    assert '<html lang="hu">' in page and "Budapest 1956 – indul a játékod…" in page and ">Újrakezdés</button>" in page


async def test_a_teacher_message_reaches_a_running_class_game_once(mini, tmp_path, monkeypatch):
    monkeypatch.setattr(tui_broadcast, "POLL_SECONDS", 0.1)
    broadcast.post(tmp_path / "7b", "An old message from before the game opened")
    app = BudapestApp(story=mini, store=SaveStore(tmp_path), class_name="7b")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
        broadcast.post(tmp_path / "7b", "5 minutes left: [b]finish[/b] your scene.")
        await pilot.pause(0.5)
        shown = [n.message for n in app._notifications]
    assert shown == ["5 minutes left: [b]finish[/b] your scene."]  # once, as typed (no markup)


async def test_a_narrow_screen_puts_the_status_on_one_line_above_the_story(mini, tmp_path):
    app = BudapestApp(story=mini, store=SaveStore(tmp_path), role="courier", seed=1)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        status, story = app.screen.query_one("#status"), app.screen.query_one("#scene-scroll")
        assert status.region.height == 1 and status.region.y == 0 and status.region.width == 60
        assert story.region.width >= 55 and story.region.y >= 1
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert status.region.width <= 26 and status.region.height > 1


def test_serve_options_reach_every_tabs_game(tmp_path):
    from game.classroom.serve import play_argv
    from game.cli import build_parser

    options = ["serve", "--theme", "light", "--width", "60", "--class", "7b", "--rewind", "off", "--short", "--group"]
    tab = build_parser().parse_args(play_argv(build_parser().parse_args([*options, "--story", str(MINI)]), tmp_path))
    assert (tab.command, tab.theme, tab.width, tab.class_name, tab.rewind) == ("play", "light", 60, "7b", "off")
    assert tab.short and tab.group
    assert tab.saves_dir == tmp_path


def test_group_mode_served_has_a_large_browser_font(tmp_path):
    from game.classroom.serve import GROUP_FONT_SIZE

    with serving(tmp_path, "--group") as url:
        with urllib.request.urlopen(url, timeout=5) as response:
            page = response.read().decode()
        with urllib.request.urlopen(url + "?fontsize=18", timeout=5) as response:
            chosen = response.read().decode()
    assert f'data-font-size="{GROUP_FONT_SIZE}"' in page and 'data-font-size="18"' in chosen


def test_serve_that_cannot_start_says_why_in_one_line(tmp_path):
    (tmp_path / "file").write_text("x")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        for args, words in [
            (["--port", str(port)], f"port {port} is already in use"),
            (["--host", "999.1.1.1"], "'999.1.1.1' is not an address of this machine"),
            (["--saves-dir", str(tmp_path / "file")], "the saves folder must be a folder you can write to"),
        ]:
            cmd = [sys.executable, "-m", "game", "serve", "--story", str(MINI), "--port", str(port), *args]
            result = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=60)
            assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
            (line,) = result.stderr.splitlines()
            assert line.startswith("budapest56 serve: error: ") and words in line


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
    labels = sorted((s.label, s.rewinds) for s in report.students)
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


def test_a_server_that_dies_leaves_no_game_behind(tmp_path):
    """Killed outright (no clean-up of its own): the fork server, its spares and the games with a
    tab all see their socket or pipe close, and end."""

    async def tab(url: str):
        return await open_tab(url)

    with serving(tmp_path) as url:
        loop = asyncio.new_event_loop()
        http, ws, _ = loop.run_until_complete(tab(url))
        deadline = time.monotonic() + 20
        while len(descendants(url.pid)) < 4 and time.monotonic() < deadline:  # fork server, 2 spares, 1 game
            time.sleep(0.2)
        pids = descendants(url.pid)
        assert len(pids) >= 4 and games(url.pid) == 1
        os.kill(url.pid, signal.SIGKILL)
        deadline = time.monotonic() + 15
        while any(Path(f"/proc/{p}").exists() for p in pids) and time.monotonic() < deadline:
            time.sleep(0.2)
        left = [p for p in pids if Path(f"/proc/{p}").exists()]
        loop.run_until_complete(http.close())
        loop.close()
    assert left == []


def test_a_code_typed_with_other_digits_is_just_wrong(tmp_path):
    from game.story.roster import Roster

    roster = Roster(tmp_path / "7b")
    kati = roster.enrol("Kati")
    assert roster.find("Kati", kati.code) == kati
    for typed in ("²²²²", "٣٣٣٣", "Zo\udce9", "１２３４"):
        assert roster.find("Kati", typed) is None


def test_plain_class_load_reads_the_students_own_folder_only(mini, tmp_path):
    cmd = [sys.executable, "-m", "game", "play", "--plain", "--story", str(MINI), "--saves-dir", str(tmp_path)]
    cmd += ["--class", "7b", "--load", "autosave-courier"]
    other = Session(mini, SaveStore(tmp_path))  # someone's game saved at the top of the folder
    other.start("courier", 1)
    result = subprocess.run(cmd, input="Kati\n", capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert "cannot load 'autosave-courier'" in result.stderr and result.returncode == 1
