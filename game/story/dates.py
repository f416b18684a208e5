"""Dates as authors write them on fact cards (``1956-10-23``, ``3–4 Nov 1956``) in the reader's language.

Authors write a card's date in English or as an ISO date. Translators asked not to see
"1956-10-23" or "Oct – Nov 1956" on Hungarian screens, and a date is not a text to translate
entry by entry: it is read here into a day, month or year range and written again by Babel in
the current language ("1956. okt. 23.", "1956. okt.–nov."). English keeps the authored form
and writes an ISO date as the others ("23 Oct 1956"), without loading Babel's locale data. A
date this grammar does not know is shown as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from game.l10n import SOURCE_LANG, _, current_language

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH = "(?:" + "|".join(_MONTHS) + r")[a-z]*\.?"
# one end of a range: "23 Oct 1956", "Oct 1956", "1956", "23 Oct", "Oct", "23"
_END = re.compile(rf"^(?:(?P<day>\d{{1,2}})\s*)?(?:(?P<month>{_MONTH})\s*)?(?P<year>\d{{4}})?$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_DASH = re.compile(r"\s*[–—-]\s*")
_SKELETON = {"day": "yMMMd", "month": "yMMM", "year": "y"}


@dataclass(frozen=True)
class _Point:
    year: int | None
    month: int | None
    day: int | None

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def filled(self, other: _Point) -> _Point:
        """This end with the year (and month) it leaves to the other end: "3" in "3–4 Nov 1956"."""
        month = self.month or (other.month if self.day else None)
        return _Point(self.year or other.year, month, self.day)

    def as_date(self) -> date:
        return date(self.year or 1, self.month or 1, self.day or 1)


def _point(text: str) -> _Point | None:
    iso = _ISO.match(text)
    if iso:
        return _Point(int(iso[1]), int(iso[2]), int(iso[3]))
    m = _END.match(text.strip())
    if not m or not any(m.groupdict().values()):
        return None
    month = _MONTHS.index(m["month"][:3]) + 1 if m["month"] else None
    day = int(m["day"]) if m["day"] else None
    if day is not None and not 1 <= day <= 31:
        return None
    return _Point(int(m["year"]) if m["year"] else None, month, day)


def _locale() -> str:
    lang = current_language()
    return "en_GB" if lang == SOURCE_LANG else lang  # the game's English writes "23 Oct 1956"


def _one(point: _Point) -> str:
    from babel.dates import format_skeleton  # Babel's locale data: only when a date is shown

    return format_skeleton(_SKELETON[point.precision], point.as_date(), locale=_locale())


def _range(start: _Point, end: _Point) -> str:
    from babel.dates import format_interval

    if start.precision != end.precision:  # "23 Oct 1956 – Jan 1957": each end in its own form
        return f"{_one(start)} – {_one(end)}"
    return format_interval(start.as_date(), end.as_date(), _SKELETON[start.precision], locale=_locale())


def _english(text: str) -> str:
    """An ISO date as the English cards write dates ("23 Oct 1956"); "" for any other text."""
    iso = _ISO.match(text)
    try:
        day = date(int(iso[1]), int(iso[2]), int(iso[3])) if iso else None
    except ValueError:  # "1956-02-31"
        return ""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}" if day else ""


@cache
def _formatted(text: str, lang: str) -> str:
    cleaned = " ".join(text.split())
    if lang == SOURCE_LANG:  # the authored form, an ISO date as the others: no locale data to load
        return _english(cleaned) or text
    late = re.match(r"^late\s+(.+)$", cleaned, re.IGNORECASE)
    if late:
        inner = _formatted(late[1], lang)
        return _("late {date}").format(date=inner) if inner != late[1] else text
    since = re.match(r"^every year since\s+(\d{4})$", cleaned, re.IGNORECASE)
    if since:
        return _("Every year since {year}").format(year=since[1])
    parts = _DASH.split(cleaned) if not _ISO.match(cleaned) else [cleaned]
    try:
        return _read(parts) or text
    except ValueError:  # "31 Feb 1956": shown as the author wrote it
        return text


def _read(parts: list[str]) -> str:
    """A date or a range of two in the current language, or "" when it is not one."""
    if len(parts) == 1:
        point = _point(parts[0])
        return _one(point) if point and point.year else ""
    if len(parts) != 2:
        return ""
    start, end = _point(parts[0]), _point(parts[1])
    if start is None or end is None or end.year is None:
        return ""
    start = start.filled(end)
    if start.as_date() > end.as_date():
        return ""
    return _range(start, end)


def fact_date(text: str) -> str:
    """A fact card's date in the current language; one this module cannot read, as written."""
    # Babel sets range dashes between thin spaces; the authored dates use plain ones
    return _formatted(text, current_language()).replace("\u2009", " ") if text else text
