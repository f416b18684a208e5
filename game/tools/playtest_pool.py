"""Random playthroughs on every core, with exactly the results of one process.

A random playthrough depends only on the story and its seed, so seeds can be played anywhere.
The seeds of each role are cut into runs of consecutive seeds, played by a pool of worker
processes (each runs the same ``random_run``, so the same engine as players), and merged back in
seed order: endings, lengths, failures and reading figures come out identical to a single
process's, in the same order (tests/test_tools.py checks it). Small runs, ``--jobs 1`` and a
machine that cannot start processes are played here, in this process.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from game.story.gcpause import gc_paused
from game.story.model import Story
from game.tools.playtest import Coverage, random_run

POOL_FROM = 400  # fewer playthroughs than this finish before a pool would have started
CHUNKS_PER_JOB = 4  # a few chunks a worker, so one slow chunk does not leave a core idle

_story: Story | None = None  # the story, in a worker process


def usable_cores() -> int:
    """The cores this process may run on (a container or ``taskset`` may allow fewer than exist)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def play_seeds(story: Story, role: str, first: int, count: int, max_steps: int, short: bool) -> Coverage:
    """Seeds ``first`` … ``first + count - 1`` of one role, in order."""
    cov = Coverage()
    with gc_paused():  # a playthrough makes no reference cycles; skip the collector's rescans
        for seed in range(first, first + count):
            random_run(story, role, seed, cov, max_steps, short)
    return cov


def random_coverages(
    story: Story,
    roles: list[str],
    first_seed: int,
    runs: int,
    max_steps: int,
    short: bool = False,
    jobs: int | None = None,
) -> dict[str, Coverage]:
    """``runs`` seeded playthroughs of each role from ``first_seed``; ``jobs`` processes (default: every core)."""
    jobs = usable_cores() if jobs is None else jobs
    if jobs > 1 and runs * len(roles) >= POOL_FROM:
        try:
            return _pooled(story, roles, first_seed, runs, max_steps, short, jobs)
        except (OSError, BrokenProcessPool):  # no processes to be had: play here instead
            pass
    return {role: play_seeds(story, role, first_seed, runs, max_steps, short) for role in roles}


def _pooled(
    story: Story, roles: list[str], first_seed: int, runs: int, max_steps: int, short: bool, jobs: int
) -> dict[str, Coverage]:
    size = max(50, -(-runs * len(roles) // (jobs * CHUNKS_PER_JOB)))
    tasks = [
        (role, start, min(size, first_seed + runs - start))
        for role in roles
        for start in range(first_seed, first_seed + runs, size)
    ]
    with ProcessPoolExecutor(
        max_workers=min(jobs, len(tasks)), mp_context=_context(), initializer=_adopt, initargs=(story,)
    ) as pool:
        parts = list(pool.map(_play_chunk, [(role, start, count, max_steps, short) for role, start, count in tasks]))
    merged = {role: Coverage() for role in roles}
    for (role, _start, _count), part in zip(tasks, parts, strict=True):
        merged[role].absorb(part)
    return merged


def _context():
    import multiprocessing

    # fork shares the loaded story with the workers at no cost; elsewhere each worker is sent a copy
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    return multiprocessing.get_context(method)


def _adopt(story: Story) -> None:
    global _story
    _story = story


def _play_chunk(task: tuple[str, int, int, int, bool]) -> Coverage:
    role, first, count, max_steps, short = task
    assert _story is not None
    return play_seeds(_story, role, first, count, max_steps, short)
