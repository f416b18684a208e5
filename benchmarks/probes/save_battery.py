"""Saves under attack: every field of a real save corrupted, a story edited under its saves, kill -9.

Each corrupted file is put through every path that reads saves — the Load list, Continue,
``load`` and playing on, and plain ``--load`` — and must come out as a game or as a listed,
damaged file, never a traceback. A damaged file must never be deleted or overwritten: the battery
checks that its bytes are still in the folder afterwards. ``kill -9`` hits a process in the
middle of writing one slot again and again; the slot must always hold a whole save.
"""

from __future__ import annotations

import copy
import json
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from benchmarks.probes.common import MINI, ROOT, SCENES, Tally, captured, time_limit, timed
from game import play
from game.cli import build_parser
from game.story import engine
from game.story.export import to_markdown
from game.story.loader import load_story
from game.story.saves import SaveError, SaveStore
from game.story.session import Session
from game.story.summary import summary_to_dict

WRONG = [None, True, -1, 0, 1.5, 1e308, float("inf"), float("nan"), 10**30, "", "x", "Zo\udce9", [], {}, [[[]]]]


def played(story, role: str, seed: int, folder: Path, most: int) -> Session:
    """A game of ``role`` autosaved in ``folder`` after up to ``most`` random choices."""
    session = Session(story, SaveStore(folder))
    session.start(role, seed)
    rng = random.Random(seed)
    for _ in range(rng.randint(0, most)):
        views = [v for v in engine.choices(story, session.require()) if v.enabled]
        if session.require().ending is not None or not views:
            break
        session.choose(rng.choice(views).index)
    return session


def base_document(story, role: str, seed: int, folder: Path) -> dict:
    session = played(story, role, seed, folder, 6)
    return json.loads(session.store.path_for(session.autosave_slot()).read_text(encoding="utf-8"))


def paths_of(doc: object, prefix: tuple = (), depth: int = 0) -> Iterator[tuple]:
    """Every place in a save document where a value can be replaced (first item of each list)."""
    if depth > 4:
        return
    if isinstance(doc, dict):
        for key, value in doc.items():
            yield (*prefix, key)
            yield from paths_of(value, (*prefix, key), depth + 1)
    elif isinstance(doc, list) and doc:
        yield (*prefix, 0)
        yield from paths_of(doc[0], (*prefix, 0), depth + 1)


def replaced(doc: dict, where: tuple, value: object) -> dict:
    out = copy.deepcopy(doc)
    target = out
    for step in where[:-1]:
        target = target[step]
    if value is KeyError:
        if isinstance(target, dict):
            del target[where[-1]]
        else:
            target.pop(where[-1])
    else:
        target[where[-1]] = value
    return out


def corruptions(doc: dict) -> Iterator[tuple[str, bytes]]:
    """(what was done, the file's bytes) for every corruption the battery tries."""
    text = json.dumps(doc, indent=1).encode()
    for cut in (0, 1, 10, len(text) // 3, len(text) // 2, len(text) - 2):
        yield f"truncated at {cut} bytes", text[:cut]
    yield "binary junk", bytes(range(256)) * 4
    yield "UTF-16", json.dumps(doc).encode("utf-16")
    yield "BOM", b"\xef\xbb\xbf" + text
    yield "nested 100,000 deep", b'{"format": "budapest56-save", "state": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    yield "not an object", b"[1, 2, 3]"
    for version in (0, -5, 2, 999, "1", 1.0, None):
        yield f"version {version!r}", json.dumps({**doc, "version": version}).encode()
    for where in paths_of(doc):
        yield f"{'.'.join(map(str, where))} deleted", json.dumps(replaced(doc, where, KeyError)).encode()
        for value in WRONG:
            data = json.dumps(replaced(doc, where, value)).encode("utf-8", "surrogatepass")
            yield f"{'.'.join(map(str, where))} = {value!r:.20}", data


def play_on(story, store: SaveStore, slot: str) -> None:
    """Everything a player may do with a save that loaded: continue, choose, rewind, end."""
    loaded = store.load(slot, story)
    session = Session(story, store)
    if loaded.scene_missing:
        session.restart(loaded, 1)
    else:
        session.resume(loaded)
    state = session.require()
    if state.ending is None:
        views = [v for v in engine.choices(story, state) if v.enabled]
        if views:
            session.choose(views[0].index)
            session.rewind()
    to_markdown(summary_to_dict(session.summary(), story))


def plain_load(story, folder: Path, slot: str) -> None:
    args = build_parser().parse_args(
        ["play", "--plain", "--story", str(SCENES), "--seed", "1", "--saves-dir", str(folder), "--load", slot]
    )
    real = play.load_or_explain
    play.load_or_explain = lambda _root: story
    try:
        with captured("1\n1\nf\nm\nq\n"):
            play.run_play(args)
    finally:
        play.load_or_explain = real


def kept(folder: Path, data: bytes) -> bool:
    return any(p.read_bytes() == data for p in folder.glob("*.json"))


def one_case(tally: Tally, story, folder: Path, what: str, data: bytes) -> None:
    tally.sessions += 1
    folder.mkdir(parents=True, exist_ok=True)
    slot = "autosave-resident"
    (folder / f"{slot}.json").write_bytes(data)
    store = SaveStore(folder)
    for name, step in (
        ("list", lambda: (store.list(), store.latest())),
        ("load and play on", lambda: play_on(story, store, slot)),
        ("plain --load", lambda: plain_load(story, folder, slot)),
    ):
        try:
            with time_limit(20):
                step()
        except SaveError:
            pass  # refused with a reason: what a damaged save should get
        except BaseException as exc:  # noqa: BLE001
            tally.crashed(exc, f"{what}, {name}")
        if not kept(folder, data) and not _loads(store, slot, story):
            tally.failed("lost", f"{what}: the file is gone after {name}")
            break


def _loads(store: SaveStore, slot: str, story) -> bool:
    try:
        store.load(slot, story)
    except (SaveError, OSError):
        return False
    return True


EDITS = {
    "a fact card renamed": [("history.yaml", "card-bridge", "card-renamed"), ("courier.yaml", "card-bridge", "card-renamed")],
    "the current scene removed": [("courier.yaml", "courier.bridge", "courier.bridge2")],
    "a choice removed": [("courier.yaml", "      - text: Wait a while\n        once: true\n        goto: courier.bridge\n        effects: [courage -= 1]\n", "")],
    "an outcome removed": [("courier.yaml", "          - chance: 50\n            goto: courier.end.home\n            text: The guard waves you through.\n          - chance: 50\n", "          - chance: 100\n")],
    "a variable's range narrowed": [("courier.yaml", "max: 3", "max: 1")],
    "a variable added": [("courier.yaml", "      has_letter: true\n", "      has_letter: true\n      hope: {initial: 2, min: 0, max: 5}\n")],
    "a variable removed": [("courier.yaml", "      has_letter: true\n", ""), ("courier.yaml", "      - if: has_letter\n        text: The letter is still in your coat.\n", ""), ("courier.yaml", "            effects: [has_letter = false]\n", "")],
    "the role renamed": [("courier.yaml", "courier", "messenger")],
}  # fmt: skip


def edited_story(tally: Tally, work: Path) -> None:
    """Saves made at every step of the small story, loaded after each edit of the story."""
    original = load_story(MINI)
    for edit, changes in EDITS.items():
        root = work / f"story-{len(list(work.iterdir()))}"
        shutil.copytree(MINI, root)
        for name, old, new in changes:
            path = root / name
            path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        try:
            story = load_story(root)
        except Exception as exc:  # noqa: BLE001 — an edit this probe got wrong, not a game failure
            tally.notes.append(f"edit '{edit}' does not load: {str(exc)[:80]}")
            continue
        for seed in range(6):
            folder = work / f"saves-{edit[:12]}-{seed}"
            played(original, "courier", seed, folder, 3)
            tally.sessions += 1
            try:
                with time_limit(20):
                    play_on(story, SaveStore(folder), "autosave-courier")
            except SaveError:
                pass
            except BaseException as exc:  # noqa: BLE001
                tally.crashed(exc, f"story edited: {edit}, seed {seed}")


WRITER = """
import sys
sys.path.insert(0, {root!r})
from pathlib import Path
from game.story.loader import load_story
from game.story.saves import SaveStore
from game.story.session import Session
story = load_story({mini!r})
session = Session(story, SaveStore(Path({folder!r})))
session.start("courier", 1)
print("ready", flush=True)
n = 0
while True:
    n += 1
    session.save("slot")
    session.autosave()
"""


def kill_nine(tally: Tally, kills: int, work: Path) -> None:
    """A process saving one slot without pause, killed at a random moment, again and again."""
    folder = work / "kill9"
    script = WRITER.format(root=str(ROOT), mini=str(MINI), folder=str(folder))
    rng = random.Random(9)
    leftovers = 0
    for _ in range(kills):
        proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        proc.stdout.readline()  # saving from here on
        time.sleep(rng.uniform(0.0, 0.05))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        proc.stderr.close()
        tally.sessions += 1
        store = SaveStore(folder)
        for slot in ("slot", "autosave-courier"):
            if (folder / f"{slot}.json").exists() and not _loads(store, slot, load_story(MINI)):
                tally.failed("lost", f"slot '{slot}' damaged by kill -9")
        leftovers += len(list(folder.glob(".*.tmp")))
        store.clean_temporaries(older_than=0)
    tally.notes.append(f"kill -9: {leftovers} temporary files left in all, every one removed by clean_temporaries")


def run(kills: int) -> list[Tally]:
    work = Path(tempfile.mkdtemp(prefix="b56-saves-"))
    story = load_story(SCENES)
    battery = Tally("corrupted saves (list, load + play on, plain --load)", unit="files")
    edited = Tally("saves of an edited story", unit="saves")
    killed = Tally("kill -9 while saving", unit="kills")
    try:
        with timed(battery):
            for i, role in enumerate(story.roles):
                doc = base_document(story, role, i + 1, work / f"base-{role}")
                for n, (what, data) in enumerate(corruptions(doc)):
                    one_case(battery, story, work / f"case-{role}-{n}", f"{role}: {what}", data)
        with timed(edited):
            edited_story(edited, work)
        with timed(killed):
            kill_nine(killed, kills, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return [battery, edited, killed]
