"""What the class report accepts from one summary file: every field checked, sizes bounded.

The report reads a folder that students' games (or anyone with access to it) wrote into. One
wrong file — a hand edit, a file from another program, a huge or deeply nested one — must be
skipped and listed with its reason, never stop the report for the whole class, and never cost
more than a bounded amount of work. A real summary is about 55 KB with some thirty steps; the
limits here are far above that.
"""

from __future__ import annotations

import json
from pathlib import Path

from game.story.summary import SUMMARY_FORMAT, SUMMARY_VERSION

MAX_BYTES = 2_000_000
MAX_ITEMS = 2_000  # in any one list: steps, decisions, cards, questions, sources, votes


class Unusable(Exception):
    """This file is not a summary the report can use; the message says why, in plain words."""


def read_summary(path: Path) -> dict:
    """The summary in ``path``, checked; raise Unusable with the reason to list it as skipped."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise Unusable(f"too large to be a summary ({size:,} bytes)")
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise Unusable("damaged: not valid JSON") from None
    except RecursionError:
        raise Unusable("damaged: nested too deeply to be a summary") from None
    except OSError as exc:
        raise Unusable(f"cannot read: {exc.strerror}") from None
    if not isinstance(doc, dict) or doc.get("format") != SUMMARY_FORMAT:
        raise Unusable("not a Budapest 1956 summary")
    version = doc.get("version")
    if not _whole(version) or version < 1:
        raise Unusable("damaged: the format version is not valid")
    if version > SUMMARY_VERSION:
        raise Unusable("made by a newer version of the game")
    missing = [k for k in REQUIRED if k not in doc]
    if missing:
        raise Unusable(f"damaged: missing {', '.join(missing)}")
    check_fields(doc)
    return doc


REQUIRED = (
    "role",
    "role_name",
    "ending_id",
    "ending_title",
    "path",
    "comparisons",
    "facts_found",
    "facts_total",
    "questions",
)


def check_fields(doc: dict) -> None:
    """Every field the report reads has the type it needs (optional ones may be absent)."""
    for key in ("role", "role_name", "ending_id", "ending_title"):
        _text(doc[key], key)
    for key in ("epilogue", "player", "student", "class_name"):
        if key in doc:
            _text(doc[key], key)
    for key in ("playthrough", "rewinds"):
        if key in doc and not (_whole(doc[key]) and doc[key] >= 0):
            raise Unusable(f"damaged: '{key}' is not a whole number")
    if not _whole(doc["facts_total"]) or doc["facts_total"] < 0:
        raise Unusable("damaged: 'facts_total' is not a whole number")
    _texts(doc["facts_found"], "facts_found")
    _texts(doc["questions"], "questions")
    _texts(doc.get("epilogue_cite", []), "epilogue_cite")
    _texts(doc.get("crossing_events", []), "crossing_events")
    for c in _records(doc["comparisons"], "comparisons"):
        for key in ("label", "chosen", "history"):
            _text(c.get(key), f"a decision's {key}")
        _texts(c.get("cite"), "a decision's cite")
    for step in _records(doc["path"], "path"):
        _text(step.get("choice"), "a step's choice")
        _text(step.get("scene"), "a step's scene")
        votes = step.get("votes", [])
        _list(votes, "a step's votes")
        if not all(_whole(v) and v >= 0 for v in votes):
            raise Unusable("damaged: a step's votes are not whole numbers")
        _texts(step.get("options", []), "a step's options")
        _texts(step.get("events", []), "a step's events")
    for key in ("facts", "events"):  # fact cards and timeline events, by id
        for item in _table(doc.get(key, {}), key).values():
            if not isinstance(item, dict) or not isinstance(item.get("title", ""), str):
                raise Unusable(f"damaged: an entry of '{key}' has no title")
    _table(doc.get("bibliography", {}), "bibliography")
    _table(doc.get("source_titles", {}), "source_titles")
    ticket = doc.get("ticket")
    if ticket is not None and not (isinstance(ticket, dict) and isinstance(ticket.get("responses", []), list)):
        raise Unusable("damaged: the exit ticket is not a record of answers")


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _text(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise Unusable(f"damaged: '{what}' is not text")
    return value


def _list(value: object, what: str) -> list:
    if not isinstance(value, list):
        raise Unusable(f"damaged: '{what}' is not a list")
    if len(value) > MAX_ITEMS:
        raise Unusable(f"too large: '{what}' has {len(value):,} items (at most {MAX_ITEMS:,})")
    return value


def _texts(value: object, what: str) -> None:
    if not all(isinstance(v, str) for v in _list(value, what)):
        raise Unusable(f"damaged: '{what}' holds something that is not text")


def _table(value: object, what: str) -> dict:
    if not isinstance(value, dict) or len(value) > MAX_ITEMS:
        raise Unusable(f"damaged: '{what}' is not a record")
    return value


def _records(value: object, what: str) -> list[dict]:
    items = _list(value, what)
    if not all(isinstance(v, dict) for v in items):
        raise Unusable(f"damaged: '{what}' holds something that is not a record")
    return items
