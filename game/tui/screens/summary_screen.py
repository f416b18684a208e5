"""The end screen: the summary the model computed, shown — nothing is computed here.

The text is the one the export writes, drawn by Rich as one renderable in one widget
(``widgets.summary_view``): Textual's Markdown widget makes a widget of every paragraph, list
item and table cell — about 1,500 for a summary, some 30 MB that a served game held until it
closed. An export says where its files went in a line of its own above the summary, in full
and for as long as the screen is shown; a toast would cut a long path and outlive the game.
"""

from __future__ import annotations

import io

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Static

from game.l10n import N_, _
from game.story.export import RENDER, export_summary, safe_stem
from game.story.summary import summary_to_dict
from game.tui.beyond import open_gallery, open_what_if, rewind_from_end
from game.tui.widgets.keys_footer import KeysFooter
from game.tui.widgets.summary_view import SummaryText, SummaryView
from game.tui.widgets.title_bar import TitleBar


class SummaryScreen(Screen[None]):
    BINDINGS = [
        Binding("w", "what_if", N_("What if?")),
        Binding("g", "gallery", N_("Endings")),
        Binding("r,backspace", "rewind", N_("Back"), show=False),  # on the links line, when allowed
        Binding("c", "cards", N_("Fact cards")),
        Binding("s", "sources", N_("Sources"), show=False),  # on the links line
        Binding("e", "export", N_("Export")),
        Binding("n", "new_game", N_("Another role")),
        Binding("q", "app.quit_game", N_("Quit")),
    ]

    def compose(self) -> ComposeResult:
        app = self.app
        self.data = summary_to_dict(app.session.summary(), app.story)
        yield TitleBar(
            _("THE END · {title}").format(title=self.data["ending_title"]),
            _("↑↓ scroll · e export · n new role"),
            back="",
            id="end-bar",
        )
        yield Static(self.links(), id="end-links")
        yield Static("", id="export-note", markup=False)
        with VerticalScroll(id="summary"):
            yield SummaryText(SummaryView(self.data, self.app.current_theme.primary), id="summary-text")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#summary").focus()
        session = self.app.session
        if session.exported:
            self.notify(
                _("Your summary was handed in for class {name}.").format(name=session.class_name), title=_("Collected")
            )
        if session.last_error:  # the last save or the hand-in failed: said, never hidden behind success
            self.notify(f"{session.last_error}. Tell your teacher.", severity="error", timeout=20, markup=False)

    def links(self) -> str:
        """The ways on from an ending, each a key and a link (for players who use only the mouse)."""
        found, total = self.app.session.gallery.counts(self.app.story)
        what_if = escape(_("What if?"))
        endings = escape(_("Endings: {found} of {total} found").format(found=found, total=total))
        line = f"[@click=screen.what_if]w {what_if}[/] · [@click=screen.gallery]g {endings}[/]"
        if self.app.session.can_rewind():
            back = escape(_("Back one choice"))
            line += f" · [@click=screen.rewind]r {back}[/]"
        if self.data.get("bibliography"):
            sources = escape(_("Sources"))
            line += f" · [@click=screen.sources]s {sources}[/]"
        return line

    def action_sources(self) -> None:
        """Every source cited above, in full: one key (or click) from any short title."""
        text = self.query_one("#summary-text", SummaryText)
        heading = text.renderable.find_line(_("Sources"), self.app.console, text.size.width, last=True)
        if heading is not None:
            self.query_one("#summary").scroll_to(y=heading, animate=False)

    def action_what_if(self) -> None:
        open_what_if(self)

    def action_gallery(self) -> None:
        open_gallery(self.app)

    def action_rewind(self) -> None:
        rewind_from_end(self.app)

    def action_new_game(self) -> None:
        """Another role: nothing said about this game (an export, a hand-in) stays over the next."""
        self.app.clear_notifications()
        self.app.action_new_game()

    def exported(self, message: str, severity: str = "") -> None:
        """Say where the export went, in full, above the summary (``-error`` when it failed)."""
        note = self.query_one("#export-note", Static)
        note.update(("✗ " if severity == "error" else "✓ ") + message)  # not by colour alone
        note.set_class(severity == "error", "-error")
        note.display = True

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
            self.exported(
                _("Your summary is downloading as {name} (open it in the browser, or print it).").format(name=name)
            )
            return
        if app.store is None:
            self.exported(_("Saving is switched off, so nothing can be exported."), "error")
            return
        folder = app.store.root / "exports"
        try:
            paths = export_summary(summary, app.story, folder)
        except (OSError, UnicodeError) as exc:
            self.exported(_("Could not export: {error}").format(error=exc), "error")
            return
        names = ", ".join(p.name for p in paths)
        self.exported(_("Your summary was written to the folder {folder}: {files}").format(folder=folder, files=names))
