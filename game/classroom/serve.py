"""``budapest56 serve``: the game in the students' browsers, one independent game per tab.

Every tab gets its own game process, forked from a warm parent that has already imported
Textual and loaded the story (``forkserver.py``), so thirty tabs opened at once all start within
a couple of seconds and a crash stays in one tab. With ``--class`` each student is asked for a
name, their progress shows live in the teacher console, and their summary is collected under
``saves/<class>/`` when they finish. The teacher's terminal becomes that console when it is a
terminal; ``--no-console`` (or a pipe) keeps a plain log for scripts and CI.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import socket
import sys
from pathlib import Path

from aiohttp import web

from game.classroom.network import AddressError, student_url
from game.classroom.server import ClassServer
from game.classroom.warm import ForkServer, ForkServerError
from game.story.export import safe_stem
from game.story.model import Story
from game.story.saves import saves_dir

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
log = logging.getLogger("budapest56.serve")
USAGE = "usage: budapest56 serve [--host HOST] [--port PORT] [--public-url URL] [--class NAME] ..."


def play_argv(args: argparse.Namespace, saves: Path) -> list[str]:
    """The ``play`` options every tab's game runs with: the same game as in a terminal."""
    parts = ["play", "--story", str(Path(args.story).resolve()), "--saves-dir", str(saves.resolve())]
    if args.class_name:
        parts += ["--class", args.class_name]
    if args.rewind == "off":
        parts += ["--rewind", "off"]
    if args.short:
        parts.append("--short")
    if args.group:
        parts.append("--group")
    if args.theme:
        parts += ["--theme", args.theme]
    if args.width:
        parts += ["--width", str(args.width)]
    if getattr(args, "lang", None):
        parts += ["--lang", args.lang]  # the starting language; each student may switch on the title screen
    return parts


def usage_error(message: str) -> int:
    print(f"{USAGE}\nbudapest56 serve: error: {message}", file=sys.stderr)
    return 2


def listen(host: str, port: int) -> socket.socket:
    """Bind the listening socket before anything starts, so a busy port is one clear line."""
    return socket.create_server((host, port), family=socket.AF_INET6 if ":" in host else socket.AF_INET)


GROUP_FONT_SIZE = 26  # group mode on a projector: readable from the back of the room


def build_server(
    forks: ForkServer,
    story: Story,
    saves: Path,
    class_name: str | None,
    max_sessions: int,
    group: bool = False,
    short: bool = False,
) -> tuple[ClassServer, web.Application]:
    """The served site: the game's page, its websocket, downloads, static files, and the web
    edition at /read (plain pages for screen readers and phones, ``game/web``).

    Another route is added to ``ClassServer.routes`` or to the returned application, here.
    """
    from game.web.app import add_web_routes

    font = GROUP_FONT_SIZE if group else 16
    server = ClassServer(forks, title=story.meta.title, max_sessions=max_sessions, font_size=font)
    app = server.make_app()
    add_web_routes(app, story, saves, class_name or "", short=short)
    return server, app


async def start_site(app: web.Application, sock: socket.socket, verbose: bool) -> web.AppRunner:
    runner = web.AppRunner(app, access_log=logging.getLogger("aiohttp.access") if verbose else None, shutdown_timeout=5)
    await runner.setup()
    await web.SockSite(runner, sock).start()
    return runner


def run_serve(args: argparse.Namespace) -> int:
    from game.play import load_or_explain

    if not 1 <= args.port <= 65535:
        return usage_error("--port must be 1–65535")
    if args.width is not None and not 30 <= args.width <= 200:
        return usage_error("--width must be between 30 and 200 columns")
    if args.max_sessions < 1:
        return usage_error("--max-sessions must be at least 1")
    if not 0 <= args.spares <= 100:
        return usage_error("--spares must be 0–100")
    try:
        url = student_url(args.host, args.port, args.public_url)
    except AddressError as exc:
        return usage_error(str(exc))
    from game.web.app import server_language

    lang = server_language(args, "serve")
    if lang is None:
        return 2
    args.lang = lang
    story = load_or_explain(args.story, lang)
    if story is None:
        return 1
    saves = saves_dir(args.saves_dir)
    # a saves folder that is a file, a port in use, a host that is not this machine's: the OSError
    # goes up to the command line, which says it in one line (game.cli._serve_problem)
    saves.mkdir(parents=True, exist_ok=True)
    sock = listen(args.host, args.port)
    forks = ForkServer(play_argv(args, saves), min(args.spares, args.max_sessions))
    try:
        forks.start()
    except ForkServerError as exc:
        sock.close()
        print(f"budapest56 serve: {exc}", file=sys.stderr)
        return 1
    class_folder = saves / safe_stem(args.class_name) if args.class_name else None
    lines = intro(story.meta.title, url, args, saves, class_folder)
    try:
        server, app = build_server(forks, story, saves, args.class_name, args.max_sessions, args.group, args.short)
        if args.console and sys.stdout.isatty() and sys.stdin.isatty():
            return _run_console(server, app, sock, url, args, class_folder, lines)
        return _run_plain(app, sock, args.verbose, lines)
    finally:
        forks.stop()


def intro(title: str, url: str, args: argparse.Namespace, saves: Path, class_folder: Path | None) -> list[str]:
    """What the teacher is told at the start, in the console's log or on stdout."""
    lines = [f"Serving {title} at {url} — every browser tab is its own game."]
    lines.append(f"The web edition, for screen readers and phones: {url}/read/")
    if args.host not in LOOPBACK:
        lines.append(
            "The game is reachable by anyone on this network who can reach this machine. It runs the game "
            f"only (no shell), and writes saves and summaries to {saves}"
        )
    if class_folder is not None:
        lines.append(f"Class '{args.class_name}': progress and summaries are collected in {class_folder}")
    ahead = min(args.spares, args.max_sessions)
    lines.append(f"At most {args.max_sessions} games at once (--max-sessions); {ahead} started ahead (--spares).")
    return lines


def _run_console(
    server: ClassServer,
    app: web.Application,
    sock: socket.socket,
    url: str,
    args: argparse.Namespace,
    class_folder: Path | None,
    lines: list[str],
) -> int:
    """The teacher console in this terminal; log lines go to its log panel."""
    from game.classroom.console import ConsoleLog, TeacherConsole, run_console

    console = TeacherConsole(url, class_folder, lambda: len(server.tabs), args.max_sessions)
    handler = ConsoleLog(console)
    handler.setFormatter(OneLine("%(asctime)s %(message)s", datefmt="%H:%M:%S"))
    logging.basicConfig(level=logging.INFO, handlers=[handler], force=True)

    async def start() -> web.AppRunner:
        runner = await start_site(app, sock, args.verbose)
        for line in lines:
            log.info(line)
        return runner

    async def stop(runner: web.AppRunner) -> None:
        await runner.cleanup()

    code = run_console(console, start, stop)
    print(f"The session has stopped. Summaries are in {class_folder}" if class_folder else "The session has stopped.")
    return code


def _run_plain(app: web.Application, sock: socket.socket, verbose: bool, lines: list[str]) -> int:
    """Log lines on stdout until Ctrl+C or SIGTERM: for scripts, CI and terminals without a console."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", datefmt="%H:%M:%S", stream=sys.stdout)
    one_line_errors()
    for line in lines:
        print(line, flush=True)
    print("Ctrl+C stops.", flush=True)

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        runner = await start_site(app, sock, verbose)
        try:
            await stop.wait()
        finally:
            print("Stopping: every game is asked to quit (each has autosaved).", flush=True)
            await runner.cleanup()

    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(main())
    return 0


class OneLine(logging.Formatter):
    """A log record's message and, for an error, its exception in one line — never a traceback."""

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        if record.exc_info and record.exc_info[1] is not None:
            exc = record.exc_info[1]
            text = text.split("\n", 1)[0] + f": {type(exc).__name__}: {exc}".split("\n", 1)[0]
        return text

    def formatException(self, ei) -> str:  # noqa: N802 — logging's name
        return ""

    def formatStack(self, stack_info: str) -> str:  # noqa: N802 — logging's name
        return ""


def one_line_errors(datefmt: str = "%H:%M:%S") -> None:
    """Make every handler of the root logger print one line a record (aiohttp logs tracebacks)."""
    for handler in logging.getLogger().handlers:
        handler.setFormatter(OneLine("%(asctime)s %(message)s", datefmt=datefmt))
