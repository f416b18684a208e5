"""The one command-line entry point: ``budapest56 [play|check|playtest|graph|new|serve|report]``.

Each subcommand lives in its own module and is imported only when used, so ``check`` in an
editor's save hook does not pay for importing Textual.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from game import __version__

DEFAULT_STORY = Path(__file__).resolve().parent.parent / "scenes"
SUBCOMMANDS = ("play", "check", "playtest", "graph", "new", "serve", "web", "report")


def default_story() -> Path:
    """The story folder: $BUDAPEST56_STORY, else the shipped ``scenes/``."""
    return Path(os.environ.get("BUDAPEST56_STORY", DEFAULT_STORY))


def _add_story(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--story", type=Path, default=None, metavar="DIR", help="story folder (default: the shipped scenes/)"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="budapest56",
        description="Budapest 1956 — a historical text adventure of the Hungarian Revolution.",
    )
    parser.add_argument("--version", action="version", version=f"budapest56 {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    play = sub.add_parser("play", help="play the game (the default)")
    _add_story(play)
    play.add_argument(
        "--plain", action="store_true", help="plain text lines instead of the full-screen app (screen readers, pipes)"
    )
    play.add_argument("--role", help="start this role at once (resident, journalist, radio)")
    play.add_argument("--seed", type=int, default=None, help="random seed (default: chosen at random)")
    play.add_argument(
        "--saves-dir",
        type=Path,
        default=None,
        metavar="DIR",
        help="where saves live (default: saves/ or $BUDAPEST56_SAVES)",
    )
    play.add_argument("--load", metavar="SLOT", help="continue from a save slot")
    play.add_argument("--watch", action="store_true", help="reload scene files when they change (for authors)")
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
    play.add_argument("--theme", choices=("dark", "light", "high-contrast"), default=None, help="colour theme")
    play.add_argument("--width", type=int, default=None, metavar="COLS", help="maximum text width (for large fonts)")

    check = sub.add_parser("check", help="check a story folder for errors and warnings")
    check.add_argument("dir", nargs="?", type=Path, default=None, help="story folder (default: the shipped scenes/)")
    check.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    check.add_argument("--strict", action="store_true", help="fail on warnings too")

    playtest = sub.add_parser("playtest", help="explore the story automatically and report coverage")
    _add_story(playtest)
    playtest.add_argument(
        "mode",
        nargs="?",
        choices=("random", "exhaustive", "transcripts"),
        default="random",
        help="random playthroughs (default), every reachable state, or Markdown transcripts to read",
    )
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

    graph = sub.add_parser("graph", help="print the story map as Graphviz DOT or Mermaid")
    _add_story(graph)
    graph.add_argument("--format", choices=("dot", "mermaid"), default="dot")
    graph.add_argument("--role", help="only this role")

    new = sub.add_parser("new", help="scaffold a scene, a role or a whole story folder")
    new.add_argument("what", choices=("scene", "role", "story"))
    new.add_argument("name", help="scene id (role.name), role id, or folder for a story")
    _add_story(new)

    serve = sub.add_parser("serve", help="serve the game to web browsers (classroom)")
    _add_story(serve)
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)"
    )
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument(
        "--public-url",
        default=None,
        help="the address students type, e.g. http://192.168.1.20:8000 (needed with --host 0.0.0.0)",
    )
    serve.add_argument(
        "--class", dest="class_name", metavar="NAME", help="collect each student's summary in saves/NAME/"
    )
    serve.add_argument("--saves-dir", type=Path, default=None, metavar="DIR")

    web = sub.add_parser("web", help="serve only the web edition: plain pages for screen readers and phones")
    _add_story(web)
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
    _add_story(report)
    return parser


def _normalise(argv: list[str]) -> list[str]:
    """``budapest56`` alone, or with only play options, means ``budapest56 play``."""
    if not argv or (argv[0] not in SUBCOMMANDS and argv[0] not in ("-h", "--help", "--version")):
        return ["play", *argv]
    return argv


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(_normalise(list(sys.argv[1:] if argv is None else argv)))
    if getattr(args, "story", None) is None and args.command != "check":
        args.story = default_story()
    handlers: dict[str, Callable[[argparse.Namespace], int]] = {
        "play": _run_play,
        "check": _run_check,
        "playtest": _run_playtest,
        "graph": _run_graph,
        "new": _run_new,
        "serve": _run_serve,
        "web": _run_web,
        "report": _run_report,
    }
    try:
        return handlers[args.command](args)
    except KeyboardInterrupt:
        return 130


def _run_check(args: argparse.Namespace) -> int:
    from game.tools.check import run_check

    return run_check(args.dir or default_story(), args.format, args.strict)


def _run_play(args: argparse.Namespace) -> int:
    from game.play import run_play

    return run_play(args)


def _run_playtest(args: argparse.Namespace) -> int:
    from game.tools.playtest import run_playtest

    return run_playtest(args)


def _run_graph(args: argparse.Namespace) -> int:
    from game.tools.graph import run_graph

    return run_graph(args)


def _run_new(args: argparse.Namespace) -> int:
    from game.tools.scaffold import run_new

    return run_new(args)


def _run_serve(args: argparse.Namespace) -> int:
    from game.classroom.serve import run_serve

    return run_serve(args)


def _run_web(args: argparse.Namespace) -> int:
    from game.web.app import run_web

    return run_web(args)


def _run_report(args: argparse.Namespace) -> int:
    from game.classroom.report import run_report

    return run_report(args)
