"""The end screen's summary as one Rich renderable: Markdown for the text, a table for the path.

The text is the Markdown the export writes (``export.markdown_parts``), so what a student reads
on screen and what a teacher later opens never differ. "Your path" is a table of its own: the
date in the compact form ("23 Oct 14:00") with the place below it in a narrow first column,
and the choice and what it led to in the rest of the width, so no row breaks into a column
of single words on a small terminal.

Drawing a long summary's Markdown with Rich takes tens of milliseconds, and Textual asks for
it several times while it lays the screen out (to measure its height, with and without a
scrollbar, then to paint it). The lines are therefore made once for each width and kept.
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.markdown import Markdown
from rich.segment import Segment
from rich.table import Table
from rich.text import Text
from rich.theme import Theme
from textual import events

from game.l10n import _
from game.story.export import markdown_parts, path_choice, plain, to_markdown, when_short
from game.tui.widgets.long_text import LongText

WHERE_WIDTH = 16  # the first column: "23 Oct 14:00" and the place, wrapped below it


def path_table(data: dict, colour: str) -> Table:
    """The path as a two-column table: when and where, then what was chosen and what came of it."""
    steps = data["path"]
    first = max([WHERE_WIDTH, *(len(when_short(s)) for s in steps)])
    table = Table(
        box=None,
        expand=True,
        padding=(0, 1, 0, 0),  # a space between the columns
        header_style=f"bold {colour}",
    )
    table.add_column(_("When and where"), width=first, no_wrap=False)
    table.add_column(_("You chose"), ratio=1)
    for step in steps:
        table.add_row()  # a blank line under the headings and between the rows
        when = Text(when_short(step), style="bold", no_wrap=True)
        place = Text(" ".join(str(step.get("where", "")).split()))
        chose = Text(path_choice(step, result=False))
        if step.get("result"):
            chose.append("\n" + plain(step["result"]), style="italic")
        table.add_row(Text("\n").join([when, place]) if place else when, chose)
    return table


class SummaryView:
    """The whole summary in the app's colours, rendered once per width."""

    def __init__(self, data: dict, colour: str, hyperlinks: bool = True) -> None:
        head, _path, rest = markdown_parts(data)
        self.markup = to_markdown(data)  # the text the export writes, for tests and screen readers
        self.theme = Theme(
            {
                "markdown.h1": f"bold {colour}",
                "markdown.h2": f"bold underline {colour}",
                "markdown.h3": f"bold {colour}",
                "markdown.h4": f"italic {colour}",
                "markdown.link_url": "underline",
                "markdown.list": colour,
                "markdown.item.number": colour,
                "markdown.block_quote": "italic",
            }
        )
        self.renderable = Group(
            Markdown(head, hyperlinks=hyperlinks),
            Text(""),
            Markdown("## " + _("Your path")),
            Text(""),
            path_table(data, colour),
            Text(""),
            Markdown(rest, hyperlinks=hyperlinks),
        )
        self._lines: dict[int, list[list[Segment]]] = {}

    def lines(self, console: Console, options: ConsoleOptions) -> list[list[Segment]]:
        width = options.max_width
        if width not in self._lines:
            with console.use_theme(self.theme):
                self._lines[width] = console.render_lines(self.renderable, options.update(height=None), pad=False)
        return self._lines[width]

    def find_line(self, text: str, console: Console, width: int, last: bool = False) -> int | None:
        """The number of the (first or ``last``) line that reads ``text``, at ``width``: where to scroll."""
        lines = self.lines(console, console.options.update_width(width))
        found = [y for y, line in enumerate(lines) if "".join(s.text for s in line).strip() == text]
        return (found[-1] if last else found[0]) if found else None

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        new_line = Segment.line()
        for line in self.lines(console, options):
            yield from line
            yield new_line


class SummaryText(LongText):
    """The summary (drawn a screen's worth at a time); a click on a web address opens it (where the terminal can)."""

    def on_click(self, event: events.Click) -> None:
        link = event.style.link
        if link and link.startswith(("http://", "https://")):
            event.stop()
            self.app.open_url(link)
