"""The command palette (ctrl+p): the game's main actions, searchable by name.

Listed even where they do not apply (e.g. Save on the title screen): the action then says why,
which teaches more than an entry that silently vanishes.
"""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

COMMANDS = [
    ("New game", "new_game", "Choose a role and start from the beginning"),
    ("Continue", "continue", "Go on from your latest autosave"),
    ("Load a saved game", "load", "Pick a save slot"),
    ("Save", "save", "Save to a slot with a name"),
    ("Fact cards", "facts", "Read the fact cards you have found"),
    ("Endings found", "gallery", "The endings you have found in each role, and hints for the others"),
    ("Glossary", "glossary", "Words explained: Hungarian, English and what they meant"),
    ("Help", "help", "Keys and how to play"),
    ("Theme: dark", "set_theme('dark')", "Light text on a dark background"),
    ("Theme: light", "set_theme('light')", "Dark text on a light background"),
    ("Theme: high contrast", "set_theme('high-contrast')", "White and yellow on black"),
    ("Quit", "quit_game", "Leave the game (your progress is autosaved)"),
]


class GameCommands(Provider):
    async def discover(self) -> Hits:
        for name, action, help_text in COMMANDS:
            yield DiscoveryHit(name, partial(self.app.run_action, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, action, help_text in COMMANDS:
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(self.app.run_action, action), help=help_text)
