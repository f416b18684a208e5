"""The command line's grammar: every subcommand of ``budapest56`` with its options and their help.

Only the words: what each command does is in its own module (see game.cli), imported when used.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from game import __version__
from game.locations import default_saves, default_story

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
    play.add_argument(
        "--width",
        type=int,
        default=None,
        metavar="COLS",
        help="maximum text width, 30 to 200 (for large fonts); 0: no limit, and in plain mode no wrapping at all, "
        "for screen readers and braille displays that wrap text themselves",
    )

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
    web.add_argument("--short", action="store_true", help="every reader plays the short version (one lesson)")

    report = sub.add_parser("report", help="build the class report from collected summaries")
    report.add_argument("dir", type=Path, help="folder of summaries, e.g. saves/7b")
    report.add_argument("--out", type=Path, default=None, help="output folder (default: the summaries' folder)")
    _add_story(report, positional=False)
    _add_lang(report)

    sub.add_parser("where", help="print the story, saves and data folders in use, and why")
    return parser
