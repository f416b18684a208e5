"""A scrollable page of Markdown (help; anything read top to bottom)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from game.l10n import N_, _
from game.tui.widgets.keys_footer import KeysFooter
from game.tui.widgets.title_bar import TitleBar


class TextScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,enter", "close", N_("Close"))]

    def __init__(self, markdown: str, name: str = "page", title: str = "") -> None:
        super().__init__(name=name)
        self.markdown = markdown
        self.title_text = title

    def compose(self) -> ComposeResult:
        if self.title_text:
            yield TitleBar(self.title_text, _("↑↓ scroll"))
        with VerticalScroll(id="page"):
            yield Markdown(self.markdown)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#page").focus()

    def action_close(self) -> None:
        self.dismiss(None)
