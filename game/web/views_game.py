"""The pages of play: the first page (name, roles, continue), the scene, choosing, going back,
and the end summary with its downloads.

Every change is a POST form answered by a redirect, so reloading a page never repeats a choice,
and a form from an out-of-date page (the Back button) is recognised by its turn number.
"""

from __future__ import annotations

import asyncio
from urllib.parse import quote

from aiohttp import web

from game.l10n import N_, _
from game.story import engine
from game.story.clock import format_clock, iso
from game.story.export import RENDER, safe_stem
from game.story.gallery import found_line
from game.story.meanwhile import has_meanwhile
from game.story.session import Session
from game.story.summary import role_fact_total, summary_to_dict
from game.web.edition import (
    edition,
    ensure_session,
    error_page,
    form_text,
    open_session,
    page,
    posted,
    read_form,
    reader_of,
    reader_or_new,
    see_other,
)
from game.web.readers import Reader, clean_name
from game.web.views_ticket import due as ticket_due

FULL = (
    N_("The web edition is full"),
    N_(
        "Too many readers are connected to this machine right now. Please try again in a few minutes, "
        "or ask your teacher."
    ),
)


async def home(request: web.Request) -> web.Response:
    ed = edition(request)
    reader = reader_or_new(request)
    if reader is None:
        return error_page(request, 503, *(_(text) for text in FULL))
    session = ensure_session(request, reader)
    if session is None:
        return page(request, "name.html", _("Your name"), reader=reader)
    latest = await asyncio.to_thread(session.store.latest) if session.store else None
    current = session.state if session.state is not None and session.state.ending is None else None
    return page(
        request,
        "home.html",
        ed.story.meta.title,
        reader=reader,
        roles=list(ed.story.roles.values()),
        current=current,
        current_scene=ed.story.scenes.get(current.scene) if current else None,
        latest=latest,
        latest_role=ed.story.roles[latest.role].name if latest and latest.role in ed.story.roles else "",
        format_clock=format_clock,
        short=ed.short,
    )


async def name(request: web.Request) -> web.Response:
    ed = edition(request)
    reader = reader_of(request)
    form = await read_form(request, reader)
    if isinstance(form, web.Response):
        return form
    assert reader is not None
    if reader.session is None:
        player = clean_name(form_text(form, "name", 400))
        code = form_text(form, "code", 20).strip()
        session, message = await asyncio.to_thread(open_session, ed, player, code)
        reader.notify(message, kind="info" if session is not None else "error")
        reader.session = session
    return see_other(request, "/")


def _announce_cards(reader: Reader, request: web.Request, cards: list[str]) -> None:
    ed = edition(request)
    for card_id in cards:
        card = ed.story.facts.get(card_id)
        if card is not None:
            reader.notify(_("New fact card: "), f"{ed.base}/facts/{card_id}", card.title)


def after_change(reader: Reader, request: web.Request, session: Session, cards: list[str]) -> None:
    reader.turn += 1
    reader.summary = None
    _announce_cards(reader, request, cards)
    if session.last_error:
        reader.notify(_("Your progress was not saved: {error}").format(error=session.last_error), kind="error")


async def start(request: web.Request) -> web.Response:
    ed = edition(request)
    got = await posted(request, game=False)
    if isinstance(got, web.Response):
        return got
    reader, session = got.reader, got.session
    role = form_text(got.form, "role")
    if role not in ed.story.roles:
        return error_page(
            request, 400, _("No such role"), _("There is no such role in this story. Choose one from the list.")
        )
    async with reader.lock:
        state = await asyncio.to_thread(session.start, role)
        after_change(reader, request, session, list(state.facts))
    return see_other(request, "/play")


async def play(request: web.Request) -> web.Response:
    ed = edition(request)
    reader = reader_of(request)
    if reader is None or not reader.playing():
        return see_other(request, "/")
    assert reader.session is not None
    session = reader.session
    state = session.require()
    story = ed.story
    scene = engine.current_scene(story, state)
    role = story.roles[state.role]
    variables = story.variables_for(state.role)
    ending = scene.ending if state.ending is not None else None
    heading = _("The end: {title}").format(title=ending.title) if ending else (scene.title or scene.where or role.name)
    measures = []
    for var_name in role.measures:
        var = variables.get(var_name)
        if var is not None:
            value = state.vars.get(var_name, var.initial)
            measures.append((var.label, value, var.info.max, var.describe))
    return page(
        request,
        "scene.html",
        heading,
        reader=reader,
        heading=heading,
        scene=scene,
        ending=ending,
        arrival=engine.arrival_text(story, state),
        passages=engine.scene_text(story, state),
        choices=engine.choices(story, state),
        when=format_clock(state.clock),
        when_iso=iso(state.clock),
        measures=measures,
        facts_total=role_fact_total(story, state.role),
        can_rewind=session.can_rewind(),
        ticket_due=ending is not None and ticket_due(reader),
        meanwhile=has_meanwhile(story, state.scene),
        endings_line=_("Endings gallery: {line}").format(line=found_line(*session.gallery.counts(story)))
        if ending
        else "",
        saved=session.autosave_enabled and not session.last_error,
        turn=reader.turn,
    )


async def choose(request: web.Request) -> web.Response:
    got = await posted(request, turn=True)
    if isinstance(got, web.Response):
        return got
    reader, session = got.reader, got.session
    raw = form_text(got.form, "choice", 4)
    async with reader.lock:
        try:
            cards = await asyncio.to_thread(session.choose, int(raw) if raw.isdigit() else -1)
        except engine.EngineError:
            return error_page(
                request,
                400,
                _("That choice is not open"),
                _(
                    "That is not one of the choices open to you here, so nothing was changed. "
                    "Go back to the story and pick one from the list."
                ),
            )
        after_change(reader, request, session, cards)
        if session.exported and session.require().ending is not None:
            reader.notify(_("Your summary was handed in for class {name}.").format(name=session.class_name))
    return see_other(request, "/play")


async def back(request: web.Request) -> web.Response:
    got = await posted(request, turn=True)
    if isinstance(got, web.Response):
        return got
    reader, session = got.reader, got.session
    async with reader.lock:
        if await asyncio.to_thread(session.rewind):
            after_change(reader, request, session, [])
            reader.notify(_("You went back one choice."))
        else:
            reader.notify(_("There is nothing to go back to: this is where your story starts."))
    return see_other(request, "/play")


async def summary_data(request: web.Request, reader: Reader) -> dict | None:
    """The finished game's summary (the same data the exports and the class report read)."""
    session = reader.session
    if session is None or session.state is None or session.state.ending is None:
        return None
    if reader.summary is None or reader.summary[0] != reader.turn:
        data = await asyncio.to_thread(lambda: summary_to_dict(session.summary(), edition(request).story))
        reader.summary = (reader.turn, data)
    return reader.summary[1]


async def summary(request: web.Request) -> web.Response:
    reader = reader_of(request)
    data = await summary_data(request, reader) if reader is not None else None
    if data is None:
        return see_other(request, "/play" if reader is not None and reader.playing() else "/")
    assert reader is not None
    if ticket_due(reader):  # a class session asks the exit ticket before the summary, as the app does
        return see_other(request, "/ticket")
    title = _("Your summary: {title}").format(title=data["ending_title"])
    return page(request, "summary.html", title, reader=reader, data=data)


async def download(request: web.Request) -> web.Response:
    """The summary as a file for the reader's own device (Markdown, an A4 HTML page, or JSON)."""
    fmt = request.match_info["fmt"]
    reader = reader_of(request)
    data = await summary_data(request, reader) if reader is not None and fmt in RENDER else None
    if data is None:
        return error_page(request, 404, _("Nothing to download"), _("There is no finished game to download here."))
    stem = "-".join(safe_stem(x) for x in ("budapest56", data["player"], data["role"]) if x)
    types = {"md": "text/markdown", "html": "text/html", "json": "application/json"}
    return web.Response(
        text=RENDER[fmt](data),
        content_type=types[fmt],
        charset="utf-8",
        headers={"Content-Disposition": attachment(f"{stem}.{fmt}")},
    )


def attachment(name: str) -> str:
    """A Content-Disposition for a file name that may hold any letter (``Dániel-Kovács``): an
    ASCII fallback, and the exact name in RFC 6266's ``filename*`` that browsers prefer."""
    fallback = "".join(c if c.isascii() and c.isprintable() and c not in '"\\' else "_" for c in name)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"
