"""Mount the web edition on an aiohttp application, or run it alone (``budapest56 web``).

``add_web_routes`` adds it at ``/read`` beside textual-serve's terminal page; ``make_web_app``
builds a standalone server whose first page is the web edition. Every response carries a
Content-Security-Policy that allows nothing from another machine, and errors become pages
(never a traceback).
"""

from __future__ import annotations

import argparse
import errno
import logging
import sys
from pathlib import Path

from aiohttp import web

from game.l10n import _
from game.story.model import Story
from game.web import views_beyond as beyond
from game.web import views_game as game
from game.web import views_pages as pages
from game.web import views_ticket as ticket
from game.web.edition import COOKIE, EDITION, NEW_READER, WebEdition, error_page, make_env
from game.web.readers import MAX_READERS, ClassSaves, ReaderTable, SharedSaves
from game.web.render import Renderer

PREFIX = "/read"
STATIC = Path(__file__).resolve().parent / "static"
log = logging.getLogger("budapest56.web")

HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
        "base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


@web.middleware
async def _guard(request: web.Request, handler) -> web.StreamResponse:
    """Set the reader's cookie, turn errors into pages, and add the security headers."""
    try:
        response = await handler(request)
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        response = error_page(request, exc.status, exc.reason, _explain(exc.status))
    except Exception:
        log.exception("web edition: unexpected error on %s", request.path)
        response = error_page(
            request, 500, _("Something went wrong"), _("The page could not be shown. Your progress is autosaved.")
        )
    new = request.get(NEW_READER)
    if new is not None:
        base = request.config_dict[EDITION].base
        response.set_cookie(COOKIE, new.token, path=base or "/", httponly=True, samesite="Strict")
    for key, value in HEADERS.items():
        if key == "Cache-Control" and request.path.startswith(f"{request.config_dict[EDITION].base}/static/"):
            continue
        response.headers.setdefault(key, value)
    return response


def _explain(status: int) -> str:
    if status == 404:
        return _("There is no page at this address. The links on this page lead back into the story.")
    if status == 405:
        return _("This address only answers forms sent from the game's own pages.")
    return _("The request could not be handled.")


def _routes(sub: web.Application) -> None:
    sub.add_routes(
        [
            web.get("/", game.home),
            web.post("/name", game.name),
            web.post("/start", game.start),
            web.get("/play", game.play),
            web.post("/choose", game.choose),
            web.post("/back", game.back),
            web.get("/meanwhile", beyond.meanwhile),
            web.get("/endings", beyond.endings),
            web.get("/whatif", beyond.what_if),
            web.post("/whatif/play", beyond.play_again),
            web.get("/ticket", ticket.ticket),
            web.post("/ticket", ticket.answer),
            web.post("/ticket/next", ticket.next_question),
            web.get("/summary", game.summary),
            web.get("/summary/download/{fmt}", game.download),
            web.get("/facts", pages.facts),
            web.get("/facts/{card}", pages.card),
            web.get("/glossary", pages.glossary),
            web.get("/glossary/{term}", pages.entry),
            web.get("/sources", pages.sources),
            web.get("/saves", pages.saves),
            web.post("/save", pages.save),
            web.post("/load", pages.load),
            web.static("/static", STATIC),
        ]
    )


def web_edition_app(
    story: Story,
    saves_root: Path,
    class_name: str = "",
    base: str = PREFIX,
    max_readers: int = MAX_READERS,
    short: bool = False,
) -> web.Application:
    """The web edition as an aiohttp application whose pages live under ``base``."""
    renderer = Renderer(story, base)
    roster = ClassSaves(saves_root, class_name) if class_name else SharedSaves(saves_root)
    sub = web.Application(middlewares=[_guard])
    sub[EDITION] = WebEdition(
        story=story,
        base=base,
        roster=roster,
        readers=ReaderTable(max_readers),
        class_name=class_name,
        env=make_env(renderer),
        renderer=renderer,
        short=short,
    )
    _routes(sub)
    return sub


def add_web_routes(
    app: web.Application,
    story: Story,
    saves_root: Path,
    class_name: str = "",
    max_readers: int = MAX_READERS,
    short: bool = False,
) -> web.Application:
    """Mount the web edition at ``/read`` on ``app`` (textual-serve's server, or a bare one)."""
    sub = web_edition_app(story, saves_root, class_name, PREFIX, max_readers, short)
    app.add_subapp(PREFIX, sub)

    async def to_first_page(request: web.Request) -> web.Response:
        raise web.HTTPMovedPermanently(f"{PREFIX}/")

    app.router.add_get(PREFIX, to_first_page)
    return sub


def make_web_app(
    story: Story, saves_root: Path, class_name: str = "", max_readers: int = MAX_READERS, short: bool = False
) -> web.Application:
    """A server with only the web edition: ``/`` leads to ``/read/``."""
    app = web.Application(client_max_size=64 * 1024)
    add_web_routes(app, story, saves_root, class_name, max_readers, short)

    async def to_read(request: web.Request) -> web.Response:
        raise web.HTTPFound(f"{PREFIX}/")

    app.router.add_get("/", to_read)
    return app


def server_language(args: argparse.Namespace, command: str) -> str | None:
    """The language of this server's pages (--lang, else LANG/LC_ALL), set for the process; None on a bad --lang."""
    from game.l10n import choose_language, set_language

    try:
        lang = choose_language(getattr(args, "lang", None), args.story)
    except ValueError as exc:
        print(
            f"usage: budapest56 {command} [--lang LANG] ...\nbudapest56 {command}: error: --lang: {exc}",
            file=sys.stderr,
        )
        return None
    set_language(lang)
    return lang


def run_web(args: argparse.Namespace) -> int:
    """``budapest56 web``: serve only the web edition (no terminal in the browser)."""
    from game.classroom.serve import LOOPBACK
    from game.play import load_or_explain
    from game.story.export import safe_stem
    from game.story.saves import saves_dir

    if not 1 <= args.port <= 65535:
        print(
            "usage: budapest56 web [--host HOST] [--port PORT]\nbudapest56 web: error: --port must be 1–65535",
            file=sys.stderr,
        )
        return 2
    lang = server_language(args, "web")
    if lang is None:
        return 2
    story = load_or_explain(args.story, lang)
    if story is None:
        return 1
    saves = saves_dir(args.saves_dir)
    try:
        saves.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(f"budapest56: cannot use the saves folder {saves}: {exc.strerror}", file=sys.stderr)
        return 1
    shown = args.public_url or f"http://{'localhost' if args.host in LOOPBACK else args.host}:{args.port}"
    print(
        f"The web edition of {story.meta.title} is at {shown}{PREFIX}/ — for screen readers and phones. Ctrl+C stops."
    )
    if args.host not in LOOPBACK:
        print(f"Note: anyone on this network who can reach this machine can read it. Saves go to {saves}")
    if args.class_name:
        print(f"Class '{args.class_name}': summaries are collected in {saves / safe_stem(args.class_name)}")
    try:
        web.run_app(
            make_web_app(story, saves, args.class_name or "", short=args.short),
            host=args.host,
            port=args.port,
            print=None,
            access_log=None,
        )
    except OSError as exc:
        why = "the port is in use (choose another with --port)" if exc.errno == errno.EADDRINUSE else exc.strerror
        print(f"budapest56: cannot listen on {args.host}:{args.port}: {why or exc}", file=sys.stderr)
        return 1
    return 0
