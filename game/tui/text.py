"""Turn the story's markup into Textual content: emphasis, and clickable glossary terms.

Terms are underlined and bold as well as coloured, so they stand out without colour too.
"""

from __future__ import annotations

from textual.markup import escape

from game.story import markup


def to_markup(text: str, terms: dict[str, str]) -> str:
    out = []
    for seg in markup.parse(markup.reflow(text), terms):
        t = escape(seg.text)
        if seg.style == "em":
            out.append(f"[i]{t}[/i]")
        elif seg.style == "strong":
            out.append(f"[b]{t}[/b]")
        elif seg.style == "term":
            out.append(f"[b u $accent][@click=app.open_term('{seg.term}')]{t}[/][/]")
        else:
            out.append(t)
    return "".join(out)


def value_text(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)
