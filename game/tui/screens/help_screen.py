"""Help: every key, and how to play, in words a 14-year-old reads in a minute."""

from __future__ import annotations

from game.tui.screens.text_screen import TextScreen

HELP = """\
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
| **r** or **backspace** | go back one choice |
| **s** | save to a slot with a name (the game also saves itself at every choice) |
| **?** | this help |
| **ctrl+p** | the command palette: every action, and the colour themes |
| **q** | quit — your progress is saved, continue it next time |

## At the end

| Key | What it does |
|---|---|
| **w** | *What if?*: at each key decision you took, where the other choices could have led — and play one |
| **a** | the endings you have found in each role, and hints for the others (also on the title screen) |
| **r** or **backspace** | go back one choice: an ending is not final (unless your teacher switched going back off) |
| **c** | read your fact cards again |
| **e** | export your summary (Markdown, web page and JSON files) |
| **n** | play another role |
| **q** | quit |

## About the history

The people you meet are invented; the events, places and numbers are real. Every fact card,
ending and epilogue names its sources. Where historians disagree about a number, the card
shows **what was believed then** beside **the modern estimate**.

Press **Esc** to go back.
"""


class HelpScreen(TextScreen):
    def __init__(self) -> None:
        super().__init__(HELP, name="help", title="How to play")
