"""The exit ticket: three to five questions on the student's own path, after the ending, before the summary.

Shown only in a class session. One question at a time: pick an option (or, for an order, pick
the earliest event, then the next), or type one sentence; then the right answer and its source
are shown, and Enter goes on. The questions and the scoring are the model's
(``game.story.ticket``); this screen only asks. At the end the answers are handed in with the
summary and the app shows the summary.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from game.l10n import _
from game.story.ticket import Question, Response, feedback, ordinal, parse_answer, respond
from game.tui.widgets.keys_footer import KeysFooter
from game.tui.widgets.title_bar import TitleBar


class TicketScreen(Screen[None]):
    BINDINGS = [Binding(str(n), f"pick({n})", show=False) for n in range(1, 10)]

    def __init__(self, questions: list[Question]) -> None:
        super().__init__()
        self.questions = questions
        self.at = 0
        self.order: list[int] = []  # option positions picked so far, for an order question
        self.responses: list[Response] = []

    def compose(self) -> ComposeResult:
        yield TitleBar(
            _("EXIT TICKET"), _("a number, or ↑↓ and Enter · answers go to your teacher"), back="", id="ticket-bar"
        )
        with VerticalScroll(id="ticket"):
            yield Static("", id="ticket-count")
            yield Static("", id="ticket-prompt")
            yield Static("", id="ticket-order")
            yield OptionList(id="ticket-options")
            yield Input(placeholder=_("one sentence, then Enter"), id="ticket-text")
            yield Static("", id="ticket-problem")
            yield Static("", id="ticket-feedback")
            yield Button(_("Next (Enter)"), id="ticket-next", variant="primary")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.show_question()

    @property
    def question(self) -> Question:
        return self.questions[self.at]

    def show_question(self) -> None:
        q = self.question
        self.order = []
        self.query_one("#ticket-count", Static).update(
            "[b]"
            + _("Question {n} of {total}").format(n=self.at + 1, total=len(self.questions))
            + "[/b]"
            + ("" if q.scored else "  [dim](your own words: not marked)[/dim]")
        )
        self.query_one("#ticket-prompt", Static).update(escape(q.prompt))
        self.query_one("#ticket-order", Static).update("")
        self.query_one("#ticket-problem", Static).update("")
        self.query_one("#ticket-feedback", Static).update("")
        self.query_one("#ticket-next", Button).display = False
        options = self.query_one("#ticket-options", OptionList)
        text = self.query_one("#ticket-text", Input)
        options.display = q.kind != "text"
        text.display = q.kind == "text"
        if q.kind == "text":
            text.value = ""
            text.focus()
            return
        options.clear_options()
        options.add_options([Option(f"{n}. {escape(o)}", id=str(n - 1)) for n, o in enumerate(q.options, 1)])
        options.highlighted = 0
        options.focus()
        if q.kind == "order":
            self.query_one("#ticket-order", Static).update(_("Pick the [b]earliest[/b] first."))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.choose(int(event.option.id or 0))

    def action_pick(self, n: int) -> None:
        """A number key picks that option, as Enter on it would."""
        options = self.query_one("#ticket-options", OptionList)
        if options.display and 1 <= n <= options.option_count and not options.get_option_at_index(n - 1).disabled:
            self.choose(n - 1)

    def choose(self, pos: int) -> None:
        q = self.question
        if q.kind == "choice":
            self.answer([pos])
            return
        options = self.query_one("#ticket-options", OptionList)
        self.order.append(pos)
        options.disable_option(str(pos))
        left = [i for i in range(len(q.options)) if i not in self.order]
        if len(left) == 1:
            self.order += left
            self.answer(self.order)
            return
        picked = " · ".join(f"{ordinal(n)}: {escape(q.options[i])}" for n, i in enumerate(self.order))
        self.query_one("#ticket-order", Static).update(picked + "\n" + _("Now pick the [b]next[/b] one."))
        options.highlighted = left[0]

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            given = parse_answer(self.question, event.value)
        except ValueError as exc:
            self.query_one("#ticket-problem", Static).update(f"✗ {escape(str(exc).capitalize())}")
            return
        self.answer(given)

    def answer(self, given: list[int] | str) -> None:
        response = respond(self.question, given)
        self.responses.append(response)
        q = self.question
        if q.kind == "order":
            mine = " → ".join(q.options[i] for i in response.given) if isinstance(response.given, list) else ""
            self.query_one("#ticket-order", Static).update(_("Your order: {order}").format(order=escape(mine)))
        self.query_one("#ticket-options", OptionList).display = False
        self.query_one("#ticket-text", Input).display = False
        self.query_one("#ticket-problem", Static).update("")
        mark = "" if response.correct is None else ("[b green]✓[/] " if response.correct else "[b red]✗[/] ")
        self.query_one("#ticket-feedback", Static).update(mark + escape(feedback(response)))
        button = self.query_one("#ticket-next", Button)
        button.label = _("Next (Enter)") if self.at + 1 < len(self.questions) else _("See your summary (Enter)")
        button.display = True
        button.focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.at += 1
        if self.at < len(self.questions):
            self.show_question()
            return
        session = self.app.session
        if not session.hand_in_ticket(self.responses):
            self.notify(session.last_error, severity="warning", timeout=10, markup=False)
        self.app.show_scene()
