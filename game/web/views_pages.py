"""The reference pages beside the story: fact cards, the glossary, the sources, and saves.

Fact cards show only what this reader has found (no spoilers); the glossary and the sources are
open to everyone. Saving and loading use the reader's own SaveStore, the same files as the game.
"""

from __future__ import annotations

import asyncio

from aiohttp import web

from game.l10n import _
from game.story.clock import format_short
from game.story.saves import SaveError, check_slot
from game.story.summary import role_fact_total
from game.web.edition import edition, ensure_session, error_page, form_text, page, posted, reader_of, see_other
from game.web.readers import Reader
from game.web.views_game import after_change


def _found(reader: Reader | None) -> list[str]:
    if reader is None or not reader.playing():
        return []
    assert reader.session is not None
    return list(reader.session.require().facts)


async def facts(request: web.Request) -> web.Response:
    ed = edition(request)
    reader = reader_of(request)
    found = [ed.story.facts[f] for f in _found(reader) if f in ed.story.facts]
    state = reader.session.state if reader is not None and reader.session is not None else None
    total = role_fact_total(ed.story, state.role) if state is not None else 0
    return page(request, "facts.html", _("Fact cards"), cards=found, total=total)


async def card(request: web.Request) -> web.Response:
    ed = edition(request)
    card_id = request.match_info["card"]
    if card_id not in _found(reader_of(request)) or card_id not in ed.story.facts:
        return error_page(
            request, 404, _("Card not found"), _("You have not found this fact card in your story (yet). Keep playing.")
        )
    return page(request, "card.html", ed.story.facts[card_id].title, card=ed.story.facts[card_id])


async def glossary(request: web.Request) -> web.Response:
    entries = sorted(edition(request).story.glossary.values(), key=lambda g: g.term.casefold())
    return page(request, "glossary.html", _("Glossary"), entries=entries)


async def entry(request: web.Request) -> web.Response:
    ed = edition(request)
    found = ed.story.glossary.get(request.match_info["term"])
    if found is None:
        return error_page(request, 404, _("Word not found"), _("That word is not in the glossary."))
    return page(request, "entry.html", found.term, entry=found)


async def sources(request: web.Request) -> web.Response:
    listed = sorted(edition(request).story.sources.values(), key=lambda s: s.short_title().casefold())
    return page(request, "sources.html", _("Sources"), sources=listed)


async def saves(request: web.Request) -> web.Response:
    ed = edition(request)
    reader = reader_of(request)
    if reader is None or ensure_session(request, reader) is None:
        return see_other(request, "/")
    assert reader.session is not None
    store = reader.session.store
    listed = await asyncio.to_thread(store.list) if store is not None else []
    roles = {r.id: r.name for r in ed.story.roles.values()}
    return page(
        request, "saves.html", _("Save or load"), reader=reader, saves=listed, roles=roles, format_short=format_short
    )


async def save(request: web.Request) -> web.Response:
    got = await posted(request)
    if isinstance(got, web.Response):
        return got
    reader, session = got.reader, got.session
    slot = form_text(got.form, "slot", 100).strip()
    try:
        check_slot(slot)
    except SaveError as exc:
        reader.notify(str(exc), kind="error")
        return see_other(request, "/saves")
    async with reader.lock:
        if await asyncio.to_thread(session.save, slot):
            reader.notify(_("Saved as '{slot}'.").format(slot=slot))
        else:
            reader.notify(session.last_error, kind="error")
    return see_other(request, "/saves")


async def load(request: web.Request) -> web.Response:
    """Load a save by slot name, or (``slot`` empty) continue the most recent one."""
    ed = edition(request)
    got = await posted(request, game=False)
    if isinstance(got, web.Response):
        return got
    reader, session = got.reader, got.session
    store = session.store
    if store is None:
        return see_other(request, "/")
    slot = form_text(got.form, "slot", 100)
    async with reader.lock:
        try:
            if not slot:
                latest = await asyncio.to_thread(store.latest)
                if latest is None:
                    raise SaveError("there is no saved game to continue")
                loaded = await asyncio.to_thread(store.load_path, latest.path, ed.story)
            else:
                loaded = await asyncio.to_thread(store.load, slot, ed.story)
        except SaveError as exc:
            reader.notify(
                _("Could not load that game: {error}. The file was left as it is.").format(error=exc), kind="error"
            )
            return see_other(request, "/saves")
        if loaded.scene_missing:
            reader.notify(
                _("That save stopped at a scene the story no longer has; the role starts again. The old save is kept.")
            )
            state = await asyncio.to_thread(session.start, loaded.state.role)
            after_change(reader, request, session, list(state.facts))
        else:
            session.resume(loaded)
            after_change(reader, request, session, [])
            if loaded.story_changed:
                reader.notify(_("The story has been edited since this game was saved; it goes on where it can."))
            else:
                reader.notify(_("Your game is back where you left it."))
    return see_other(request, "/play")
