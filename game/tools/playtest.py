"""``budapest56 playtest``: let the machine play the story so the author does not have to.

*random* (like ChoiceScript's randomtest): thousands of seeded random playthroughs, with the
distribution of endings, lengths, choices never taken, and any failure with the seed and path
that reproduces it. *exhaustive* (like quicktest, but over states): every reachable
combination of scene and the state that matters, every branch of chance, up to a bound.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
from collections import Counter
from dataclasses import dataclass, field

from game.story import engine
from game.story.model import Story
from game.story.state import GameState
from game.story.stategraph import explore
from game.tools.playtest_failures import asked_failures, failure_lines, prepare_replays
from game.tools.reading import PathStats, Reading, found_card_words, report_reading, screen_words


@dataclass
class Failure:
    kind: str  # "stuck", "loop" or "error"
    role: str
    seed: int
    path: list[str]
    detail: str
    outcomes: list[int] = field(default_factory=list)  # the chance outcome of each step (-1: none)


@dataclass
class Coverage:
    """What a playtest reached, per role."""

    scenes: set[str] = field(default_factory=set)
    choices: set[tuple[str, int]] = field(default_factory=set)
    endings: Counter = field(default_factory=Counter)
    enabled: set[tuple[str, int]] = field(default_factory=set)  # choices seen enabled at least once
    lengths: list[int] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    reading: Reading = field(default_factory=Reading)  # random mode: screens, one-way screens, words
    states: int = 0
    bound_hit: bool = False

    def absorb(self, later: Coverage) -> None:
        """Add what a run of later seeds found (merged in seed order, as if one run had played all)."""
        self.scenes |= later.scenes
        self.choices |= later.choices
        self.endings.update(later.endings)
        self.enabled |= later.enabled
        self.lengths += later.lengths
        self.failures += later.failures
        self.reading.paths += later.reading.paths


def random_run(
    story: Story, role: str, seed: int, cov: Coverage, max_steps: int, short: bool = False
) -> GameState | None:
    """One seeded random playthrough (of the short version with ``short``); failures keep a reproducible path."""
    chooser = random.Random(seed)
    state = engine.new_game(story, role, seed, short)
    stats = PathStats(seed)
    scenes, enabled, taken = cov.scenes, cov.enabled, cov.choices
    scenes.add(state.scene)
    for _ in range(max_steps):
        if state.ending is not None:
            cov.endings[state.ending] += 1
            cov.lengths.append(len(state.path))
            stats.ending = state.ending
            stats.words += screen_words(story, state, [])
            stats.cards = found_card_words(story, state.facts)
            cov.reading.paths.append(stats)
            return state
        shown = engine.choices(story, state)
        views = [v for v in shown if v.enabled]
        stats.screens += 1
        stats.words += screen_words(story, state, shown)
        here = state.scene
        if len(views) == 1:
            stats.single += 1
            view = views[0]
            enabled.add((here, view.index))
        elif views:
            for v in views:
                enabled.add((here, v.index))
            view = chooser.choice(views)  # the same draw as views[randrange(len(views))]
        else:
            picks = [step.text for step in state.path]
            cov.failures.append(Failure("stuck", role, seed, picks, f"no enabled choice in scene '{here}'"))
            return None
        taken.add((here, view.index))
        try:
            state = engine.choose(story, state, view.index)
        except Exception as exc:  # an engine bug must be reported with its path, not crash the run
            picks = [step.text for step in state.path] + [view.text]
            cov.failures.append(Failure("error", role, seed, picks, f"{exc.__class__.__name__}: {exc}"))
            return None
        scenes.add(state.scene)
    picks = [step.text for step in state.path]
    cov.failures.append(Failure("loop", role, seed, picks, f"no ending after {max_steps} choices"))
    return None


def exhaustive(story: Story, role: str, max_states: int, short: bool = False) -> Coverage:
    """Every situation that differs in what a choice can see, read off the one walk (``stategraph``)."""
    graph = explore(story, role, [engine.new_game(story, role, 0, short)], max_states)
    cov = Coverage(states=len(graph.keys), bound_hit=graph.bound_hit)
    for node, scene in enumerate(graph.scenes):
        cov.scenes.add(scene)
        into = set()
        for choice, child in graph.edges[node]:
            cov.enabled.add((scene, choice))
            cov.choices.add((scene, choice))
            if child >= 0 and graph.endings[child] is not None:
                into.add(graph.endings[child])
        for ending in into:  # each ending counts the distinct situations it is reached from
            cov.endings[ending] += 1
    for root in graph.roots:
        if graph.endings[root] is not None:
            cov.endings[graph.endings[root]] += 1
    for stuck in graph.stuck:
        detail = f"no enabled choice in scene '{stuck.scene}'"
        cov.failures.append(Failure("stuck", role, 0, stuck.path, detail, stuck.outcomes))
    return cov


def never_reached(story: Story, role: str, cov: Coverage, short: bool = False) -> list[str]:
    """Scenes, choices and endings a playtest never reached, with the reason where it can tell.

    In the short version the scenes marked ``short_goto`` are passed over by design: not listed.
    """
    lines = []
    for scene in story.role_scenes(role):
        if scene.id not in cov.scenes and not (short and scene.short_goto):
            sources = [(s.id, c) for s in story.role_scenes(role) for c in s.choices if scene.id in c.targets]
            if not sources:
                why = "no choice leads here"
            else:
                taken = [f"'{c.text}' in {sid}" for sid, c in sources]
                why = "only reached by choices never taken: " + "; ".join(taken[:3])
            kind = "ending" if scene.ending else "scene"
            lines.append(f"{scene.mark}: {kind} '{scene.id}' never reached ({why})")
    for scene in story.role_scenes(role):
        if scene.id not in cov.scenes:
            continue
        for choice in scene.choices:
            if (scene.id, choice.index) not in cov.choices:
                if choice.condition is not None and (scene.id, choice.index) not in cov.enabled:
                    why = f"its condition '{choice.condition.source}' was false every time"
                else:
                    why = "never picked"
                lines.append(f"{choice.mark}: choice '{choice.text}' in {scene.id} never taken ({why})")
    return lines


def report_random(story: Story, role: str, cov: Coverage, runs: int, first_seed: int) -> list[str]:
    lines = [f"== {role}: {runs} random playthroughs (seeds {first_seed}–{first_seed + runs - 1}) =="]
    total = sum(cov.endings.values())
    for ending, count in cov.endings.most_common():
        title = story.scenes[ending].ending.title
        lines.append(f"  {count / max(total, 1):6.1%}  {ending}  ({title})")
    missing = [s.id for s in story.role_scenes(role) if s.ending and s.id not in cov.endings]
    for ending in missing:
        lines.append(f"    0.0%  {ending}  (never reached)")
    if cov.lengths:
        lines.append(
            f"  length in choices: min {min(cov.lengths)}, median {statistics.median(cov.lengths):g}, max {max(cov.lengths)}"
        )
    return lines + report_reading(cov.reading)


def run_playtest(args: argparse.Namespace) -> int:
    from game.play import load_or_explain

    jobs = getattr(args, "jobs", None)
    if (
        (args.runs is not None and args.runs < 1)
        or args.max_steps < 1
        or args.max_states < 1
        or (jobs is not None and jobs < 1)
    ):
        return _usage("-n, --max-steps, --max-states and --jobs must be positive")
    if (args.mode == "transcripts") != (args.out is not None):
        return _usage("transcripts need --out DIR" if args.out is None else "--out is only for `playtest transcripts`")
    story = load_or_explain(args.story)
    if story is None:
        return 1
    problem = prepare_replays(args.replays)
    if problem is not None:
        print(f"budapest56 playtest: error: {problem}", file=sys.stderr)
        return 1
    roles = [args.role] if args.role else list(story.roles)
    if args.role and args.role not in story.roles:
        return _usage(f"unknown role '{args.role}' (roles: {', '.join(story.roles)})")
    if args.mode == "transcripts":
        return _transcripts(story, roles, args)
    args.runs = 1000 if args.runs is None else args.runs
    failed = False
    short = getattr(args, "short", False)
    if args.mode == "random":
        from game.tools.playtest_pool import random_coverages

        played = random_coverages(story, roles, args.seed, args.runs, args.max_steps, short, jobs)
    for role in roles:
        if args.mode == "random":
            cov = played[role]
            lines = report_random(story, role, cov, args.runs, args.seed)
        else:
            cov = exhaustive(story, role, args.max_states, short)
            lines = [f"== {role}: exhaustive — {cov.states} distinct states =="]
            if cov.bound_hit:
                lines.append(
                    f"  bound of {args.max_states} states reached: coverage below is partial (raise --max-states)"
                )
            for ending, count in sorted(cov.endings.items()):
                lines.append(f"  {ending}: reached from {count} situation(s)")
        if short:
            passed = sum(1 for s in story.role_scenes(role) if s.short_goto)
            lines[0] += f" (short version: {passed} scene(s) passed over)"
        gaps = never_reached(story, role, cov, short)
        scenes = len([s for s in story.role_scenes(role) if not (short and s.short_goto)])
        lines.append(f"  coverage: {len(cov.scenes & {s.id for s in story.role_scenes(role)})}/{scenes} scenes")
        lines += [f"  {g}" for g in gaps]
        lines += failure_lines(story, cov.failures, args.mode == "exhaustive", args.replays, args.story)
        asked = asked_failures(story, role, cov, args.fail_on or [])
        lines += asked
        failed = failed or bool(cov.failures) or bool(asked)
        print("\n".join(lines))
    return 1 if failed else 0


def _usage(message: str) -> int:
    print(
        f"usage: budapest56 playtest [random|exhaustive|transcripts] ...\nbudapest56 playtest: error: {message}",
        file=sys.stderr,
    )
    return 2


def _transcripts(story: Story, roles: list[str], args: argparse.Namespace) -> int:
    from game.tools.transcripts import _prepare, write_transcripts

    problem = _prepare(args.out)
    if problem is not None:
        return _usage(problem)
    try:
        lines = write_transcripts(story, roles, args.out, args.seed, args.runs or 0, getattr(args, "short", False))
    except OSError as exc:
        print(f"budapest56 playtest: cannot write transcripts to '{args.out}': {exc.strerror}", file=sys.stderr)
        return 1
    print("\n".join(lines))
    return 0
