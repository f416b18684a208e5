"""The end screen: the summary the model computed, shown — nothing is computed here.

The Markdown is the same text the export writes (``to_markdown``), so what a student reads
on screen and what a teacher later opens never differ.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Markdown

from game.story.export import export_summary, to_markdown
from game.story.summary import summary_to_dict
from game.tui.widgets.title_bar import TitleBar


class SummaryScreen(Screen[None]):
    BINDINGS = [
        Binding("c", "cards", "Fact cards"),
        Binding("e", "export", "Export"),
        Binding("n", "app.new_game", "Another role"),
        Binding("q", "app.quit_game", "Quit"),
    ]

    def compose(self) -> ComposeResult:
        app = self.app
        self.data = summary_to_dict(app.session.summary(), app.story)
        yield TitleBar(
            f"THE END · {self.data['ending_title']}", "↑↓ scroll · e export · n new role", back="", id="end-bar"
        )
        with VerticalScroll(id="summary"):
            yield Markdown(to_markdown(self.data), id="summary-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#summary").focus()
        session = self.app.session
        if session.exported:
            self.notify(f"Your summary was handed in for class {session.class_name}.", title="Collected")
        elif session.last_error:
            self.notify(session.last_error, severity="warning")

    def action_cards(self) -> None:
        self.app.action_facts()

    def action_export(self) -> None:
        app = self.app
        if app.store is None:
            self.notify("Saving is switched off, so nothing can be exported.", severity="error")
            return
        try:
            paths = export_summary(app.session.summary(), app.story, app.store.root)
        except OSError as exc:
            self.notify(f"Could not export: {exc}", severity="error", timeout=10)
            return
        shown = "\n".join(str(p) for p in paths)
        self.notify(f"Your summary was written to:\n{shown}", title="Exported", timeout=15)
