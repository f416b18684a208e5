"""Snapshot tests of the main screens at 80×24 (pytest-textual-snapshot).

Regenerate after an intended change of the look with:  pytest tests/test_app_snapshots.py --snapshot-update
"""

from __future__ import annotations

from game.story.saves import SaveStore
from game.tui.app import BudapestApp

SIZE = (80, 24)


def app(mini, tmp_path, **kw) -> BudapestApp:
    return BudapestApp(story=mini, store=SaveStore(tmp_path), **kw)


def test_title(snap_compare, mini, tmp_path):
    assert snap_compare(app(mini, tmp_path), terminal_size=SIZE)


def test_role_choice(snap_compare, mini, tmp_path):
    assert snap_compare(app(mini, tmp_path), press=["n"], terminal_size=SIZE)


def test_scene_with_disabled_choice(snap_compare, mini, tmp_path):
    assert snap_compare(app(mini, tmp_path, role="courier", seed=1), terminal_size=SIZE)


def test_fact_card(snap_compare, mini, tmp_path):
    assert snap_compare(app(mini, tmp_path, role="courier", seed=1), press=["2", "c"], terminal_size=SIZE)


def test_end_screen(snap_compare, mini, tmp_path):
    assert snap_compare(app(mini, tmp_path, role="courier", seed=0), press=["2", "3"], terminal_size=SIZE)


def test_high_contrast_theme(snap_compare, mini, tmp_path):
    assert snap_compare(app(mini, tmp_path, role="courier", seed=1, theme_name="high-contrast"), terminal_size=SIZE)
