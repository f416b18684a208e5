"""Plain mode: the whole game as plain lines on standard output, choices read from standard input.

For screen readers, school terminals that cannot run a full-screen app, and scripts:
``printf '1\\n2\\n' | budapest56 play --plain --role radio --seed 3`` plays a fixed path.
It drives the same Session (engine, saves, cards, glossary, summary) as the Textual app.
This module reads and understands what the player types; ``game.plain_render`` prints.
"""

from __future__ import annotations

import sys
from typing import TextIO

from game.l10n import _
from game.plain_end import PLAY_ON, PlainEnd
from game.plain_render import HELP, PlainView
from game.story import engine, ticket
from game.story.export import to_markdown
from game.story.meanwhile import moments
from game.story.meanwhile import to_markdown as meanwhile_markdown
from game.story.session import Session
from game.story.summary import summary_to_dict

__all__ = ["HELP", "PlainGame"]


class PlainGame:
    """The command loop: one line in, one action on the session, the view prints the result."""

    def __init__(self, session: Session, out: TextIO = sys.stdout, inp: TextIO = sys.stdin, width: int = 78):
        self.s = session
        self.story = session.story
        self.inp = inp
        self.view = PlainView(session.story, out, width)
        self.say = self.view.say

    def ask(self, prompt: str) -> str | None:
        """One line of input, or None at the end of input."""
        self.view.prompt(prompt)
        line = self.inp.readline()
        if not line:
            self.say()
            return None
        return line.strip()

    def title(self) -> None:
        self.view.title()

    def pick_role(self) -> str | None:
        roles = list(self.story.roles.values())
        self.view.roles(roles)
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
            if answer.isdigit() and 1 <= int(answer) <= len(roles):
                return roles[int(answer) - 1].id
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
                    if self.s.autosave_enabled:
                        self.say(
                            _("End of input. Your progress is saved in slot '{slot}'; nothing was lost.").format(
                                slot=self.s.autosave_slot()
                            )
                        )
                    else:
                        self.say(_("End of input. Your progress is saved; nothing was lost."))
                    return 1
                result = self.command(answer, views)
                if result == "quit":
                    self.say(
                        _("Goodbye. Your progress is saved; continue with: {command}").format(
                            command="budapest56 play --load " + self.s.autosave_slot()
                        )
                    )
                    return 0
                if isinstance(result, list):
                    unlocked = result
                    break
                if result == "redraw":
                    break

    def command(self, answer: str, views: list[engine.ChoiceView]) -> list[str] | str | None:
        """Handle one line; a list means a choice was taken (the cards it unlocked)."""
        word, _sep, rest = answer.partition(" ")
        rest = rest.strip()
        if answer.isdigit():
            return self.pick(int(answer), views)
        if word in ("h", "help", "?"):
            self.say(_(HELP))
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
            if self.s.rewind():
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
        elif not which.isdigit() or not 1 <= int(which) <= len(found):
            self.say(_("Type 'f' and a number from 1 to {n}.").format(n=len(found)))
        else:
            card = found[int(which) - 1]
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
                    self.say(f"{str(exc).capitalize()}." + (f" {ticket.hint(q)}." if q.scored else ""))
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
        self.view.page_lines(meanwhile_markdown(found, in_class=self.s.class_dir is not None))

    def finish(self) -> int | str:
        """The exit ticket (in a class), the summary, then the end menu; PLAY_ON after going back."""
        if self.s.ticket_due():
            self.exit_ticket()
        summary = self.s.summary()
        self.view.summary(to_markdown(summary_to_dict(summary, self.story)))
        if self.s.exported:
            self.say(
                _("Your summary was collected for class '{name}': {path}").format(
                    name=self.s.class_name, path=self.s.exported[0]
                )
            )
        return PlainEnd(self).run()
