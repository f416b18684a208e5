"""Plain mode: the whole game as plain lines on standard output, choices read from standard input.

For screen readers, school terminals that cannot run a full-screen app, and scripts:
``printf '1\\n2\\n' | budapest56 play --plain --role radio --seed 3`` plays a fixed path.
It drives the same Session (engine, saves, cards, glossary, summary) as the Textual app.
This module reads and understands what the player types; ``game.plain_render`` prints.
"""

from __future__ import annotations

import contextlib
import shlex
import sys
from pathlib import Path
from typing import TextIO

from game.l10n import _, format_number
from game.locations import default_saves, shipped_story
from game.plain_end import PLAY_ON, PlainEnd
from game.plain_pages import meanwhile_paragraphs
from game.plain_render import HELP, PlainView
from game.story import engine, ticket
from game.story.meanwhile import moments
from game.story.printable import printable
from game.story.sentences import full_stop
from game.story.session import Session
from game.story.summary import summary_to_dict

__all__ = ["HELP", "LINE_LIMIT", "PlainGame", "number"]

LINE_LIMIT = 1000  # characters in one typed line; longer lines are refused before anything reads them
NUMBER_DIGITS = 6


def number(text: str) -> int | None:
    """The number a player typed, or None: ASCII digits only ("²" and "٣" are digits to Python,
    not to ``int``), and short enough that a 5,000-digit answer costs nothing."""
    if text.isascii() and text.isdigit() and len(text) <= NUMBER_DIGITS:
        return int(text)
    return None


class PlainGame:
    """The command loop: one line in, one action on the session, the view prints the result."""

    def __init__(self, session: Session, out: TextIO | None = None, inp: TextIO | None = None, width: int = 78):
        out = out or sys.stdout  # looked up now, not when the module was imported
        inp = inp or sys.stdin
        self.s = session
        self.story = session.story
        self.inp = inp
        for stream in (inp, out):  # bytes that are not UTF-8 in, or a terminal that cannot show a letter
            with contextlib.suppress(AttributeError, ValueError, OSError):
                stream.reconfigure(errors="replace")  # type: ignore[union-attr]
        self.view = PlainView(session.story, out, width)
        self.say = self.view.say

    def ask(self, prompt: str) -> str | None:
        """One line of input, cleaned of control characters, or None at the end of input.

        A line longer than ``LINE_LIMIT`` is read in bounded pieces, refused with a message and
        asked for again: a 10 MB line must not cost minutes of wrapping or echo back to the screen.
        """
        while True:
            self.view.prompt(prompt)
            line = self.inp.readline(LINE_LIMIT + 1)
            if not line:
                self.say()
                return None
            if len(line) <= LINE_LIMIT or line.endswith("\n"):
                return printable(line).strip()
            while line and not line.endswith("\n"):  # skip the rest of the long line
                line = self.inp.readline(64 * 1024)
            too_long = _("That line is too long (over {limit} characters), so it was ignored. Type it again, shorter.")
            self.say(too_long.format(limit=format_number(LINE_LIMIT)))
            if not line:
                self.say()
                return None

    def title(self) -> None:
        self.view.title()

    def pick_role(self) -> str | None:
        roles = list(self.story.roles.values())
        self.view.roles(roles, self.s.short)
        views = self.s.gallery.view(self.story)
        if any(v.found for v in views):
            counts = "; ".join(
                _("{role}: {found} of {total}").format(role=v.name, found=len(v.found), total=v.total) for v in views
            )
            line = _("Endings you have found so far — {counts}. Type 'g' at the end of a story to see them.")
            self.say(line.format(counts=counts))
        while True:
            answer = self.ask(_("Role number> "))
            if answer is None:
                self.say(_("End of input before a role was chosen. Nothing was started."))
                return None
            n = number(answer)
            if n is not None and 1 <= n <= len(roles):
                return roles[n - 1].id
            self.say(_("Please type a number from 1 to {n}.").format(n=len(roles)))

    def play(self) -> int:
        unlocked = list(self.s.require().facts)
        while True:
            state = self.s.require()
            views = self.view.scene(state, unlocked)
            unlocked = []
            if state.ending is not None:
                ended = self.finish()
                if ended != PLAY_ON:
                    return int(ended)
                continue
            while True:
                answer = self.ask("> ")
                if answer is None:
                    if self.s.unsaved:
                        self.say(_("End of input.") + " " + self.not_kept())
                    else:
                        self.say(
                            _("End of input. Your progress is saved in slot '{slot}'; nothing was lost.").format(
                                slot=self.s.saved_slot
                            )
                        )
                    return 1
                result = self.command(answer, views)
                if result == "quit":
                    if self.s.unsaved:
                        self.say(_("Goodbye.") + " " + self.not_kept())
                    else:
                        self.resume_hint()
                    return 0
                if isinstance(result, list) or result == "redraw":
                    if self.s.last_error and self.s.require().ending is None:
                        self.warn_unsaved()
                    unlocked = result if isinstance(result, list) else []
                    break

    def warn_unsaved(self) -> None:
        """Said at once, after the choice whose save failed: the player may want to stop here."""
        self.say(
            _("Warning: {error} You can play on, but this game is not being kept.").format(
                error=full_stop(self.s.last_error)
            )
        )

    def not_kept(self) -> str:
        if self.s.unsaved == "saving is switched off":
            return _("Saving is switched off, so this game is not kept.")
        return _("Your latest progress could NOT be saved: {error} It is lost when the game ends.").format(
            error=full_stop(self.s.unsaved)
        )

    def resume_hint(self) -> None:
        """How to go on next time, with the same story, saves folder and class as this game.

        The command is printed on a line of its own, never wrapped, so it can be copied whole.
        """
        command = ["budapest56", "play", "--plain"]
        if Path(self.story.root).resolve() != shipped_story().resolve():
            command += ["--story", str(self.story.root)]
        saves = self.s.class_dir.parent if self.s.class_dir is not None else self.s.store.root if self.s.store else None
        if saves is not None and saves.resolve() != default_saves().resolve():
            command += ["--saves-dir", str(saves)]
        if self.s.class_name:
            command += ["--class", self.s.class_name]
            self.say(_("Goodbye. Your progress is saved. To go on next time, run:"))
            self.view.verbatim(shlex.join(command))
            if self.s.student:
                then = _("then type your name ({name}) and your code ({code}).")
                self.say(then.format(name=self.s.player, code=self.s.student.code))
            else:
                self.say(_("then type your name ({name}).").format(name=self.s.player))
            return
        self.say(_("Goodbye. Your progress is saved; continue with:"))
        self.view.verbatim(shlex.join([*command, "--load", self.s.saved_slot]))

    def command(self, answer: str, views: list[engine.ChoiceView]) -> list[str] | str | None:
        """Handle one line; a list means a choice was taken (the cards it unlocked)."""
        word, _sep, rest = answer.partition(" ")
        rest = rest.strip()
        if answer.isdigit():
            n = number(answer)
            if n is None:
                self.say(_("Type a number from 1 to {n}, or h for help.").format(n=len(views)))
                return None
            return self.pick(n, views)
        if word in ("h", "help", "?"):
            self.view.lines(_(HELP))
        elif word == "q":
            return "quit"
        elif word == "f":
            self.facts(rest)
        elif word == "g":
            self.glossary(rest)
        elif word == "t":
            self.view.scene_terms(self.s.require())
        elif word == "m":
            self.view.measures(self.s.require())
        elif word == "o":
            self.meanwhile()
        elif word == "r":
            if not self.s.rewind_allowed:
                self.say(_("Your teacher has switched going back off for this lesson: your choices stand."))
            elif self.s.rewind():
                self.say(_("You go back one choice."))
                return "redraw"
            self.say(_("There is nothing to go back to."))
        elif word == "s":
            self.save(rest)
        elif not answer:
            self.say(_("Type the number of a choice, or h for help."))
        else:
            self.say(_("'{answer}' is not a choice or a command. Type a number, or h for help.").format(answer=answer))
        return None

    def pick(self, n: int, views: list[engine.ChoiceView]) -> list[str] | None:
        if not 1 <= n <= len(views):
            self.say(
                _("There is no choice {n}: type a number from 1 to {count}, or h for help.").format(
                    n=n, count=len(views)
                )
            )
            return None
        view = views[n - 1]
        if not view.enabled:
            self.say(_("That choice is not open: {reason}").format(reason=view.reason))
            return None
        return self.s.choose(view.index)

    def facts(self, which: str) -> None:
        found = self.s.require().facts
        if not found:
            self.say(_("You have not found any fact cards yet."))
        elif not which:
            self.view.fact_list(found)
        elif (n := number(which)) is None or not 1 <= n <= len(found):
            self.say(_("Type 'f' and a number from 1 to {n}.").format(n=len(found)))
        else:
            card = found[n - 1]
            self.s.open_card(card)
            self.view.fact_card(self.story.facts[card])

    def glossary(self, term: str) -> None:
        if not term:
            self.view.glossary_list()
            return
        key = term.casefold()
        for entry in self.story.glossary.values():
            if key in (entry.id.casefold(), entry.term.casefold(), entry.hungarian.casefold()):
                self.view.glossary_entry(entry)
                return
        close = [g.term for g in self.story.glossary.values() if key in g.term.casefold() or key in g.id]
        hint = (
            _("Did you mean: {words}?").format(words=", ".join(close)) if close else _("Type 'g' alone for the list.")
        )
        self.say(_("'{term}' is not in the glossary.").format(term=term) + " " + hint)

    def exit_ticket(self) -> None:
        """The exit ticket of a class session, one question at a time; the answers go with the summary."""
        questions = self.s.ticket_questions()
        if not questions:
            return
        self.say()
        self.say(
            _("EXIT TICKET: {n} questions on your own path. Your answers go to your teacher.").format(n=len(questions))
        )
        responses = []
        for n, q in enumerate(questions, 1):
            self.view.ticket_question(n, len(questions), q)
            while True:
                answer = self.ask(_("Answer> "))
                if answer is None:
                    self.say(_("End of input: the rest of the exit ticket is left unanswered."))
                    self.s.hand_in_ticket(responses)
                    return
                try:
                    given = ticket.parse_answer(q, answer)
                except ValueError as exc:
                    self.say(full_stop(str(exc).capitalize()) + (" " + full_stop(ticket.hint(q)) if q.scored else ""))
                    continue
                break
            response = ticket.respond(q, given)
            responses.append(response)
            self.say(ticket.feedback(response))
        if not self.s.hand_in_ticket(responses):
            self.say(self.s.last_error)

    def save(self, slot: str) -> None:
        if not slot:
            self.say(_("Type 's' and a name, e.g. s lesson-2"))
            return
        if self.s.save(slot):
            self.say(_("Saved as '{slot}'.").format(slot=slot))
        else:
            self.say(self.s.last_error)

    def meanwhile(self) -> None:
        student = self.s.student.id if self.s.student else ""
        found = moments(self.story, self.s.require().scene, self.s.class_dir, student)
        if not found:
            self.say(_("No other role's story passes through this moment."))
            return
        self.view.paragraphs(meanwhile_paragraphs(found, in_class=self.s.class_dir is not None))

    def finish(self) -> int | str:
        """The exit ticket if due, the summary, the truth about it (handed in or not), then the end
        menu (What if?, the gallery, going back, export); PLAY_ON when the player went back."""
        if self.s.ticket_due():
            self.exit_ticket()
        summary = self.s.summary()
        self.view.summary(summary_to_dict(summary, self.story))
        code = 0
        if self.s.exported:
            self.say(
                _("Your summary was collected for class '{name}': {path}").format(
                    name=self.s.class_name, path=self.s.exported[0]
                )
            )
        elif self.s.class_name and self.s.class_folder() is not None:
            problem = self.s.last_error or _("your summary was not handed in for class '{name}'").format(
                name=self.s.class_name
            )
            self.say(
                _("Warning: {problem} Tell your teacher; type e below to keep a copy yourself.").format(
                    problem=full_stop(problem)
                )
            )
            code = 1
        elif self.s.last_error:
            self.say(_("Warning: {problem}").format(problem=full_stop(self.s.last_error)))
        ended = PlainEnd(self).run()
        return code if ended == 0 else ended
