"""The choices of a scene as a list: number keys, arrows + Enter, or a mouse click.

A disabled choice stays visible (so the player learns what else was possible), greyed out,
marked ✗ and followed by the author's reason — never told by colour alone — and the
OptionList itself refuses to select it.
"""

from __future__ import annotations

from textual.markup import escape
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from game.l10n import _
from game.story.engine import ChoiceView


class ChoiceList(OptionList):
    """Option ids are the engine's choice indexes; positions are the numbers shown."""

    def show(self, views: list[ChoiceView]) -> None:
        self.clear_options()
        for n, view in enumerate(views, 1):
            if view.enabled:
                self.add_option(Option(f"[b]{n}.[/b] {escape(view.text)}", id=str(view.index)))
            else:
                self.add_option(
                    Option(
                        f"✗ {n}. {escape(view.text)}\n     [i]"
                        + _("(unavailable: {reason})").format(reason=escape(view.reason))
                        + "[/i]",
                        id=str(view.index),
                        disabled=True,
                    )
                )
        first = next((i for i, v in enumerate(views) if v.enabled), None)
        if first is not None:
            self.highlighted = first
