"""A one-line notice above the choices: a fact card just found, or a save that failed."""

from __future__ import annotations

from textual.markup import escape
from textual.widgets import Static

from game.l10n import ngettext


class Notice(Static):
    """Hidden when there is nothing to say, so it never steals a line from the story."""

    def show(self, card_titles: list[str], problem: str = "") -> None:
        if card_titles:
            names = ", ".join(escape(t) for t in card_titles)
            found = ngettext(
                "★ Fact card found: [b]{names}[/b] — press [b reverse] c [/] to read",
                "★ Fact cards found: [b]{names}[/b] — press [b reverse] c [/] to read",
                len(card_titles),
            )
            self.update(found.format(names=names))
            self.set_class(False, "-problem")
        elif problem:
            self.update(f"✗ {escape(problem)}")
            self.set_class(True, "-problem")
        else:
            self.update("")
        self.display = bool(card_titles or problem)
