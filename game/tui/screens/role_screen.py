"""Role choice: three people, each with a short portrait and a rough play time."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from game.tui.text import to_markup


class RoleScreen(Screen[str | None]):
    BINDINGS = [Binding("escape", "back", "Back")] + [Binding(str(n), f"pick({n})", show=False) for n in range(1, 10)]

    def compose(self) -> ComposeResult:
        app = self.app
        yield Static("Who will you be?", classes="screen-title")
        options = []
        for n, role in enumerate(app.story.roles.values(), 1):
            head = f"[b]{n}. {role.name}[/b]" + (f"  [dim]({role.playtime})[/dim]" if role.playtime else "")
            options.append(Option(f"{head}\n{to_markup(role.portrait, app.terms)}\n", id=role.id))
        yield OptionList(*options, id="roles")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#roles", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_pick(self, n: int) -> None:
        roles = list(self.app.story.roles)
        if 1 <= n <= len(roles):
            self.dismiss(roles[n - 1])

    def action_back(self) -> None:
        self.dismiss(None)
