"""The Textual driver of a served tab: textual-serve's web driver, plus an exit when the server goes.

Textual's ``WebDriver`` stops reading when its input pipe closes but leaves the app running, so a
game whose server died (or whose pipe was cut) would wait for ever. Here the end of input ends
the app as a "quit" message would: the game has autosaved at every choice, nothing is lost.
"""

from __future__ import annotations

import asyncio
import contextlib

from textual import messages
from textual.drivers.web_driver import WebDriver


class TabDriver(WebDriver):
    def start_application_mode(self) -> None:
        self._loop = asyncio.get_running_loop()
        super().start_application_mode()

    def run_input_thread(self) -> None:
        try:
            super().run_input_thread()
        finally:
            if not self.exit_event.is_set():
                with contextlib.suppress(RuntimeError):  # the app's loop has already closed
                    asyncio.run_coroutine_threadsafe(self._app._post_message(messages.ExitApp()), loop=self._loop)
