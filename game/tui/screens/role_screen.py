"""Role choice: each person with a short portrait and a rough play time."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from game.l10n import N_, _
from game.tui.text import to_markup
from game.tui.widgets.keys_footer import KeysFooter
from game.tui.widgets.title_bar import TitleBar


class RoleScreen(Screen[str | None]):
    """Dismisses with the chosen role id, or None to go back."""

    BINDINGS = [Binding("escape", "back", N_("Back"))] + [
        Binding(str(n), f"pick({n})", show=False) for n in range(1, 10)
    ]

    def compose(self) -> ComposeResult:
        app = self.app
        keys = "1" if len(app.story.roles) == 1 else f"1–{min(9, len(app.story.roles))}"
        yield TitleBar(_("Who will you be?"), _("press {keys}, or ↑↓ and Enter, or click").format(keys=keys))
        options: list[Option | None] = []
        for n, role in enumerate(app.story.roles.values(), 1):
            time = role.reading_time(app.session.short)
            head = f"[b]{n}. {escape(role.name)}[/b]" + (
                "  [dim]· " + _("about {time}").format(time=escape(time)) + "[/dim]" if time else ""
            )
            if options:
                options.append(None)  # a separator line between roles
            options.append(Option(f"{head}\n{to_markup(role.portrait, app.terms, links=False)}", id=role.id))
        yield OptionList(*options, id="roles")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#roles", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_pick(self, n: int) -> None:
        roles = list(self.app.story.roles)
        if 1 <= n <= len(roles):
            self.dismiss(roles[n - 1])
        else:
            self.notify(_("There is no role {n}.").format(n=n), severity="warning")

    def action_close(self) -> None:
        self.dismiss(None)

    def action_back(self) -> None:
        self.dismiss(None)
