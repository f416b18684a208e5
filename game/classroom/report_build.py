"""Build the class report's data structure (``report_data``) from the students' summaries.

Summaries carry every text they refer to, so no story is needed. Nothing here formats output:
it counts, ranks (the most divided decisions first) and links each citation to its
bibliography entry.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from game.classroom.report_data import (
    Answer,
    Bar,
    Cite,
    ClassReport,
    Crossing,
    Decision,
    Ending,
    Student,
    Vote,
)
from game.l10n import N_, _
from game.story import markup
from game.story.ticket import first_sentence

STARTERS = 3  # decisions shown at the top, "where to start the discussion"


# English ordinals differ by ending; each is one catalogue entry, so a language with one form
# (Hungarian: "2. játék") translates them all alike.
_PLAYTHROUGH = {1: N_("{n}st playthrough"), 2: N_("{n}nd playthrough"), 3: N_("{n}rd playthrough")}


def ordinal(n: int) -> str:
    """A student's n-th playthrough, as the report labels it: "2nd playthrough"."""
    if n <= 0:
        return ""
    pattern = N_("{n}th playthrough") if 10 <= n % 100 <= 20 else _PLAYTHROUGH.get(n % 10, N_("{n}th playthrough"))
    return _(pattern).format(n=n)


def _int(value: object, default: int = 0) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def _anchor(key: str) -> str:
    return "src-" + re.sub(r"[^A-Za-z0-9_-]+", "-", key)


class _Sources:
    """Every source the summaries name: full entries and short titles, first found wins."""

    def __init__(self, summaries: list[dict]):
        self.entries: dict[str, str] = {}
        self.titles: dict[str, str] = {}
        for s in summaries:
            for key, ref in (s.get("bibliography") or {}).items():
                if isinstance(ref, dict):  # {short, reference}: summaries that show sources by short title
                    self.entries.setdefault(str(key), str(ref.get("reference", "")))
                    self.titles.setdefault(str(key), str(ref.get("short", key)))
                else:
                    self.entries.setdefault(str(key), str(ref))
            for key, title in (s.get("source_titles") or {}).items():
                self.titles.setdefault(str(key), str(title))
        # longest first, so "Litván 1996" is not taken for "Litván 1996, 2nd ed."
        self._by_title = sorted(((t, k) for k, t in self.titles.items()), key=lambda tk: -len(tk[0]))

    def label(self, key: str) -> str:
        if key in self.titles:
            return self.titles[key]
        ref = self.entries.get(key, "")
        head = ref.split(").", 1)[0] + ")" if ")." in ref else ""
        return head or key

    def cite(self, text: str) -> Cite:
        """A citation as written in a summary: "Short title, locator" (or "key locator" in older ones)."""
        text = str(text).strip()
        for title, key in self._by_title:
            if text == title or text.startswith(title + ","):
                return Cite(key, title, text[len(title) :].lstrip(", ").strip(), _anchor(key))
        key, _, locator = text.partition(" ")
        if key in self.entries or key in self.titles:
            return Cite(key, self.label(key), locator.strip(), _anchor(key) if key in self.entries else "")
        return Cite(text, text, "", "")

    def cites(self, texts: object) -> list[Cite]:
        return [self.cite(t) for t in texts] if isinstance(texts, list) else []

    def bibliography(self) -> list[tuple[Cite, str]]:
        items = [(Cite(k, self.label(k), "", _anchor(k)), ref) for k, ref in self.entries.items()]
        return sorted(items, key=lambda item: item[0].label.casefold())


def _student(s: dict) -> Student:
    name = str(s.get("player") or "anonymous")
    student_id = str(s.get("student") or "")
    code = student_id.rsplit("-", 1)[-1] if "-" in student_id else ""
    playthrough = _int(s.get("playthrough"))
    seconds = s.get("play_seconds")
    minutes = round(seconds / 60, 1) if isinstance(seconds, int | float) and not isinstance(seconds, bool) else None
    opened = s.get("cards_opened")
    ticket = s.get("ticket") if isinstance(s.get("ticket"), dict) else None
    responses = [r for r in (ticket or {}).get("responses", []) if isinstance(r, dict)]
    return Student(
        name=f"{name} (#{code})" if code else name,
        student_id=student_id,
        role=str(s["role"]),
        role_name=str(s["role_name"]),
        playthrough=playthrough,
        label=ordinal(playthrough),
        ending=str(s["ending_title"]),
        minutes=minutes,
        choices=len(s["path"]),
        decisions=len(s["comparisons"]),
        rewinds=_int(s.get("rewinds")),
        cards_opened=len(opened) if isinstance(opened, list) else None,
        cards_found=len(s["facts_found"]),
        cards_total=_int(s["facts_total"]),
        score=_int(ticket.get("score")) if ticket else None,
        out_of=_int(ticket.get("out_of")) if ticket else 0,
        short=s.get("short") is True,
        group=s.get("group") is True,
        key_choices={(str(s["role"]), str(c["label"])): str(c["chosen"]) for c in s["comparisons"]},
        answers=[_answer(r) for r in responses],
        raw_ticket=responses,
    )


def _answer(r: dict) -> Answer:
    q = r.get("question") if isinstance(r.get("question"), dict) else {}
    options = [str(o) for o in q.get("options", [])] if isinstance(q.get("options"), list) else []
    given, right = r.get("given"), q.get("answer", [])

    def show(positions: object) -> str:
        if isinstance(positions, str):
            return positions
        if not isinstance(positions, list):
            return ""
        return " → ".join(options[p] for p in positions if isinstance(p, int) and 0 <= p < len(options))

    correct = r.get("correct")
    return Answer(str(q.get("prompt", "")), str(q.get("kind", "")), show(given), show(right),
                  correct if isinstance(correct, bool) else None, str(q.get("id", "")))  # fmt: skip


def build_report(summaries: list[dict], class_name: str, skipped: list[tuple[str, str]]) -> ClassReport:
    """Count, rank and link everything the report shows; ``summaries`` are validated documents."""
    src = _Sources(summaries)
    pairs = [(s, _student(s)) for s in summaries]
    students = sorted((st for _s, st in pairs), key=lambda st: (_natural(st.name), st.playthrough))
    role_names = {st.role: st.role_name for st in students}
    roles = Counter(st.role for st in students)
    total = len(students)

    endings: dict[str, Counter] = defaultdict(Counter)
    epilogue: dict[tuple[str, str], tuple[str, list]] = {}
    chosen: dict[tuple[str, str], Counter] = defaultdict(Counter)
    history: dict[tuple[str, str], dict] = {}
    moments: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    event_text: dict[str, dict] = {}
    facts: Counter = Counter()
    shares: list[float] = []
    questions: Counter = Counter()
    role_questions: dict[str, Counter] = defaultdict(Counter)
    votes: list[Vote] = []
    reasons: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for s, st in pairs:
        role = st.role
        endings[role][st.ending] += 1
        epilogue[(role, st.ending)] = (str(s.get("epilogue", "")), s.get("epilogue_cite", []))
        for c in s["comparisons"]:
            chosen[(role, c["label"])][c["chosen"]] += 1
            history[(role, c["label"])] = c
        for eid, ev in (s.get("events") or {}).items():
            event_text.setdefault(eid, ev)
        crossing = set(s.get("crossing_events") or [])
        for step in s["path"]:
            for event in step.get("events") or []:
                if event in crossing:
                    moments[event][role][str(step["choice"])] += 1
            if step.get("votes"):
                split = list(zip(step.get("options") or [], step["votes"], strict=False))
                hands = sum(v for _o, v in split)
                votes.append(Vote(st.name, str(step.get("clock", "")), str(step.get("scene_title") or step["scene"]),
                                  str(step["choice"]), [Bar(o, v, hands) for o, v in split]))  # fmt: skip
        cards = s.get("facts") or {}
        for fid in s["facts_found"]:
            facts[(cards.get(fid) or {}).get("title", fid)] += 1
        if st.cards_total:
            shares.append(st.cards_found / st.cards_total)
        for q in s["questions"]:
            questions[q] += 1
            role_questions[role][q] += 1
        for a in st.answers:
            if a.qid.startswith("why:") and a.given:
                step_choice = next((p["choice"] for p in s["path"] if p["scene"] == a.qid[4:]), "")
                reasons[a.qid[4:]].append((st.name, str(step_choice), a.given))

    decisions = []
    for (role, label), counter in chosen.items():
        c = history[(role, label)]
        scene = str(c.get("scene", ""))
        decisions.append(
            Decision(
                role,
                role_names[role],
                label,
                scene,
                [Bar(k, n, sum(counter.values())) for k, n in counter.most_common()],
                str(c["history"]),
                first_sentence(markup.plain(str(c["history"])), 400),
                src.cites(c["cite"]),
                str(c.get("question") or ""),
                reasons.get(scene, []),
            )  # fmt: skip
        )
    starters = _starters(decisions)
    _give_questions(starters, role_questions, questions)

    crossings = []
    for event, by_role in moments.items():
        if len(by_role) < 2:
            continue
        ev = event_text.get(event, {})
        crossings.append(
            Crossing(
                event,
                str(ev.get("when", "")),
                str(ev.get("title", event)),
                str(ev.get("text", "")),
                src.cites(ev.get("cite", [])),
                [
                    (role_names[r], [Bar(k, n, sum(cnt.values())) for k, n in cnt.most_common()])
                    for r, cnt in sorted(by_role.items(), key=lambda item: role_names[item[0]])
                ],
            )  # fmt: skip
        )
    crossings.sort(key=lambda c: (c.when, c.title))

    ending_rows = []
    for role, counter in endings.items():
        n = sum(counter.values())
        rows = [Ending(t, Bar(t, k, n), epilogue[(role, t)][0], src.cites(epilogue[(role, t)][1]))
                for t, k in counter.most_common()]  # fmt: skip
        ending_rows.append((role_names[role], rows))

    columns = [(role, label, f"{role_names[role]}: {label}") for role, label in chosen]
    return ClassReport(
        class_name=class_name,
        students=students,
        roles=[Bar(role_names[r], n, total) for r, n in roles.most_common()],
        endings=ending_rows,
        starters=starters,
        decisions=decisions,
        crossings=crossings,
        votes=votes,
        facts=[Bar(t, n, total) for t, n in facts.most_common()],
        fact_share=sum(shares) / len(shares) if shares else None,
        questions=[q for q, _n in questions.most_common()],
        bibliography=src.bibliography(),
        skipped=skipped,
        decision_columns=columns,
    )


def _natural(name: str) -> list:
    """Sort "Student 2" before "Student 10"."""
    return [(0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", name.casefold())]


def _starters(decisions: list[Decision]) -> list[Decision]:
    """The most divided decisions; among equally divided ones, roles not yet shown come first."""
    left = sorted(decisions, key=lambda d: (-d.split, -d.total, d.role, d.label))
    shown: Counter = Counter()
    picked: list[Decision] = []
    while left and len(picked) < STARTERS:
        best = min(left, key=lambda d: (-round(d.split, 1), shown[d.role], -d.total))
        picked.append(best)
        shown[best.role] += 1
        left.remove(best)
    return picked


def _give_questions(starters: list[Decision], by_role: dict[str, Counter], everyone: Counter) -> None:
    """A starter's question: the author's own for that decision, else the role's most asked one not yet used."""
    used = {d.question for d in starters if d.question}
    for d in starters:
        if d.question:
            continue
        for q, _n in [*by_role[d.role].most_common(), *everyone.most_common()]:
            if q not in used:
                d.question = q
                used.add(q)
                break
