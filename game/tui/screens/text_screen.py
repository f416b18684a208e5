"""A scrollable page of Markdown: help, a fact card, a glossary entry, the journal."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Markdown


class TextScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,enter", "close", "Close")]

    def __init__(self, markdown: str, name: str = "page") -> None:
        super().__init__(name=name)
        self.markdown = markdown

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="page"):
            yield Markdown(self.markdown)
        yield Footer()

    def action_close(self) -> None:
        self.dismiss(None)
