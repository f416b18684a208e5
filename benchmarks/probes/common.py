"""What every probe counts, and the guards that turn a crash or a hang into a number.

A probe feeds the game hostile input and counts, per run: sessions (or cases), tracebacks (any
exception that reached the player, or a traceback printed by a real process), hangs (a session
that did not end within its time limit) and saves lost (a save the game said was kept that is
not, or a damaged file that disappeared). The first few distinct failures are kept as examples.
"""

from __future__ import annotations

import contextlib
import io
import signal
import sys
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCENES = ROOT / "scenes"
MINI = ROOT / "tests" / "fixtures" / "mini"
EXAMPLES = 6


class Hang(Exception):
    """A session ran past its time limit."""


@dataclass
class Tally:
    probe: str
    unit: str = "sessions"
    sessions: int = 0
    tracebacks: int = 0
    hangs: int = 0
    lost: int = 0
    seconds: float = 0.0
    examples: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def failed(self, kind: str, what: str) -> None:
        """Count one failure (``traceback``, ``hang`` or ``lost``) and keep it as an example."""
        if kind == "traceback":
            self.tracebacks += 1
        elif kind == "hang":
            self.hangs += 1
        else:
            self.lost += 1
        example = f"{kind}: {what}"
        if len(self.examples) < EXAMPLES and example not in self.examples:
            self.examples.append(example)

    def crashed(self, exc: BaseException, context: str) -> None:
        """An exception reached the player: count it with where it was raised."""
        if isinstance(exc, Hang):
            self.failed("hang", context)
            return
        frames = traceback.extract_tb(exc.__traceback__)
        where = next((f"{Path(f.filename).name}:{f.lineno}" for f in reversed(frames) if "/game/" in f.filename), "?")
        self.failed("traceback", f"{type(exc).__name__}: {str(exc)[:120]} at {where} ({context})")


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise Hang in the main thread if the block runs longer than ``seconds``."""

    def expired(_signum, _frame):  # noqa: ANN001 — signal handler signature
        raise Hang(f"over {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def captured(stdin_text: str = "") -> Iterator[tuple[io.StringIO, io.StringIO]]:
    """Run a front end in-process with standard input, output and error as strings."""
    old = sys.stdin, sys.stdout, sys.stderr
    out, err = io.StringIO(), io.StringIO()
    sys.stdin, sys.stdout, sys.stderr = io.StringIO(stdin_text), out, err
    try:
        yield out, err
    finally:
        sys.stdin, sys.stdout, sys.stderr = old


@contextlib.contextmanager
def timed(tally: Tally) -> Iterator[Tally]:
    start = time.perf_counter()
    try:
        yield tally
    finally:
        tally.seconds += time.perf_counter() - start
