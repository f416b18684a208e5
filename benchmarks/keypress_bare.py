"""Reference for the key-press benchmark: a bare Textual app whose key press replaces one line.

Pilot's press-and-wait has a cost of its own; this measures it with the same method, so the
game's figure can be read beside it.
"""

from __future__ import annotations

import asyncio
import time

from textual.app import App, ComposeResult
from textual.widgets import Static


class BareKeys(App):
    BINDINGS = [("1", "next", "Next")]

    def compose(self) -> ComposeResult:
        yield Static("scene 0", id="line")

    def action_next(self) -> None:
        line = self.query_one("#line", Static)
        line.update(f"scene {int(str(line.render()).split()[-1]) + 1}")


def measure(samples: int) -> list[tuple[float, float]]:
    """Wall and CPU milliseconds of each press, until the app is idle again."""
    times: list[tuple[float, float]] = []

    async def run() -> None:
        app = BareKeys()
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            for _ in range(samples):
                t0, c0 = time.perf_counter(), time.process_time()
                await pilot.press("1")
                await pilot.pause()
                times.append(((time.perf_counter() - t0) * 1000, (time.process_time() - c0) * 1000))

    asyncio.run(run())
    return times
