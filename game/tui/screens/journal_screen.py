"""The journal page (key j): the path so far, scrollable."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen

from game.l10n import N_, _
from game.story.model import Story
from game.story.state import GameState
from game.tui.widgets.journal import Journal
from game.tui.widgets.keys_footer import KeysFooter
from game.tui.widgets.title_bar import TitleBar


class JournalScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,j,enter", "close", N_("Close"))]

    def __init__(self, story: Story, state: GameState) -> None:
        super().__init__(name="journal")
        self.story, self.state = story, state

    def compose(self) -> ComposeResult:
        yield TitleBar(_("Your journal"), _("↑↓ scroll"))
        with VerticalScroll(id="page"):
            yield Journal(id="journal")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one(Journal).show(self.story, self.state)
        page = self.query_one("#page", VerticalScroll)
        page.focus()
        page.scroll_end(animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
