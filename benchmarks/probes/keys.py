"""The full-screen game under random keys and resizes, down to 20×10, through Textual's Pilot.

Sessions start on the title screen or in a role, alone or in a class; keys are drawn from
everything the game binds plus letters, digits and typing into its text boxes; every few keys
the terminal is resized, now and then to the smallest size. Notifications are rendered (Pilot
skips them by default), so a notice that would break the screen is caught too. A session ends
when the game quits itself or after its share of keys; any exception is counted.
"""

from __future__ import annotations

import asyncio
import random
import shutil
import tempfile
from pathlib import Path

from benchmarks.probes.common import SCENES, Tally, timed
from game.story.loader import load_story
from game.story.saves import SaveStore
from game.tui.app import BudapestApp

KEYS = [*"0123456789", *"abcdefghijklmnopqrstuvwxyz", "question_mark", "space", "enter", "enter", "escape", "escape"]
KEYS += ["up", "down", "left", "right", "tab", "shift+tab", "backspace", "pageup", "pagedown", "home", "end"]
KEYS += ["ctrl+g", "ctrl+p", "ctrl+q", "y", "n", "1", "2", "3", "1", "2", "3", "full_stop", "minus", "slash"]
SIZES = [(20, 10), (21, 10), (32, 12), (40, 12), (50, 14), (80, 24), (100, 30), (140, 50)]
PER_SESSION = 250
STEP_LIMIT = 15.0


async def session(story, rng: random.Random, keys: int, folder: Path, tally: Tally) -> int:
    """One app run; returns the keys pressed."""
    app = BudapestApp(
        story=story,
        store=SaveStore(folder),
        role=rng.choice([None, None, *story.roles]),
        seed=rng.randint(1, 10**6),
        class_name=rng.choice(["", "", "7b"]),
        rewind=rng.random() > 0.2,
        theme_name=rng.choice([None, "light", "high-contrast"]),
    )
    pressed = 0
    try:
        async with app.run_test(size=rng.choice(SIZES), notifications=True) as pilot:
            while pressed < keys and app.is_running:
                if rng.random() < 0.04:
                    await asyncio.wait_for(pilot.resize_terminal(*rng.choice(SIZES)), STEP_LIMIT)
                key = rng.choice(KEYS)
                await asyncio.wait_for(pilot.press(key), STEP_LIMIT)
                pressed += 1
            if app.is_running:
                await asyncio.wait_for(pilot.pause(), STEP_LIMIT)
    except TimeoutError:
        tally.failed("hang", f"no answer within {STEP_LIMIT:g} s after {pressed} keys")
    except Exception as exc:  # noqa: BLE001 — Pilot re-raises what ended the app
        tally.crashed(exc, f"after {pressed} keys")
    return pressed


def run(keys: int, seed: int) -> list[Tally]:
    story = load_story(SCENES)
    tally = Tally("full-screen game: random keys and resizes to 20×10 (Pilot)")
    work = Path(tempfile.mkdtemp(prefix="b56-keys-"))
    rng = random.Random(seed)
    pressed = 0
    try:
        with timed(tally):
            while pressed < keys:
                tally.sessions += 1
                folder = work / f"s{tally.sessions % 5}"  # saves carry over between some sessions
                pressed += asyncio.run(session(story, rng, min(PER_SESSION, keys - pressed), folder, tally))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    tally.notes.append(f"{pressed:,} keys pressed in {tally.sessions} sessions")
    return [tally]
