"""The warm parent of every served game: Textual imported, the story loaded, one fork per tab.

Starting Python, importing Textual and loading the story costs about 0.3 s of CPU; thirty tabs
opened in the same second queued for 7–9 s on two cores when each paid it. This process pays it
once, then forks a child per browser tab (the model is CPython's multiprocessing forkserver):
each game is still its own process, so a crash stays in one tab, but it starts already warm and
shares the imported code with its siblings copy-on-write.

In quiet moments it also keeps a few *spares*: games already forked and drawn at the title
screen, each waiting on a socket of its own. A tab that arrives is handed to a spare (its three
pipes passed over that socket; see ``tabdriver``), so most students see their game at once, and
only when the spares run out is a game forked on the spot.

Protocol on the control socket (a SOCK_SEQPACKET pair, one JSON object a message): this process
sends ``{"ready": true}`` or ``{"error": "..."}`` once; each request ``{"id", "width", "height"}``
(optionally ``"env"``, set in the game's environment) carries three file descriptors (the tab's
stdin, stdout and stderr) and is answered with ``{"id", "pid"}``. End of the control socket (the
server stopped) ends this process; games and spares end when their input or socket closes.

Run as ``python -m game.classroom.forkserver FD SPARES play [play options…]``.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import select
import signal
import socket
import sys
import time
import traceback
from importlib.metadata import version

# Read by Textual when it is imported, so they are set before any import of it below.
TAB_ENVIRONMENT = {
    "TEXTUAL_DRIVER": "game.classroom.tabdriver:TabDriver",
    "TEXTUAL_FPS": "60",
    "TEXTUAL_COLOR_SYSTEM": "truecolor",
    "TERM_PROGRAM": "textual",
    "TERM_PROGRAM_VERSION": version("textual-serve"),
}
SCREENS = (
    "confirm_screen",
    "facts_screen",
    "glossary_screen",
    "help_screen",
    "input_screen",
    "journal_screen",
    "list_screen",
    "load_screen",
    "name_screen",
    "role_screen",
    "save_screen",
    "scene_screen",
    "summary_screen",
    "text_screen",
    "title_screen",
    "vote_screen",
)
MAX_MESSAGE = 4096
SPARE_FD = "BUDAPEST56_SPARE_FD"  # tells a child it is a spare, and which socket its tab will come on
SPARE_SIZE = (100, 30)  # a spare draws at this size; the tab's own size is applied when it arrives
REFILL_AFTER = 1.0  # seconds without a request before spares are started again (not during a rush)


def _warm(play_argv: list[str]):
    """Import everything a game can show and load the story: what every child shares."""
    import importlib

    from game.classroom import tabdriver  # noqa: F401  (the driver each child runs)
    from game.cli import build_parser, default_story
    from game.play import load_or_explain, tui_app
    from game.story.saves import SaveStore, saves_dir

    args = build_parser().parse_args(play_argv)
    if args.story is None:
        args.story = default_story()
    for name in SCREENS:
        with contextlib.suppress(ImportError):
            importlib.import_module(f"game.tui.screens.{name}")
    from game.l10n import choose_language, set_language

    lang = choose_language(getattr(args, "lang", None), args.story)  # serve checked it already
    set_language(lang)
    story = load_or_explain(args.story, lang)
    if story is None:
        raise RuntimeError(f"the story in '{args.story}' does not load")
    store = SaveStore(saves_dir(args.saves_dir))
    _rehearse(lambda: tui_app(args, story, store))
    return lambda: tui_app(args, story, store)


def _rehearse(make_app) -> None:
    """Run one game headless to its first screen: Textual's lazy imports and caches are filled
    here once, not in every child (about a tenth of a child's start-up). Only an optimisation:
    if it fails, the children simply start a little colder."""
    import asyncio

    async def run() -> None:
        async with make_app().run_test(size=(100, 30)) as pilot:
            await pilot.pause()

    with contextlib.suppress(Exception):
        asyncio.run(run())


def _reap(_signum: int, _frame: object) -> None:
    """Collect every child that has ended, so none is left a zombie."""
    while True:
        try:
            pid, _status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def _child(make_app, fds: list[int], close: list[socket.socket], size: tuple[int, int], spare_fd: int = -1) -> None:
    """In a forked child: become a game on the three descriptors, and never return."""
    code = 1
    try:
        for sock in close:
            sock.close()
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        for target, fd in zip((0, 1, 2), fds, strict=True):
            os.dup2(fd, target)
        for fd in set(fds):
            if fd > 2:
                os.close(fd)
        os.environ["COLUMNS"], os.environ["ROWS"] = str(size[0]), str(size[1])
        if spare_fd >= 0:
            os.environ[SPARE_FD] = str(spare_fd)
        app = make_app()
        app.run()
        code = app.return_code or 0
    except BaseException:  # noqa: BLE001 — reported on the tab's stderr, which the server logs
        traceback.print_exc()
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)


class Forker:
    """Forks games: at once for a tab, or ahead of time as spares kept at the title screen."""

    def __init__(self, control: socket.socket, make_app, spares: int) -> None:
        self.control = control
        self.make_app = make_app
        self.wanted = spares
        self.spares: list[tuple[int, socket.socket]] = []

    def _fork(
        self,
        fds: list[int],
        size: tuple[int, int],
        spare: socket.socket | None = None,
        ours: socket.socket | None = None,
    ) -> int:
        """Fork a game. The child keeps none of this process's sockets — not the control socket,
        not another spare's, not the far end of its own — so each sees its end close with us."""
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            close = [self.control, *(s for _pid, s in self.spares), *([ours] if ours else [])]
            _child(self.make_app, fds, close, size, spare.fileno() if spare else -1)
        return pid

    def add_spare(self) -> None:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        null = os.open(os.devnull, os.O_WRONLY)
        idle_in, idle_w = os.pipe()  # a pipe, not /dev/null, for stdin: Textual's reader needs a pollable file
        os.close(idle_w)
        try:
            pid = self._fork([idle_in, null, null], SPARE_SIZE, theirs, ours)
        finally:
            os.close(null)
            os.close(idle_in)
            theirs.close()
        self.spares.append((pid, ours))

    def hand_over(self, request: dict, fds: list[int]) -> int:
        """Give the tab to a waiting spare, or fork a game for it now; returns the game's pid."""
        while self.spares:
            pid, sock = self.spares.pop(0)
            try:
                socket.send_fds(sock, [json.dumps(request).encode()], fds)
                return pid
            except OSError:
                continue  # that spare has ended; try the next
            finally:
                sock.close()
        size = (int(request.get("width", 80)), int(request.get("height", 24)))
        return self._fork(fds, size)

    def serve(self) -> None:
        last_request = -REFILL_AFTER
        while True:
            wait = None  # no spare missing: sleep until a request
            if len(self.spares) < self.wanted:
                wait = max(0.0, last_request + REFILL_AFTER - time.monotonic())
            ready, _w, _x = select.select([self.control], [], [], wait)
            if not ready:
                self.add_spare()  # a quiet moment: get one more spare ready, then look for requests
                continue
            last_request = time.monotonic()
            try:
                data, fds, _flags, _addr = socket.recv_fds(self.control, MAX_MESSAGE, 3)
            except OSError:
                return
            if not data:
                return  # the server has gone; spares see their sockets close and end
            answer: dict = {"id": None}
            try:
                request = json.loads(data)
                if len(fds) != 3 or not isinstance(request, dict):
                    raise ValueError("a request needs three descriptors")
                answer["id"] = request.get("id")
                answer["pid"] = self.hand_over(request, fds)
            except (ValueError, OSError) as exc:  # e.g. no more processes allowed: that tab is told
                answer["error"] = str(exc)
            finally:
                for fd in fds:
                    os.close(fd)
            self.control.send(json.dumps(answer).encode())


def main(argv: list[str]) -> int:
    control = socket.socket(fileno=int(argv[0]))
    spares = int(argv[1])
    os.environ.update(TAB_ENVIRONMENT)
    try:
        make_app = _warm(argv[2:])
    except (Exception, SystemExit) as exc:  # noqa: BLE001 — told to the server in one line
        control.send(json.dumps({"error": str(exc) or type(exc).__name__}).encode())
        return 1
    gc.collect()
    gc.freeze()  # what is here now is shared with every child: keep the collector off those pages
    signal.signal(signal.SIGCHLD, _reap)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the teacher's Ctrl+C stops the server, which stops us
    control.send(b'{"ready": true}')
    Forker(control, make_app, spares).serve()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
