"""A Textual leak worked around until Textual fixes it, so that a whole game's memory stays flat.

``StylesCache.get_inner_outer`` (the colours around a widget's lines) is a ``functools.lru_cache``
on a method: its key holds the ``StylesCache`` itself, and with it every line the widget last
drew, for up to 1,024 widgets after they have left the screen (Textual issue #6665). A game
replaces a few widgets at every scene (its footer keys, the measures) and whole screens at the
end, so memory grew with every choice. ``release_removed_widgets`` empties that cache: live
widgets recompute their two colours on their next line, removed ones are freed. The footer's
own leak (issue #6666) is handled in ``game.tui.widgets.keys_footer``.
"""

from __future__ import annotations

from textual._styles_cache import StylesCache


def release_removed_widgets() -> None:
    """Let go of the drawn lines of widgets that are no longer on screen (called at each scene)."""
    StylesCache.get_inner_outer.cache_clear()
