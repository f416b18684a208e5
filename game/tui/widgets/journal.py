"""The journal: the path so far — when, where, the moments of history lived, what you chose and what came of it."""

from __future__ import annotations

from textual.markup import escape
from textual.widgets import Static

from game.l10n import _
from game.story.clock import format_clock
from game.story.engine import step_result
from game.story.meanwhile import event_when
from game.story.model import Scene, Story
from game.story.state import GameState
from game.tui.text import plain


class Journal(Static):
    """Rendered from the state's path; the screen around it scrolls."""

    def show(self, story: Story, state: GameState) -> None:
        role = story.roles[state.role]
        terms = {g.id: g.term for g in story.glossary.values()}
        lines = [f"[b]{escape(role.name)}[/b]", ""]
        if not state.path:
            lines.append("[i]" + _("Your story has just begun. Each choice you make is written here.") + "[/i]")
        for n, step in enumerate(state.path, 1):
            scene = story.scenes.get(step.scene)
            where = scene.where if scene and scene.where else ""
            head = escape(format_clock(step.clock)) + (f" · {escape(where)}" if where else "")
            lines += [f"[b]{n}.[/b] {head}", *_events(story, scene), f"    → {escape(step.text)}"]
            lines += [f"      [i]{escape(plain(line, terms))}[/i]" for line in step_result(story, step)]
            lines.append("")
        here = story.scenes.get(state.scene)
        now = escape(format_clock(state.clock)) + (f" · {escape(here.where)}" if here and here.where else "")
        lines += ["[b]" + _("Now:") + f"[/b] {now}", *_events(story, here)]
        self.update("\n".join(lines))


def _events(story: Story, scene: Scene | None) -> list[str]:
    """The moments of history a scene showed (its timeline events), one line each."""
    events = [story.timeline[e] for e in (scene.events if scene else []) if e in story.timeline]
    return [f"    ◆ {escape(e.title)} [dim]({escape(event_when(e))})[/dim]" for e in events]
