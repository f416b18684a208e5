"""Benchmark "What if?": the first opening walks a whole role; the second must be a lookup.

Run alone:  python benchmarks/whatif.py   (also part of benchmarks/run.py)

First opening: a finished playthrough of the largest shipped role (the radio operator, about
480,000 distinct states) asks for its What if? pages with an empty cache: one exhaustive walk
of the role, every key-decision situation stored. CPU time is printed beside wall time, since a
shared machine's load stretches the wall time of both the walk and its reference alike. Second opening: a new process (the in-memory
answers dropped) opens the same pages from the cache on disk.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.story import engine, futurescache  # noqa: E402
from game.story.loader import load_story  # noqa: E402
from game.story.saves import SaveStore  # noqa: E402
from game.story.session import Session  # noqa: E402
from game.tools.playtest import exhaustive  # noqa: E402

Row = tuple[str, str, str, str]


def finished(story, role: str, folder: Path, seed: int) -> Session:
    """A random playthrough of ``role`` to its end, with its rewind history (as a player has it)."""
    session = Session(story, SaveStore(folder))
    session.start(role, seed)
    rng = random.Random(seed)
    while session.require().ending is None:
        views = [v for v in engine.choices(story, session.require()) if v.enabled]
        session.choose(rng.choice(views).index)
    return session


def measure(role: str = "radio", repeats: int = 5) -> list[Row]:
    story = load_story(ROOT / "scenes")
    t0, c0 = time.perf_counter(), time.process_time()
    states = exhaustive(story, role, 2_000_000).states
    playtest, playtest_cpu = time.perf_counter() - t0, time.process_time() - c0
    with tempfile.TemporaryDirectory() as tmp:
        session = finished(story, role, Path(tmp), 7)
        futurescache._MEMORY.clear()
        t0, c0 = time.perf_counter(), time.process_time()
        points = session.what_ifs()
        first, first_cpu = time.perf_counter() - t0, time.process_time() - c0
        seconds = []
        for _ in range(repeats):
            futurescache._MEMORY.clear()  # as in a new process: only the file on disk is left
            again = Session(story, SaveStore(Path(tmp)))
            again.state, again.history = session.state, session.history
            t0 = time.perf_counter()
            again.what_ifs()
            seconds.append(time.perf_counter() - t0)
        size = sum(p.stat().st_size for p in (Path(tmp) / ".cache").glob("*.sqlite")) / 2**20
    second = statistics.median(seconds) * 1000
    return [
        (
            f"What if?, first opening ({role}, {len(points)} decisions)",
            f"{first:.2f} s ({first_cpu:.2f} s CPU; walks {states:,} states; cache {size:.1f} MB)",
            f"exhaustive playtest of the same role {playtest:.2f} s ({playtest_cpu:.2f} s CPU); budget < 10 s",
            "✓" if first < 10 else "✗",
        ),
        (
            "What if?, second opening (from the disk cache)",
            f"{second:.0f} ms",
            "target < 100 ms",
            "✓" if second < 100 else "✗",
        ),
    ]


if __name__ == "__main__":
    for row in measure():
        print(" | ".join(row))
