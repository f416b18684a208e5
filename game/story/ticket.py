"""The exit ticket: three to five questions built from the student's own path, then scored.

Asked in a class session after the ending and before the summary. Every question comes from
story data, so a new story gets an exit ticket without code:

- *order*: three timeline events of scenes the student visited, to put in order;
- *disputed*: a fact card with a ``disputed:`` figure the student found: which is the figure of
  the time, which is today's estimate;
- *source*: which source the game cites for a claim in the student's own epilogue;
- the author's own ``exit_questions:`` (story-wide or per role, optionally only ``after`` a scene);
- *why*: one sentence, free text, on why they chose as they did at their first key decision.

Pure: no input, no output. The front ends ask; :func:`parse_answer` reads what was typed and
:func:`respond` scores it, the same in the Textual app and plain mode.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import datetime

from game.l10n import N_, _, format_day
from game.story import markup
from game.story.model import ExitQuestion, Source, Story
from game.story.sentences import full_stop
from game.story.state import GameState

MAX_QUESTIONS = 5
ANSWER_LIMIT = 500  # characters of a free-text answer
ORDINALS = (N_("1st"), N_("2nd"), N_("3rd"), N_("4th"), N_("5th"))  # places in an order question


def ordinal(n: int) -> str:
    """The (n+1)th place of an order question in the interface language: "2nd", „2.”."""
    return _(ORDINALS[n])


@dataclass
class Question:
    """One question. ``answer`` holds option positions: the right order, or the one right option."""

    id: str
    kind: str  # "order", "choice" or "text"
    prompt: str
    options: list[str] = field(default_factory=list)
    answer: list[int] = field(default_factory=list)
    explain: str = ""  # shown after answering: the right answer, and where it comes from
    cite: list[str] = field(default_factory=list)

    @property
    def scored(self) -> bool:
        return self.kind != "text"


@dataclass
class Response:
    question: Question
    given: list[int] | str
    correct: bool | None  # None: free text, not scored


@dataclass
class Ticket:
    """A finished exit ticket, as it goes into the summary JSON."""

    responses: list[Response] = field(default_factory=list)

    @property
    def score(self) -> int:
        return sum(1 for r in self.responses if r.correct)

    @property
    def out_of(self) -> int:
        return sum(1 for r in self.responses if r.question.scored)


def source_label(source: Source) -> str:
    """A source as a student recognises it: its short title (the author's, or author, title, year)."""
    return source.short_title()


def questions_for(story: Story, state: GameState) -> list[Question]:
    """The exit ticket for this finished (or abandoned) path: at most five questions."""
    rng = random.Random(f"ticket-{state.seed}-{state.role}")
    terms = {g.id: g.term for g in story.glossary.values()}
    scored = [q for q in (_order(story, state, rng), _disputed(story, state, rng, terms), _source(story, state, rng))]
    found = [q for q in scored if q is not None]
    why = _why(story, state)
    room = MAX_QUESTIONS - len(found) - (1 if why else 0)
    found += _authored(story, state)[: max(room, 0)]
    if why:
        found.append(why)
    return found


def _lived_events(story: Story, state: GameState) -> list[str]:
    seen: list[str] = []
    for scene_id in state.visits:
        scene = story.scenes.get(scene_id)
        for event in scene.events if scene else []:
            if event in story.timeline and event not in seen:
                seen.append(event)
    return seen


def _order(story: Story, state: GameState, rng: random.Random) -> Question | None:
    events = [story.timeline[e] for e in _lived_events(story, state)]
    by_time: dict[tuple[str, str], object] = {}
    for event in events:
        by_time.setdefault((event.date, event.time), event)  # two events at one moment cannot be ordered
    if len(by_time) < 3:
        return None
    picked = sorted(rng.sample(sorted(by_time), 3))
    chosen = [by_time[k] for k in picked]  # earliest first
    shown = list(range(3))
    while shown == [0, 1, 2]:
        rng.shuffle(shown)
    options = [chosen[i].title for i in shown]
    answer = [shown.index(i) for i in range(3)]
    explain = _("The order: {events}").format(
        events="; ".join(f"{_date(e.date)}{' ' + e.time if e.time else ''}, {e.title}" for e in chosen)
    )
    cite = [str(c) for e in chosen for c in e.cite]
    return Question("order", "order", _("Put these three events you lived through in order, earliest first."),
                    options, answer, explain, _unique(cite))  # fmt: skip


def _date(text: str) -> str:
    """1956-10-23 → 23 October 1956 (a date as a student reads it)."""
    try:
        day = datetime.strptime(text, "%Y-%m-%d")
    except ValueError:
        return text
    return format_day(day) or f"{day.day} {day:%B %Y}"


def _disputed(story: Story, state: GameState, rng: random.Random, terms: dict[str, str]) -> Question | None:
    cards = [story.facts[f] for f in state.facts if f in story.facts and story.facts[f].disputed]
    if not cards:
        return None
    card = cards[rng.randrange(len(cards))]
    assert card.disputed is not None
    then = markup.plain(card.disputed.then, terms).strip()
    now = markup.plain(card.disputed.now, terms).strip()
    options, right = ([then, now], 0) if rng.random() < 0.5 else ([now, then], 1)
    prompt = _(
        "Fact card “{title}”: one of these was believed at the time, the other is today's estimate. "
        "Which one was believed at the time?"
    ).format(title=card.title)
    explain = _("At the time: {then} Today: {now}").format(then=then, now=now)
    return Question(f"disputed:{card.id}", "choice", prompt, options, [right], explain,
                    _unique([str(c) for c in card.disputed.cite]))  # fmt: skip


def first_sentence(text: str, limit: int = 220) -> str:
    """The first sentence of a text, cut at ``limit`` characters."""
    flat = " ".join(text.split())
    match = re.match(r"(.+?[.!?])(\s|$)", flat)
    sentence = match.group(1) if match else flat
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"


def _source(story: Story, state: GameState, rng: random.Random) -> Question | None:
    scene = story.scenes.get(state.ending or "")
    ending = scene.ending if scene else None
    if ending is None or not ending.epilogue:
        return None
    cited = [c.source for c in ending.cite if c.source in story.sources]
    others = sorted(s for s in story.sources if s not in cited)
    if not cited or not others:
        return None
    right = story.sources[cited[0]]
    wrong = [story.sources[s] for s in rng.sample(others, min(2, len(others)))]
    choices = [right, *wrong]
    rng.shuffle(choices)
    terms = {g.id: g.term for g in story.glossary.values()}
    claim = first_sentence(markup.plain(ending.epilogue, terms))
    prompt = _("Your ending says: “{claim}” Which of these sources does the game cite for it?").format(claim=claim)
    explain = full_stop(
        _("The game cites: {sources}").format(sources="; ".join(source_label(story.sources[s]) for s in cited))
    )
    return Question("source", "choice", prompt, [source_label(s) for s in choices],
                    [choices.index(right)], explain, [str(c) for c in ending.cite])  # fmt: skip


def _authored(story: Story, state: GameState) -> list[Question]:
    role = story.roles.get(state.role)
    asked = [*story.meta.exit_questions, *(role.exit_questions if role else [])]
    return [_from_author(q, n) for n, q in enumerate(asked, 1) if not q.after or q.after in state.visits]


def _from_author(q: ExitQuestion, n: int) -> Question:
    cites = [str(c) for c in q.cite]
    if q.answer is None:
        return Question(f"author:{n}", "text", q.ask, cite=cites)
    explain = full_stop(_("The answer: {answer}").format(answer=q.options[q.answer]))
    return Question(f"author:{n}", "choice", q.ask, list(q.options), [q.answer], explain, cites)


def _why(story: Story, state: GameState) -> Question | None:
    for step in state.path:
        scene = story.scenes.get(step.scene)
        if scene is not None and scene.decision is not None:
            prompt = _("{label} You chose: “{choice}”. In one sentence: why did you choose this?").format(
                label=scene.decision.label, choice=step.text
            )
            return Question(f"why:{scene.id}", "text", prompt, cite=[str(c) for c in scene.decision.cite])
    return None


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


# -- answering --------------------------------------------------------------------------------


def hint(question: Question) -> str:
    """How to type an answer, for plain mode and the screen's input box."""
    if question.kind == "order":
        return _("Type the three numbers, earliest first, e.g. 2 3 1")
    if question.kind == "choice":
        return _("Type a number from 1 to {n}").format(n=len(question.options))
    return _("Type one sentence")


def parse_answer(question: Question, text: str) -> list[int] | str:
    """What the student typed, as option positions or text; ValueError with a readable reason."""
    text = " ".join(text.split())
    if question.kind == "text":
        if not text:
            raise ValueError(_("write one sentence, even a short one"))
        return text[:ANSWER_LIMIT]
    digits = re.findall(r"\d+", text)
    if len(digits) == 1 and question.kind == "order" and len(digits[0]) == len(question.options):
        digits = list(digits[0])  # "231" means 2, 3, 1
    numbers = [int(d) for d in digits]
    n = len(question.options)
    if question.kind == "choice":
        if len(numbers) != 1 or not 1 <= numbers[0] <= n:
            raise ValueError(_("type one number from 1 to {n}").format(n=n))
        return [numbers[0] - 1]
    if sorted(numbers) != list(range(1, n + 1)):
        raise ValueError(_("type each number from 1 to {n} once, earliest first").format(n=n))
    return [x - 1 for x in numbers]


def respond(question: Question, given: list[int] | str) -> Response:
    """Score one answer: an order is right only when all of it is right."""
    if question.kind == "text":
        return Response(question, given, None)
    return Response(question, given, list(given) == question.answer)


def feedback(response: Response) -> str:
    """One line after an answer: right or not, and the answer with where it comes from."""
    q = response.question
    if q.kind == "text":
        return _("Thank you: your answer goes to your teacher with your summary.")
    verdict = _("Right.") if response.correct else _("Not quite.")
    return f"{verdict} {q.explain}".strip()
