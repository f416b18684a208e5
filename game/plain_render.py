"""Plain mode's output: every scene, card, glossary entry and summary as wrapped plain lines.

Kept apart from the command loop in ``game.plain`` so what a line-mode player reads can change
without touching how their typing is understood. It only prints: it decides nothing.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import TextIO

from game.l10n import N_, _
from game.story import engine, markup
from game.story.clock import format_clock
from game.story.meanwhile import has_meanwhile
from game.story.model import Citation, FactCard, GlossaryEntry, Role, Story
from game.story.state import GameState
from game.story.summary import cite_text
from game.story.ticket import Question, hint

HELP = N_("""Commands: a number picks a choice.
  f        list the fact cards you have found     f N   read card N
  g TERM   look up a word in the glossary          t     words explained in this scene
  m        your measures (what they mean), time    r     go back one choice (rewind)
  o        Meanwhile: the other roles at this moment (when a ◆ line says so)
  s NAME   save to a slot called NAME              h     this help
  q        quit (your progress is autosaved)""")


@dataclass
class ScreenText:
    """One scene as a player reads it, markup made plain: what plain mode prints, transcripts quote."""

    header: str
    arrival: list[str]  # what the last choice led to: its result, then the random outcome's line
    passages: list[str]
    cards: list[tuple[int, str]]  # fact cards just found: (number in the player's list, title)
    choices: list[engine.ChoiceView]


def screen_text(story: Story, state: GameState, unlocked: list[str], terms: dict[str, str]) -> ScreenText:
    scene = engine.current_scene(story, state)
    header = " — ".join(x for x in (scene.title, scene.where, format_clock(state.clock)) if x)
    return ScreenText(
        header=header,
        arrival=[markup.plain(t, terms).strip() for t in engine.arrival_text(story, state)],
        passages=[markup.plain(t, terms).strip() for t in engine.scene_text(story, state)],
        cards=[(state.facts.index(f) + 1, story.facts[f].title) for f in unlocked if f in story.facts],
        choices=engine.choices(story, state),
    )


def choice_line(n: int, view: engine.ChoiceView) -> str:
    """A choice as plain mode numbers it; a disabled one says why."""
    if view.enabled:
        return f"{n}. {view.text}"
    return _("-  {choice} (unavailable: {reason})").format(choice=view.text, reason=view.reason)


class PlainView:
    """Prints the story to ``out`` in paragraphs at most ``width`` characters wide."""

    def __init__(self, story: Story, out: TextIO, width: int = 78):
        self.story = story
        self.out = out
        self.width = max(30, min(width, 120))
        self.terms = {g.id: g.term for g in story.glossary.values()}

    def say(self, text: str = "") -> None:
        if not text:
            print(file=self.out)
            return
        for para in markup.reflow(text).split("\n"):
            print(textwrap.fill(para, self.width) if para.strip() else "", file=self.out)

    def verbatim(self, text: str) -> None:
        """A line that must stay whole (a command to copy), indented and never wrapped."""
        print(f"  {text}", file=self.out)

    def prose(self, text: str) -> None:
        """Story text with its markup made plain and glossary marks shown as their terms."""
        self.say(markup.plain(text, self.terms).strip())

    def prompt(self, text: str) -> None:
        print(text, end="", file=self.out, flush=True)

    def title(self) -> None:
        meta = self.story.meta
        self.say(meta.title.upper())
        self.say("=" * len(meta.title))
        if meta.intro:
            self.prose(meta.intro)
        if meta.content_note:
            self.say(_("Content note: {note}").format(note=markup.plain(meta.content_note).strip()))
        self.say()

    def roles(self, roles: list[Role]) -> None:
        self.say(_("Choose who you will be:"))
        for i, role in enumerate(roles, 1):
            self.say(f"{i}. {role.name} ({role.playtime})" if role.playtime else f"{i}. {role.name}")
            self.say(textwrap.indent(textwrap.fill(markup.plain(role.portrait).strip(), self.width - 3), "   "))

    def scene(self, state: GameState, unlocked: list[str]) -> list[engine.ChoiceView]:
        """The current scene with what led here, new cards and numbered choices; returns the choices."""
        shown = screen_text(self.story, state, unlocked, self.terms)
        self.say()
        self.say(f"== {shown.header} ==")
        for text in shown.arrival + shown.passages:
            self.say(text)
            self.say()
        for number, title in shown.cards:
            self.say(
                _("[Fact card unlocked: {title}. Type 'f {number}' to read it.]").format(title=title, number=number)
            )
        if has_meanwhile(self.story, state.scene):
            self.say(_("[◆ The other roles lived this moment too. Type 'o' for Meanwhile.]"))
        for n, view in enumerate(shown.choices, 1):
            self.say(choice_line(n, view))
        return shown.choices

    def fact_list(self, found: list[str]) -> None:
        for i, fid in enumerate(found, 1):
            self.say(f"{i}. {self.story.facts[fid].title}")
        self.say(_("Type 'f N' to read one."))

    def fact_card(self, card: FactCard) -> None:
        self.say(f"-- {card.title} ({card.date}) --")
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
            self.say(f"{source.short_title()}: {source.reference()}")

    def cited(self, cites: list[Citation]) -> str:
        """Citations by short title and locator, as a student looks them up."""
        return "; ".join(cite_text(self.story, c) for c in cites)

    def glossary_list(self) -> None:
        words = ", ".join(sorted(g.term for g in self.story.glossary.values()))
        self.say(_("Words in the glossary: {words}").format(words=words))
        self.say(_("Type 'g' and a word, e.g. g ÁVH"))

    def glossary_entry(self, entry: GlossaryEntry) -> None:
        names = " / ".join(x for x in (entry.term, entry.hungarian, entry.english) if x)
        self.say(f"-- {names} --")
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
        self.say(f"{role.name} — {format_clock(state.clock)}")
        for name in role.measures:
            value = state.vars[name]
            shown = (_("yes") if value else _("no")) if isinstance(value, bool) else value
            top = variables[name].info.max
            line = f"  {variables[name].label}: {shown}"
            if top is not None and not isinstance(value, bool):
                line = _("  {label}: {value} of {top}").format(label=variables[name].label, value=shown, top=top)
            self.say(line + (f" — {variables[name].describe}" if variables[name].describe else ""))

    def ticket_question(self, n: int, total: int, question: Question) -> None:
        """One exit-ticket question: its text, numbered options and how to answer."""
        self.say()
        count = _("Question {n} of {total}").format(n=n, total=total)
        self.say(count + ("" if question.scored else " " + _("(your own words: not marked)")))
        self.say(question.prompt)
        for i, option in enumerate(question.options, 1):
            self.say(textwrap.fill(option, self.width, initial_indent=f"  {i}. ", subsequent_indent="     "))
        self.say(f"({hint(question)})")

    def summary(self, markdown: str) -> None:
        self.say()
        self.say(_("THE END"))
        self.say()
        self.page_lines(markdown)

    def page_lines(self, markdown: str) -> None:
        """A Markdown page line by line, so its headings and list items stay on lines of their own."""
        for line in markdown.splitlines():
            self.say(line)
