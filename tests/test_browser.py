"""A real browser (Debian's headless Chromium, driven by Playwright) plays the served game.

Three students in three tabs give their names, play to an ending, and the class report is
built from what the server collected: the lesson of docs/teachers.md, end to end.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time

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


class Tab:
    """One browser tab on the served game; knows what the game has drawn from the terminal stream."""

    def __init__(self, page, url: str):
        self.page = page
        self.drawn: list[str] = []
        page.on("websocket", lambda ws: ws.on("framereceived", self.receive))
        page.goto(url)

    def receive(self, frame: str | bytes) -> None:
        self.drawn.append(frame if isinstance(frame, str) else frame.decode("utf-8", "replace"))

    def wait_for(self, text: str, since: int = 0, seconds: float = 40.0) -> None:
        """Until the game has drawn ``text`` after frame ``since`` (Playwright delivers frames while it waits)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if text in "".join(self.drawn[since:]):
                return
            self.page.wait_for_timeout(100)
        pytest.fail(f"the game did not draw {text!r} within {seconds:.0f} s")

    def send(self, keys: str, then: str) -> None:
        """Type ``keys`` (a name, or a key name like "Enter") and wait until the game draws ``then``."""
        since = len(self.drawn)
        if len(keys) == 1 or keys[0].isupper():
            self.page.keyboard.press(keys)
        else:
            self.page.keyboard.type(keys)
        self.wait_for(then, since)


def test_three_browser_tabs_play_and_the_report_is_built(tmp_path):
    from playwright.sync_api import sync_playwright

    with serving(tmp_path) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            tabs = [Tab(browser.new_context().new_page(), url) for _ in range(3)]  # three games start at once
            for tab in tabs:
                tab.wait_for("New game")
                tab.page.click("body")
            steps = [
                ("n", "Class 7b"),  # title: new game; a class session asks a name or pseudonym
                ("student{n}", "student{n}"),
                ("Enter", "Who will you be?"),
                ("Enter", "Take the tram"),  # role choice: the courier; the first scene
                ("2", "The bridge"),  # "Walk": the next scene
                ("3", "THE END"),  # "Turn back bravely": an ending
            ]
            for keys, then in steps:
                for n, tab in enumerate(tabs):
                    tab.send(keys.format(n=n), then.format(n=n))
            deadline = time.monotonic() + 30
            while len(list((tmp_path / "7b").glob("*.json"))) < 3 and time.monotonic() < deadline:
                time.sleep(0.2)
            tabs[0].page.screenshot(path=str(tmp_path / "browser.png"))
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
