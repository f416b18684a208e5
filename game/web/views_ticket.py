"""The exit ticket in the web edition: the same questions as the app and plain mode, one form each.

A class session asks it after the ending and before the summary (game.story.ticket builds and
scores the questions; this module only asks). Each answer is a POST answered by a redirect, so a
reload never answers twice; a wrong form of answer is said in the page's alert and loses nothing.
At the last question the answers go into the summary already handed in, as in the app.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from aiohttp import web

from game.l10n import _
from game.story.ticket import Question, Response, feedback, hint, ordinal, parse_answer, respond
from game.web.edition import form_text, page, posted, reader_of, see_other
from game.web.readers import Reader


@dataclass
class TicketRun:
    """One reader's exit ticket in progress, for the game of ``turn`` (a new game starts afresh)."""

    turn: int
    questions: list[Question]
    responses: list[Response] = field(default_factory=list)
    answered: bool = False  # the last answer's feedback is on the page, waiting for "Next"
    done: bool = False

    @property
    def question(self) -> Question:
        return self.questions[len(self.responses) - (1 if self.answered else 0)]


def due(reader: Reader) -> bool:
    """A class session whose summary was just handed in asks the exit ticket once."""
    session = reader.session
    if session is None or not session.ticket_due():
        return False
    run = reader.ticket
    return not (run is not None and run.turn == reader.turn and run.done)


async def _run(reader: Reader) -> TicketRun:
    run = reader.ticket
    if run is None or run.turn != reader.turn:
        assert reader.session is not None
        questions = await asyncio.to_thread(reader.session.ticket_questions)
        run = reader.ticket = TicketRun(reader.turn, questions, done=not questions)
    return run


async def ticket(request: web.Request) -> web.Response:
    reader = reader_of(request)
    if reader is None or not due(reader):
        return see_other(request, "/summary" if reader is not None and reader.playing() else "/")
    run = await _run(reader)
    if run.done:
        return see_other(request, "/summary")
    return _question_page(request, reader, run)


def _question_page(request: web.Request, reader: Reader, run: TicketRun, problem: str = "") -> web.Response:
    q = run.question
    n = len(run.responses) + (0 if run.answered else 1)
    last = run.responses[-1] if run.answered else None
    mine = ""
    if last is not None and q.kind == "order" and isinstance(last.given, list):
        mine = " → ".join(q.options[i] for i in last.given)
    heading = _("Exit ticket: question {n} of {total}").format(n=n, total=len(run.questions))
    return page(
        request,
        "ticket.html",
        heading,
        status=400 if problem else 200,
        reader=reader,
        heading=heading,
        q=q,
        positions=[_("{ordinal} (earliest)").format(ordinal=ordinal(0))]
        + [ordinal(i) for i in range(1, len(q.options))],
        hint=hint(q) if q.kind == "text" else "",
        problem=problem,
        response=last,
        feedback=feedback(last) if last is not None else "",
        mine=mine,
        last=n == len(run.questions),
    )


async def answer(request: web.Request) -> web.Response:
    got = await posted(request)
    if isinstance(got, web.Response):
        return got
    reader = got.reader
    if not due(reader):
        return see_other(request, "/summary")
    async with reader.lock:
        run = await _run(reader)
        if run.done or run.answered:
            return see_other(request, "/ticket")
        q = run.question
        if q.kind == "order":
            places = [form_text(got.form, f"place{i}", 4) for i in range(len(q.options))]
            if len(set(places)) != len(places) or "" in places:
                problem = _("Choose each event once: one for every place, the earliest first.")
                return _question_page(request, reader, run, problem=problem)
            typed = " ".join(places)
        else:
            typed = form_text(got.form, "answer", 2000)
        try:
            given = parse_answer(q, typed)
        except ValueError as exc:
            return _question_page(request, reader, run, problem=str(exc).capitalize() + ".")
        run.responses.append(respond(q, given))
        run.answered = True
    return see_other(request, "/ticket")


async def next_question(request: web.Request) -> web.Response:
    got = await posted(request)
    if isinstance(got, web.Response):
        return got
    reader, session = got.reader, got.session
    if not due(reader):
        return see_other(request, "/summary")
    async with reader.lock:
        run = await _run(reader)
        run.answered = False
        if len(run.responses) < len(run.questions):
            return see_other(request, "/ticket")
        run.done = True
        if await asyncio.to_thread(session.hand_in_ticket, run.responses):
            reader.notify(_("Your answers were handed in with your summary."))
        else:
            reader.notify(session.last_error, kind="error")
        reader.summary = None
    return see_other(request, "/summary")
