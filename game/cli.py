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

from game import __version__
from game.locations import default_saves, default_story, where

SUBCOMMANDS = ("play", "check", "playtest", "graph", "stats", "new", "translate", "serve", "web", "report", "where")


def _add_story(p: argparse.ArgumentParser, positional: bool = True) -> None:
    from game.cli_story import add_story

    add_story(p, positional)


def _add_lang(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--lang",
        default=None,
        metavar="LANG",
        help="language of the game, e.g. hu or en (default: your system's, from LANG or LC_ALL)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="budapest56",
        description="Budapest 1956 — a historical text adventure of the Hungarian Revolution.",
        epilog=f"Story: {default_story()}. Saves and class folders: {default_saves()}. `budapest56 where` says why.",
    )
    parser.add_argument("--version", action="version", version=f"budapest56 {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    play = sub.add_parser("play", help="play the game (the default)")
    _add_story(play)
    _add_lang(play)
    play.add_argument(
        "--plain", action="store_true", help="plain text lines instead of the full-screen app (screen readers, pipes)"
    )
    play.add_argument("--role", help="start this role at once")
    play.add_argument("--seed", type=int, default=None, help="random seed (default: chosen at random)")
    play.add_argument(
        "--saves-dir",
        type=Path,
        default=None,
        metavar="DIR",
        help="where saves live (default: $BUDAPEST56_SAVES, else saves/ in the data folder; see `budapest56 where`)",
    )
    play.add_argument("--load", metavar="SLOT", help="continue from a save slot")
    play.add_argument("--watch", action="store_true", help="reload scene files when they change (for authors)")
    play.add_argument(
        "--verbose", action="store_true", help="say when the compiled copy of the story is damaged or cannot be kept"
    )
    play.add_argument(
        "--class",
        dest="class_name",
        metavar="NAME",
        help="classroom session: ask for a name, collect summaries in saves/NAME/",
    )
    play.add_argument("--group", action="store_true", help="group mode for a projector: large text, the class votes")
    play.add_argument(
        "--rewind",
        choices=("on", "off"),
        default="on",
        help="whether players may go back a choice (default on; every rewind is counted in the summary)",
    )
    play.add_argument(
        "--short",
        action="store_true",
        help="the short version for a single lesson (scenes marked short_goto are passed over)",
    )
    play.add_argument("--start", metavar="SCENE", help="for authors: begin at this scene (its role), to test it")
    play.add_argument(
        "--set",
        dest="set_values",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="for authors: arrive with this variable value (repeat for more), e.g. --set food=0",
    )
    play.add_argument(
        "--replay",
        type=Path,
        metavar="FILE",
        help="follow the path in FILE (written by playtest --replays), then play on",
    )
    play.add_argument("--theme", choices=("dark", "light", "high-contrast"), default=None, help="colour theme")
    play.add_argument("--width", type=int, default=None, metavar="COLS", help="maximum text width (for large fonts)")

    check = sub.add_parser("check", help="check a story folder for errors and warnings")
    _add_story(check)
    check.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.add_argument(
        "--lang", metavar="LANG", help="also check the translation into LANG: missing, stale and orphaned texts"
    )

    playtest = sub.add_parser("playtest", help="explore the story automatically and report coverage")
    playtest.add_argument(
        "mode",
        nargs="?",
        default=None,
        metavar="MODE",
        help="random playthroughs (default), exhaustive (every reachable state), or transcripts (Markdown to read)",
    )
    _add_story(playtest)
    playtest.add_argument(
        "-n",
        "--runs",
        type=int,
        default=None,
        help="random playthroughs (default 1000); with transcripts: at least this many per role",
    )
    playtest.add_argument(
        "--out", type=Path, default=None, metavar="DIR", help="transcripts: the folder to write them to"
    )
    playtest.add_argument("--seed", type=int, default=1, help="first seed (default 1)")
    playtest.add_argument("--role", help="only this role")
    playtest.add_argument("--max-states", type=int, default=2_000_000, help="bound for exhaustive mode")
    playtest.add_argument("--max-steps", type=int, default=500, help="longest playthrough before it counts as a loop")
    playtest.add_argument("--short", action="store_true", help="play the short version (as play --short)")
    playtest.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=None,
        metavar="N",
        help="random playthroughs in N processes (default: one per core; the results are the same)",
    )
    playtest.add_argument(
        "--fail-on",
        action="append",
        choices=("never-taken", "unreached"),
        help="also fail (exit 1) on a choice no playthrough took, or a scene none reached (repeatable)",
    )
    playtest.add_argument(
        "--replays", type=Path, metavar="DIR", help="write each failure as a replay file for `play --replay FILE`"
    )

    graph = sub.add_parser("graph", help="the story map as Graphviz DOT, Mermaid, SVG or PNG")
    _add_story(graph)
    graph.add_argument(
        "--format",
        choices=("dot", "mermaid", "svg", "png"),
        default="dot",
        help="dot and mermaid are text; svg and png need Graphviz's dot program",
    )
    graph.add_argument("--out", type=Path, default=None, metavar="FILE", help="write to FILE instead of printing")
    graph.add_argument("--role", help="only this role")

    stats = sub.add_parser("stats", help="words, scenes, choices, endings and reading minutes per role and path")
    _add_story(stats)
    stats.add_argument("--role", help="only this role")
    stats.add_argument("-n", "--runs", type=int, default=500, help="random playthroughs per role (default 500)")
    stats.add_argument("--seed", type=int, default=1, help="first seed (default 1)")
    stats.add_argument("--format", choices=("text", "json"), default="text", help="output format")

    new = sub.add_parser("new", help="scaffold a scene, a role or a whole story folder")
    new.add_argument("what", choices=("scene", "role", "story"))
    new.add_argument("name", help="scene id (role.name), role id, or folder for a story")
    _add_story(new)

    translate = sub.add_parser("translate", help="start, update or measure a translation of the story")
    translate.add_argument("action", choices=("new", "update", "status"))
    translate.add_argument("lang", nargs="?", help="language code, e.g. hu")
    _add_story(translate)

    serve = sub.add_parser("serve", help="serve the game to web browsers (classroom)")
    _add_story(serve)
    _add_lang(serve)
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)"
    )
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument(
        "--public-url",
        default=None,
        help="the address students type (default: worked out; with --host 0.0.0.0, this machine's LAN address)",
    )
    serve.add_argument(
        "--class", dest="class_name", metavar="NAME", help="collect each student's summary in saves/NAME/"
    )
    serve.add_argument("--saves-dir", type=Path, default=None, metavar="DIR")
    serve.add_argument("--short", action="store_true", help="every tab plays the short version (one lesson)")
    serve.add_argument(
        "--group",
        action="store_true",
        help="group mode on a projector: the class votes, high contrast, a large browser font",
    )
    serve.add_argument(
        "--rewind", choices=("on", "off"), default="on", help="whether students may go back a choice (default on)"
    )
    serve.add_argument("--theme", choices=("dark", "light", "high-contrast"), default=None, help="every tab's theme")
    serve.add_argument("--width", type=int, default=None, metavar="COLS", help="maximum text width in every tab")
    serve.add_argument(
        "--max-sessions",
        type=int,
        default=40,
        metavar="N",
        help="games running at once; more tabs are turned away with a message (default 40)",
    )
    serve.add_argument(
        "--spares",
        type=int,
        default=30,
        metavar="N",
        help="games started ahead and kept ready, so a class's tabs open at once (default 30, about 20 MB each)",
    )
    serve.add_argument(
        "--no-console",
        dest="console",
        action="store_false",
        help="plain log lines instead of the teacher console (also when not in a terminal)",
    )
    serve.add_argument("--verbose", action="store_true", help="log every web request")

    web = sub.add_parser("web", help="serve only the web edition: plain pages for screen readers and phones")
    _add_story(web)
    _add_lang(web)
    web.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    web.add_argument("--port", type=int, default=8000)
    web.add_argument("--public-url", default=None, help="the address readers type, e.g. http://192.168.1.20:8000")
    web.add_argument(
        "--class", dest="class_name", metavar="NAME", help="ask each reader's name; collect in saves/NAME/"
    )
    web.add_argument("--saves-dir", type=Path, default=None, metavar="DIR")

    report = sub.add_parser("report", help="build the class report from collected summaries")
    report.add_argument("dir", type=Path, help="folder of summaries, e.g. saves/7b")
    report.add_argument("--out", type=Path, default=None, help="output folder (default: the summaries' folder)")
    _add_story(report, positional=False)
    _add_lang(report)

    sub.add_parser("where", help="print the story, saves and data folders in use, and why")
    return parser


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
