"""Render the class report (``report_data.ClassReport``) as HTML, Markdown, CSV and exit-ticket exports.

HTML and Markdown come from Jinja2 templates in ``templates/``; the HTML environment escapes
everything, so a name a student typed can never become markup. The CSVs are for a spreadsheet
or a gradebook import; the GIFT file puts the class's exit-ticket questions into Moodle.
"""

from __future__ import annotations

import csv
import io
from functools import cache

from jinja2 import Environment
from markupsafe import Markup

from game.classroom.report_data import ClassReport
from game.l10n import current_language, jinja_environment
from game.story import markup
from game.story.gift import to_gift
from game.story.ticket import Question


@cache
def _env() -> Environment:
    env = jinja_environment("game.classroom", keep_trailing_newline=True)
    env.filters["markup"] = lambda text: Markup(markup.to_html(str(text)))
    env.filters["plain"] = lambda text: " ".join(markup.plain(str(text)).split())
    env.filters["cell"] = lambda text: str(text).replace("|", "\\|").replace("\n", " ")
    return env


def to_html(r: ClassReport) -> str:
    return _env().get_template("report.html").render(r=r, lang=current_language())


def to_markdown(r: ClassReport) -> str:
    text = _env().get_template("report.md").render(r=r)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text


CSV_COLUMNS = (
    "student",
    "student_id",
    "role",
    "playthrough",
    "short",
    "group",
    "ending",
    "minutes",
    "decisions",
    "rewinds",
    "cards_opened",
    "cards_found",
    "ticket_score",
    "ticket_out_of",
)


def _cell(value: object) -> str:
    """A spreadsheet cell that cannot run as a formula (a name typed as =HYPERLINK(...) stays text)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def to_csv(r: ClassReport) -> str:
    """One row per playthrough, key decisions as columns (blank where the student never met one)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([*CSV_COLUMNS, *(header for _r, _l, header in r.decision_columns)])
    for s in r.students:
        row = [
            s.name,
            s.student_id,
            s.role_name,
            s.playthrough or "",
            "yes" if s.short else "no",
            "yes" if s.group else "no",
            s.ending,
            "" if s.minutes is None else f"{s.minutes:.1f}",
            s.decisions,
            s.rewinds,
            "" if s.cards_opened is None else s.cards_opened,
            s.cards_found,
            "" if s.score is None else s.score,
            s.out_of if s.score is not None else "",
        ]
        row += [s.key_choices.get((role, label), "") for role, label, _h in r.decision_columns]
        writer.writerow([_cell(v) for v in row])
    return out.getvalue()


TICKET_COLUMNS = ("student", "student_id", "role", "playthrough", "question", "answer", "right_answer", "correct")


def ticket_csv(r: ClassReport) -> str:
    """One row per exit-ticket answer: free-text answers have no right answer and no mark."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(TICKET_COLUMNS)
    for s in r.students:
        for a in s.answers:
            mark = "" if a.correct is None else int(a.correct)
            row = [s.name, s.student_id, s.role_name, s.playthrough or "", a.question, a.given, a.right, mark]
            writer.writerow([_cell(v) for v in row])
    return out.getvalue()


def _question(raw: dict) -> Question | None:
    """A question as stored in a summary, checked field by field (summaries come from disk)."""
    q = raw.get("question")
    if not isinstance(q, dict) or q.get("kind") not in ("order", "choice", "text"):
        return None
    options, answer = q.get("options", []), q.get("answer", [])
    if not (isinstance(options, list) and all(isinstance(o, str) for o in options)):
        return None
    if not (isinstance(answer, list) and all(isinstance(a, int) and 0 <= a < len(options) for a in answer)):
        return None
    if q["kind"] != "text" and not answer:
        return None
    return Question(str(q.get("id", "")), q["kind"], str(q.get("prompt", "")), options, answer,
                    str(q.get("explain", "")))  # fmt: skip


def ticket_gift(r: ClassReport) -> str:
    """Every distinct exit-ticket question the class met, as a GIFT file for Moodle."""
    seen: set[tuple] = set()
    titled: list[tuple[str, Question]] = []
    for s in r.students:
        for raw in s.raw_ticket:
            q = _question(raw)
            if q is None:
                continue
            key = (q.kind, q.prompt, tuple(q.options))
            if key in seen:
                continue
            seen.add(key)
            titled.append((f"{r.class_name} {len(titled) + 1:02d} {s.role_name}", q))
    return to_gift(titled, category=f"Budapest 1956/{r.class_name}")
