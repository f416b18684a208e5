"""The command palette (ctrl+p): the game's main actions, searchable by name.

Listed even where they do not apply (e.g. Save on the title screen): the action then says why,
which teaches more than an entry that silently vanishes.
"""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from game.l10n import N_, _

COMMANDS = [
    (N_("New game"), "new_game", N_("Choose a role and start from the beginning")),
    (N_("Continue"), "continue", N_("Go on from your latest autosave")),
    (N_("Load a saved game"), "load", N_("Pick a save slot")),
    (N_("Save"), "save", N_("Save to a slot with a name")),
    (N_("Fact cards"), "facts", N_("Read the fact cards you have found")),
    (N_("Endings gallery"), "gallery", N_("The endings you have found in each role, and hints for the others")),
    (N_("Glossary"), "glossary", N_("Words explained: Hungarian, English and what they meant")),
    (N_("Help"), "help", N_("Keys and how to play")),
    (N_("Theme: dark"), "set_theme('dark')", N_("Light text on a dark background")),
    (N_("Theme: light"), "set_theme('light')", N_("Dark text on a light background")),
    (N_("Theme: high contrast"), "set_theme('high-contrast')", N_("White and yellow on black")),
    (N_("Quit"), "quit_game", N_("Leave the game (your progress is autosaved)")),
]


def _commands() -> list[tuple[str, str, str]]:
    return [(_(name), action, _(help_text)) for name, action, help_text in COMMANDS]


class GameCommands(Provider):
    async def discover(self) -> Hits:
        for name, action, help_text in _commands():
            yield DiscoveryHit(name, partial(self.app.run_action, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, action, help_text in _commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(self.app.run_action, action), help=help_text)
