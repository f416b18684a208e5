"""Plain mode through a real pipe: every ending of the fixture, and bad input that loses nothing."""

from __future__ import annotations

import re
import subprocess
import sys
from functools import cache

import pytest

from tests.conftest import MINI, ROOT


def run(args: list[str], stdin: str, saves) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "game", "play", "--plain", "--story", str(MINI), "--saves-dir", str(saves), *args]
    return subprocess.run(cmd, input=stdin, capture_output=True, text=True, cwd=ROOT, timeout=60)


@pytest.mark.parametrize(
    ("seed", "keys", "ending"),
    [
        (2, "1\n2\n\n", "Ending: Delivered."),
        (0, "1\n2\n\n", "Ending: Stopped."),
        (0, "2\n3\n\n", "Ending: Home."),
    ],
)
def test_pipe_reaches_each_ending_with_summary(tmp_path, seed, keys, ending):
    result = run(["--role", "courier", "--seed", str(seed)], keys, tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert f"THE END\n\nA small test story. The courier.\n{ending}\n" in out
    assert "Your path, 1 of 2: 23 Oct 18:00, A flat. You chose: " in out
    assert "Source, 1 of 1: A. Author, A Book, 2000. A. Author (2000). A Book. A Press." in out
    assert "Traceback" not in out + result.stderr
    assert not re.search(r"^#|\||\*|\[\[", out, re.MULTILINE)  # no Markdown heading, table or emphasis
    if keys.startswith("1"):  # the tram's result opens the next scene, markup made plain
        assert (
            "\nThe bridge. Tue 23 Oct 1956, 18:30.\n\nThe villamos is packed, and nobody looks at your coat.\n\nThe bridge."
            in out
        )
    if ending == "Ending: Home.":  # the ending's text is the last scene's: said once, not again in the summary
        assert out.count("You go home.") == 1


def test_bad_input_gets_a_clear_line_and_loses_nothing(tmp_path):
    keys = "abc\n7\n3\n\n2\nf\nf 1\nf 9\ng VILLAMOS\ng nope\nt\nm\nr\n2\n"
    result = run(["--role", "courier", "--seed", "1"], keys, tmp_path)
    out = result.stdout
    assert "'abc' is not a choice or a command" in out
    assert "There is no choice 7: type a number from 1 to 3" in out
    assert "3. Not open now: Fly. You cannot fly." in out
    assert "That choice is not open: You cannot fly." in out
    assert "Type the number of a choice, or h for help." in out
    assert "Fact card unlocked: The bridge. Type 'f 1' to read it." in out
    assert "Fact card, 1 of 1: The bridge\nType 'f N' to read one." in out
    assert "Fact card: The bridge (23 Oct 1956)\nThe bridge is old.\nDisputed." in out
    assert "Type 'f' and a number from 1 to 1." in out
    assert "Glossary: villamos. English: tram.\n" in out
    assert "'nope' is not in the glossary." in out
    assert "No glossary words are marked in this scene." in out
    assert "The courier. Tue 23 Oct 1956, 19:00.\nCourage: 2 of 3. How much you dare; at 2 you may turn back." in out
    assert "Sources: A. Author, A Book, 2000, p. 3\nA. Author, A Book, 2000. A. Author (2000). A Book. A Press." in out
    assert "(sources: A. Author, A Book, 2000)" in out
    assert "You go back one choice." in out
    # input ran out mid-story: a clear line, non-zero exit, and the autosave holds the place
    assert "End of input. Your progress is saved in slot 'autosave-courier'" in out
    assert result.returncode == 1
    assert (tmp_path / "autosave-courier.json").exists()


def test_load_continues_from_a_save(tmp_path):
    run(["--role", "courier", "--seed", "0"], "2\n", tmp_path)
    result = run(["--load", "autosave-courier"], "3\n\n", tmp_path)
    assert result.returncode == 0 and "Ending: Home." in result.stdout


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
        (["--group"], "--group is for the full-screen game"),
        (["--class", ""], "--class needs a name"),
        (["--class", "\x1b\u202e\t"], "--class needs a name"),
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
    assert "1. Tram or walk? Tue 23 Oct 1956, 18:00.\nDecision number (1–1)" in out
    assert "Choice, 2 of 3: Walk. Your choice. 5 possible futures.\n40% Delivered (2 of 5)\n" in out  # no bars
    assert "Choice, 1 of 3: Take the tram. 4 possible futures.\n50% Delivered (2 of 4)\n50% Stopped (2 of 4)" in out
    assert "Choice, 3 of 3: Fly. Not open to you then: You cannot fly." in out
    assert "What history records: Most people walked.\nSources: A. Author, A Book, 2000\n" in out
    assert "You are back at Tue 23 Oct 1956, 18:00, with everything as it was then." in out
    assert "Ending: Stopped." in out and "The courier: 2 of 3 endings found.\nFound, 1 of 2: Stopped." in out
    assert "Not found yet, 1 of 1: someone who got the letter through." in out
    assert "What now? Type a letter, or press Enter alone to finish.\nw: What if?" in out
    assert not re.search(r"^#|\*|[✓▶✗█░]", out, re.MULTILINE)  # no Markdown, no symbols read aloud
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
    assert "20% Home (1 of 5)" in out and "switched going back off for this lesson: you can look" in out
    assert "r: go back one choice" not in out and "'x' is not one of the letters listed." in out
    assert "Exit ticket: 4 of 4 right.\nQuestion, 1 of 5: Put these three events you lived through in order" in out
    assert "Your answer: Evening, then The trams stop, then A curfew is called. Right." in " ".join(out.split())
    assert result.returncode == 0


def test_meanwhile_in_plain_mode(tmp_path):
    cmd = [sys.executable, "-m", "game", "play", "--plain", "--story", str(ROOT / "scenes")]
    cmd += ["--saves-dir", str(tmp_path), "--role", "radio", "--seed", "1"]
    out = subprocess.run(cmd, input="o\nq\n", capture_output=True, text=True, cwd=ROOT, timeout=60).stdout
    assert "The other roles lived this moment too: type 'o' for Meanwhile." in out
    assert "Meanwhile: The march to Bem Square and Parliament. Tue 23 Oct 1956, 15:00.\n" in out
    assert "\n\nThe Budapest resident: Bem Square. Bem Square, Buda. Tue 23 Oct 1956, 16:30.\n" in out
    assert not re.search(r"^#|\*|◆", out, re.MULTILINE)


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
        "Parancsok: írj be egyet, majd nyomj Entert.\nEgy szám: azt a lehetőséget választod\nf: a megtalált",
        "Az ajtó. Egy lakás. 1956. október 23., kedd, 18.00.",
        "Új ténykártya: A híd. Elolvasás: 'f 1'.",
        "Ténykártya: A híd (1956. okt. 23.)",
        "Vitatott. Amit akkor hittek: Azt mondták, új.",
        "Bátorság: 2 / 3. Mennyit mersz; 2-nél visszafordulhatsz.",
        "Mentve „ora-2” néven.",
        "Egy választással visszaléptél.",
        "Nincs 9. lehetőség: írj be egy számot 1 és 3 között, vagy h-t a súgóhoz.",
        "A(z) „xyz” nem választás és nem parancs.",
        "Befejezés: Otthon.",
        "Az utad, 1. (2 közül): okt. 23. 18.00, Egy lakás. Ezt választottad: Gyalog mész.",
        "Exportálva: ",
    ):
        assert line in out or line in " ".join(out.split()), line
    assert "VÉGE" in out and "Traceback" not in out + result.stderr


@pytest.mark.parametrize(
    ("args", "keys"),
    [([], HU_KEYS), (["--class", "7b"], HU_CLASS_KEYS)],
    ids=["alone", "class-with-exit-ticket"],
)
def test_hungarian_playthrough_leaves_no_interface_string_in_english(tmp_path, args, keys):
    """Every English interface string of the catalogue, and common English words, are absent."""
    out = run(["--lang", "hu", "--role", "courier", "--seed", "1", *args], keys, tmp_path).stdout
    out = out.split("Exportálva:")[0]  # then only the paths of the exported files
    assert "VÉGE" in out and ("KILÉPŐKÁRTYA" in out) == bool(args)
    assert_no_untranslated_interface(out, 8)
    shown = " ".join(re.sub(r"\S*/\S*", "", out).split())  # paths, and the lines joined again
    for data in DATA:
        shown = shown.replace(data, "")
    english = sorted({m.group(0) for m in ENGLISH_WORDS.finditer(shown)})
    assert not english, f"English words on a Hungarian screen: {english}"


def play_in_process(mini, keys: str, store=None, **session) -> tuple[int, str]:
    """One plain game through PlainGame itself (no subprocess): fast enough for many cases."""
    import io

    from game.plain import PlainGame
    from game.story.session import Session

    s = Session(mini, store, **session)
    out = io.StringIO()
    game = PlainGame(s, out=out, inp=io.StringIO(keys))
    s.start("courier", 1)
    return game.play(), out.getvalue()


def unwritable(tmp_path):
    """A saves folder that cannot be created (its parent is a file): every save fails."""
    from game.story.saves import SaveStore

    (tmp_path / "file").write_text("x")
    return SaveStore(tmp_path / "file" / "saves")


def test_failed_saves_are_said_at_once_and_the_end_tells_the_truth(mini, tmp_path):
    code, out = play_in_process(mini, "1\n", unwritable(tmp_path))
    after_choice = out.split("> ", 1)[1]
    assert after_choice.startswith("Warning: could not save: not a directory")
    assert "nothing was lost" not in out and "Your progress is saved" not in out
    assert "Your latest progress could NOT be saved: not a directory. It is" in out and code == 1
    code, out = play_in_process(mini, "1\nq\n", unwritable(tmp_path))
    assert "Goodbye. Your latest progress could NOT be saved" in out and "continue with" not in out


def test_a_lost_class_summary_is_said_and_exits_non_zero(mini, tmp_path, monkeypatch):
    import io

    from game.plain import PlainGame
    from game.story import export
    from game.story.saves import SaveStore
    from game.story.session import Session

    def full_disk(path, text):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export, "atomic_write", full_disk)
    s = Session(mini, SaveStore(tmp_path), class_name="7b")
    out = io.StringIO()
    game = PlainGame(s, out=out, inp=io.StringIO("1\n1\n1\n\n"))
    s.start("courier", 1)
    assert game.play() == 1
    said = " ".join(out.getvalue().split())
    assert "Warning: could not hand in your summary for the teacher: no space left on device. Tell your" in said


def test_quit_hint_has_the_story_saves_folder_and_class(mini, tmp_path):
    _, out = play_in_process(mini, "q\n", __import__("game.story.saves").story.saves.SaveStore(tmp_path))
    hint = out.splitlines()[-1].strip()
    assert hint == f"budapest56 play --plain --story {MINI} --saves-dir {tmp_path} --load autosave-courier"
    result = run(["--class", "7b", "--role", "courier", "--seed", "1"], "Kati\nq\n", tmp_path)
    lines = result.stdout.splitlines()
    assert lines[-2].strip() == f"budapest56 play --plain --story {MINI} --saves-dir {tmp_path} --class 7b"
    assert lines[-1].startswith("then type your name (Kati) and your code (")


def test_rewind_switched_off_is_said(mini, tmp_path):
    from game.story.saves import SaveStore

    _, out = play_in_process(mini, "1\nr\n", SaveStore(tmp_path), rewind=False)
    assert "Your teacher has switched going back off for this lesson" in out


@pytest.mark.parametrize("typed", ["²", "٣", "9" * 900, "①"], ids=["superscript", "arabic", "900-digits", "circled"])
def test_unicode_digits_and_huge_numbers_ask_for_a_number(mini, typed):
    code, out = play_in_process(mini, f"{typed}\nf {typed}\n")
    assert out.count("Type a number from 1 to 3, or h for help.") == 1 and code == 1
    assert "You have not found any fact cards yet." in out


def test_a_huge_input_line_is_refused_cheaply_and_not_echoed(mini):
    code, out = play_in_process(mini, "x" * 2_000_000 + "\n" + "1\n")
    assert "That line is too long (over 1,000 characters), so it was ignored." in out
    assert "The bridge. Tue 23 Oct 1956, 18:30." in out and len(out) < 5_000  # the line was not echoed back


def test_control_characters_are_never_echoed(mini):
    _, out = play_in_process(mini, "hi \x1b]0;owned\x07 \x1b[2J \u202eevil \x9b31m\ng \x1b[31mtram\n")
    for bad in ("\x1b", "\x07", "\u202e", "\x9b"):
        assert bad not in out
    assert "evil" in out


@pytest.mark.parametrize(
    "env",
    [{"PYTHONIOENCODING": "utf-8:strict"}, {"LC_ALL": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"}],
    ids=["utf8-strict", "ascii-surrogates"],
)
def test_bytes_that_are_not_utf8_never_reach_a_save(tmp_path, env):
    """A name and a slot typed in Latin-1 (Zo\\xe9): strict decoding on a UTF-8 desktop, lone surrogates
    on a C-locale school server."""
    import os

    cmd = [sys.executable, "-m", "game", "play", "--plain", "--story", str(MINI), "--saves-dir", str(tmp_path)]
    cmd += ["--class", "7b", "--role", "courier", "--seed", "1"]
    env = {**os.environ, **env}
    keys = b"Zo\xe9\ns Zo\xe9\ns ok\n1\nq\n"
    result = subprocess.run(cmd, input=keys, capture_output=True, env=env, timeout=60, cwd=ROOT)
    assert result.returncode == 0 and b"Traceback" not in result.stderr, result.stderr.decode()
    assert b"Saved as 'ok'" in result.stdout and b"is not a valid save name" in result.stdout
    (student,) = (tmp_path / "7b" / "students").iterdir()
    assert (student / "autosave-courier.json").read_text(encoding="utf-8")


@pytest.mark.parametrize("role", ["resident", "journalist", "radio"])
def test_every_shipped_role_plays_to_an_ending_in_hungarian_with_no_english_interface(tmp_path, role):
    """The Hungarian edition end to end: a whole playthrough of each shipped role in plain mode,
    with no interface string of the catalogue left in English (the story text itself is held
    complete by `check --lang hu --strict` in test_shipped_story)."""
    from game.story import engine
    from game.story.loader import load_story

    story = load_story(ROOT / "scenes")
    state, keys = engine.new_game(story, role, 3), []
    while state.ending is None:  # the first open choice each time, by the number the screen shows
        views = engine.choices(story, state)
        number, view = next((n, v) for n, v in enumerate(views, 1) if v.enabled)
        keys.append(str(number))
        state = engine.choose(story, state, view.index)
    cmd = [sys.executable, "-m", "game", "play", "--plain", "--lang", "hu", "--role", role, "--seed", "3"]
    cmd += ["--saves-dir", str(tmp_path)]
    stdin = "\n".join(keys) + "\n\n"
    result = subprocess.run(cmd, input=stdin, capture_output=True, text=True, cwd=ROOT, timeout=60)
    out = result.stdout
    assert "VÉGE" in out and "Traceback" not in result.stderr, result.stderr[-2000:]
    assert_no_untranslated_interface(out, 12)


def assert_no_untranslated_interface(out: str, shortest: int) -> None:
    """No piece (of at least ``shortest`` characters) of an English catalogue string that the
    Hungarian catalogue translates differently appears in ``out``."""
    from babel.messages.pofile import read_po

    with open(ROOT / "game" / "locale" / "hu" / "LC_MESSAGES" / "budapest56.po", "rb") as f:
        catalogue = read_po(f)
    for message in catalogue:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for msgid in ids:
            for part in re.split(r"\{[^}]*\}|%\([^)]*\)s|\[[^\]]*\]|\n", msgid):
                part = part.strip(" .:*#|>-()'")
                if len(part) >= shortest and not any(part in s for s in strings):
                    assert part not in out, f"untranslated: {part!r}"


# -- every shipped text, rendered the way plain mode renders it, holds no markup (issue #20 §1) ------
# A screen reader reads "*", "|", "#" and "\" aloud, and "force?." looks careless on a braille line.
# Everything below goes through the real PlainView (the same wrapping and stripping as a game) at
# the default width, into a string that the checks read.
URL = re.compile(r"https?://\S+")
LEFTOVERS = {
    "a star (emphasis or a stray one)": re.compile(r"\*"),
    "an _underscore_ pair": re.compile(r"(?<![\w/])_[^_\s](?:[^_\n]*[^_\s])?_(?!\w)"),
    "a [[glossary mark]]": re.compile(r"\[\[|\]\]"),
    "a table row or cell": re.compile(r"\|"),
    "a # heading": re.compile(r"^\s*#", re.MULTILINE),
    "a backslash escape": re.compile(r"\\"),
    # "..." is an ellipsis as written; "4.;" is a Hungarian ordinal date before a semicolon
    "doubled punctuation": re.compile(r"[?!…]\.|(?<!\.)\.\.(?!\.)|(?<!\d)\.;|\)\)"),
}


def assert_plain(out: str, width: int = 78) -> None:
    text = URL.sub("URL", out)
    for what, pattern in LEFTOVERS.items():
        found = pattern.search(text)
        assert found is None, f"{what} in plain output: …{text[max(found.start() - 60, 0) : found.end() + 60]}…"
    long = [line for line in out.splitlines() if len(line) > width and " " in line.strip()]
    assert not long, f"a line wider than {width} that could have been wrapped between words: {long[0]!r}"


@cache
def shipped_in(lang: str):
    from game.story.loader import load_story
    from tests.conftest import shipped_story

    return shipped_story() if lang == "en" else load_story(ROOT / "scenes", lang)


def plain_view(lang: str, width: int = 78):
    import io

    from game.l10n import set_language
    from game.plain_render import PlainView

    set_language(lang)  # the interface strings around the story; conftest sets English back
    story = shipped_in(lang)
    return story, PlainView(story, io.StringIO(), width)


LANGS = ["en", "hu"]
SHIPPED_ROLES = ["resident", "journalist", "radio"]


@pytest.mark.parametrize("role", SHIPPED_ROLES)
@pytest.mark.parametrize("lang", LANGS)
def test_every_shipped_scene_is_plain(lang, role):
    """Each scene of the role as plain mode shows it on arrival, then every text it can show under
    other conditions: each passage, each choice (open, and closed with its reason), each result
    and random outcome, and the Meanwhile page of its crossing events."""
    from game.plain_pages import meanwhile_paragraphs
    from game.plain_render import choice_line
    from game.story import engine
    from game.story.meanwhile import moments
    from game.story.model import ChoiceView

    story, view = plain_view(lang)
    view.roles([story.roles[role]])
    scenes = [s for s in story.scenes.values() if s.role == role]
    for scene in scenes:
        state = engine.new_game(story, role, 1, start=scene.id)
        view.scene(state, list(scene.facts))
        for passage in scene.passages:
            view.prose(passage.text)
        for n, choice in enumerate(scene.choices, 1):
            view.say(choice_line(n, ChoiceView(choice.index, choice.text, True)))
            view.say(choice_line(n, ChoiceView(choice.index, choice.text, False, choice.reason or "")))
            for text in [choice.result, *(o.text for o in choice.outcomes)]:
                view.prose(text)
        if scene.decision:
            view.prose(scene.decision.history)
        view.paragraphs(meanwhile_paragraphs(moments(story, scene.id), in_class=True))
    view.measures(engine.new_game(story, role, 1))
    out = view.out.getvalue()
    assert len(scenes) > 20 and out.count("\n") > 1000  # the whole role was rendered
    assert_plain(out)
    if lang == "hu":
        assert "„" in out and "”" in out  # Hungarian quotation marks are text, not markup


@pytest.mark.parametrize("lang", LANGS)
def test_every_fact_card_glossary_entry_and_the_help_are_plain(lang):
    from game.l10n import _
    from game.plain_pages import gallery_paragraphs
    from game.plain_render import HELP
    from game.story.gallery import Gallery

    story, view = plain_view(lang)
    view.title()
    for card in story.facts.values():
        view.fact_card(card)
    view.fact_list(list(story.facts))
    view.glossary_list()
    for entry in story.glossary.values():
        view.glossary_entry(entry)
    view.lines(_(HELP))
    view.paragraphs(gallery_paragraphs(Gallery(None).view(story)))
    out = view.out.getvalue()
    assert_plain(out)
    help_lines = [line for line in out.splitlines() if line.startswith(("f N: ", "s NAME: ", "s NÉV: "))]
    assert len(help_lines) == 2  # one command a line, "key: what it does"


def ending_paths() -> list[tuple[str, object]]:
    from tests.test_role_journalist import PATHS as JOURNALIST
    from tests.test_role_radio import PATHS as RADIO
    from tests.test_role_resident import PATHS as RESIDENT

    paths = (
        [("resident", p) for p in RESIDENT] + [("journalist", p) for p in JOURNALIST] + [("radio", p) for p in RADIO]
    )
    return list({p.ending: (role, p) for role, p in paths}.values())  # one path to each ending


@pytest.mark.parametrize(("role", "path"), ending_paths(), ids=lambda x: str(x) if not isinstance(x, str) else "")
@pytest.mark.parametrize("lang", LANGS)
def test_the_summary_of_every_ending_is_plain(lang, role, path):
    """The summary a player reaches at each ending, played in that language (choice texts too),
    after the exit ticket of a class session: each question as plain mode asks it, and the
    feedback on a wrong answer and on the right one."""
    from game.story import engine, ticket
    from game.story.summary import summarize, summary_to_dict
    from game.story.walk import walk

    english = walk(shipped_in("en"), role, path.seed, path.picks)
    story, view = plain_view(lang)
    state = engine.new_game(story, role, path.seed)
    for step in english.path:  # the same choices and chances, in the language's own story
        state = engine.choose(story, state, step.choice, force_outcome=step.outcome if step.outcome >= 0 else None)
    assert state.ending == path.ending
    questions = ticket.questions_for(story, state)
    responses = []
    for n, q in enumerate(questions, 1):
        view.ticket_question(n, len(questions), q)
        wrong = ticket.respond(q, "…" if q.kind == "text" else list(reversed(q.answer)) or [0])
        responses.append(ticket.respond(q, "Because." if q.kind == "text" else q.answer))
        view.say(ticket.feedback(wrong))
        view.say(ticket.feedback(responses[-1]))
    summary = summarize(story, state)
    summary.ticket = ticket.Ticket(responses)
    view.summary(summary_to_dict(summary, story))
    out = view.out.getvalue()
    assert len(questions) >= 3 and ("Question, 1 of" in out or "Kérdés, 1. (" in out)
    if lang == "en":
        for part in ("Your path, 1 of ", "You and history, 1 of ", "The timeline you lived, 1 of ", "Source, 1 of "):
            assert part in out, part
        assert "Also lived by the Budapest resident and the journalist." in " ".join(out.split()) or role != "radio"
    assert_plain(out)
    ending = story.scenes[path.ending]
    assert ending.ending.title in out and out.count("\n\n") > 20
    for passage in ending.passages:  # the ending's own text was the last scene: not said again
        assert " ".join(passage.text.split())[:60] not in " ".join(out.split())


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("How big was the Soviet force?", "How big was the Soviet force?"),
        ("Columbia University Press, New York.", "Columbia University Press, New York."),
        ("He said „Mehetsz.”", "He said „Mehetsz.”"),
        ("the word „villamos”", "the word „villamos”."),
        ('"Go home to Mother, Laci. This will end badly."', '"Go home to Mother, Laci. This will end badly."'),
        ("WE SHALL INFORM THE WORLD ...", "WE SHALL INFORM THE WORLD ..."),
        ("could not save: not a directory", "could not save: not a directory."),
        ("(see ch. II.)", "(see ch. II.)"),
        ("", ""),
    ],
)
def test_a_full_stop_is_added_only_where_a_sentence_has_none(text, said):
    from game.story.sentences import full_stop

    assert full_stop(text) == said


def test_a_reference_never_doubles_its_punctuation():
    from game.story.model import Source

    undated = Source("x", "Freedom First 1956", "Can the reporter stay?", "n.d. (online)", "freedomfirst1956.com")
    assert undated.reference() == "Freedom First 1956 (n.d., online). Can the reporter stay? freedomfirst1956.com."
    cia = Source("c", "CIA", "A Look Back", "2007", "CIA, Washington, D.C.", url="https://www.cia.gov/x")
    assert cia.reference() == "CIA (2007). A Look Back. CIA, Washington, D.C. https://www.cia.gov/x"


def test_width_0_leaves_every_paragraph_on_one_line_for_a_braille_display(tmp_path):
    cmd = [sys.executable, "-m", "game", "play", "--plain", "--width", "0", "--role", "radio", "--seed", "1"]
    cmd += ["--saves-dir", str(tmp_path)]
    result = subprocess.run(cmd, input="h\nq\n", capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    intro = next(line for line in lines if line.startswith("Autumn 1956."))
    assert intro.endswith("the genuine words of 1956.") and len(intro) > 400  # one paragraph, one line
    assert "o: Meanwhile, the other roles at this moment (when the scene offers it)" in lines
    helped = subprocess.run([sys.executable, "-m", "game", "play", "--help"], capture_output=True, text=True, cwd=ROOT)
    assert "0: no limit, and in plain mode no wrapping at all" in " ".join(helped.stdout.split())


@pytest.mark.parametrize("short", [False, True], ids=["full", "short"])
def test_the_role_list_says_how_long_the_version_played_takes(shipped, short):
    """The shipped roles' reading times (measured: docs/teachers.md) — the short one with --short."""
    import io

    from game.plain import PlainGame
    from game.story.session import Session

    out = io.StringIO()
    game = PlainGame(Session(shipped, None, short=short), out=out, inp=io.StringIO(""))
    game.view.roles(list(shipped.roles.values()), game.s.short)
    listed = out.getvalue()
    for role in shipped.roles.values():
        assert f"{role.name} ({role.playtime_short if short else role.playtime})" in listed
    assert ("10–12 minutes" in listed) is short
