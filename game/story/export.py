"""Export a summary as Markdown, a self-contained HTML page (prints on A4) and JSON.

All three render the JSON form (``summary_to_dict``), so what a student exports, what the plain
mode prints and what the class report reads never drift apart.
"""

from __future__ import annotations

import contextlib
import html
import json
import os
import re
import unicodedata
from datetime import datetime
from pathlib import Path

from game.l10n import _, current_language
from game.story import markup
from game.story.saves import atomic_write
from game.story.summary import Summary, summary_to_dict

FORMATS = ("md", "html", "json")


def _plain(text: str) -> str:
    return markup.plain(text).strip()


def _cell(text: str) -> str:
    """Text inside a Markdown table cell: a '|' would end the cell."""
    return text.replace("|", "\\|")


def _sources(data: dict) -> list[tuple[str, str]]:
    """(short title, full entry) of each source, for the bibliography."""
    out = []
    for key, entry in data.get("bibliography", {}).items():
        if isinstance(entry, dict):
            out.append((str(entry.get("short", key)), str(entry.get("reference", ""))))
        else:  # a summary written before sources had short titles
            out.append((key, str(entry)))
    return out


def _value(value: object) -> str:
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


def _who(data: dict) -> str:
    class_name = data.get("class_name") and _("class {name}").format(name=data["class_name"])
    return ", ".join(x for x in (data.get("player"), class_name) if x)


def _votes(step: dict) -> str:
    return ", ".join(f"{o}: {v}" for o, v in zip(step["options"], step["votes"], strict=False))


def timeline_items(data: dict) -> list[tuple[str, str, str]]:
    """(when, title, the other roles who lived it too) for each event lived, in time order.

    A summary collected by an earlier version has no ``timeline``: its crossing events are shown.
    """
    if isinstance(data.get("timeline"), list):
        return [(x["when"], x["title"], _and(x["also"])) for x in data["timeline"]]
    events = data.get("events", {})
    return [(events[x]["when"], events[x]["title"], "") for x in data.get("crossing_events", []) if x in events]


def _and(names: list[str]) -> str:
    if len(names) < 2:
        return "".join(names)
    return _("{names} and {last}").format(names=", ".join(names[:-1]), last=names[-1])


def _also(names: str) -> str:
    return _("also lived by {roles}").format(roles=names)


def to_markdown(data: dict) -> str:
    lines = [f"# {data['story_title']} — {data['role_name']}", ""]
    who = _who(data)
    if who:
        lines += [f"*{who}*", ""]
    lines += ["## " + _("Ending: {title}").format(title=data["ending_title"]), "", _plain(data["ending_text"]), ""]
    sources = _("Sources: {sources}")
    if data["epilogue"]:
        lines += ["### " + _("What happened to people like you"), "", _plain(data["epilogue"]), ""]
        lines += [sources.format(sources="; ".join(data["epilogue_cite"])), ""]
    lines += [
        "## " + _("Your path"),
        "",
        "| " + " | ".join((_("When"), _("Where"), _("You chose"))) + " |",
        "|---|---|---|",
    ]
    for step in data["path"]:
        choice = step["choice"]
        if step.get("votes"):
            choice += " (" + _("votes: {votes}").format(votes=_votes(step)) + ")"
        if step.get("result"):
            choice += f" — {_plain(step['result'])}"
        lines.append(f"| {step['clock']} | {_cell(step['where'])} | {_cell(choice)} |")
    lines.append("")
    if data["comparisons"]:
        lines += ["## " + _("You and history"), ""]
        for c in data["comparisons"]:
            lines += [
                _("**{label}** — you chose: *{chosen}*").format(label=c["label"], chosen=c["chosen"]),
                "",
                _plain(c["history"]),
                "",
                sources.format(sources="; ".join(c["cite"])),
                "",
            ]
    if data["measures"]:
        lines += ["## " + _("At the end"), ""]
        for m in data["measures"]:
            about = f" — {m['describe']}" if m.get("describe") else ""
            lines.append(f"- {m['label']}: {_value(m['value'])}{about}")
        lines.append("")
    found = _("Fact cards found: {found} of {total}").format(found=len(data["facts_found"]), total=data["facts_total"])
    lines += ["## " + found, ""]
    for _fid, card in data.get("facts", {}).items():
        lines += [f"### {card['title']} ({card['date']})", "", _plain(card["text"]), ""]
        if "disputed" in card:
            d = card["disputed"]
            disputed = _("**Disputed.** Then: {then} Now: {now}").format(then=_plain(d["then"]), now=_plain(d["now"]))
            lines += [f"> {disputed} ({'; '.join(d['cite'])})", ""]
        lines += [sources.format(sources="; ".join(card["cite"])), ""]
    events = data.get("events", {})
    lived = timeline_items(data)
    if lived:
        lines += ["## " + _("The timeline you lived"), ""]
        lines += [f"- **{w}** {t}" + (f" — {_also(also)}" if also else "") for w, t, also in lived] + [""]
    if data["long_epilogue"]:
        lines += ["## " + _("After 1956"), ""]
        for e in data["long_epilogue"]:
            ev = events[e]
            lines.append(f"- **{ev['when']}** — {ev['title']}: {_plain(ev['text'])} ({'; '.join(ev['cite'])})")
        lines.append("")
    if data.get("ticket"):
        t = data["ticket"]
        lines += ["## " + _("Exit ticket: {score} of {total} right").format(score=t["score"], total=t["out_of"]), ""]
        for r in t["responses"]:
            lines += [f"- {r['question']['prompt']} — {_given(r)}"]
        lines.append("")
    if data["questions"]:
        lines += ["## " + _("Questions for discussion"), ""]
        lines += [f"{i}. {q}" for i, q in enumerate(data["questions"], 1)] + [""]
    if data.get("bibliography"):
        lines += ["## " + _("Sources"), ""] + [f"- {short} — {full}" for short, full in _sources(data)] + [""]
    return "\n".join(lines)


_CSS = """
body{font-family:Georgia,serif;max-width:46em;margin:2em auto;padding:0 1em;color:#111;line-height:1.45}
h1{font-size:1.6em;border-bottom:2px solid #444}h2{margin-top:1.6em;border-bottom:1px solid #bbb}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #bbb;padding:.25em .5em;vertical-align:top;text-align:left}
.disputed{border-left:4px solid #a60;padding:.3em .8em;background:#fff7ec}.cite{color:#444;font-size:.9em}
dfn{font-style:normal;text-decoration:underline dotted}.result{font-style:italic;color:#333}
@page{size:A4;margin:18mm}@media print{body{margin:0;max-width:none}h2{page-break-after:avoid}tr,section{page-break-inside:avoid}}
"""


def to_html(data: dict) -> str:
    e = html.escape
    m = markup.to_html
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{e(current_language())}"><head><meta charset="utf-8">',
        f"<title>{e(data['story_title'])} — {e(data['role_name'])}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>{e(data['story_title'])} — {e(data['role_name'])}</h1>",
    ]
    who = _who(data)
    if who:
        parts.append(f"<p><em>{e(who)}</em></p>")
    ending = e(_("Ending: {title}").format(title=data["ending_title"]))
    parts.append(f"<h2>{ending}</h2><p>{m(data['ending_text'])}</p>")

    def sources(cite: list[str]) -> str:
        return e(_("Sources: {sources}").format(sources="; ".join(cite)))

    if data["epilogue"]:
        parts.append("<h3>" + e(_("What happened to people like you")) + f"</h3><p>{m(data['epilogue'])}</p>")
        parts.append(f'<p class="cite">{sources(data["epilogue_cite"])}</p>')
    heads = "".join(f"<th>{e(h)}</th>" for h in (_("When"), _("Where"), _("You chose")))
    parts.append("<h2>" + e(_("Your path")) + f"</h2><table><tr>{heads}</tr>")
    for step in data["path"]:
        choice = e(step["choice"])
        if step.get("votes"):
            choice += "<br><small>" + e(_("votes: {votes}").format(votes=_votes(step))) + "</small>"
        if step.get("result"):
            choice += f'<br><span class="result">{m(step["result"])}</span>'
        parts.append(f"<tr><td>{e(step['clock'])}</td><td>{e(step['where'])}</td><td>{choice}</td></tr>")
    parts.append("</table>")
    if data["comparisons"]:
        parts.append("<h2>" + e(_("You and history")) + "</h2>")
        for c in data["comparisons"]:
            chose = e(_("you chose:"))
            parts.append(
                f"<section><p><strong>{e(c['label'])}</strong> — {chose} <em>{e(c['chosen'])}</em></p>"
                f'<p>{m(c["history"])}</p><p class="cite">{sources(c["cite"])}</p></section>'
            )
    if data["measures"]:
        parts.append(
            ("<h2>" + e(_("At the end")) + "</h2><ul>")
            + "".join(
                f"<li>{e(x['label'])}: {e(_value(x['value']))}"
                + (f' <span class="cite">— {e(x["describe"])}</span>' if x.get("describe") else "")
                + "</li>"
                for x in data["measures"]
            )
            + "</ul>"
        )
    found = _("Fact cards found: {found} of {total}").format(found=len(data["facts_found"]), total=data["facts_total"])
    parts.append(f"<h2>{e(found)}</h2>")
    for card in data.get("facts", {}).values():
        parts.append(f"<section><h3>{e(card['title'])} ({e(card['date'])})</h3><p>{m(card['text'])}</p>")
        if "disputed" in card:
            d = card["disputed"]
            disputed, then, now = e(_("Disputed.")), e(_("Then:")), e(_("Now:"))
            parts.append(
                f'<div class="disputed"><strong>{disputed}</strong> {then} {m(d["then"])} '
                f'{now} {m(d["now"])} <span class="cite">({e("; ".join(d["cite"]))})</span></div>'
            )
        parts.append(f'<p class="cite">{sources(card["cite"])}</p></section>')
    events = data.get("events", {})
    lived = timeline_items(data)
    if lived:
        parts.append("<h2>" + e(_("The timeline you lived")) + "</h2><ul>")
        parts += [
            f"<li><strong>{e(w)}</strong> {e(t)}"
            + (" <small>— " + e(_also(also)) + "</small>" if also else "")
            + "</li>"
            for w, t, also in lived
        ]
        parts.append("</ul>")
    if data["long_epilogue"]:
        parts.append("<h2>" + e(_("After 1956")) + "</h2><ul>")
        for x in data["long_epilogue"]:
            ev = events[x]
            parts.append(
                f'<li><strong>{e(ev["when"])}</strong> — {e(ev["title"])}: {m(ev["text"])} <span class="cite">({e("; ".join(ev["cite"]))})</span></li>'
            )
        parts.append("</ul>")
    if data.get("ticket"):
        t = data["ticket"]
        ticket = _("Exit ticket: {score} of {total} right").format(score=t["score"], total=t["out_of"])
        parts.append(f"<h2>{e(ticket)}</h2><ul>")
        parts += [f"<li>{e(r['question']['prompt'])} — {e(_given(r))}</li>" for r in t["responses"]]
        parts.append("</ul>")
    if data["questions"]:
        parts.append(
            ("<h2>" + e(_("Questions for discussion")) + "</h2><ol>")
            + "".join(f"<li>{e(q)}</li>" for q in data["questions"])
            + "</ol>"
        )
    if data.get("bibliography"):
        parts.append(
            ("<h2>" + e(_("Sources")) + "</h2><ul>")
            + "".join(f"<li><strong>{e(short)}</strong> — {e(full)}</li>" for short, full in _sources(data))
            + "</ul>"
        )
    parts.append("</body></html>")
    return "\n".join(parts)


def _given(response: dict) -> str:
    """An exit-ticket answer in words: the options picked, or the sentence written."""
    given, options = response["given"], response["question"]["options"]
    if isinstance(given, str):
        return f"“{given}”"
    picked = " → ".join(options[i] for i in given if 0 <= i < len(options))
    mark = "" if response["correct"] is None else (" ✓" if response["correct"] else " ✗")
    return picked + mark


def to_json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


RENDER = {"md": to_markdown, "html": to_html, "json": to_json}


def safe_stem(text: str) -> str:
    """A file-name-safe version of a player's name or role that stays readable (``Dániel-Kovács``).

    Letters and digits of any script are kept (composed to NFC, so an accent is one letter);
    everything else — path separators, dots, spaces, control characters, lone surrogates — becomes
    a single ``-``, so the result can never leave its folder or hide as a dot-file.
    """
    cleaned = re.sub(r"[^\w-]+", "-", unicodedata.normalize("NFC", text))
    cleaned = re.sub(r"-{2,}", "-", cleaned).strip("-_")
    return cleaned[:40].rstrip("-_") or "player"


def unique_path(folder: Path, stem: str, suffix: str) -> Path:
    """Reserve a new file name atomically, so students finishing at once never collide."""
    folder.mkdir(parents=True, exist_ok=True)
    n = 0
    while True:
        name = f"{stem}.{suffix}" if n == 0 else f"{stem}-{n}.{suffix}"
        path = folder / name
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            n += 1
            continue
        os.close(fd)
        return path


def export_summary(summary: Summary, story, folder: Path, formats: tuple[str, ...] = FORMATS) -> list[Path]:
    """Write the summary in each format into ``folder``; return the files written."""
    data = summary_to_dict(summary, story)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    stem = "-".join(safe_stem(x) for x in (summary.player, summary.role) if x) + f"-{stamp}"
    written = []
    for fmt in formats:
        text = RENDER[fmt](data)
        path = unique_path(folder, stem, fmt)
        try:
            atomic_write(path, text)
        except BaseException:
            # a full disk or a read-only folder: leave no empty reserved file for the report to skip
            with contextlib.suppress(OSError):
                if path.stat().st_size == 0:
                    path.unlink()
            raise
        written.append(path)
    return written
