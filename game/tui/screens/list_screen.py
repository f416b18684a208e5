"""A list to pick from with the highlighted item shown beside it: the base of the fact card,
glossary and load screens, so all three are read and navigated the same way.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown, OptionList, Static
from textual.widgets.option_list import Option

from game.l10n import N_, _
from game.tui.widgets.keys_footer import KeysFooter
from game.tui.widgets.title_bar import TitleBar


class ListScreen(ModalScreen[str | None]):
    """Items are (id, label, markdown); Enter on an item dismisses with its id if ``pick`` is set."""

    BINDINGS = [
        Binding("escape,q", "close", N_("Close")),
        Binding("tab", "focus_next", N_("Switch pane"), show=False),
    ]

    def __init__(
        self,
        title: str,
        items: list[tuple[str, str, str]],
        empty: str,
        pick: bool = False,
        disabled: Callable[[str], bool] | None = None,
        start: str | None = None,
        hint: str = "",
    ) -> None:
        super().__init__()
        self.title_text, self.items, self.empty, self.pick = title, items, empty, pick
        self.item_disabled = disabled or (lambda _id: False)
        self.start = start
        self.hint = hint or (_("↑↓ choose · Enter load") if pick else _("↑↓ choose · Tab scroll text"))

    def compose(self) -> ComposeResult:
        yield TitleBar(self.title_text, self.hint)
        if not self.items:
            yield Static(self.empty, id="empty")
        else:
            with Horizontal(id="split"):
                yield OptionList(
                    *[Option(label, id=i, disabled=self.item_disabled(i)) for i, label, _ in self.items], id="items"
                )
                with VerticalScroll(id="detail"):
                    yield Markdown(self.detail_for(self.start_index()), id="detail-text")
        yield KeysFooter()

    def start_index(self) -> int:
        ids = [i for i, _, _ in self.items]
        return ids.index(self.start) if self.start in ids else 0

    def detail_for(self, index: int) -> str:
        return self.items[index][2] if 0 <= index < len(self.items) else ""

    def on_mount(self) -> None:
        if self.items:
            options = self.query_one("#items", OptionList)
            options.highlighted = self.start_index()
            options.focus()
            self.shown(self.items[self.start_index()][0])

    def shown(self, item_id: str) -> None:
        """An item's text was shown beside the list (the fact cards screen counts what was read)."""

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if 0 <= event.option_index < len(self.items):
            self.shown(self.items[event.option_index][0])
        self.query_one("#detail-text", Markdown).update(self.detail_for(event.option_index))
        self.query_one("#detail", VerticalScroll).scroll_home(animate=False)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if self.pick:
            self.dismiss(event.option.id)
        else:
            self.query_one("#detail", VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss(None)
