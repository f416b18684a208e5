"""What the keys for Meanwhile…, What if? and the endings gallery open in the full-screen app.

Kept apart from the scene, end and title screens so those stay about their own job. Every page
is the model's own Markdown — the very text plain mode prints — shown in the shared page and
list screens, so the three features read the same everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.app import App
from textual.markup import escape
from textual.screen import Screen

from game.l10n import _
from game.story import gallery

if TYPE_CHECKING:
    from game.story.whatif import WhatIf

COUNTING = "counting"  # the worker group of a What if? count


def meanwhile_hint(app: App) -> str:
    """The one line under a scene whose moment other roles lived too (empty elsewhere)."""
    from game.story import meanwhile  # the timeline: first needed on a scene, not on the title screen

    state = app.session.state
    if state is None or not meanwhile.has_meanwhile(app.story, state.scene):
        return ""
    line = _("◆ The other roles lived this moment too — press {key} or {link}")
    return line.format(key="[b reverse] o [/]", link="[@click=screen.meanwhile]" + escape(_("Meanwhile…")) + "[/]")


def _page(app: App, markdown: str, name: str, title: str) -> None:
    from game.tui.screens.text_screen import TextScreen  # Markdown pages load when first opened

    app.push_screen(TextScreen(markdown, name=name, title=title))


def open_meanwhile(app: App) -> None:
    from game.story import meanwhile

    session = app.session
    student = session.student.id if session.student else ""
    found = meanwhile.moments(app.story, session.require().scene, session.class_dir, student)
    if not found:
        app.notify(_("No other role's story passes through this moment."))
        return
    page = meanwhile.to_markdown(found, in_class=session.class_dir is not None)
    _page(app, page, "meanwhile", _("Meanwhile…"))


def open_gallery(app: App) -> None:
    views = app.session.gallery.view(app.story)
    _page(app, gallery.to_markdown(views), "gallery", _("Endings found"))


def gallery_line(app: App) -> str:
    found, total = app.session.gallery.counts(app.story)
    return gallery.found_line(found, total)


def open_what_if(screen: Screen) -> None:
    """Count the futures (in a thread: the first time a role is walked it takes seconds), then show them."""
    from game.story.whatif import decision_steps

    app = screen.app
    session = app.session
    state = session.require()
    if not decision_steps(app.story, state):
        app.notify(_("You took no key decision on this path, so there is nothing to compare."))
        return
    if any(w.group == COUNTING and w.is_running for w in app.workers):
        app.notify(_("Still counting: the page opens by itself in a moment."))
        return
    counting = _("Counting every way the story could have gone on from your decisions…")
    app.notify(counting, title=_("What if?"), timeout=3)

    def count() -> None:
        try:
            points = session.what_ifs()
        except Exception as exc:  # never a traceback in a lesson: say it, and the game goes on
            message = _("Could not count the futures: {error}").format(error=exc)
            app.call_from_thread(app.notify, message, severity="error")
            return
        app.call_from_thread(_show_what_if, screen, points)

    screen.run_worker(count, thread=True, group=COUNTING, exit_on_error=False)


def _show_what_if(screen: Screen, points: list[WhatIf]) -> None:
    from game.story.whatif import to_markdown
    from game.tui.screens.list_screen import ListScreen

    app = screen.app
    if app.screen is not screen:  # the player has moved on: do not pop a page over something else
        return
    if not points:
        app.notify(_("Your earlier decisions are no longer in this game's history (it was saved long ago)."))
        return
    allowed = app.session.rewind_allowed
    items = [(str(p.step), f"{n}. {p.label}", to_markdown(p)) for n, p in enumerate(points, 1)]
    hint = _("↑↓ decision · Enter play it from there") if allowed else _("↑↓ decision · Tab scroll")

    def picked(step: str | None) -> None:
        if step is not None:
            _confirm_play(app, next(p for p in points if str(p.step) == step))

    app.push_screen(ListScreen(_("What if?"), items, "", pick=allowed, hint=hint), picked)
    if not allowed:
        app.notify(_("Your teacher has switched going back off for this lesson: you can look, not play again."))


def _confirm_play(app: App, point: WhatIf) -> None:
    def answer(yes: bool | None) -> None:
        if not yes:
            return
        if app.session.back_to(point.step):
            app.notify(_("You are back at that decision, with everything as it was then."), title=_("What if?"))
            app.show_scene()
        else:
            app.notify(_("This game cannot go back that far."), severity="warning")

    title = _("Play it from “{decision}”?").format(decision=escape(point.label))
    body = _(
        "You go back to {time}, with everything as it was then. "
        "The choices after it are undone; your ending stays in your endings gallery."
    ).format(time=escape(point.when))
    from game.tui.screens.confirm_screen import ConfirmScreen

    app.push_screen(ConfirmScreen(f"[b]{title}[/b]\n\n{body}", _("Play it"), _("Stay here")), answer)


def go_back_one(app: App, then: Callable[[], None], done: str, nothing: str) -> None:
    """Go back one choice — in a scene, and at the end, where an ending is then not final."""
    session = app.session
    if not session.rewind_allowed:
        app.notify(_("Your teacher has switched going back off for this lesson: your choices stand."))
    elif session.rewind():
        app.notify(done)
        if session.last_error:  # the rewind's autosave failed: say so, the game goes on
            app.notify(session.last_error, severity="warning", markup=False)
        then()
    else:
        app.notify(nothing)


def rewind_from_end(app: App) -> None:
    go_back_one(
        app,
        app.show_scene,
        _("You go back one choice. Your ending stays in your endings gallery."),
        _("There is nothing to go back to."),
    )
