"""The end summary as plain mode says it: labelled sentences, lists counted "1 of 9", no Markdown.

Built from the summary's data (``summary_to_dict``, what the exports render too), not from its
Markdown page: a screen reader reads ``| When | Where |`` and ``**`` aloud, and a table row
wrapped at 80 columns is no longer a row. Each string returned is one paragraph; ``""`` is a
blank line between items. The ending's text is not repeated: plain mode has just printed the
ending scene.
"""

from __future__ import annotations

from game.l10n import _
from game.story import markup
from game.story.clock import format_clock, format_short, parse_time, to_datetime
from game.story.meanwhile import event_when
from game.story.model import Story
from game.story.sentences import full_stop, sentences


def plain(text: str) -> str:
    return markup.plain(text).strip()


def counted(label: str, n: int, total: int, text: str) -> str:
    """One item of a list, as a listener hears where they are: "Your path, 2 of 9: …"."""
    return _("{label}, {n} of {total}: {text}").format(label=label, n=n, total=total, text=text)


def cited(cites: list[str]) -> str:
    return _("Sources: {sources}").format(sources="; ".join(cites)) if cites else ""


def cited_line(cites: list[str]) -> list[str]:
    """The sources as a line of their own, or no line at all."""
    return [cited(cites)] if cites else []


def summary_paragraphs(data: dict, story: Story) -> list[str]:
    """The whole summary, section by section, for ``PlainView.paragraphs``."""
    out = [_("THE END"), "", sentences(data["story_title"], data["role_name"])]
    out += [_("Player: {name}").format(name=data["player"])] if data.get("player") else []
    out += [_("Class: {name}").format(name=data["class_name"])] if data.get("class_name") else []
    out.append(full_stop(_("Ending: {title}").format(title=data["ending_title"])))
    if data["epilogue"]:
        out += ["", _("What happened to people like you: {text}").format(text=plain(data["epilogue"]))]
        out += cited_line(data["epilogue_cite"])
    for section in (_path, _history, _measures, _cards, _timeline, _after, _ticket, _questions, _sources):
        lines = section(data, story)
        out += ["", *lines] if lines else []
    return out


def _path(data: dict, story: Story) -> list[str]:
    steps = data["path"]
    if not steps:
        return []
    label = _("Your path")
    year = _year(steps[0])
    out = []
    for n, step in enumerate(steps, 1):
        where = ", ".join(x for x in (_when(step, year), step["where"]) if x)
        votes = _("Votes: {votes}").format(votes=_votes(step)) if step.get("votes") else ""
        chose = _("You chose: {choice}").format(choice=step["choice"])
        out += [counted(label, n, len(steps), sentences(where, chose, votes, plain(step.get("result", ""))))]
        out += [""] if n < len(steps) else []
    return out


def _minutes(step: dict) -> int | None:
    try:
        return parse_time(step["time_iso"])
    except (KeyError, ValueError):  # a summary collected by an older version
        return None


def _year(step: dict) -> int | None:
    minutes = _minutes(step)
    return None if minutes is None else to_datetime(minutes).year


def _when(step: dict, year: int | None) -> str:
    """A compact date ("23 Oct 14:00"); the full date, with its year, once the path leaves the first year."""
    minutes = _minutes(step)
    if minutes is None:
        return step.get("clock", "")
    return format_short(minutes) if to_datetime(minutes).year == year else format_clock(minutes)


def _votes(step: dict) -> str:
    return ", ".join(f"{o}: {v}" for o, v in zip(step["options"], step["votes"], strict=False))


def _history(data: dict, story: Story) -> list[str]:
    out = []
    items = data["comparisons"]
    for n, c in enumerate(items, 1):
        chose = _("You chose: {choice}").format(choice=c["chosen"])
        out += [counted(_("You and history"), n, len(items), sentences(c["label"], chose, plain(c["history"])))]
        out += [*cited_line(c["cite"]), ""]
    return out[:-1]


def _measures(data: dict, story: Story) -> list[str]:
    out = []
    for m in data["measures"]:
        value = (_("yes") if m["value"] else _("no")) if isinstance(m["value"], bool) else str(m["value"])
        line = _("At the end, {label}: {value}").format(label=m["label"], value=value)
        out.append(sentences(line, m.get("describe", "")))
    return out


def _cards(data: dict, story: Story) -> list[str]:
    found = _("Fact cards found: {found} of {total}").format(found=len(data["facts_found"]), total=data["facts_total"])
    out = [full_stop(found)]
    cards = list(data.get("facts", {}).values())
    for n, card in enumerate(cards, 1):
        out += ["", counted(_("Fact card"), n, len(cards), f"{card['title']} ({card['date']})"), plain(card["text"])]
        if "disputed" in card:
            d = card["disputed"]
            then = _("What was believed then: {then}").format(then=plain(d["then"]))
            now = _("The modern estimate: {now}").format(now=plain(d["now"]))
            out.append(sentences(_("Disputed."), then, now, cited(d["cite"])))
        out += cited_line(card["cite"])
    return out


def _timeline(data: dict, story: Story) -> list[str]:
    lived = data.get("timeline") or []
    out = []
    for n, event in enumerate(lived, 1):
        also = _("Also lived by {roles}").format(roles=_and(event["also"])) if event["also"] else ""
        out.append(
            counted(_("The timeline you lived"), n, len(lived), sentences(f"{event['when']}, {event['title']}", also))
        )
    return out


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else _("{names} and {last}").format(names=", ".join(names[:-1]), last=names[-1])


def _after(data: dict, story: Story) -> list[str]:
    events, ids = data.get("events", {}), data["long_epilogue"]
    out = []
    for n, e in enumerate(ids, 1):
        ev = events[e]
        when = event_when(story.timeline[e]) if e in story.timeline else ev["when"]
        text = sentences(f"{when}, {ev['title']}", plain(ev["text"]), cited(ev["cite"]))
        out += [counted(_("After 1956"), n, len(ids), text), ""]
    return out[:-1]


def _ticket(data: dict, story: Story) -> list[str]:
    t = data.get("ticket")
    if not t:
        return []
    out = [full_stop(_("Exit ticket: {score} of {total} right").format(score=t["score"], total=t["out_of"]))]
    responses = t["responses"]
    for n, r in enumerate(responses, 1):
        verdict = "" if r["correct"] is None else _("Right.") if r["correct"] else _("Not quite.")
        answer = _("Your answer: {answer}").format(answer=_given(r))
        out.append(counted(_("Question"), n, len(responses), sentences(r["question"]["prompt"], answer, verdict)))
    return out


def _given(response: dict) -> str:
    """An exit-ticket answer in words: the options picked in order, or the sentence written."""
    given, options = response["given"], response["question"]["options"]
    if isinstance(given, str):
        return f"“{given}”"
    return _(", then ").join(options[i] for i in given if 0 <= i < len(options))


def _questions(data: dict, story: Story) -> list[str]:
    items = data["questions"]
    return [counted(_("Question for discussion"), n, len(items), q) for n, q in enumerate(items, 1)]


def _sources(data: dict, story: Story) -> list[str]:
    """Each source by the short title the game cites it by, then its full entry (URL left whole)."""
    entries = list(data.get("bibliography", {}).items())
    out = []
    for n, (key, entry) in enumerate(entries, 1):
        short, full = (entry.get("short", key), entry.get("reference", "")) if isinstance(entry, dict) else (key, entry)
        out.append(counted(_("Source"), n, len(entries), f"{full_stop(str(short))} {full}".strip()))
    return out


__all__ = ["cited", "cited_line", "counted", "plain", "summary_paragraphs"]
