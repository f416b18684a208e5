"""The Textual app: screens, bindings, themes, saves and live reload around one Session.

The app decides nothing the engine should: it starts, loads and saves through the Session, and
each screen renders what the Session's state says.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.binding import Binding

from game.story.engine import EngineError
from game.story.model import Story
from game.story.reload import reload_story, snapshot
from game.story.saves import SaveError, SaveStore, check_slot
from game.story.session import Session
from game.tui.commands import GameCommands
from game.tui.screens.confirm_screen import ConfirmScreen
from game.tui.screens.input_screen import InputScreen
from game.tui.screens.list_screen import ListScreen
from game.tui.screens.role_screen import RoleScreen
from game.tui.screens.scene_screen import SceneScreen
from game.tui.screens.summary_screen import SummaryScreen
from game.tui.screens.text_screen import TextScreen
from game.tui.screens.title_screen import TitleScreen
from game.tui.screens.vote_screen import VoteScreen
from game.tui.text import to_markup
from game.tui.themes import HIGH_CONTRAST, THEMES

HELP = """# How to play

You live the autumn of 1956 in Budapest as one ordinary person. Read each scene, then choose.

| key | what it does |
|---|---|
| **1–9** | pick a choice by its number |
| **↑ ↓ Enter** | move to a choice and pick it (or click it with the mouse) |
| **c** | read the fact card you just found |
| **f** | all your fact cards |
| **g** | the words explained in this scene (click an underlined word too) |
| **ctrl+g** | the whole glossary |
| **j** | your journal: the story so far |
| **backspace** or **r** | go back one choice |
| **s** | save to a named slot (the game also autosaves at every scene) |
| **ctrl+p** | the command palette: every action, and the themes |
| **?** | this help |
| **q** | quit (asks first; your progress is autosaved) |

A choice marked **✗** is not open to you now; the reason is written under it.
A **★** notice means you found a fact card. On the end screen, **e** exports your summary.

Every fact card, ending and epilogue names its sources. Where historians disagree about a
figure, the card shows what people believed then beside the modern estimate.
"""


class BudapestApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "Budapest 1956"
    COMMANDS = App.COMMANDS | {GameCommands}
    BINDINGS = [
        Binding("question_mark", "help", "Help"),
        Binding("ctrl+g", "glossary", "Glossary"),
        Binding("ctrl+q", "quit_game", "Quit", show=False),
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
    ) -> None:
        super().__init__()
        self.story = story
        self.store = store
        self.start_role = role
        self.seed = seed
        self.load_slot = load_slot
        self.watch = watch
        self.class_name = class_name
        self.group = group
        self.theme_name = theme_name
        self.text_width = text_width
        self.session = Session(story, store, class_name=class_name, group=group)
        self.terms = {g.id: g.term for g in story.glossary.values()}
        self._files: dict[str, float] = {}

    # -- start-up ----------------------------------------------------------------------------------
    def on_mount(self) -> None:
        self.register_theme(HIGH_CONTRAST)
        if self.theme_name:
            self.theme = THEMES[self.theme_name]
        self.push_screen(TitleScreen())
        if self.watch:
            self._files = snapshot(Path(self.story.root))
            self.set_interval(1.0, self.check_files)
        if self.class_name:
            self.ask_name(then=self._start_given)
        else:
            self._start_given()

    def _start_given(self) -> None:
        if self.load_slot:
            self.load_from(self.load_slot)
        elif self.start_role:
            self.start_role_now(self.start_role)

    def ask_name(self, then) -> None:
        def got(name: str | None) -> None:
            self.session.player = name or "anonymous"
            then()

        self.push_screen(
            InputScreen(
                f"Class {self.class_name}: type your name or a pseudonym, then Enter.", "a name or a pseudonym"
            ),
            got,
        )

    # -- starting and loading -------------------------------------------------------------------
    def action_new_game(self) -> None:
        def chosen(role: str | None) -> None:
            if role:
                self.start_role_now(role)

        self.push_screen(RoleScreen(), chosen)

    def start_role_now(self, role: str) -> None:
        self.session.start(role, self.seed)
        self.show_scene()

    def action_continue(self) -> None:
        latest = self.store.latest() if self.store else None
        if latest is None:
            self.notify("There is no saved game to continue yet.")
            return
        self.load_path(latest.path)

    def action_load(self) -> None:
        if self.store is None:
            self.notify("Saving is switched off.")
            return
        infos = self.store.list()
        items = []
        for info in infos:
            if info.ok:
                role = self.story.roles[info.role].name if info.role in self.story.roles else info.role
                minutes = int(info.play_seconds // 60)
                from game.story.clock import format_clock

                label = f"{info.slot} — {role}"
                detail = (
                    f"## {info.slot}\n\n- **Role:** {role}\n- **In the story:** {format_clock(info.clock)}, {info.where}\n"
                    f"- **Saved:** {info.saved_at.replace('T', ' ')}\n- **Play time:** {minutes} min"
                    + ("\n- This playthrough has ended." if info.ended else "")
                )
            else:
                label = f"✗ {info.slot} (damaged)"
                detail = f"## {info.path.name}\n\nThis save cannot be loaded: **{info.reason}**.\n\nThe file is kept as it is."
            items.append((str(info.path), label, detail))
        bad = {str(i.path) for i in infos if not i.ok}

        def picked(path: str | None) -> None:
            if path:
                self.load_path(Path(path))

        self.push_screen(
            ListScreen("Load a saved game", items, "There are no saves yet.", pick=True, disabled=lambda p: p in bad),
            picked,
        )

    def load_from(self, slot: str) -> None:
        try:
            path = self.store.path_for(check_slot(slot)) if self.store else None
        except SaveError as exc:
            self.notify(str(exc), severity="error")
            return
        if path is not None:
            self.load_path(path)

    def load_path(self, path: Path) -> None:
        if self.store is None:
            return
        try:
            loaded = self.store.load_path(path, self.story)
        except SaveError as exc:
            self.notify(f"Cannot load {path.name}: {exc}. The file was left as it is.", severity="error", timeout=8)
            return
        if loaded.scene_missing:
            role = loaded.state.role

            def restart(yes: bool | None) -> None:
                if yes:
                    self.start_role_now(role)

            self.push_screen(
                ConfirmScreen(
                    f"This save stopped at a scene ('{loaded.state.scene}') that the story no longer has. Start the role again? (The old save is kept.)"
                ),
                restart,
            )
            return
        self.session.resume(loaded)
        self.show_scene()

    # -- playing ----------------------------------------------------------------------------------------
    def show_scene(self, new_cards: list[str] | None = None) -> None:
        state = self.session.require()
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if state.ending is not None:
            self._switch(SummaryScreen())
            return
        if isinstance(self.screen, SceneScreen):
            self.screen.refresh_scene(new_cards)
            return
        screen = SceneScreen()
        self._switch(screen)
        if new_cards:
            self.call_after_refresh(screen.refresh_scene, new_cards)

    def _switch(self, screen) -> None:
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def take_choice(self, index: int) -> None:
        """The one place a choice is taken; group mode asks the class first."""
        if self.group:
            views = [v for v in self.screen.views if v.enabled] if isinstance(self.screen, SceneScreen) else []

            def voted(result) -> None:
                if result is None:
                    return
                pos, counts = result
                scene = self.story.scenes[self.session.require().scene]
                full = [0] * len(scene.choices)
                for p, view in enumerate(views):
                    full[view.index] = counts[p]
                self._choose(views[pos].index, tuple(full))

            self.push_screen(VoteScreen(views), voted)
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
            self.notify("Start a game first.")
            return

        def problem(name: str) -> str:
            try:
                check_slot(name)
            except SaveError as exc:
                return str(exc)
            return ""

        def named(name: str | None) -> None:
            if name:
                if self.session.save(name):
                    self.notify(f"Saved as '{name}'.")
                else:
                    self.notify(self.session.last_error, severity="error")

        self.push_screen(InputScreen("Save as (a name, e.g. lesson-2):", "lesson-2", check=problem), named)

    def action_quit_game(self) -> None:
        state = self.session.state
        if state is None or state.ending is not None:
            self.exit(0)
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.exit(0)

        where = f" in '{self.session.autosave_slot()}'" if self.session.autosave_enabled else ""
        self.push_screen(
            ConfirmScreen(
                f"Quit the game? Your progress is autosaved{where}; continue it from the title screen.",
                "Quit",
                "Keep playing",
            ),
            answer,
        )

    # -- reference screens ------------------------------------------------------------------------
    def action_help(self) -> None:
        self.push_screen(TextScreen(HELP, name="help"))

    def action_facts(self, start: str | None = None) -> None:
        state = self.session.state
        found = state.facts if state else ()
        items = [(f, self.story.facts[f].title, self.card_markdown(f)) for f in found if f in self.story.facts]
        self.push_screen(
            ListScreen("Fact cards you have found", items, "You have not found any fact cards yet.", start=start)
        )

    def card_markdown(self, card_id: str) -> str:
        from game.story import markup

        card = self.story.facts[card_id]
        lines = [f"## {card.title}", f"*{card.date}*", "", markup.plain(card.text, self.terms).strip(), ""]
        if card.disputed:
            d = card.disputed
            lines += [
                "> **Disputed figure.**",
                f"> *What was believed then:* {markup.plain(d.then).strip()}",
                ">",
                f"> *The modern estimate:* {markup.plain(d.now).strip()}",
                "",
            ]
            cites = card.cite + d.cite
        else:
            cites = card.cite
        lines.append("**Sources**")
        lines.append("")
        for c in cites:
            source = self.story.sources.get(c.source)
            ref = source.reference() if source else c.source
            lines.append(f"- {ref}{' — ' + c.locator if c.locator else ''}")
        return "\n".join(lines)

    def action_glossary(self, start: str | None = None, only: list[str] | None = None) -> None:
        from game.story import markup

        entries = (
            [self.story.glossary[i] for i in only]
            if only
            else sorted(self.story.glossary.values(), key=lambda g: g.term.casefold())
        )
        items = []
        for g in entries:
            names = " · ".join(x for x in (g.hungarian, g.english) if x and x != g.term)
            items.append((g.id, g.term, f"## {g.term}\n\n*{names}*\n\n{markup.plain(g.text, self.terms).strip()}"))
        title = "Words explained in this scene" if only else "Glossary"
        self.push_screen(ListScreen(title, items, "The glossary is empty.", start=start))

    def action_open_term(self, term: str) -> None:
        if term in self.story.glossary:
            self.action_glossary(term)

    def action_set_theme(self, name: str) -> None:
        self.theme = THEMES.get(name, name)

    # -- live reload for authors --------------------------------------------------------------------
    def check_files(self) -> None:
        now = snapshot(Path(self.story.root))
        if now == self._files:
            return
        self._files = now
        result = reload_story(Path(self.story.root), self.session.state)
        if result.story is None:
            shown = "\n".join(str(p) for p in result.problems[:6])
            self.notify(f"{result.message}\n{shown}", severity="error", timeout=15, title="Story has errors")
            return
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
        self.notify(result.message, title="Reloaded")
        if result.state is not None:
            self.session.state = result.state
            self.show_scene()


__all__ = ["BudapestApp", "to_markup"]
