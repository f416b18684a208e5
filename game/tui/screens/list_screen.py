"""A list to pick from, with the selected item shown beside it (fact cards, glossary, saves)."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Markdown, OptionList, Static
from textual.widgets.option_list import Option


class ListScreen(ModalScreen[str | None]):
    """Items are (id, label, markdown); Enter on an item dismisses with its id if ``pick`` is set."""

    BINDINGS = [Binding("escape,q", "close", "Close")]

    def __init__(
        self,
        title: str,
        items: list[tuple[str, str, str]],
        empty: str,
        pick: bool = False,
        disabled: Callable[[str], bool] | None = None,
        start: str | None = None,
    ) -> None:
        super().__init__()
        self.title_text, self.items, self.empty, self.pick = title, items, empty, pick
        self.disabled = disabled or (lambda _id: False)
        self.start = start

    def compose(self) -> ComposeResult:
        yield Static(self.title_text, classes="screen-title")
        if not self.items:
            yield Static(self.empty, id="empty")
        else:
            with Horizontal(id="split"):
                yield OptionList(
                    *[Option(label, id=i, disabled=self.disabled(i)) for i, label, _ in self.items], id="items"
                )
                with VerticalScroll(id="detail"):
                    yield Markdown(self.items[0][2], id="detail-text")
        yield Footer()

    def on_mount(self) -> None:
        if self.items:
            options = self.query_one("#items", OptionList)
            ids = [i for i, _, _ in self.items]
            if self.start in ids:
                options.highlighted = ids.index(self.start)
            options.focus()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        text = next(md for i, _, md in self.items if i == event.option.id)
        self.query_one("#detail-text", Markdown).update(text)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if self.pick:
            self.dismiss(event.option.id)

    def action_close(self) -> None:
        self.dismiss(None)
