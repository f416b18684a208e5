"""Plain mode: the whole game as plain lines on standard output, choices read from standard input.

For screen readers, school terminals that cannot run a full-screen app, and scripts:
``printf '1\\n2\\n' | budapest56 play --plain --role radio --seed 3`` plays a fixed path.
It drives the same Session (engine, saves, cards, glossary, summary) as the Textual app.
"""

from __future__ import annotations

import sys
import textwrap
from typing import TextIO

from game.story import engine, markup
from game.story.clock import format_clock
from game.story.export import export_summary, to_markdown
from game.story.session import Session
from game.story.summary import summary_to_dict

HELP = """Commands: a number picks a choice.
  f        list the fact cards you have found     f N   read card N
  g TERM   look up a word in the glossary          t     words explained in this scene
  m        your measures and the time              r     go back one choice (rewind)
  s NAME   save to a slot called NAME              h     this help
  q        quit (your progress is autosaved)"""


class PlainGame:
    def __init__(self, session: Session, out: TextIO = sys.stdout, inp: TextIO = sys.stdin, width: int = 78):
        self.s = session
        self.story = session.story
        self.out = out
        self.inp = inp
        self.width = max(30, min(width, 120))
        self.terms = {g.id: g.term for g in self.story.glossary.values()}

    # -- output helpers ----------------------------------------------------------------------------
    def say(self, text: str = "") -> None:
        if not text:
            print(file=self.out)
            return
        for para in markup.reflow(text).split("\n"):
            print(textwrap.fill(para, self.width) if para.strip() else "", file=self.out)

    def ask(self, prompt: str) -> str | None:
        """One line of input, or None at the end of input."""
        print(prompt, end="", file=self.out, flush=True)
        line = self.inp.readline()
        if not line:
            print(file=self.out)
            return None
        return line.strip()

    # -- the game -----------------------------------------------------------------------------
    def title(self) -> None:
        meta = self.story.meta
        self.say(meta.title.upper())
        self.say("=" * len(meta.title))
        if meta.intro:
            self.say(markup.plain(meta.intro, self.terms).strip())
        if meta.content_note:
            self.say(f"Content note: {markup.plain(meta.content_note).strip()}")
        self.say()

    def pick_role(self) -> str | None:
        roles = list(self.story.roles.values())
        self.say("Choose who you will be:")
        for i, role in enumerate(roles, 1):
            self.say(f"{i}. {role.name} ({role.playtime})" if role.playtime else f"{i}. {role.name}")
            self.say(textwrap.indent(textwrap.fill(markup.plain(role.portrait).strip(), self.width - 3), "   "))
        while True:
            answer = self.ask("Role number> ")
            if answer is None:
                self.say("End of input before a role was chosen. Nothing was started.")
                return None
            if answer.isdigit() and 1 <= int(answer) <= len(roles):
                return roles[int(answer) - 1].id
            self.say(f"Please type a number from 1 to {len(roles)}.")

    def show_scene(self, unlocked: list[str]) -> list[engine.ChoiceView]:
        state = self.s.require()
        scene = engine.current_scene(self.story, state)
        outcome = engine.outcome_text(self.story, state)
        self.say()
        header = " — ".join(x for x in (scene.title, scene.where, format_clock(state.clock)) if x)
        self.say(f"== {header} ==")
        if outcome:
            self.say(markup.plain(outcome, self.terms).strip())
            self.say()
        for passage in engine.scene_text(self.story, state):
            self.say(markup.plain(passage, self.terms).strip())
            self.say()
        for fact in unlocked:
            card = self.story.facts[fact]
            number = state.facts.index(fact) + 1
            self.say(f"[Fact card unlocked: {card.title}. Type 'f {number}' to read it.]")
        views = engine.choices(self.story, state)
        for n, view in enumerate(views, 1):
            if view.enabled:
                self.say(f"{n}. {view.text}")
            else:
                self.say(f"-  {view.text} (unavailable: {view.reason})")
        return views

    def play(self) -> int:
        unlocked = list(self.s.require().facts)
        while True:
            state = self.s.require()
            if state.ending is not None:
                self.show_scene(unlocked)
                return self.finish()
            views = self.show_scene(unlocked)
            unlocked = []
            numbered = views
            while True:
                answer = self.ask("> ")
                if answer is None:
                    where = f" in slot '{self.s.autosave_slot()}'" if self.s.autosave_enabled else ""
                    self.say(f"End of input. Your progress is saved{where}; nothing was lost.")
                    return 1
                result = self.command(answer, numbered)
                if result == "quit":
                    self.say(
                        "Goodbye. Your progress is saved; continue with: budapest56 play --load "
                        + self.s.autosave_slot()
                    )
                    return 0
                if isinstance(result, list):
                    unlocked = result
                    break
                if result == "redraw":
                    break

    def command(self, answer: str, views: list[engine.ChoiceView]) -> list[str] | str | None:
        """Handle one line; a list means a choice was taken (the cards it unlocked)."""
        word, _, rest = answer.partition(" ")
        rest = rest.strip()
        if answer.isdigit():
            n = int(answer)
            if not 1 <= n <= len(views):
                self.say(f"There is no choice {n}: type a number from 1 to {len(views)}, or h for help.")
                return None
            view = views[n - 1]
            if not view.enabled:
                self.say(f"That choice is not open: {view.reason}")
                return None
            return self.s.choose(view.index)
        if word in ("h", "help", "?"):
            self.say(HELP)
        elif word == "q":
            return "quit"
        elif word == "f":
            self.facts(rest)
        elif word == "g":
            self.glossary(rest)
        elif word == "t":
            self.scene_terms()
        elif word == "m":
            self.measures()
        elif word == "r":
            if self.s.rewind():
                self.say("You go back one choice.")
                return "redraw"
            self.say("There is nothing to go back to.")
        elif word == "s":
            self.save(rest)
        elif not answer:
            self.say("Type the number of a choice, or h for help.")
        else:
            self.say(f"'{answer}' is not a choice or a command. Type a number, or h for help.")
        return None

    def facts(self, which: str) -> None:
        found = self.s.require().facts
        if not found:
            self.say("You have not found any fact cards yet.")
            return
        if not which:
            for i, fid in enumerate(found, 1):
                self.say(f"{i}. {self.story.facts[fid].title}")
            self.say("Type 'f N' to read one.")
            return
        if not which.isdigit() or not 1 <= int(which) <= len(found):
            self.say(f"Type 'f' and a number from 1 to {len(found)}.")
            return
        card = self.story.facts[found[int(which) - 1]]
        self.say(f"-- {card.title} ({card.date}) --")
        self.say(markup.plain(card.text, self.terms).strip())
        if card.disputed:
            d = card.disputed
            self.say(f"Disputed. What was believed then: {markup.plain(d.then).strip()}")
            self.say(f"The modern estimate: {markup.plain(d.now).strip()} (sources: {', '.join(map(str, d.cite))})")
        self.say("Sources: " + "; ".join(self.reference(c.source, c.locator) for c in card.cite))

    def reference(self, source_id: str, locator: str = "") -> str:
        source = self.story.sources.get(source_id)
        text = f"{source.author}, {source.title} ({source.year})" if source else source_id
        return f"{text}, {locator}" if locator else text

    def glossary(self, term: str) -> None:
        if not term:
            self.say("Words in the glossary: " + ", ".join(sorted(g.term for g in self.story.glossary.values())))
            self.say("Type 'g' and a word, e.g. g ÁVH")
            return
        key = term.casefold()
        for entry in self.story.glossary.values():
            if key in (entry.id.casefold(), entry.term.casefold(), entry.hungarian.casefold()):
                names = " / ".join(x for x in (entry.term, entry.hungarian, entry.english) if x)
                self.say(f"-- {names} --")
                self.say(markup.plain(entry.text, self.terms).strip())
                return
        close = [g.term for g in self.story.glossary.values() if key in g.term.casefold() or key in g.id]
        hint = f" Did you mean: {', '.join(close)}?" if close else " Type 'g' alone for the list."
        self.say(f"'{term}' is not in the glossary.{hint}")

    def scene_terms(self) -> None:
        state = self.s.require()
        ids = []
        for passage in engine.scene_text(self.story, state):
            ids += [t for t in markup.terms_in(passage) if t not in ids]
        if not ids:
            self.say("No glossary words are marked in this scene.")
            return
        self.say(
            "Explained words here: " + ", ".join(self.story.glossary[t].term for t in ids if t in self.story.glossary)
        )

    def measures(self) -> None:
        state = self.s.require()
        role = self.story.roles[state.role]
        variables = self.story.variables_for(state.role)
        self.say(f"{role.name} — {format_clock(state.clock)}")
        for name in role.measures:
            value = state.vars[name]
            shown = ("yes" if value else "no") if isinstance(value, bool) else value
            top = variables[name].info.max
            self.say(
                f"  {variables[name].label}: {shown}"
                + (f" of {top}" if top is not None and not isinstance(value, bool) else "")
            )

    def save(self, slot: str) -> None:
        if not slot:
            self.say("Type 's' and a name, e.g. s lesson-2")
            return
        if self.s.save(slot):
            self.say(f"Saved as '{slot}'.")
        else:
            self.say(self.s.last_error)

    def finish(self) -> int:
        summary = self.s.summary()
        data = summary_to_dict(summary, self.story)
        self.say()
        self.say("THE END")
        self.say()
        for line in to_markdown(data).splitlines():
            self.say(line)
        if self.s.exported:
            self.say(f"Your summary was collected for class '{self.s.class_name}': {self.s.exported[0]}")
        if self.s.store is not None:
            answer = self.ask("Type e to export this summary (Markdown, HTML, JSON), or press Enter to finish> ")
            if answer and answer.lower().startswith("e"):
                try:
                    paths = export_summary(summary, self.story, self.s.store.root)
                except OSError as exc:
                    self.say(f"Could not export: {exc}")
                    return 1
                self.say("Exported: " + ", ".join(str(p) for p in paths))
        return 0
