"""A real browser (Debian's headless Chromium, driven by Playwright) plays the served game.

Four students in four tabs give their names, two close their tab and come back with their code,
all play to an ending, one answers the exit ticket, and the class report is built from what the
server collected: the lesson of docs/teachers.md, end to end. Keys work without a first click,
and every request the pages make stays on this machine. Then the web edition (/read) by
keyboard alone, on a desktop and a phone, checked by axe-core. The tabs wait for what the game
draws, never a fixed time.
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from game.story.loader import load_story
from game.web.render import in_sentence
from tests.conftest import ROOT, SCENES
from tests.test_classroom import free_port, serving, wait_for

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),  # one worker keeps one Chromium and one server for the module
    pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed"),
]
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


KEY_NAMES = ("Enter", "Escape", "Tab", "Backspace")


def _students(folder):
    return {p.name for p in (folder / "students").glob("*-*")} if (folder / "students").is_dir() else set()


def _collected(folder, student: str) -> dict:
    """The summary a student handed in, or {} until it is there."""
    for path in folder.glob("*.json"):
        with contextlib.suppress(ValueError, OSError):
            doc = json.loads(path.read_text())
            if doc.get("student") == student:
                return doc
    return {}


class Tab:
    """One browser tab on the served game, reading what the game draws from the terminal stream.

    Waiting for the text of the next screen instead of sleeping keeps the test fast and steady:
    the game's output reaches the tab as websocket frames, which Playwright delivers while it waits.
    """

    def __init__(self, context, url: str, requested: list[str]):
        self.page = context.new_page()
        self.drawn: list[str] = []
        self.page.on("request", lambda request: requested.append(request.url))
        self.page.on("websocket", lambda ws: requested.append(ws.url))
        self.page.on("websocket", lambda ws: ws.on("framereceived", self.receive))
        self.page.goto(url, wait_until="commit")  # the game draws when it is ready: see wait_for

    def receive(self, frame: str | bytes) -> None:
        self.drawn.append(frame if isinstance(frame, str) else frame.decode("utf-8", "replace"))

    def wait_for(self, text: str | tuple[str, ...], since: int = 0, seconds: float = 40.0) -> None:
        """Until the game has drawn ``text`` (or one of several) after frame ``since``."""
        texts = (text,) if isinstance(text, str) else text
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            drawn = "".join(self.drawn[since:])
            if any(t in drawn for t in texts):
                return
            self.page.wait_for_timeout(50)
        shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07", " ", "".join(self.drawn[since:]))
        pytest.fail(f"the game did not draw {text!r} within {seconds:.0f} s; it drew: {' '.join(shown.split())[-600:]}")

    def press(self, *keys: str) -> int:
        """Press each key (a key name) or type it (a longer text); return where the answer will start."""
        since = len(self.drawn)
        for key in keys:
            if len(key) == 1 or key in KEY_NAMES:
                self.page.keyboard.press(key)
            else:
                self.page.keyboard.type(key)
        return since

    def send(self, *keys: str, then: str | tuple[str, ...]) -> None:
        """Press ``keys``, then wait until the game draws ``then``."""
        self.wait_for(then, self.press(*keys))

    def ready(self) -> Tab:
        self.wait_for("Class 7b")  # a class session asks the name at once; no click: keys reach the game
        return self


def in_step(tabs: list[Tab], keys: list[tuple[str, ...]], then: str, again: bool = False) -> None:
    """Every tab gets its keys at once, then each is awaited: the games answer side by side.

    ``again``: a key that may land while the screen before is still closing (the code dialog fades
    over the title screen, whose text is already drawn beneath it) is pressed once more if nothing
    answered it within 10 s; pressing it twice does nothing the test could mistake for an answer.
    """
    since = [tab.press(*k) for tab, k in zip(tabs, keys, strict=True)]
    for tab, k, start in zip(tabs, keys, since, strict=True):
        if again:
            with contextlib.suppress(pytest.fail.Exception):
                tab.wait_for(then, start, seconds=10)
                continue
            tab.press(*k)  # answered or not, the screen asked for is awaited from the first press
        tab.wait_for(then, start)


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
            context = browser.new_context(accept_downloads=True)
            requested: list[str] = []  # every address the pages ask for
            tabs = [Tab(context, url, requested) for _ in names]  # four games start at once
            folders = []
            for tab, name in zip(tabs, names, strict=True):
                tab.ready()
                before = _students(cls)
                if name == "Kati" and before:
                    tab.send(name, "Enter", then="Welcome back")
                    tab.send("Enter", then="your code is")  # the code screen: empty = a new Kati
                else:
                    tab.send(name, "Enter", then="your code is")
                assert wait_until(lambda before=before: len(_students(cls)) == len(before) + 1)
                (new,) = _students(cls) - before
                folders.append(cls / "students" / new)
            everyone = [("Enter",)] * len(tabs)
            in_step(tabs, everyone, then="New game")  # past the code shown
            in_step(tabs, [("n",)] * len(tabs), then="Who will you be?", again=True)
            in_step(tabs, everyone, then="Take the tram")  # the role: the courier
            in_step(tabs, [(pick,) for pick in picks], then="The bridge")
            assert folders[0] != folders[1] and folders[0].name.startswith("Kati-")
            for n in (0, 1):  # both Katis close their tabs and come back
                tabs[n].page.close()
                tabs[n] = Tab(context, url, requested)
            katis = [tabs[0].ready(), tabs[1].ready()]
            in_step(katis, [("Kati", "Enter")] * 2, then="Welcome back")
            in_step(katis, [(f.name[-4:], "Enter") for f in folders[:2]], then="Your own games")  # their codes
            in_step(katis, [("c",)] * 2, then="The bridge")  # Continue: their own game, at the bridge
            in_step(tabs, [("2",)] * len(tabs), then="EXIT TICKET")  # "Cross": an ending by chance
            # the exit ticket comes before the summary: an order, three choices, one sentence
            answers = [("1", "2"), ("1",), ("1",), ("1",), ("Because", "Enter")]
            for n, keys in enumerate(answers, 2):  # the answer, its feedback, then Enter for the next question
                tabs[2].send(*keys, then=("✓", "✗", "Thank you"))  # the feedback on this answer
                tabs[2].page.wait_for_timeout(250)  # Textual's Button ignores a press 0.2 s after the last one
                tabs[2].send("Enter", then=f"Question {n} of" if n <= len(answers) else "THE END")
            assert wait_until(lambda: _collected(cls, folders[2].name).get("ticket"), 20)
            with tabs[2].page.expect_download(timeout=15_000) as download:
                tabs[2].page.keyboard.press("e")  # export: a download on the student's own machine
            assert download.value.suggested_filename.endswith(".html")
            assert "Bence" in Path(download.value.path()).read_text(encoding="utf-8")
            assert wait_until(lambda: len(list(cls.glob("*.json"))) == 4, 30)
            # No request left the teacher's machine: page, script, styles, fonts and websockets.
            assert requested and all(urlsplit(u).hostname == "127.0.0.1" for u in requested), requested
            assert any(u.endswith(".ttf") for u in requested)  # the font, served locally
            assert any(u.startswith("ws://127.0.0.1") for u in requested)  # the game, on the address typed
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
    assert "4 playthroughs collected" in report
    assert "- Take the tram: 2" in report and "- Walk: 2" in report  # the decision bars: 2–2


# -- the web edition (/read): keyboard alone, a phone, axe-core ---------------------------------

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture(scope="module")
def web_served(tmp_path_factory):
    """One ``budapest56 serve --class 7b`` of the fixture story for the web-edition tests."""
    saves = tmp_path_factory.mktemp("web")
    with serving(saves) as url:
        yield url + "read/", saves


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


def tab_to(page, selector: str, text: str = "", limit: int = 40) -> None:
    """Press Tab until the focused element matches ``selector`` (and shows ``text``)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(
            "([sel, text]) => { const el = document.activeElement;"
            " return !!el && el.matches(sel) && (!text || el.textContent.trim() === text); }",
            [selector, text],
        ):
            return
    pytest.fail(f"Tab never reached {selector} {text!r} on {page.url}")


def focus_is_visible(page) -> bool:
    style = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth]; }"
    )
    return style[0] != "none" and float(style[1].rstrip("px")) >= 2


def fits(page, width: int) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= width


def answer_the_exit_ticket_by_keyboard(page, check=None) -> None:
    """Answer each question of the web edition's exit ticket with keys alone (Tab, arrows, Space,
    typing, Enter) until the summary shows; ``check`` (axe) runs on each kind of page once."""
    checked: set[str] = set()
    for _ in range(8):
        if not page.locator("h1").inner_text().startswith("Exit ticket"):
            return
        if page.locator("#p0").count():
            kind = "order"
            for i in range(page.locator("select").count()):
                tab_to(page, f"#p{i}")
                for _ in range(i + 1):  # from "choose…" down to option i + 1
                    page.keyboard.press("ArrowDown")
        elif page.locator("input[type=radio]").count():
            kind = "choice"
            tab_to(page, "input[type=radio]")
            page.keyboard.press("Space")
        else:
            kind = "text"
            tab_to(page, "#answer")
            page.keyboard.type("Because it was quiet.")
        if check is not None and kind not in checked:
            check(f"exit ticket: a {kind} question")
        tab_to(page, "button", "Answer")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        page.wait_for_selector(".feedback")
        if check is not None and "feedback" not in checked:
            check("exit ticket: the feedback on an answer")
        checked |= {kind, "feedback"}
        assert page.evaluate("() => document.activeElement.tagName") == "BUTTON"  # Next has the focus
        with page.expect_navigation():
            page.keyboard.press("Enter")
    pytest.fail("the exit ticket did not end after 8 pages")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_web_edition_plays_to_an_ending_by_keyboard_alone(web_served, chromium, viewport):
    url, saves = web_served
    context = chromium.new_context(viewport=viewport, is_mobile=viewport is PHONE, has_touch=viewport is PHONE)
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    try:
        page.goto(url)
        assert page.title() == "Your name — A small test story"
        tab_to(page, "#name")
        player = f"keys-{viewport['width']}"
        page.keyboard.type(player)
        page.keyboard.press("Enter")
        page.wait_for_selector("text=Choose who you will be")
        tab_to(page, "button", "Play the courier")
        assert focus_is_visible(page)
        page.keyboard.press("Enter")
        page.wait_for_selector("h1:text('The door')")
        assert page.title() == "The door — A small test story"
        snapshot = page.locator("form.choices").aria_snapshot()
        for label in ("Take the tram", "Walk", "Fly"):
            assert f'button "{label}"' in snapshot, snapshot
        assert fits(page, viewport["width"])
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")  # "Skip to the choices"
        page.keyboard.press("Enter")
        tab_to(page, "button", "Walk", limit=3)
        page.keyboard.press("Enter")
        page.wait_for_selector("[role=status] >> text=New fact card")
        tab_to(page, "button", "Turn back bravely")
        page.keyboard.press("Enter")
        page.wait_for_selector("h1:text('The end: Home')")
        tab_to(page, "a", "Answer the exit ticket, then read your summary")  # a class session asks it first
        page.keyboard.press("Enter")
        answer_the_exit_ticket_by_keyboard(page)
        page.wait_for_selector("h2:text('Your path')")
        assert page.title() == "Your summary: Home — A small test story"
        assert fits(page, viewport["width"])
        origin = url.split("/read/")[0]
        assert requested and all(u.startswith(origin + "/read/") for u in requested), requested  # nothing off-machine
    finally:
        context.close()
    collected = [json.loads(p.read_text()) for p in (saves / "7b").glob("*.json")]
    assert any(s["player"] == player and s["ending_title"] == "Home" for s in collected)


def test_web_edition_pages_pass_axe_at_wcag_2_2_aa(web_served, chromium):
    from game.classroom import report
    from tests.axe import WCAG22_AA, axe_source

    url, saves = web_served
    axe = axe_source()
    context = chromium.new_context(viewport=PHONE, bypass_csp=True)  # the test injects axe-core
    page = context.new_page()

    def check(what: str) -> None:
        for scheme in ("light", "dark"):
            page.emulate_media(color_scheme=scheme)
            if not page.evaluate("() => typeof window.axe === 'object'"):
                page.evaluate(axe)
            result = page.evaluate(
                "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
                ".then(r => r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')))",
                WCAG22_AA,
            )
            assert result == [], f"{what} ({scheme}): {result}"

    try:
        page.goto(url)
        check("name page")
        page.fill("#name", "axe")
        page.get_by_role("button", name="Continue").click()
        check("first page (roles)")
        page.get_by_role("button", name="Play the courier").click()
        check("scene with a disabled choice")
        page.get_by_role("button", name="Walk", exact=True).click()
        check("scene with a notice")
        page.click("[role=status] a")
        check("fact card")
        page.goto(url + "glossary/tram")
        check("glossary entry")
        page.goto(url + "saves")
        check("save or load")
        page.goto(url + "meanwhile")
        check("meanwhile (a one-role story: nothing at the same moment)")
        page.goto(url + "play")
        page.get_by_role("button", name="Turn back bravely").click()
        page.get_by_role("link", name="Answer the exit ticket, then read your summary").click()
        check("exit ticket: an order question")
        page.select_option("#p0", "1")
        page.select_option("#p1", "1")
        page.select_option("#p2", "2")
        page.get_by_role("button", name="Answer").click()
        check("exit ticket: a refused answer")
        answer_the_exit_ticket_by_keyboard(page, check)
        check("summary")
        page.goto(url + "endings")
        check("endings gallery")
        page.goto(url + "whatif")
        check("what if?")
        page.goto(url + "summary")
        exported = page.request.get(url + "summary/download/html")
        assert exported.ok and "attachment" in exported.headers["content-disposition"]
        page.set_content(exported.text())
        check("HTML export (downloaded)")
        page.set_content(report.to_html(report.build(report.read_summaries(saves / "7b"), "7b")))
        check("class report")
    finally:
        context.close()


@contextlib.contextmanager
def web_only(story: Path, saves: Path) -> Iterator[str]:
    """``budapest56 web`` (the web edition alone) on a free loopback port."""
    port = free_port()
    cmd = [sys.executable, "-m", "game", "web", "--story", str(story), "--port", str(port), "--saves-dir", str(saves)]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield wait_for(f"http://127.0.0.1:{port}/read/", proc)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.mark.slow
def test_web_edition_plays_every_shipped_role_by_keyboard_on_a_phone(chromium, tmp_path):
    """Each role of the shipped story, first open choice each time, keys only, at 390×844."""
    story = load_story(SCENES)
    with web_only(SCENES, tmp_path) as url:
        context = chromium.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
        page = context.new_page()
        try:
            for role in story.roles.values():
                page.goto(url)
                tab_to(page, "button", f"Play {in_sentence(role.name)}")
                with page.expect_navigation():
                    page.keyboard.press("Enter")
                for _ in range(80):
                    if page.locator("h1").inner_text().startswith("The end: "):
                        break
                    assert fits(page, PHONE["width"]), page.url
                    page.keyboard.press("Tab")
                    page.keyboard.press("Tab")  # "Skip to the choices"
                    page.keyboard.press("Enter")
                    page.keyboard.press("Tab")  # the first open choice (Tab passes over closed ones)
                    with page.expect_navigation():
                        page.keyboard.press("Enter")
                else:
                    pytest.fail(f"{role.id}: no ending after 80 choices")
                tab_to(page, "a", "Read your summary")
                page.keyboard.press("Enter")
                page.wait_for_selector("h2:text('Your path')")
                assert role.name in page.locator(".when").inner_text()
        finally:
            context.close()
