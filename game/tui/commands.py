"""The command palette (ctrl+p): the main actions, searchable by name."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


class GameCommands(Provider):
    COMMANDS = [
        ("New game", "new_game", "Choose a role and start again"),
        ("Load a save", "load", "Continue from a save slot"),
        ("Save", "save", "Save to a named slot"),
        ("Fact cards", "facts", "Read the fact cards you have found"),
        ("Glossary", "glossary", "Words explained"),
        ("Help", "help", "Keys and how to play"),
        ("Theme: dark", "set_theme('dark')", "Dark colours"),
        ("Theme: light", "set_theme('light')", "Light colours"),
        ("Theme: high contrast", "set_theme('high-contrast')", "Black, white and yellow"),
        ("Quit", "quit_game", "Leave the game (progress is autosaved)"),
    ]

    async def discover(self) -> Hits:
        for name, action, help_text in self.COMMANDS:
            yield DiscoveryHit(name, partial(self.app.run_action, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, action, help_text in self.COMMANDS:
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(self.app.run_action, action), help=help_text)
