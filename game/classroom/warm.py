"""The server's side of the fork server: ask for a warm game process, talk to it over pipes.

``WarmAppService`` is textual-serve's ``AppService`` with one change: instead of starting a new
``python -m game play`` for every tab (0.3 s of CPU each), it asks the fork server
(``forkserver.py``) for a child and hands it the three pipes of the tab. Everything else — the
packet protocol, downloads, resize and focus — is textual-serve's own code. A game that does
not end when asked is killed, so a closed tab never leaves a process behind.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import signal
import socket
import subprocess
import sys
from dataclasses import dataclass

from textual_serve.app_service import AppService

log = logging.getLogger("budapest56.serve")
START_TIMEOUT = 60.0
STOP_TIMEOUT = 5.0


class ForkServerError(RuntimeError):
    """The fork server could not start, or stopped answering."""


@dataclass
class TabProcess:
    """What textual-serve's ``AppService.run`` needs of a process: its three streams."""

    pid: int
    stdin: asyncio.StreamWriter
    stdout: asyncio.StreamReader
    stderr: asyncio.StreamReader

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(self.pid, signal.SIGKILL)


class ForkServer:
    """A running ``game.classroom.forkserver`` process and its control socket."""

    def __init__(self, play_argv: list[str], spares: int = 0) -> None:
        self.play_argv = play_argv
        self.spares = spares
        self.process: subprocess.Popen | None = None
        self.control: socket.socket | None = None
        self._waiting: dict[int, asyncio.Future[int]] = {}
        self._next_id = 0
        self._lock = asyncio.Lock()
        self._reading = False

    # -- starting and stopping --------------------------------------------------------------------
    def start(self) -> None:
        """Start the fork server and wait until it has loaded the story (blocking)."""
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        try:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "game.classroom.forkserver",
                    str(theirs.fileno()),
                    str(self.spares),
                    *self.play_argv,
                ],
                pass_fds=(theirs.fileno(),),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,  # the terminal's Ctrl+C goes to the server, not to every game
            )
        finally:
            theirs.close()
        ours.settimeout(START_TIMEOUT)
        try:
            answer = json.loads(ours.recv(4096) or b'{"error": "it stopped at once"}')
        except (OSError, ValueError) as exc:
            answer = {"error": str(exc) or "no answer"}
        if not answer.get("ready"):
            ours.close()
            self.stop()
            raise ForkServerError(f"the game processes could not be prepared: {answer.get('error')}")
        ours.setblocking(False)
        self.control = ours

    def stop(self) -> None:
        if self.control is not None:
            if self._reading:
                with contextlib.suppress(Exception):
                    asyncio.get_running_loop().remove_reader(self.control.fileno())
                self._reading = False
            self.control.close()
            self.control = None
        for future in self._waiting.values():
            if not future.done():
                future.set_exception(ForkServerError("the fork server stopped"))
        self._waiting.clear()
        if self.process is not None:
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None

    @property
    def alive(self) -> bool:
        return self.control is not None and self.process is not None and self.process.poll() is None

    # -- asking for a game ---------------------------------------------------------------------------
    def _on_answer(self) -> None:
        assert self.control is not None
        try:
            data = self.control.recv(4096)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:
            log.error("The fork server stopped; it is started again for the next tab.")
            self.stop()
            return
        with contextlib.suppress(ValueError):
            answer = json.loads(data)
            future = self._waiting.pop(answer.get("id"), None)
            if future is not None and not future.done():
                if "pid" in answer:
                    future.set_result(int(answer["pid"]))
                else:
                    future.set_exception(ForkServerError(str(answer.get("error"))))

    async def spawn(self, width: int, height: int) -> TabProcess:
        """A new game process for one tab, its pipes connected to this event loop."""
        loop = asyncio.get_running_loop()
        async with self._lock:
            if not self.alive:
                self.stop()
                await asyncio.to_thread(self.start)
            assert self.control is not None
            if not self._reading:
                loop.add_reader(self.control.fileno(), self._on_answer)
                self._reading = True
            self._next_id += 1
            request_id = self._next_id
            future: asyncio.Future[int] = loop.create_future()
            self._waiting[request_id] = future
            stdin_r, stdin_w = os.pipe()
            stdout_r, stdout_w = os.pipe()
            stderr_r, stderr_w = os.pipe()
            theirs = [stdin_r, stdout_w, stderr_w]
            try:
                message = json.dumps({"id": request_id, "width": width, "height": height}).encode()
                socket.send_fds(self.control, [message], theirs)
            except OSError as exc:
                self._waiting.pop(request_id, None)
                for fd in (stdin_w, stdout_r, stderr_r):
                    os.close(fd)
                raise ForkServerError(f"the fork server did not take the request: {exc}") from exc
            finally:
                for fd in theirs:
                    os.close(fd)
        pid = await asyncio.wait_for(future, START_TIMEOUT)
        stdout = await _reader(loop, stdout_r)
        stderr = await _reader(loop, stderr_r)
        transport, protocol = await loop.connect_write_pipe(
            asyncio.streams.FlowControlMixin, os.fdopen(stdin_w, "wb", buffering=0)
        )
        stdin = asyncio.StreamWriter(transport, protocol, None, loop)
        return TabProcess(pid, stdin, stdout, stderr)


async def _reader(loop: asyncio.AbstractEventLoop, fd: int) -> asyncio.StreamReader:
    reader = asyncio.StreamReader(limit=2**20)
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), os.fdopen(fd, "rb", buffering=0))
    return reader


class WarmAppService(AppService):
    """textual-serve's per-tab service, with the process taken from the fork server."""

    def __init__(self, forks: ForkServer, **kwargs) -> None:
        super().__init__("budapest56 play (forked)", **kwargs)
        self.forks = forks
        self.tab: TabProcess | None = None

    async def _open_app_process(self, width: int = 80, height: int = 24):  # type: ignore[override]
        self.tab = await self.forks.spawn(width, height)
        self._process = self.tab  # type: ignore[assignment]  — run() reads .stdout and .stderr
        self._stdin = self.tab.stdin
        return self.tab

    async def stop(self) -> None:
        """Ask the game to quit; kill it if it has not ended within a few seconds."""
        task = self._task
        if task is None:
            return
        try:
            await asyncio.wait_for(asyncio.shield(super().stop()), STOP_TIMEOUT)
        except TimeoutError:
            log.warning("A game did not quit when its tab closed; it was stopped.")
            if self.tab is not None:
                self.tab.kill()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(task, STOP_TIMEOUT)
        finally:
            if self.tab is not None:
                self.tab.stdin.close()
