"""Fact cards found so far: each with its date, text, disputed figure and full sources."""

from __future__ import annotations

from game.l10n import _
from game.story.model import Story
from game.tui.screens.list_screen import ListScreen
from game.tui.text import card_markdown


class FactsScreen(ListScreen):
    def __init__(self, story: Story, found: tuple[str, ...] | list[str], start: str | None = None) -> None:
        terms = {g.id: g.term for g in story.glossary.values()}
        items = [
            (f, f"{'⚖ ' if story.facts[f].disputed else ''}{story.facts[f].title}", card_markdown(story, f, terms))
            for f in found
            if f in story.facts
        ]
        super().__init__(
            _("Fact cards you have found ({n})").format(n=len(items)),
            items,
            _("You have not found any fact cards yet. They turn up as the story goes on: watch for ★."),
            start=start,
        )

    def shown(self, item_id: str) -> None:
        session = getattr(self.app, "session", None)
        if session is not None:
            session.open_card(item_id)
