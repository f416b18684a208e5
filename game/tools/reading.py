"""What a playthrough asks of its reader: how many screens offer only one way on, and how long
it takes to read.

A screen with a single open choice is not a decision; too many of them in a row and a player
stops feeling that their choices matter. Reading time tells a teacher whether a role fits a
lesson, and how much the fact cards a player finds add to it. The playtester measures these on
every random playthrough; this module counts and reports them.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from game.story import engine, markup
from game.story.model import FactCard, Scene, Story
from game.story.state import GameState

SLOW, FAST = 100, 150  # words a minute: a slow and an average 14-year-old reader
SINGLE_LIMIT = 1 / 6  # issue #16: fewer than 1 in 6 screens with only one way on, on every path


@lru_cache(maxsize=8192)
def words(text: str) -> int:
    """Words as a player reads them: markup and glossary brackets removed."""
    return len(markup.plain(text).split())


@dataclass
class _SceneWords:
    """A scene's words counted once: the passages always shown, the conditional ones, each choice
    and what each choice leads to (its result and each outcome's line)."""

    scene: Scene
    always: int
    conditional: list[tuple[Callable[[GameState], object], int]]
    choices: list[int]
    results: list[int]
    outcomes: list[list[int]]


_COUNTS: dict[int, _SceneWords] = {}


def _counts(scene: Scene) -> _SceneWords:
    known = _COUNTS.get(id(scene))
    if known is None or known.scene is not scene:
        known = _SceneWords(
            scene,
            sum(words(p.text) for p in scene.passages if p.condition is None),
            [(p.condition.fn, words(p.text)) for p in scene.passages if p.condition is not None],
            [words(c.text) for c in scene.choices],
            [words(c.result) for c in scene.choices],
            [[words(o.text) for o in c.outcomes] for c in scene.choices],
        )
        _COUNTS[id(scene)] = known
    return known


def screen_words(story: Story, state: GameState, views: list[engine.ChoiceView]) -> int:
    """The words on one screen: what the last choice led to, the passages shown, the choices."""
    here = _counts(story.scenes[state.scene])
    total = here.always
    for holds, n in here.conditional:
        if holds(state):
            total += n
    choices = here.choices
    for v in views:
        total += choices[v.index]
    if state.path:  # what the last choice led to, as engine.arrival_text shows it
        step = state.path[-1]
        before = story.scenes.get(step.scene)
        if before is not None and step.choice < len(before.choices):
            last = _counts(before)
            total += last.results[step.choice]
            if 0 <= step.outcome < len(last.outcomes[step.choice]):
                total += last.outcomes[step.choice][step.outcome]
    return total


def card_words(card: FactCard) -> int:
    """A fact card's words as its screen shows them: title, text and a disputed figure (then, now)."""
    total = words(card.title) + words(card.text)
    if card.disputed is not None:
        total += words(card.disputed.then) + words(card.disputed.now)
    return total


def found_card_words(story: Story, found: list[str]) -> int:
    """The words of every fact card a playthrough found, as if the player opened each one."""
    return sum(card_words(story.facts[f]) for f in found if f in story.facts)


@dataclass
class PathStats:
    """One playthrough: how many screens, how many of them with one open choice, words read, and
    the words of the fact cards it found."""

    seed: int
    ending: str = ""
    screens: int = 0
    single: int = 0
    words: int = 0
    cards: int = 0

    @property
    def share(self) -> float:
        return self.single / self.screens if self.screens else 0.0


@dataclass
class Reading:
    paths: list[PathStats] = field(default_factory=list)


def _p90(values: list[int]) -> float:
    if len(values) < 2:
        return float(values[0]) if values else 0.0
    return statistics.quantiles(values, n=10, method="inclusive")[8]


def _words_line(label: str, values: list[int], width: int) -> str:
    med, p90 = statistics.median(values), _p90(values)
    return (
        f"    {label:<{width}}  median {med:>6,.0f} ({med / FAST:.0f} / {med / SLOW:.0f} min)"
        f"   p90 {p90:>6,.0f} ({p90 / FAST:.0f} / {p90 / SLOW:.0f} min)"
    )


def report_reading(reading: Reading) -> list[str]:
    """Single-choice screens (average and worst path) and reading length, overall and per ending."""
    done = [p for p in reading.paths if p.ending and p.screens]
    if not done:
        return []
    average = statistics.fmean(p.share for p in done)
    worst = max(done, key=lambda p: (p.share, -p.seed))
    flag = " — over 1 in 6" if worst.share > SINGLE_LIMIT else ""
    lines = [
        f"  single-choice screens: {average:.1%} on average; worst path {worst.single} of {worst.screens} "
        f"({worst.share:.1%}, seed {worst.seed}){flag}",
        f"  words read (minutes at {FAST} / {SLOW} words a minute; scene texts, results and choices,"
        " not the end summary):",
    ]
    endings: dict[str, list[int]] = {}
    for p in done:
        endings.setdefault(p.ending, []).append(p.words)
    width = max(len(e) for e in [*endings, "all paths"])
    lines.append(_words_line("all paths", [p.words for p in done], width))
    lines += [_words_line(ending, endings[ending], width) for ending in sorted(endings)]
    cards = [p.cards for p in done]
    if any(cards):
        med = statistics.median(cards)
        lines.append(
            f"  fact cards found, if every one is opened (title, text, disputed figures): median {med:,.0f} words"
            f" (+{med / FAST:.0f} / +{med / SLOW:.0f} min)"
        )
    return lines
