"""A long Rich renderable (the end summary) laid out once and drawn a screen's worth of lines at a time.

A ``Static`` renders all of its lines and keeps every one as a ``Strip`` with its own caches:
the summary of a whole game is some 800 lines, about 4 MB held for as long as the end screen is
open — a quarter of what a game had grown by at its end. This widget keeps the laid-out lines as
plain Rich segments and makes a ``Strip`` only for the lines on screen (Textual's line API,
``render_line``); inside a scrolling container, Textual asks only for those. It draws exactly
what a ``Static`` with the same renderable draws (left-aligned, the widget's style as the base).
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget


class LongText(Widget):
    DEFAULT_CSS = """
    LongText {
        height: auto;
    }
    """

    def __init__(self, renderable: RenderableType, *, id: str | None = None) -> None:  # noqa: A002 — Textual's name
        super().__init__(id=id)
        self.renderable = renderable
        self._lines: list[list[Segment]] = []
        self._laid_out: tuple[int, Style] | None = None

    def lines(self, width: int) -> list[list[Segment]]:
        """The renderable laid out at ``width`` cells in the widget's style (again only when either changes)."""
        style = self.visual_style.rich_style
        if (width, style) != self._laid_out:
            app = self.app
            options = app.console_options.update(highlight=False, width=width, height=None)
            segments = app.console.render(self.post_render(self.renderable, style), options)
            self._lines = list(Segment.split_and_crop_lines(segments, width, include_new_lines=False, pad=False))
            self._laid_out = (width, style)
        return self._lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render_line(self, y: int) -> Strip:
        lines = self.lines(self.size.width)
        if 0 <= y < len(lines):
            return Strip(lines[y])
        return Strip.blank(self.size.width, self.visual_style.rich_style)  # below the text (never asked)
