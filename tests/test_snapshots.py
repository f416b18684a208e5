"""The one snapshot suite: each main screen once at 80×24, the scene in each other theme, the title
screen of each other language, and the summary's path at 80×24 and 60×20.

Deterministic by construction: a fixed seed, an empty temporary saves folder (so no real time
of day or play time is on screen), and animations settled before the picture is taken.
Regenerate after a deliberate change of the look: ``pytest tests/test_snapshots.py --snapshot-update -n 0``,
then open the changed ``tests/__snapshots__/test_snapshots/*.svg`` to check them.
"""

from __future__ import annotations

import pytest

from game.l10n import set_language
from game.story.loader import load_story
from game.story.saves import SaveStore
from game.tui.app import BudapestApp

SIZE = (80, 24)


def keys_then_settle(*keys: str):
    async def run_before(pilot) -> None:
        await pilot.press(*keys)
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()

    return run_before


# name: (app options, keys pressed before the picture)
SCREENS = {
    "title": ({}, ()),
    "role_choice": ({}, ("n",)),
    "scene_with_a_disabled_choice": ({"role": "courier", "seed": 1}, ()),
    "fact_card": ({"role": "courier", "seed": 1}, ("2", "c")),
    "summary": ({"role": "courier", "seed": 2}, ("1", "2")),  # the tram, then the guard waves you through
    "scene_high_contrast": ({"role": "courier", "seed": 1, "theme_name": "high-contrast"}, ("2",)),
    "scene_light": ({"role": "courier", "seed": 1, "theme_name": "light"}, ("2",)),
}


@pytest.mark.parametrize("name", SCREENS)
def test_screen(snap_compare, mini, tmp_path, name):
    options, keys = SCREENS[name]
    app = BudapestApp(story=mini, store=SaveStore(tmp_path / "saves"), **options)
    assert snap_compare(app, terminal_size=SIZE, run_before=keys_then_settle(*keys))


def at_the_path(pilot) -> None:
    """The summary scrolled to "Your path", whose rows must not break at any width."""
    text = pilot.app.screen.query_one("#summary-text")
    heading = text.renderable.find_line("Your path", pilot.app.console, text.size.width)
    pilot.app.screen.query_one("#summary").scroll_to(y=heading, animate=False)


@pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["80x24", "60x20"])
def test_summary_path(snap_compare, mini, tmp_path, size):
    app = BudapestApp(story=mini, store=SaveStore(tmp_path / "saves"), role="courier", seed=2)

    async def run_before(pilot) -> None:
        await keys_then_settle("1", "2")(pilot)
        at_the_path(pilot)
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


HUNGARIAN = {
    "title": ({}, ()),
    "scene": ({"role": "courier", "seed": 2}, ()),
    "summary": ({"role": "courier", "seed": 2}, ("1", "2")),
}


@pytest.mark.parametrize("name", HUNGARIAN)
def test_hungarian(snap_compare, mini, tmp_path, name):
    """The Hungarian edition: menu, story text, status panel, summary and key bar in Hungarian."""
    options, keys = HUNGARIAN[name]
    set_language("hu")  # conftest's english_interface puts English back afterwards
    app = BudapestApp(story=load_story(mini.root, "hu"), store=SaveStore(tmp_path / "saves"), **options)
    assert snap_compare(app, terminal_size=SIZE, run_before=keys_then_settle(*keys))
