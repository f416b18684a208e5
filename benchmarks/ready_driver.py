"""The start-up benchmark's Textual driver: headless, and it ends the app once its first screen is ready.

Both start-up scripts (the game and the bare reference) run with
``TEXTUAL_DRIVER=benchmarks.ready_driver:ReadyDriver``, so the game is started exactly as
``budapest56 play`` starts it (nothing imported early to hook the exit) and both are timed at the
same moment: when Textual sends ``Ready`` (the first screen laid out). The driver prints
``ready <perf_counter> <process_time>`` there — CPU seconds since the process began and the
system-wide monotonic clock, which the parent reads against its own clock before the start — and
asks the app to exit; the parent also times the whole process, exit included.
"""

from __future__ import annotations

import sys
import time

from textual.drivers.headless_driver import HeadlessDriver


class ReadyDriver(HeadlessDriver):
    def __init__(self, app, **kwargs) -> None:  # noqa: ANN001 — Textual's signature
        super().__init__(app, **kwargs)
        cls = type(app)
        own = cls.__dict__.get("on_ready")

        def on_ready(self) -> None:  # noqa: ANN001
            if own is not None:
                own(self)
            wall, cpu = time.perf_counter(), time.process_time()
            print(f"ready {wall:.6f} {cpu:.6f}", file=sys.stdout, flush=True)
            self.exit()

        cls.on_ready = on_ready
