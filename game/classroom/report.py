"""``budapest56 report saves/<class>/``: the debrief, from the students' summaries.

It reads only the JSON summaries (which carry the texts they refer to), so a report can be built
on any machine. Files that are damaged or are not summaries are listed and skipped. It writes
``report.html`` (one self-contained page to teach from), ``report.md``, ``report.csv`` (one row
per playthrough) and, when students answered exit tickets, ``exit-ticket.csv`` and
``exit-ticket.gift`` (the class's questions, for Moodle). The data structure is in
``report_data``, building it in ``report_build``, rendering in ``report_render``.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

from game.classroom.broadcast import FILE as BROADCAST
from game.classroom.intake import Unusable, read_summary
from game.classroom.report_build import build_report
from game.classroom.report_data import ClassReport
from game.classroom.report_render import ticket_csv, ticket_gift, to_csv, to_html, to_markdown
from game.story.saves import atomic_write


@dataclass
class ClassData:
    summaries: list[dict] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)


def read_summaries(folder: Path) -> ClassData:
    """Every usable summary in the folder; each unusable file is skipped with its reason (``intake``)."""
    data = ClassData()
    for path in sorted(folder.glob("*.json")):
        if path.name == BROADCAST:  # the teacher console's messages, not a summary
            continue
        try:
            data.summaries.append(read_summary(path))
        except Unusable as exc:
            data.skipped.append((path.name, str(exc)))
    return data


def build(data: ClassData, class_name: str) -> ClassReport:
    """The report's one data structure, from the summaries that were read."""
    return build_report(data.summaries, class_name, data.skipped)


def run_report(args: argparse.Namespace) -> int:
    folder: Path = args.dir
    if not folder.is_dir():
        print(
            f"usage: budapest56 report DIR [--out DIR]\nbudapest56 report: error: '{folder}' is not a folder",
            file=sys.stderr,
        )
        return 2
    from game.l10n import choose_language, set_language

    try:
        set_language(choose_language(getattr(args, "lang", None)))
    except ValueError as exc:
        print(f"usage: budapest56 report DIR [--lang LANG]\nbudapest56 report: error: --lang: {exc}", file=sys.stderr)
        return 2
    data = read_summaries(folder)
    for name, why in data.skipped:
        print(f"skipped {name}: {why}", file=sys.stderr)
    if not data.summaries:
        print(
            f"budapest56 report: no summaries found in '{folder}' (students' finished games are saved there with --class)",
            file=sys.stderr,
        )
        return 1
    out = args.out or folder
    if out.exists() and not out.is_dir():
        print(
            f"usage: budapest56 report DIR [--out DIR]\nbudapest56 report: error: --out '{out}' is a file, not a folder",
            file=sys.stderr,
        )
        return 2
    report = build(data, folder.name)
    try:
        files = write_report(report, out)
    except OSError as exc:
        print(f"budapest56 report: error: cannot write to '{out}' ({exc.strerror})", file=sys.stderr)
        return 1
    print(f"Class report for {report.players} playthrough(s) in {out}: " + ", ".join(files))
    return 0


def write_report(report: ClassReport, out: Path) -> list[str]:
    """Write the report's files to ``out`` (the CLI and the teacher console); their names."""
    files = {"report.html": to_html(report), "report.md": to_markdown(report), "report.csv": to_csv(report)}
    if any(s.answers for s in report.students):
        files["exit-ticket.csv"] = ticket_csv(report)
        files["exit-ticket.gift"] = ticket_gift(report)
    out.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        atomic_write(out / name, text)
    return list(files)


__all__ = ["ClassData", "ClassReport", "build", "read_summaries", "to_csv", "to_html", "to_markdown"]
