"""Joining texts into sentences without doubling their punctuation.

Titles, reasons, errors and bibliography fields come from authors and libraries: some end in a
full stop, some in a question mark or a quotation, most in nothing. Every place that glues one
to the next sentence goes through :func:`full_stop`, so a reader never sees "force?." or
"D.C.." or "(n.d. (online))". Hungarian quotation marks („…”) and ellipses are left as written.
"""

from __future__ import annotations

import re

# a sentence already ends: . ? ! or … , perhaps inside closing quotation marks or brackets
_ENDED = re.compile(r"[.?!…][\"'”’»)\]]*$")
_INNER = re.compile(r"\s*\(([^()]*)\)")


def ends_sentence(text: str) -> bool:
    """Whether ``text`` already ends like a sentence (``Go.``, ``„Mehetsz.”``, ``(1956.)``)."""
    return bool(_ENDED.search(text.rstrip()))


def full_stop(text: str) -> str:
    """``text`` with a full stop, unless it already ends a sentence (or is empty)."""
    text = text.rstrip()
    if not text or ends_sentence(text) or text.endswith((":", ";")):
        return text
    return text + "."


def sentences(*parts: str) -> str:
    """The non-empty parts as one run of sentences: ``sentences("Why?", "Then")`` → ``Why? Then.``"""
    return " ".join(full_stop(p) for p in parts if p and p.strip())


def bracketed(text: str) -> str:
    """``text`` in brackets, its own brackets turned into commas: ``n.d. (online)`` → ``(n.d., online)``."""
    return "(" + _INNER.sub(r", \1", text).strip() + ")"
