"""The title screen: the story's name, the framing of autumn 1956, the content note, the menu."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from game.tui.text import to_markup


class TitleScreen(Screen[None]):
    BINDINGS = [
        Binding("n", "menu('new')", "New game"),
        Binding("c", "menu('continue')", "Continue"),
        Binding("l", "menu('load')", "Load"),
        Binding("q", "menu('quit')", "Quit"),
    ]

    def compose(self) -> ComposeResult:
        app = self.app
        meta = app.story.meta
        latest = app.store.latest() if app.store else None
        with VerticalScroll(id="title-page"):
            yield Static(meta.title.upper(), id="game-title")
            if meta.intro:
                yield Static(to_markup(meta.intro, app.terms), id="intro")
            if meta.content_note:
                yield Static(f"[b]Content note.[/b] {to_markup(meta.content_note, app.terms)}", id="content-note")
            with Center():
                yield OptionList(
                    Option("New game  (n)", id="new"),
                    Option(
                        "Continue  (c)" if latest else "Continue  — no saved game yet",
                        id="continue",
                        disabled=latest is None,
                    ),
                    Option("Load      (l)", id="load"),
                    Option("Glossary  (ctrl+g)", id="glossary"),
                    Option("Help      (?)", id="help"),
                    Option("Quit      (q)", id="quit"),
                    id="menu",
                )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#menu", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_menu(event.option.id or "")

    def action_menu(self, what: str) -> None:
        app = self.app
        if what == "new":
            app.action_new_game()
        elif what == "continue":
            app.action_continue()
        elif what == "load":
            app.action_load()
        elif what == "glossary":
            app.action_glossary()
        elif what == "help":
            app.action_help()
        elif what == "quit":
            app.exit()
