"""The status panel: when and where you are, who you are, and the role's measures.

Values are written as words and numbers; the bar under a number only repeats it, so nothing
depends on colour or on reading the bar.
"""

from __future__ import annotations

from textual.markup import escape
from textual.widgets import Static

from game.story.clock import format_clock
from game.story.model import Story
from game.story.state import GameState
from game.story.summary import role_fact_total
from game.tui.text import value_text


def _bar(value: int, low: int, top: int, width: int = 10) -> str:
    span = top - low
    filled = max(0, min(width, round(width * (value - low) / span))) if span > 0 else 0
    return "█" * filled + "░" * (width - filled)


class StatusPanel(Static):
    """The panel beside the story; on a narrow screen (``-narrow``), one line above it."""

    _shown: tuple[Story, GameState, bool, str] | None = None

    def show(self, story: Story, state: GameState, saved: bool, where: str) -> None:
        self._shown = (story, state, saved, where)
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        if self._shown is None:
            return
        story, state, saved, where = self._shown
        role = story.roles[state.role]
        measures = list(self._measures(story, state))
        total = role_fact_total(story, state.role)
        if self.screen.has_class("-narrow"):
            parts = [f"[b]{escape(role.name)}[/b]", escape(format_clock(state.clock))]
            parts += [escape(where)] if where else []
            parts += [f"{escape(label)} [b]{escape(shown)}[/b]" for label, shown, _bar_text in measures]
            parts += [f"cards {len(state.facts)}/{total}", "✓ saved" if saved else "✗ not saved"]
            self.update(" · ".join(parts))
            return
        lines = [f"[b]{escape(role.name)}[/b]", "", "[dim]When[/dim]", escape(format_clock(state.clock))]
        if where:
            lines += ["[dim]Where[/dim]", escape(where)]
        if measures:
            lines.append("")
        for label, shown, bar in measures:
            lines.append(f"{escape(label)}: [b]{escape(shown)}[/b]")
            if bar:
                lines.append(bar)
        lines += ["", f"Fact cards: {len(state.facts)} of {total}", "✓ autosaved" if saved else "✗ not saved"]
        self.update("\n".join(lines))

    @staticmethod
    def _measures(story: Story, state: GameState):
        """(label, value as shown, bar or "") for each of the role's measures."""
        variables = story.variables_for(state.role)
        for name in story.roles[state.role].measures:
            var = variables.get(name)
            if var is None:
                continue
            value = state.vars.get(name, var.initial)
            top = var.info.max
            number = isinstance(value, int) and not isinstance(value, bool)
            shown = f"{value_text(value)}" + (f"/{top}" if number and top is not None else "")
            bar = _bar(int(value), var.info.min or 0, top) if number and top is not None else ""
            yield var.label, shown, bar
