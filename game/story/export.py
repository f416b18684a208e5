"""Export a summary as Markdown, a self-contained HTML page (prints on A4) and JSON.

All three render the JSON form (``summary_to_dict``), so what a student exports, what the plain
mode prints and what the class report reads never drift apart. The HTML page is rendered by
``export_html``; the texts every format shares (dates, votes, who played) are made here.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import unicodedata
from datetime import datetime
from pathlib import Path

from game.l10n import _
from game.story import markup
from game.story.clock import format_short, parse_time
from game.story.saves import atomic_write
from game.story.summary import Summary, summary_to_dict

FORMATS = ("md", "html", "json")


_URL = re.compile(r"(?<![<(])https?://[^\s<>]+[^\s<>.,;:)]")


def plain(text: str) -> str:
    """Story markup as plain words, the YAML's line breaks joined (paragraphs kept)."""
    return markup.plain(markup.reflow(text)).strip()


def _cell(text: str) -> str:
    """Text inside a Markdown table cell: one line, and a '|' would end the cell."""
    return " ".join(text.split()).replace("|", "\\|")


def when_short(step: dict) -> str:
    """A step's time in the compact form of tables and lists: "23 Oct 14:00" ("okt. 23. 14.00")."""
    try:
        return format_short(parse_time(step["time_iso"]))
    except (KeyError, TypeError, ValueError):  # a summary from elsewhere: its own words
        return str(step.get("clock", ""))


def _sources(data: dict) -> list[tuple[str, str, str]]:
    """(id, short title, full entry) of each source, for the bibliography."""
    out = []
    for key, entry in data.get("bibliography", {}).items():
        if isinstance(entry, dict):
            out.append((key, str(entry.get("short", key)), str(entry.get("reference", ""))))
        else:  # a summary written before sources had short titles
            out.append((key, key, str(entry)))
    return out


def _autolinks(text: str) -> str:
    """Web addresses in Markdown as ``<https://…>``: a link, and never read as emphasis."""
    return _URL.sub(lambda m: f"<{m.group(0)}>", text)


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
    head, path, rest = markdown_parts(data)
    return head + path + rest


def markdown_parts(data: dict) -> tuple[str, str, str]:
    """The Markdown before the "Your path" table, the table, and what follows it.

    The end screen draws the same head and rest, and the path as a table of its own, whose
    columns it can size to the terminal.
    """
    lines = [f"# {data['story_title']} — {data['role_name']}", ""]
    who = _who(data)
    if who:
        lines += [f"*{who}*", ""]
    lines += ["## " + _("Ending: {title}").format(title=data["ending_title"]), "", plain(data["ending_text"]), ""]
    sources = _("Sources: {sources}")
    if data["epilogue"]:
        lines += ["### " + _("What happened to people like you"), "", plain(data["epilogue"]), ""]
        lines += [sources.format(sources="; ".join(data["epilogue_cite"])), ""]
    head = "\n".join(lines) + "\n"
    lines = [
        "## " + _("Your path"),
        "",
        "| " + " | ".join((_("When"), _("Where"), _("You chose"))) + " |",
        "|---|---|---|",
    ]
    for step in data["path"]:
        lines.append(f"| {when_short(step)} | {_cell(step['where'])} | {_cell(path_choice(step))} |")
    path = "\n".join(lines) + "\n\n"
    lines = []
    if data["comparisons"]:
        lines += ["## " + _("You and history"), ""]
        for c in data["comparisons"]:
            lines += [
                _("**{label}** — you chose: *{chosen}*").format(label=c["label"], chosen=c["chosen"]),
                "",
                plain(c["history"]),
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
        lines += [f"### {card['title']} ({card['date']})", "", plain(card["text"]), ""]
        if "disputed" in card:
            d = card["disputed"]
            disputed = _("**Disputed.** Then: {then} Now: {now}").format(then=plain(d["then"]), now=plain(d["now"]))
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
            lines.append(f"- **{ev['when']}** — {ev['title']}: {plain(ev['text'])} ({'; '.join(ev['cite'])})")
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
        lines += ["## " + _("Sources"), ""] + [f"- {short} — {_autolinks(full)}" for _id, short, full in _sources(data)]
        lines.append("")
    return head, path, "\n".join(lines)


def path_choice(step: dict, result: bool = True) -> str:
    """What the player chose at a step, the class's votes, and (``result``) what it led to, in words."""
    choice = step["choice"]
    if step.get("votes"):
        choice += " (" + _("votes: {votes}").format(votes=_votes(step)) + ")"
    if result and step.get("result"):
        choice += f" — {plain(step['result'])}"
    return choice


def to_html(data: dict) -> str:
    """The summary as a self-contained HTML page (``export_html``), with the texts every format shares."""
    from game.story.export_html import to_html as render  # Jinja2: only when a page is written

    return render(
        data,
        who=_who(data),
        lived=timeline_items(data),
        sources=_sources(data),
        when=when_short,
        votes=_votes,
        value=_value,
        given=_given,
        also=_also,
    )


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
