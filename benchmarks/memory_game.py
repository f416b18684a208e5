"""Memory of one game process from its title screen to the end of a whole game (Pilot, headless).

Run alone: python benchmarks/memory_game.py [ROLE]  — prints the resident memory (RSS) at the
title screen, at the role's first scene and on the end screen, in MB. benchmarks/run.py starts
one fresh process per role and compares the end with the start. The player takes the first open
choice at every scene, as the serve benchmark does.
"""

from __future__ import annotations

import asyncio
import gc
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def play(role: str) -> dict[str, float]:
    from game.story import engine
    from game.story.saves import SaveStore
    from game.story.storycache import load_story_cached
    from game.tui.app import BudapestApp

    with tempfile.TemporaryDirectory() as tmp:
        story = load_story_cached(ROOT / "scenes", None, Path(tmp) / ".cache")
        app = BudapestApp(story=story, store=SaveStore(Path(tmp)), seed=5)
        out: dict[str, float] = {}
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            gc.collect()
            out["title"] = rss_mb()
            await pilot.press("n")
            await pilot.pause()
            await pilot.press(str(list(story.roles).index(role) + 1))
            await pilot.pause()
            out["first scene"] = rss_mb()
            for _ in range(200):
                state = app.session.require()
                if state.ending is not None:
                    break
                views = engine.choices(story, state)
                await pilot.press(str(next(n for n, v in enumerate(views, 1) if v.enabled)))
                await pilot.pause()
            await pilot.pause()
            gc.collect()
            out["end"] = rss_mb()
            out["steps"] = len(app.session.require().path)
        return out


def measure(role: str) -> dict[str, float]:
    """The figures of one role, played in a fresh process."""
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), role], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    print(json.dumps(asyncio.run(play(sys.argv[1] if len(sys.argv) > 1 else "radio"))))
