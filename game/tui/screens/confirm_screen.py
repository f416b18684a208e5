"""A yes/no question in a modal box (quitting mid-story, restarting a role)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from game.l10n import N_, _
from game.story.session import Session


def quit_question(session: Session, command: str = "") -> str:
    """Quitting mid-story: says the progress is saved only when it is, where, and how to go on."""
    if not session.unsaved:
        saved = _(
            "Your progress is saved (in '{slot}'): choose [b]Continue[/b] on the title screen next time, "
            "or start with\n[b]{command}[/b]"
        ).format(slot=escape(session.saved_slot), command=escape(command))
    elif session.unsaved == "saving is switched off":
        saved = _("Saving is switched off: this playthrough will be lost.")
    else:
        saved = _("[b]Your latest progress could NOT be saved[/b] ({reason}): if you quit now, it is lost.").format(
            reason=escape(session.unsaved)
        )
    return _("[b]Quit the game?[/b]") + "\n\n" + saved


class ConfirmScreen(ModalScreen[bool]):
    BINDINGS = [
        Binding("y", "answer(True)", N_("Yes")),
        Binding("n,escape", "answer(False)", N_("No")),
        Binding("left,right", "switch", N_("Switch"), show=False),
    ]

    def __init__(self, question: str, yes: str | None = None, no: str | None = None) -> None:
        super().__init__()
        self.question, self.yes, self.no = question, yes or _("Yes"), no or _("No")

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
