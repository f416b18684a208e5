"""The scene screen: the story text, the choices, the status panel and the fact-card notice.

It holds no story logic: it asks the engine what to show and hands the picked choice to the
app (``App.take_choice``), the one place a choice is taken — group mode wraps that path.
The story scrolls with PageUp/PageDown and space while the choices keep the focus, and a line
under it says when there is more below.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import OptionList, Static

from game.l10n import N_, _
from game.story import engine, markup
from game.tui.beyond import go_back_one, meanwhile_hint, open_meanwhile
from game.tui.widgets.choice_list import ChoiceList
from game.tui.widgets.keys_footer import KeysFooter
from game.tui.widgets.notice import Notice
from game.tui.widgets.scene_text import SceneText
from game.tui.widgets.status_panel import StatusPanel


class SceneScreen(Screen[None]):
    # Below 70 columns (a phone, a small window) the status panel becomes one line above the story.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (70, "-wide")]
    BINDINGS = [
        Binding("c", "read_new_card", N_("Card")),
        Binding("f", "app.facts", N_("Facts")),
        Binding("g", "terms", N_("Words")),
        Binding("j", "journal", N_("Journal")),
        Binding("o", "meanwhile", N_("Meanwhile")),
        Binding("r,backspace", "rewind", N_("Back")),
        Binding("s", "app.save", N_("Save")),
        Binding("q", "app.quit_game", N_("Quit")),
        # before the choice list's own PageUp/PageDown: the keys scroll the story, the focus stays put
        Binding("pageup", "scroll_text(-1)", N_("Scroll up"), show=False, priority=True),
        Binding("pagedown,space", "scroll_text(1)", N_("Scroll down"), show=False, priority=True),
    ] + [Binding(str(n), f"pick({n})", show=False) for n in range(1, 10)]

    def __init__(self) -> None:
        super().__init__()
        self.views: list[engine.ChoiceView] = []
        self.new_cards: list[str] = []
        self.ended = False  # the last choice was taken: the summary is being prepared

    def compose(self) -> ComposeResult:
        with Horizontal(id="scene-main"):
            with Vertical(id="scene-left"):
                yield SceneText(id="scene-scroll")
                yield Static(_("more below ↓ · PgDn or space to read on"), id="more-below")
                yield Notice("", id="notice")
                yield Static("", id="meanwhile-hint")
                yield ChoiceList(id="choices")
            yield StatusPanel(id="status")
        yield KeysFooter()

    def on_mount(self) -> None:
        if self.app.group:
            self.add_class("-group")
        width = self.app.text_width
        if width:
            self.query_one("#scene-left").styles.max_width = width
        self.refresh_scene()

    # -- rendering --------------------------------------------------------------------------------
    def refresh_scene(self, new_cards: list[str] | None = None) -> None:
        """Show the session's current state; ``new_cards`` are the cards the last choice found."""
        with self.app.batch_update():  # every part changes at once: one layout, one frame
            self._refresh(new_cards)

    def _refresh(self, new_cards: list[str] | None) -> None:
        app = self.app
        session = app.session
        state = session.require()
        story = app.story
        scene = engine.current_scene(story, state)
        self.new_cards = [c for c in (new_cards or []) if c in story.facts]
        self.query_one(SceneText).show(
            scene.title, engine.arrival_text(story, state), engine.scene_text(story, state), app.terms
        )
        self.query_one(Notice).show([story.facts[c].title for c in self.new_cards], session.last_error)
        hint, line = self.query_one("#meanwhile-hint", Static), meanwhile_hint(app)
        hint.update(line)
        if hint.display != bool(line):
            hint.display = bool(line)
            self.refresh_bindings()  # "o Meanwhile" shows in the footer only where it applies
        self.views = engine.choices(story, state)
        choices = self.query_one(ChoiceList)
        choices.show(self.views)
        choices.focus()
        self.query_one(StatusPanel).show(story, state, saved=not session.unsaved, where=scene.where)

    def on_scene_text_overflow(self, event: SceneText.Overflow) -> None:
        self.query_one("#more-below").display = event.more_below

    def preparing_summary(self) -> None:
        """The last choice was taken: say so at once, while the summary is made, and take no other."""
        self.ended = True
        self.views = []
        choices = self.query_one(ChoiceList)
        choices.clear_options()
        choices.display = False
        self.query_one("#meanwhile-hint").display = False
        notice = self.query_one(Notice)
        notice.update(_("Preparing your summary…"))
        notice.set_class(False, "-problem")
        notice.display = True

    # -- choosing -----------------------------------------------------------------------------------
    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None and not event.option.disabled:
            self.app.take_choice(int(event.option.id))

    def action_pick(self, n: int) -> None:
        """Number keys: the n-th choice as shown (disabled ones are counted, and refused)."""
        if self.ended:
            return
        if not 1 <= n <= len(self.views):
            self.notify(_("There is no choice {n}.").format(n=n), severity="warning")
            return
        view = self.views[n - 1]
        if not view.enabled:
            self.notify(_("That choice is not open to you: {reason}").format(reason=view.reason), severity="warning")
            return
        self.app.take_choice(view.index)

    def action_scroll_text(self, direction: int) -> None:
        text = self.query_one(SceneText)
        if direction < 0:
            text.scroll_page_up()
        else:
            text.scroll_page_down()

    # -- side pages ---------------------------------------------------------------------------------
    def action_read_new_card(self) -> None:
        state = self.app.session.require()
        card = (self.new_cards or list(state.facts[-1:]) or [None])[0]
        if card is None:
            self.notify(_("You have not found a fact card yet. Watch for ★."))
            return
        self.app.action_facts(card)

    def action_terms(self) -> None:
        story = self.app.story
        ids: list[str] = []
        state = self.app.session.require()
        for passage in engine.arrival_text(story, state) + engine.scene_text(story, state):
            ids += [t for t in markup.terms_in(passage) if t not in ids and t in story.glossary]
        if not ids:
            self.notify(_("No words are explained in this scene. Press ctrl+g for the whole glossary."))
            return
        self.app.action_glossary(ids[0], only=ids)

    def action_journal(self) -> None:
        from game.tui.screens.journal_screen import JournalScreen

        self.app.push_screen(JournalScreen(self.app.story, self.app.session.require()))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "meanwhile":
            return bool(self.is_mounted and self.query("#meanwhile-hint") and self.query_one("#meanwhile-hint").display)
        return True

    def action_meanwhile(self) -> None:
        open_meanwhile(self.app)

    def action_rewind(self) -> None:
        nothing = _("There is nothing to go back to: this is where your story starts.")
        go_back_one(self.app, self.refresh_scene, _("You go back one choice."), nothing)
