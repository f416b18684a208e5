"""The end screen: the summary the model computed, shown; export, another role, quit."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Markdown, Static

from game.story.export import export_summary, to_markdown
from game.story.summary import summary_to_dict


class SummaryScreen(Screen[None]):
    BINDINGS = [
        Binding("c", "app.facts", "Cards"),
        Binding("e", "export", "Export"),
        Binding("n", "app.new_game", "Another role"),
        Binding("q", "app.quit", "Quit"),
    ]

    def compose(self) -> ComposeResult:
        app = self.app
        data = summary_to_dict(app.session.summary(), app.story)
        yield Static("THE END — press e to export, n for another role, c for your fact cards", id="end-bar")
        with VerticalScroll(id="summary"):
            yield Markdown(to_markdown(data), id="summary-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#summary").focus()
        if self.app.session.exported:
            self.notify(f"Your summary was collected for class {self.app.session.class_name}.")

    def action_export(self) -> None:
        app = self.app
        if app.store is None:
            self.notify("Saving is switched off.", severity="error")
            return
        try:
            paths = export_summary(app.session.summary(), app.story, app.store.root)
        except OSError as exc:
            self.notify(f"Could not export: {exc}", severity="error")
            return
        self.notify("Exported: " + ", ".join(p.name for p in paths) + f" in {app.store.root}", timeout=8)
