"""Translations of story text: the overlay, per-entry fallback, check --lang, and the translate tool."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from game.cli import main
from game.story.i18n import default_language, read_translation
from game.story.i18n_fields import fingerprint, units
from game.story.loader import load_story
from game.tools.i18n_schema import schema
from game.tools.i18n_write import FilePlan, Slot, render
from tests.conftest import MINI, ROOT

HU = MINI / "i18n" / "hu"


@pytest.fixture
def copy(tmp_path) -> Path:
    """A throwaway copy of the fixture story with its Hungarian translation."""
    target = tmp_path / "mini"
    shutil.copytree(MINI, target)
    return target


def line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_overlay_translates_every_kind_of_text_and_nothing_else():
    en, hu = load_story(MINI), load_story(MINI, lang="hu")
    start, bridge = hu.scenes["courier.start"], hu.scenes["courier.bridge"]
    assert (hu.meta.title, hu.meta.questions) == ("Egy kis próbatörténet", ["Te mit tettél volna?"])
    assert (start.title, start.where) == ("Az ajtó", "Egy lakás")
    assert start.passages[0].text.startswith("Kezedben a levél. [[tram|Villamossal]]")
    assert [c.text for c in start.choices] == ["Villamosra szállsz", "Gyalog mész", "Repülsz"]
    assert start.choices[2].reason == "Nem tudsz repülni."
    assert (start.decision.label, start.decision.history) == ("Villamos vagy gyalog?", "A legtöbben gyalog mentek.")
    assert bridge.choices[1].outcomes[0].text == "Az őr int, hogy mehetsz."
    assert bridge.choices[1].outcomes[1].text == ""  # no English, nothing to translate
    ending = hu.scenes["courier.end.home"].ending
    assert (ending.title, ending.epilogue, ending.questions) == (
        "Kézbesítve",
        "Az ilyen levelek számítottak.",
        ["Megérte?"],
    )
    role = hu.roles["courier"]
    assert (role.name, role.playtime, role.variables["courage"].label) == ("A futár", "2 perc", "Bátorság")
    assert role.variables["courage"].describe == "Mennyit mersz; 2-nél visszafordulhatsz."
    assert start.choices[0].result.startswith("A [[tram|villamos]] zsúfolt")
    assert hu.facts["card-bridge"].disputed.now == "Régi."
    assert (hu.glossary["tram"].term, hu.timeline["later"].title) == ("villamos", "Jóval később")
    # ids, conditions, effects, numbers and the save fingerprint are the English story's
    assert list(hu.scenes) == list(en.scenes) and hu.fingerprint == en.fingerprint
    assert start.choices[2].condition.source == en.scenes["courier.start"].choices[2].condition.source
    assert [o.chance for o in bridge.choices[1].outcomes] == [50, 50]
    assert en.scenes["courier.start"].title == "The door"  # the English story is untouched


def test_a_missing_entry_falls_back_to_english_for_that_entry_only(copy):
    path = copy / "i18n" / "hu" / "courier.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("text: Gyalog mész", "text:"), encoding="utf-8")
    (copy / "i18n" / "hu" / "history.yaml").unlink()
    hu = load_story(copy, lang="hu")
    assert [c.text for c in hu.scenes["courier.start"].choices] == ["Villamosra szállsz", "Walk", "Repülsz"]
    assert hu.meta.title == "A small test story"  # a whole file missing: English
    assert load_story(copy, lang="de").scenes["courier.start"].title == "The door"  # no such language


def test_check_lang_is_clean_on_the_fixture(capsys):
    assert main(["check", str(MINI), "--lang", "hu", "--strict"]) == 0
    assert "0 error(s), 0 warning(s)" in capsys.readouterr().out


def test_changing_one_english_passage_makes_it_stale_at_its_line(copy, capsys):
    english = copy / "courier.yaml"
    english.write_text(english.read_text().replace("- The bridge.", "- The old bridge."), encoding="utf-8")
    assert main(["check", str(copy), "--lang", "hu"]) == 0  # warnings only
    capsys.readouterr()
    assert main(["check", str(copy), "--lang", "hu", "--strict"]) == 1
    out = capsys.readouterr().out
    translation = copy / "i18n" / "hu" / "courier.yaml"
    stale = [line for line in out.splitlines() if "[T102]" in line]
    assert len(stale) == 1
    fp = fingerprint("The bridge.")
    line = line_of(translation, f"from: {fp}")
    assert stale[0].startswith(f"{translation}:{line}:7: warning: scene 'courier.bridge' passage.1 is stale")
    assert f"English at {english}:{line_of(english, '- The old bridge.')}:9" in stale[0]


def test_check_lang_reports_missing_orphan_unconfirmed_and_glossary_marks_at_their_lines(copy, capsys):
    path = copy / "i18n" / "hu" / "courier.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("text: Gyalog mész", "text:").replace("choice.3.else:", "choice.3.els:")
    text = text.replace("[[tram|", "[[tran|", 1)
    lines = text.splitlines(keepends=True)
    at = next(n for n, line in enumerate(lines) if "text: Az ajtó" in line)
    del lines[at - 1]  # the `from:` of the title: the translator says "checked"
    path.write_text("".join(lines), encoding="utf-8")
    assert main(["check", str(copy), "--lang", "hu"]) == 1  # the glossary mark is an error
    out = capsys.readouterr().out
    shown = {line.split(" [")[-1].rstrip("]"): line for line in out.splitlines() if "[T" in line}
    assert f"{path}:{line_of(path, 'choice.2:')}:5: warning: scene 'courier.start' choice.2 is not translated" in out
    assert f"{path}:{line_of(path, 'courier.start:')}:3: warning: scene 'courier.start' choice.3.else is not" in out
    assert "did you mean 'choice.3.else'?" in shown["T103"]
    assert shown["T103"].startswith(f"{path}:{line_of(path, 'choice.3.els:')}:5:")
    assert shown["T104"].startswith(f"{path}:{line_of(path, '  title:')}:5:")
    assert shown["T105"].startswith(f"{path}:{line_of(path, 'passage.1:')}:5: error: unknown glossary term [[tran]]")


def test_check_lang_without_a_translation_says_how_to_start(copy, capsys):
    assert main(["check", str(copy), "--lang", "de"]) == 1
    assert "no translation into 'de': start one with `budapest56 translate new de`" in capsys.readouterr().out


def test_new_writes_a_skeleton_that_reads_back_with_every_fingerprint(copy, capsys):
    shutil.rmtree(copy / "i18n")
    assert main(["translate", "new", "hu", "--story", str(copy)]) == 0
    story = load_story(copy)
    tr = read_translation(copy, "hu")
    assert not tr.problems
    expected = {u.ident: u.fingerprint for u in units(story)}
    assert {k: e.source for k, e in tr.entries.items()} == expected
    assert all(e.text is None for e in tr.entries.values())
    skeleton = (copy / "i18n" / "hu" / "courier.yaml").read_text(encoding="utf-8")
    assert "    choice.3.else:\n      # You cannot fly.\n      from: " in skeleton
    assert main(["check", str(copy), "--lang", "hu"]) == 0
    assert "scene 'courier.start' title is not translated" in capsys.readouterr().out
    assert main(["translate", "new", "hu", "--story", str(copy)]) == 1  # never overwrites
    assert "already exists" in capsys.readouterr().err


def test_update_keeps_the_fixture_as_it_is(copy, capsys):
    before = {p: p.read_bytes() for p in (copy / "i18n").rglob("*.yaml")}
    assert main(["translate", "update", "hu", "--story", str(copy)]) == 0
    assert "0 file(s) written" in capsys.readouterr().out
    assert {p: p.read_bytes() for p in (copy / "i18n").rglob("*.yaml")} == before


def test_update_confirms_rechecked_entries_adds_new_ones_and_keeps_orphans(copy, capsys):
    english = copy / "courier.yaml"
    english.write_text(
        english.read_text()
        .replace("- The bridge.", "- The old bridge.")
        .replace("title: The door", "title: The front door"),
        encoding="utf-8",
    )
    english.write_text(
        english.read_text().replace("    where: The bridge\n", "    title: Crossing\n    where: The bridge\n")
    )
    path = copy / "i18n" / "hu" / "courier.yaml"
    old = fingerprint("The door")
    path.write_text(path.read_text().replace(f"      from: {old}\n", "").replace("choice.1:", "choice.9:", 1))
    assert main(["translate", "update", "hu", "--story", str(copy)]) == 0
    out = capsys.readouterr().out
    assert "1 confirmed" in out and "2 new entries" in out and "1 orphaned" in out
    text = path.read_text()
    assert (
        f"    title:\n      # The front door\n      from: {fingerprint('The front door')}\n      text: Az ajtó\n"
        in text
    )
    assert "    title:\n      # Crossing\n" in text
    assert "choice.9:\n      # no longer in the English" in text and "text: Villamosra szállsz" in text
    # the stale passage keeps its old fingerprint, so check still points at it
    assert f"# The old bridge.\n      from: {fingerprint('The bridge.')}\n      text: A híd." in text
    main(["check", str(copy), "--lang", "hu"])
    codes = [line.split("[")[-1] for line in capsys.readouterr().out.splitlines() if "[T" in line]
    assert sorted(codes) == ["T101]", "T101]", "T102]", "T103]"]  # new title, choice.1, stale, orphan


def test_update_refuses_to_touch_a_translation_it_cannot_read(copy, capsys):
    path = copy / "i18n" / "hu" / "courier.yaml"
    path.write_text(path.read_text() + "  bad: [\n", encoding="utf-8")
    before = path.read_text()
    assert main(["translate", "update", "hu", "--story", str(copy)]) == 1
    assert "nothing was written" in capsys.readouterr().err
    assert path.read_text() == before


@pytest.mark.parametrize(
    "value",
    [
        "Jó reggelt",
        "yes",
        "1956",
        "05:20",
        "Nagy Imre: „Csapataink harcban állnak.”",
        "# not a comment",
        "  leading spaces",
        "[[avh|ávósok]] a kapuban",
        "line one\nline two\n",
        "no newline at the end\nsecond",
        "two newlines at the end\n\n",
        "\n starts with a newline",
        "tab\there and a \"quote\" and 'apostrophe'",
        "A long single line that goes on and on past the width of the comment column, so it must be folded "
        "onto more lines without changing a single character of it.",
    ],
)
def test_written_texts_read_back_exactly(tmp_path, value):
    plan = FilePlan()
    plan.add("scenes", "a.b", Slot("passage.1", "English", "0a1b2c3d", value, note="a note"))
    folder = tmp_path / "story" / "i18n" / "hu"
    folder.mkdir(parents=True)
    (folder / "a.yaml").write_text(render(plan, ["header"]), encoding="utf-8")
    tr = read_translation(tmp_path / "story", "hu")
    assert not tr.problems
    entry = tr.entries[("scenes", "a.b", "passage.1")]
    assert (entry.text, entry.source, entry.note) == (value, "0a1b2c3d", "a note")


def test_passages_are_written_as_an_author_writes_them():
    plan = FilePlan()
    plan.add("scenes", "a.b", Slot("passage.1", "English", "0a1b2c3d", "Első bekezdés.\n\nMásodik bekezdés.\n"))
    plan.add("scenes", "a.b", Slot("choice.1", "Go", "0a1b2c3e", "Mész"))
    text = render(plan, ["header"])
    assert "      text: |\n        Első bekezdés.\n\n        Második bekezdés.\n" in text
    assert "      text: Mész\n" in text


def test_status_prints_coverage_per_file(copy, capsys):
    path = copy / "i18n" / "hu" / "courier.yaml"
    path.write_text(path.read_text().replace("text: Gyalog mész", "text:"), encoding="utf-8")
    assert main(["translate", "status", "--story", str(copy)]) == 0
    out = capsys.readouterr().out
    assert "Hungarian (hu): 58 of 59 texts translated (98%), 0 to re-check, 1 missing" in out
    assert "courier.yaml      40/41   97%         0        1" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["translate", "new", "HU"], "'HU' is not a language code"),
        (["translate", "new", "en"], "'en' is the language the story is written in"),
        (["translate", "update"], "say which language"),
    ],
)
def test_translate_usage_errors_exit_2(argv, message, capsys):
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_translation_schema_is_made_from_the_table_of_fields():
    assert json.loads((ROOT / "docs" / "translation.schema.json").read_text()) == schema()


@pytest.mark.parametrize(
    ("env", "lang"),
    [
        ({"LANG": "hu_HU.UTF-8"}, "hu"),
        ({"LC_ALL": "hu_HU.UTF-8", "LANG": "en_GB.UTF-8"}, "hu"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANGUAGE": "de:en", "LANG": "hu_HU"}, "de"),
        ({}, "en"),
    ],
)
def test_default_language_follows_the_environment(env, lang):
    assert default_language(env) == lang


def test_the_guides_worked_example_is_a_valid_translation_of_the_shipped_story(tmp_path):
    """docs/translating.md shows a translation file: it reads cleanly and names real texts."""
    import re

    guide = (ROOT / "docs" / "translating.md").read_text(encoding="utf-8")
    example = next(b for b in re.findall(r"```yaml\n(.*?)```", guide, re.S) if "radio.nov04.dawn:" in b)
    folder = tmp_path / "story" / "i18n" / "hu" / "radio"
    folder.mkdir(parents=True)
    (folder / "nov04.yaml").write_text(example, encoding="utf-8")
    tr = read_translation(tmp_path / "story", "hu")
    assert not tr.problems and len(tr.entries) == 7
    shipped = {u.ident for u in units(load_story(ROOT / "scenes"))}
    assert set(tr.entries) <= shipped
