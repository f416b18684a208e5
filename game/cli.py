"""The one command-line entry point: ``budapest56 [play|check|playtest|graph|stats|new|serve|web|report]``.

Each subcommand lives in its own module and is imported only when used, so ``check`` in an
editor's save hook does not pay for importing Textual.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sys
from collections.abc import Callable
from pathlib import Path

from game.cli_args import SUBCOMMANDS, build_parser
from game.locations import default_story, where


def _normalise(argv: list[str]) -> list[str]:
    """``budapest56`` alone, or with only play options, means ``budapest56 play``."""
    if not argv or (argv[0] not in SUBCOMMANDS and argv[0] not in ("-h", "--help", "--version")):
        return ["play", *argv]
    return argv


def parse_args(argv: list[str]) -> argparse.Namespace:
    """The command line as parsed, with the story folder settled into ``args.story``."""
    from game.cli_story import settle_story

    parser = build_parser()
    words = _normalise(argv)
    if words[0] == "play" and ("-h" in words or "--help" in words):
        _play_help(parser, words[1:])
    args, extra = parser.parse_known_args(words)
    sub = _subparser(parser, args.command)
    # argparse fills an optional positional early (`playtest exhaustive -n 5 DIR` leaves DIR over)
    if extra and getattr(args, "story_pos", "-") is None and not extra[0].startswith("-"):
        args.story_pos = Path(extra.pop(0))
    if extra:
        sub.error(f"unrecognized arguments: {' '.join(extra)}")
    settle_story(sub, args, default_story, SUBCOMMANDS)
    return args


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # a folder named in Latin-1, an ASCII terminal: print, never crash
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    args = parse_args(list(sys.argv[1:] if argv is None else argv))
    if argv is None and args.command == "play":
        # Importing Textual and the game, loading the story and drawing the title make hundreds of
        # thousands of objects and no garbage worth finding: the collector, which would rescan them
        # again and again, is paused until the title screen is ready (BudapestApp.on_ready) or plain
        # mode starts — about 25 ms of a 215 ms start (docs/performance.md).
        gc.disable()
    if getattr(args, "class_name", None):  # bytes that were not UTF-8, control characters: never into a file
        from game.story.roster import clean_name

        args.class_name = clean_name(args.class_name)
    handlers: dict[str, Callable[[argparse.Namespace], int]] = {
        "play": _run_play,
        "check": _run_check,
        "playtest": _run_playtest,
        "graph": _run_graph,
        "stats": _run_stats,
        "new": _run_new,
        "translate": _run_translate,
        "serve": _run_serve,
        "web": _run_web,
        "report": _run_report,
        "where": _run_where,
    }
    try:
        return handlers[args.command](args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return _reader_gone()
    finally:
        if argv is None:  # run as the program, which ends now: Python's last collection at exit
            gc.freeze()  # need not scan every object still alive (about 30 ms when a game quits)


def _reader_gone() -> int:
    """The output was piped into a program that stopped reading (``| head -1``): end quietly.

    What was wanted has been read; Python would otherwise print a traceback, and another error
    when it flushes standard output on the way out, so standard output is pointed at devnull.
    """
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return 1


def _play_help(parser: argparse.ArgumentParser, words: list[str]) -> None:
    """``play --help`` lists the roles of the story it would load, not always the shipped three."""
    from game.cli_story import describe_roles, story_in_argv

    play = _subparser(parser, "play")
    describe_roles(play, story_in_argv(play, words, default_story))


def _subparser(parser: argparse.ArgumentParser, name: str) -> argparse.ArgumentParser:
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return sub.choices[name]


def _run_check(args: argparse.Namespace) -> int:
    from game.tools.check import run_check

    return run_check(args.story, args.format, args.strict, args.lang)


def _run_play(args: argparse.Namespace) -> int:
    from game.play import run_play

    return run_play(args)


def _run_playtest(args: argparse.Namespace) -> int:
    from game.tools.playtest import run_playtest

    return run_playtest(args)


def _run_graph(args: argparse.Namespace) -> int:
    from game.tools.graph import run_graph

    return run_graph(args)


def _run_stats(args: argparse.Namespace) -> int:
    from game.tools.stats import run_stats

    return run_stats(args)


def _run_new(args: argparse.Namespace) -> int:
    from game.tools.scaffold import run_new

    return run_new(args)


def _run_translate(args: argparse.Namespace) -> int:
    from game.tools.translate import run_translate

    return run_translate(args)


def _run_serve(args: argparse.Namespace) -> int:
    from game.classroom.serve import run_serve

    try:
        return run_serve(args)
    except OSError as exc:  # the server could not start: say why in one line, as a teacher can act on it
        print(f"budapest56 serve: error: {_serve_problem(exc, args)}", file=sys.stderr)
        return 1


def _serve_problem(exc: OSError, args: argparse.Namespace) -> str:
    import errno
    import socket

    unknown = {getattr(socket, n) for n in ("EAI_NONAME", "EAI_ADDRFAMILY", "EAI_NODATA") if hasattr(socket, n)}
    if isinstance(exc, socket.gaierror) or exc.errno == errno.EADDRNOTAVAIL or exc.errno in unknown:
        return (
            f"'{args.host}' is not an address of this machine; use --host 127.0.0.1 (this machine only) "
            "or --host 0.0.0.0 (every network it is on)"
        )
    if exc.errno == errno.EADDRINUSE:
        return f"port {args.port} is already in use (is the game already being served?); choose another with --port"
    if exc.errno == errno.EACCES and args.port < 1024:
        return f"no permission to use port {args.port} (ports below 1024 need administrator rights); use --port 8000"
    if exc.filename:
        return f"cannot use '{exc.filename}' ({exc.strerror}); the saves folder must be a folder you can write to"
    return f"cannot start the server: {exc.strerror or exc}"


def _run_web(args: argparse.Namespace) -> int:
    from game.web.app import run_web

    return run_web(args)


def _run_report(args: argparse.Namespace) -> int:
    from game.classroom.report import run_report

    return run_report(args)


def _run_where(args: argparse.Namespace) -> int:
    for name, path, why in where():
        print(f"{name + ':':7}{path}  — {why}")
    return 0
