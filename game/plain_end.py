"""Plain mode at the end of a story: What if?, the endings gallery, going back, exporting.

The same choices as the full-screen end screen, as a short menu of letters, one a line, so a
screen-reader user or a school terminal gets every feature. Its pages are read as sentences
(``game.plain_pages``), not as the Markdown the full-screen app shows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.l10n import _
from game.plain_pages import gallery_paragraphs, what_if_paragraphs
from game.story.export import export_summary
from game.story.sentences import sentences

if TYPE_CHECKING:
    from game.plain import PlainGame

PLAY_ON = "play on"


class PlainEnd:
    """The menu after the summary; ``run`` returns an exit code, or PLAY_ON after going back."""

    def __init__(self, game: PlainGame):
        self.game = game
        self.s = game.s
        self.say = game.say

    def menu(self) -> str:
        """The letters open now, one a line ("key: what it does")."""
        lines = [
            _("What now? Type a letter, or press Enter alone to finish."),
            _("w: What if? How else your decisions could have gone"),
            _("g: the endings you have found"),
        ]
        if self.s.can_rewind():
            lines.append(_("r: go back one choice"))
        if self.s.store is not None:
            lines.append(_("e: export this summary (Markdown, HTML, JSON)"))
        return "\n".join(lines)

    def run(self) -> int | str:
        views = self.s.gallery.view(self.game.story)
        mine = next((v for v in views if v.role == self.s.require().role), None)
        self.say()
        if mine is not None:
            line = _("Endings gallery ({role}): {found}.")
            self.say(line.format(role=mine.name, found=mine.line()))
        while True:
            self.game.view.lines(self.menu())
            answer = self.game.ask(_("Letter> "))
            if not answer:
                return 0
            word = answer.strip().lower()[:1]
            if word == "w":
                if self.what_if():
                    return PLAY_ON
            elif word == "g":
                self.game.view.paragraphs(gallery_paragraphs(self.s.gallery.view(self.game.story)))
            elif word == "r":
                if self.s.rewind():
                    self.say(_("You go back one choice. Your ending stays in your endings gallery."))
                    return PLAY_ON
                self.say(self._no_going_back())
            elif word == "e" and self.s.store is not None:
                if not self.export():
                    return 1
            else:
                self.say(_("'{answer}' is not one of the letters listed.").format(answer=answer))

    def _no_going_back(self) -> str:
        if not self.s.rewind_allowed:
            return _("Your teacher has switched going back off for this lesson: your choices stand.")
        return _("There is nothing to go back to.")

    def export(self) -> bool:
        try:
            paths = export_summary(self.s.summary(), self.game.story, self.s.store.root)
        except (OSError, UnicodeError) as exc:
            self.say(_("Could not export: {error}").format(error=getattr(exc, "strerror", None) or exc))
            return False
        self.say(_("Exported: {files}").format(files=", ".join(str(p) for p in paths)))
        return True

    def what_if(self) -> bool:
        """Show one decision's branches; True if the player chose to play it again from there."""
        from game.story.whatif import decision_steps

        if not decision_steps(self.game.story, self.s.require()):
            self.say(_("You took no key decision on this path, so there is nothing to compare."))
            return False
        self.say(_("Counting every way the story could have gone on from your decisions…"))
        points = self.s.what_ifs()
        if not points:
            self.say(_("Your earlier decisions are no longer in this game's history (it was saved long ago)."))
            return False
        for n, point in enumerate(points, 1):
            self.say(f"{n}. {sentences(point.label, point.when)}")
        while True:
            pick = self.game.ask(_("Decision number (1–{last}), or Enter for the menu> ").format(last=len(points)))
            if not pick:
                return False
            if pick.isdigit() and 1 <= int(pick) <= len(points):
                break
            self.say(_("Type a number from 1 to {last}.").format(last=len(points)))
        point = points[int(pick) - 1]
        self.game.view.paragraphs(what_if_paragraphs(point))
        if not self.s.rewind_allowed:
            self.say(_("Your teacher has switched going back off for this lesson: you can look, not play again."))
            return False
        again = self.game.ask(_("Type p to play it again from this decision, or Enter for the menu> "))
        if again and again.strip().lower().startswith("p") and self.s.back_to(point.step):
            self.say(_("You are back at {time}, with everything as it was then.").format(time=point.when))
            return True
        return False
