"""The reliability run: hostile input against every front end, counted as sessions, tracebacks,
hangs and saves lost. Opt-in (never part of the test suite): it runs for several minutes.

    python benchmarks/reliability.py                  # the full run (about 20 minutes on 2 cores)
    python benchmarks/reliability.py --quick          # a smoke run of every probe (about two minutes)
    python benchmarks/reliability.py --write          # … and record the table in docs/reliability.md

Probes (``benchmarks/probes/``): plain-mode fuzzing in-process and as real processes, a battery
of corrupted saves and of saves of an edited story, ``kill -9`` while saving, hostile story files
and summary folders, and random keys with resizes in the full-screen game. Exit status 1 when
anything was counted, so the run can gate a release.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.probes import hostile, keys, plain_fuzz, save_battery  # noqa: E402
from benchmarks.probes.common import Tally  # noqa: E402

DOC = ROOT / "docs" / "reliability.md"
START, END = "<!-- results:start -->", "<!-- results:end -->"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = " ".join(line.split(":", 1)[1].split()[:2])
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def table(tallies: list[Tally], seconds: float) -> str:
    lines = [
        f"Measured {date.today().isoformat()} on {machine()}; {seconds / 60:.1f} minutes in all.",
        "",
        "| probe | runs | tracebacks | hangs | saves lost | time |",
        "|---|---|---|---|---|---|",
    ]
    for t in tallies:
        lines.append(
            f"| {t.probe} | {t.sessions:,} {t.unit} | {t.tracebacks} | {t.hangs} | {t.lost} | {t.seconds:.0f} s |"
        )
    total = [sum(getattr(t, k) for t in tallies) for k in ("tracebacks", "hangs", "lost")]
    lines.append(f"| **all** | | **{total[0]}** | **{total[1]}** | **{total[2]}** | |")
    details = [f"- {t.probe}: {e}" for t in tallies for e in t.examples]
    notes = [f"- {n}" for t in tallies for n in t.notes]
    if details:
        lines += ["", "Failures (first of each kind):", "", *details]
    if notes:
        lines += ["", "Notes:", "", *notes]
    return "\n".join(lines)


def write(text: str) -> None:
    doc = DOC.read_text(encoding="utf-8")
    before, _, rest = doc.partition(START)
    _, _, after = rest.partition(END)
    DOC.write_text(f"{before}{START}\n{text}\n{END}{after}", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run: few sessions of each probe")
    parser.add_argument("--write", action="store_true", help="record the table in docs/reliability.md")
    parser.add_argument("--plain", type=int, default=3000, help="in-process plain sessions (default 3000)")
    parser.add_argument("--processes", type=int, default=300, help="real plain-mode processes (default 300)")
    parser.add_argument("--kills", type=int, default=200, help="kill -9 during saves (default 200)")
    parser.add_argument("--keys", type=int, default=5000, help="random keys in the full-screen game (default 5000)")
    parser.add_argument("--seed", type=int, default=1956)
    parser.add_argument("--skip", action="append", default=[], choices=("plain", "saves", "hostile", "keys"))
    args = parser.parse_args()
    if args.quick:
        args.plain, args.processes, args.kills, args.keys = 200, 20, 10, 200
    start = time.perf_counter()
    tallies: list[Tally] = []
    probes = {
        "plain": lambda: plain_fuzz.run(args.plain, args.processes, args.seed),
        "saves": lambda: save_battery.run(args.kills),
        "hostile": hostile.run,
        "keys": lambda: keys.run(args.keys, args.seed),
    }
    for name, probe in probes.items():
        if name in args.skip:
            continue
        print(f"… {name}", file=sys.stderr, flush=True)
        for tally in probe():
            tallies.append(tally)
            print(
                f"{tally.probe}: {tally.sessions:,} {tally.unit}, {tally.tracebacks} tracebacks, {tally.hangs} hangs, "
                f"{tally.lost} saves lost ({tally.seconds:.0f} s)",
                file=sys.stderr,
                flush=True,
            )
    text = table(tallies, time.perf_counter() - start)
    print(text)
    if args.write:
        write(text)
    return 1 if any(t.tracebacks or t.hangs or t.lost for t in tallies) else 0


if __name__ == "__main__":
    sys.exit(main())
