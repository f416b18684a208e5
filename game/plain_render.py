"""Plain mode's output: every scene, card, glossary entry and summary as wrapped plain lines.

Kept apart from the command loop in ``game.plain`` so what a line-mode player reads can change
without touching how their typing is understood. It only prints: it decides nothing.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import TextIO

from game.l10n import N_, _
from game.plain_summary import counted, summary_paragraphs
from game.story import engine, markup
from game.story.clock import format_clock
from game.story.dates import fact_date
from game.story.meanwhile import has_meanwhile
from game.story.model import Citation, FactCard, GlossaryEntry, Role, Story
from game.story.sentences import full_stop, sentences
from game.story.state import GameState
from game.story.summary import cite_text
from game.story.ticket import Question, hint

# One command a line, "key: what it does": read aloud line by line, and never two columns that
# wrap into each other on a narrow terminal.
HELP = N_("""Commands: type one, then press Enter.
A number: take that choice
f: list the fact cards you have found
f N: read fact card N, e.g. f 2
g WORD: look up a word in the glossary, e.g. g ÁVH
t: the words explained in this scene
m: your measures, what they mean, and the time
o: Meanwhile, the other roles at this moment (when the scene offers it)
r: go back one choice
s NAME: save to a slot called NAME
h: this help
q: quit (your progress is saved automatically)""")


@dataclass
class ScreenText:
    """One scene as a player reads it, markup made plain: what plain mode prints, transcripts quote."""

    heading: list[str]  # the scene's title, place and time, those it has
    arrival: list[str]  # what the last choice led to: its result, then the random outcome's line
    passages: list[str]
    cards: list[tuple[int, str]]  # fact cards just found: (number in the player's list, title)
    choices: list[engine.ChoiceView]

    @property
    def header(self) -> str:
        return " — ".join(self.heading)


def screen_text(story: Story, state: GameState, unlocked: list[str], terms: dict[str, str]) -> ScreenText:
    scene = engine.current_scene(story, state)
    return ScreenText(
        heading=[x for x in (scene.title, scene.where, format_clock(state.clock)) if x],
        arrival=[markup.plain(t, terms).strip() for t in engine.arrival_text(story, state)],
        passages=[markup.plain(t, terms).strip() for t in engine.scene_text(story, state)],
        cards=[(state.facts.index(f) + 1, story.facts[f].title) for f in unlocked if f in story.facts],
        choices=engine.choices(story, state),
    )


def choice_line(n: int, view: engine.ChoiceView) -> str:
    """A choice as plain mode numbers it; one that is not open says so first, then why."""
    if view.enabled:
        return f"{n}. {view.text}"
    return _("{n}. Not open now: {choice} {reason}").format(n=n, choice=full_stop(view.text), reason=view.reason)


class PlainView:
    """Prints the story to ``out`` in paragraphs at most ``width`` characters wide (0: not wrapped).

    Lines break only between words: never inside a word, at a hyphen or in a URL. A screen reader
    or braille display that reflows text itself gets whole paragraphs with ``width`` 0.
    """

    def __init__(self, story: Story, out: TextIO, width: int = 78):
        self.story = story
        self.out = out
        self.width = 0 if width == 0 else max(30, min(width, 200))
        self.terms = {g.id: g.term for g in story.glossary.values()}
        self.blank = True  # the last line printed was empty: a second one in a row is left out

    def line(self, text: str = "") -> None:
        """One line out; empty lines never two in a row (a listener hears them as nothing)."""
        if text or not self.blank:
            print(text, file=self.out)
        self.blank = not text

    def wrap(self, text: str, indent: str = "", hanging: str = "") -> str:
        if not self.width or len(indent) + len(text) <= self.width:
            return indent + text
        return textwrap.fill(
            text,
            self.width,
            initial_indent=indent,
            subsequent_indent=hanging or indent,
            break_long_words=False,
            break_on_hyphens=False,
        )

    def say(self, text: str = "") -> None:
        """Text whose single line breaks are the author's wrapping: joined, then wrapped anew."""
        if not text:
            self.line()
            return
        for para in markup.reflow(text).split("\n"):
            self.line(self.wrap(para) if para.strip() else "")

    def lines(self, text: str) -> None:
        """Text whose every line is a line of its own (help, menus): each wrapped on its own."""
        for line in text.splitlines():
            self.line(self.wrap(line, hanging="  "))

    def paragraphs(self, paras: list[str]) -> None:
        """Paragraphs from plain_summary or plain_pages; "" is a blank line."""
        for para in paras:
            self.say(para)

    def verbatim(self, text: str) -> None:
        """A line that must stay whole (a command to copy), indented and never wrapped."""
        self.line(f"  {text}")

    def prose(self, text: str) -> None:
        """Story text with its markup made plain and glossary marks shown as their terms."""
        self.say(markup.plain(text, self.terms).strip())

    def prompt(self, text: str) -> None:
        print(text, end="", file=self.out, flush=True)
        self.blank = False  # the answer's line break (a terminal echoes it; a pipe does not)

    def title(self) -> None:
        meta = self.story.meta
        self.say(meta.title)
        self.say()
        if meta.intro:
            self.prose(meta.intro)
        if meta.content_note:
            self.say(_("Content note: {note}").format(note=markup.plain(meta.content_note).strip()))
        self.say()

    def roles(self, roles: list[Role], short: bool = False) -> None:
        self.say(_("Choose who you will be:"))
        for i, role in enumerate(roles, 1):
            time = role.reading_time(short)
            self.say(f"{i}. {role.name} ({time})" if time else f"{i}. {role.name}")
            portrait = " ".join(markup.plain(role.portrait, self.terms).split())
            self.line(self.wrap(portrait, indent="   "))

    def scene(self, state: GameState, unlocked: list[str]) -> list[engine.ChoiceView]:
        """The current scene with what led here, new cards and numbered choices; returns the choices."""
        shown = screen_text(self.story, state, unlocked, self.terms)
        self.say()
        self.say(sentences(*shown.heading))
        self.say()
        for text in shown.arrival + shown.passages:
            self.say(text)
            self.say()
        for number, title in shown.cards:
            line = _("Fact card unlocked: {title} Type 'f {number}' to read it.")
            self.say(line.format(title=full_stop(title), number=number))
        if has_meanwhile(self.story, state.scene):
            self.say(_("The other roles lived this moment too: type 'o' for Meanwhile."))
        for n, view in enumerate(shown.choices, 1):
            self.say(choice_line(n, view))
        return shown.choices

    def fact_list(self, found: list[str]) -> None:
        for i, fid in enumerate(found, 1):
            self.say(counted(_("Fact card"), i, len(found), self.story.facts[fid].title))
        self.say(_("Type 'f N' to read one."))

    def fact_card(self, card: FactCard) -> None:
        self.say(_("Fact card: {title} ({date})").format(title=card.title, date=fact_date(card.date)))
        self.prose(card.text)
        if card.disputed:
            d = card.disputed
            self.say(_("Disputed. What was believed then: {then}").format(then=markup.plain(d.then).strip()))
            self.say(
                _("The modern estimate: {now} (sources: {sources})").format(
                    now=markup.plain(d.now).strip(), sources=self.cited(d.cite)
                )
            )
        self.say(_("Sources: {sources}").format(sources=self.cited(card.cite)))
        for source_id in dict.fromkeys(c.source for c in card.cite if c.source in self.story.sources):
            source = self.story.sources[source_id]
            self.say(f"{full_stop(source.short_title())} {source.reference()}")

    def cited(self, cites: list[Citation]) -> str:
        """Citations by short title and locator, as a student looks them up."""
        return "; ".join(cite_text(self.story, c) for c in cites)

    def glossary_list(self) -> None:
        words = ", ".join(sorted(g.term for g in self.story.glossary.values()))
        self.say(_("Words in the glossary: {words}").format(words=words))
        self.say(_("Type 'g' and a word, e.g. g ÁVH"))

    def glossary_entry(self, entry: GlossaryEntry) -> None:
        names = [_("Glossary: {term}").format(term=entry.term)]
        if entry.hungarian and entry.hungarian != entry.term:
            names.append(_("Hungarian: {word}").format(word=entry.hungarian))
        if entry.english and entry.english != entry.term:
            names.append(_("English: {word}").format(word=entry.english))
        self.say(sentences(*names))
        self.prose(entry.text)

    def scene_terms(self, state: GameState) -> None:
        ids: list[str] = []
        for passage in engine.arrival_text(self.story, state) + engine.scene_text(self.story, state):
            ids += [t for t in markup.terms_in(passage) if t not in ids]
        if not ids:
            self.say(_("No glossary words are marked in this scene."))
            return
        words = ", ".join(self.story.glossary[t].term for t in ids if t in self.story.glossary)
        self.say(_("Explained words here: {words}").format(words=words))

    def measures(self, state: GameState) -> None:
        role = self.story.roles[state.role]
        variables = self.story.variables_for(state.role)
        self.say(sentences(role.name, format_clock(state.clock)))
        for name in role.measures:
            value = state.vars[name]
            shown = (_("yes") if value else _("no")) if isinstance(value, bool) else value
            top = variables[name].info.max
            line = f"{variables[name].label}: {shown}"
            if top is not None and not isinstance(value, bool):
                line = _("{label}: {value} of {top}").format(label=variables[name].label, value=shown, top=top)
            self.say(sentences(line, variables[name].describe))

    def ticket_question(self, n: int, total: int, question: Question) -> None:
        """One exit-ticket question: its text, numbered options and how to answer."""
        self.say()
        count = _("Question {n} of {total}").format(n=n, total=total)
        self.say(count + ("" if question.scored else " " + _("(your own words: not marked)")))
        self.say(question.prompt)
        for i, option in enumerate(question.options, 1):
            self.line(self.wrap(option, indent=f"  {i}. ", hanging="     "))
        self.say(full_stop(hint(question)))

    def summary(self, data: dict) -> None:
        """The end summary from its data (``summary_to_dict``), after the ending scene itself."""
        self.say()
        self.paragraphs(summary_paragraphs(data, self.story))
