"""A real browser (Debian's headless Chromium, driven by Playwright) plays the served game.

Three students in three tabs give their names, play to an ending, and the class report is
built from what the server collected: the lesson of docs/teachers.md, end to end. Keys work
without a first click, and every request the pages make stays on this machine.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from urllib.parse import urlsplit

import pytest

from tests.conftest import ROOT
from tests.test_classroom import serving

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [pytest.mark.browser, pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")]
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def wait_until(check, seconds: float = 20.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.2)
    return False


def test_three_browser_tabs_play_and_the_report_is_built(tmp_path):
    from playwright.sync_api import sync_playwright

    with serving(tmp_path) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            pages = [browser.new_context().new_page() for _ in range(3)]
            requested: list[str] = []
            for page in pages:
                page.on("request", lambda request: requested.append(request.url))
                page.on("websocket", lambda socket: requested.append(socket.url))
                page.goto(url)
            autosaves = tmp_path.glob
            for n, page in enumerate(pages):
                page.wait_for_selector(".xterm", timeout=20_000)
                time.sleep(2)  # the game process starts and draws its first screen
                page.keyboard.press("n")  # title: new game (no click first: the page focuses the game)
                time.sleep(1)
                page.keyboard.type(f"student{n}")  # class session: a name or pseudonym
                page.keyboard.press("Enter")
                time.sleep(1)
                page.keyboard.press("Enter")  # role choice: the courier
                time.sleep(1.5)
                page.keyboard.press("2")  # "Walk": the next scene
                assert wait_until(
                    lambda n=n: any(
                        json.loads(p.read_text())["state"]["scene"] == "courier.bridge"
                        and json.loads(p.read_text())["player"] == f"student{n}"
                        for p in autosaves("autosave-*.json")
                    )
                )
                page.keyboard.press("3")  # "Turn back bravely": an ending
            assert wait_until(lambda: len(list((tmp_path / "7b").glob("*.json"))) == 3, 30)
            # No request left the teacher's machine: page, script, styles, fonts and websockets.
            assert requested and all(urlsplit(u).hostname == "127.0.0.1" for u in requested), requested
            assert any(u.endswith(".ttf") for u in requested)  # the font, served locally
            assert any(u.startswith("ws://127.0.0.1") for u in requested)  # the game, on the address typed
            pages[0].screenshot(path=str(tmp_path / "browser.png"))
        finally:
            browser.close()
    players = sorted(json.loads(p.read_text())["player"] for p in (tmp_path / "7b").glob("*.json"))
    assert players == ["student0", "student1", "student2"]
    result = subprocess.run(
        [sys.executable, "-m", "game", "report", str(tmp_path / "7b")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    report = (tmp_path / "7b" / "report.md").read_text()
    assert "3 playthrough(s) collected." in report and "**Home** — 3 of 3" in report
