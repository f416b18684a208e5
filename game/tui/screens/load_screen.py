"""Load a saved game: every save with role, in-story time and place, when it was saved and for
how long it was played. Damaged saves are listed with the reason and cannot be picked; the
file is never touched.
"""

from __future__ import annotations

from textual.markup import escape

from game.story.clock import format_clock
from game.story.model import Story
from game.story.saves import SaveInfo
from game.tui.screens.list_screen import ListScreen
from game.tui.text import md_escape


def play_time(seconds: float) -> str:
    minutes = int(seconds // 60)
    if minutes < 1:
        return "less than a minute"
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60} min"


def save_item(story: Story, info: SaveInfo) -> tuple[str, str, str]:
    if not info.ok:
        label = f"✗ {escape(info.slot)} (damaged)\n  [i]{escape(info.reason)}[/i]"
        detail = (
            f"## {md_escape(info.path.name)}\n\nThis save cannot be loaded: **{md_escape(info.reason)}**.\n\n"
            "The file is kept exactly as it is; nothing was deleted."
        )
        return str(info.path), label, detail
    role = story.roles[info.role].name if info.role in story.roles else info.role
    label = f"{escape(info.slot)}\n  [dim]{escape(role)}" + (" · ended" if info.ended else "") + "[/dim]"
    lines = [
        f"## {md_escape(info.slot)}",
        "",
        f"- **Role:** {md_escape(role)}",
        f"- **In the story:** {format_clock(info.clock)}" + (f", {md_escape(info.where)}" if info.where else ""),
        f"- **Saved:** {md_escape(info.saved_at.replace('T', ' at '))}",
        f"- **Play time:** {play_time(info.play_seconds)}",
    ]
    if info.player:
        lines.append(f"- **Player:** {md_escape(info.player)}")
    if info.ended:
        lines += ["", "This playthrough has ended: loading it shows its summary."]
    if info.role not in story.roles:
        lines += ["", "This story has no such role any more."]
    lines += ["", "Press **Enter** to load it."]
    return str(info.path), label, "\n".join(lines)


class LoadScreen(ListScreen):
    """Dismisses with the path of the chosen save (as a string), or None."""

    def __init__(self, story: Story, infos: list[SaveInfo]) -> None:
        bad = {str(i.path) for i in infos if not i.ok}
        super().__init__(
            "Load a saved game",
            [save_item(story, i) for i in infos],
            "There are no saves yet. The game saves itself at every choice, so start a new game first.",
            pick=True,
            disabled=lambda p: p in bad,
        )
