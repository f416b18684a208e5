"""``budapest56 stats``: how big a story is and how long it takes to read, per role and per path.

A teacher planning a lesson needs minutes, not scene counts: a role whose typical path takes
25 minutes to read fits a 45-minute lesson with a discussion, one of 60 does not. The whole
text's size tells an author how much there is to proofread. Paths are the playtester's own
seeded random playthroughs, and their words are counted by ``game.tools.reading`` exactly as
``playtest`` counts them: the passages shown, the choices offered, what each choice led to.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from dataclasses import asdict, dataclass, field

from game.story.model import Scene, Story
from game.tools.playtest_pool import random_coverages
from game.tools.reading import FAST as AVERAGE
from game.tools.reading import SLOW, words


def scene_words(scene: Scene) -> int:
    """Every word a scene holds, shown or not: what there is to write and proofread."""
    total = sum(words(p.text) for p in scene.passages)
    for choice in scene.choices:
        total += words(choice.text) + words(choice.result) + sum(words(o.text) for o in choice.outcomes)
    if scene.ending is not None:
        total += words(scene.ending.title) + words(scene.ending.epilogue)
    return total


def p90(values: list[int]) -> float:
    if len(values) < 2:
        return float(values[0]) if values else 0.0
    return statistics.quantiles(values, n=10, method="inclusive")[8]


@dataclass
class RoleStats:
    role: str
    name: str
    scenes: int
    choices: int
    endings: int
    words: int
    paths: int = 0
    unfinished: int = 0  # playthroughs that got stuck or looped (playtest says where)
    path_words_median: float = 0.0
    path_words_p90: float = 0.0
    by_ending: dict[str, list[float]] = field(default_factory=dict)  # ending → [median, p90] words

    @property
    def minutes(self) -> float:
        return self.words / AVERAGE


MAX_STEPS = 500  # as playtest's default: a longer playthrough is a loop, and playtest reports it


def role_stats(story: Story, role: str, runs: int, first_seed: int) -> RoleStats:
    scenes = story.role_scenes(role)
    out = RoleStats(
        role=role,
        name=story.roles[role].name,
        scenes=len(scenes),
        choices=sum(len(s.choices) for s in scenes),
        endings=sum(1 for s in scenes if s.ending is not None),
        words=sum(scene_words(s) for s in scenes),
    )
    cov = random_coverages(story, [role], first_seed, runs, MAX_STEPS)[role]
    out.unfinished = len(cov.failures)
    lengths = [p.words for p in cov.reading.paths]
    endings: dict[str, list[int]] = {}
    for path in cov.reading.paths:
        endings.setdefault(path.ending, []).append(path.words)
    out.paths = len(lengths)
    if lengths:
        out.path_words_median = float(statistics.median(lengths))
        out.path_words_p90 = p90(lengths)
    out.by_ending = {e: [float(statistics.median(v)), p90(v)] for e, v in sorted(endings.items())}
    return out


def _minutes(n: float) -> str:
    fast, slow = n / AVERAGE, n / SLOW
    digits = 0 if slow >= 10 else 1
    return f"{fast:.{digits}f}–{slow:.{digits}f} min"


def report(story: Story, stats: list[RoleStats], runs: int) -> list[str]:
    total_words = sum(scene_words(s) for s in story.scenes.values())
    lines = [
        f"{story.meta.title}: {len(story.scenes)} scenes, {len(story.roles)} roles, {total_words:,} words in scenes",
        f"reading time at {AVERAGE}–{SLOW} words a minute (an average and a slow 14-year-old reader);"
        f" paths from {runs} random playthroughs per role",
    ]
    for r in stats:
        lines.append(f"== {r.role} ({r.name}) ==")
        lines.append(
            f"  {r.scenes} scenes, {r.choices} choices, {r.endings} endings, {r.words:,} words"
            f" (reading all of it: {_minutes(r.words)})"
        )
        if r.paths:
            lines.append(
                f"  one path: median {r.path_words_median:,.0f} words ({_minutes(r.path_words_median)}),"
                f" p90 {r.path_words_p90:,.0f} words ({_minutes(r.path_words_p90)})"
            )
            width = max(len(e) for e in r.by_ending)
            for ending, (med, high) in r.by_ending.items():
                lines.append(f"    to {ending:<{width}}  median {med:>6,.0f} words, p90 {high:>6,.0f}")
        if r.unfinished:
            lines.append(f"  {r.unfinished} playthrough(s) did not end: run `budapest56 playtest` to see where")
    return lines


def run_stats(args: argparse.Namespace) -> int:
    from game.play import load_with_role

    if args.runs < 1:
        print("budapest56 stats: error: -n must be positive", file=sys.stderr)
        return 2
    story = load_with_role("stats", args.story, args.role)
    if isinstance(story, int):
        return story
    roles = [args.role] if args.role else list(story.roles)
    stats = [role_stats(story, r, args.runs, args.seed) for r in roles]
    if args.format == "json":
        data = {
            "title": story.meta.title,
            "words_per_minute": {"average": AVERAGE, "slow": SLOW},
            "runs": args.runs,
            "roles": [asdict(s) | {"minutes": round(s.minutes, 1)} for s in stats],
        }
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        print("\n".join(report(story, stats, args.runs)))
    return 0
