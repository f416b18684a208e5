"""Benchmarks: every figure the project promises, measured in one run beside its reference.

Run on demand (never in the test suite):  python benchmarks/run.py [--quick] [--write]
--write records the table in docs/performance.md with the machine it ran on.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.story import engine  # noqa: E402
from game.story.loader import load_story, load_story_with_problems  # noqa: E402
from game.tools.check import analyse  # noqa: E402
from game.tools.playtest import exhaustive  # noqa: E402

SCENES = ROOT / "scenes"
Row = tuple[str, str, str, str]  # figure, measured, reference/target, verdict


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def bench_startup(runs: int) -> list[Row]:
    """Process start to the first interactive screen, against a bare one-line Textual app.

    The game runs as ``budapest56 play`` runs (benchmarks/startup_game.py), with its story cache
    already filled, as on every start after the first. Both run under benchmarks/ready_driver.py,
    which reports the moment the first screen is ready (wall clock against the parent's start, CPU
    time of the process so far) and ends the app. Runs alternate game and bare app (pairs), so a
    change in the machine's load touches both. The whole process (exit included) is timed too.
    Bytecode is written and read as on a player's machine (pip compiles an installed copy; a
    checkout writes ``__pycache__`` on its first start), even where the environment says
    PYTHONDONTWRITEBYTECODE: the game's modules compiled from source on every start would cost
    about 40 ms that no player pays, while Textual's come compiled from its wheel.
    """
    env = {**os.environ, "TEXTUAL_DRIVER": "benchmarks.ready_driver:ReadyDriver", "PYTHONPATH": str(ROOT)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)

    def run(script: str, *args: str) -> tuple[float, float, float, float]:
        """Wall and CPU seconds until ready, then wall and CPU seconds of the whole process."""
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        done = subprocess.run(
            [sys.executable, str(ROOT / "benchmarks" / script), *args],
            check=True,
            cwd=ROOT,
            capture_output=True,
            text=True,
            env=env,
        )
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        line = next(w for w in done.stdout.splitlines() if w.startswith("ready "))
        ready, ready_cpu = (float(x) for x in line.split()[1:])
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        return ready - t0, ready_cpu, wall, cpu

    with tempfile.TemporaryDirectory() as saves:
        run("startup_game.py", saves)  # the first start fills the cache
        pairs = [(run("startup_bare.py"), run("startup_game.py", saves)) for _ in range(runs)]
    bare = [statistics.median(p[0][i] for p in pairs) for i in range(4)]
    game = [statistics.median(p[1][i] for p in pairs) for i in range(4)]
    ratio = [g / b for g, b in zip(game, bare, strict=True)]
    ok = ratio[0] <= 1.25 and ratio[1] <= 1.25
    return [
        (
            "start-up to title screen",
            f"{game[0] * 1000:.0f} ms wall, {game[1] * 1000:.0f} ms CPU (whole process with its exit "
            f"{game[2] * 1000:.0f} ms, {game[3] * 1000:.0f} ms CPU; {load_note()})",
            f"bare Textual app {bare[0] * 1000:.0f} ms wall, {bare[1] * 1000:.0f} ms CPU "
            f"({bare[2] * 1000:.0f} ms, {bare[3] * 1000:.0f} ms CPU); target ≤ 1.25×",
            f"{ratio[0]:.2f}× wall, {ratio[1]:.2f}× CPU (whole process {ratio[2]:.2f}×, {ratio[3]:.2f}×) "
            + ("✓" if ok else "✗"),
        )
    ]


def bench_engine(story, steps: int) -> list[Row]:
    rng = random.Random(1)
    times: list[float] = []
    roles = list(story.roles)
    while len(times) < steps:
        state = engine.new_game(story, rng.choice(roles), rng.randrange(10**6))
        while state.ending is None and len(times) < steps:
            views = [v for v in engine.choices(story, state) if v.enabled]
            pick = rng.choice(views).index
            t0 = time.perf_counter_ns()
            state = engine.choose(story, state, pick)
            times.append((time.perf_counter_ns() - t0) / 1000)
    p50, p99 = pct(times, 50), pct(times, 99)
    return [
        (
            "engine step (choose → next state)",
            f"p50 {p50:.1f} µs, p99 {p99:.1f} µs",
            "target p99 < 1 ms",
            "✓" if p99 < 1000 else "✗",
        )
    ]


def bench_load(root: Path, label: str, target_ms: float, runs: int) -> Row:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        story, problems = load_story_with_problems(root)
        assert story is not None, problems[:3]
        analyse(story)
        times.append(time.perf_counter() - t0)
    best = statistics.median(times) * 1000
    return (
        f"load + full check: {label}",
        f"{best:.0f} ms",
        f"target < {target_ms:.0f} ms",
        "✓" if best < target_ms else "✗",
    )


def load_and_check(root: Path) -> float:
    t0 = time.perf_counter()
    story, problems = load_story_with_problems(root)
    assert story is not None, problems[:3]
    analyse(story)
    return time.perf_counter() - t0


def bench_scale(sizes: list[int], runs: int) -> list[Row]:
    """Generated stories of growing size: load + full check at each, and the cost per scene (least squares)."""
    points = []
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            generate_story(Path(tmp), n)
            points.append((n, statistics.median(load_and_check(Path(tmp)) for _ in range(runs))))
    mean_n = statistics.fmean(n for n, _ in points)
    mean_t = statistics.fmean(t for _, t in points)
    slope = sum((n - mean_n) * (t - mean_t) for n, t in points) / sum((n - mean_n) ** 2 for n, _ in points)
    fit = max(abs(t - (mean_t + slope * (n - mean_n))) / t for n, t in points)
    largest, seconds = points[-1]
    return [
        (
            f"load + full check: generated stories of {', '.join(f'{n:,}' for n, _ in points)} scenes",
            ", ".join(f"{t:.2f} s" for _, t in points)
            + f"; {slope * 1e6:.0f} µs a scene (a straight line within {fit:.0%}); {load_note()}",
            f"linear; {largest:,} scenes < 5 s",
            "✓" if seconds < 5 else "✗",
        )
    ]


def generate_story(folder: Path, n: int) -> None:
    """A synthetic one-role story of ``n`` scenes in 100 files, with conditions and effects."""
    per_file = max(1, n // 100)
    header = "sources: [{id: s, author: A, title: T, year: 2000}]\n"
    header += "roles: [{id: g, name: G, portrait: P, start: g.s0, variables: {x: {initial: 0, min: 0, max: 100}, f: false}, measures: [x]}]\n"
    (folder / "head.yaml").write_text(header)
    for k in range(0, n, per_file):
        lines = ["role: g", "scenes:"]
        for i in range(k, min(n, k + per_file)):
            if i == n - 1:
                lines += [f"  - id: g.s{i}", "    text: The end.", "    ending: {title: End, epilogue: e, cite: [s]}"]
                continue
            j = min(n - 1, i + 1)
            m = min(n - 1, i + 2)
            lines += [
                f"  - id: g.s{i}",
                f"    text: Scene {i} with *some* text.",
                "    choices:",
                f"      - {{text: Go on, goto: g.s{j}, effects: [x += 1]}}",
                f"      - {{text: Jump, if: x >= 2 and not f, else: Not yet., goto: g.s{m}, effects: [f = true]}}",
            ]
        (folder / f"part{k // per_file:03d}.yaml").write_text("\n".join(lines) + "\n")


def load_note() -> str:
    """The machine's load average over the last minute, written beside a figure (2 cores shared)."""
    return f"load {os.getloadavg()[0]:.1f}"


def bench_playtest(story, repeats: int) -> list[Row]:
    """A default ``playtest`` run (1,000 seeds a role, every core), and one process alone; the exhaustive walk."""
    from game.tools.playtest_pool import random_coverages, usable_cores

    roles = list(story.roles)
    runs = 1000 * len(roles)

    def timed(jobs: int | None) -> tuple[float, float]:
        t0, c0 = time.perf_counter(), time.process_time()
        random_coverages(story, roles, 1, 1000, 500, jobs=jobs)
        return time.perf_counter() - t0, time.process_time() - c0

    pooled = statistics.median(timed(None)[0] for _ in range(repeats))
    pooled_load = load_note()
    alone = [timed(1) for _ in range(repeats)]
    alone_wall, alone_cpu = statistics.median(w for w, _ in alone), statistics.median(c for _, c in alone)
    rate = runs / pooled
    rows = [
        (
            f"random playtest, a default run ({runs:,} playthroughs, {usable_cores()} processes)",
            f"{rate:,.0f} playthroughs/s ({pooled_load}); one process alone {runs / alone_wall:,.0f}/s "
            f"wall, {runs / alone_cpu:,.0f}/s of CPU",
            "target ≥ 10,000/s",
            "✓" if rate >= 10_000 else "✗",
        )
    ]
    per_role = []
    for role in roles:
        walls, cpus, states = [], [], 0
        for _ in range(repeats):
            t0, c0 = time.perf_counter(), time.process_time()
            states = exhaustive(story, role, 2_000_000).states
            walls.append(time.perf_counter() - t0)
            cpus.append(time.process_time() - c0)
        per_role.append((role, statistics.median(walls), statistics.median(cpus), states))
    total = sum(w for _, w, _, _ in per_role)
    slowest = max(per_role, key=lambda r: r[1])
    rows.append(
        (
            "exhaustive playtest, every shipped role",
            f"{total:.2f} s ({sum(c for _, _, c, _ in per_role):.2f} s CPU; "
            + ", ".join(f"{r} {w:.2f} s, {n:,} states" for r, w, _, n in per_role)
            + f"; {load_note()})",
            "target < 3 s in all, < 1 s a role",
            "✓" if total < 3 and slowest[1] < 1 else "✗",
        )
    )
    return rows


def bench_keypress(samples: int) -> list[Row]:
    """Key press → new scene rendered, through Textual's Pilot (headless), beside a bare app's key press.

    Pilot's press-and-wait polls for idleness in 20 ms windows, so wall times move in steps of
    about 20 ms; the CPU time of each press (the work done until idle) is printed beside them.
    """
    from game.story.saves import SaveStore
    from game.tui.app import BudapestApp

    story = load_story(SCENES)
    times: list[tuple[float, float]] = []

    async def run() -> None:
        with tempfile.TemporaryDirectory() as tmp:
            while len(times) < samples:
                app = BudapestApp(
                    story=story,
                    store=SaveStore(Path(tmp)),
                    role=list(story.roles)[len(times) % len(story.roles)],
                    seed=len(times),
                )
                async with app.run_test(size=(100, 30)) as pilot:
                    await pilot.pause()
                    for _ in range(5):
                        state = app.session.state
                        if state is None or state.ending is not None:
                            break
                        t0, c0 = time.perf_counter(), time.process_time()
                        await pilot.press("1")
                        await pilot.pause()
                        times.append(((time.perf_counter() - t0) * 1000, (time.process_time() - c0) * 1000))

    asyncio.run(run())
    from benchmarks.keypress_bare import measure

    bare = measure(samples)
    p50, p99 = pct([w for w, _ in times], 50), pct([w for w, _ in times], 99)
    b50 = pct([w for w, _ in bare], 50)
    cpu, bare_cpu = pct([c for _, c in times], 50), pct([c for _, c in bare], 50)
    ratio = p50 / b50
    return [
        (
            "key press → new scene rendered (Pilot)",
            f"p50 {p50:.0f} ms, p99 {p99:.0f} ms; CPU a press p50 {cpu:.0f} ms ({load_note()})",
            f"bare app, same Pilot method: p50 {b50:.0f} ms, CPU {bare_cpu:.0f} ms; target ≤ 1.3×",
            f"{ratio:.2f}× {'✓' if ratio <= 1.3 else '✗'}",
        )
    ]


def bench_memory() -> list[Row]:
    """Resident memory of one game process: its title screen, then the end screen of a whole game."""
    from benchmarks.memory_game import measure

    rows = []
    for role in ("radio", "resident", "journalist"):
        m = measure(role)
        ratio = m["end"] / m["title"]
        rows.append(
            (
                f"memory, a whole game ({role}, {m['steps']:.0f} choices)",
                f"title screen {m['title']:.0f} MB, first scene {m['first scene']:.0f} MB, end screen {m['end']:.0f} MB"
                f" ({ratio:.2f}× the title screen, {m['end'] / m['first scene']:.2f}× the first scene)",
                "target ≤ 1.25× the start",
                "✓" if ratio <= 1.25 else "✗",
            )
        )
    return rows


def bench_serve(counts: list[int]) -> list[Row]:
    from benchmarks.serve_load import SPARES, measure, measure_full_games, measure_hangups

    rows = []
    for n, spares in [(n, SPARES) for n in counts] + [(counts[-1], 0)]:
        first, used = measure(n, spares)
        ok = first < 2.0 and used.pss_mb < 80
        rows.append(
            (
                f"serve: {n} concurrent session(s), {spares} spares",
                f"first screen p-max {first:.2f} s; {used.pss_mb:.0f} MB PSS ({used.rss_mb:.0f} MB RSS) per game "
                f"process; {used.games} processes, {used.total_mb:.0f} MB in all with the fork server",
                "target < 2 s, < 80 MB",
                "✓" if ok else "✗",
            )
        )
    used = measure_full_games()
    rows.append(
        (
            "serve: memory at the end of a full game (one per role)",
            f"{used.pss_mb:.0f} MB PSS ({used.rss_mb:.0f} MB RSS) per game; fork server {used.forkserver_mb:.0f} MB",
            "target < 80 MB",
            "✓" if used.pss_mb < 80 else "✗",
        )
    )
    before, during, after = measure_hangups(50)
    rows.append(
        (
            "serve: 50 sessions dropped without a goodbye",
            f"processes {before} before, {during} during, {after} 10 s after",
            "every game process ends",
            "✓" if after == before else "✗",
        )
    )
    return rows


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GiB, Python {platform.python_version()}, {platform.system()} {platform.release()}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (for a smoke run)")
    parser.add_argument("--write", action="store_true", help="record the results in docs/performance.md")
    parser.add_argument(
        "--skip", action="append", default=[], choices=["startup", "tui", "whatif", "serve"], help="skip a slow group"
    )
    args = parser.parse_args()
    q = args.quick
    story = load_story(SCENES)
    rows: list[Row] = []
    if "startup" not in args.skip:
        rows += bench_startup(3 if q else 10)
    rows += bench_engine(story, 2_000 if q else 50_000)
    if "tui" not in args.skip:
        rows += bench_keypress(10 if q else 60)
        rows += bench_memory()
    rows.append(bench_load(SCENES, f"shipped story ({len(story.scenes)} scenes)", 100, 3 if q else 10))
    with tempfile.TemporaryDirectory() as tmp:
        generate_story(Path(tmp), 10_000)
        rows.append(bench_load(Path(tmp), "generated 10,000-scene story", 1000, 1 if q else 3))
    rows += bench_scale([10_000, 25_000, 50_000] if not q else [5_000, 10_000], 1 if q else 3)
    rows += bench_playtest(story, 2 if q else 5)
    if "whatif" not in args.skip:
        from benchmarks.whatif import measure as measure_whatif

        rows += measure_whatif(repeats=3 if q else 10)
    if "serve" not in args.skip:
        rows += bench_serve([1, 10] if q else [1, 10, 30])
    table = ["| figure | measured | reference / target | result |", "|---|---|---|---|"]
    table += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    print("\n".join(table))
    if args.write:
        doc = ROOT / "docs" / "performance.md"
        text = doc.read_text() if doc.exists() else ""
        start, end = "<!-- results:start -->", "<!-- results:end -->"
        block = f"{start}\nMeasured {time.strftime('%Y-%m-%d')} on {machine()}.\n\n" + "\n".join(table) + f"\n{end}"
        if start in text and end in text:
            text = text[: text.index(start)] + block + text[text.index(end) + len(end) :]
        else:
            text += "\n" + block + "\n"
        doc.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
