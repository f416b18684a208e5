"""The pages plain mode shows beside the story — Meanwhile, the endings gallery, What if? — as
labelled sentences built from their data.

The full-screen app shows the same pages as Markdown (``to_markdown`` in each model module);
read aloud, that Markdown is "hash hash", stars, ticks and bar blocks. Each function returns
paragraphs for ``PlainView.paragraphs``, ``""`` being a blank line.
"""

from __future__ import annotations

from game.l10n import _, format_number, format_percent, ngettext
from game.plain_summary import cited_line, counted, plain
from game.story.gallery import RoleGallery
from game.story.meanwhile import Moment, OtherRole
from game.story.sentences import full_stop, sentences
from game.story.whatif import FUTURE, WhatIf


def meanwhile_paragraphs(found: list[Moment], in_class: bool = False) -> list[str]:
    """Each moment of this scene that other roles lived, then each other role's side of it."""
    out: list[str] = []
    for moment in found:
        out += [_("Meanwhile: {title}").format(title=sentences(moment.title, moment.when))]
        out += [plain(moment.text), *cited_line(moment.cite), ""]
        for side in moment.others:
            out += _side(side, in_class)
    return out[:-1]


def _side(side: OtherRole, in_class: bool) -> list[str]:
    heading = sentences(f"{side.name}: {side.title}" if side.title else side.name, side.where, side.when)
    out = [heading]
    if side.text:
        out += [plain(side.text), *cited_line(side.cite)]
    if in_class:
        out.append(_class_line(side))
    return [*out, ""]


def _class_line(side: OtherRole) -> str:
    if not side.chose:
        return _("Your class: no classmate playing this role has handed in a game that passed here yet.")
    chose = "; ".join(_("{count} chose “{choice}”").format(count=n, choice=text) for text, n in side.chose)
    return full_stop(_("Your class: {choices}").format(choices=chose))


def gallery_paragraphs(views: list[RoleGallery]) -> list[str]:
    """Per role: how many endings were found, those found by name, the others by their hints."""
    out: list[str] = []
    for view in views:
        out.append(full_stop(f"{view.name}: {view.line()}"))
        out += [counted(_("Found"), n, len(view.found), full_stop(f.title)) for n, f in enumerate(view.found, 1)]
        out += [counted(_("Not found yet"), n, len(view.hints), full_stop(h)) for n, h in enumerate(view.hints, 1)]
        out.append("")
    if not any(v.found for v in views):
        out.append(_("You have not reached an ending yet. Each role can end in very different ways."))
    return out


def what_if_paragraphs(point: WhatIf) -> list[str]:
    """One decision: each choice with the share of futures behind it ending each way, then history."""
    out = [sentences(point.label, point.when, point.where), ""]
    total = len(point.branches)
    for n, branch in enumerate(point.branches, 1):
        if not branch.enabled:
            closed = _("Not open to you then: {reason}").format(reason=branch.reason)
            out += [counted(_("Choice"), n, total, sentences(branch.text, closed)), ""]
            continue
        mine = _("Your choice.") if branch.chosen else ""
        count = ngettext("{count} possible future", "{count} possible futures", branch.total)
        futures = count.format(count=format_number(branch.total))
        out.append(counted(_("Choice"), n, total, sentences(branch.text, mine, futures)))
        for _ending, title, k in branch.endings:
            of = _("{count} of {total}").format(count=format_number(k), total=format_number(branch.total))
            out.append(f"{format_percent(branch.share(k))} {title} ({of})")
        if not branch.endings:
            out.append(_("No ending can be reached from here."))
        out.append("")
    if point.history:
        out += [_("What history records: {text}").format(text=plain(point.history)), *cited_line(point.cite), ""]
    return [*out, plain(_(FUTURE))]
