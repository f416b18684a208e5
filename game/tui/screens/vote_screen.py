"""Group mode: the teacher types the class's votes for each choice; the majority is taken.

Choices keep the numbers the scene shows (a disabled first choice does not renumber the rest),
and totals far above the class's earlier votes are questioned once: on a projector, a typo of
1313 for 13 should not decide the story.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from game.l10n import N_, _
from game.story.engine import ChoiceView
from game.story.votes import VoteError, parse_counts, surprising_total, winners


class VoteScreen(ModalScreen[tuple[int, tuple[int, ...]] | None]):
    """Dismisses with (position among the given choices, vote counts), or None to cancel."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, views: list[tuple[int, ChoiceView]], earlier_totals: list[int] | None = None) -> None:
        super().__init__()
        self.views = views  # (number shown in the scene, choice)
        self.earlier = earlier_totals or []
        self.counts: list[int] = []
        self.warned: list[int] | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(
                _("[b]The class votes.[/b] Type the number of hands for each choice, then Enter."), id="question"
            )
            for number, view in self.views:
                yield Label(f"{number}. {view.text}", markup=False)
                yield Input(placeholder="0", type="integer", id=f"vote-{number}", max_length=4)
            yield Static("", id="problem")
            yield Button(_("Count the votes"), id="count", variant="primary")
            yield Vertical(id="ties")

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.count()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "count":
            self.count()
        elif event.button.has_class("tie"):
            self.dismiss((int(event.button.name or 0), tuple(self.counts)))

    def count(self) -> None:
        problem = self.query_one("#problem", Static)
        ties = self.query_one("#ties", Vertical)
        ties.remove_children()
        try:
            counts = parse_counts([i.value for i in self.query(Input)], [n for n, _ in self.views])
        except VoteError as exc:
            problem.update(f"✗ {escape(str(exc))}")
            return
        warning = surprising_total(counts, self.earlier)
        if warning and self.warned != counts:
            self.warned = counts
            problem.update(f"? {warning}")
            return
        self.counts = counts
        top = winners(counts)
        if len(top) == 1:
            self.dismiss((top[0], tuple(counts)))
            return
        problem.update(_("A tie! Teacher, pick one of the tied choices:"))
        # buttons carry no ids: counting again after a tie replaces them without a clash
        ties.mount_all(
            Button(f"{self.views[pos][0]}. {escape(self.views[pos][1].text)}", name=str(pos), classes="tie")
            for pos in top
        )

    def action_cancel(self) -> None:
        self.dismiss(None)
