"""The title screen: the story's name, the framing of autumn 1956, the content note, the menu.

The content note comes before the first choice on purpose: a teacher or a student should
know what the story contains before it starts.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, VerticalScroll
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from game.l10n import N_, _, available, catalogue, current_language, language_name
from game.story.clock import format_short
from game.tui.beyond import gallery_line
from game.tui.text import to_markup
from game.tui.widgets.keys_footer import KeysFooter


class TitleScreen(Screen[None]):
    AUTO_FOCUS = "#menu"  # straight to the menu: focusing the page first would restyle all of it twice
    BINDINGS = [
        Binding("n", "menu('new')", N_("New game")),
        Binding("c", "menu('continue')", N_("Continue")),
        Binding("l", "menu('load')", N_("Load")),
        Binding("g", "menu('gallery')", N_("Endings")),
        Binding("a", "menu('language')", N_("Language"), show=False),
        Binding("q", "menu('quit')", N_("Quit")),
    ]

    def compose(self) -> ComposeResult:
        app = self.app
        meta = app.story.meta
        with VerticalScroll(id="title-page"):
            yield Static(escape(meta.title.upper()), id="game-title")
            yield Static("━" * min(40, len(meta.title) + 8), id="title-rule")
            if meta.intro:
                yield Static(to_markup(meta.intro, app.terms, links=False), id="intro")
            if meta.content_note:
                yield Static(
                    ("[b]" + _("Content note.") + f"[/b] {to_markup(meta.content_note, app.terms, links=False)}"),
                    id="content-note",
                )
            with Center():
                yield OptionList(*self.menu_options(), id="menu")
        yield KeysFooter()

    def menu_options(self) -> list[Option]:
        """The menu; Continue names the save it would open, or says why it cannot."""
        app = self.app
        latest = app.store.latest() if app.store else None
        if latest is not None:
            role = app.story.roles[latest.role].name if latest.role in app.story.roles else latest.role
            cont = Option(
                ("[b]c[/b]  " + _("Continue") + f" [dim]· {escape(role)}, {escape(format_short(latest.clock))}[/dim]"),
                id="continue",
            )
        else:
            reason = _("saving is switched off") if app.store is None else _("no saved game yet")
            cont = Option(("✗  " + _("Continue") + f" [dim]({reason})[/dim]"), id="continue", disabled=True)
        options = [
            Option("[b]n[/b]  " + _("New game"), id="new"),
            cont,
            Option("[b]l[/b]  " + _("Load a saved game"), id="load"),
            Option(
                "[b]g[/b]  " + _("Endings gallery") + " [dim]· " + escape(self.endings_line()) + "[/dim]", id="gallery"
            ),
            Option("[b]^g[/b] " + _("Glossary"), id="glossary"),
            Option("[b]?[/b]  " + _("Help: how to play"), id="help"),
        ]
        if len(self.languages()) > 1:
            options.append(Option(f"[b]a[/b]  {self.language_label()}", id="language"))
        return [*options, Option("[b]q[/b]  " + _("Quit"), id="quit")]

    def languages(self) -> list[str]:
        return available(self.app.story.root)

    def language_label(self) -> str:
        """ "Language · Nyelv: English": the word in every language, so anyone can find it."""
        words = " · ".join(dict.fromkeys(catalogue(code).gettext("Language") for code in self.languages()))
        return f"{escape(words)}: [b]{escape(language_name(current_language()))}[/b]"

    def endings_line(self) -> str:
        """How many endings this player has found; in a class, only once we know who is playing."""
        app = self.app
        if app.class_name and app.session.student is None:
            return _("yours, once you have given your name")
        return gallery_line(app)

    def on_screen_resume(self) -> None:
        """Coming back here (after a game or a load), the saves may have changed."""
        if not getattr(self, "_shown", False):  # the first time, the menu was just composed
            self._shown = True
            return
        menu = self.query_one("#menu", OptionList)
        where = menu.highlighted
        menu.clear_options()
        menu.add_options(self.menu_options())
        menu.highlighted = where if where is not None else 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_menu(event.option.id or "")

    def action_menu(self, what: str) -> None:
        app = self.app
        if what == "new":
            app.action_new_game()
        elif what == "continue":
            app.action_continue()
        elif what == "load":
            app.action_load()
        elif what == "gallery":
            app.action_gallery()
        elif what == "glossary":
            app.action_glossary()
        elif what == "help":
            app.action_help()
        elif what == "language":
            langs = self.languages()
            if len(langs) > 1:
                now = current_language()
                app.change_language(langs[(langs.index(now) + 1) % len(langs)] if now in langs else langs[0])
        elif what == "quit":
            app.exit(0)
