"""Beyond the page of play, as in the app: Meanwhile… (the other roles at the same moment), the
endings gallery (what this reader has found in each role, and hints for the rest) and What if?
(at the end: every choice at each key decision taken, and the endings behind it).

All read the same model as the full-screen app and plain mode (game.story.meanwhile,
game.story.gallery, game.story.whatif); in a class session Meanwhile also says what classmates chose there, from
the summaries the class folder has collected.
"""

from __future__ import annotations

import asyncio

from aiohttp import web

from game.l10n import _, format_number, format_percent
from game.story.meanwhile import moments
from game.web.edition import edition, ensure_session, form_text, page, playing, posted, reader_of, see_other


async def meanwhile(request: web.Request) -> web.Response:
    ed = edition(request)
    game = playing(request)
    if game is None:
        return see_other(request, "/")
    reader, session = game
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


async def what_if(request: web.Request) -> web.Response:
    """At the end: each key decision taken, every choice there and the endings behind it."""
    from game.story.whatif import FUTURE, decision_steps

    ed = edition(request)
    game = playing(request)
    if game is None:
        return see_other(request, "/")
    reader, session = game
    state = session.require()
    if state.ending is None:
        return see_other(request, "/play")
    points = []
    problem = ""
    if decision_steps(ed.story, state):
        try:  # the first opening of a role walks all of it (seconds); later ones are a lookup
            points = await asyncio.to_thread(session.what_ifs)
        except Exception as exc:  # never a traceback in a lesson: say it, the game goes on
            problem = _("Could not count the futures: {error}").format(error=exc)
    return page(
        request,
        "whatif.html",
        _("What if?"),
        reader=reader,
        points=points,
        problem=problem,
        can_play=session.rewind_allowed,
        future=_(FUTURE),
        turn=reader.turn,
        format_percent=format_percent,
        format_number=format_number,
    )


async def play_again(request: web.Request) -> web.Response:
    """What if?'s “play it from there”: back to just before a key decision, as one rewind."""
    from game.web.views_game import after_change

    got = await posted(request, turn=True)
    if isinstance(got, web.Response):
        return got
    reader, session = got.reader, got.session
    step = form_text(got.form, "step", 6)
    async with reader.lock:
        if not session.rewind_allowed:
            reader.notify(_("Your teacher has switched going back off for this lesson: your choices stand."))
            return see_other(request, "/whatif")
        if step.isdigit() and await asyncio.to_thread(session.back_to, int(step)):
            after_change(reader, request, session, [])
            reader.notify(_("You are back at that decision, with everything as it was then."))
            return see_other(request, "/play")
        reader.notify(_("This game cannot go back that far."), kind="error")
    return see_other(request, "/whatif")
