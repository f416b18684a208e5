"""The Textual driver of a served tab: textual-serve's web driver, plus two things a class needs.

- **End of input ends the game.** Textual's ``WebDriver`` stops reading when its input pipe
  closes but leaves the app running, so a game whose server died would wait for ever. Here the
  end of input ends the app as a "quit" would: the game has autosaved at every choice.
- **Spares.** A spare game (started ahead by the fork server, title screen drawn to nowhere)
  waits on a socket for a tab. When one arrives with its three pipes, the spare takes them as
  its stdin, stdout and stderr, announces itself to textual-serve as a fresh process would,
  takes the tab's size and draws its screen again: the student sees it at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import socket

from textual import events, messages
from textual.drivers._input_reader import InputReader
from textual.drivers.web_driver import WebDriver
from textual.geometry import Size

from game.classroom.forkserver import SPARE_FD


class TabDriver(WebDriver):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        fd = os.environ.pop(SPARE_FD, "")
        self._spare = socket.socket(fileno=int(fd)) if fd.isdigit() else None

    def start_application_mode(self) -> None:
        self._loop = asyncio.get_running_loop()
        super().start_application_mode()  # a spare's stdout is /dev/null until a tab arrives

    def run_input_thread(self) -> None:
        try:
            if self._spare is None or self._wait_for_tab(self._spare):
                super().run_input_thread()
        finally:
            if not self.exit_event.is_set():
                with contextlib.suppress(RuntimeError):  # the app's loop has already closed
                    asyncio.run_coroutine_threadsafe(self._app._post_message(messages.ExitApp()), loop=self._loop)

    # -- a spare meets its tab -------------------------------------------------------------------------
    def _wait_for_tab(self, spare: socket.socket) -> bool:
        """Block until the fork server hands over a tab; False if it went away instead."""
        try:
            data, fds, _flags, _addr = socket.recv_fds(spare, 4096, 3)
        except OSError:
            return False
        finally:
            spare.close()
        if not data or len(fds) != 3:
            return False
        request = json.loads(data)
        self._app.call_from_thread(self._take_output, request, fds[1], fds[2])
        os.dup2(fds[0], 0)
        os.close(fds[0])
        self._input_reader = InputReader()  # the old one watched /dev/null
        return True

    def _take_output(self, request: dict, stdout: int, stderr: int) -> None:
        """In the app's own thread, so no frame can slip out between the swap and the hello."""
        for fd, target in ((stdout, 1), (stderr, 2)):
            os.dup2(fd, target)
            os.close(fd)
        for key, value in (request.get("env") or {}).items():
            os.environ[str(key)] = str(value)
        self._write(b"__GANGLION__\n")  # what textual-serve waits for from a new process
        self.write("\x1b[?1049h")
        self._enable_mouse_support()
        self.write("\x1b[?25l")
        self.write("\033[?1003h")
        self._request_terminal_sync_mode_support()
        self._enable_bracketed_paste()
        size = Size(int(request.get("width", 80)), int(request.get("height", 24)))
        app = self._app
        app.screen.post_message(events.ScreenResume())  # e.g. the title screen's Continue is read again
        if size != app.size:
            self._size = (size.width, size.height)
            app.post_message(events.Resize(size, size))  # a new size draws the whole screen anew
        else:
            app.call_after_refresh(app.screen.refresh, layout=True)  # the same size: draw it all again
