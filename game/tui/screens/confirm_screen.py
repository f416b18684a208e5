"""A yes/no question in a modal box (quitting mid-story, restarting a role)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from game.story.session import Session


def quit_question(session: Session) -> str:
    """Quitting mid-story: says the progress is saved only when it is, and where."""
    if not session.unsaved:
        saved = (
            f"Your progress is saved (in '{escape(session.saved_slot)}'): choose [b]Continue[/b] on the title "
            "screen next time."
        )
    elif session.unsaved == "saving is switched off":
        saved = "Saving is switched off: this playthrough will be lost."
    else:
        saved = (
            f"[b]Your latest progress could NOT be saved[/b] ({escape(session.unsaved)}): if you quit now, it is lost."
        )
    return f"[b]Quit the game?[/b]\n\n{saved}"


class ConfirmScreen(ModalScreen[bool]):
    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
        Binding("left,right", "switch", "Switch", show=False),
    ]

    def __init__(self, question: str, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question, self.yes, self.no = question, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.question, id="question")
            with Horizontal(id="buttons"):
                yield Button(f"{self.yes} (y)", id="yes", variant="primary")
                yield Button(f"{self.no} (n)", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_switch(self) -> None:
        self.focus_next(Button)

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)
