"""Group mode: the teacher types the class's votes for each choice; the majority is taken."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from game.story.engine import ChoiceView
from game.story.votes import VoteError, parse_counts, winners


class VoteScreen(ModalScreen[tuple[int, tuple[int, ...]] | None]):
    """Dismisses with (position among the enabled choices, vote counts), or None to cancel."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, views: list[ChoiceView]) -> None:
        super().__init__()
        self.views = views
        self.counts: list[int] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static("[b]The class votes.[/b] Type the number of hands for each choice, then Enter.", id="question")
            for n, view in enumerate(self.views, 1):
                yield Label(f"{n}. {escape(view.text)}")
                yield Input(placeholder="0", type="integer", id=f"vote-{n}")
            yield Static("", id="problem")
            yield Button("Count the votes", id="count", variant="primary")

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.count()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "count":
            self.count()
        elif event.button.id and event.button.id.startswith("tie-"):
            self.dismiss((int(event.button.id[4:]), tuple(self.counts)))

    def count(self) -> None:
        problem = self.query_one("#problem", Static)
        try:
            counts = parse_counts([i.value for i in self.query(Input)])
        except VoteError as exc:
            problem.update(escape(str(exc)))
            return
        self.counts = counts
        top = winners(counts)
        if len(top) == 1:
            self.dismiss((top[0], tuple(counts)))
            return
        problem.update("A tie! Teacher, pick one of the tied choices:")
        box = self.query_one("#dialog", Vertical)
        for pos in top:
            box.mount(Button(f"{pos + 1}. {escape(self.views[pos].text)}", id=f"tie-{pos}"))

    def action_cancel(self) -> None:
        self.dismiss(None)
