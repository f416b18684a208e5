"""``budapest56 serve``: the game in the students' browsers, one independent game per tab.

textual-serve starts a fresh ``budapest56 play`` process for every browser connection, so
students never share a game; with ``--class`` each one is asked for a name and their summary is
collected under ``saves/<class>/`` when they finish.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from game.story.export import safe_stem
from game.story.saves import saves_dir

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def play_command(story: Path, saves: Path, class_name: str | None) -> str:
    """The command each browser tab runs: the same game as the terminal one."""
    parts = [sys.executable, "-m", "game", "play", "--story", str(story.resolve()), "--saves-dir", str(saves.resolve())]
    if class_name:
        parts += ["--class", class_name]
    return shlex.join(parts)


def run_serve(args: argparse.Namespace) -> int:
    from game.play import load_or_explain

    if not 1 <= args.port <= 65535:
        print(
            "usage: budapest56 serve [--host HOST] [--port PORT]\nbudapest56 serve: error: --port must be 1–65535",
            file=sys.stderr,
        )
        return 2
    story = load_or_explain(args.story)
    if story is None:
        return 1
    saves = saves_dir(args.saves_dir)
    saves.mkdir(parents=True, exist_ok=True)
    from textual_serve.server import Server

    public = args.public_url or f"http://{'localhost' if args.host in LOOPBACK else args.host}:{args.port}"
    server = _with_web_edition(Server, story, saves, args.class_name)(
        play_command(args.story, saves, args.class_name),
        host=args.host,
        port=args.port,
        title=story.meta.title,
        public_url=public,
    )
    print(f"Serving {story.meta.title} at {public} — every browser tab is its own game. Ctrl+C stops.")
    print(f"The web edition, for screen readers and phones: {public}/read/")
    if args.host not in LOOPBACK:
        print(
            "Note: the game is now reachable by anyone on this network who can reach this machine. "
            "It runs the game only (no shell), and writes saves and summaries to " + str(saves)
        )
        if args.host == "0.0.0.0" and not args.public_url:
            print("Tell students the address of this machine, and pass it as --public-url http://ADDRESS:PORT.")
    if args.class_name:
        print(f"Class '{args.class_name}': summaries are collected in {saves / safe_stem(args.class_name)}")
    server.serve()
    return 0


def _with_web_edition(server_class, story, saves: Path, class_name: str | None):
    """textual-serve's Server with the web edition (game/web) mounted at /read."""
    from game.web.app import add_web_routes

    class WithWebEdition(server_class):
        async def _make_app(self):
            app = await super()._make_app()
            add_web_routes(app, story, saves, class_name or "")
            return app

    return WithWebEdition
