"""Ask for one line of text: a save name, or a student's name or pseudonym."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class InputScreen(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str, placeholder: str = "", check: Callable[[str], str] | None = None) -> None:
        super().__init__()
        self.question, self.placeholder = question, placeholder
        self.check = check or (lambda _text: "")

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.question, id="question")
            yield Input(placeholder=self.placeholder, id="answer")
            yield Static("", id="problem")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        problem = self.check(event.value.strip())
        if problem:
            self.query_one("#problem", Static).update(problem)
            return
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
