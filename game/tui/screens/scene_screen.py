"""The scene screen: the story text, the choices, the status panel, notices and the journal.

It holds no story logic: it asks the session what to show and tells it what was chosen.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from game.story import engine, markup
from game.story.clock import format_clock
from game.tui.text import to_markup
from game.tui.widgets.status_panel import StatusPanel


class SceneScreen(Screen[None]):
    BINDINGS = [
        Binding("c", "read_new_card", "Read card"),
        Binding("f", "app.facts", "Cards"),
        Binding("g", "terms", "Words"),
        Binding("j", "journal", "Journal"),
        Binding("backspace,r", "rewind", "Back"),
        Binding("s", "save", "Save"),
        Binding("q", "app.quit_game", "Quit"),
    ] + [Binding(str(n), f"pick({n})", show=False) for n in range(1, 10)]

    def __init__(self) -> None:
        super().__init__()
        self.views: list[engine.ChoiceView] = []
        self.new_cards: list[str] = []

    def compose(self) -> ComposeResult:
        with Horizontal(id="scene-main"):
            with Vertical(id="scene-left"):
                with VerticalScroll(id="scene-scroll"):
                    yield Static("", id="scene-title")
                    yield Static("", id="outcome")
                    yield Static("", id="scene-text")
                yield Static("", id="notice")
                yield OptionList(id="choices")
            yield StatusPanel(id="status")
        yield Footer()

    def on_mount(self) -> None:
        if self.app.group:
            self.add_class("-group")
        width = self.app.text_width
        if width:
            self.query_one("#scene-left").styles.max_width = width
        self.refresh_scene()

    # -- rendering --------------------------------------------------------------------------------
    def refresh_scene(self, new_cards: list[str] | None = None) -> None:
        app = self.app
        session = app.session
        state = session.require()
        story = app.story
        scene = story.scenes[state.scene]
        self.new_cards = new_cards or []
        self.query_one("#scene-title", Static).update(
            f"[b]{to_markup(scene.title, app.terms)}[/b]" if scene.title else ""
        )
        outcome = engine.outcome_text(story, state)
        self.query_one("#outcome", Static).update(f"[i]{to_markup(outcome, app.terms)}[/i]" if outcome else "")
        self.query_one("#outcome").display = bool(outcome)
        passages = engine.scene_text(story, state)
        self.query_one("#scene-text", Static).update("\n\n".join(to_markup(p, app.terms) for p in passages))
        notice = self.query_one("#notice", Static)
        if self.new_cards:
            titles = ", ".join(story.facts[c].title for c in self.new_cards)
            notice.update(f"★ Fact card found: [b]{titles}[/b] — press [b]c[/b] to read it")
        elif session.last_error:
            notice.update(f"✗ {session.last_error}")
        else:
            notice.update("")
        notice.display = bool(self.new_cards or session.last_error)
        self.views = engine.choices(story, state)
        options = self.query_one("#choices", OptionList)
        options.clear_options()
        for n, view in enumerate(self.views, 1):
            if view.enabled:
                options.add_option(Option(f"{n}. {view.text}", id=str(view.index)))
            else:
                options.add_option(
                    Option(f"✗ {view.text}\n   [i]unavailable: {view.reason}[/i]", id=str(view.index), disabled=True)
                )
        first = next((i for i, v in enumerate(self.views) if v.enabled), None)
        if first is not None:
            options.highlighted = first
        options.focus()
        self.query_one("#scene-scroll").scroll_home(animate=False)
        self.query_one(StatusPanel).show(
            story, state, saved=not session.last_error and session.autosave_enabled, where=scene.where
        )

    # -- choosing -----------------------------------------------------------------------------------
    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.app.take_choice(int(event.option.id or 0))

    def action_pick(self, n: int) -> None:
        if not 1 <= n <= len(self.views):
            self.notify(f"There is no choice {n}.", severity="warning")
            return
        view = self.views[n - 1]
        if not view.enabled:
            self.notify(f"Not open: {view.reason}", severity="warning")
            return
        self.app.take_choice(view.index)

    # -- side panels --------------------------------------------------------------------------------
    def action_read_new_card(self) -> None:
        state = self.app.session.require()
        card = (self.new_cards or list(state.facts[-1:]) or [None])[0]
        if card is None:
            self.notify("No fact card found yet.")
            return
        self.app.action_facts(card)

    def action_terms(self) -> None:
        story = self.app.story
        ids: list[str] = []
        for passage in engine.scene_text(story, self.app.session.require()):
            ids += [t for t in markup.terms_in(passage) if t not in ids and t in story.glossary]
        if not ids:
            self.notify("No words are explained in this scene. Press ctrl+g for the whole glossary.")
            return
        self.app.action_glossary(ids[0], only=ids)

    def action_journal(self) -> None:
        app = self.app
        state = app.session.require()
        lines = [f"# Journal — {app.story.roles[state.role].name}", ""]
        for step in state.path:
            scene = app.story.scenes.get(step.scene)
            where = f" — {scene.where}" if scene and scene.where else ""
            lines.append(f"- **{format_clock(step.clock)}**{where}: {step.text}")
        if not state.path:
            lines.append("Your story has just begun.")
        from game.tui.screens.text_screen import TextScreen

        app.push_screen(TextScreen("\n".join(lines), name="journal"))

    def action_rewind(self) -> None:
        if self.app.session.rewind():
            self.notify("You go back one choice.")
            self.refresh_scene()
        else:
            self.notify("There is nothing to go back to.")

    def action_save(self) -> None:
        self.app.action_save()
