"""The summary as one self-contained HTML page: read in a browser, printed on A4, kept in a folder.

Rendered by Jinja2 from the JSON form (``summary_to_dict``) with autoescaping on, so a name a
student typed is never markup. Story text keeps its paragraphs (a ``<p>`` each), each citation
links to its full entry in the page's list of sources, and web addresses are links.
"""

from __future__ import annotations

import re
from functools import cache
from urllib.parse import quote

from jinja2 import Environment
from markupsafe import Markup, escape

from game.l10n import current_language, jinja_environment
from game.story import markup

# a web address in a reference, up to a space or the end; a final full stop is the sentence's
_URL = re.compile(r"https?://[^\s<>\"]+[^\s<>\".,;:)]")


def inline(text: str) -> Markup:
    """Story markup as inline HTML; a line kept by ``reflow`` (a list, verse) stays a line."""
    return Markup(markup.to_html(markup.reflow(text or "")).replace("\n", "<br>\n"))


def paragraphs(text: str) -> Markup:
    """Story markup as ``<p>`` paragraphs: a blank line in the YAML starts a new one."""
    paras = [p for p in markup.reflow(text or "").split("\n\n") if p.strip()]
    return Markup("\n".join(f"<p>{inline(p)}</p>" for p in paras))


def links(text: str) -> Markup:
    """Plain text with each web address made a link (the address escaped once, as text and as href)."""
    out, pos = [], 0
    for m in _URL.finditer(text):
        out.append(escape(text[pos : m.start()]))
        url = escape(m.group(0))
        out.append(Markup(f'<a href="{url}">{url}</a>'))
        pos = m.end()
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def anchor(source_id: str) -> str:
    return "src-" + quote(str(source_id), safe="")


def citations(cites: list[str], bibliography: dict) -> Markup:
    """Citations as written in the summary ("Short title, p. 3"), each linked to its entry below."""
    shorts = sorted(
        ((str(e.get("short", k)) if isinstance(e, dict) else str(k), k) for k, e in bibliography.items()),
        key=lambda pair: -len(pair[0]),  # the longest title that fits wins
    )
    out = []
    for cite in cites:
        found = next((sid for short, sid in shorts if cite == short or cite.startswith(short + ", ")), None)
        if found is None:
            out.append(escape(cite))
        else:
            out.append(Markup('<a href="#{}">{}</a>').format(anchor(found), cite))
    return Markup("; ").join(out)


@cache
def _env() -> Environment:
    env = jinja_environment("game.story", trim_blocks=True, lstrip_blocks=True)
    env.filters.update(inline=inline, paragraphs=paragraphs, links=links, anchor=anchor)
    return env


def to_html(data: dict, **parts: object) -> str:
    """The page; ``parts`` are the texts ``export`` prepares for every format (who, votes, dates)."""
    bibliography = data.get("bibliography", {})
    return (
        _env()
        .get_template("summary.html")
        .render(
            data=data,
            lang=current_language(),
            cites=lambda cites: citations(cites, bibliography),
            **parts,
        )
    )
