"""The one snapshot suite: each main screen once at 80×24, the scene in each other theme, and the
title screen of each other language.

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
