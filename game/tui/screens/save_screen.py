"""Save to a named slot (e.g. "lesson-2"); a bad name is explained before anything is written,
and a save that already has the name is replaced only when the player says so."""

from __future__ import annotations

from textual.app import App
from textual.markup import escape

from game.l10n import _
from game.story.saves import SaveError, check_slot
from game.tui.screens.confirm_screen import ConfirmScreen
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

    @staticmethod
    def ask(app: App, suggestion: str = "") -> None:
        """Ask for a name and save the app's session there; asks first before replacing a save."""
        session = app.session  # type: ignore[attr-defined]

        def write(name: str) -> None:
            if session.save(name):
                app.notify(_("Saved as '{slot}'. Load it from the title screen.").format(slot=name), title=_("Saved"))
            else:
                app.notify(session.last_error, severity="error", timeout=10)

        def named(name: str | None) -> None:
            if not name:
                return
            try:
                taken = session.store is not None and session.store.path_for(name).exists()
            except SaveError:
                taken = False  # the save itself explains a bad name
            if not taken:
                write(name)
                return

            def replace(yes: bool | None) -> None:
                if yes:
                    write(name)
                else:
                    SaveScreen.ask(app, name)

            app.push_screen(
                ConfirmScreen(
                    f"[b]Replace the save '{escape(name)}'?[/b]\n\nA save with this name already exists. Replace "
                    "it with the game you are playing now, or keep it and choose another name.",
                    "Replace",
                    "Keep it",
                ),
                replace,
            )

        app.push_screen(SaveScreen(suggestion), named)
