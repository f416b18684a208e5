"""``budapest56 report saves/<class>/``: one page for the debrief, from the students' summaries.

It reads only the JSON summaries (which carry the texts they refer to), so a report can be built
on any machine. Files that are damaged or are not summaries are listed and skipped.
"""

from __future__ import annotations

import argparse
import html
import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from game.story import markup
from game.story.saves import atomic_write
from game.story.summary import SUMMARY_FORMAT, SUMMARY_VERSION

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


@dataclass
class ClassData:
    summaries: list[dict] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)


def read_summaries(folder: Path) -> ClassData:
    data = ClassData()
    for path in sorted(folder.glob("*.json")):
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            data.skipped.append((path.name, "damaged: not valid JSON"))
            continue
        except OSError as exc:
            data.skipped.append((path.name, f"cannot read: {exc.strerror}"))
            continue
        if not isinstance(doc, dict) or doc.get("format") != SUMMARY_FORMAT:
            data.skipped.append((path.name, "not a Budapest 1956 summary"))
            continue
        if not isinstance(doc.get("version"), int) or doc["version"] > SUMMARY_VERSION:
            data.skipped.append((path.name, "made by a newer version of the game"))
            continue
        missing = [k for k in REQUIRED if k not in doc]
        if missing:
            data.skipped.append((path.name, f"damaged: missing {', '.join(missing)}"))
            continue
        data.summaries.append(doc)
    return data


@dataclass
class Report:
    class_name: str
    players: int
    roles: Counter
    role_names: dict[str, str]
    endings: dict[str, Counter]  # role -> ending title -> count
    epilogues: dict[tuple[str, str], tuple[str, list[str]]]  # (role, ending) -> (epilogue, cite)
    decisions: dict[tuple[str, str], Counter]  # (role, label) -> chosen -> count
    history: dict[tuple[str, str], tuple[str, list[str]]]
    facts: Counter
    fact_share: list[float]
    questions: list[str]
    skipped: list[tuple[str, str]]
    votes: list[tuple[str, str, list[tuple[str, int]]]]
    playthroughs: list[tuple[str, str, str, str, int]] = field(default_factory=list)


def _ordinal(n: int) -> str:
    if n <= 0:
        return ""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix} playthrough"


def _playthrough_row(s: dict) -> tuple[str, str, str, str, int]:
    """Name, role, which playthrough, ending, rewinds: each playthrough its own row, never merged."""
    name = str(s.get("player") or "anonymous")
    student = str(s.get("student") or "")
    code = student.rsplit("-", 1)[-1] if "-" in student else ""
    shown = f"{name} (#{code})" if code else name
    rewinds = s.get("rewinds", 0)
    rewinds = rewinds if isinstance(rewinds, int) and not isinstance(rewinds, bool) else 0
    playthrough = s.get("playthrough", 0)
    label = _ordinal(playthrough) if isinstance(playthrough, int) and not isinstance(playthrough, bool) else ""
    return shown, str(s["role_name"]), label, str(s["ending_title"]), rewinds


def build(data: ClassData, class_name: str) -> Report:
    roles: Counter = Counter()
    role_names: dict[str, str] = {}
    endings: dict[str, Counter] = defaultdict(Counter)
    epilogues: dict[tuple[str, str], tuple[str, list[str]]] = {}
    decisions: dict[tuple[str, str], Counter] = defaultdict(Counter)
    history: dict[tuple[str, str], tuple[str, list[str]]] = {}
    facts: Counter = Counter()
    share: list[float] = []
    questions: list[str] = []
    votes: list[tuple[str, str, list[tuple[str, int]]]] = []
    rows = sorted((_playthrough_row(s) for s in data.summaries), key=lambda r: (r[0].casefold(), r[2]))
    for s in data.summaries:
        role = s["role"]
        roles[role] += 1
        role_names[role] = s["role_name"]
        endings[role][s["ending_title"]] += 1
        epilogues[(role, s["ending_title"])] = (s.get("epilogue", ""), s.get("epilogue_cite", []))
        for c in s["comparisons"]:
            decisions[(role, c["label"])][c["chosen"]] += 1
            history[(role, c["label"])] = (c["history"], c["cite"])
        cards = s.get("facts", {})
        for fid in s["facts_found"]:
            facts[cards.get(fid, {}).get("title", fid)] += 1
        if s["facts_total"]:
            share.append(len(s["facts_found"]) / s["facts_total"])
        for q in s["questions"]:
            if q not in questions:
                questions.append(q)
        for step in s["path"]:
            if step.get("votes"):
                votes.append(
                    (s.get("player", ""), step["choice"], list(zip(step["options"], step["votes"], strict=False)))
                )
    return Report(
        class_name,
        len(data.summaries),
        roles,
        role_names,
        dict(endings),
        epilogues,
        dict(decisions),
        history,
        facts,
        share,
        questions,
        data.skipped,
        votes,
        rows,
    )


def _bar_md(count: int, total: int) -> str:
    return "█" * round(20 * count / total) if total else ""


def to_markdown(r: Report) -> str:
    lines = [
        f"# Class report — {r.class_name}",
        "",
        f"{r.players} playthrough(s) collected.",
        "",
        "## Roles played",
        "",
    ]
    for role, n in r.roles.most_common():
        lines.append(f"- {r.role_names[role]}: {n} {_bar_md(n, r.players)}")
    lines += ["", "## Endings beside history", ""]
    for role, counter in r.endings.items():
        lines += [f"### {r.role_names[role]}", ""]
        total = sum(counter.values())
        for title, n in counter.most_common():
            epilogue, cite = r.epilogues[(role, title)]
            lines += [
                f"**{title}** — {n} of {total} {_bar_md(n, total)}",
                "",
                f"What happened to people like this: {markup.plain(epilogue).strip()} ({'; '.join(cite)})",
                "",
            ]
    lines += ["## Key decisions", ""]
    for (role, label), counter in r.decisions.items():
        total = sum(counter.values())
        lines += [f"### {label} ({r.role_names[role]})", ""]
        lines += [f"- {choice}: {n} {_bar_md(n, total)}" for choice, n in counter.most_common()]
        text, cite = r.history[(role, label)]
        lines += ["", f"History: {markup.plain(text).strip()} ({'; '.join(cite)})", ""]
    if r.votes:
        lines += ["## Class votes (group play)", ""]
        for _player, chosen, split in r.votes:
            lines.append(f"- chose *{chosen}* — " + ", ".join(f"{o}: {v}" for o, v in split))
        lines.append("")
    lines += ["## Playthroughs", ""]
    for name, role_name, label, ending, rewinds in r.playthroughs:
        extra = ", ".join(x for x in (label, f"{rewinds} rewind(s)" if rewinds else "") if x)
        lines.append(f"- {name} — {role_name}: {ending}" + (f" ({extra})" if extra else ""))
    lines += ["", "## Fact cards found", ""]
    if r.fact_share:
        lines.append(f"On average {sum(r.fact_share) / len(r.fact_share):.0%} of a role's cards were found.")
        lines.append("")
    lines += [f"- {title}: {n}" for title, n in r.facts.most_common()]
    lines += ["", "## Questions for the debrief", ""] + [f"{i}. {q}" for i, q in enumerate(r.questions, 1)]
    if r.skipped:
        lines += ["", "## Files skipped", ""] + [f"- {name}: {why}" for name, why in r.skipped]
    return "\n".join(lines) + "\n"


_CSS = """body{font-family:system-ui,sans-serif;max-width:52em;margin:2em auto;padding:0 1em;color:#111}
h1{border-bottom:2px solid #333}h2{margin-top:1.8em;border-bottom:1px solid #bbb}
.row{display:grid;grid-template-columns:18em 1fr 3em;gap:.5em;align-items:center;margin:.2em 0}
.bar{background:#2b6cb0;height:1.1em;border-radius:2px}.hist{background:#f4f1ea;padding:.4em .8em;border-left:4px solid #a0813b}
.cite{color:#444;font-size:.9em}.skipped{color:#8a2d0b}@media print{.bar{-webkit-print-color-adjust:exact;print-color-adjust:exact}}"""


def _bars(items: list[tuple[str, int]], total: int) -> str:
    e = html.escape
    rows = []
    for label, n in items:
        pct = 100 * n / total if total else 0
        rows.append(
            f'<div class="row"><span>{e(label)}</span><div class="bar" style="width:{pct:.0f}%" role="img" '
            f'aria-label="{n} of {total}"></div><span>{n}</span></div>'
        )
    return "".join(rows)


def to_html(r: Report) -> str:
    e = html.escape
    out = [
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
        f"<title>Class report — {e(r.class_name)}</title><style>{_CSS}</style></head><body>",
        f"<h1>Class report — {e(r.class_name)}</h1><p>{r.players} playthrough(s) collected.</p>",
        "<h2>Roles played</h2>",
        _bars([(r.role_names[k], n) for k, n in r.roles.most_common()], r.players),
        "<h2>Endings beside history</h2>",
    ]
    for role, counter in r.endings.items():
        total = sum(counter.values())
        out.append(f"<h3>{e(r.role_names[role])}</h3>")
        out.append(_bars(counter.most_common(), total))
        for title, _n in counter.most_common():
            epilogue, cite = r.epilogues[(role, title)]
            out.append(
                f'<p class="hist"><strong>{e(title)}</strong>: {markup.to_html(epilogue)} <span class="cite">({e("; ".join(cite))})</span></p>'
            )
    out.append("<h2>Key decisions</h2>")
    for (role, label), counter in r.decisions.items():
        text, cite = r.history[(role, label)]
        out.append(f"<h3>{e(label)} <small>({e(r.role_names[role])})</small></h3>")
        out.append(_bars(counter.most_common(), sum(counter.values())))
        out.append(
            f'<p class="hist">History: {markup.to_html(text)} <span class="cite">({e("; ".join(cite))})</span></p>'
        )
    if r.votes:
        out.append("<h2>Class votes (group play)</h2><ul>")
        out += [
            f"<li>chose <em>{e(c)}</em> — {e(', '.join(f'{o}: {v}' for o, v in split))}</li>"
            for _p, c, split in r.votes
        ]
        out.append("</ul>")
    out.append("<h2>Playthroughs</h2><table><thead><tr><th>Student</th><th>Role</th><th>Playthrough</th>")
    out.append("<th>Ending</th><th>Rewinds</th></tr></thead><tbody>")
    out += [
        f"<tr><td>{e(n)}</td><td>{e(ro)}</td><td>{e(lb)}</td><td>{e(en)}</td><td>{rw}</td></tr>"
        for n, ro, lb, en, rw in r.playthroughs
    ]
    out.append("</tbody></table>")
    out.append("<h2>Fact cards found</h2>")
    if r.fact_share:
        out.append(f"<p>On average {sum(r.fact_share) / len(r.fact_share):.0%} of a role's cards were found.</p>")
    out.append(_bars(r.facts.most_common(), r.players))
    out.append("<h2>Questions for the debrief</h2><ol>" + "".join(f"<li>{e(q)}</li>" for q in r.questions) + "</ol>")
    if r.skipped:
        out.append(
            '<h2>Files skipped</h2><ul class="skipped">'
            + "".join(f"<li>{e(n)}: {e(w)}</li>" for n, w in r.skipped)
            + "</ul>"
        )
    out.append("</body></html>")
    return "\n".join(out)


def run_report(args: argparse.Namespace) -> int:
    folder: Path = args.dir
    if not folder.is_dir():
        print(
            f"usage: budapest56 report DIR [--out DIR]\nbudapest56 report: error: '{folder}' is not a folder",
            file=sys.stderr,
        )
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
    report = build(data, folder.name)
    out = args.out or folder
    out.mkdir(parents=True, exist_ok=True)
    atomic_write(out / "report.html", to_html(report))
    atomic_write(out / "report.md", to_markdown(report))
    print(f"Class report for {report.players} playthrough(s): {out / 'report.html'} and {out / 'report.md'}")
    return 0
