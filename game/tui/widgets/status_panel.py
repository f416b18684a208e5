"""The status panel: when and where you are, who you are, and the role's measures.

Values are written as words and numbers; the bar under a number only repeats it, so nothing
depends on colour or on reading the bar.
"""

from __future__ import annotations

from textual.markup import escape
from textual.widgets import Static

from game.l10n import _
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
    def show(self, story: Story, state: GameState, saved: bool, where: str) -> None:
        role = story.roles[state.role]
        variables = story.variables_for(state.role)
        lines = [f"[b]{escape(role.name)}[/b]", "", f"[dim]{_('When')}[/dim]", escape(format_clock(state.clock))]
        if where:
            lines += [f"[dim]{_('Where')}[/dim]", escape(where)]
        if role.measures:
            lines.append("")
        for name in role.measures:
            var = variables.get(name)
            if var is None:
                continue
            value = state.vars.get(name, var.initial)
            top = var.info.max
            number = isinstance(value, int) and not isinstance(value, bool)
            shown = f"{value_text(value)}" + (f"/{top}" if number and top is not None else "")
            lines.append(f"{escape(var.label)}: [b]{escape(shown)}[/b]")
            if number and top is not None:
                lines.append(_bar(int(value), var.info.min or 0, top))
        total = role_fact_total(story, state.role)
        cards = _("Fact cards: {found} of {total}").format(found=len(state.facts), total=total)
        lines += ["", cards, _("✓ autosaved") if saved else _("✗ not saved")]
        self.update("\n".join(lines))
