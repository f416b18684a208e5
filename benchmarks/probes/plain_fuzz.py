"""Plain mode under garbage: thousands of sessions over every role, in-process and as real processes.

In-process sessions run the whole ``budapest56 play --plain`` path (``game.play.run_play``: sign-in,
``--load``, role choice, the command loop, the end) with standard input and output as strings, so
thousands of them take a minute. Real processes add what only a real pipe has: bytes that are
not UTF-8 under a strict and an ASCII locale, and a process that must exit on its own.

A save is counted as lost when the game said the progress was kept and the slot does not load
back to the very state the game was in, or when a damaged file planted in the folder is gone.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from benchmarks.probes.common import ROOT, SCENES, Tally, captured, time_limit, timed
from game import play
from game.cli import build_parser
from game.story.loader import load_story
from game.story.roster import clean_name
from game.story.saves import SaveError
from game.story.session import Session

COMMANDS = ["h", "?", "f", "f 1", "f 2", "f 99", "g", "g tram", "g ÁVH", "g nope", "t", "m", "r", "r", "s lesson-2"]
COMMANDS += ["s ../x", "s " + "a" * 60, "s Zo\udce9", "s [b]x", "help", "q"]
UNICODE = ["²", "٣", "①", "Ⅻ", "\u202eevil", "\x1b[2J\x1b[31mred", "\x1b]0;title\x07", "\x00", "\udce9", "Zo\udce9"]
UNICODE += ["😀", "e\u0301", "\u200d", "\ufeff1", "\x9b31m", "１", "-1", "+1", "1.0", "0x1", "1e3", " 1 ", "1 2"]
NAMES = ["Kati", "kati", "Zoé", "Zo\udce9", "", "[b]x[/b]", "\x1b[31mred", "a" * 200, "../../etc", "Ö" * 70, "7b"]
CLASSES = [None, None, None, "7b", "7 b", "Zo\udce9", "../x", "[b]", "é" * 80]
RESTARTS = 8  # sessions that share one saves folder, so loads and damaged files meet real games


def line(rng: random.Random) -> str:
    """One line a player (or a cat on the keyboard) might type."""
    r = rng.random()
    if r < 0.45:
        return str(rng.randint(1, 4))
    if r < 0.65:
        return rng.choice(COMMANDS) if rng.random() > 0.05 else "q"
    if r < 0.78:
        return rng.choice(UNICODE)
    if r < 0.84:
        return "".join(chr(rng.randint(32, 126)) for _ in range(rng.randint(1, 30)))
    if r < 0.89:
        return "9" * rng.choice([7, 50, 900, 5000])
    if r < 0.92:
        return "x" * rng.choice([999, 1000, 1001, 20_000, 300_000])
    if r < 0.96:
        return ""
    return "".join(chr(rng.randint(0x80, 0x2FFF)) for _ in range(rng.randint(1, 8)))


def script(rng: random.Random, class_session: bool) -> str:
    lines = []
    if class_session:
        lines.append(rng.choice(NAMES))
        if rng.random() < 0.3:
            lines.append(rng.choice(["", "1234", "x", "²"]))
    lines += [line(rng) for _ in range(rng.randint(0, 60))]
    text = "\n".join(lines)
    return text + ("\n" if rng.random() < 0.9 else "")  # sometimes the last line has no newline


class Recording(Session):
    """The session of the last run, kept so the probe can check what it claimed about saves."""

    last: Session | None = None

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003 — Session's own
        super().__init__(*args, **kwargs)
        Recording.last = self


def args_for(rng: random.Random, story_roles: list[str], saves: Path, class_name: str | None) -> argparse.Namespace:
    """The arguments of one session, read by the real command-line parser (so new options are covered)."""
    argv = ["play", "--plain", "--story", str(SCENES), "--saves-dir", str(saves)]
    if rng.random() < 0.25:
        argv += ["--load", rng.choice(["autosave-" + rng.choice(story_roles), "lesson-2", "missing", "planted"])]
    if rng.random() < 0.7:
        argv += ["--role", rng.choice(story_roles)]
    if rng.random() < 0.5:
        argv += ["--seed", str(rng.randint(0, 10**6))]
    if class_name is not None:
        argv += ["--class", class_name]
    argv += rng.choice([[], [], ["--rewind", "off"], ["--short"], ["--width", "30"], ["--width", "200"]])
    args = build_parser().parse_args(argv)
    if args.class_name is not None:  # as cli.main does before play
        args.class_name = clean_name(args.class_name)
    return args


def check_claims(tally: Tally, out: str, context: str) -> None:
    """What the game said about the save must be true of the files."""
    s = Recording.last
    if s is None or s.state is None:
        return
    said_saved = "Your progress is saved" in out
    if said_saved and s.unsaved:
        tally.failed("lost", f"said saved although '{s.unsaved}' ({context})")
        return
    if not said_saved or s.store is None:
        return
    try:
        loaded = s.store.load(s.saved_slot, s.story)
    except (SaveError, OSError) as exc:
        tally.failed("lost", f"said saved, slot '{s.saved_slot}' does not load: {exc} ({context})")
        return
    if loaded.state != s.state:
        tally.failed("lost", f"said saved, slot '{s.saved_slot}' holds another state ({context})")


def plant(rng: random.Random, saves: Path) -> bytes | None:
    """Sometimes put a damaged save where the game will look: it must never disappear."""
    if rng.random() > 0.3:
        return None
    saves.mkdir(parents=True, exist_ok=True)
    junk = rng.choice([b"{not json", b"", b'{"format": "budapest56-save", "version": 1, "state": 5}', b"\xff\xfe"])
    junk += str(rng.random()).encode()
    (saves / rng.choice(["planted.json", "autosave-resident.json", "lesson-2.json"])).write_bytes(junk)
    return junk


def still_there(saves: Path, junk: bytes) -> bool:
    return any(p.is_file() and p.read_bytes() == junk for p in saves.rglob("*.json"))


def in_process(count: int, seed: int, tally: Tally) -> None:
    story = load_story(SCENES)
    roles = list(story.roles)
    real_load, real_session = play.load_or_explain, play.Session
    play.load_or_explain = lambda _root: story  # loaded once, not 3,000 times
    play.Session = Recording
    work = Path(tempfile.mkdtemp(prefix="b56-plain-"))
    try:
        with timed(tally):
            for i in range(count):
                rng = random.Random(seed * 1_000_003 + i)
                saves = work / f"run{i // RESTARTS}"
                if i % RESTARTS == 0 and rng.random() < 0.1:  # now and then a folder that cannot be written
                    saves.parent.mkdir(parents=True, exist_ok=True)
                    saves.write_text("a file, not a folder")
                junk = plant(rng, saves) if saves.is_dir() or not saves.exists() else None
                class_name = rng.choice(CLASSES)
                args = args_for(rng, roles, saves, class_name)
                text = script(rng, bool(class_name))
                context = f"session {i}, seed {seed}"
                Recording.last = None
                tally.sessions += 1
                try:
                    with time_limit(30), captured(text) as (out, _err):
                        play.run_play(args)
                except BaseException as exc:  # noqa: BLE001 — any escape is what we count
                    tally.crashed(exc, context)
                    continue
                check_claims(tally, out.getvalue(), context)
                if junk is not None and not still_there(saves, junk):
                    tally.failed("lost", f"a damaged save was deleted ({context})")
    finally:
        play.load_or_explain, play.Session = real_load, real_session
        shutil.rmtree(work, ignore_errors=True)


ENVS = [{}, {"PYTHONIOENCODING": "utf-8:strict"}, {"LC_ALL": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"}]


def one_process(i: int, seed: int, work: Path) -> tuple[str, str]:
    """One real ``budapest56 play --plain``; returns (verdict, detail)."""
    rng = random.Random(seed * 7919 + i)
    saves = work / f"p{i % 40}"
    class_session = rng.random() < 0.3
    raw = script(rng, class_session).encode("utf-8", "surrogateescape")
    if rng.random() < 0.5:  # Latin-1 bytes, NUL, and broken UTF-8 sequences in the middle
        cut = rng.randint(0, len(raw))
        raw = raw[:cut] + rng.choice([b"Zo\xe9\n", b"\xff\xfe\n", b"\xc3\n", b"\x00\n", b"\xe2\x80\n"]) + raw[cut:]
    cmd = [sys.executable, "-m", "game", "play", "--plain", "--saves-dir", str(saves)]
    if class_session:
        cmd += ["--class", rng.choice(["7b", "Zo\udce9", "é"])]
    if rng.random() < 0.7:
        cmd += ["--role", rng.choice(["resident", "journalist", "radio"])]
    env = {**os.environ, **rng.choice(ENVS)}
    try:
        result = subprocess.run(cmd, input=raw, capture_output=True, env=env, cwd=ROOT, timeout=60)
    except subprocess.TimeoutExpired:
        return "hang", " ".join(cmd[3:])
    if b"Traceback" in result.stderr or result.returncode not in (0, 1, 2):
        tail = result.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
        return "traceback", f"exit {result.returncode}: {tail}"
    return "ok", ""


def processes(count: int, seed: int, tally: Tally) -> None:
    work = Path(tempfile.mkdtemp(prefix="b56-proc-"))
    try:
        with timed(tally), ThreadPoolExecutor(max_workers=2) as pool:
            for verdict, detail in pool.map(lambda i: one_process(i, seed, work), range(count)):
                tally.sessions += 1
                if verdict != "ok":
                    tally.failed(verdict, detail)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(sessions: int, real: int, seed: int) -> list[Tally]:
    fuzz = Tally("plain mode fuzz, in-process (all roles)")
    in_process(sessions, seed, fuzz)
    procs = Tally("plain mode fuzz, real processes (bytes, locales)")
    if real:
        processes(real, seed, procs)
    return [fuzz, procs] if real else [fuzz]
