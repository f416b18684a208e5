"""Saves: round trip, every kind of damage, interrupted writes, and names that try to escape."""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.story import saves as saves_mod
from game.story.saves import SaveError, SaveStore, check_slot
from game.story.walk import walk


@pytest.fixture
def store(tmp_path):
    return SaveStore(tmp_path / "saves")


def test_round_trip_with_history(mini, store):
    a = walk(mini, "courier", 3, ["Walk"])
    b = walk(mini, "courier", 3, ["Walk", "Wait a while"])
    store.save("lesson 1", mini, b, [a], play_seconds=42, player="Kati")
    loaded = store.load("lesson 1", mini)
    assert loaded.state == b and loaded.history == [a]
    assert loaded.info.play_seconds == 42 and loaded.info.player == "Kati" and loaded.info.where == "The bridge"
    assert not loaded.story_changed and not loaded.scene_missing
    assert store.latest().slot == "lesson 1"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "damaged: the file is empty"),
        (b'{"format": "budapest56-save", "version": 1, "sta', "damaged: not valid JSON"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "damaged: not text"),
        (b"[1, 2, 3]", "not a Budapest 1956 save file"),
        (b'{"format": "budapest56-save", "version": 99, "state": {}}', "made by a newer version"),
        (
            b'{"format": "budapest56-save", "version": 1, "state": {"role": "courier"}}',
            "damaged: the game state is incomplete",
        ),
    ],
)
def test_damaged_saves_are_listed_with_reason_and_kept(mini, store, content, reason):
    store.root.mkdir(parents=True)
    path = store.root / "bad.json"
    path.write_bytes(content)
    (info,) = store.list()
    assert not info.ok and info.reason.startswith(reason)
    with pytest.raises(SaveError):
        store.load("bad", mini)
    assert path.read_bytes() == content  # never deleted, never changed


def test_saving_over_a_damaged_slot_moves_it_aside(mini, store):
    store.root.mkdir(parents=True)
    (store.root / "slot.json").write_text("garbage")
    store.save("slot", mini, walk(mini, "courier", 1, []))
    kept = [p for p in store.root.iterdir() if ".damaged-" in p.name]
    assert len(kept) == 1 and kept[0].read_text() == "garbage"
    assert store.load("slot", mini).state.scene == "courier.start"


def test_scene_removed_from_story_is_flagged(mini, store, tmp_path):
    state = walk(mini, "courier", 1, ["Walk"])
    store.save("s", mini, state)
    path = store.path_for("s")
    doc = json.loads(path.read_text())
    doc["state"]["scene"] = "courier.gone"
    path.write_text(json.dumps(doc))
    loaded = store.load("s", mini)
    assert loaded.scene_missing


@pytest.mark.parametrize(
    "name", ["../evil", "a/b", "..", "/etc/passwd", "", " lead", "x" * 41, "a\\b", "con.json", "ok\n"]
)
def test_slot_names_cannot_escape(store, name):
    with pytest.raises(SaveError):
        store.path_for(name)


def test_good_slot_names():
    for name in ("autosave-radio", "Lesson 2", "kati_7b"):
        assert check_slot(name) == name


def test_interrupted_write_keeps_the_previous_save(mini, store, monkeypatch):
    good = walk(mini, "courier", 1, ["Walk"])
    store.save("s", mini, good)
    before = store.path_for("s").read_bytes()

    def boom(*args):
        raise OSError("disk full")

    for point in ("fsync", "replace"):
        with monkeypatch.context() as m:
            m.setattr(saves_mod.os, point, boom)
            with pytest.raises(OSError):
                store.save("s", mini, walk(mini, "courier", 1, ["Walk", "Wait a while"]))
        assert store.path_for("s").read_bytes() == before
        assert store.load("s", mini).state == good
    assert [p.name for p in store.root.iterdir()] == ["s.json"]  # no temporary files left


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300))
def test_random_bytes_are_always_a_clean_damaged_result(mini, tmp_path, data):
    store = SaveStore(tmp_path / "fuzz")
    store.root.mkdir(exist_ok=True)
    (store.root / "f.json").write_bytes(data)
    (info,) = store.list()
    assert not info.ok and info.reason


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(min_value=0, max_value=2000))
def test_truncated_save_at_any_point_is_damaged_or_whole(mini, tmp_path, cut):
    store = SaveStore(tmp_path / "cut")
    store.save("s", mini, walk(mini, "courier", 1, ["Walk"]))
    path = store.path_for("s")
    full = path.read_bytes()
    path.write_bytes(full[: min(cut, len(full))])
    info = store.inspect(path)
    assert info.ok == (cut >= len(full.rstrip()))
    if not info.ok:
        assert info.reason
    os.unlink(path)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(min_value=0, max_value=3000))
def test_write_interrupted_at_a_random_byte_keeps_the_old_save(mini, tmp_path, cut):
    store = SaveStore(tmp_path / "int")
    good = walk(mini, "courier", 1, ["Walk"])
    store.save("s", mini, good)
    real_fdopen = os.fdopen

    class Dying:
        def __init__(self, fh):
            self.fh = fh

        def write(self, text):
            self.fh.write(text[:cut])
            self.fh.flush()
            raise KeyboardInterrupt  # the student closes the laptop mid-write

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

        def __getattr__(self, name):
            return getattr(self.fh, name)

    saves_mod.os.fdopen = lambda *a, **k: Dying(real_fdopen(*a, **k))
    try:
        with pytest.raises(KeyboardInterrupt):
            store.save("s", mini, walk(mini, "courier", 1, ["Walk", "Wait a while"]))
    finally:
        saves_mod.os.fdopen = real_fdopen
    assert store.load("s", mini).state == good
    assert [p.name for p in store.root.iterdir()] == ["s.json"]


# -- every field of a save is checked on read (a bad one never crashes a front end) ------------


def _doc(mini, store):
    store.save("s", mini, walk(mini, "courier", 1, ["Walk"]), [walk(mini, "courier", 1, [])])
    path = store.path_for("s")
    return path, json.loads(path.read_text())


@pytest.mark.parametrize(
    ("edit", "reason"),
    [
        (lambda d: d["state"].update(clock=float("inf")), "the clock is not a whole number"),
        (lambda d: d["state"].update(clock=10**20), "the clock is out of range"),
        (lambda d: d["state"].update(clock=1e20), "the clock is not a whole number"),
        (lambda d: d.update(play_seconds="abc"), "the play time is not a number"),
        (lambda d: d.update(play_seconds=float("nan")), "the play time is not a number"),
        (lambda d: d.update(history=[{"oops": 1}]), "the rewind history is incomplete"),
        (lambda d: d.update(history=5), "the rewind history is not valid"),
        (lambda d: d["state"].update(facts="card"), "facts is not a list"),
        (lambda d: d["state"]["path"].append({"scene": 1}), "a step's scene is not text"),
        (lambda d: d.update(player=["x"]), "'player' is not text"),
        (lambda d: d.update(rewinds=-1), "'rewinds' is not a whole number"),
        (lambda d: d.update(player="Zo\udce9"), "'player' holds characters that cannot be written"),
        (lambda d: d["state"]["vars"].update(name="Zo\udce9"), "a variable holds characters that cannot be"),
    ],
)
def test_every_field_is_checked_and_a_bad_save_is_damaged_not_a_crash(mini, store, edit, reason):
    path, doc = _doc(mini, store)
    edit(doc)
    path.write_text(json.dumps(doc))  # json writes Infinity/NaN as Python reads them back
    (info,) = store.list()
    assert not info.ok and reason in info.reason
    assert store.latest() is None
    with pytest.raises(SaveError, match="damaged"):
        store.load("s", mini)


def test_a_save_damaged_in_its_history_is_moved_aside_before_the_slot_is_written(mini, store):
    path, doc = _doc(mini, store)
    doc["history"] = [{"oops": 1}]
    damaged = json.dumps(doc)
    path.write_text(damaged)
    store.save("s", mini, walk(mini, "courier", 2, []))
    kept = [p for p in store.root.iterdir() if ".damaged-" in p.name]
    assert len(kept) == 1 and kept[0].read_text() == damaged


def test_a_save_made_with_an_edited_story_loads_what_still_fits(mini, store):
    path, doc = _doc(mini, store)
    doc["state"]["vars"]["courage"] = "brave"  # the author made it text, then back
    doc["state"]["vars"]["gone"] = 3
    doc["state"]["facts"] = ["card-renamed", *doc["state"]["facts"]]
    doc["state"]["path"][-1]["outcome"] = 7  # points at an outcome the story no longer has
    path.write_text(json.dumps(doc))
    loaded = store.load("s", mini)
    assert loaded.state.vars["courage"] == 1 and "gone" not in loaded.state.vars
    assert "card-renamed" not in loaded.state.facts
    assert any("Courage" in n for n in loaded.notes) and any("fact card" in n for n in loaded.notes)
    from game.story import engine

    assert engine.arrival_text(mini, loaded.state) == []
    engine.choose(mini, loaded.state, 0)  # plays on


def test_restarting_a_save_whose_scene_is_gone_keeps_the_old_save(mini, store):
    from game.story.session import Session

    session = Session(mini, store)
    session.start("courier", 1)
    session.choose(1)
    path = store.path_for("autosave-courier")
    doc = json.loads(path.read_text())
    doc["state"]["scene"] = "courier.gone"
    old = json.dumps(doc)
    path.write_text(old)
    loaded = store.load("autosave-courier", mini)
    assert loaded.scene_missing
    Session(mini, store).restart(loaded, 2)
    kept = [p for p in store.root.iterdir() if ".kept-" in p.name]
    assert len(kept) == 1 and kept[0].read_text() == old
    assert store.load("autosave-courier", mini).state.scene == "courier.start"


def test_stale_temporaries_of_killed_writes_are_cleaned_and_live_ones_kept(store):
    store.root.mkdir(parents=True)
    stale = store.root / ".autosave-radio.json.abc123.tmp"
    live = store.root / ".autosave-radio.json.def456.tmp"
    other = store.root / "notes.tmp"
    for p in (stale, live, other):
        p.write_text("x")
    os.utime(stale, (1, 1))
    assert store.clean_temporaries() == 1
    assert not stale.exists() and live.exists() and other.exists()


def test_a_failed_collect_leaves_no_empty_summary(mini, tmp_path, monkeypatch):
    from game.story import export
    from game.story.session import Session

    def full_disk(path, text):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export, "atomic_write", full_disk)
    session = Session(mini, SaveStore(tmp_path), player="Kati", class_name="7b", autosave=False)
    session.start("courier", 1)
    for _ in range(2):
        session.choose(0)
    session.choose(1)
    assert session.require().ending and session.exported == []
    assert "no space left on device" in session.last_error
    assert list((tmp_path / "7b").glob("*.json")) == []
