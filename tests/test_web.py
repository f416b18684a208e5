"""The web edition over HTTP (aiohttp's test client, no browser): pages, forms, safety, bounds.

The browser half (keyboard play, phones, axe-core) is in tests/test_browser.py.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import urllib.request
from html.parser import HTMLParser

import pytest
from aiohttp.test_utils import TestClient, TestServer

from game.web.app import make_web_app
from tests.conftest import ROOT
from tests.test_classroom import serving

HOSTILE = "<script>alert('x')</script>&\"Kati\""


class Page(HTMLParser):
    """The parts of a page a test asks about: the CSRF token, the turn, the choice buttons."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text
        self.fields: dict[str, str] = {}
        self.buttons: list[tuple[str, str, bool]] = []  # (value, label, disabled)
        self._button: dict | None = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("type") == "hidden":
            self.fields.setdefault(a.get("name") or "", a.get("value") or "")
        if tag == "button" and a.get("name") == "choice":
            self._button = {"value": a.get("value"), "disabled": "disabled" in a, "label": ""}

    def handle_data(self, data):
        if self._button is not None:
            self._button["label"] += data

    def handle_endtag(self, tag):
        if tag == "button" and self._button is not None:
            b = self._button
            self.buttons.append((b["value"], b["label"].strip(), b["disabled"]))
            self._button = None

    def choice(self, label: str) -> str:
        return next(v for v, text, _ in self.buttons if text == label)


@pytest.fixture
async def web(mini, tmp_path):
    """Start a web edition of the fixture story: ``client = await web(class_name="7b")``."""
    clients: list[TestClient] = []

    async def start(class_name: str = "", max_readers: int = 50) -> TestClient:
        client = TestClient(TestServer(make_web_app(mini, tmp_path, class_name, max_readers)))
        await client.start_server()
        clients.append(client)
        return client

    yield start
    for client in clients:
        await client.close()


async def get(client: TestClient, path: str, status: int = 200) -> Page:
    response = await client.get(path)
    text = await response.text()
    assert response.status == status, text
    return Page(text)


async def post(client: TestClient, path: str, data: dict, status: int = 200) -> Page:
    response = await client.post(path, data=data)
    text = await response.text()
    assert response.status == status, text
    return Page(text)


async def begin(client: TestClient, name: str | None = None, role: str = "courier", code: str = "") -> Page:
    home = await get(client, "/read/")
    if name is not None:
        home = await post(client, "/read/name", {"csrf": home.fields["csrf"], "name": name, "code": code})
    return await post(client, "/read/start", {"csrf": home.fields["csrf"], "role": role})


async def answer_the_exit_ticket(client: TestClient, page: Page) -> Page:
    """Answer every question of the exit ticket on ``page`` (a wrong form of answer first, which
    must change nothing), then return the summary it leads to."""
    first = True
    while "Exit ticket: question" in page.text:
        assert re.search(r"<h1>Exit ticket: question \d of \d</h1>", page.text)
        fields = {"csrf": page.fields["csrf"]}
        if 'name="place0"' in page.text:  # order: one select per place
            if first:  # the same event twice is refused, and the question stays
                again = await post(client, "/read/ticket", {**fields, "place0": "1", "place1": "1", "place2": "2"}, 400)
                assert 'role="alert"' in again.text and "Choose each event once" in again.text
                first = False
            answer = {"place0": "3", "place1": "2", "place2": "1"}
        elif 'type="radio"' in page.text:
            answer = {"answer": "1"}
        else:
            empty = await post(client, "/read/ticket", {**fields, "answer": "  "}, 400)
            assert "Write one sentence, even a short one." in empty.text
            answer = {"answer": "<b>Because</b> it was quiet."}
        feedback = await post(client, "/read/ticket", {**fields, **answer})
        assert 'class="feedback" role="status"' in feedback.text
        page = await post(client, "/read/ticket/next", {"csrf": feedback.fields["csrf"]})
    return page


async def test_a_reader_plays_to_the_summary_and_it_is_collected(web, mini, tmp_path):
    client = await web(class_name="7b")
    scene = await begin(client, name="Kati")
    assert "<h1>The door</h1>" in scene.text and "<title>The door — A small test story</title>" in scene.text
    assert '<a class="term" href="/read/glossary/tram">villamos</a>' in scene.text  # [[tram]] → a link
    assert "<em>walk</em>" in scene.text
    assert [(label, disabled) for _, label, disabled in scene.buttons] == [
        ("Take the tram", False),
        ("Walk", False),
        ("Fly", True),
    ]
    assert "Not open to you: You cannot fly." in scene.text
    assert re.search(r"<dt>Courage</dt><dd>1 of 3<span class=\"about\">How much you dare; at 2 you may", scene.text)
    bridge = await post(client, "/read/choose", {**scene.fields, "choice": scene.choice("Walk")})
    assert 'role="status"' in bridge.text and 'New fact card: <a href="/read/facts/card-bridge">The bridge</a>' in (
        bridge.text
    )
    assert "You feel brave." in bridge.text
    card = await get(client, "/read/facts/card-bridge")
    assert "A disputed figure" in card.text and 'href="/read/sources#src-book">A. Author, A Book, 2000</a>, p. 3' in (
        card.text
    )
    back = await post(client, "/read/back", bridge.fields)
    assert "You went back one choice." in back.text and "<h1>The door</h1>" in back.text
    bridge = await post(client, "/read/choose", {**back.fields, "choice": back.choice("Walk")})
    end = await post(client, "/read/choose", {**bridge.fields, "choice": bridge.choice("Turn back bravely")})
    assert "<h1>The end: Home</h1>" in end.text and "Your summary was handed in for class 7b." in end.text
    assert 'href="/read/ticket">Answer the exit ticket, then read your summary' in end.text
    summary = await answer_the_exit_ticket(client, await get(client, "/read/summary"))  # the ticket comes first
    assert "Your answers were handed in with your summary." in summary.text and "Exit ticket: " in summary.text
    assert "“&lt;b&gt;Because&lt;/b&gt; it was quiet.”" in summary.text and "<b>Because" not in summary.text
    assert await get(client, "/read/ticket") and (await client.get("/read/ticket")).url.path == "/read/summary"
    assert "<h1>The end: Home</h1>" in summary.text and "Many stayed home." in summary.text
    assert '<time datetime="1956-10-23T18:00">23 Oct 18:00</time>, A flat: Walk' in summary.text
    assert 'Sources: <a href="/read/sources#src-book">A. Author, A Book, 2000</a>' in summary.text  # by short title
    sources = await get(client, "/read/sources")
    assert '<li id="src-book"><strong>A. Author, A Book, 2000</strong>: A. Author (2000).' in sources.text
    collected = list((tmp_path / "7b").glob("*.json"))
    assert len(collected) == 1 and json.loads(collected[0].read_text())["player"] == "Kati"
    handed_in = json.loads(collected[0].read_text())["ticket"]
    assert len(handed_in["responses"]) == 5 and handed_in["out_of"] == 4  # the sentence is not marked
    assert handed_in["responses"][-1]["given"] == "<b>Because</b> it was quiet."  # as typed; escaped on pages
    download = await client.get("/read/summary/download/md")
    assert download.status == 200 and "attachment" in download.headers["Content-Disposition"]
    assert "## Ending: Home" in await download.text()


async def test_what_a_choice_led_to_opens_the_next_page_and_stands_in_the_path(web):
    client = await web()
    scene = await begin(client)
    bridge = await post(client, "/read/choose", {**scene.fields, "choice": scene.choice("Take the tram")})
    told = '<a class="term" href="/read/glossary/tram">villamos</a> is packed, and <em>nobody</em> looks at your coat.'
    assert f'<div class="outcome"><p>The {told}</p></div>' in bridge.text
    end = await post(client, "/read/choose", {**bridge.fields, "choice": bridge.choice("Cross")})
    summary = await get(client, "/read/summary")
    assert f'Take the tram<span class="about">The {told}</span>' in summary.text
    assert "<h1>The end:" in end.text


async def test_a_hostile_player_name_is_escaped_everywhere(web, tmp_path):
    client = await web(class_name="7b")
    scene = await begin(client, name=HOSTILE)
    pages = [scene.text]
    scene = await post(client, "/read/choose", {**scene.fields, "choice": scene.choice("Walk")})
    end = await post(client, "/read/choose", {**scene.fields, "choice": scene.choice("Turn back bravely")})
    pages += [end.text, (await get(client, "/read/summary")).text, (await get(client, "/read/")).text]
    for text in pages:
        assert "<script>" not in text
        assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&#34;Kati&#34;" in text
    summary = json.loads(next((tmp_path / "7b").glob("*.json")).read_text())
    assert summary["player"] == HOSTILE  # kept as typed; only the page escapes it


async def test_forms_without_the_readers_own_token_are_refused(web, tmp_path):
    client = await web()
    home = await get(client, "/read/")
    await post(client, "/read/start", {"role": "courier"}, status=403)
    await post(client, "/read/start", {"csrf": "forged", "role": "courier"}, status=403)
    client.session.cookie_jar.clear()  # another browser tries this reader's token
    await get(client, "/read/")
    await post(client, "/read/start", {"csrf": home.fields["csrf"], "role": "courier"}, status=403)
    assert not list(tmp_path.glob("autosave-*.json"))  # nothing started
    client.session.cookie_jar.clear()
    refused = await post(client, "/read/start", {"csrf": home.fields["csrf"], "role": "courier"}, status=403)
    assert "Your session has ended" in refused.text


@pytest.mark.parametrize("bad", ["99", "-1", "one", "", "2"])  # 2 is "Fly", disabled at courage 1
async def test_a_bad_choice_changes_nothing(web, tmp_path, bad):
    client = await web()
    scene = await begin(client)
    saved = (tmp_path / "autosave-courier.json").read_text()
    refused = await post(client, "/read/choose", {**scene.fields, "choice": bad}, status=400)
    assert "That choice is not open" in refused.text and "Back to your story" in refused.text
    again = await get(client, "/read/play")
    assert "<h1>The door</h1>" in again.text and again.fields["turn"] == scene.fields["turn"]
    assert (tmp_path / "autosave-courier.json").read_text() == saved


async def test_an_out_of_date_page_changes_nothing(web):
    client = await web()
    scene = await begin(client)
    await post(client, "/read/choose", {**scene.fields, "choice": scene.choice("Walk")})
    stale = await post(client, "/read/choose", {**scene.fields, "choice": scene.choice("Take the tram")})
    assert "That page was out of date" in stale.text and "The bridge." in stale.text


async def test_the_number_of_readers_and_the_size_of_forms_are_bounded(web):
    client = await web(max_readers=2)
    home = await get(client, "/read/")
    too_big = await client.post("/read/name", data={"csrf": home.fields["csrf"], "name": "x" * 10_000})
    assert too_big.status == 413
    client.session.cookie_jar.clear()
    await get(client, "/read/")  # the second reader
    client.session.cookie_jar.clear()
    full = await get(client, "/read/", status=503)
    assert "The web edition is full" in full.text
    assert "Set-Cookie" not in (await client.get("/read/")).headers


async def test_pages_are_safe_and_errors_are_pages(web):
    client = await web()
    response = await client.get("/read/")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "form-action 'self'" in csp
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/read" in cookie
    missing = await get(client, "/read/no-such-page", status=404)
    assert "<h1>Not Found</h1>" in missing.text and 'lang="en"' in missing.text
    await get(client, "/read/facts/card-bridge", status=404)  # not found yet: no spoilers
    glossary = await get(client, "/read/glossary/tram")
    assert '<dd lang="hu">villamos</dd>' in glossary.text
    assert (await client.get("/read/play", allow_redirects=False)).status == 303  # no game yet
    wrong_method = await client.get("/read/choose")
    assert wrong_method.status == 405 and "only answers forms" in await wrong_method.text()


async def test_save_and_load_use_the_game_s_save_files(web, mini, tmp_path):
    client = await web()
    scene = await begin(client)
    scene = await post(client, "/read/choose", {**scene.fields, "choice": scene.choice("Walk")})
    saves = await post(client, "/read/save", {"csrf": scene.fields["csrf"], "slot": "../escape"})
    assert "is not a valid save name" in saves.text and not (tmp_path.parent / "escape.json").exists()
    saves = await post(client, "/read/save", {"csrf": scene.fields["csrf"], "slot": "lesson 2"})
    assert "Saved as &#39;lesson 2&#39;." in saves.text and (tmp_path / "lesson 2.json").exists()
    scene = await get(client, "/read/play")
    await post(client, "/read/choose", {**scene.fields, "choice": scene.choice("Turn back bravely")})
    loaded = await post(client, "/read/load", {"csrf": scene.fields["csrf"], "slot": "lesson 2"})
    assert "Your game is back where you left it." in loaded.text and "The bridge." in loaded.text
    client.session.cookie_jar.clear()  # a new browser continues the latest game
    home = await get(client, "/read/")
    assert "Continue your last game" in home.text
    cont = await post(client, "/read/load", {"csrf": home.fields["csrf"], "slot": ""})
    assert "The bridge." in cont.text


async def test_class_readers_never_share_saves_and_come_back_with_their_code(web, tmp_path):
    client = await web(class_name="7b")
    home = await get(client, "/read/")
    home = await post(client, "/read/name", {"csrf": home.fields["csrf"], "name": "Anna", "code": ""})
    code = re.search(r"Your code is <strong>(\d{4})</strong>", home.text).group(1)
    first = await post(client, "/read/start", {"csrf": home.fields["csrf"], "role": "courier"})
    await post(client, "/read/choose", {**first.fields, "choice": first.choice("Walk")})
    client.session.cookie_jar.clear()
    await begin(client, name="Anna")  # another Anna: no code, so a new player
    autosaves = sorted(tmp_path.glob("7b/students/*/autosave-courier.json"))
    assert len(autosaves) == 2 and all(a.parent.name.startswith("Anna-") for a in autosaves)
    assert not list(tmp_path.glob("autosave-*.json"))
    client.session.cookie_jar.clear()  # the first Anna closes the browser and comes back
    home = await get(client, "/read/")
    wrong = await post(client, "/read/name", {"csrf": home.fields["csrf"], "name": "Anna", "code": "99999"})
    assert "That code does not belong to the name Anna" in wrong.text
    back = await post(client, "/read/name", {"csrf": wrong.fields["csrf"], "name": "anna", "code": code})
    assert "Welcome back, Anna" in back.text
    cont = await post(client, "/read/load", {"csrf": back.fields["csrf"], "slot": ""})
    assert "The bridge." in cont.text  # her own game, where she walked to


def test_serve_mounts_the_web_edition_beside_the_terminal(tmp_path):
    with serving(tmp_path) as url, urllib.request.urlopen(url + "read/", timeout=5) as response:
        page = response.read().decode()
    assert "Your name or a pseudonym" in page and "b56read=" in response.headers["Set-Cookie"]


def test_web_command_usage_errors(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "game", "web", "--port", "0"], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert result.returncode == 2 and "--port must be 1–65535" in result.stderr


@pytest.mark.parametrize("short", [False, True], ids=["full", "short"])
async def test_the_short_version_is_served_to_every_reader(shipped, tmp_path, short):
    """`serve --short` / `web --short`: every reader's game takes the story's short path, as in the app."""
    app = make_web_app(shipped, tmp_path, "7b", short=short)
    client = TestClient(TestServer(app))
    await client.start_server()
    try:
        scene = await begin(client, name="Kati", role="journalist")
        for _ in range(80):
            if not scene.buttons:
                break
            first_open = next(value for value, _label, disabled in scene.buttons if not disabled)
            scene = await post(client, "/read/choose", {**scene.fields, "choice": first_open})
        assert "The end: " in scene.text
    finally:
        await client.close()
    (kept,) = (tmp_path / "7b").glob("*.json")
    visited = {step["scene"] for step in json.loads(kept.read_text())["path"]}
    passed_over = {s.id for s in shipped.scenes.values() if s.short_goto} & visited
    assert bool(passed_over) is not short  # the short path never stops where short_goto leads past


async def test_meanwhile_and_the_endings_gallery_as_in_the_app(shipped, tmp_path):
    """The other roles at a crossing moment (with what classmates chose), and the endings found."""
    client = TestClient(TestServer(make_web_app(shipped, tmp_path, "7b")))
    await client.start_server()
    try:
        scene = await begin(client, name="Kati", role="resident")
        crossing = None
        for _ in range(80):
            if not scene.buttons:
                break
            if crossing is None and 'href="/read/meanwhile"' in scene.text:
                crossing = await get(client, "/read/meanwhile")
            first_open = next(value for value, _label, disabled in scene.buttons if not disabled)
            scene = await post(client, "/read/choose", {**scene.fields, "choice": first_open})
        assert crossing is not None, "a resident's first-choice path passes no crossing moment"
        assert "<h1>Meanwhile…</h1>" in crossing.text
        others = {r.name for r in shipped.roles.values() if r.id != "resident"}
        assert any(f"<h3>{name}" in crossing.text for name in others)
        assert 'class="cite">Sources: <a href="/read/sources#src-' in crossing.text
        assert "No classmate playing this role has handed in a game that passed here yet." in crossing.text
        assert "Endings gallery: 1 of" in scene.text  # on the ending's page
        gallery = await get(client, "/read/endings")
        (found,) = re.findall(r"<strong>✓ ([^<]+)</strong>", gallery.text)
        assert f"<h1>The end: {found}</h1>" in scene.text
        assert (
            gallery.text.count("Not found yet:") == sum(1 for s in shipped.scenes.values() if s.ending is not None) - 1
        )
    finally:
        await client.close()


@pytest.mark.parametrize("rewind", [True, False], ids=["rewind-on", "rewind-off"])
async def test_what_if_shows_the_futures_and_plays_a_decision_again(mini, tmp_path, rewind):
    """At the end: each key decision, every choice there with its endings, and (unless the teacher
    switched going back off) a button that goes back to that decision."""
    from game.web.edition import EDITION

    app = make_web_app(mini, tmp_path, "7b")
    client = TestClient(TestServer(app))
    await client.start_server()
    try:
        scene = await begin(client, name="Kati")
        reader = next(iter(app._subapps[0][EDITION].readers.readers.values()))
        reader.session.rewind_allowed = rewind
        bridge = await post(client, "/read/choose", {**scene.fields, "choice": scene.choice("Walk")})
        end = await post(client, "/read/choose", {**bridge.fields, "choice": bridge.choice("Turn back bravely")})
        assert 'href="/read/whatif">What if?' in end.text
        page = await get(client, "/read/whatif")
        assert "<h1>What if?</h1>" in page.text and "<h2" in page.text and "Tram or walk?" in page.text
        assert "Walk <strong>(your choice)</strong>" in page.text and "possible future" in page.text
        assert re.search(r"<li>\d+%: <strong>Home</strong>", page.text)
        assert ("Play it again from" in page.text) is rewind
        if rewind:
            again = await post(client, "/read/whatif/play", {**page.fields, "step": "0"})
            assert "You are back at that decision" in again.text and "<h1>The door</h1>" in again.text
        else:
            assert "you can look, not play again" in page.text
            form = {"csrf": (await get(client, "/read/saves")).fields["csrf"], "turn": str(reader.turn), "step": "0"}
            refused = await post(client, "/read/whatif/play", form)  # a form made by hand: still refused
            assert "your choices stand" in refused.text and "<h1>What if?</h1>" in refused.text
    finally:
        await client.close()
