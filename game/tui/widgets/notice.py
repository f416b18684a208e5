"""A one-line notice above the choices: a fact card just found, or a save that failed."""

from __future__ import annotations

from textual.markup import escape
from textual.widgets import Static

from game.l10n import ngettext


class Notice(Static):
    """Hidden when there is nothing to say, so it never steals a line from the story."""

    def show(self, card_titles: list[str], problem: str = "") -> None:
        lines = []
        if card_titles:
            names = ", ".join(escape(t) for t in card_titles)
            found = ngettext(
                "★ Fact card found: [b]{names}[/b] — press [b reverse] c [/] to read",
                "★ Fact cards found: [b]{names}[/b] — press [b reverse] c [/] to read",
                len(card_titles),
            )
            lines.append(found.format(names=names))
        if problem:  # a failed save is never hidden behind a card
            lines.append(f"✗ {escape(problem)}")
        self.update("\n".join(lines))
        self.set_class(bool(problem), "-problem")
        self.display = bool(lines)
