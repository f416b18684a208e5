"""The end screen: the summary the model computed, shown — nothing is computed here.

The Markdown is the same text the export writes (``to_markdown``), so what a student reads
on screen and what a teacher later opens never differ.
"""

from __future__ import annotations

import io

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Markdown, Static

from game.story.export import RENDER, export_summary, safe_stem, to_markdown
from game.story.summary import summary_to_dict
from game.tui.beyond import gallery_line, open_gallery, open_what_if, rewind_from_end
from game.tui.widgets.title_bar import TitleBar


class SummaryScreen(Screen[None]):
    BINDINGS = [
        Binding("w", "what_if", "What if?"),
        Binding("a", "gallery", "Endings"),
        Binding("r,backspace", "rewind", "Back", show=False),  # on the links line, when allowed
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
        yield Static(self.links(), id="end-links")
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

    def links(self) -> str:
        """The ways on from an ending, each a key and a link (for players who use only the mouse)."""
        back = " · [@click=screen.rewind]r Go back one choice[/]" if self.app.session.can_rewind() else ""
        found = gallery_line(self.app).replace(" endings found", " found")
        return f"[@click=screen.what_if]w What if?[/] · [@click=screen.gallery]a Endings: {found}[/]{back}"

    def action_what_if(self) -> None:
        open_what_if(self)

    def action_gallery(self) -> None:
        open_gallery(self.app)

    def action_rewind(self) -> None:
        rewind_from_end(self.app)

    def action_cards(self) -> None:
        self.app.action_facts()

    def action_export(self) -> None:
        """In a browser: a download to the student's own machine. In a terminal: files in exports/.

        A served student never sees the teacher's file paths, and an export never lands where
        saves are listed (it would show up as a damaged save in everyone's Load list).
        """
        app = self.app
        summary = app.session.summary()
        if app.is_web:
            name = f"budapest1956-{safe_stem(summary.role)}-summary.html"
            data = summary_to_dict(summary, app.story)
            app.deliver_text(io.StringIO(RENDER["html"](data)), save_filename=name, mime_type="text/html")
            self.notify(
                f"Your summary is downloading as {name} (open it in the browser, or print it).",
                title="Exported",
                timeout=10,
                markup=False,
            )
            return
        if app.store is None:
            self.notify("Saving is switched off, so nothing can be exported.", severity="error")
            return
        folder = app.store.root / "exports"
        try:
            paths = export_summary(summary, app.story, folder)
        except (OSError, UnicodeError) as exc:
            self.notify(f"Could not export: {exc}", severity="error", timeout=10, markup=False)
            return
        names = ", ".join(p.name for p in paths)
        self.notify(
            f"Your summary was written to the folder {folder}: {names}", title="Exported", timeout=10, markup=False
        )
