"""Plain mode through a real pipe: every ending of the fixture, and bad input that loses nothing."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.conftest import MINI, ROOT


def run(args: list[str], stdin: str, saves) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "game", "play", "--plain", "--story", str(MINI), "--saves-dir", str(saves), *args]
    return subprocess.run(cmd, input=stdin, capture_output=True, text=True, cwd=ROOT, timeout=60)


@pytest.mark.parametrize(
    ("seed", "keys", "ending"),
    [
        (2, "1\n2\n\n", "Ending: Delivered"),
        (0, "1\n2\n\n", "Ending: Stopped"),
        (0, "2\n3\n\n", "Ending: Home"),
    ],
)
def test_pipe_reaches_each_ending_with_summary(tmp_path, seed, keys, ending):
    result = run(["--role", "courier", "--seed", str(seed)], keys, tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert ending in out and "## Your path" in out and "## Sources" in out
    assert "Traceback" not in out + result.stderr
    if keys.startswith("1"):  # the tram's result opens the next scene, markup made plain
        assert (
            "== The bridge — Tue 23 Oct 1956, 18:30 ==\nThe villamos is packed, and nobody looks at your coat.\n\nThe bridge."
            in out
        )


def test_bad_input_gets_a_clear_line_and_loses_nothing(tmp_path):
    keys = "abc\n7\n3\n\n2\nf\nf 1\nf 9\ng VILLAMOS\ng nope\nt\nm\nr\n2\n"
    result = run(["--role", "courier", "--seed", "1"], keys, tmp_path)
    out = result.stdout
    assert "'abc' is not a choice or a command" in out
    assert "There is no choice 7: type a number from 1 to 3" in out
    assert "That choice is not open: You cannot fly." in out
    assert "Type the number of a choice, or h for help." in out
    assert "-- The bridge (1956-10-23) --" in out and "Disputed." in out
    assert "Type 'f' and a number from 1 to 1." in out
    assert "-- villamos / villamos / tram --" in out
    assert "'nope' is not in the glossary." in out
    assert "No glossary words are marked in this scene." in out
    assert "Courage: 2 of 3 — How much you dare; at 2 you may turn back." in out
    assert "Sources: A. Author, A Book, 2000, p. 3\nA. Author, A Book, 2000: A. Author (2000). A Book. A Press." in out
    assert "(sources: A. Author, A Book, 2000)" in out
    assert "You go back one choice." in out
    # input ran out mid-story: a clear line, non-zero exit, and the autosave holds the place
    assert "End of input. Your progress is saved in slot 'autosave-courier'" in out
    assert result.returncode == 1
    assert (tmp_path / "autosave-courier.json").exists()


def test_load_continues_from_a_save(tmp_path):
    run(["--role", "courier", "--seed", "0"], "2\n", tmp_path)
    result = run(["--load", "autosave-courier"], "3\n\n", tmp_path)
    assert result.returncode == 0 and "Ending: Home" in result.stdout


def test_damaged_save_is_reported_and_kept(tmp_path):
    bad = tmp_path / "broken.json"
    bad.write_text("{not json")
    result = run(["--load", "broken"], "", tmp_path)
    assert result.returncode == 1
    assert "cannot load 'broken': damaged: not valid JSON" in result.stderr
    assert bad.read_text() == "{not json"


def test_export_at_the_end(tmp_path):
    result = run(["--role", "courier", "--seed", "0"], "2\n3\ne\n", tmp_path)
    assert "Exported:" in result.stdout
    assert len(list(tmp_path.glob("courier-*.html"))) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--role", "spy"], "unknown role 'spy'"),
        (["--load", "../x"], "not a valid save name"),
        (["--seed", "abc"], "invalid int value"),
        (["--width", "5"], "--width must be between"),
    ],
)
def test_bad_arguments_get_usage_and_exit_2(tmp_path, args, message):
    result = run(args, "", tmp_path)
    assert result.returncode == 2
    assert "usage:" in result.stderr and message in result.stderr
    assert "Traceback" not in result.stderr


def test_broken_story_is_refused_with_pointer_to_check(tmp_path):
    story = tmp_path / "broken"
    story.mkdir()
    (story / "a.yaml").write_text("scenes:\n  - id: x.a\n    text: [\n")
    cmd = [sys.executable, "-m", "game", "play", "--plain", "--story", str(story)]
    result = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 1
    assert "a.yaml:4:1: error: YAML syntax" in result.stderr
    assert f"Run `budapest56 check {story}`" in result.stderr


def test_what_if_gallery_and_going_back_at_the_end(tmp_path):
    keys = "2\n3\nw\n1\np\n1\n2\ng\nr\n2\n\n"  # Walk, Turn back; What if? → play it: tram, Cross; gallery; back
    result = run(["--role", "courier", "--seed", "0"], keys, tmp_path)
    out = result.stdout
    assert "Endings gallery (The courier): 1 of 3 endings found." in out
    assert "### ▶ Walk (your choice)" in out and "- 40% **Delivered** (2 of 5)" in out  # no bar characters
    assert "- 50% **Stopped** (2 of 4)" in out and "Not open to you then: You cannot fly." in out
    assert "You are back at Tue 23 Oct 1956, 18:00, with everything as it was then." in out
    assert "Ending: Stopped" in out and "## The courier — 2 of 3 endings found" in out
    assert "- ? *someone who got the letter through*" in out
    assert "You go back one choice. Your ending stays in your endings gallery." in out
    assert "THE END" in out.split("You go back one choice.")[1]  # the bridge again, Cross, the end again
    assert result.returncode == 0 and "Traceback" not in out + result.stderr
    again = run([], "1\nq\n", tmp_path)  # the next game's role list says what was found
    assert "Endings you have found so far — The courier: 2 of 3." in again.stdout


def test_a_locked_class_can_look_at_what_if_but_not_go_back(tmp_path):
    args = ["--role", "courier", "--seed", "0", "--class", "7b", "--rewind", "off"]
    ticket = "2 3 1\n1\n1\n1\nTo feel brave.\n"  # the class's exit ticket comes first
    result = run(args, f"Kati\n2\n3\n{ticket}r\nw\n1\nx\n\n", tmp_path)
    out = result.stdout
    assert "Your teacher has switched going back off for this lesson: your choices stand." in out
    assert "- 20% **Home** (1 of 5)" in out and "switched going back off for this lesson: you can look" in out
    assert "r go back one choice" not in out and "'x' is not one of the letters listed." in out
    assert result.returncode == 0


def test_meanwhile_in_plain_mode(tmp_path):
    cmd = [sys.executable, "-m", "game", "play", "--plain", "--story", str(ROOT / "scenes")]
    cmd += ["--saves-dir", str(tmp_path), "--role", "radio", "--seed", "1"]
    out = subprocess.run(cmd, input="o\nq\n", capture_output=True, text=True, cwd=ROOT, timeout=60).stdout
    assert "[◆ The other roles lived this moment too. Type 'o' for Meanwhile.]" in out
    assert "## The march to Bem Square and Parliament" in out
    assert "### The Budapest resident — Bem Square" in out and "*Bem Square, Buda · Tue 23 Oct 1956, 16:30*" in out


HU_KEYS = "h\n2\nf\nf 1\ng villamos\nt\nm\ns ora-2\nr\n9\nxyz\n2\n3\ne\n"
# English words that no Hungarian screen should show; the fixture's bibliography (A. Author,
# A Book, A Press) is data, not text, and stays as published.
ENGLISH_WORDS = re.compile(
    r"\b(the|you|your|and|of|to|is|not|type|press|choose|choice|save|saved|load|card|cards|sources?|"
    r"ending|path|history|questions?|glossary|help|quit|yes|no|end|back|words?|found|fact)\b",
    re.IGNORECASE,
)
DATA = ("A. Author", "A Book", "A Press", "B. Writer", "A Diary", "p. 3", "--seed", "budapest56 play --load")
# a class session: name, the game, then the exit ticket (a wrong order, then every kind of answer)
HU_CLASS_KEYS = "Kati\n2\n3\n1\n1 2 3\n1\nMert féltem.\n1\n1\nMert féltem.\n\n"


def test_hungarian_plain_mode_shows_the_interface_in_hungarian(tmp_path):
    result = run(["--lang", "hu", "--role", "courier", "--seed", "1"], HU_KEYS, tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for line in (
        "Parancsok: egy szám kiválasztja a lehetőséget.",
        "== Az ajtó — Egy lakás — 1956. október 23., kedd, 18.00 ==",
        "[Új ténykártya: A híd. Elolvasás: 'f 1'.]",
        "-- A híd (1956-10-23) --",
        "Vitatott. Amit akkor hittek: Azt mondták, új.",
        "Bátorság: 2 / 3 — Mennyit mersz; 2-nél visszafordulhatsz.",
        "Mentve „ora-2” néven.",
        "Egy választással visszaléptél.",
        "Nincs 9. lehetőség: írj be egy számot 1 és 3 között, vagy h-t a súgóhoz.",
        "A(z) „xyz” nem választás és nem parancs.",
        "## Befejezés: Otthon",
        "| Mikor | Hol | A választásod |",
        "Exportálva: ",
    ):
        assert line in out, line
    assert "VÉGE" in out and "Traceback" not in out + result.stderr


@pytest.mark.parametrize(
    ("args", "keys"),
    [([], HU_KEYS), (["--class", "7b"], HU_CLASS_KEYS)],
    ids=["alone", "class-with-exit-ticket"],
)
def test_hungarian_playthrough_leaves_no_interface_string_in_english(tmp_path, args, keys):
    """Every English interface string of the catalogue, and common English words, are absent."""
    from babel.messages.pofile import read_po

    out = run(["--lang", "hu", "--role", "courier", "--seed", "1", *args], keys, tmp_path).stdout
    out = out.split("Exportálva:")[0]  # then only the paths of the exported files
    assert "VÉGE" in out and ("KILÉPŐKÁRTYA" in out) == bool(args)
    with open(ROOT / "game" / "locale" / "hu" / "LC_MESSAGES" / "budapest56.po", "rb") as f:
        catalogue = read_po(f)
    for message in catalogue:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for msgid in ids:
            for part in re.split(r"\{[^}]*\}|%\([^)]*\)s|\[[^\]]*\]|\n", msgid):
                part = part.strip(" .:*#|>-()'")
                if len(part) >= 8 and not any(part in s for s in strings):
                    assert part not in out, f"untranslated: {part!r}"
    shown = re.sub(r"\S*/\S*", "", out)  # paths (the collected summary's, wrapped at hyphens too)
    for data in DATA:
        shown = shown.replace(data, "")
    english = sorted({m.group(0) for m in ENGLISH_WORDS.finditer(shown)})
    assert not english, f"English words on a Hungarian screen: {english}"
