"""The small markup of scene text: ``*emphasis*``, ``**strong**`` and ``[[term]]`` links.

These are the only marks the story uses (a test scans every shipped text, English and Hungarian).

Parsed once into segments so each front end renders it its own way: Rich styles in the TUI,
plain words for screen readers, tags in HTML exports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Emphasis may run over the hard line breaks of a YAML block (``*Paris\nMatch*``), never over a
# blank line: a star left open in one paragraph does not swallow the next.
_BREAK = r"\n(?![ \t]*\n)"
_TOKEN = re.compile(
    rf"\*\*(?P<strong>(?:.|{_BREAK})+?)\*\*|\*(?P<em>(?:[^*\n]|{_BREAK})+?)\*|\[\[(?P<term>[^\]|]+)(?:\|(?P<label>[^\]]*))?\]\]"
)


@dataclass(frozen=True)
class Segment:
    text: str
    style: str = ""  # "", "em", "strong" or "term"
    term: str = ""  # glossary id for style "term"


def reflow(text: str) -> str:
    """Join the hard line breaks of YAML block text into paragraphs, so text wraps to any width.

    Authors write ``text: |`` blocks wrapped at their editor's width; a blank line separates
    paragraphs, and a line starting with "- " or two spaces keeps its own line (lists, verse).
    """
    paragraphs = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = block.split("\n")
        out = lines[0].rstrip()
        for line in lines[1:]:
            if line.startswith(("- ", "  ", "\t")):
                out += "\n" + line.rstrip()
            else:
                out += " " + line.strip()
        paragraphs.append(out)
    return "\n\n".join(paragraphs)


def parse(text: str, terms: dict[str, str] | None = None) -> list[Segment]:
    """Split marked-up text; ``terms`` maps glossary ids to their display names."""
    terms = terms or {}
    out: list[Segment] = []
    pos = 0
    for m in _TOKEN.finditer(text):
        if m.start() > pos:
            out.append(Segment(text[pos : m.start()]))
        if m.group("strong") is not None:
            out.append(Segment(m.group("strong"), "strong"))
        elif m.group("em") is not None:
            out.append(Segment(m.group("em"), "em"))
        else:
            term_id = m.group("term").strip()
            label = m.group("label") or terms.get(term_id, term_id)
            out.append(Segment(label, "term", term_id))
        pos = m.end()
    if pos < len(text):
        out.append(Segment(text[pos:]))
    return out


def plain(text: str, terms: dict[str, str] | None = None) -> str:
    """The text as a screen reader should hear it: no stars, no brackets."""
    return "".join(s.text for s in parse(text, terms))


def to_html(text: str, terms: dict[str, str] | None = None) -> str:
    import html  # exports only: not on every start of the game

    parts = []
    for s in parse(text, terms):
        escaped = html.escape(s.text)
        if s.style == "em":
            parts.append(f"<em>{escaped}</em>")
        elif s.style == "strong":
            parts.append(f"<strong>{escaped}</strong>")
        elif s.style == "term":
            parts.append(f'<dfn title="glossary: {html.escape(s.term)}">{escaped}</dfn>')
        else:
            parts.append(escaped)
    return "".join(parts)


def terms_in(text: str) -> list[str]:
    """Glossary ids marked in a text, in order of first appearance."""
    seen: list[str] = []
    for s in parse(text):
        if s.style == "term" and s.term not in seen:
            seen.append(s.term)
    return seen
