"""The one Pilot suite: the Textual app driven by keyboard alone, mouse alone, and the screens
around play (cards, glossary, journal, saves, quitting, class and group sessions, live reload),
on the fixture story "mini"; then random keys on the shipped story, a short run by default and
a long one on demand (``pytest -m slow``).
"""

from __future__ import annotations

import json
import random
import shutil

import pytest
from textual.widgets import Input, Label, Markdown, OptionList, Static
from textual.widgets._footer import FooterKey

from game.story.loader import load_story
from game.story.saves import SaveStore
from game.tui.app import BudapestApp
from game.tui.screens.confirm_screen import ConfirmScreen
from game.tui.screens.facts_screen import FactsScreen
from game.tui.screens.glossary_screen import GlossaryScreen
from game.tui.screens.help_screen import HelpScreen, measures_legend
from game.tui.screens.list_screen import ListScreen
from game.tui.screens.load_screen import LoadScreen
from game.tui.screens.name_screen import NameScreen
from game.tui.screens.role_screen import RoleScreen
from game.tui.screens.save_screen import SaveScreen
from game.tui.screens.scene_screen import SceneScreen
from game.tui.screens.summary_screen import SummaryScreen
from game.tui.screens.ticket_screen import TicketScreen
from game.tui.screens.title_screen import TitleScreen
from game.tui.screens.vote_screen import VoteScreen
from game.tui.widgets.choice_list import ChoiceList
from game.tui.widgets.status_panel import MeasureView
from game.tui.widgets.summary_view import SummaryText
from tests.conftest import MINI, ROLES, SCENES, type_key

SIZE = (80, 24)


def make(mini, tmp_path, **kw) -> BudapestApp:
    return BudapestApp(story=mini, store=SaveStore(tmp_path), **kw)


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def detail(screen) -> str:
    return screen.query_one("#detail-text", Markdown).source


async def test_keyboard_alone_from_title_to_ending_and_export(mini, tmp_path):
    app = make(mini, tmp_path, seed=0)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, TitleScreen)
        assert "A SMALL TEST STORY" in text_of(app.screen, "#game-title")
        assert "Nothing frightening." in text_of(app.screen, "#content-note")
        await pilot.press("enter")  # "New game" is highlighted first
        assert isinstance(app.screen, RoleScreen)
        await pilot.press("enter")
        assert isinstance(app.screen, SceneScreen)
        assert app.session.state.scene == "courier.start"
        await pilot.press("down", "enter")  # arrows + Enter: "Walk"
        assert app.session.state.scene == "courier.bridge"
        assert "Fact card found" in text_of(app.screen, "#notice")
        await pilot.press("3")  # number key: "Turn back bravely" (courage 2 after walking)
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert app.session.state.ending == "courier.end.back"
        summary = app.screen.query_one("#summary-text", SummaryText).renderable.markup
        for part in ("Ending: Home", "Your path", "You and history", "Most people walked.", "After 1956"):
            assert part in summary
        assert "Fact cards found: 1 of 1" in summary
        await pilot.press("e")
        await pilot.pause()
        exports = tmp_path / "exports"  # never beside the saves, where Load would list them
        assert sorted(p.suffix for p in exports.iterdir()) == [".html", ".json", ".md"]
        await pilot.press("q")
    assert app.return_code == 0


async def test_mouse_alone_from_title_to_ending(mini, tmp_path):
    app = make(mini, tmp_path, seed=2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#menu", offset=(4, 1))  # "New game", inside the border
        await pilot.pause()
        assert isinstance(app.screen, RoleScreen)
        await pilot.click("#roles", offset=(4, 1))  # the first role, below the top padding
        await pilot.pause()
        assert isinstance(app.screen, SceneScreen)
        await pilot.click("#scene-text", offset=(32, 0))  # the underlined word "villamos"
        await pilot.pause()
        assert isinstance(app.screen, GlossaryScreen)
        assert "**English:** tram" in detail(app.screen)
        await pilot.click(".title-back", offset=(2, 0))  # "✕ back (Esc)" in the title bar
        await pilot.pause()
        assert isinstance(app.screen, SceneScreen)
        await pilot.click("#choices", offset=(6, 1))  # "1. Take the tram"
        await pilot.pause()
        assert app.session.state.scene == "courier.bridge"
        await pilot.click("#choices", offset=(6, 2))  # "2. Cross": seed 2 → the guard waves you through
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert app.session.state.ending == "courier.end.home"


async def test_disabled_choice_is_marked_and_cannot_be_picked(mini, tmp_path):
    app = make(mini, tmp_path, role="courier", seed=1)
    async with app.run_test(size=SIZE) as pilot:
        options = app.screen.query_one(ChoiceList)
        fly = options.get_option_at_index(2)
        assert fly.disabled
        assert "✗" in str(fly.prompt) and "unavailable: You cannot fly." in str(fly.prompt)
        await pilot.press("3")  # by number
        await pilot.click("#choices", offset=(6, 3))  # by mouse
        await pilot.press("down", "down", "down", "enter")  # by arrows: the cursor skips it
        await pilot.pause()
        assert app.session.state.path == () or app.session.state.path[-1].text != "Fly"


async def test_rewind_goes_back_one_choice(mini, tmp_path):
    app = make(mini, tmp_path, role="courier", seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")  # nothing to undo yet: no harm
        assert app.session.state.scene == "courier.start"
        await pilot.press("2")
        assert app.session.state.scene == "courier.bridge"
        assert app.session.state.vars["courage"] == 2
        await pilot.press("r")
        assert app.session.state.scene == "courier.start" and app.session.state.vars["courage"] == 1
        assert "You hold the letter." in text_of(app.screen, "#scene-text")
        await pilot.press("1", "backspace")
        assert app.session.state.scene == "courier.start" and not app.session.can_rewind()


async def test_fact_cards_journal_glossary_and_help(mini, tmp_path):
    app = make(mini, tmp_path, role="courier", seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        assert isinstance(app.screen, FactsScreen) and not app.screen.items
        await pilot.press("escape", "2", "c")
        assert isinstance(app.screen, FactsScreen)
        card = detail(app.screen)
        for part in (
            "The bridge is old.",
            "What was believed then",
            "The modern estimate",
            "A. Author (2000). A Book.",
        ):
            assert part in card
        await pilot.press("escape", "j")
        assert app.screen.name == "journal"
        assert "Walk" in str(app.screen.query_one("#journal", Static).render())
        await pilot.press("escape", "g")
        assert isinstance(app.screen, SceneScreen)  # the bridge marks no term: a notice, no page
        await pilot.press("escape", "r", "g")
        assert isinstance(app.screen, GlossaryScreen)
        assert [i for i, _, _ in app.screen.items] == ["tram"]
        await pilot.press("escape", "ctrl+g")
        entry = detail(app.screen)
        assert "**English:** tram" in entry and "Hungarian:" not in entry  # "villamos" twice says nothing
        assert "*23 Oct 1956*" in card  # the card's ISO date as the game writes dates
        await pilot.press("escape", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, SceneScreen)


async def test_a_choice_result_and_what_each_measure_means(mini, tmp_path):
    app = make(mini, tmp_path, role="courier", seed=1)
    about = "How much you dare; at 2 you may turn back."
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.screen.query_one(MeasureView)
        assert view.tooltip == about and about not in str(view.render())  # on hover only
        await pilot.press("tab")  # from the choices to the first measure
        await pilot.pause()
        assert app.focused is view and about in str(view.render())
        await pilot.press("1")  # a number still picks a choice: the tram
        await pilot.pause()
        assert app.session.state.scene == "courier.bridge"
        assert "The villamos is packed, and nobody looks at your coat." in text_of(app.screen, "#outcome")
        await pilot.press("j")
        assert "The villamos is packed" in str(app.screen.query_one("#journal", Static).render())
        await pilot.press("escape", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert f"| **Courage** | {about} |" in app.screen.query_one(Markdown).source
    assert f"| **Courage** | {about} |" in measures_legend(mini, None)  # from the title screen: every role


async def test_quitting_mid_story_asks_first_and_says_it_saved(mini, tmp_path):
    app = make(mini, tmp_path, role="courier", seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmScreen)
        assert "saved" in text_of(app.screen, "#question")
        await pilot.press("n")
        assert isinstance(app.screen, SceneScreen)
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        assert app.is_running
        await pilot.press("q")
        command = f"budapest56 play --story {mini.root} --saves-dir {tmp_path} --load autosave-courier"
        assert command in text_of(app.screen, "#question").replace("\n", " ")
        await pilot.press("y")
    assert app.return_code == 0
    assert app.quit_hint == command  # printed by `play` after the app closes, so it can be pasted


async def test_failed_saves_are_shown_at_once_and_quitting_says_the_truth(mini, tmp_path):
    (tmp_path / "file").write_text("x")
    app = BudapestApp(story=mini, store=SaveStore(tmp_path / "file" / "saves"), role="courier", seed=1)
    async with app.run_test(size=SIZE) as pilot:
        assert "could not save: not a directory" in [n.message for n in app._notifications][-1]
        await pilot.press("1")
        assert "could not save" in text_of(app.screen, "#notice")
        assert "✗ not saved" in text_of(app.screen, "#status-foot")
        await pilot.press("q")
        question = text_of(app.screen, "#question")
        assert "could NOT be saved (not a directory)" in question and "Continue" not in question


async def test_a_lost_class_summary_is_said_on_the_end_screen(mini, tmp_path, monkeypatch):
    from game.story import export

    def full_disk(path, text):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export, "atomic_write", full_disk)
    app = make(mini, tmp_path, role="courier", seed=1, class_name="7b")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"Kati", "enter", "enter", "1", "1", "1")
        assert isinstance(app.screen, SummaryScreen)
        messages = [n.message for n in app._notifications]
        assert any("could not hand in your summary for the teacher: no space left" in m for m in messages)


async def test_a_named_save_is_not_replaced_without_asking(mini, tmp_path):
    app = make(mini, tmp_path, role="courier", seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", *"lesson", "enter")
        first = (tmp_path / "lesson.json").read_text()
        await pilot.press("1", "s", *"lesson", "enter")
        assert isinstance(app.screen, ConfirmScreen) and "Replace the save 'lesson'" in text_of(app.screen, "#question")
        await pilot.press("n")  # keep it: asked for another name, the old one suggested
        assert isinstance(app.screen, SaveScreen) and app.screen.query_one(Input).value == "lesson"
        await pilot.press("escape")
        assert (tmp_path / "lesson.json").read_text() == first
        await pilot.press("s", *"lesson", "enter", "y")
        assert isinstance(app.screen, SceneScreen)
    assert json.loads((tmp_path / "lesson.json").read_text())["state"]["scene"] == "courier.bridge"


async def test_continue_loads_the_latest_autosave(mini, tmp_path):
    first = make(mini, tmp_path, role="courier", seed=3)
    async with first.run_test(size=SIZE) as pilot:
        await pilot.press("2")
    app = make(mini, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        menu = app.screen.query_one("#menu", OptionList)
        assert not menu.get_option("continue").disabled
        await pilot.press("c")
        assert isinstance(app.screen, SceneScreen)
        state = app.session.state
        assert state.scene == "courier.bridge" and state.seed == 3 and app.session.can_rewind()


async def test_continue_is_disabled_with_a_reason_without_saves(mini, tmp_path):
    app = make(mini, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        option = app.screen.query_one("#menu", OptionList).get_option("continue")
        assert option.disabled and "no saved game yet" in str(option.prompt)
        await pilot.press("c")
        assert isinstance(app.screen, TitleScreen)


async def test_damaged_save_is_listed_with_its_reason_and_kept(mini, tmp_path):
    broken = '{"format": "budapest56-save", "vers'
    (tmp_path / "broken.json").write_text(broken)
    good = make(mini, tmp_path, role="courier", seed=1)
    async with good.run_test(size=SIZE) as pilot:
        await pilot.press("2")
    app = make(mini, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l")
        screen = app.screen
        assert isinstance(screen, LoadScreen)
        labels = {
            i: str(o.prompt)
            for i, o in zip(
                (x for x, _, _ in screen.items), screen.query_one("#items", OptionList).options, strict=True
            )
        }
        bad = next(i for i in labels if i.endswith("broken.json"))
        assert "damaged" in labels[bad] and "not valid JSON" in labels[bad]
        assert screen.query_one("#items", OptionList).get_option(bad).disabled
        ok = next(i for i in labels if i.endswith("autosave-courier.json"))
        assert "The courier" in labels[ok]
        text = next(md for i, _, md in screen.items if i == ok)
        assert "Tue 23 Oct 1956, 19:00, The bridge" in text and "Play time" in text and "Saved:" in text
        await pilot.press("enter")  # the good save is highlighted (the damaged one cannot be)
        assert isinstance(app.screen, SceneScreen) and app.session.state.scene == "courier.bridge"
    assert (tmp_path / "broken.json").read_text() == broken


async def test_a_save_whose_scene_is_gone_offers_to_restart_the_role(mini, tmp_path):
    first = make(mini, tmp_path, role="courier", seed=1)
    async with first.run_test(size=SIZE) as pilot:
        await pilot.press("2")
    path = tmp_path / "autosave-courier.json"
    data = json.loads(path.read_text())
    data["state"]["scene"] = "courier.gone"
    path.write_text(json.dumps(data))
    app = make(mini, tmp_path, load_slot="autosave-courier")
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, ConfirmScreen)
        assert "no longer has" in text_of(app.screen, "#question")
        await pilot.press("y")
        assert isinstance(app.screen, SceneScreen) and app.session.state.scene == "courier.start"


async def test_save_to_a_named_slot_explains_bad_names(mini, tmp_path):
    app = make(mini, tmp_path, role="courier", seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, SaveScreen)
        await pilot.press(*"../x", "enter")
        assert "not a valid save name" in text_of(app.screen, "#problem")
        app.screen.query_one(Input).value = "lesson 2"
        await pilot.press("enter")
        assert isinstance(app.screen, SceneScreen)
    assert (tmp_path / "lesson 2.json").exists()


async def test_class_session_gives_each_student_their_own_game(mini, tmp_path):
    """Two Katis in one class and role; each closes the tab and comes back to their own game."""
    from game.tui.screens.name_screen import CodeScreen, YourCodeScreen

    codes = []
    for pick in ("1", "2"):  # the first Kati takes the tram, the second walks
        app = make(mini, tmp_path, seed=0, class_name="7b")
        async with app.run_test(size=SIZE) as pilot:
            assert isinstance(app.screen, NameScreen)  # asked before anything else
            await pilot.press(*"Kati", "enter")
            if codes:
                assert isinstance(app.screen, CodeScreen)
                await pilot.press("enter")  # someone new with the same name
            assert isinstance(app.screen, YourCodeScreen)
            codes.append(app.session.student.code)
            await pilot.press("enter", "n", "1", pick)
            assert app.session.require().scene == "courier.bridge"
    for code, walked in zip(codes, (False, True), strict=True):
        app = make(mini, tmp_path, seed=0, class_name="7b")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press(*"Kati", "enter", *code, "enter")
            assert app.session.student.code == code
            await pilot.press("c")
            assert isinstance(app.screen, SceneScreen)
            assert (app.session.require().vars["courage"] == 2) is walked
            await pilot.press("2")
            assert isinstance(app.screen, TicketScreen)  # the exit ticket comes before the summary
    docs = [json.loads(p.read_text()) for p in (tmp_path / "7b").glob("*.json")]
    assert sorted(d["student"][-4:] for d in docs) == sorted(codes) and {d["player"] for d in docs} == {"Kati"}


async def test_role_and_seed_skip_the_title_and_play_another_role(mini, tmp_path):
    app = make(mini, tmp_path, role="courier", seed=0)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, SceneScreen)
        await pilot.press("1", "2")
        assert app.session.state.ending == "courier.end.caught"
        await pilot.press("n")
        assert isinstance(app.screen, RoleScreen)
        await pilot.press("1")
        assert isinstance(app.screen, SceneScreen) and app.session.state.path == ()


async def test_command_palette_offers_the_game_actions(mini, tmp_path):
    app = make(mini, tmp_path, role="courier", seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"glossary")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, GlossaryScreen)


async def test_themes_and_text_width(mini, tmp_path):
    app = make(mini, tmp_path, role="courier", seed=1, theme_name="high-contrast", text_width=40)
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.theme == "high-contrast"
        assert app.screen.query_one("#scene-left").size.width <= 40
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.screen.query_one("#status").size.width <= 26
        app.action_set_theme("light")
        assert app.theme == "textual-light"


async def test_title_screen_switches_the_language_of_story_and_interface(mini, tmp_path):
    """A student picks the language on the title screen (key a): story, menu and keys follow."""
    app = make(mini, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        assert "A SMALL TEST STORY" in text_of(app.screen, "#game-title")
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        assert "EGY KIS PRÓBATÖRTÉNET" in text_of(app.screen, "#game-title")
        assert any(b.description == "Új játék" for b in app.screen._bindings.key_to_bindings["n"])
        await pilot.press("n")
        assert isinstance(app.screen, RoleScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SceneScreen)
        assert app.session.story.scenes["courier.start"].title == "Az ajtó"
        assert "Villamosra szállsz" in str(app.screen.query_one("#choices").get_option_at_index(0).prompt)
        await pilot.press("q")
        await pilot.pause()
        assert "Kilépsz a játékból?" in text_of(app.screen, "#question")


async def test_class_session_asks_a_name_then_the_exit_ticket_and_collects_both(mini, tmp_path):
    from textual.widgets import Static

    from game.tui.screens.ticket_screen import TicketScreen

    app = make(mini, tmp_path, role="courier", seed=0, class_name="7b")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"Kati", "enter", "enter")  # the name, then past the code shown
        await pilot.press("2", "3")  # walk, turn back bravely: an ending
        assert isinstance(app.screen, TicketScreen)
        (collected,) = (tmp_path / "7b").glob("*.json")  # handed in at the ending, before the ticket
        questions = app.screen.questions
        assert [q.id.split(":")[0] for q in questions] == ["order", "disputed", "source", "author", "why"]
        # Textual's button ignores a second press within its 0.2 s flash; Pilot answers faster than any student
        app.screen.query_one("#ticket-next").active_effect_duration = 0
        for q in questions:
            assert f"of {len(questions)}" in str(app.screen.query_one("#ticket-count", Static).render())
            if q.kind == "order":  # a number key for the earliest, arrows for the next: the last one follows
                await pilot.press(str(q.answer[0] + 1))
                await pilot.press("home", *["down"] * (q.answer[1] - (q.answer[0] < q.answer[1])), "enter")
            elif q.kind == "choice":  # the first option, right or wrong
                await pilot.press("enter")
            else:
                await pilot.press("enter")  # an empty sentence is refused
                assert "sentence" in str(app.screen.query_one("#ticket-problem", Static).render())
                await pilot.press(*"It was dark", "enter")
            assert "Right" in str(app.screen.query_one("#ticket-feedback", Static).render()) or q.answer[:1] != [0]
            await pilot.press("enter")
        assert isinstance(app.screen, SummaryScreen)
    doc = json.loads(collected.read_text())
    assert doc["player"] == "Kati" and len(doc["ticket"]["responses"]) == 5
    right_first = sum(1 for q in questions if q.kind == "choice" and q.answer == [0])
    assert doc["ticket"]["score"] == 1 + right_first and doc["ticket"]["out_of"] == 4
    assert doc["ticket"]["responses"][-1]["given"] == "It was dark"


async def test_group_mode_takes_the_majority_and_keeps_the_votes(mini, tmp_path):
    app = make(mini, tmp_path, role="courier", seed=0, group=True)
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.press("1")
        assert isinstance(app.screen, VoteScreen)
        boxes = list(app.screen.query(Input))
        boxes[0].value, boxes[1].value = "4", "11"
        await pilot.press("enter")
        assert app.session.state.scene == "courier.bridge"
        assert app.session.state.path[-1].text == "Walk"
        assert app.session.state.path[-1].votes == (4, 11, 0)
        await pilot.press("1")  # a tie: the teacher picks
        boxes = list(app.screen.query(Input))
        assert [str(label.content) for label in app.screen.query(Label)][:3] == [
            "1. Wait a while",
            "2. Cross",
            "3. Turn back bravely",
        ]  # the scene's own numbers
        boxes[0].value, boxes[1].value = "1313", "5"
        await pilot.press("enter")
        assert "more than a class has" in str(app.screen.query_one("#problem").content)
        boxes[0].value, boxes[1].value, boxes[2].value = "", "5", "5"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")  # counting the tie again replaces the tie buttons (no duplicate ids)
        await pilot.pause()
        ties = list(app.screen.query("Button.tie"))
        assert [b.name for b in ties] == ["1", "2"]
        await pilot.click(ties[1])
        await pilot.pause()
        assert app.session.state.ending == "courier.end.back"
        assert app.session.summary().path[-1].votes == [0, 5, 5]


async def test_watch_reloads_and_keeps_the_scene(tmp_path):
    root = tmp_path / "[/b]story[b"  # problems name the file: a path is never read as markup
    shutil.copytree(MINI, root)
    story = load_story(root)
    app = BudapestApp(story=story, store=SaveStore(tmp_path / "saves"), role="courier", seed=1, watch=True)
    async with app.run_test(size=SIZE, notifications=True) as pilot:  # toasts rendered
        await pilot.press("2")
        path = root / "courier.yaml"
        good = path.read_text()
        path.write_text(good.replace("goto: courier.end.home", "goto: courier.end.hom"))
        app.check_files()
        await pilot.pause()
        assert app.story is story  # errors: the last good story goes on
        assert any("[/b]story[b" in n.message for n in app._notifications)
        path.write_text(good.replace("The bridge.", "The old stone bridge."))
        app.check_files()
        await pilot.pause()
        assert app.story is not story and app.session.state.scene == "courier.bridge"
        assert "The old stone bridge." in text_of(app.screen, "#scene-text")


async def test_any_terminal_size_works(mini, tmp_path):
    """Every screen opened at a small, a narrow, a large and a mid-sized terminal, resized in between."""
    app = make(mini, tmp_path, role="courier", seed=1)
    async with app.run_test(size=(20, 10)) as pilot:
        await pilot.press("2", "f", "escape", "j", "escape")
        for size in [(40, 12), (120, 40), (20, 10)]:
            await pilot.resize_terminal(*size)
            await pilot.press("f", "escape", "j", "escape", "question_mark", "escape", "ctrl+g", "escape")
        assert app.session.state.scene == "courier.bridge"


async def test_a_tiny_terminal_from_the_title_screen(mini, tmp_path):
    """A served tab dragged down to a few columns: every list keeps some width, nothing crashes."""
    app = make(mini, tmp_path, seed=1)
    async with app.run_test(size=(8, 6)) as pilot:
        await pilot.press("n", "1", "1", "f", "escape", "l", "escape")
        await pilot.resize_terminal(1, 3)
        await pilot.press("j", "escape", "s", "escape")
        await pilot.resize_terminal(80, 24)
        assert app.session.state.scene == "courier.bridge"


async def test_one_command_palette_at_a_time(mini, tmp_path):
    """Found by the reliability run: palette, ctrl+q (a question over it), palette again."""
    from textual.command import CommandPalette

    app = make(mini, tmp_path, role="courier", seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", "ctrl+q", "ctrl+p")
        await pilot.pause()
        assert sum(isinstance(s, CommandPalette) for s in app.screen_stack) == 1
        assert isinstance(app.screen, ConfirmScreen)


# -- random keys on the shipped story -----------------------------------------------------------
MONKEY_KEYS = [
    *"1234",
    *("up", "down", "enter", "escape", "tab", "backspace", "space", "question_mark", "ctrl+g"),
    *"cfgjrsnexlowa",
]
MONKEY_RUNS = [pytest.param(role, 250, id=f"{role}-250") for role in ROLES] + [
    pytest.param(role, 5000, id=f"{role}-5000", marks=pytest.mark.slow) for role in ROLES
]


@pytest.mark.parametrize(("role", "presses"), MONKEY_RUNS)
async def test_monkey_random_keys_never_crash(shipped, tmp_path, role, presses):
    """Random keys, weighted towards choices so a run goes deep into the role, never crash the app."""
    rng = random.Random(f"{role}-{presses}")
    app = BudapestApp(story=shipped, store=SaveStore(tmp_path), role=role, seed=rng.randrange(100))
    weights = [6 if k in "1234" else 1 for k in MONKEY_KEYS]
    async with app.run_test(size=SIZE) as pilot:
        for key in rng.choices(MONKEY_KEYS, weights, k=presses):
            await type_key(pilot, key)
        await pilot.pause()
        assert app.is_running and app.screen is not None  # still responding after every key


async def test_a_whole_game_lets_go_of_every_widget_it_removes(shipped, tmp_path):
    """Memory stays flat over a game: what leaves the screen is freed, not kept by Textual.

    The footer's keys are rebuilt as the keys change from scene to scene and the scene screen gives
    way to the end screen; Textual kept each removed footer key through a data binding (issue #6666)
    and the drawn lines of up to 1,024 removed widgets in a cache (issue #6665).
    """
    import gc

    from textual._styles_cache import StylesCache
    from textual.widget import Widget

    from game.story import engine

    app = BudapestApp(story=shipped, store=SaveStore(tmp_path), role="radio", seed=5)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        steps = 0
        while app.session.require().ending is None:
            views = engine.choices(shipped, app.session.require())
            await type_key(pilot, str(next(n for n, v in enumerate(views, 1) if v.enabled)))
            steps += 1
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen) and steps > 15
        gc.collect()
        widgets = [o for o in gc.get_objects() if isinstance(o, Widget)]
        assert [w for w in widgets if not w.is_attached] == []
        assert sum(isinstance(o, StylesCache) for o in gc.get_objects()) <= len(widgets)


# -- Meanwhile…, What if? and the endings gallery ----------------------------------------------------


def end_links(app) -> str:
    return str(app.screen.query_one("#end-links").render())


def page_text(app) -> str:
    from textual.widgets import Markdown

    return "\n".join(m.source for m in app.screen.query(Markdown))


async def test_meanwhile_opens_where_other_roles_lived_the_same_moment(tmp_path):
    story = load_story(SCENES)
    app = BudapestApp(story=story, store=SaveStore(tmp_path), role="radio", seed=1)
    async with app.run_test(size=(100, 30)) as pilot:
        hint = app.screen.query_one("#meanwhile-hint")
        assert hint.display and "Meanwhile" in str(hint.render())
        await pilot.press("o")
        assert app.screen.name == "meanwhile"
        text = page_text(app)
        assert "## The march to Bem Square and Parliament" in text
        assert "### The Budapest resident — Bem Square" in text and "Bem Square, Buda" in text
        assert "Your class" not in text  # not a class session
        await pilot.press("escape")
        assert isinstance(app.screen, SceneScreen)
        for _ in range(4):  # "o Meanwhile" in the footer exactly where the hint is (hidden, shown again)
            await pilot.press("1")
            await pilot.pause()
            keys = [k.key for k in app.screen.query(FooterKey) if k.display]
            assert ("o" in keys) == app.screen.query_one("#meanwhile-hint").display
    in_class = BudapestApp(story=story, store=SaveStore(tmp_path), role="radio", seed=1, class_name="7b")
    async with in_class.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"Kati", "enter", "enter", "o")
        assert "*Your class:* no classmate playing this role has handed in" in page_text(in_class)


async def test_a_one_role_story_has_no_meanwhile_but_its_events_are_in_the_journal(mini, tmp_path):
    app = make(mini, tmp_path, role="courier", seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        assert not app.screen.query_one("#meanwhile-hint").display
        await pilot.press("o")
        assert isinstance(app.screen, SceneScreen)
        await pilot.press("2", "j")
        journal = str(app.screen.query_one("#journal").render())
        assert "◆ Evening (Tue 23 Oct 1956, 18:00)" in journal


async def test_what_if_from_the_end_shows_the_futures_and_plays_a_decision_again(mini, tmp_path):
    app = make(mini, tmp_path, role="courier", seed=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2", "3")  # Walk, Turn back bravely
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("w")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ListScreen)
        text = page_text(app)
        assert "### ▶ Walk (your choice)" in text and "5 possible futures" in text
        assert "40% **Delivered** (2 of 5)" in text and "20% **Home** (1 of 5)" in text
        assert "### Take the tram" in text and "50% **Stopped** (2 of 4)" in text
        assert "Not open to you then: You cannot fly." in text and "Most people walked." in text
        await pilot.press("enter")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        assert isinstance(app.screen, SceneScreen)
        assert app.session.state.scene == "courier.start" and app.session.rewinds == 1


async def test_the_end_offers_the_gallery_and_going_back_unless_the_teacher_locked_it(mini, tmp_path):
    app = make(mini, tmp_path, role="courier", seed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "3")  # Walk, Turn back bravely
        assert "Endings: 1 of 3 found" in end_links(app) and "Back one choice" in end_links(app)
        await pilot.press("g")
        assert app.screen.name == "gallery"
        text = page_text(app)
        assert "## The courier — 1 of 3 endings found" in text
        assert "- ✓ **Home**\n" in text and "- ? *someone who got the letter through*" in text
        await pilot.press("escape", "r")
        assert isinstance(app.screen, SceneScreen) and app.session.state.scene == "courier.bridge"
    again = make(mini, tmp_path)  # the title screen of the next game remembers
    async with again.run_test(size=(80, 24)) as pilot:
        menu = again.screen.query_one("#menu", OptionList)
        assert "Endings gallery [dim]· 1 of 3 endings found" in str(menu.get_option("gallery").prompt)
        await pilot.press("g")
        assert again.screen.name == "gallery"
    locked = make(mini, tmp_path / "locked", role="courier", seed=0, rewind=False)
    async with locked.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "3", "r")
        assert isinstance(locked.screen, SummaryScreen) and "Back one choice" not in end_links(locked)
        await pilot.press("w")
        await locked.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(locked.screen, ListScreen)
        await pilot.press("enter")
        assert isinstance(locked.screen, ListScreen)  # look, not play again
        assert locked.session.state.ending == "courier.end.back"


def before_the_end(story, role: str, seed: int):
    """The first open choice at every scene, up to the scene whose first open choice ends the story."""
    from game.story import engine

    state = engine.new_game(story, role, seed)
    while True:
        view = next(v for v in engine.choices(story, state) if v.enabled)
        after = engine.choose(story, state, view.index)
        if after.ending is not None:
            return state, [v.enabled for v in engine.choices(story, state)].index(True) + 1
        state = after


async def test_the_story_scrolls_under_the_choices_and_says_when_there_is_more(shipped, tmp_path):
    app = BudapestApp(story=shipped, store=SaveStore(tmp_path), role="journalist", seed=3)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        story, more = app.screen.query_one("#scene-scroll"), app.screen.query_one("#more-below", Static)
        assert story.max_scroll_y > 0 and more.display and "more below ↓" in str(more.render())
        for key in ("space", "pagedown", "pagedown", "pagedown"):
            before = story.scroll_y
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.focused, ChoiceList)  # the story scrolled, the choices kept the focus
            assert story.scroll_y > before or story.scroll_y == story.max_scroll_y
        assert story.scroll_y == story.max_scroll_y and not more.display
        assert app.session.state.path == ()  # scrolling never took a choice
        await pilot.press("pageup")
        await pilot.pause()
        assert more.display and story.scroll_y < story.max_scroll_y


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_the_summary_is_announced_at_once_and_its_path_rows_stay_whole(shipped, tmp_path, size):
    from game.story.export import when_short

    state, last = before_the_end(shipped, "journalist", 3)
    app = BudapestApp(story=shipped, store=SaveStore(tmp_path), begin=state)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        app.screen.action_pick(last)  # the last choice, as its number key takes it
        assert text_of(app.screen, "#notice") == "Preparing your summary…"  # before the summary is built
        assert not app.screen.query_one(ChoiceList).display
        app.screen.action_pick(1)  # pressed again meanwhile: nothing happens twice
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen) and len(app.session.state.path) == len(state.path) + 1
        text = app.screen.query_one("#summary-text", SummaryText)
        rendered = text.renderable.lines(app.console, app.console.options.update_width(text.size.width))
        lines = ["".join(s.text for s in line) for line in rendered]
        lines = lines[lines.index(next(x for x in lines if "Your path" in x)) :]
        lines = lines[: lines.index(next(x for x in lines if "You and history" in x))]
        for step in app.screen.data["path"]:
            first_word = step["choice"].split()[0]
            # the date whole on one line, the choice beginning beside it: no row broken into a column of words
            row = next(line for line in lines if line.startswith(when_short(step) + " "))
            assert first_word in row, (row, step["choice"])
        assert "Tue 23 Oct 1956," not in "\n".join(lines)  # the long date form is gone from the path
        assert max(len(x.rstrip()) for x in lines) <= text.size.width


async def test_a_web_address_on_the_end_screen_and_on_a_card_is_a_link(shipped, tmp_path, monkeypatch):
    state, last = before_the_end(shipped, "journalist", 3)
    app = BudapestApp(story=shipped, store=SaveStore(tmp_path), begin=state)
    opened: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        monkeypatch.setattr(app, "open_url", opened.append)
        await pilot.press(str(last))
        await pilot.pause()
        text = app.screen.query_one("#summary-text", SummaryText)
        lines = text.renderable.lines(app.console, app.console.options.update_width(text.size.width))
        row, x, url = next(
            (y, sum(s.cell_length for s in line[:i]), seg.style.link)
            for y, line in enumerate(lines)
            for i, seg in enumerate(line)
            if seg.style and seg.style.link and "history_of_56" in seg.style.link
        )
        app.screen.query_one("#summary").scroll_to(y=row, animate=False)
        await pilot.pause()
        await pilot.click("#summary-text", offset=(x + 2, row))
        assert opened == [url] and "\\" not in url
        await pilot.press("c")
        assert isinstance(app.screen, FactsScreen)
        cards = "".join(md for _i, _label, md in app.screen.items)
        assert "<http://www.rev.hu/history_of_56/" in cards and "history\\_of" not in cards


async def test_an_export_names_every_file_in_full_and_nothing_stays_over_the_next_game(mini, tmp_path):
    app = make(mini, tmp_path / "a folder with a long name to see it whole", role="courier", seed=2)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("1", "2")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        note = " ".join(text_of(app.screen, "#export-note").split())
        files = sorted((tmp_path / "a folder with a long name to see it whole" / "exports").iterdir())
        assert note.startswith("✓ Your summary was written to the folder") and len(files) == 3
        for path in files:
            assert path.name in note.replace(" ", "") or path.name in note
        assert not app._notifications  # said on the screen, not in a toast that covers the next game
        await pilot.press("s")  # every source in full, one key from the short titles
        summary, text = app.screen.query_one("#summary"), app.screen.query_one("#summary-text", SummaryText)
        sources = text.renderable.find_line("Sources", app.console, text.size.width, last=True)
        assert summary.scroll_y == min(sources, summary.max_scroll_y) > 0 and "s Sources" in end_links(app)
        app.notify("Something said at the end")
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, RoleScreen) and not app._notifications
