"""The debrief: the class report built from a fixture class, the exit ticket (questions, scoring,
GIFT), and the short version of each shipped role."""

from __future__ import annotations

import csv
import io
import json
import random
import re
import statistics

import html5lib
import pytest

from game.classroom.report import build, read_summaries
from game.classroom.report_render import CSV_COLUMNS, ticket_csv, to_csv, to_html, to_markdown
from game.story import engine, markup
from game.story.export import export_summary
from game.story.gift import to_gift
from game.story.loader import load_story
from game.story.summary import summarize
from game.story.ticket import Ticket, parse_answer, questions_for, respond
from game.tools.playtest import Coverage, random_run
from tests.conftest import SCENES, shown


@pytest.fixture(scope="module")
def shipped():
    return load_story(SCENES)


def right_answers(questions) -> list:
    """Every scored question answered right, the free-text one with a sentence."""
    return [respond(q, q.answer if q.scored else "Because everyone else did.") for q in questions]


@pytest.fixture(scope="module")
def fixture_class(shipped, tmp_path_factory):
    """Six students of the shipped story, two per role, with tickets; and one who left no ticket."""
    folder = tmp_path_factory.mktemp("saves") / "7b"
    for n, (role, seed) in enumerate([(r, s) for r in shipped.roles for s in (3, 11)]):
        state = random_run(shipped, role, seed, Coverage(), 500)
        summary = summarize(shipped, state, player=f"Student <{n}>", class_name="7b")
        summary.student, summary.playthrough, summary.play_seconds = f"Student-{1000 + n}", 1, 900.0 + 60 * n
        summary.cards_opened = list(state.facts[:2])
        questions = questions_for(shipped, state)
        responses = right_answers(questions)
        if n == 1:  # one wrong answer, so the scores differ
            responses[0] = respond(questions[0], list(reversed(questions[0].answer)))
        summary.ticket = Ticket(responses)
        export_summary(summary, shipped, folder, ("json",))
    state = random_run(shipped, "radio", 5, Coverage(), 500)
    late = summarize(shipped, state, player="Late", class_name="7b")
    late.student, late.playthrough = "Late-2000", 2
    export_summary(late, shipped, folder, ("json",))
    return folder


def test_report_starts_with_the_most_split_decisions(fixture_class):
    report = build(read_summaries(fixture_class), "7b")
    assert report.players == 7 and len(report.starters) == 3
    splits = sorted((d.split for d in report.decisions), reverse=True)
    assert min(round(d.split, 1) for d in report.starters) >= round(splits[3], 1)  # none less divided than a fourth
    for d in report.starters:
        assert d.history_line and d.question and d.total == sum(b.count for b in d.bars)
        assert all(c.anchor for c in d.cite)  # every citation links to its bibliography entry
    page = to_html(report)
    assert page.index("Where to start the discussion") < page.index("<table")  # the first screen


def test_report_table_crossings_and_bibliography(fixture_class):
    report = build(read_summaries(fixture_class), "7b")
    rows = {s.name: s for s in report.students}
    first = rows["Student <0> (#1000)"]
    assert first.minutes == 15.0 and first.cards_opened == 2 and first.score == first.out_of == 3
    assert rows["Student <1> (#1001)"].score == 2
    assert rows["Late (#2000)"].score is None and rows["Late (#2000)"].label == "2nd playthrough"
    assert report.crossings, "students of three roles share moments"
    for moment in report.crossings:
        assert len(moment.by_role) >= 2 and moment.title
    keys = {c.key for c, _ref in report.bibliography}
    cited = {c.key for d in report.decisions for c in d.cite}
    assert cited <= keys
    page = to_html(report)
    for c, _ref in report.bibliography:
        assert f'id="{c.anchor}"' in page
        assert f'href="#{c.anchor}"' in page or c.key not in cited
    assert "Student &lt;0&gt;" in page and "Student <0>" not in page  # names are escaped
    md = to_markdown(report)
    assert "## Students" in md and "| Student <0> (#1000) (1st playthrough) | The Budapest resident |" in md


def test_report_html_is_valid_and_self_contained(fixture_class):
    page = to_html(build(read_summaries(fixture_class), "7b"))
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    tree = parser.parse(page)  # strict: any parse error raises
    assert tree.find(".//details/summary") is not None and "@media print" in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)  # no request leaves the page
    ids = [el.get("id") for el in tree.iter() if el.get("id")]
    assert len(ids) == len(set(ids))
    for link in tree.iter("a"):
        assert link.get("href")[1:] in ids


def test_report_csv_one_row_per_playthrough_with_key_decisions(fixture_class):
    report = build(read_summaries(fixture_class), "7b")
    rows = list(csv.reader(io.StringIO(to_csv(report))))
    header, body = rows[0], rows[1:]
    assert tuple(header[: len(CSV_COLUMNS)]) == CSV_COLUMNS and len(body) == 7
    decision_headers = header[len(CSV_COLUMNS) :]
    assert decision_headers and all(": " in h for h in decision_headers)
    for row in body:
        student = next(s for s in report.students if s.name == row[0])
        chosen = [v for v in row[len(CSV_COLUMNS) :] if v]
        assert len(chosen) == student.decisions
    tickets = list(csv.DictReader(io.StringIO(ticket_csv(report))))
    assert len(tickets) == sum(len(s.answers) for s in report.students) == 6 * 4
    assert {t["correct"] for t in tickets} == {"0", "1", ""}


def test_report_command_writes_every_file(fixture_class, tmp_path):
    import subprocess
    import sys

    from tests.test_classroom import ROOT

    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "game", "report", str(fixture_class), "--out", str(out)],
                            capture_output=True, text=True, cwd=ROOT, timeout=60)  # fmt: skip
    assert result.returncode == 0, result.stderr
    names = {p.name for p in out.iterdir()}
    assert names == {"report.html", "report.md", "report.csv", "exit-ticket.csv", "exit-ticket.gift"}


# -- the exit ticket ---------------------------------------------------------------------------

GIFT_QUESTION = re.compile(
    r"^::(?P<title>(?:[^:\\]|\\.)+)::(?:\[(?:plain|html|moodle|markdown)\])?(?P<text>(?:[^{}\\]|\\.)+)\{(?P<answers>(?:[^{}\\]|\\.)*)\}$"
)
_UNESCAPED = re.compile(r"(?<!\\)[~=#{}:]")


def check_gift(text: str) -> list[dict]:
    """A strict check of the GIFT subset we write: every question parsed, every special character escaped."""
    blocks = [b for b in text.strip().split("\n\n") if b]
    parsed = []
    for block in blocks:
        assert "\n" not in block, f"one line per question: {block!r}"
        if block.startswith("$CATEGORY: "):
            continue
        m = GIFT_QUESTION.match(block)
        assert m, f"not a GIFT question: {block!r}"
        assert not _UNESCAPED.search(m["text"]), f"unescaped special character in {m['text']!r}"
        body, _, general = m["answers"].partition("####")
        assert not _UNESCAPED.search(general)
        body = body.strip()
        if not body:
            parsed.append({"kind": "essay"})
            continue
        parts = re.split(r"(?<!\\)(?=[=~])", body)
        parts = [p.strip() for p in parts if p.strip()]
        if all(" -> " in p for p in parts):
            assert len(parts) >= 3 and all(p.startswith("=") for p in parts), "matching needs three = pairs"
            parsed.append({"kind": "matching", "pairs": [p[1:].split(" -> ") for p in parts]})
            continue
        rights = [p for p in parts if p.startswith("=")]
        assert len(rights) == 1 and len(parts) >= 2, f"one right answer and a wrong one: {body!r}"
        for p in parts:
            assert not _UNESCAPED.search(p[1:]), f"unescaped special character in answer {p!r}"
        parsed.append({"kind": "choice", "options": len(parts)})
    return parsed


@pytest.mark.parametrize("role", ["resident", "journalist", "radio"])
def test_exit_ticket_for_each_shipped_role(shipped, role):
    for seed in (1, 2, 3):
        state = random_run(shipped, role, seed, Coverage(), 500)
        questions = questions_for(shipped, state)
        assert 3 <= len(questions) <= 5
        assert [q.id.split(":")[0] for q in questions] == ["order", "disputed", "source", "why"]
        order, disputed, source, why = questions
        lived = {e for s in state.visits for e in shipped.scenes[s].events}
        titles = {shipped.timeline[e].title: shipped.timeline[e] for e in lived}
        events = [titles[o] for o in order.options]
        assert [events[i].when for i in order.answer] == sorted(e.when for e in events)
        card = shipped.facts[disputed.id.split(":")[1]]
        assert card.id in state.facts and disputed.options[disputed.answer[0]].startswith(card.disputed.then[:20])
        ending = shipped.scenes[state.ending].ending
        assert source.options[source.answer[0]] == shipped.sources[ending.cite[0].source].short_title()
        assert why.kind == "text" and any(step.text in why.prompt for step in state.path)
        assert Ticket(right_answers(questions)).score == 3
        gift = to_gift([(f"{role} {q.id}", q) for q in questions])
        kinds = [p["kind"] for p in check_gift(gift)]
        assert kinds == ["matching", "choice", "choice", "essay"]


def test_exit_ticket_of_the_fixture_story_with_an_authors_question(mini):
    state = engine.new_game(mini, "courier", 0)
    for pick in (1, 2):  # walk, turn back bravely
        state = engine.choose(mini, state, pick)
    questions = questions_for(mini, state)
    assert [q.id for q in questions] == ["order", "disputed:card-bridge", "source", "author:1", "why:courier.start"]
    authored = questions[3]
    assert authored.options == ["A letter", "A parcel", "Nothing"] and authored.answer == [0]
    assert parse_answer(questions[0], "3 1 2") == [2, 0, 1] == parse_answer(questions[0], "312")
    for bad in ("1 1 2", "4 1 2", ""):
        with pytest.raises(ValueError):
            parse_answer(questions[0], bad)
    with pytest.raises(ValueError):
        parse_answer(questions[1], "3")
    with pytest.raises(ValueError):
        parse_answer(questions[4], "   ")
    ticket = Ticket(
        [respond(q, parse_answer(q, a)) for q, a in zip(questions, ["1 2 3", "1", "1", "1", "Dark."], strict=True)]
    )
    assert ticket.out_of == 4 and ticket.score == sum(1 for r in ticket.responses if r.correct)
    assert check_gift(to_gift([("mini", q) for q in questions], "Budapest 1956/7b"))


def test_gift_escapes_what_authors_and_students_type():
    from game.story.ticket import Question

    q = Question("author:1", "choice", "Which {one}: a=b or ~c #d?", ["x: y", "=z"], [1], "Because {so}.")
    (parsed,) = check_gift(to_gift([("T::1", q)]))
    assert parsed == {"kind": "choice", "options": 2}


def test_exit_questions_in_yaml_are_checked(story_dir):
    from game.story.loader import load_story_with_problems

    root = story_dir(
        {
            "s.yaml": """
            roles:
              - {id: r, name: R, portrait: p, start: r.a, exit_questions: [{ask: Q?, options: [a, b], answer: 3}, {ask: Q2, after: r.nope}]}
            scenes:
              - {id: r.a, role: r, text: t, ending: {title: E, epilogue: e, cite: [s1]}}
            sources:
              - {id: s1, author: A, title: T, year: 2000}
            """
        }
    )
    _story, problems = load_story_with_problems(root)
    messages = " | ".join(p.message for p in problems)
    assert "answer 3 is not the number of one of the 2 options" in messages and "unknown scene 'r.nope'" in messages


# -- the short version -------------------------------------------------------------------------

SHORT_TARGET_MINUTES = 12
WORDS_PER_MINUTE = 150


def reading_minutes(story, role: str, seed: int, short: bool) -> float:
    """One random playthrough read at 150 words a minute, measured as the playtester measures it
    (game.tools.reading: every screen's passages, choices and what the last choice led to; fact
    cards and the summary not counted), so the guide's table and this test agree."""
    from game.tools.reading import screen_words

    chooser = random.Random(seed)
    state = engine.new_game(story, role, seed, short=short)
    words = screen_words(story, state, engine.choices(story, state))
    while state.ending is None:
        views = [v for v in engine.choices(story, state) if v.enabled]
        state = engine.choose(story, state, views[chooser.randrange(len(views))].index)
        words += screen_words(story, state, engine.choices(story, state))
    assert state.short is short
    return words / WORDS_PER_MINUTE


@pytest.mark.parametrize("role", ["resident", "journalist", "radio"])
def test_short_version_of_each_role_fits_a_lesson(shipped, role):
    short = [reading_minutes(shipped, role, seed, True) for seed in range(1, 201)]
    full = [reading_minutes(shipped, role, seed, False) for seed in range(1, 51)]
    p90 = statistics.quantiles(short, n=10)[-1]
    assert p90 <= SHORT_TARGET_MINUTES, f"{role}: short version p90 {p90:.1f} min"
    assert statistics.median(short) < statistics.median(full) * 0.65


def test_short_goto_skips_scenes_and_is_checked(story_dir):
    from game.story.loader import load_story_with_problems

    root = story_dir(
        {
            "s.yaml": """
            roles:
              - {id: r, name: R, portrait: p, start: r.a}
            scenes:
              - {id: r.a, role: r, text: t, choices: [{text: go, goto: r.b}]}
              - {id: r.b, role: r, text: long, short_goto: r.c, choices: [{text: on, goto: r.c}]}
              - {id: r.c, role: r, text: t, ending: {title: E, epilogue: e, cite: [s1]}}
            sources:
              - {id: s1, author: A, title: T, year: 2000}
            """
        }
    )
    story = load_story(root)
    assert engine.choose(story, engine.new_game(story, "r", 1, short=True), 0).scene == "r.c"
    assert engine.choose(story, engine.new_game(story, "r", 1), 0).scene == "r.b"
    text = (root / "s.yaml").read_text().replace("text: t, ending", "text: t, short_goto: r.b, ending")
    (root / "s.yaml").write_text(text)
    _story, problems = load_story_with_problems(root)
    assert any(p.code == "E051" and "circle" in p.message for p in problems)


def test_short_flag_survives_a_save(mini, tmp_path):
    from game.story.saves import SaveStore
    from game.story.session import Session

    session = Session(mini, SaveStore(tmp_path), short=True)
    session.start("courier", 1)
    again = SaveStore(tmp_path).load(session.autosave_slot(), mini)
    assert (
        again.state.short and json.loads(session.store.path_for(session.autosave_slot()).read_text())["state"]["short"]
    )


def test_plain_class_session_short_version_asks_the_exit_ticket(tmp_path):
    import subprocess
    import sys

    from tests.conftest import MINI, ROOT

    cmd = [sys.executable, "-m", "game", "play", "--plain", "--story", str(MINI), "--saves-dir", str(tmp_path)]
    cmd += ["--class", "7b", "--role", "courier", "--seed", "0", "--short"]
    answers = "Kati\n2\n3\n" + "9 9 9\n1 2 3\n" + "1\n1\n1\n" + "\nBecause it was dark\n\n"
    out = subprocess.run(cmd, input=answers, capture_output=True, text=True, timeout=60, cwd=ROOT).stdout
    assert "EXIT TICKET: 5 questions" in out and "Type each number from 1 to 3 once" in out
    assert "Write one sentence" in out and "Exit ticket: " in out
    (summary,) = (tmp_path / "7b").glob("*.json")
    doc = json.loads(summary.read_text())
    assert doc["short"] is True and doc["ticket"]["out_of"] == 4 and len(doc["ticket"]["responses"]) == 5
    assert doc["ticket"]["responses"][-1]["given"] == "Because it was dark"


def _read_along(story, role: str, seed: int, short: bool) -> str:
    """Everything one random playthrough shows, scene by scene, as one text."""
    chooser = random.Random(seed)
    state = engine.new_game(story, role, seed, short=short)
    read = [shown(story, state)]
    while state.ending is None:
        views = [v for v in engine.choices(story, state) if v.enabled]
        state = engine.choose(story, state, views[chooser.randrange(len(views))].index)
        read.append(shown(story, state))
    terms = {g.id: g.term for g in story.glossary.values()}
    return markup.plain(" ".join(read), terms)


@pytest.mark.parametrize("role", ["resident", "journalist", "radio"])
def test_short_version_still_tells_kossuth_square_once(shipped, role):
    """The short version passes over the 25 October scenes; a passage guarded by `not visited`
    tells the shooting instead, and the full version, which shows those scenes, never repeats it."""
    for seed in range(1, 6):
        short = _read_along(shipped, role, seed, short=True)
        assert "25 October" in short and "88 dead" in short and re.search("Kossuth (Square|tér)", short), (role, seed)
        full = _read_along(shipped, role, seed, short=False)
        assert re.search("Kossuth (Square|tér)", full) and full.count("88 dead") <= 1, (role, seed)
        assert full.count("The official count will be 88") + full.count("Officially 88 dead") == 0, (role, seed)
