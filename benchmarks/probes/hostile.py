"""Hostile files: story files built to exhaust ``check``, and summary folders built to break ``report``.

Each hostile story is checked by a real ``budapest56 check`` process with a memory ceiling and
a time limit, and its peak memory is recorded: an alias bomb must cost what its bytes cost. Each
malformed summary sits in a class folder beside good ones; ``report`` must skip and list it and
still build the report.
"""

from __future__ import annotations

import copy
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from benchmarks.probes.common import MINI, ROOT, Tally, captured, time_limit, timed
from game.cli import main
from game.story import engine
from game.story.loader import load_story
from game.story.saves import SaveStore
from game.story.session import Session

MEMORY_LIMIT = 2 * 1024**3
TIME_LIMIT = 60


def bomb(levels: int) -> str:
    text = 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    return text + "".join(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 10) + "]\n" for i in range(1, levels))


def stories() -> Iterator[tuple[str, bytes]]:
    yield "alias bomb, 7 levels (427 bytes)", bomb(8).encode()
    yield "alias bomb, 10 levels", bomb(11).encode()
    yield "alias bomb under a scene's text", b"scenes:\n  - id: courier.x\n    text: *a9\n" + bomb(10).encode()
    yield "recursive alias", b"glossary: &a [*a]\n"
    yield "recursive mapping alias", b"story: &s {title: *s}\n"
    yield "merge key", b"base: &b {title: x}\nstory:\n  <<: *b\n"
    yield "flow nesting 900 deep", b"glossary: " + b"[" * 900 + b"]" * 900
    yield "flow nesting 100,000 deep", b"glossary: " + b"[" * 100_000 + b"]" * 100_000
    yield "block nesting 3,000 deep", b"glossary:\n" + b"".join(b" " * i + b"- \n" for i in range(1, 3000))
    yield "10 MB of one scalar", b"story: {title: " + b"x" * 10_000_000 + b"}\n"
    yield "100,000 keys", b"story:\n" + b"".join(b"  k%d: v\n" % i for i in range(100_000))
    yield "a 1,000,000-digit number", b"story: {title: x}\nvariables:\n  big: " + b"9" * 1_000_000 + b"\n"
    yield "binary junk", bytes(range(256)) * 1000
    yield "NUL bytes", b"story:\x00 {title: x}\n"
    yield "UTF-16", "story: {title: x}\n".encode("utf-16")
    yield "python tags", b"story: !!python/object/apply:os.system ['echo hacked']\n"


def high_water_mb(pid: int) -> float:
    """The process's peak resident memory so far (VmHWM), counted from its own exec, not the fork."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


def wait_measured(proc: subprocess.Popen, seconds: float) -> tuple[int | None, float]:
    """Wait for a child at most ``seconds``: its exit code (None if it had to be killed) and peak MB."""
    deadline = time.monotonic() + seconds
    peak = 0.0
    while True:
        peak = max(peak, high_water_mb(proc.pid))
        pid, status, _usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            proc.returncode = os.waitstatus_to_exitcode(status)
            return proc.returncode, peak
        if time.monotonic() > deadline:
            proc.kill()
            _, status, _usage = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
            return None, peak
        time.sleep(0.01)


def limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def hostile_stories(tally: Tally, work: Path) -> None:
    for n, (what, data) in enumerate(stories()):
        root = work / f"story-{n}"
        shutil.copytree(MINI, root)
        (root / "hostile.yaml").write_bytes(data)
        err = work / f"err-{n}"
        tally.sessions += 1
        start = time.perf_counter()
        with err.open("wb") as fh:
            proc = subprocess.Popen(
                [sys.executable, "-m", "game", "check", str(root)],
                stdout=subprocess.DEVNULL,
                stderr=fh,
                cwd=ROOT,
                preexec_fn=limit_memory,
            )
            code, peak = wait_measured(proc, TIME_LIMIT)
        if code is None:
            tally.failed("hang", what)
        seconds = time.perf_counter() - start
        text = err.read_text(encoding="utf-8", errors="replace")
        if code is not None and ("Traceback" in text or "MemoryError" in text or code not in (0, 1)):
            tally.failed("traceback", f"{what}: exit {code}, {text.strip().splitlines()[-1:]}")
        tally.notes.append(f"{what}: exit {code}, {seconds:.2f} s, peak {peak:.0f} MB")
    unreadable(tally, work)


def unreadable(tally: Tally, work: Path) -> None:
    """A story file this user may not read (simulated: the run may be root, who reads everything)."""
    root = work / "unreadable"
    shutil.copytree(MINI, root)
    locked = root / "courier.yaml"
    real_bytes, real_text = Path.read_bytes, Path.read_text

    def refuse(real):  # noqa: ANN001, ANN202
        def read(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
            if self == locked:
                raise PermissionError(13, "Permission denied", str(self))
            return real(self, *args, **kwargs)

        return read

    Path.read_bytes, Path.read_text = refuse(real_bytes), refuse(real_text)
    tally.sessions += 1
    try:
        with captured() as (_out, err):
            code = main(["check", str(root)])
        if code != 1 or "cannot read: Permission denied" not in err.getvalue() + _out.getvalue():
            tally.failed("traceback", f"unreadable file: exit {code}")
    except BaseException as exc:  # noqa: BLE001
        tally.crashed(exc, "unreadable story file")
    finally:
        Path.read_bytes, Path.read_text = real_bytes, real_text


BAD_VALUES = [None, True, -5, 5, 1.5, float("nan"), float("inf"), "ten", "", [], [1], [{}], {}, {"a": [1]}]


def malformed(doc: dict) -> Iterator[tuple[str, bytes]]:
    for key in list(doc):
        for value in BAD_VALUES:
            yield f"{key} = {value!r}", json.dumps({**doc, key: value}).encode()
        yield f"{key} missing", json.dumps({k: v for k, v in doc.items() if k != key}).encode()
    for key in ("path", "comparisons"):
        if doc.get(key):
            for inner in doc[key][0]:
                for value in BAD_VALUES:
                    broken = copy.deepcopy(doc)
                    broken[key][0][inner] = value
                    yield f"{key}[0].{inner} = {value!r}", json.dumps(broken).encode()
    yield "50,000 questions", json.dumps({**doc, "questions": [f"q{i}" for i in range(50_000)]}).encode()
    yield "nested 100,000 deep", b'{"format": "budapest56-summary", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    yield "3 MB of spaces", b" " * 3_000_000
    yield "not JSON", b"{oops"
    yield "a list", b"[]"


def reports(tally: Tally, work: Path) -> None:
    story = load_story(MINI)
    folder = work / "class"
    session = Session(story, SaveStore(work), player="Kati", class_name="class")
    session.start("courier", 1)
    while session.require().ending is None:
        session.choose(next(v.index for v in engine.choices(story, session.require()) if v.enabled))
    (good,) = folder.glob("*.json")
    doc = json.loads(good.read_text(encoding="utf-8"))
    accepted = 0
    for n, (what, data) in enumerate(malformed(doc)):
        bad = folder / f"bad-{n}.json"
        bad.write_bytes(data)
        tally.sessions += 1
        try:
            with time_limit(30), captured() as (_out, err):
                code = main(["report", str(folder)])
            listed = bad.name in err.getvalue()
            if code != 0 or "nan%" in (folder / "report.md").read_text(encoding="utf-8"):
                tally.failed("traceback", f"{what}: exit {code}")
            elif not listed:
                accepted += 1
        except BaseException as exc:  # noqa: BLE001
            tally.crashed(exc, f"summary with {what}")
        bad.unlink()
    tally.notes.append(f"{accepted} changed files were still read: the field changed is one the report does not use")
    for out, expected in ((good, 2), (Path("/proc/x/y"), 1)):
        tally.sessions += 1
        try:
            with captured():
                code = main(["report", str(folder), "--out", str(out)])
            if code != expected:
                tally.failed("traceback", f"--out {out}: exit {code}")
        except BaseException as exc:  # noqa: BLE001
            tally.crashed(exc, f"report --out {out}")


def run() -> list[Tally]:
    work = Path(tempfile.mkdtemp(prefix="b56-hostile-"))
    files = Tally("hostile story files (check, 2 GB ceiling)", unit="files")
    summaries = Tally("malformed summaries (report)", unit="files")
    try:
        with timed(files):
            hostile_stories(files, work)
        with timed(summaries):
            reports(summaries, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return [files, summaries]
