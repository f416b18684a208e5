"""The scene's story text: title, what the last choice led to, and the visible passages.

One widget so the scene screen can cap its width (``--width`` for large fonts) and scroll it
as a whole when a long scene meets a small terminal. When the text goes on below what is
shown, it says so (``more_below``), so a player on a small screen never takes the choices for
the end of the scene.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from game.tui.text import to_markup


class SceneText(VerticalScroll):
    """Scrollable story text; glossary terms in it are clickable links."""

    DEFAULT_CLASSES = "scene-text-box"

    class Overflow(Message):
        """The text now does (or no longer does) go on below the visible part."""

        def __init__(self, more_below: bool) -> None:
            super().__init__()
            self.more_below = more_below

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003 — VerticalScroll's signature
        super().__init__(*args, **kwargs)
        self.more_below = False

    def compose(self) -> ComposeResult:
        yield Static("", id="scene-title")
        yield Static("", id="outcome")
        yield Static("", id="scene-text")

    def show(self, title: str, arrival: list[str], passages: list[str], terms: dict[str, str]) -> None:
        """Replace the text with a new scene's and scroll back to its top.

        ``arrival`` is what the last choice led to (its result, the random outcome's line): set
        apart above the scene's own text, like ink's text after a choice.
        """
        heading = self.query_one("#scene-title", Static)
        heading.update(f"[b]{to_markup(title, terms, links=False)}[/b]" if title else "")
        heading.display = bool(title)
        shown = self.query_one("#outcome", Static)
        shown.update("\n\n".join(f"[i]{to_markup(line, terms)}[/i]" for line in arrival))
        shown.display = bool(arrival)
        self.query_one("#scene-text", Static).update("\n\n".join(to_markup(p, terms) for p in passages))
        self.scroll_home(animate=False)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self.check_overflow()

    def on_resize(self, event: events.Resize) -> None:  # a new scene's text, or a new terminal size
        self.check_overflow()

    def check_overflow(self) -> None:
        more = round(self.scroll_y) < self.max_scroll_y
        if more != self.more_below:
            self.more_below = more
            self.post_message(self.Overflow(more))
