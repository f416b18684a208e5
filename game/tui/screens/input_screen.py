"""Ask for one line of text in a modal box: the base of the save-slot and name screens."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from game.l10n import N_, _


class InputScreen(ModalScreen[str | None]):
    """Dismisses with the stripped text, or None on Escape; ``check`` returns a problem or ""."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(
        self,
        question: str,
        placeholder: str = "",
        check: Callable[[str], str] | None = None,
        hint: str | None = None,
        value: str = "",
    ) -> None:
        super().__init__()
        self.question, self.placeholder, self.value = question, placeholder, value
        self.hint = hint if hint is not None else _("Enter to confirm · Esc to cancel")
        self.check = check or (lambda _text: "")

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.question, id="question")
            yield Input(value=self.value, placeholder=self.placeholder, id="answer")
            yield Static("", id="problem")
            yield Static(self.hint, classes="dialog-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        problem = self.check(event.value.strip())
        if problem:
            self.query_one("#problem", Static).update(f"✗ {escape(problem)}")
            return
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
