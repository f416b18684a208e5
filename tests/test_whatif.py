"""What if?, the endings gallery and Meanwhile, as models: counts checked by hand, caches, records."""

from __future__ import annotations

import json

import pytest

from game.story import engine, futurescache, whatif
from game.story.futures import count_futures, decision_table, named, role_endings
from game.story.gallery import Gallery
from game.story.loader import load_story
from game.story.meanwhile import has_meanwhile, lived_events, moments
from game.story.saves import SaveStore
from game.story.session import Session
from game.story.walk import pick_by_text
from tests.conftest import SCENES

HOME, CAUGHT, BACK = "courier.end.home", "courier.end.caught", "courier.end.back"

# Counted by hand from tests/fixtures/mini/courier.yaml. Courage starts at 1.
# Tram → the bridge with courage 1: "Wait a while" (once; courage 0, then only Cross: home or caught),
#   or Cross (home or caught); "Turn back bravely" needs courage 2. 2 + 2 = 4 futures.
# Walk → the bridge with courage 2: Wait (courage 1: Cross → home, caught), Cross (home, caught),
#   Turn back (home). 5 futures. Fly needs courage 3: closed, no futures.
TRAM = {HOME: 2, CAUGHT: 2}
WALK = {HOME: 2, CAUGHT: 2, BACK: 1}


@pytest.fixture(autouse=True)
def fresh_memory():
    futurescache._MEMORY.clear()
    yield
    futurescache._MEMORY.clear()


def finished(mini, tmp_path, picks=("Walk", "Turn back"), **kw) -> Session:
    session = Session(mini, SaveStore(tmp_path), **kw)
    session.start("courier", 0)
    for pick in picks:
        session.choose(pick_by_text(mini, session.require(), pick))
    return session


def test_futures_at_the_decision_match_a_hand_count(mini):
    endings = role_endings(mini, "courier")
    assert endings == [HOME, CAUGHT, BACK]
    (at_start,) = count_futures(mini, [engine.new_game(mini, "courier", 0)])
    assert at_start == {0: [2, 2, 0], 1: [2, 2, 1]} and named(at_start, endings) == {0: TRAM, 1: WALK}
    table = decision_table(mini, "courier")
    # 8 situations: the start; the bridge with courage 1 or 2, before or after waiting; and each
    # ending once (what a state holds at an ending decides nothing any more)
    assert list(table.rows.values()) == [at_start] and table.states == 8 and not table.loops


LIVENESS = """\
    sources: [{id: s, author: A, title: T, year: 2000}]
    roles:
      - id: r
        name: R
        portrait: P
        start: r.a
        variables: {tools: {initial: 0, min: 0, max: 3}, mood: {initial: 0, min: 0, max: 9}, key: false, noise: {initial: 0, max: 6}}
    facts: [{id: map, title: M, date: "1956", text: A map., cite: [s]}]
    role: r
    scenes:
      - id: r.a
        text: [{text: A.}, {if: noise >= 2, text: Loud.}]
        decision: {label: How?, history: H., cite: [s]}
        choices:
          - {text: Tinker, goto: r.b, effects: [tools += 1, noise += 1, mood += 2]}
          - {text: Wait, once: true, goto: r.a, effects: [noise += 3, clock += 1h]}
          - {text: Search, goto: r.c, effects: [mood -= 1]}
      - id: r.b
        text: B.
        facts: [map]
        choices:
          - {text: Back, goto: r.a}
          - {text: Key, if: tools >= 2, goto: r.c, effects: [key = true, tools = 0]}
          - text: Gamble
            outcomes: [{chance: 50, goto: r.a}, {chance: 50, goto: r.end2}]
      - id: r.c
        text: C.
        decision: {label: Which door?, history: H., cite: [s]}
        choices:
          - {text: Door, if: key and found(map), goto: r.end1}
          - {text: Round, if: visits(r.b) < 3 and mood <= 5, goto: r.b}
          - {text: Give up, goto: r.end2}
      - id: r.end1
        text: E1.
        ending: {title: E1, epilogue: e, cite: [s]}
      - id: r.end2
        text: E2.
        ending: {title: E2, epilogue: e, cite: [s]}
    """


def full_key(caps: dict[str, int]):
    """Every variable, card, once choice and the clock; the visits a condition asks about, counted
    as far as it can tell them apart: the key before the liveness analysis, as a reference."""

    def key(state):
        visits = tuple(sorted((k, min(n, caps[k])) for k, n in state.visits.items() if k in caps))
        return (state.scene, tuple(sorted(state.vars.items())), visits, state.facts, state.used, state.clock)

    return key


def test_the_key_leaves_out_only_what_can_no_longer_matter(story_dir, monkeypatch):
    """Walked with the key before liveness, a story gives the same coverage; without loops, the
    same futures in every decision situation (with loops, counts depend on where the walk
    entered the loop, for any key)."""
    from game.story import stategraph
    from game.story.statekey import state_key, visit_caps
    from game.tools.playtest import exhaustive

    looping = load_story(story_dir({"loops.yaml": LIVENESS}))
    once = LIVENESS.replace("{text: Back, goto: r.a}", "{text: Back, goto: r.c}")
    once = once.replace("[{chance: 50, goto: r.a}", "[{chance: 50, goto: r.c}").replace(
        "goto: r.b}\n", "goto: r.end2}\n"
    )
    caps = visit_caps(looping, "r")
    assert caps == {"r.b": 4}  # `visits(r.b) < 3`: 4 visits or 40 are alike, and the loop a → b → a ends
    for story in (looping, load_story(story_dir({"loops.yaml": once}))):
        live_cov, live = exhaustive(story, "r", 100_000), decision_table(story, "r")
        live_key = state_key(story, "r")
        with monkeypatch.context() as m:
            m.setattr(stategraph, "state_key", lambda *_a: full_key(caps))
            full_cov, full = exhaustive(story, "r", 100_000), decision_table(story, "r")
        assert live_cov.states < full_cov.states  # the point: fewer situations to walk
        for part in ("scenes", "choices", "enabled"):
            assert getattr(live_cov, part) == getattr(full_cov, part)
        assert set(live_cov.endings) == set(full_cov.endings) and live.loops == full.loops
        if story is looping:
            assert full.loops
            continue
        assert full.rows and not full.loops
        for key, vectors in full.rows.items():  # every decision situation: the futures its live key got
            scene, variables, visits, facts, used, clock = key  # the state back from its full key
            state = engine.new_game(story, "r", 0)._replace(
                scene=scene, vars=dict(variables), visits=dict(visits), facts=facts, used=used, clock=clock
            )
            assert live.rows[live_key(state)] == vectors, key


def test_what_if_shows_every_choice_with_shares_and_history(mini, tmp_path):
    session = finished(mini, tmp_path)
    (point,) = session.what_ifs()
    assert (point.step, point.scene, point.label) == (0, "courier.start", "Tram or walk?")
    assert point.history == "Most people walked." and point.cite == ["A. Author, A Book, 2000"]
    tram, walk_, fly = point.branches
    assert (tram.text, tram.total, tram.chosen) == ("Take the tram", 4, False)
    assert [(e, n) for e, _t, n in tram.endings] == [(HOME, 2), (CAUGHT, 2)]
    assert walk_.chosen and walk_.total == 5 and walk_.share(1) == pytest.approx(0.2)
    assert [t for _e, t, _n in walk_.endings] == ["Delivered", "Stopped", "Home"]
    assert not fly.enabled and fly.reason == "You cannot fly." and fly.total == 0


def test_the_second_opening_is_read_from_disk(mini, tmp_path, monkeypatch):
    first = finished(mini, tmp_path).what_ifs()
    assert list((tmp_path / ".cache").glob("whatif-*.sqlite"))
    futurescache._MEMORY.clear()  # a new process: only the file is left

    def no_walk(*_args):
        raise AssertionError("walked again")

    monkeypatch.setattr(whatif, "decision_table", no_walk)
    monkeypatch.setattr(whatif, "count_futures", no_walk)
    again = finished(mini, tmp_path, picks=("Take the tram", "Cross")).what_ifs()
    assert [b.endings for b in again[0].branches] == [b.endings for b in first[0].branches]


def test_a_game_waits_for_another_game_walking_the_same_role(mini, tmp_path, monkeypatch):
    import threading

    from game.story.futurescache import FuturesCache

    session = finished(mini, tmp_path)
    other = FuturesCache(tmp_path / ".cache", mini)
    assert other.claim("courier", False) and not other.claim("courier", False)  # another tab is walking

    def walk_elsewhere():
        other.store("courier", False, {start_key(mini): {0: [2, 2, 0], 1: [2, 2, 1]}}, [], whole_role=True)
        other.release("courier", False)

    monkeypatch.setattr(whatif, "decision_table", lambda *_a: pytest.fail("walked twice"))
    threading.Timer(0.3, walk_elsewhere).start()
    (point,) = session.what_ifs()
    assert [b.total for b in point.branches] == [4, 5, 0]


def start_key(mini) -> str:
    from game.story.statekey import key_text, state_key

    return key_text(state_key(mini, "courier")(engine.new_game(mini, "courier", 0)))


def test_the_short_version_is_walked_and_cached_apart(mini, tmp_path, monkeypatch):
    walks = []
    real = whatif.decision_table
    monkeypatch.setattr(whatif, "decision_table", lambda *a: walks.append(a[2]) or real(*a))
    finished(mini, tmp_path).what_ifs()
    finished(mini, tmp_path, short=True).what_ifs()
    finished(mini, tmp_path, short=True).what_ifs()
    assert walks == [False, True]


def test_a_damaged_cache_only_means_counting_again(mini, tmp_path):
    cache = tmp_path / ".cache"
    cache.mkdir()
    (cache / f"whatif-{mini.fingerprint}.sqlite").write_text("not a database")
    (point,) = finished(mini, tmp_path).what_ifs()
    assert point.branches[1].total == 5
    assert (cache / f"whatif-{mini.fingerprint}.sqlite").read_text() == "not a database"


def test_play_it_goes_back_to_the_decision_with_the_state_you_had(mini, tmp_path):
    session = finished(mini, tmp_path)
    assert session.state.ending == BACK
    assert session.back_to(0)
    assert session.state.scene == "courier.start" and session.state.vars["courage"] == 1
    assert session.history == [] and session.rewinds == 1
    locked = finished(mini, tmp_path / "b", rewind=False)
    assert not locked.back_to(0) and locked.state.ending == BACK


def test_a_student_who_goes_back_from_an_ending_hands_in_one_summary(mini, tmp_path):
    session = finished(mini, tmp_path, class_name="7b")
    assert session.rewind()  # from the ending, one choice back
    session.choose(pick_by_text(mini, session.require(), "Cross"))
    (summary,) = (tmp_path / "7b").glob("*.json")
    data = json.loads(summary.read_text())
    assert data["ending_id"] in (HOME, CAUGHT) and data["rewinds"] == 1


def test_gallery_keeps_endings_across_games_with_hints_for_the_rest(mini, tmp_path):
    finished(mini, tmp_path)
    finished(mini, tmp_path, picks=("Walk", "Turn back"))
    (courier,) = Gallery(tmp_path).view(mini)
    assert courier.line() == "1 of 3 endings found" and [f.title for f in courier.found] == ["Home"]
    assert courier.hints == ["someone who got the letter through", "an ending not found yet"]
    assert Gallery(tmp_path).counts(mini) == (1, 3)
    assert [i.slot for i in SaveStore(tmp_path).list()] == ["autosave-courier"]  # never listed as a save


def test_a_damaged_gallery_is_kept_aside_and_a_new_one_starts(mini, tmp_path):
    (tmp_path / ".endings.json").write_text("{broken")
    finished(mini, tmp_path)
    assert Gallery(tmp_path).counts(mini) == (1, 3)
    (aside,) = tmp_path.glob(".endings.json.damaged-*")
    assert aside.read_text() == "{broken"


def test_a_student_has_their_own_gallery(mini, tmp_path):
    from game.story.roster import Roster

    kati = Roster(tmp_path / "7b").enrol("Kati")
    session = Session(mini, SaveStore(tmp_path), class_name="7b")
    session.join(kati)
    session.start("courier", 0)
    for pick in ("Walk", "Turn back"):
        session.choose(pick_by_text(mini, session.require(), pick))
    assert Gallery(kati.folder).counts(mini) == (1, 3)
    assert Gallery(tmp_path).counts(mini) == (0, 3)


# -- Meanwhile and the timeline -------------------------------------------------------------------

STORY = load_story(SCENES)


def test_meanwhile_shows_the_other_roles_at_the_same_moment():
    assert has_meanwhile(STORY, "radio.oct23.siege") and not has_meanwhile(STORY, "radio.south.bus")
    (siege,) = moments(STORY, "radio.oct23.siege")
    assert siege.title == "Shooting at the radio building" and siege.when == "Tue 23 Oct 1956, 21:00"
    sides = {o.role: o for o in siege.others}
    assert set(sides) == {"resident", "journalist"}
    assert sides["resident"].where == "Outside the Radio, Bródy Sándor utca"
    assert sides["resident"].when == "Tue 23 Oct 1956, 22:00"
    assert all(o.text for o in siege.others)  # every crossing event has its meanwhile texts


def test_every_crossing_event_has_a_meanwhile_text_for_each_role_that_lives_it():
    """Events shown only by endings (the reburial of 1989) are never a scene a player stands in."""
    playing = {e for s in STORY.scenes.values() if s.ending is None for e in s.events}
    for event, roles in STORY.crossing_events().items():
        assert set(STORY.timeline[event].meanwhile) == (roles if event in playing else set()), event


def path_to(story, role: str, scene: str) -> list[int]:
    """The first choices (breadth first) that lead from the role's start to ``scene``."""
    queue = [(engine.new_game(story, role, 1), [])]
    while queue:
        state, picks = queue.pop(0)
        if state.scene == scene:
            return picks
        for view in engine.choices(story, state):
            if view.enabled:
                queue.append((engine.choose(story, state, view.index), [*picks, view.index]))
    raise AssertionError(f"no path to {scene}")


def test_meanwhile_tells_what_classmates_in_other_roles_chose(tmp_path):
    from game.story.roster import Roster

    roster = Roster(tmp_path / "7b")
    before = path_to(STORY, "resident", "resident.oct23.radio")
    students = (("Kati", "Get out"), ("Bence", "Get out"), ("Anna", "Help carry"), ("Zoli", None))
    for name, pick in students:
        session = Session(STORY, SaveStore(tmp_path), class_name="7b")
        student = roster.enrol(name)
        session.join(student)
        session.start("resident", 1)
        for index in before:
            session.choose(index)
        state = session.require()
        session.choose(pick_by_text(STORY, state, pick) if pick else 0)
        while session.require().ending is None:
            session.choose(next(v.index for v in engine.choices(STORY, session.require()) if v.enabled))
    (siege,) = moments(STORY, "radio.oct23.siege", tmp_path / "7b", student=student.id)
    resident = next(o for o in siege.others if o.role == "resident")
    assert resident.chose == [
        ("Get out before it gets worse", 2),
        ("Help carry the wounded boy to the clinics on Üllői út", 1),
    ]  # Zoli's own summary is not a classmate's


def test_the_timeline_you_lived_is_in_time_order():
    state = engine.new_game(STORY, "resident", 1)
    for index in path_to(STORY, "resident", "resident.oct23.radio"):
        state = engine.choose(STORY, state, index)
    lived = [(e.id, e.when) for e in lived_events(STORY, state)]
    ids = [e for e, _ in lived]
    assert ids.index("demonstration-1023") < ids.index("nagy-parliament-1023")  # 15:00 before an undated evening
    assert dict(lived)["demonstration-1023"] == "Tue 23 Oct 1956, 15:00"
    assert lived_events(STORY, state)[ids.index("demonstration-1023")].also == ["the journalist", "the radio operator"]
