"""One web edition: the story, its templates, its readers, and the helpers every page uses.

Pages are Jinja2 templates with autoescaping on and undefined names as errors; forms are read
with a size bound and checked against the reader's CSRF token before anything changes.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import Any

import jinja2
from aiohttp import web
from multidict import MultiDictProxy

from game.l10n import _, current_language, jinja_environment
from game.story.dates import fact_date
from game.story.model import Story
from game.story.session import Session
from game.web.readers import Reader, ReaderTable, Roster
from game.web.render import Renderer, in_sentence, short_time

COOKIE = "b56read"
MAX_BODY = 4096  # bytes: the largest form is a save name or a player's name


@dataclass
class WebEdition:
    story: Story
    base: str
    roster: Roster
    readers: ReaderTable
    class_name: str
    env: jinja2.Environment
    renderer: Renderer
    short: bool = False  # every game takes the story's short path (serve/web --short: one lesson)


EDITION = web.AppKey("edition", WebEdition)
NEW_READER = web.RequestKey("new_reader", Reader)  # a reader created by this request: set its cookie


def make_env(renderer: Renderer) -> jinja2.Environment:
    env = jinja_environment("game.web", trim_blocks=True, lstrip_blocks=True)
    env.filters["inline"] = renderer.inline
    env.filters["paragraphs"] = renderer.paragraphs
    env.filters["cite"] = renderer.cite
    env.filters["cites"] = renderer.cites
    env.filters["short_time"] = short_time
    env.filters["fact_date"] = fact_date
    env.filters["in_sentence"] = in_sentence
    env.filters["zip"] = lambda a, b: zip(a, b, strict=False)
    env.globals["glossary_url"] = renderer.glossary_url
    env.globals["source_title"] = renderer.source_title
    return env


def edition(request: web.Request) -> WebEdition:
    return request.config_dict[EDITION]


def reader_of(request: web.Request) -> Reader | None:
    """The reader this browser's cookie names, if any."""
    return edition(request).readers.get(request.cookies.get(COOKIE))


def playing(request: web.Request) -> tuple[Reader, Session] | None:
    """This browser's reader and game session, when a game is in progress (or just ended)."""
    reader = reader_of(request)
    if reader is None or reader.session is None or reader.session.state is None:
        return None
    return reader, reader.session


def reader_or_new(request: web.Request) -> Reader | None:
    """The reader, or a new one (its cookie is set on the response); None when the table is full."""
    reader = reader_of(request)
    if reader is None:
        reader = edition(request).readers.create()
        if reader is not None:
            request[NEW_READER] = reader
    return reader


def page(request: web.Request, template: str, title: str, status: int = 200, **context: Any) -> web.Response:
    ed = edition(request)
    reader = context.pop("reader", None) or reader_of(request) or request.get(NEW_READER)
    state = reader.session.state if reader is not None and reader.session is not None else None
    role = ed.story.roles.get(state.role) if state is not None else None
    html = ed.env.get_template(template).render(
        title=title,
        lang=current_language(),
        base=ed.base,
        story=ed.story,
        story_title=ed.story.meta.title,
        class_name=ed.class_name,
        reader=reader,
        state=state,
        role_name=role.name if role else "",
        csrf=reader.csrf if reader is not None else "",
        notices=reader.take_notices() if reader is not None else [],
        **context,
    )
    return web.Response(text=html, status=status, content_type="text/html", charset="utf-8")


def error_page(request: web.Request, status: int, heading: str, message: str) -> web.Response:
    return page(request, "error.html", heading, status=status, heading=heading, message=message)


def see_other(request: web.Request, path: str) -> web.Response:
    """Post/redirect/get: after a form, the browser asks for the page afresh (no resubmit on reload)."""
    return web.Response(status=303, headers={"Location": f"{edition(request).base}{path}"})


async def read_form(request: web.Request, reader: Reader | None) -> MultiDictProxy | web.Response:
    """The posted form, or the error page that says why it was refused."""
    if reader is None:
        return error_page(
            request,
            403,
            _("Your session has ended"),
            _(
                "The server no longer knows this browser (it was restarted, or you were away a long time). "
                "Open the first page again; your saved games are still there."
            ),
        )
    if request.content_length is None:
        return error_page(request, 411, _("Form not sent"), _("The browser sent the form without its length."))
    if request.content_length > MAX_BODY:
        return error_page(
            request, 413, _("Form too large"), _("That form was far larger than any of this game's forms.")
        )
    form = await request.post()
    token = form.get("csrf")
    if not isinstance(token, str) or not hmac.compare_digest(token.encode(), reader.csrf.encode()):
        return error_page(
            request,
            403,
            _("Form refused"),
            _("This form did not come from this game's own page, so nothing was changed. Go back and try again."),
        )
    return form


@dataclass
class Posted:
    """A form that passed the checks: its reader, its fields, and the reader's game session."""

    reader: Reader
    form: MultiDictProxy
    session: Session


def ensure_session(request: web.Request, reader: Reader) -> Session | None:
    """The reader's game session; without a class it starts at once, in a class after the name."""
    ed = edition(request)
    if reader.session is None and not ed.roster.needs_name:
        reader.session = open_session(ed, "")[0]
    return reader.session


def open_session(ed: WebEdition, name: str, code: str = "") -> tuple[Session | None, str]:
    """A game session for a reader who gave ``name`` (and, returning to a class, their code)."""
    session, message = ed.roster.open(ed.story, name, code)
    if session is not None:
        session.short = ed.short
    return session, message


async def posted(request: web.Request, game: bool = True, turn: bool = False) -> Posted | web.Response:
    """Check a form: the reader's own token, a session (named, in a class), with ``game`` a game
    in progress, and with ``turn`` that it comes from the page now shown, not an out-of-date one
    (the Back button)."""
    reader = reader_of(request)
    form = await read_form(request, reader)
    if isinstance(form, web.Response):
        return form
    assert reader is not None
    session = ensure_session(request, reader)
    if session is None or (game and session.state is None):
        return see_other(request, "/")
    if turn and form_text(form, "turn") != str(reader.turn):
        reader.notify(_("That page was out of date, so nothing was changed. Here is where your story is now."))
        return see_other(request, "/play")
    return Posted(reader, form, session)


def form_text(form: MultiDictProxy, name: str, limit: int = 200) -> str:
    """One text field of a form; anything else (a file, too long) counts as empty."""
    value = form.get(name, "")
    return value if isinstance(value, str) and len(value) <= limit else ""
