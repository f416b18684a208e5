"""The status panel: when and where you are, who you are, and the role's measures.

Values are written as words and numbers; the bar under a number only repeats it, so nothing
depends on colour or on reading the bar. Each measure says what it means (the variable's
``describe:``) in a tooltip when the mouse is over it, and under it when it has the keyboard
focus (Tab), so the explanation reaches keyboard and screen-reader players too.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.markup import escape
from textual.widgets import Static

from game.l10n import _
from game.story.clock import format_clock
from game.story.model import Story, Variable
from game.story.state import GameState
from game.story.summary import role_fact_total
from game.tui.text import value_text


def _bar(value: int, low: int, top: int, width: int = 10) -> str:
    span = top - low
    filled = max(0, min(width, round(width * (value - low) / span))) if span > 0 else 0
    return "█" * filled + "░" * (width - filled)


class MeasureView(Static, can_focus=True):
    """One measure: label, value and bar; what it means on hover and on focus."""

    def __init__(self, name: str) -> None:
        super().__init__("", classes="measure")
        self.measure = name
        self.lines: list[str] = []
        self.describe = ""

    def set(self, var: Variable, value: int | bool | str) -> None:
        top = var.info.max
        number = isinstance(value, int) and not isinstance(value, bool)
        shown = value_text(value) + (f"/{top}" if number and top is not None else "")
        self.lines = [f"{escape(var.label)}: [b]{escape(shown)}[/b]"]
        if number and top is not None:
            self.lines.append(_bar(int(value), var.info.min or 0, top))
        self.describe = var.describe
        self.tooltip = var.describe or None
        self._draw()

    def _draw(self, focused: bool | None = None) -> None:
        focused = self.has_focus if focused is None else focused
        about = [f"[i]{escape(self.describe)}[/i]"] if self.describe and focused else []
        self.update("\n".join(self.lines + about))

    def on_focus(self) -> None:
        self._draw(True)

    def on_blur(self) -> None:
        self._draw(False)


class StatusPanel(Vertical):
    """Beside the story; on a narrow screen (the scene screen's ``-narrow``), one line above it."""

    _shown: tuple[Story, GameState, bool, str] | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="status-head")
        yield Vertical(id="status-measures")
        yield Static("", id="status-foot")

    def on_resize(self) -> None:
        if self._shown is not None:  # narrow ↔ wide: the same status, laid out again
            self.show(*self._shown)

    def show(self, story: Story, state: GameState, saved: bool, where: str) -> None:
        self._shown = (story, state, saved, where)
        narrow = self.screen.has_class("-narrow")
        role = story.roles[state.role]
        variables = story.variables_for(state.role)
        total = role_fact_total(story, state.role)
        names = [n for n in role.measures if n in variables]
        if narrow:
            parts = [f"[b]{escape(role.name)}[/b]", escape(format_clock(state.clock))] + (
                [escape(where)] if where else []
            )
            for name in names:
                value = state.vars.get(name, variables[name].initial)
                parts.append(f"{escape(variables[name].label)} [b]{escape(value_text(value))}[/b]")
            parts += [
                _("cards {found}/{total}").format(found=len(state.facts), total=total),
                _("✓ saved") if saved else _("✗ not saved"),
            ]
            head = [" · ".join(parts)]
        else:
            head = [
                f"[b]{escape(role.name)}[/b]",
                "",
                "[dim]" + _("When") + "[/dim]",
                escape(format_clock(state.clock)),
            ]
            if where:
                head += ["[dim]" + _("Where") + "[/dim]", escape(where)]
        self.query_one("#status-head", Static).update("\n".join(head))
        box = self.query_one("#status-measures", Vertical)
        views = list(box.query(MeasureView))
        if [v.measure for v in views] != names:
            box.remove_children()
            views = [MeasureView(n) for n in names]
            box.mount_all(views)
        for view in views:
            var = variables[view.measure]
            view.set(var, state.vars.get(view.measure, var.initial))
        box.display = bool(names) and not narrow
        cards = _("Fact cards: {found} of {total}").format(found=len(state.facts), total=total)
        foot = [cards, _("✓ autosaved") if saved else _("✗ not saved")]
        self.query_one("#status-foot", Static).update("\n".join(foot))
