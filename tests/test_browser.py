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
from pathlib import Path

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


def _students(folder):
    return {p.name for p in (folder / "students").glob("*-*")} if (folder / "students").is_dir() else set()


def _scene(folder) -> str:
    save = folder / "autosave-courier.json"
    return json.loads(save.read_text())["state"]["scene"] if save.exists() else ""


def _open(browser, url):
    page = browser.new_context(accept_downloads=True).new_page()
    page.goto(url)
    page.wait_for_selector("body.-first-byte", timeout=20_000)
    time.sleep(1.0)  # the first screen is drawn
    page.click("body")
    return page


def test_four_students_two_named_alike_keep_their_own_games_across_closed_tabs(tmp_path):
    """The lesson of docs/teachers.md: four tabs, one role, two students called Kati; two tabs close
    mid-game and come back with name + code to their own game; the report counts every playthrough."""
    from playwright.sync_api import sync_playwright

    cls = tmp_path / "7b"
    names = ["Kati", "Kati", "Bence", "Dóra"]
    picks = ["1", "2", "2", "1"]  # tram or walk: what each student's own game must remember
    with serving(tmp_path) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            folders = []
            pages = []
            for name, pick in zip(names, picks, strict=True):
                page = _open(browser, url)
                before = _students(cls)
                page.keyboard.type(name)  # asked at once in a class session
                page.keyboard.press("Enter")
                if name == "Kati" and before:
                    time.sleep(0.5)
                    page.keyboard.press("Enter")  # the code screen: empty = a new Kati
                assert wait_until(lambda before=before: len(_students(cls)) == len(before) + 1)
                (new,) = _students(cls) - before
                folder = cls / "students" / new
                folders.append(folder)
                time.sleep(0.5)
                for key in ("Enter", "n"):  # past the code shown; new game
                    page.keyboard.press(key)
                    time.sleep(0.5)
                page.keyboard.press("Enter")  # the role: the courier
                assert wait_until(lambda f=folder: _scene(f) == "courier.start")
                page.keyboard.press(pick)
                assert wait_until(lambda f=folder: _scene(f) == "courier.bridge")
                pages.append(page)
            assert folders[0] != folders[1] and folders[0].name.startswith("Kati-")
            for n in (0, 1):  # both Katis close their tabs and come back
                pages[n].context.close()
                page = _open(browser, url)
                page.keyboard.type("Kati")
                page.keyboard.press("Enter")
                time.sleep(0.5)
                page.keyboard.type(folders[n].name[-4:])  # the code they wrote down
                page.keyboard.press("Enter")
                time.sleep(0.5)
                page.keyboard.press("c")  # Continue: their own game, at the bridge
                time.sleep(1.0)
                pages[n] = page
            for n, page in enumerate(pages):
                page.keyboard.press("2")  # "Cross": an ending by chance
                assert wait_until(
                    lambda n=n: json.loads((folders[n] / "autosave-courier.json").read_text())["state"]["ending"]
                )
            with pages[2].expect_download(timeout=15_000) as download:
                time.sleep(0.5)
                pages[2].keyboard.press("e")  # export: a download on the student's own machine
            assert download.value.suggested_filename.endswith(".html")
            assert "Bence" in Path(download.value.path()).read_text(encoding="utf-8")
            assert wait_until(lambda: len(list(cls.glob("*.json"))) == 4, 30)
        finally:
            browser.close()
    docs = [json.loads(p.read_text()) for p in cls.glob("*.json")]
    by_student = {d["student"]: d for d in docs}
    assert set(by_student) == {f.name for f in folders}
    for folder, pick in zip(folders, picks, strict=True):
        first = by_student[folder.name]["path"][0]["choice"]
        assert first == ("Take the tram" if pick == "1" else "Walk")  # nobody's path mixed with another's
    assert not list(tmp_path.glob("*.json")) and not list(cls.glob("*.html"))  # nothing on the teacher's side
    result = subprocess.run(
        [sys.executable, "-m", "game", "report", str(cls)], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert result.returncode == 0, result.stderr
    report = (cls / "report.md").read_text()
    assert "4 playthrough(s) collected." in report
    assert "- Take the tram: 2" in report and "- Walk: 2" in report  # the decision bars: 2–2
