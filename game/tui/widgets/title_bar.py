"""The one-line bar at the top of most screens: what this is, how to use it, how to leave it.

The "✕ back" at its right is a link, so a player who only uses the mouse can always get out.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.markup import escape
from textual.widgets import Static

from game.l10n import _


class TitleBar(Horizontal):
    DEFAULT_CLASSES = "screen-title"

    def __init__(self, title: str, hint: str = "", back: str | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.title_text, self.hint, self.back = title, hint, _("back") if back is None else back

    def compose(self) -> ComposeResult:
        yield Static(escape(self.title_text), classes="title-text")
        if self.hint:
            yield Static(escape(self.hint) + (" · " if self.back else ""), classes="title-hint")
        if self.back:
            yield Static(f"[@click=screen.close]✕ {escape(self.back)} (Esc)[/]", classes="title-back")
