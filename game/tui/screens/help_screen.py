"""Help: every key, how to play, and what your measures mean, in words a 14-year-old reads in a minute."""

from __future__ import annotations

from game.l10n import N_, _
from game.story.model import Story
from game.tui.screens.text_screen import TextScreen
from game.tui.text import md_escape

HELP = N_("""\
You live the autumn of 1956 in Budapest as one ordinary person. Read each scene, then choose
what you do. Your choices change what happens to you — but not the history around you.

## Choosing

| Key | What it does |
|---|---|
| **1**–**9** | pick a choice by its number |
| **↑** **↓** then **Enter** | move to a choice and pick it |
| mouse | click a choice, a button, or an underlined word |

A choice marked **✗** is not open to you now; the reason is written under it.

## While you play

| Key | What it does |
|---|---|
| **c** | read the fact card you just found (a **★** notice tells you) |
| **f** | all the fact cards you have found |
| **g** | the words explained in this scene (underlined words) |
| **ctrl+g** | the whole glossary |
| **j** | your journal: when, where and what you chose so far |
| **o** | *Meanwhile…*: where the other roles were at this moment (when a ◆ line says so) |
| **PgDn** or **space**, **PgUp** | read on (or back) when the story is longer than the screen: a *more below ↓* line says so, and your choice stays where it is |
| **Tab** | move to the measures in the status panel: each one says what it means |
| **r** or **backspace** | go back one choice |
| **s** | save to a slot with a name (the game also saves itself at every choice) |
| **?** | this help |
| **ctrl+p** | the command palette: every action, and the colour themes |
| **q** | quit — your progress is saved, continue it next time |

## At the end

| Key | What it does |
|---|---|
| **w** | *What if?*: at each key decision you took, where the other choices could have led — and play one |
| **g** | the endings you have found in each role, and hints for the others (also on the title screen) |
| **r** or **backspace** | go back one choice: an ending is not final (unless your teacher switched going back off) |
| **c** | read your fact cards again |
| **s** | every source the summary cites, in full, with its web address |
| **e** | export your summary (Markdown, web page and JSON files) |
| **n** | play another role |
| **q** | quit |
""")

HELP_HISTORY = N_("""\
## About the history

The people you play and live with are invented; real people of 1956 are heard on the radio or
seen in passing, and never act under your control. The events, places and numbers are real.
Every fact card, ending and epilogue names its sources. Where historians disagree about a
number, the card shows **what was believed then** beside **the modern estimate**.

Press **Esc** to go back.
""")


def measures_legend(story: Story | None, role: str | None) -> str:
    """The legend of the status panel: each measure of the role being played (or of every role,
    before a game starts) with its one-line description."""
    if story is None:
        return ""
    roles = [story.roles[role]] if role in story.roles else list(story.roles.values())
    lines: list[str] = []
    for r in roles:
        variables = story.variables_for(r.id)
        rows = [variables[n] for n in r.measures if n in variables]
        if not rows:
            continue
        lines += [
            "",
            f"### {md_escape(r.name)}" if len(roles) > 1 else "",
            "",
            "| " + _("Measure") + " | " + _("What it means") + " |",
            "|---|---|",
        ]
        lines += [f"| **{md_escape(v.label)}** | {md_escape(v.describe) or '—'} |" for v in rows]
    if not lines:
        return ""
    intro = _(
        "The status panel on the right shows these. Hover over one, or press **Tab** to reach it, "
        "to read this there too."
    )
    return "\n".join(["## " + _("Your measures"), "", intro, *lines, ""])


class HelpScreen(TextScreen):
    def __init__(self, story: Story | None = None, role: str | None = None) -> None:
        legend = measures_legend(story, role)
        text = _(HELP) + (legend + "\n" if legend else "") + _(HELP_HISTORY)
        super().__init__(text, name="help", title=_("How to play"))
