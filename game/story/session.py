"""A playthrough in progress: the engine state plus rewind history, saving and play time.

Both front ends (the Textual app and plain mode) hold one Session and do nothing but show it
and forward the player's choices, so autosave, rewind and class collection behave alike.
"""

from __future__ import annotations

import contextlib
import json
import random
import time
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from game.story import engine
from game.story.clock import format_clock
from game.story.gallery import Gallery
from game.story.model import Story
from game.story.saves import Loaded, SaveError, SaveStore, atomic_write
from game.story.state import GameState

if TYPE_CHECKING:  # the end of a game and class sessions: imported when first needed (start-up)
    from game.story.roster import Student
    from game.story.summary import Summary
    from game.story.ticket import Question, Response, Ticket

if TYPE_CHECKING:
    from game.story.whatif import WhatIf

PROGRESS = "progress"


class Session:
    def __init__(
        self,
        story: Story,
        store: SaveStore | None = None,
        player: str = "",
        class_name: str = "",
        group: bool = False,
        autosave: bool = True,
        rewind: bool = True,
        short: bool = False,
    ):
        self.story = story
        self.store = store
        self.player = player
        self.class_name = _clean_name(class_name) if class_name else ""
        self.group = group
        self.rewind_allowed = rewind
        self.short = short
        self.autosave_enabled = autosave and store is not None
        # the class folder is fixed before a student joins: their own store then lives inside it
        self.class_dir = store.root / _safe_stem(self.class_name) if self.class_name and store else None
        # shared by every player on this machine (What if? counts): beside the saves, never a student's
        self.cache_dir = store.root / ".cache" if store else None
        self.gallery = Gallery(store.root if store else None)
        self.student: Student | None = None
        self.playthrough = 0
        self.rewinds = 0
        self.cards_opened: list[str] = []
        self.ticket: Ticket | None = None
        self.state: GameState | None = None
        self.history: list[GameState] = []
        self.base_seconds = 0.0
        self.started = time.monotonic()
        self.last_error = ""
        # why the game as it stands is not on disk ("" when its autosave succeeded): what the front
        # ends say when the player leaves, so "your progress is saved" is only ever said when true
        self.unsaved = "no game has been started"
        self.saved_slot = ""  # the slot that holds the game as it stands, when it is on disk
        self.exported: list[Path] = []

    # -- who is playing --------------------------------------------------------------------------
    def join(self, student: Student) -> None:
        """A class session: from now on every save, autosave and Continue is this student's own."""
        self.student = student
        self.player = student.name
        self.store = SaveStore(student.folder)
        self.store.clean_temporaries()
        self.gallery = Gallery(student.folder)

    # -- starting -------------------------------------------------------------------------------
    def start(self, role: str, seed: int | None = None) -> GameState:
        if seed is None:
            seed = random.SystemRandom().randrange(1, 1_000_000)
        self.state = engine.new_game(self.story, role, seed, self.short)
        self.last_error = ""
        self.history = []
        self.base_seconds = 0.0
        self.started = time.monotonic()
        self.exported = []
        self.rewinds = 0
        self.cards_opened = []
        self.ticket = None
        self.playthrough = 0
        if self.student is not None:
            try:
                self.playthrough = self.student.next_playthrough()
            except OSError:
                self.playthrough = 1
        self.autosave()
        return self.state

    def begin_test(self, state: GameState) -> GameState:
        """An author's test start (``play --start``/``--replay``): played as usual, never saved,
        so the player's own autosave of that role is left as it was."""
        self.state = state
        self.history = []
        self.base_seconds = 0.0
        self.started = time.monotonic()
        self.autosave_enabled = False
        self.unsaved = "saving is switched off"
        return state

    def restart(self, loaded: Loaded, seed: int | None = None) -> GameState:
        """Start a save's role again when the save cannot go on; the old save is moved aside, kept."""
        problem = ""
        if self.store is not None:
            try:
                self.store.keep_aside(loaded.info.path)
            except OSError as exc:
                problem = f"could not keep the old save aside ({exc.strerror}); saving is off for this game"
                self.autosave_enabled = False
        state = self.start(loaded.state.role, seed)
        self.last_error = problem or self.last_error
        return state

    def resume(self, loaded: Loaded) -> GameState:
        self.state = loaded.state
        self.history = list(loaded.history)
        self.base_seconds = loaded.info.play_seconds
        self.started = time.monotonic()
        self.player = self.player or loaded.info.player
        self.playthrough = loaded.info.playthrough
        self.rewinds = loaded.info.rewinds
        self.cards_opened = [c for c in loaded.info.cards_opened if c in self.story.facts]
        self.ticket = None
        self.exported = []
        self.last_error = ""
        self.unsaved, self.saved_slot = "", loaded.info.path.stem
        return self.state

    # -- playing --------------------------------------------------------------------------------
    @property
    def play_seconds(self) -> float:
        return self.base_seconds + (time.monotonic() - self.started)

    def require(self) -> GameState:
        if self.state is None:
            raise engine.EngineError("no game in progress")
        return self.state

    def choose(self, index: int, votes: tuple[int, ...] = ()) -> list[str]:
        """Take a choice; return the ids of fact cards it unlocked."""
        before = self.require()
        after = engine.choose(self.story, before, index, votes)
        self.last_error = ""  # from here on it tells what went wrong with this choice's saves
        self.history.append(before)
        self.state = after
        if after.ending is not None:
            self.gallery.record(after.role, after.ending)
        self.autosave()
        if after.ending is not None and self.class_name:
            self.collect()
        return [f for f in after.facts if f not in before.facts]

    def open_card(self, card_id: str) -> None:
        """The student opened a fact card: counted once, for the teacher's report."""
        if card_id in self.story.facts and card_id not in self.cards_opened:
            self.cards_opened.append(card_id)

    def can_rewind(self) -> bool:
        return self.rewind_allowed and bool(self.history)

    def rewind(self, steps: int = 1) -> bool:
        """Go back ``steps`` choices (Ren'Py-style rollback); False if there is nothing to undo.

        In a class session the teacher may switch rewind off; every rewind is counted, and the
        count goes into the summary the teacher collects.
        """
        if not self.rewind_allowed or not self.history or steps < 1:
            return False
        steps = min(steps, len(self.history))
        self.last_error = ""
        self.state = self.history[-steps]
        del self.history[-steps:]
        self.rewinds += 1
        self.autosave()
        return True

    def back_to(self, step: int) -> bool:
        """Go back to just before the path's ``step``-th choice ("What if?" → play it), as one rewind."""
        state = self.require()
        if not self.rewind_allowed:
            return False
        for i in range(len(self.history) - 1, -1, -1):
            old = self.history[i]
            if len(old.path) == step and old.path == state.path[:step]:
                return self.rewind(len(self.history) - i)
        return False

    def what_ifs(self) -> list[WhatIf]:
        """Each key decision on this path with the futures of every choice there (cached on disk)."""
        from game.story.whatif import FuturesCache, what_ifs  # only when asked: keeps start-up light

        return what_ifs(self.story, self.require(), self.history, FuturesCache(self.cache_dir, self.story))

    # -- saving -----------------------------------------------------------------------------
    def autosave_slot(self) -> str:
        return f"autosave-{self.require().role}"

    def autosave(self) -> bool:
        if not self.autosave_enabled:
            self.unsaved = "saving is switched off"
            return False
        saved = self.save(self.autosave_slot())
        if saved:
            self.unsaved, self.saved_slot = "", self.autosave_slot()
        else:
            self.unsaved = self.last_error.removeprefix("could not save: ")
        return saved

    def save(self, slot: str) -> bool:
        """Save to ``slot``; on failure keep playing and remember the reason in ``last_error``."""
        if self.store is None:
            self.last_error = "saving is switched off"
            return False
        meta: dict[str, object] = {"student": self.student.id if self.student else "", "playthrough": self.playthrough}
        meta["rewinds"] = self.rewinds
        meta["cards_opened"] = list(self.cards_opened)
        try:
            self.store.save(slot, self.story, self.require(), self.history, self.play_seconds, self.player, meta)
        except (SaveError, OSError, UnicodeError) as exc:
            self.last_error = f"could not save: {_reason(exc)}"
            return False
        self.last_error = ""
        self.report_progress()
        return True

    def report_progress(self) -> None:
        """In a class session, tell the teacher's console where this student is (one small file)."""
        if self.class_dir is None or self.student is None or self.state is None:
            return
        state = self.state
        scene = self.story.scenes.get(state.scene)
        record = {
            "student": self.student.id,
            "name": self.player,
            "playthrough": self.playthrough,
            "role": state.role,
            "scene": state.scene,
            "scene_title": scene.title if scene else "",
            "when": format_clock(state.clock),
            "decisions": sum(1 for step in state.path if _is_decision(self.story, step.scene)),
            "play_seconds": round(self.play_seconds, 1),
            "finished": state.ending is not None,
            "updated_at": datetime.now().isoformat(timespec="seconds"),
        }
        path = self.class_dir / PROGRESS / f"{self.student.id}-{self.playthrough}.json"
        with contextlib.suppress(OSError, UnicodeError):  # the console is a convenience: never disturb the game
            atomic_write(path, json.dumps(record, ensure_ascii=False))

    # -- the end --------------------------------------------------------------------------------
    def summary(self) -> Summary:
        from game.story.summary import summarize

        summary = summarize(self.story, self.require(), self.player, self.class_name, self.group)
        summary.student = self.student.id if self.student else ""
        summary.playthrough = self.playthrough
        summary.rewinds = self.rewinds
        summary.play_seconds = round(self.play_seconds, 1)
        summary.cards_opened = list(self.cards_opened)
        summary.ticket = self.ticket
        return summary

    # -- the exit ticket --------------------------------------------------------------------------
    def ticket_due(self) -> bool:
        """A class session that just handed in this ending's summary asks the exit ticket once."""
        state = self.state
        return bool(self.class_name and self.exported and state and state.ending and self.ticket is None)

    def ticket_questions(self) -> list[Question]:
        from game.story.ticket import questions_for

        return questions_for(self.story, self.require())

    def hand_in_ticket(self, responses: list[Response]) -> bool:
        """Put the answers into the summary already handed in (rewritten in place); False on failure."""
        from game.story.export import to_json
        from game.story.summary import summary_to_dict
        from game.story.ticket import Ticket

        self.ticket = Ticket(responses)
        data = summary_to_dict(self.summary(), self.story)
        try:
            for path in self.exported:
                if path.suffix == ".json":
                    atomic_write(path, to_json(data))
        except (OSError, UnicodeError) as exc:
            self.last_error = f"could not hand in your answers: {_reason(exc)}"
            return False
        return True

    def class_folder(self) -> Path | None:
        return self.class_dir

    def collect(self) -> list[Path]:
        """In a class session, file this playthrough's JSON summary under saves/<class>/.

        A student who went back from an ending and finished again hands in the new summary in
        place of the old one: one summary per playthrough, its rewinds counted in it.
        """
        folder = self.class_folder()
        if folder is None:
            return []
        earlier = list(self.exported)
        from game.story.export import export_summary

        try:
            self.exported = export_summary(self.summary(), self.story, folder, ("json",))
        except (OSError, UnicodeError) as exc:
            self.last_error = f"could not hand in your summary for the teacher: {_reason(exc)}"
            return []
        for path in earlier:
            with contextlib.suppress(OSError):
                path.unlink()
        return self.exported


def _clean_name(name: str) -> str:
    from game.story.roster import clean_name

    return clean_name(name)


def _safe_stem(text: str) -> str:
    from game.story.export import safe_stem

    return safe_stem(text)


def _is_decision(story: Story, scene_id: str) -> bool:
    scene = story.scenes.get(scene_id)
    return bool(scene and scene.decision)


def _reason(exc: BaseException) -> str:
    """A short reason for a failed write: the system's words, without the temporary file's path."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    if isinstance(exc, UnicodeError):
        return "a name holds characters that cannot be written to a file"
    return str(exc)
