"""Key bindings shown in the player's language.

Textual reads a screen's ``BINDINGS`` once, when the class is made, so their descriptions are
written in English (marked with ``N_`` for the catalogue) and translated here for each screen
as it is shown, and for the app when the player changes language on the title screen.
"""

from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode

from game.l10n import _


def translate_bindings(node: DOMNode) -> None:
    """Give ``node`` its class's bindings with descriptions and tooltips in the current language."""
    source = type(node)._merged_bindings  # the English, as the class declared them
    if source is None:
        return
    node._bindings.key_to_bindings = {
        key: [
            replace(
                b,
                description=_(b.description) if b.description else b.description,
                tooltip=_(b.tooltip) if b.tooltip else b.tooltip,
            )
            for b in bindings
        ]
        for key, bindings in source.key_to_bindings.items()
    }
