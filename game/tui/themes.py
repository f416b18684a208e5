"""Colour themes: dark and light from Textual, and a high-contrast theme of our own.

Nothing in the game is told by colour alone (disabled choices carry a symbol and a reason,
glossary terms are underlined), so every theme, and NO_COLOR, keeps all the information.
"""

from __future__ import annotations

from textual.theme import Theme

HIGH_CONTRAST = Theme(
    name="high-contrast",
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ffff00",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#000000",
    success="#00ff00",
    warning="#ffff00",
    error="#ff5555",
    dark=True,
    variables={
        "border": "#ffffff",
        "footer-key-foreground": "#ffff00",
        "block-cursor-background": "#ffff00",
        "block-cursor-foreground": "#000000",
        "block-cursor-text-style": "bold",
        "input-selection-background": "#ffff00 60%",
    },
)

THEMES = {"dark": "textual-dark", "light": "textual-light", "high-contrast": "high-contrast"}
