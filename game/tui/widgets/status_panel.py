"""The status panel: when and where you are, who you are, and the role's measures."""

from __future__ import annotations

from textual.markup import escape
from textual.widgets import Static

from game.story.clock import format_clock
from game.story.model import Story
from game.story.state import GameState
from game.tui.text import value_text


def _bar(value: int, top: int, width: int = 10) -> str:
    filled = round(width * value / top) if top else 0
    return "▮" * filled + "▯" * (width - filled)


class StatusPanel(Static):
    def show(self, story: Story, state: GameState, saved: bool, where: str) -> None:
        role = story.roles[state.role]
        variables = story.variables_for(state.role)
        lines = [f"[b]{escape(role.name)}[/b]", "", escape(format_clock(state.clock))]
        if where:
            lines.append(escape(where))
        lines.append("")
        for name in role.measures:
            var = variables[name]
            value = state.vars[name]
            lines.append(f"{escape(var.label)}: [b]{value_text(value)}[/b]")
            if isinstance(value, int) and not isinstance(value, bool) and var.info.max:
                lines.append(f"{_bar(value - (var.info.min or 0), var.info.max - (var.info.min or 0))}")
        total = len({f for s in story.scenes.values() if s.role == state.role for f in s.facts})
        lines += ["", f"Fact cards: {len(state.facts)} of {total}", "✓ autosaved" if saved else "✗ not saved"]
        self.update("\n".join(lines))
