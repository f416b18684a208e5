"""Class sessions: who is playing. A name, and for a returning student the code they were given.

Every tab of a served lesson shares one class folder, so a name alone would let two students'
games mix. A new student is given a short code to write down; a returning one types it, and
sees only their own games.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from game.l10n import N_, _
from game.story.roster import Roster
from game.tui.screens.input_screen import InputScreen


class NameScreen(InputScreen):
    """Dismisses with the name; an empty answer becomes "anonymous" in the app."""

    def __init__(self, class_name: str) -> None:
        super().__init__(
            _(
                "[b]Class {name}[/b]\nType your name or a pseudonym, then press Enter. "
                "Your teacher sees it on your summary at the end."
            ).format(name=escape(class_name)),
            _("a name or a pseudonym"),
            hint=_("Enter to continue (leave it empty to stay anonymous)"),
        )

    def action_cancel(self) -> None:
        self.dismiss("")


class CodeScreen(InputScreen):
    """A returning student types their code; empty means "I am someone new with the same name"."""

    def __init__(self, roster: Roster, name: str) -> None:
        self.roster, self.name_given = roster, name

        def check(code: str) -> str:
            if not code or roster.find(name, code) is not None:
                return ""
            return _("That code does not belong to this name. Check it, or leave it empty to start as a new player.")

        super().__init__(
            _(
                "[b]Welcome back, {name}.[/b]\nType the code you were given when you first played, to "
                "go on with your own game.\n\nNot you? Someone else in this class is called {name}: leave "
                "the code empty and press Enter to start as a new player."
            ).format(name=escape(name)),
            _("your code, e.g. 4821"),
            check=check,
            hint=_("Enter to continue · empty = new player"),
        )

    def action_cancel(self) -> None:
        self.dismiss("")


class YourCodeScreen(ModalScreen[None]):
    """A new student's code, shown large enough to copy down before the game starts."""

    BINDINGS = [Binding("enter,escape,space", "done", N_("Continue"))]

    def __init__(self, name: str, code: str) -> None:
        super().__init__()
        self.name_given, self.code = name, code

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(
                "[b]" + _("{name}, your code is").format(name=escape(self.name_given)) + "[/b]\n\n"
                f"[b reverse] {' '.join(self.code)} [/b reverse]\n\n"
                + _(
                    "Write it down. If you close this tab or come back next lesson, type your name and this "
                    "code to go on with your own game. Nobody else's game can get mixed with yours."
                ),
                id="question",
            )
            yield Button(_("I have written it down (Enter)"), id="yes", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_done(self) -> None:
        self.dismiss(None)
