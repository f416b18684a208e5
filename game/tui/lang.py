"""Key bindings shown in the player's language.

Textual reads a screen's ``BINDINGS`` once, when the class is made, so their descriptions are
written in English (marked with ``N_`` for the catalogue) and translated here for each screen
as it is shown, and for the app when the player changes language on the title screen.
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding
from textual.dom import DOMNode

from game.l10n import N_, _

TEXTUAL_WORDS = (N_("palette"),)  # descriptions Textual itself gives its bindings (the command palette)


def translate_bindings(node: DOMNode) -> None:
    """Show ``node``'s key bindings with descriptions and tooltips in the current language.

    The English is kept from the first call, so the app can be translated again after the player
    changes language; bindings Textual added to the node itself (the palette) are kept too.
    """
    english: dict[str, list[Binding]] | None = getattr(node, "_english_bindings", None)
    if english is None:
        english = {key: list(bindings) for key, bindings in node._bindings.key_to_bindings.items()}
        node._english_bindings = english  # type: ignore[attr-defined]
    node._bindings.key_to_bindings = {
        key: [
            replace(b, description=_(b.description) if b.description else "", tooltip=_(b.tooltip) if b.tooltip else "")
            for b in bindings
        ]
        for key, bindings in english.items()
    }
