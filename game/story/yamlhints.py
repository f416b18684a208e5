"""YAML syntax errors said in words an author can act on.

libyaml reports what its grammar expected ("did not find expected key", "mapping values are not
allowed in this context"). A teacher writing a scene needs what to do instead: which line is
indented wrongly and by how much, which tab to replace, which text to put in quotes. This module
looks at the text around the parser's position and turns the common mistakes into such a
sentence; anything it does not recognise keeps the parser's own words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

# `key:` or `- key:` at the start of a line (a key is a plain word, not quoted, no colon in it)
_KEY_LINE = re.compile(r"^( *)(- +)?([^\s:#\-\[\]{}\"'][^:#]*?):(?:\s|$)")
_ITEM_LINE = re.compile(r"^( *)-(?:\s|$)")
_BLOCK_START = re.compile(r":\s*[|>][-+0-9]*\s*(?:#.*)?$")
_SPECIAL_START = "*&!@`%|>"
_INDENT_PROBLEMS = (
    "did not find expected key",
    "did not find expected '-' indicator",
    "expected <block end>",
    "mapping values are not allowed",
)


@dataclass(frozen=True)
class Hint:
    """Where the mistake is (0-based line and column, as libyaml counts) and what to do."""

    line: int
    col: int
    message: str


def explain(text: str, exc: yaml.MarkedYAMLError) -> Hint | None:
    """A plain-words reading of a syntax error, or None when the parser's words must do."""
    mark = exc.problem_mark or exc.context_mark
    if mark is None:
        return None
    lines = text.splitlines()
    problem = exc.problem or ""
    context = exc.context or ""
    line = lines[mark.line] if mark.line < len(lines) else ""
    for finder in (_tab, _colon_in_text, _special_start, _unclosed, _text_after_value, _indentation):
        hint = finder(lines, line, mark, exc.context_mark, problem, context)
        if hint is not None:
            return hint
    return None


def _spaces(n: int) -> str:
    return f"{n} space" if n == 1 else f"{n} spaces"


def _tab(lines, line, mark, cmark, problem, context) -> Hint | None:
    """A tab in the indentation: YAML indents with spaces only."""
    candidates = [mark.line] + ([cmark.line] if cmark is not None else [])
    if "tab" not in problem and "cannot start any token" not in problem:
        return None
    for number in candidates:
        if number >= len(lines):
            continue
        text = lines[number]
        lead = text[: len(text) - len(text.lstrip(" \t"))]
        if "\t" in lead:
            col = lead.index("\t")
            return Hint(number, col, f"replace the tab at column {col + 1} with spaces: YAML indents with spaces only")
    return None


def _colon_in_text(lines, line, mark, cmark, problem, context) -> Hint | None:
    """`text: The order: stay inside` — the second `: ` makes YAML look for a new key."""
    if "mapping values are not allowed" not in problem:
        return None
    key = _KEY_LINE.match(line)
    if key is None or mark.column <= key.end(3):
        return None  # the first colon of its line: an indentation mistake, not text
    value = line[key.end() :].strip()
    quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return Hint(
        mark.line,
        mark.column,
        f"a ':' followed by a space inside text starts a new field in YAML: put the text in quotes, "
        f"e.g. {key.group(3).strip()}: {quoted}",
    )


def _special_start(lines, line, mark, cmark, problem, context) -> Hint | None:
    """`text: *Emphasis* here` — `*`, `&`, `!`, `@`, `` ` ``, `%` cannot start plain text."""
    at = cmark if cmark is not None and ("alias" in context or "anchor" in context or "tag" in context) else mark
    if at.line >= len(lines) or at.column >= len(lines[at.line]):
        return None
    char = lines[at.line][at.column]
    if char not in _SPECIAL_START or "cannot start any token" not in problem and at is mark:
        return None
    text = lines[at.line]
    key = _KEY_LINE.match(text)
    value = text[at.column :].strip()
    example = f"{key.group(3).strip()}: " if key else ""
    return Hint(
        at.line,
        at.column,
        f"text that starts with '{char}' must be in quotes: {example}\"{value.replace(chr(34), chr(92) + chr(34))}\"",
    )


def _unclosed(lines, line, mark, cmark, problem, context) -> Hint | None:
    """An opening bracket or quote that is never closed: point at the opening, not at the end."""
    if cmark is None:
        return None
    opener = {"flow sequence": "[", "flow mapping": "{", "quoted scalar": "quote"}
    what = next((v for k, v in opener.items() if k in context), None)
    if what is None or ("end of stream" not in problem and "expected ','" not in problem):
        return None
    where = f"line {cmark.line + 1}, column {cmark.column + 1}"
    if what == "quote":
        message = f"the quote at {where} is never closed: end the text with the same quote mark"
    else:
        close = "]" if what == "[" else "}"
        message = (
            f"the '{what}' at {where} is never closed: add '{close}', or if it is text, put the whole text in quotes"
        )
    return Hint(cmark.line, cmark.column, message)


def _text_after_value(lines, line, mark, cmark, problem, context) -> Hint | None:
    """`text: [Go] home` or `text: "He said "no""` — more text after a closed list or quote."""
    if "did not find expected key" not in problem and "expected <block end>" not in problem:
        return None
    key = _KEY_LINE.match(line)
    if key is None:
        return None
    value = line[key.end() :].lstrip()
    start = len(line) - len(value)
    if not value or mark.column <= start:
        return None
    first = value[0]
    name = key.group(3).strip()
    if first in "[{":
        close = "]" if first == "[" else "}"
        return Hint(
            mark.line,
            start,
            f"the text after '{name}:' starts with '{first}', so YAML reads a list up to '{close}' "
            f'and then finds more: put the whole text in quotes, e.g. {name}: "{value}"',
        )
    if first in "\"'":
        other = "'" if first == '"' else '"'
        inner = value[1:-1] if len(value) > 1 and value[-1] == first else value[1:]
        return Hint(
            mark.line,
            start,
            f"the quoted text after '{name}:' ends at the second {first}: to use {first} inside text, "
            f"put the whole text in {'single' if other == chr(39) else 'double'} quotes, e.g. {name}: {other}{inner}{other}",
        )
    return None


def _indentation(lines, line, mark, cmark, problem, context) -> Hint | None:
    """Compare the line's indentation with the nearest earlier line of the same kind."""
    if not any(p in problem for p in _INDENT_PROBLEMS) or mark.line >= len(lines):
        return None
    number = mark.line
    if not lines[number].strip() or lines[number].lstrip().startswith("#"):
        return None
    own = _shape(lines[number])
    if own is None:
        return None
    kind, indent = own
    inside = _block_scalar_lines(lines)
    for earlier in range(number - 1, -1, -1):
        if earlier in inside:
            continue
        shapes = _shapes(lines[earlier])
        if kind not in shapes:
            continue
        expected = shapes[kind]
        if expected == indent:
            return None
        others = "the other items of this list use" if kind == "item" else "the other fields here use"
        return Hint(
            number,
            indent,
            f"this line is indented {_spaces(indent)}; {others} {expected}: line it up with them",
        )
    return None


def _shape(text: str) -> tuple[str, int] | None:
    """The line's own kind: a list item (its '-') or a field (its key)."""
    item = _ITEM_LINE.match(text)
    if item is not None:
        return "item", len(item.group(1))
    key = _KEY_LINE.match(text)
    if key is not None:
        return "key", len(key.group(1))
    return None


def _shapes(text: str) -> dict[str, int]:
    """What an earlier line can be compared with: `- id: x` is both an item and a field."""
    out: dict[str, int] = {}
    item = _ITEM_LINE.match(text)
    if item is not None:
        out["item"] = len(item.group(1))
    key = _KEY_LINE.match(text)
    if key is not None:
        out["key"] = len(key.group(1)) + len(key.group(2) or "")
    return out


def _block_scalar_lines(lines: list[str]) -> set[int]:
    """Lines that are the content of a `|` or `>` block: text, not structure."""
    inside: set[int] = set()
    parent: int | None = None
    for number, text in enumerate(lines):
        indent = len(text) - len(text.lstrip(" "))
        if parent is not None:
            if not text.strip() or indent > parent:
                inside.add(number)
                continue
            parent = None
        if _BLOCK_START.search(text) and not text.lstrip().startswith("#"):
            parent = indent + (len(_ITEM_LINE.match(text).group(0)) - indent if _ITEM_LINE.match(text) else 0)
    return inside
