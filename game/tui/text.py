"""Turn the story's markup into Textual content, and the story's reference texts into Markdown.

Everything here only *formats* what the story and the model already hold. Glossary terms are
underlined and bold as well as coloured, so they stand out without colour too (NO_COLOR, the
high-contrast theme, colour-blind players).
"""

from __future__ import annotations

import re

from textual.markup import escape

from game.l10n import SOURCE_LANG, _, current_language
from game.story import markup
from game.story.dates import fact_date
from game.story.model import Citation, GlossaryEntry, Story

_URL = re.compile(r"^https?://[^\s<>]+$")


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


def url_md(url: str) -> str:
    """A web address as a Markdown link: shown as written (no ``\\_``), opened by a click."""
    return f"<{url}>" if _URL.match(url) else md_escape(url)


def reference(story: Story, cite: Citation) -> str:
    """A citation as Markdown: its short title and locator in bold, then the full entry and its link."""
    source = story.sources.get(cite.source)
    if source is None:
        return md_escape(str(cite))
    entry = source.reference()
    if source.url and entry.endswith(source.url):
        entry = entry[: -len(source.url)].rstrip()
    link = f" {url_md(source.url)}" if source.url else ""
    return f"**{md_escape(source.cited(cite.locator))}** — {md_escape(entry)}{link}"


def card_markdown(story: Story, card_id: str, terms: dict[str, str]) -> str:
    """One fact card as a page: title, date, text, the disputed figure, full sources."""
    card = story.facts[card_id]
    lines = [f"## {md_escape(card.title)}", "", f"*{md_escape(fact_date(card.date))}*", "", to_md(card.text, terms), ""]
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
            + _("*Sources for the estimate:* {sources}").format(sources="; ".join(reference(story, c) for c in d.cite)),
            "",
        ]
    if card.cite:
        lines += [_("**Sources**"), ""] + [f"- {reference(story, c)}" for c in card.cite]
    return "\n".join(lines)


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.casefold()))


def english_name(entry: GlossaryEntry) -> str:
    """The English name of a glossary word where it tells a reader of another language something.

    Cited sources are mostly English, so "Angolul: State Protection Authority" helps a Hungarian
    student look the ÁVH up; the English reader's notes in brackets ("Imre Nagy (Hungarians
    write the family name first)") do not, and neither does the term again in another order.
    """
    if current_language() == SOURCE_LANG:
        return entry.english if entry.english and entry.english.casefold() != entry.term.casefold() else ""
    name = re.sub(r"\s*\([^()]*\)\s*$", "", entry.english).strip()
    if not name or _words(name) <= _words(entry.term) | _words(entry.hungarian):
        return ""
    return name


def glossary_markdown(story: Story, entry_id: str, terms: dict[str, str]) -> str:
    """One glossary entry as a page: term, the Hungarian and English names where they add something,
    explanation, sources."""
    g = story.glossary[entry_id]
    lines = [f"## {md_escape(g.term)}", ""]
    if g.hungarian and g.hungarian.casefold() != g.term.casefold():
        lines.append("- " + _("**Hungarian:** {word}").format(word=md_escape(g.hungarian)))
    english = english_name(g)
    if english and current_language() == SOURCE_LANG:
        lines.append("- " + _("**English:** {word}").format(word=md_escape(english)))
    lines += ["", to_md(g.text, terms)]
    if english and current_language() != SOURCE_LANG:  # after the explanation: a name to look up
        lines += ["", _("*In English:* {word}").format(word=md_escape(english))]
    if g.cite:
        lines += ["", _("**Sources**"), ""] + [f"- {reference(story, c)}" for c in g.cite]
    return "\n".join(lines)
