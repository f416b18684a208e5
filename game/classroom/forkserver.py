"""The warm parent of every served game: Textual imported, the story loaded, one fork per tab.

Starting Python, importing Textual and loading the story costs about 0.3 s of CPU; thirty tabs
opened in the same second queued for 7–9 s on two cores when each paid it. This process pays it
once, then forks a child per browser tab (the model is CPython's multiprocessing forkserver):
each game is still its own process, so a crash stays in one tab, but it starts already warm and
shares the imported code with its siblings copy-on-write.

Protocol on the control socket (a SOCK_SEQPACKET pair, one JSON object a message): this process
sends ``{"ready": true}`` or ``{"error": "..."}`` once; each request ``{"id", "width", "height"}``
carries three file descriptors (the tab's stdin, stdout and stderr) and is answered with
``{"id", "pid"}``. End of the control socket (the server stopped) ends this process; its
children end when their input closes (see ``tabdriver``).

Run as ``python -m game.classroom.forkserver FD play [play options…]``.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import signal
import socket
import sys
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
    story = load_or_explain(args.story)
    if story is None:
        raise RuntimeError(f"the story in '{args.story}' does not load")
    store = SaveStore(saves_dir(args.saves_dir))
    _rehearse(tui_app(args, story, None))
    return lambda: tui_app(args, story, store)


def _rehearse(app) -> None:
    """Run one game headless to its title screen (saves off): Textual's lazy imports and caches
    are filled here once, not in every child (about a tenth of a child's start-up)."""
    import asyncio

    async def run() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()

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


def _child(control: socket.socket, request: dict, fds: list[int], make_app) -> None:
    """In the forked child: become the tab's game on the three descriptors, and never return."""
    code = 1
    try:
        control.close()
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        for target, fd in zip((0, 1, 2), fds, strict=True):
            os.dup2(fd, target)
        for fd in fds:
            if fd > 2:
                os.close(fd)
        os.environ["COLUMNS"] = str(int(request.get("width", 80)))
        os.environ["ROWS"] = str(int(request.get("height", 24)))
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


def serve(control: socket.socket, make_app) -> None:
    signal.signal(signal.SIGCHLD, _reap)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the teacher's Ctrl+C stops the server, which stops us
    while True:
        try:
            data, fds, _flags, _addr = socket.recv_fds(control, MAX_MESSAGE, 3)
        except OSError:
            return
        if not data:
            return  # the server has gone
        try:
            request = json.loads(data)
            if len(fds) != 3 or not isinstance(request, dict):
                raise ValueError("a request needs three descriptors")
        except ValueError as exc:
            for fd in fds:
                os.close(fd)
            control.send(json.dumps({"error": str(exc)}).encode())
            continue
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            _child(control, request, fds, make_app)
        for fd in fds:
            os.close(fd)
        control.send(json.dumps({"id": request.get("id"), "pid": pid}).encode())


def main(argv: list[str]) -> int:
    control = socket.socket(fileno=int(argv[0]))
    os.environ.update(TAB_ENVIRONMENT)
    try:
        make_app = _warm(argv[1:])
    except (Exception, SystemExit) as exc:  # noqa: BLE001 — told to the server in one line
        control.send(json.dumps({"error": str(exc) or type(exc).__name__}).encode())
        return 1
    gc.collect()
    gc.freeze()  # what is here now is shared with every child: keep the collector off those pages
    control.send(b'{"ready": true}')
    serve(control, make_app)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
