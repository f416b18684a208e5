"""A playthrough in progress: the engine state plus rewind history, saving and play time.

Both front ends (the Textual app and plain mode) hold one Session and do nothing but show it
and forward the player's choices, so autosave, rewind and class collection behave alike.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

from game.story import engine
from game.story.export import export_summary, safe_stem
from game.story.model import Story
from game.story.saves import Loaded, SaveError, SaveStore
from game.story.state import GameState
from game.story.summary import Summary, summarize


class Session:
    def __init__(
        self,
        story: Story,
        store: SaveStore | None = None,
        player: str = "",
        class_name: str = "",
        group: bool = False,
        autosave: bool = True,
    ):
        self.story = story
        self.store = store
        self.player = player
        self.class_name = class_name
        self.group = group
        self.autosave_enabled = autosave and store is not None
        self.state: GameState | None = None
        self.history: list[GameState] = []
        self.base_seconds = 0.0
        self.started = time.monotonic()
        self.last_error = ""
        self.exported: list[Path] = []

    # -- starting -------------------------------------------------------------------------------
    def start(self, role: str, seed: int | None = None) -> GameState:
        if seed is None:
            seed = random.SystemRandom().randrange(1, 1_000_000)
        self.state = engine.new_game(self.story, role, seed)
        self.history = []
        self.base_seconds = 0.0
        self.started = time.monotonic()
        self.exported = []
        self.autosave()
        return self.state

    def resume(self, loaded: Loaded) -> GameState:
        self.state = loaded.state
        self.history = list(loaded.history)
        self.base_seconds = loaded.info.play_seconds
        self.started = time.monotonic()
        self.player = self.player or loaded.info.player
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
        self.history.append(before)
        self.state = after
        self.autosave()
        if after.ending is not None and self.class_name:
            self.collect()
        return [f for f in after.facts if f not in before.facts]

    def can_rewind(self) -> bool:
        return bool(self.history)

    def rewind(self, steps: int = 1) -> bool:
        """Go back ``steps`` choices (Ren'Py-style rollback); False if there is nothing to undo."""
        if not self.history or steps < 1:
            return False
        steps = min(steps, len(self.history))
        self.state = self.history[-steps]
        del self.history[-steps:]
        self.autosave()
        return True

    # -- saving -----------------------------------------------------------------------------
    def autosave_slot(self) -> str:
        return f"autosave-{self.require().role}"

    def autosave(self) -> bool:
        if not self.autosave_enabled:
            return False
        return self.save(self.autosave_slot())

    def save(self, slot: str) -> bool:
        """Save to ``slot``; on failure keep playing and remember the reason in ``last_error``."""
        if self.store is None:
            self.last_error = "saving is switched off"
            return False
        try:
            self.store.save(slot, self.story, self.require(), self.history, self.play_seconds, self.player)
        except (SaveError, OSError) as exc:
            self.last_error = f"could not save: {exc}"
            return False
        self.last_error = ""
        return True

    # -- the end --------------------------------------------------------------------------------
    def summary(self) -> Summary:
        return summarize(self.story, self.require(), self.player, self.class_name, self.group)

    def class_folder(self) -> Path | None:
        if not self.class_name or self.store is None:
            return None
        return self.store.root / safe_stem(self.class_name)

    def collect(self) -> list[Path]:
        """In a class session, file this playthrough's JSON summary under saves/<class>/."""
        folder = self.class_folder()
        if folder is None:
            return []
        try:
            self.exported = export_summary(self.summary(), self.story, folder, ("json",))
        except OSError as exc:
            self.last_error = f"could not collect the summary: {exc}"
            return []
        return self.exported
