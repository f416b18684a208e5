"""Class sessions: the player's name or a pseudonym, written on the summary the teacher collects."""

from __future__ import annotations

from textual.markup import escape

from game.tui.screens.input_screen import InputScreen


class NameScreen(InputScreen):
    """Dismisses with the name; an empty answer becomes "anonymous" in the app."""

    def __init__(self, class_name: str) -> None:
        super().__init__(
            f"[b]Class {escape(class_name)}[/b]\nType your name or a pseudonym, then press Enter. "
            "Your teacher sees it on your summary at the end.",
            "a name or a pseudonym",
            hint="Enter to continue (leave it empty to stay anonymous)",
        )

    def action_cancel(self) -> None:
        self.dismiss("")
