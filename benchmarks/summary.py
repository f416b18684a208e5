"""Benchmark the end of a game: the last choice → "Preparing your summary…" → the summary drawn.

Run alone:  python benchmarks/summary.py [--runs N]

Each role of the shipped story is played headless through Textual's Pilot with the first open
choice at every scene (seed 3) at 80×24 and at 60×20. At the last scene the last choice's key is
pressed and two moments are timed from it: when the scene screen says "Preparing your
summary…", and when the summary screen is shown and the app is idle again (its first frame
drawn). The median of ``--runs`` games is printed for each role and size.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.story import engine  # noqa: E402
from game.story.loader import load_story  # noqa: E402
from game.story.saves import SaveStore  # noqa: E402
from game.tui.app import BudapestApp  # noqa: E402
from game.tui.screens.scene_screen import SceneScreen  # noqa: E402

SIZES = ((80, 24), (60, 20))


def _first_open(story, state) -> tuple[int, bool]:
    """The number key of the first open choice, and whether it ends the story."""
    views = engine.choices(story, state)
    n = next(i for i, v in enumerate(views, 1) if v.enabled)
    return n, engine.choose(story, state, views[n - 1].index).ending is not None


async def one_game(story, role: str, size: tuple[int, int], folder: Path) -> tuple[float, float]:
    """(ms until "Preparing your summary…" is on the scene screen, ms until the summary is drawn)."""
    app = BudapestApp(story=story, store=SaveStore(folder), role=role, seed=3)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        key, last = _first_open(story, app.session.require())
        while not last:
            await pilot.press(str(key))
            await pilot.pause()
            key, last = _first_open(story, app.session.require())
        await pilot.pause(0.2)  # nothing else running when the key is pressed
        preparing = None
        start = time.perf_counter()
        press = asyncio.create_task(pilot.press(str(key)))
        while type(app.screen).__name__ != "SummaryScreen":
            screen = app.screen
            if preparing is None and isinstance(screen, SceneScreen) and screen.ended:
                preparing = time.perf_counter()
            await asyncio.sleep(0.0005)
        await press
        await pilot.pause()
        drawn = time.perf_counter()
    return ((preparing or drawn) - start) * 1000, (drawn - start) * 1000


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="games per role and size (default 3)")
    args = parser.parse_args(argv)
    story = load_story(ROOT / "scenes")
    print("| role | size | 'Preparing your summary…' shown | summary drawn |")
    print("|---|---|---|---|")
    for role in story.roles:
        for size in SIZES:
            times = []
            for _ in range(args.runs):
                with tempfile.TemporaryDirectory() as tmp:
                    times.append(asyncio.run(one_game(story, role, size, Path(tmp))))
            prep = statistics.median(t[0] for t in times)
            drawn = statistics.median(t[1] for t in times)
            print(f"| {role} | {size[0]}×{size[1]} | {prep:.0f} ms | {drawn:.0f} ms |")


if __name__ == "__main__":
    main()
