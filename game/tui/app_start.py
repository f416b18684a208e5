"""Getting into a game: new, continue, load, a save that cannot go on, and a class's sign-in first.

A mixin of BudapestApp (game.tui.app), kept apart because it is one job with its own questions: who
is playing (a class roster's name and code), which save, and what to do when a save does not fit
the story any more. Every path ends in the app's ``show_scene``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.markup import escape
from textual.screen import Screen

from game.l10n import _
from game.story.saves import SaveError, check_slot
from game.tui.screens.title_screen import TitleScreen

if TYPE_CHECKING:
    from textual.app import App

    from game.story.model import Story
    from game.story.saves import SaveStore
    from game.story.session import Session

    _Base = App[int]  # what the mixin is mixed into, for a type checker
else:
    _Base = object


def _screen(module: str, name: str) -> type[Screen]:
    """Import a screen the first time it is shown: start-up only pays for the title screen."""
    import importlib

    return getattr(importlib.import_module(f"game.tui.screens.{module}"), name)


class GameStarts(_Base):
    """Starting, continuing and loading a game (see the module's docstring)."""

    # what BudapestApp gives the mixin
    story: Story
    session: Session
    seed: int | None
    class_name: str
    load_slot: str | None
    start_role: str | None
    store: SaveStore | None
    show_scene: Callable[..., None]

    def _start_given(self) -> None:
        """--load / --role from the command line: skip the title and go straight in."""
        if self.load_slot:
            self.load_from(self.load_slot)
        elif self.start_role:
            self.start_role_now(self.start_role)

    def with_name(self, then: Callable[[], None]) -> None:
        """In a class session, find out who is playing (once) before ``then``.

        A returning student types their code and gets their own saves; a new one is enrolled and
        shown a code. Saves, Continue and Load then see that student's folder only.
        """
        if not self.class_name or self.session.student is not None or self.session.class_dir is None:
            then()
            return
        from game.story.roster import Roster, RosterError

        names = "name_screen"
        roster = Roster(self.session.class_dir)

        def enrol(name: str) -> None:
            try:
                student = roster.enrol(name)
            except RosterError as exc:
                self.session.player = name
                self.session.autosave_enabled = False
                self.notify(
                    _("Your game cannot be saved: {error}. Tell your teacher.").format(error=exc),
                    severity="error",
                    timeout=15,
                )
                then()
                return
            self.session.join(student)
            self.push_screen(_screen(names, "YourCodeScreen")(student.name, student.code), lambda _: then())

        def got_code(name: str, code: str | None) -> None:
            student = roster.find(name, code) if code else None
            if student is None:
                enrol(name)
                return
            self.session.join(student)
            self.notify(
                _("Welcome back, {name}. Your own games are under Continue and Load.").format(name=student.name),
                markup=False,
            )
            then()

        def got_name(answer: str | None) -> None:
            from game.story.roster import clean_name

            name = clean_name(answer or "") or "anonymous"
            if roster.named(name):
                self.push_screen(_screen(names, "CodeScreen")(roster, name), lambda code: got_code(name, code))
            else:
                enrol(name)

        self.push_screen(_screen(names, "NameScreen")(self.class_name), got_name)

    def _signed_in(self) -> None:
        """Back on the title screen, whose Continue now names this student's own latest game."""
        if isinstance(self.screen, TitleScreen):
            self.screen.on_screen_resume()

    # -- starting and loading -------------------------------------------------------------------
    def action_new_game(self) -> None:
        def chosen(role: str | None) -> None:
            if role:
                self.start_role_now(role)

        self.with_name(lambda: self.push_screen(_screen("role_screen", "RoleScreen")(), chosen))

    def start_role_now(self, role: str) -> None:
        self.session.start(role, self.seed)
        if self.session.last_error:
            self.notify(self.session.last_error, severity="warning")
        self.show_scene(list(self.session.require().facts))

    def action_continue(self) -> None:
        def go() -> None:
            latest = self.store.latest() if self.store else None
            if latest is None:
                self.notify(_("There is no saved game to continue yet. Start a new game: it saves itself."))
                return
            self.load_path(latest.path)

        self.with_name(go)

    def action_load(self) -> None:
        def show() -> None:
            if self.store is None:
                self.notify(_("Saving is switched off, so there is nothing to load."))
                return

            def picked(path: str | None) -> None:
                if path:
                    self.load_path(Path(path))

            self.push_screen(_screen("load_screen", "LoadScreen")(self.story, self.store.list()), picked)

        self.with_name(show)

    def load_from(self, slot: str) -> None:
        if self.store is None:
            self.notify(_("Saving is switched off, so there is nothing to load."), severity="error")
            return
        try:
            path = self.store.path_for(check_slot(slot))
        except SaveError as exc:
            self.notify(str(exc), severity="error")
            return
        self.load_path(path)

    def load_path(self, path: Path) -> None:
        """Load a save file; a damaged one is reported and left as it is, never deleted."""
        if self.store is None:
            return
        try:
            loaded = self.store.load_path(path, self.story)
        except SaveError as exc:
            self.notify(
                _("Cannot load '{slot}': {error}. The file was left as it is.").format(slot=path.stem, error=exc),
                severity="error",
                timeout=10,
            )
            return
        if loaded.scene_missing:
            role = loaded.state.role
            name = self.story.roles[role].name

            def restart(yes: bool | None) -> None:
                if yes:
                    self.session.restart(loaded, self.seed)
                    if self.session.last_error:
                        self.notify(self.session.last_error, severity="warning", markup=False)
                    self.show_scene(list(self.session.require().facts))

            self.push_screen(
                _screen("confirm_screen", "ConfirmScreen")(
                    _(
                        "[b]This save cannot go on.[/b]\nIt stopped at a scene ('{scene}') that the story "
                        "no longer has — the story was changed since.\n\nStart {role} again from the beginning? "
                        "(The old save is kept.)"
                    ).format(scene=escape(loaded.state.scene), role=name),
                    _("Start again"),
                    _("Back"),
                ),
                restart,
            )
            return
        self.session.resume(loaded)
        if loaded.story_changed:
            changes = "".join(f"\n· {note}" for note in loaded.notes)
            self.notify(_("The story was changed since this save; you go on where you were.") + changes, timeout=8)
        self.show_scene()
