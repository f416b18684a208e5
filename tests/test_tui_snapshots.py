"""Snapshots of the main screens at 80×24 (pytest-textual-snapshot).

Deterministic by construction: a fixed seed, an empty temporary saves folder (so no real time
of day or play time is on screen), and no notifications left showing.
Regenerate after a deliberate change: ``pytest tests/test_tui_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

import pytest

from game.story.saves import SaveStore
from game.tui.app import BudapestApp

SIZE = (80, 24)


@pytest.fixture
def app(mini, tmp_path):
    def make(**kw) -> BudapestApp:
        return BudapestApp(story=mini, store=SaveStore(tmp_path / "saves"), **kw)

    return make


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


def test_title_screen(snap_compare, app):
    assert snap_compare(app(), terminal_size=SIZE, run_before=settle)


def test_role_choice(snap_compare, app):
    async def run_before(pilot) -> None:
        await pilot.press("n")
        await settle(pilot)

    assert snap_compare(app(), terminal_size=SIZE, run_before=run_before)


def test_scene_with_a_disabled_choice(snap_compare, app):
    assert snap_compare(app(role="courier", seed=1), terminal_size=SIZE, run_before=settle)


def test_fact_card(snap_compare, app):
    async def run_before(pilot) -> None:
        await pilot.press("2", "c")
        await settle(pilot)

    assert snap_compare(app(role="courier", seed=1), terminal_size=SIZE, run_before=run_before)


def test_summary_screen(snap_compare, app):
    async def run_before(pilot) -> None:
        await pilot.press("1", "2")  # seed 2: the tram, then the guard waves you through
        await settle(pilot)

    assert snap_compare(app(role="courier", seed=2), terminal_size=SIZE, run_before=run_before)


def test_high_contrast_theme(snap_compare, app):
    async def run_before(pilot) -> None:
        await pilot.press("2")
        await settle(pilot)

    assert snap_compare(
        app(role="courier", seed=1, theme_name="high-contrast"), terminal_size=SIZE, run_before=run_before
    )


def test_title_screen_in_hungarian(snap_compare, mini, tmp_path):
    """The title screen of the Hungarian edition: menu, story text and key bar all in Hungarian."""
    from game.l10n import set_language
    from game.story.loader import load_story

    set_language("hu")
    hu = BudapestApp(story=load_story(mini.root, "hu"), store=SaveStore(tmp_path / "saves"))
    assert snap_compare(hu, terminal_size=SIZE, run_before=settle)


@pytest.mark.parametrize("where", ["scene", "summary"])
def test_scene_and_summary_in_hungarian(snap_compare, mini, tmp_path, where):
    """A scene (with its status panel) and the end summary of the Hungarian edition."""
    from game.l10n import set_language
    from game.story.loader import load_story

    set_language("hu")
    hu = BudapestApp(story=load_story(mini.root, "hu"), store=SaveStore(tmp_path / "saves"), role="courier", seed=2)

    async def run_before(pilot) -> None:
        if where == "summary":
            await pilot.press("1", "2")  # seed 2: the tram, then the guard waves you through
        await settle(pilot)

    assert snap_compare(hu, terminal_size=SIZE, run_before=run_before)
