"""Interface strings: the catalogues are complete and compiled, dates and numbers follow the language,
and --lang reaches every front end (plain mode is tested in test_plain, the title screen in the
snapshot suite)."""

from __future__ import annotations

import io
import subprocess
import sys
import tokenize
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from game.l10n import choose_language, format_number, format_percent, set_language, ui_languages
from game.story.clock import format_clock, format_short, parse_time
from game.story.loader import load_story
from game.web.app import make_web_app
from tests.conftest import MINI, ROOT

LOCALE = ROOT / "game" / "locale"
PO = LOCALE / "hu" / "LC_MESSAGES" / "budapest56.po"
TEMPLATES = ("web/templates/**.html", "classroom/templates/**", "story/templates/**.html")  # as babel.cfg


def _messages(catalogue) -> dict:
    def norm(value):
        return tuple(value) if isinstance(value, list | tuple) else value

    return {norm(m.id): norm(m.string) for m in catalogue if m.id}


def test_compiled_catalogue_is_the_po_file():
    """The .mo shipped in the package is compiled from the .po as it is now (pybabel compile)."""
    with open(PO, "rb") as f:
        po = read_po(f)
    with open(PO.with_suffix(".mo"), "rb") as f:
        mo = read_mo(f)
    assert _messages(mo) == _messages(po)


def test_catalogues_hold_every_string_the_code_marks_and_hungarian_translates_them_all():
    """The .pot is what `pybabel extract -F babel.cfg` finds now, and hu.po translates every entry."""
    found = {
        msgid
        for _file, _line, msgid, *_ in extract_from_dir(
            ROOT / "game",
            method_map=[("**.py", "python"), *((pattern, "jinja2") for pattern in TEMPLATES)],
            options_map={
                pattern: {"extensions": "jinja2.ext.i18n", "newstyle_gettext": "true"} for pattern in TEMPLATES
            },
        )
    }
    with open(LOCALE / "budapest56.pot", "rb") as f:
        pot = {m.id for m in read_po(f) if m.id}
    assert found == pot, "run pybabel extract and update (docs/translating.md)"
    with open(PO, "rb") as f:
        po = read_po(f)
    assert {m.id for m in po if m.id} == pot
    untranslated = [m.id for m in po if m.id and (not all(m.string if isinstance(m.string, tuple) else [m.string]))]
    assert not untranslated and not [m.id for m in po if m.id and m.fuzzy]


def test_no_interface_string_hides_in_an_f_string():
    """pybabel on Python 3.11 cannot see _() inside an f-string: such a string would never be translated."""
    hidden = []
    for path in (ROOT / "game").rglob("*.py"):
        for tok in tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline):
            if tok.type == tokenize.STRING and tok.string[:1] in "fF" and "_(" in tok.string:
                hidden.append(f"{path.relative_to(ROOT)}:{tok.start[0]}")
    assert not hidden


def test_hungarian_dates_and_numbers():
    when = parse_time("1956-11-04 05:20")
    assert (format_clock(when), format_short(when), format_number(2700)) == (
        "Sun 4 Nov 1956, 05:20",
        "4 Nov 05:20",
        "2,700",
    )
    set_language("hu")
    assert format_clock(when) == "1956. november 4., vasárnap, 5.20"
    assert format_short(when) == "nov. 4. 5.20"
    from game.web.render import short_time  # the web edition's path and lists say it the same way

    assert short_time("1956-11-04T05:20") == "nov. 4. 5.20"
    assert format_number(2700) == "2\u202f700" and format_percent(0.45) == "45%"


@pytest.mark.parametrize(
    ("written", "english", "hungarian"),
    [
        ("1956-10-23", "23 Oct 1956", "1956. okt. 23."),
        ("3–4 Nov 1956", "3–4 Nov 1956", "1956. nov. 3–4."),
        ("23 Oct – 11 Nov 1956", "23 Oct – 11 Nov 1956", "1956. okt. 23. – nov. 11."),
        ("Oct – Dec 1956", "Oct – Dec 1956", "1956. okt.–dec."),
        ("23 Oct 1956 – Jan 1957", "23 Oct 1956 – Jan 1957", "1956. okt. 23. – 1957. jan."),
        ("1956–1963", "1956–1963", "1956–1963"),
        ("late Oct 1956", "late Oct 1956", "1956. okt. vége"),
        ("Every year since 2013", "Every year since 2013", "2013 óta minden évben"),
        ("the winter of 1956", "the winter of 1956", "the winter of 1956"),  # unknown: as written
        ("31 Feb 1956", "31 Feb 1956", "31 Feb 1956"),
    ],
)
def test_fact_card_dates_in_each_language(written, english, hungarian):
    from game.story.dates import fact_date

    assert fact_date(written) == english
    set_language("hu")
    assert fact_date(written) == hungarian


def test_the_glossary_in_hungarian_order_without_the_english_readers_notes(shipped):
    from game.story.collate import sort_key
    from game.tui.screens.glossary_screen import GlossaryScreen
    from game.tui.text import glossary_markdown

    words = ["zsák", "cukor", "csendőr", "Andau", "ÁVH", "általános", "öt", "ok", "óra", "Kossuth", "követség"]
    assert sorted(words, key=lambda w: sort_key(w, "hu")) == [
        "általános", "Andau", "ÁVH", "cukor", "csendőr", "Kossuth", "követség", "ok", "óra", "öt", "zsák",
    ]  # fmt: skip
    assert sorted(["Zinner", "ÁVH", "Bem"], key=lambda w: sort_key(w, "en")) == ["ÁVH", "Bem", "Zinner"]
    set_language("hu")
    story = load_story(shipped.root, "hu")
    terms = [label for _id, label, _md in GlossaryScreen(story).items]
    assert terms[:3] == ["általános sztrájk", "Andau", "ÁVH"] and terms.index("Kossuth tér") < terms.index("követség")
    avh = glossary_markdown(story, "avh", {})
    assert "*Angolul:* State Protection Authority\n" in avh and "(the secret police)" not in avh
    assert "**Magyarul:** Államvédelmi Hatóság" in avh
    nagy = glossary_markdown(story, "imre-nagy", {})  # "Imre Nagy" is the term in another order
    assert "Angolul" not in nagy and "Magyarul" not in nagy


def test_language_choice(monkeypatch):
    assert "hu" in ui_languages()
    monkeypatch.setenv("LANG", "hu_HU.UTF-8")
    assert choose_language(None) == "hu"
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert choose_language(None) == "en"  # no German edition: English, without complaint
    assert choose_language("hu", MINI) == "hu"
    with pytest.raises(ValueError, match="there is no 'de' edition"):
        choose_language("de", MINI)


@pytest.mark.parametrize("command", ["play", "web", "serve", "report"])
def test_an_unknown_language_is_a_usage_error(command, tmp_path):
    args = [str(tmp_path)] if command == "report" else ["--story", str(MINI)]
    cmd = [sys.executable, "-m", "game", command, *args, "--lang", "xx"]
    if command == "play":
        cmd.append("--plain")
    result = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=60, stdin=subprocess.DEVNULL)
    assert result.returncode == 2, result.stderr
    assert "--lang: there is no 'xx' edition (languages: en, hu)" in result.stderr


async def test_web_edition_in_hungarian(tmp_path):
    set_language("hu")
    client = TestClient(TestServer(make_web_app(load_story(MINI, "hu"), tmp_path)))
    await client.start_server()
    try:
        home = await (await client.get("/read/")).text()
        assert '<html lang="hu">' in home and "Válaszd ki, ki leszel" in home and "Ezt választom: a futár" in home
        assert "Egy futár egyetlen este alatt átkel a városon." in home
    finally:
        await client.close()


def test_serve_passes_the_language_to_every_tab():
    from game.classroom.serve import play_argv
    from game.cli import build_parser

    args = build_parser().parse_args(["serve", "--story", str(MINI), "--class", "7b", "--lang", "hu"])
    argv = play_argv(args, Path("saves"))
    assert argv[argv.index("--class") + 1] == "7b" and argv[argv.index("--lang") + 1] == "hu"


def test_class_report_in_hungarian(mini, tmp_path):
    from game.story.saves import SaveStore
    from tests.test_classroom import finish

    store = SaveStore(tmp_path)
    finish(mini, store, "Kati", 0, ["Walk", "Turn back"])
    cmd = [sys.executable, "-m", "game", "report", str(tmp_path / "7b"), "--lang", "hu"]
    result = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "7b" / "report.html").read_text(encoding="utf-8")
    assert '<html lang="hu">' in page and "Osztályjelentés – 7b" in page and "1 végigjátszás érkezett be" in page
    assert "Itt érdemes kezdeni a megbeszélést" in (tmp_path / "7b" / "report.md").read_text(encoding="utf-8")
