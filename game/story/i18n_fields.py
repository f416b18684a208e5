"""Which texts of a story a translation may replace, as one table: a new field is one line.

Each line names a kind of item, the key a translator writes (``choice.{}.else``) and the path
to the text in the built model (``choices[].reason``). ``[]`` walks a list (numbered from 1,
as players see choices), ``{}`` walks a mapping by its keys (variable names). A field the
model does not have (yet) is skipped, so the table may name fields other branches are adding.

Ids, expressions, numbers, dates and bibliographic data are never listed: they are not text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from game.story.model import Story
from game.story.problems import Mark

# (kind, key as the translator writes it, path in the model)
FIELDS: tuple[tuple[str, str, str], ...] = (
    ("story", "title", "title"),
    ("story", "intro", "intro"),
    ("story", "content_note", "content_note"),
    ("story", "question.{}", "questions[]"),
    ("story", "exit.{}.ask", "exit_questions[].ask"),
    ("story", "exit.{}.option.{}", "exit_questions[].options[]"),
    ("roles", "name", "name"),
    ("roles", "portrait", "portrait"),
    ("roles", "playtime", "playtime"),
    ("roles", "playtime_short", "playtime_short"),
    ("roles", "question.{}", "questions[]"),
    ("roles", "exit.{}.ask", "exit_questions[].ask"),
    ("roles", "exit.{}.option.{}", "exit_questions[].options[]"),
    ("roles", "variable.{}", "variables{}.label"),
    ("roles", "variable.{}.describe", "variables{}.describe"),
    ("variables", "label", "label"),
    ("variables", "describe", "describe"),
    ("scenes", "title", "title"),
    ("scenes", "where", "where"),
    ("scenes", "passage.{}", "passages[].text"),
    ("scenes", "choice.{}", "choices[].text"),
    ("scenes", "choice.{}.else", "choices[].reason"),
    ("scenes", "choice.{}.result", "choices[].result"),
    ("scenes", "choice.{}.outcome.{}", "choices[].outcomes[].text"),
    ("scenes", "decision.label", "decision.label"),
    ("scenes", "decision.history", "decision.history"),
    ("scenes", "decision.question", "decision.question"),
    ("scenes", "ending.title", "ending.title"),
    ("scenes", "ending.epilogue", "ending.epilogue"),
    ("scenes", "ending.question.{}", "ending.questions[]"),
    ("scenes", "ending.hint", "ending.hint"),
    ("facts", "title", "title"),
    ("facts", "text", "text"),
    ("facts", "disputed.then", "disputed.then"),
    ("facts", "disputed.now", "disputed.now"),
    ("glossary", "term", "term"),
    ("glossary", "text", "text"),
    ("timeline", "title", "title"),
    ("timeline", "text", "text"),
    ("timeline", "disputed.then", "disputed.then"),
    ("timeline", "disputed.now", "disputed.now"),
    ("timeline", "meanwhile.{}", "meanwhile{}"),
    ("sources", "short", "short"),
)
KINDS = ("story", "roles", "variables", "scenes", "facts", "glossary", "timeline", "sources")
NOUNS = {
    "story": "the story",
    "roles": "role",
    "variables": "variable",
    "scenes": "scene",
    "facts": "fact card",
    "glossary": "glossary entry",
    "timeline": "timeline event",
    "sources": "source",
}


def fingerprint(text: str) -> str:
    """Eight hex digits of the English; re-wrapping lines or spacing does not change it."""
    return hashlib.blake2b(" ".join(text.split()).encode(), digest_size=4).hexdigest()


@dataclass
class Unit:
    """One translatable text of the built story, and where to put its translation."""

    kind: str
    item: str  # the item's id ("" for the story itself)
    key: str  # e.g. "choice.2.else"
    text: str  # the English
    mark: Mark  # where the English was written (the nearest object that keeps a position)
    file_mark: Mark  # the item's own mark: its path is the English file
    holder: Any  # object or list holding the text
    slot: str | int  # attribute name or list index

    @property
    def ident(self) -> tuple[str, str, str]:
        return (self.kind, self.item, self.key)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.text)

    def describe(self) -> str:
        noun = NOUNS[self.kind]
        return f"{noun} {self.key}" if self.kind == "story" else f"{noun} '{self.item}' {self.key}"

    def put(self, text: str) -> None:
        if isinstance(self.holder, list | dict):
            self.holder[self.slot] = text
        else:
            setattr(self.holder, str(self.slot), text)


def items(story: Story, kind: str) -> list[tuple[str, Any]]:
    """The items of one kind, each with its id."""
    if kind == "story":
        return [("", story.meta)]
    if kind == "variables":
        return list(story.shared_variables.items())
    return list(getattr(story, kind).items())


def units(story: Story) -> Iterator[Unit]:
    """Every translatable text of the story, item by item in the table's order of fields."""
    by_kind: dict[str, list[tuple[str, str]]] = {}
    for kind, key, path in FIELDS:
        by_kind.setdefault(kind, []).append((key, path))
    for kind in KINDS:
        for ident, obj in items(story, kind):
            mark = getattr(obj, "mark", Mark(""))
            for key, path in by_kind.get(kind, ()):
                for args, holder, slot, text, where in _walk(obj, path.split("."), (), mark):
                    yield Unit(kind, ident, key.format(*args), text, where, mark, holder, slot)


def _walk(obj: Any, steps: list[str], args: tuple, mark: Mark) -> Iterator[tuple[tuple, Any, Any, str, Mark]]:
    step, rest = steps[0], steps[1:]
    name = step.rstrip("[]{}")
    value = getattr(obj, name, None)
    if value is None:
        return
    if step.endswith("[]") or step.endswith("{}"):
        listed = step.endswith("[]")
        for index, child in enumerate(value, 1) if listed else value.items():
            if not rest:
                if isinstance(child, str) and child:
                    yield (*args, index), value, index - 1 if listed else index, child, mark
                continue
            yield from _walk(child, rest, (*args, index), _mark_of(child, mark))
    elif rest:
        yield from _walk(value, rest, args, _mark_of(value, mark))
    elif isinstance(value, str) and value:
        yield args, obj, name, value, mark


def _mark_of(obj: Any, fallback: Mark) -> Mark:
    mark = getattr(obj, "mark", None)
    return mark if isinstance(mark, Mark) and mark.path else fallback
