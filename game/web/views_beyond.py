"""Beyond the page of play, as in the app: Meanwhile… (the other roles at the same moment) and the
endings gallery (what this reader has found in each role, and hints for the rest).

Both read the same model as the full-screen app and plain mode (game.story.meanwhile and
game.story.gallery); in a class session Meanwhile also says what classmates chose there, from
the summaries the class folder has collected.
"""

from __future__ import annotations

import asyncio

from aiohttp import web

from game.l10n import _
from game.story.meanwhile import moments
from game.web.edition import edition, ensure_session, page, reader_of, see_other


async def meanwhile(request: web.Request) -> web.Response:
    ed = edition(request)
    reader = reader_of(request)
    if reader is None or not reader.playing():
        return see_other(request, "/")
    session = reader.session
    assert session is not None
    state = session.require()
    student = session.student.id if session.student else ""
    found = await asyncio.to_thread(moments, ed.story, state.scene, session.class_dir, student)
    return page(
        request,
        "meanwhile.html",
        _("Meanwhile…"),
        reader=reader,
        moments=found,
        in_class=session.class_dir is not None,
        timeline=ed.story.timeline,
    )


async def endings(request: web.Request) -> web.Response:
    ed = edition(request)
    reader = reader_of(request)
    session = ensure_session(request, reader) if reader is not None else None
    if session is None:
        return see_other(request, "/")
    views = session.gallery.view(ed.story)
    return page(request, "endings.html", _("Endings gallery"), reader=reader, views=views)
