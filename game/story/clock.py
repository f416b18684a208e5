"""The in-game clock: whole minutes since 1 January 1950, so it is a plain int in every state."""

from __future__ import annotations

from datetime import datetime, timedelta

from game.l10n import format_moment

EPOCH = datetime(1950, 1, 1)
_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d")


def parse_time(text: str) -> int:
    """Parse ``1956-11-04 05:20`` (or a bare date, meaning midnight) into clock minutes.

    Raises ValueError with a message an author can act on.
    """
    cleaned = text.strip()
    for fmt in _FORMATS:
        try:
            moment = datetime.strptime(cleaned, fmt)
        except ValueError:
            continue
        return int((moment - EPOCH).total_seconds() // 60)
    raise ValueError(f"'{text}' is not a time; write it as YYYY-MM-DD HH:MM, e.g. 1956-10-23 21:10")


def to_datetime(minutes: int) -> datetime:
    return EPOCH + timedelta(minutes=minutes)


def format_clock(minutes: int) -> str:
    """Human form for the status panel and summaries: ``Sun 4 Nov 1956, 05:20``.

    In another interface language, that language's form (``game.l10n.format_moment``).
    """
    moment = to_datetime(minutes)
    local = format_moment(moment)
    if local:
        return local
    return f"{moment:%a} {moment.day} {moment:%b %Y}, {moment:%H:%M}"


def format_short(minutes: int) -> str:
    moment = to_datetime(minutes)
    local = format_moment(moment, short=True)
    if local:
        return local
    return f"{moment.day} {moment:%b} {moment:%H:%M}"


def iso(minutes: int) -> str:
    return to_datetime(minutes).strftime("%Y-%m-%dT%H:%M")
