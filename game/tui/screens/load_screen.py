"""Load a saved game: every save with role, in-story time and place, when it was saved and for
how long it was played. Damaged saves are listed with the reason and cannot be picked; the
file is never touched.
"""

from __future__ import annotations

from textual.markup import escape

from game.l10n import _
from game.story.clock import format_clock
from game.story.model import Story
from game.story.saves import SaveInfo
from game.tui.screens.list_screen import ListScreen
from game.tui.text import md_escape


def play_time(seconds: float) -> str:
    minutes = int(seconds // 60)
    if minutes < 1:
        return _("less than a minute")
    if minutes < 60:
        return _("{minutes} min").format(minutes=minutes)
    return _("{hours} h {minutes} min").format(hours=minutes // 60, minutes=minutes % 60)


def save_item(story: Story, info: SaveInfo) -> tuple[str, str, str]:
    if not info.ok:
        label = f"✗ {escape(info.slot)} " + _("(damaged)") + f"\n  [i]{escape(info.reason)}[/i]"
        detail = (
            f"## {md_escape(info.path.name)}\n\n"
            + _("This save cannot be loaded: **{reason}**.").format(reason=md_escape(info.reason))
            + "\n\n"
            + _("The file is kept exactly as it is; nothing was deleted.")
        )
        return str(info.path), label, detail
    role = story.roles[info.role].name if info.role in story.roles else info.role
    label = f"{escape(info.slot)}\n  [dim]{escape(role)}" + (" · " + _("ended") if info.ended else "") + "[/dim]"
    when = format_clock(info.clock) + (f", {md_escape(info.where)}" if info.where else "")
    lines = [
        f"## {md_escape(info.slot)}",
        "",
        "- " + _("**Role:** {role}").format(role=md_escape(role)),
        "- " + _("**In the story:** {when}").format(when=when),
        "- "
        + _("**Saved:** {date} at {time}").format(
            date=md_escape(info.saved_at.partition("T")[0]), time=md_escape(info.saved_at.partition("T")[2])
        ),
        "- " + _("**Play time:** {time}").format(time=play_time(info.play_seconds)),
    ]
    if info.player:
        lines.append("- " + _("**Player:** {name}").format(name=md_escape(info.player)))
    if info.ended:
        lines += ["", _("This playthrough has ended: loading it shows its summary.")]
    if info.role not in story.roles:
        lines += ["", _("This story has no such role any more.")]
    lines += ["", _("Press **Enter** to load it.")]
    return str(info.path), label, "\n".join(lines)


class LoadScreen(ListScreen):
    """Dismisses with the path of the chosen save (as a string), or None."""

    def __init__(self, story: Story, infos: list[SaveInfo]) -> None:
        bad = {str(i.path) for i in infos if not i.ok}
        super().__init__(
            _("Load a saved game"),
            [save_item(story, i) for i in infos],
            _("There are no saves yet. The game saves itself at every choice, so start a new game first."),
            pick=True,
            disabled=lambda p: p in bad,
        )
