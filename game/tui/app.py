"""The Textual app: screens, bindings, themes, saves and live reload around one Session.

The app decides nothing the engine should: it starts, loads and saves through the Session, and
each screen renders what the Session's state says. Every action here is reachable from the
keyboard, the mouse and the command palette.
"""

from __future__ import annotations

import gc
from pathlib import Path

from textual.app import App
from textual.binding import Binding
from textual.command import CommandPalette
from textual.notifications import SeverityLevel
from textual.screen import Screen

from game.l10n import N_, _, current_language, set_language
from game.story import gcpause
from game.story.engine import EngineError
from game.story.model import Story
from game.story.saves import SaveStore
from game.story.session import Session
from game.story.state import GameState
from game.tui.app_start import GameStarts, _screen
from game.tui.commands import GameCommands
from game.tui.lang import translate_bindings
from game.tui.leaks import release_removed_widgets
from game.tui.screens.title_screen import TitleScreen
from game.tui.text import to_markup
from game.tui.themes import HIGH_CONTRAST, THEMES


class BudapestApp(GameStarts, App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "Budapest 1956"
    COMMANDS = {GameCommands}  # only the game's own actions and themes: not Textual's theme list
    BINDINGS = [
        Binding("question_mark", "help", N_("Help")),
        Binding("ctrl+g", "glossary", N_("Glossary")),
        Binding("ctrl+q", "quit_game", N_("Quit"), show=False, priority=True),
    ]

    def __init__(
        self,
        story: Story,
        store: SaveStore | None = None,
        role: str | None = None,
        seed: int | None = None,
        load_slot: str | None = None,
        watch: bool = False,
        class_name: str = "",
        group: bool = False,
        theme_name: str | None = None,
        text_width: int | None = None,
        rewind: bool = True,
        short: bool = False,
        begin: GameState | None = None,
    ) -> None:
        super().__init__()
        self.begin = begin  # an author's test start (--start/--set/--replay): played, never saved
        self.story = story
        self.start_role = role
        self.seed = seed
        self.load_slot = load_slot
        self.watch = watch
        self.class_name = class_name
        self.group = group
        self.vote_totals: list[int] = []  # hands counted at earlier votes, to catch a typo
        self.theme_name = theme_name
        self.text_width = text_width
        self.session = Session(story, store, class_name=class_name, group=group, rewind=rewind, short=short)
        self.quit_hint = ""  # set when the player quits a saved game: printed after the app closes
        self.terms = {g.id: g.term for g in story.glossary.values()}
        self._files: dict[str, float] = {}
        self.register_theme(HIGH_CONTRAST)
        self.theme = THEMES.get(theme_name or "dark", theme_name or THEMES["dark"])
        translate_bindings(self)

    def push_screen(self, screen, *args, **kwargs):  # noqa: ANN001, ANN201 — Textual's signature
        """Every screen shows its keys in the current language (their BINDINGS hold the English)."""
        if isinstance(screen, Screen):
            translate_bindings(screen)
        return super().push_screen(screen, *args, **kwargs)

    def switch_screen(self, screen):  # noqa: ANN001, ANN201 — Textual's signature
        if isinstance(screen, Screen):
            translate_bindings(screen)
        return super().switch_screen(screen)

    def change_language(self, lang: str) -> None:
        """The title screen's language choice: the story and the interface in ``lang`` from now on."""
        from game.story.loader import StoryLoadError, load_story

        try:
            story = load_story(self.story.root, lang)
        except StoryLoadError:
            self.notify(_("The story cannot be loaded in that language."), severity="error")
            return
        set_language(lang)
        self.story = story
        self.session.story = story
        self.terms = {g.id: g.term for g in story.glossary.values()}
        translate_bindings(self)
        self.switch_screen(TitleScreen())

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notice is plain text: notices carry paths, save and player names and reload problems,
        and a path with ``[b]`` read as markup would end the app. None of our notices uses markup."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    @property
    def store(self) -> SaveStore | None:
        """The saves the player may see: in a class session, only the signed-in student's own."""
        return self.session.store

    # -- start-up ----------------------------------------------------------------------------------
    def on_ready(self) -> None:
        if not gc.isenabled():  # paused by the command line while the game started (game.cli.main)
            gcpause.resume()

    def on_mount(self) -> None:
        self.push_screen(TitleScreen())
        if self.watch:
            from game.story.reload import snapshot

            self._files = snapshot(Path(self.story.root))
            self.set_interval(1.0, self.check_files)
        if self.store is not None:
            self.store.clean_temporaries()
        if self.begin is not None:
            self.session.begin_test(self.begin)
            from game.story.replay import begin_note

            self.notify(begin_note(self.begin), markup=False)
            self.show_scene(list(self.begin.facts))
        elif self.load_slot or self.start_role:
            self.with_name(self._start_given)
        elif self.class_name:
            self.with_name(self._signed_in)
        if self.class_name:
            from game.tui.broadcast import listen

            listen(self, self.session.class_folder())

    # -- playing ----------------------------------------------------------------------------------------
    def show_scene(self, new_cards: list[str] | None = None) -> None:
        """Show the session's state: the scene screen, or the summary at an ending."""
        release_removed_widgets()  # the last scene's footer keys and measures, the screens closed since
        state = self.session.require()
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if state.ending is not None:
            ticket = self.session.ticket_questions() if self.session.ticket_due() else []
            if ticket:  # a class session: the exit ticket first, then the summary
                self._switch(_screen("ticket_screen", "TicketScreen")(ticket))
                return
            if isinstance(self.screen, _screen("scene_screen", "SceneScreen")):
                # "Preparing your summary…" is drawn first, so a player never presses again thinking
                # the choice was lost while the summary is loaded and laid out
                self.screen.preparing_summary()
                self.call_after_refresh(self._show_summary)
                return
            self._show_summary()
            return
        scene_screen = _screen("scene_screen", "SceneScreen")
        if isinstance(self.screen, scene_screen):
            self.screen.refresh_scene(new_cards)
            return
        screen = scene_screen()
        self._switch(screen)
        if new_cards:
            self.call_after_refresh(screen.refresh_scene, new_cards)

    def _show_summary(self) -> None:
        # A game leaves cyclic garbage behind at every scene (Textual's events, replaced widgets),
        # freed only by the collector's rare full passes; freed before the summary is made, its
        # memory is reused for the summary instead of the process growing by the summary's size.
        gc.collect()
        self._switch(_screen("summary_screen", "SummaryScreen")())

    def _switch(self, screen: Screen) -> None:
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def take_choice(self, index: int) -> None:
        """The one place a picked choice goes; group mode asks the class first."""
        if self.group:
            numbered = (
                [(n, v) for n, v in enumerate(self.screen.views, 1)]
                if isinstance(self.screen, _screen("scene_screen", "SceneScreen"))
                else []
            )
            open_ = [(n, v) for n, v in numbered if v.enabled]
            if len(open_) > 1:  # one way on is no decision: no vote

                def voted(result: tuple[int, tuple[int, ...]] | None) -> None:
                    if result is None:
                        return
                    pos, counts = result
                    self.vote_totals.append(sum(counts))
                    scene = self.story.scenes[self.session.require().scene]
                    full = [0] * len(scene.choices)
                    for p, (_n, view) in enumerate(open_):
                        full[view.index] = counts[p]
                    self._choose(open_[pos][1].index, tuple(full))

                self.push_screen(_screen("vote_screen", "VoteScreen")(open_, self.vote_totals), voted)
                return
        self._choose(index)

    def _choose(self, index: int, votes: tuple[int, ...] = ()) -> None:
        try:
            new_cards = self.session.choose(index, votes)
        except EngineError as exc:
            self.notify(str(exc), severity="error")
            return
        if self.session.last_error:
            self.notify(self.session.last_error, severity="warning")
        self.show_scene(new_cards)

    # -- saving and quitting ---------------------------------------------------------------------------
    def action_save(self) -> None:
        if self.session.state is None:
            self.notify(_("Start a game first; then you can save it."))
            return
        _screen("save_screen", "SaveScreen").ask(self)

    def action_quit_game(self) -> None:
        """Quit, asking first in the middle of a story (progress is autosaved, and we say so)."""
        confirm = _screen("confirm_screen", "ConfirmScreen")
        if isinstance(self.screen, confirm):
            return
        state = self.session.state
        if state is None or state.ending is not None:
            self.exit(0)
            return

        command = self.resume_command()

        def answer(yes: bool | None) -> None:
            if yes:
                self.quit_hint = command if self.session.autosave_enabled else ""
                self.exit(0)

        from game.tui.screens.confirm_screen import quit_question

        self.push_screen(confirm(quit_question(self.session, command), _("Quit"), _("Keep playing")), answer)

    def resume_command(self) -> str:
        """How to go on next time: the same story, saves folder and class (printed again on exit)."""
        from game.resume import play_command

        session = self.session
        root = (
            session.class_dir.parent if session.class_dir is not None else session.store.root if session.store else None
        )
        slot = "" if session.class_name or session.state is None else session.autosave_slot()
        return play_command(self.story.root, root, class_name=session.class_name, slot=slot)

    async def action_quit(self) -> None:
        self.action_quit_game()

    def action_command_palette(self) -> None:
        """One palette at a time: Textual looks only at the top screen, under a question it opens a second."""
        if not any(isinstance(s, CommandPalette) for s in self.screen_stack):
            super().action_command_palette()

    # -- reference screens ------------------------------------------------------------------------
    def action_help(self) -> None:
        if self.screen.name != "help":
            state = self.session.state
            self.push_screen(_screen("help_screen", "HelpScreen")(self.story, state.role if state else None))

    def action_gallery(self) -> None:
        """The endings found so far (in a class session, the signed-in student's own)."""
        from game.tui.beyond import open_gallery

        self.with_name(lambda: open_gallery(self))

    def action_facts(self, start: str | None = None) -> None:
        if isinstance(self.screen, _screen("facts_screen", "FactsScreen")):
            return
        state = self.session.state
        self.push_screen(_screen("facts_screen", "FactsScreen")(self.story, state.facts if state else (), start=start))

    def action_glossary(self, start: str | None = None, only: list[str] | None = None) -> None:
        if isinstance(self.screen, _screen("glossary_screen", "GlossaryScreen")):
            return
        self.push_screen(_screen("glossary_screen", "GlossaryScreen")(self.story, only=only, start=start))

    def action_open_term(self, term: str) -> None:
        """A click on an underlined word in the story text."""
        if term in self.story.glossary:
            self.action_glossary(term, only=[term])

    def action_set_theme(self, name: str) -> None:
        self.theme = THEMES.get(name, name)

    # -- live reload for authors --------------------------------------------------------------------
    def check_files(self) -> None:
        from game.story.reload import reload_story, snapshot  # the YAML stack: only for authors

        now = snapshot(Path(self.story.root))
        if now == self._files:
            return
        self._files = now
        result = reload_story(Path(self.story.root), self.session.state)
        if result.story is None:
            shown = "\n".join(str(p) for p in result.problems[:6])
            self.notify(f"{result.message}\n{shown}", severity="error", timeout=15, title=_("Story has errors"))
            return
        from game.story.i18n import translate

        translate(result.story, current_language())
        self.story = result.story
        self.session.story = result.story
        self.terms = {g.id: g.term for g in result.story.glossary.values()}
        if result.scene_gone:
            self.notify(result.message, severity="warning", timeout=8)
            self.session.state = None
            while len(self.screen_stack) > 2:
                self.pop_screen()
            if len(self.screen_stack) > 1:
                self.switch_screen(TitleScreen())
            return
        self.notify(result.message, title=_("Reloaded"))
        if result.state is not None:
            self.session.state = result.state
            self.show_scene()


__all__ = ["BudapestApp", "to_markup"]
