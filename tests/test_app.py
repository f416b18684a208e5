"""The Textual app driven through Pilot: keyboard alone, mouse alone, saves, group mode, reload."""

from __future__ import annotations

import json
import random
import shutil

import pytest
from textual.widgets import Input, Label, OptionList

from game.story.loader import load_story
from game.story.saves import SaveStore
from game.tui.app import BudapestApp
from game.tui.screens.confirm_screen import ConfirmScreen
from game.tui.screens.list_screen import ListScreen
from game.tui.screens.role_screen import RoleScreen
from game.tui.screens.scene_screen import SceneScreen
from game.tui.screens.summary_screen import SummaryScreen
from game.tui.screens.title_screen import TitleScreen
from game.tui.screens.vote_screen import VoteScreen
from tests.conftest import MINI, SCENES


def make(mini, tmp_path, **kw) -> BudapestApp:
    return BudapestApp(story=mini, store=SaveStore(tmp_path), **kw)


async def test_keyboard_alone_plays_to_an_ending(mini, tmp_path):
    app = make(mini, tmp_path, seed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, TitleScreen)
        await pilot.press("enter")  # "New game" is the first menu item
        assert isinstance(app.screen, RoleScreen)
        await pilot.press("enter")
        assert isinstance(app.screen, SceneScreen)
        await pilot.press("down", "enter")  # arrows + Enter: "Walk"
        assert app.session.state.scene == "courier.bridge"
        await pilot.press("3")  # number key: "Turn back bravely"
        assert isinstance(app.screen, SummaryScreen)
        assert app.session.state.ending == "courier.end.back"


async def test_mouse_alone_plays_to_an_ending(mini, tmp_path):
    app = make(mini, tmp_path, seed=2)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.click("#menu", offset=(2, 1))  # New game (inside the border)
        await pilot.pause()
        assert isinstance(app.screen, RoleScreen)
        await pilot.click("#roles", offset=(3, 1))
        await pilot.pause()
        assert isinstance(app.screen, SceneScreen)
        await pilot.click("#choices", offset=(4, 1))  # first choice line, inside the border
        await pilot.pause()
        assert app.session.state.scene == "courier.bridge"
        await pilot.click("#choices", offset=(4, 2))  # second: "Cross"
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert app.session.state.ending == "courier.end.home"


async def test_disabled_choice_shows_reason_and_cannot_be_picked(mini, tmp_path):
    app = make(mini, tmp_path, role="courier", seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        options = app.screen.query_one("#choices", OptionList)
        fly = options.get_option_at_index(2)
        assert fly.disabled and "unavailable: You cannot fly." in str(fly.prompt)
        await pilot.press("3")
        assert app.session.state.scene == "courier.start"


async def test_rewind_cards_journal_and_glossary(mini, tmp_path):
    app = make(mini, tmp_path, role="courier", seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        assert "Fact card found" in str(app.screen.query_one("#notice").render())
        await pilot.press("c")
        assert isinstance(app.screen, ListScreen)
        await pilot.press("escape", "j")
        assert app.screen.name == "journal"
        await pilot.press("escape", "backspace")
        assert app.session.state.scene == "courier.start"
        await pilot.press("g")
        assert isinstance(app.screen, ListScreen)  # the scene marks [[tram]]
        await pilot.press("escape", "question_mark")
        assert app.screen.name == "help"


async def test_quitting_mid_story_asks_first(mini, tmp_path):
    app = make(mini, tmp_path, role="courier", seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert isinstance(app.screen, SceneScreen)
        await pilot.press("q", "y")
    assert app.return_code == 0


async def test_continue_loads_the_latest_autosave(mini, tmp_path):
    first = make(mini, tmp_path, role="courier", seed=3)
    async with first.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
    app = make(mini, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        assert isinstance(app.screen, SceneScreen)
        assert app.session.state.scene == "courier.bridge" and app.session.state.seed == 3


async def test_damaged_save_is_listed_and_kept(mini, tmp_path):
    bad = tmp_path / "broken.json"
    bad.write_text('{"format": "budapest56-save", "vers')
    app = make(mini, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l")
        screen = app.screen
        assert isinstance(screen, ListScreen)
        option = screen.query_one("#items", OptionList).get_option_at_index(0)
        assert option.disabled and "damaged" in str(option.prompt)
        assert "not valid JSON" in screen.items[0][2]
    assert bad.read_text() == '{"format": "budapest56-save", "vers'


async def test_save_to_a_named_slot(mini, tmp_path):
    app = make(mini, tmp_path, role="courier", seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await pilot.press(*"../x", "enter")
        assert "not a valid save name" in str(app.screen.query_one("#problem").render())
        field = app.screen.query_one(Input)
        field.value = "lesson 2"
        await pilot.press("enter")
    assert (tmp_path / "lesson 2.json").exists()


async def test_class_session_asks_a_name_then_the_exit_ticket_and_collects_both(mini, tmp_path):
    from textual.widgets import Static

    from game.tui.screens.ticket_screen import TicketScreen

    app = make(mini, tmp_path, role="courier", seed=0, class_name="7b")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Kati", "enter", "enter")  # the name, then past the code shown
        await pilot.press("2", "3")  # walk, turn back bravely: an ending
        assert isinstance(app.screen, TicketScreen)
        (collected,) = (tmp_path / "7b").glob("*.json")  # handed in at the ending, before the ticket
        questions = app.screen.questions
        assert [q.id.split(":")[0] for q in questions] == ["order", "disputed", "source", "author", "why"]
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
    async with app.run_test(size=(80, 24), notifications=True) as pilot:  # toasts rendered
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
        assert "The old stone bridge." in str(app.screen.query_one("#scene-text").render())


@pytest.mark.parametrize("size", [(20, 10), (40, 12), (120, 40)])
async def test_any_terminal_size_works(mini, tmp_path, size):
    app = make(mini, tmp_path, role="courier", seed=1)
    async with app.run_test(size=size) as pilot:
        await pilot.press("2", "f", "escape", "j", "escape")
        await pilot.resize_terminal(50, 14)
        await pilot.press("f", "escape", "question_mark", "escape")
        await pilot.resize_terminal(20, 10)
        await pilot.press("f", "escape", "j", "escape", "ctrl+g", "escape")
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


KEYS = [
    "1",
    "2",
    "3",
    "4",
    "up",
    "down",
    "enter",
    "escape",
    "tab",
    "c",
    "f",
    "g",
    "j",
    "r",
    "backspace",
    "s",
    "question_mark",
    "n",
    "e",
    "space",
    "x",
    "ctrl+g",
    "l",
    "o",
    "a",
]


@pytest.mark.parametrize("role", ["resident", "journalist", "radio"])
async def test_monkey_random_keys_never_crash(role, tmp_path):
    story = load_story(SCENES)
    if role not in story.roles:
        pytest.skip(f"role {role} not in the story yet")
    app = BudapestApp(story=story, store=SaveStore(tmp_path), role=role, seed=7)
    rng = random.Random(role)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(800):
            await pilot.press(rng.choice(KEYS))
        await pilot.pause()
        assert app.is_running  # still responding after 800 random keys
        assert app.screen is not None


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


async def test_one_command_palette_at_a_time(mini, tmp_path):
    """Found by the reliability run: palette, ctrl+q (a question over it), palette again."""
    from textual.command import CommandPalette

    app = make(mini, tmp_path, role="courier", seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p", "ctrl+q", "ctrl+p")
        await pilot.pause()
        assert sum(isinstance(s, CommandPalette) for s in app.screen_stack) == 1
        assert isinstance(app.screen, ConfirmScreen)
