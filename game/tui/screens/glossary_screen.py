"""The glossary: every word explained (term, Hungarian, English, text), or those of one scene.

The whole glossary is in the dictionary order of the reader's language (``game.story.collate``).
"""

from __future__ import annotations

from game.l10n import _, current_language
from game.story.collate import sort_key
from game.story.model import Story
from game.tui.screens.list_screen import ListScreen
from game.tui.text import glossary_markdown


class GlossaryScreen(ListScreen):
    def __init__(self, story: Story, only: list[str] | None = None, start: str | None = None) -> None:
        terms = {g.id: g.term for g in story.glossary.values()}
        entries = (
            [story.glossary[i] for i in only if i in story.glossary]
            if only
            else sorted(story.glossary.values(), key=lambda g: sort_key(g.term, current_language()))
        )
        items = [(g.id, g.term, glossary_markdown(story, g.id, terms)) for g in entries]
        title = _("Words explained in this scene") if only else _("Glossary ({n} words)").format(n=len(items))
        super().__init__(title, items, _("The glossary is empty."), start=start)
