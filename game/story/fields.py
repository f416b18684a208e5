"""Typed reading of YAML mappings, with every mistake reported at its position.

The loader describes each kind of object by the keys it allows; this module turns a node into
checked Python values or records a problem and returns None, so loading goes on and the author
sees every problem in one run.
"""

from __future__ import annotations

import re

from game.story.model import Citation
from game.story.problems import Mark, ProblemList, closest, did_you_mean
from game.story.yamlnodes import YMap, YNode, YScalar, YSeq

_KIND_NAMES = {YMap: "a mapping (key: value)", YSeq: "a list", YScalar: "a single value"}


class Fields:
    """Reads values out of nodes for one story load, collecting problems as it goes."""

    def __init__(self, problems: ProblemList):
        self.problems = problems
        self._meant: dict[int, set[str]] = {}  # id(mapping) → the allowed keys its misspelt keys meant

    def meant(self, node: YMap) -> set[str]:
        """Allowed keys that an unknown key of ``node`` probably meant (``chioces`` → ``choices``).

        Their absence is not reported again: the unknown-field error already names them.
        """
        return self._meant.get(id(node), set())

    def error(self, mark: Mark, message: str, code: str) -> None:
        self.problems.error(mark, message, code)

    def mapping(
        self,
        node: YNode | None,
        what: str,
        allowed: tuple[str, ...],
        required: tuple[str, ...] = (),
    ) -> YMap | None:
        """Check that ``node`` is a mapping with only ``allowed`` keys and all ``required`` ones."""
        if node is None:
            return None
        if not isinstance(node, YMap):
            self.error(node.mark, f"{what} must be {_KIND_NAMES[YMap]}, not {_kind(node)}", "E010")
            return None
        meant: set[str] = set()
        for key, mark in node.keys.items():
            if key not in allowed:
                hint = did_you_mean(key, allowed)
                guess = closest(key, allowed)
                if guess is not None and guess not in node.values:
                    meant.add(guess)
                self.error(
                    mark,
                    f"unknown field '{key}' in {what}{hint} (allowed: {', '.join(allowed)})",
                    "E011",
                )
        if meant:
            self._meant[id(node)] = meant
        for key in required:
            if key not in node.values and key not in meant:
                self.error(node.mark, f"{what} is missing the required field '{key}'", "E012")
        return node

    def seq(self, node: YNode | None, what: str) -> list[YNode]:
        if node is None:
            return []
        if isinstance(node, YSeq):
            return node.items
        self.error(node.mark, f"{what} must be {_KIND_NAMES[YSeq]}, not {_kind(node)}", "E010")
        return []

    def text(self, node: YNode | None, what: str, default: str | None = None) -> str | None:
        """A text field: any scalar is taken as written (so `yes` stays "yes")."""
        if node is None:
            return default
        if isinstance(node, YScalar) and node.value is not None:
            return node.raw
        if isinstance(node, YScalar):
            self.error(node.mark, f"{what} is empty", "E013")
            return default
        self.error(node.mark, f"{what} must be text, not {_kind(node)}", "E010")
        return default

    def integer(self, node: YNode | None, what: str) -> int | None:
        """A whole number; ``"75"`` and ``75%`` are errors that say so, and read as 75 so that
        nothing further (a sum of chances, a range) is reported about the same mistake."""
        if node is None:
            return None
        if isinstance(node, YScalar) and isinstance(node.value, int) and not isinstance(node.value, bool):
            return node.value
        meant = meant_number(node)
        if meant is not None:
            extra = "quotes" if isinstance(node, YScalar) and node.quoted else "the % sign"
            self.error(node.mark, f"{what} must be a whole number: write {meant} without {extra}", "E010")
            return meant
        self.error(node.mark, f"{what} must be a whole number", "E010")
        return None

    def boolean(self, node: YNode | None, what: str, default: bool = False) -> bool:
        if node is None:
            return default
        if isinstance(node, YScalar) and isinstance(node.value, bool):
            return node.value
        meant = meant_boolean(node)
        if meant is not None:
            word = "true" if meant else "false"
            self.error(node.mark, f"{what} must be true or false: write {word} without quotes", "E010")
            return meant
        self.error(node.mark, f"{what} must be true or false", "E010")
        return default

    def ident(self, node: YNode | None, what: str, pattern: re.Pattern[str], rule: str) -> str | None:
        value = self.text(node, what)
        if value is None or node is None:
            return None
        if not pattern.fullmatch(value):
            self.error(node.mark, f"{what} '{value}' is not a valid id: {rule}", "E014")
            return None
        return value

    def text_list(self, node: YNode | None, what: str) -> list[tuple[str, Mark]]:
        """A list of texts; a single text is accepted as a one-item list for convenience."""
        if node is None:
            return []
        if isinstance(node, YScalar):
            value = self.text(node, what)
            return [(value, node.mark)] if value is not None else []
        out: list[tuple[str, Mark]] = []
        for item in self.seq(node, what):
            value = self.text(item, f"an item of {what}")
            if value is not None:
                out.append((value, item.mark))
        return out

    def cites(self, node: YNode | None, what: str) -> list[Citation]:
        """``cite: [un1957, "litvan1996 pp. 51-53"]`` — an id, optionally followed by a locator."""
        out: list[Citation] = []
        for value, mark in self.text_list(node, f"the cite list of {what}"):
            source, _, locator = value.strip().partition(" ")
            out.append(Citation(source, locator.strip(), mark))
        return out


def meant_number(node: YNode) -> int | None:
    """The whole number a quoted ``"3"`` or a ``75%`` was meant to be, if that is what it is."""
    if not isinstance(node, YScalar) or node.value is None:
        return None
    text = node.raw.strip()
    if not node.quoted:
        text = text.removesuffix("%") if text.endswith("%") else ""
    return int(text) if re.fullmatch(r"[-+]?\d{1,18}", text) else None


def meant_boolean(node: YNode) -> bool | None:
    """The true/false a quoted ``"true"`` was meant to be."""
    if isinstance(node, YScalar) and node.quoted and node.raw.strip().lower() in ("true", "false"):
        return node.raw.strip().lower() == "true"
    return None


def _kind(node: YNode) -> str:
    return _KIND_NAMES[type(node)]


def expr_mark(node: YNode) -> Mark:
    """Where the text of an expression starts: quoted scalars start one column later."""
    if isinstance(node, YScalar) and node.quoted:
        return node.mark.shifted(1)
    return node.mark
