"""Turn the story's markup into Textual content, and the story's reference texts into Markdown.

Everything here only *formats* what the story and the model already hold. Glossary terms are
underlined and bold as well as coloured, so they stand out without colour too (NO_COLOR, the
high-contrast theme, colour-blind players).
"""

from __future__ import annotations

from textual.markup import escape

from game.l10n import _
from game.story import markup
from game.story.model import Citation, Story


def to_markup(text: str, terms: dict[str, str], links: bool = True) -> str:
    """Story markup → Textual markup; ``links`` makes glossary terms clickable."""
    out = []
    for seg in markup.parse(markup.reflow(text), terms):
        t = escape(seg.text)
        if seg.style == "em":
            out.append(f"[i]{t}[/i]")
        elif seg.style == "strong":
            out.append(f"[b]{t}[/b]")
        elif seg.style == "term":
            if links and seg.term.replace("-", "").replace("_", "").replace(".", "").isalnum():
                out.append(f"[b u $accent][@click=app.open_term('{seg.term}')]{t}[/][/]")
            else:
                out.append(f"[b u $accent]{t}[/]")
        else:
            out.append(t)
    return "".join(out)


def plain(text: str, terms: dict[str, str] | None = None) -> str:
    """Story markup → plain words, reflowed (for Markdown pages, where stars would confuse)."""
    return markup.plain(markup.reflow(text), terms).strip()


def md_escape(text: str) -> str:
    """Keep story text from being read as Markdown syntax (a stray '*' or '#')."""
    return "".join("\\" + c if c in "\\`*_[]#|<>" else c for c in text)


def to_md(text: str, terms: dict[str, str]) -> str:
    """Story markup → Markdown: emphasis kept, glossary terms bold (no links in Markdown pages)."""
    out = []
    for seg in markup.parse(markup.reflow(text), terms):
        t = md_escape(seg.text)
        if seg.style == "em":
            out.append(f"*{t}*")
        elif seg.style in ("strong", "term"):
            out.append(f"**{t}**")
        else:
            out.append(t)
    return "".join(out).strip()


def value_text(value: object) -> str:
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


def reference(story: Story, cite: Citation) -> str:
    """A citation as its short title and locator, then the full entry (author, year, title, publisher…)."""
    source = story.sources.get(cite.source)
    if source is None:
        return str(cite)
    return f"{source.cited(cite.locator)} — {source.reference()}"


def card_markdown(story: Story, card_id: str, terms: dict[str, str]) -> str:
    """One fact card as a page: title, date, text, the disputed figure, full sources."""
    card = story.facts[card_id]
    lines = [f"## {md_escape(card.title)}", "", f"*{md_escape(card.date)}*", "", to_md(card.text, terms), ""]
    if card.disputed:
        d = card.disputed
        lines += [
            "> " + _("**A disputed figure**"),
            ">",
            "> " + _("**What was believed then:** {text}").format(text=to_md(d.then, terms)),
            ">",
            "> " + _("**The modern estimate:** {text}").format(text=to_md(d.now, terms)),
            ">",
            "> "
            + _("*Sources for the estimate:* {sources}").format(
                sources="; ".join(md_escape(reference(story, c)) for c in d.cite)
            ),
            "",
        ]
    if card.cite:
        lines += [_("**Sources**"), ""] + [f"- {md_escape(reference(story, c))}" for c in card.cite]
    return "\n".join(lines)


def glossary_markdown(story: Story, entry_id: str, terms: dict[str, str]) -> str:
    """One glossary entry as a page: term, Hungarian, English, explanation."""
    g = story.glossary[entry_id]
    lines = [f"## {md_escape(g.term)}", ""]
    if g.hungarian:
        lines.append("- " + _("**Hungarian:** {word}").format(word=md_escape(g.hungarian)))
    if g.english:
        lines.append("- " + _("**English:** {word}").format(word=md_escape(g.english)))
    lines += ["", to_md(g.text, terms)]
    if g.cite:
        lines += ["", _("**Sources**"), ""] + [f"- {md_escape(reference(story, c))}" for c in g.cite]
    return "\n".join(lines)
