"""Save to a named slot (e.g. "lesson-2"); a bad name is explained before anything is written."""

from __future__ import annotations

from game.l10n import _
from game.story.saves import SaveError, check_slot
from game.tui.screens.input_screen import InputScreen


def slot_problem(name: str) -> str:
    if not name:
        return _("Type a name for this save first.")
    try:
        check_slot(name)
    except SaveError as exc:
        return str(exc)
    return ""


class SaveScreen(InputScreen):
    def __init__(self, suggestion: str = "") -> None:
        super().__init__(
            _(
                "[b]Save your game[/b]\nGive this save a name, e.g. [i]lesson-2[/i]. "
                "The game also saves itself at every choice."
            ),
            "lesson-2",
            check=slot_problem,
            value=suggestion,
        )
