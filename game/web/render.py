"""Story text to safe HTML: the story's small markup, paragraphs, glossary links and citations.

Every string is escaped before any tag is added, and the result is a ``markupsafe.Markup`` so
Jinja2's autoescaping leaves it alone: authored and player text can never inject markup.
"""

from __future__ import annotations

from functools import cached_property
from urllib.parse import quote

from markupsafe import Markup, escape

from game.story import markup
from game.story.clock import format_short, parse_time
from game.story.model import Citation, Source, Story


class Renderer:
    """Render one story's texts; ``base`` is the URL prefix of the web edition (``/read``)."""

    def __init__(self, story: Story, base: str):
        self.story = story
        self.base = base
        self.terms = {g.id: g.term for g in story.glossary.values()}

    def inline(self, text: str) -> Markup:
        """Marked-up text as inline HTML: emphasis kept, glossary terms as links."""
        parts: list[str] = []
        for seg in markup.parse(markup.reflow(text or ""), self.terms):
            t = escape(seg.text).replace("\n", Markup("<br>\n"))
            if seg.style == "em":
                parts.append(f"<em>{t}</em>")
            elif seg.style == "strong":
                parts.append(f"<strong>{t}</strong>")
            elif seg.style == "term" and seg.term in self.story.glossary:
                parts.append(f'<a class="term" href="{self.glossary_url(seg.term)}">{t}</a>')
            else:
                parts.append(str(t))
        return Markup("".join(parts).strip())

    def paragraphs(self, text: str) -> Markup:
        """Marked-up text as ``<p>`` paragraphs (a blank line in the YAML starts a new one)."""
        paras = [p for p in markup.reflow(text or "").split("\n\n") if p.strip()]
        return Markup("\n".join(f"<p>{self.inline(p)}</p>" for p in paras))

    def glossary_url(self, term_id: str) -> str:
        return f"{self.base}/glossary/{quote(term_id, safe='')}"

    def source_title(self, source: Source) -> str:
        """How a reader sees a source cited: its short title ("A. Author, A Book, 2000")."""
        return source.short_title()

    def _from_text(self, text: str) -> tuple[str, str]:
        """A citation the summary wrote as text ("Short title, p. 3"; an older summary: "id p. 3")."""
        for short, source_id in self._shorts:
            if text == short or text.startswith(short + ", "):
                return source_id, text[len(short) + 2 :]
        source_id, _, locator = text.partition(" ")
        return source_id, locator

    @cached_property
    def _shorts(self) -> list[tuple[str, str]]:
        pairs = [(s.short_title(), s.id) for s in self.story.sources.values()]
        return sorted(pairs, key=lambda pair: -len(pair[0]))  # the longest title that fits wins

    def cite(self, cite: Citation | str) -> Markup:
        """One citation as a link to its bibliography entry, with its page or section."""
        if isinstance(cite, Citation):
            source_id, locator = cite.source, cite.locator
        else:
            source_id, locator = self._from_text(str(cite))
        source = self.story.sources.get(source_id)
        if source is None:
            return escape(str(cite))
        link = Markup('<a href="{}/sources#src-{}">{}</a>').format(
            self.base, quote(source_id, safe=""), self.source_title(source)
        )
        return link + (Markup(", ") + escape(locator.strip()) if locator.strip() else Markup(""))

    def cites(self, cites: list) -> Markup:
        return Markup("; ").join(self.cite(c) for c in cites)


def in_sentence(name: str) -> str:
    """A role name inside a sentence: "The journalist" → "the journalist" (other names unchanged)."""
    first, _, rest = name.partition(" ")
    return f"{first.lower()} {rest}" if first in ("The", "A", "An") and rest else name


def short_time(time_iso: str) -> str:
    """A compact date for lists on a phone, in the reader's language: "23 Oct 14:00", "okt. 23. 14.00"."""
    try:
        return format_short(parse_time(time_iso))
    except ValueError:
        return time_iso
