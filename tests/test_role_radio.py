"""The radio operator's role: a known path to every ending, and continuity (helpers in conftest.py)."""

import pytest

from game.story import engine
from game.story.walk import pick_by_text, walk
from tests.conftest import KnownPath, play_known_path, shipped_story, shown

STORY = shipped_story()

ROLE = "radio"

# The quiet path: a technician who keeps her head down from 23 October to 4 November.
QUIET_TO_THE_AIRPORT = [
    "Stay at your desk",
    "Keep the levels steady",
    "Stay down behind the desk",
    "Nod. It is not your text",
    "Splice the cables",
    "Put out the typed sheet",
    '"Play music.',
    '"No. Everything here is watched',
    "Stay and nurse the old valves",
    '"I keep the line open',
    "Ring the railway dispatcher",
    "Let it go out once",
    '"I am sorry. This line is for our own broadcast."',
    "Ask the editor to ring the airport",
]
# The dawn of 4 November, lived the same way after either answer about the valves
QUIET_NOV4 = [
    "Clear the desk",
    "Put the statement on a loop",
    "Switch off the lights",
    "Open the microphone and hold the line",
    "Put the appeal out again",
    "Leave everything where it is",
]
QUIET_START = [
    *QUIET_TO_THE_AIRPORT,
    '"I am sorry. Without them',
    *QUIET_NOV4,
    "Go back to the desk and wait",
    "Walk home through the dark city",
]

# The committed path: the brother's points, the hospital notes, the fighters' message, the committee.
LOUD_START = [
    "Go down to the gate",
    "Take his copy of the points",
    "Slip Laci's paper",
    "Show him the back stairs",
    'Let the line "fail"',
    "Splice the cables",
    "Pass the hospital notes",
    "Go down with the engineers",
    "Slip the message in between two records",
    "Stay and nurse the old valves",
    "Write your name on the list",
    "Put it first in the eight o'clock news",
    "Log the correction",
    "Run the second machine",
    "Patch him through",
    "Cue the announcer",
    '"I am sorry. Without them',
    "Clear the desk",
    "Put the statement on a loop",
    "Keep the monitor on",
    "Open the microphone and hold the line",
    "Put the appeal out again",
    "Hide the biscuit tin under your coat",
    "Go back to the desk and wait",
    "Walk home through the dark city",
]

EXILE_SEED = 2
RAKOCZI_SEED = 1

PATHS = [
    KnownPath(
        "radio.end.microphone",
        seed=1,
        picks=QUIET_START + ["Wait and see what the radio wants", "Sign both sheets"],
        check=lambda v: v["record"] <= 5,
    ),
    KnownPath(
        "radio.end.silenced",
        seed=1,
        picks=QUIET_START
        + ["Wait and see what the radio wants", "Refuse to sign the statement", "Sign for your dismissal"],
    ),
    KnownPath(
        "radio.end.trial",
        seed=1,
        picks=LOUD_START
        + [
            "Wait and see what the radio wants",
            "Refuse to sign the statement",
            "Ask for the conscript",
            "Hear what they have decided",
        ],
        check=lambda v: v["aired_fighters"] and v["soldier_spoke"] and v["record"] >= 6,
    ),
    KnownPath(
        "radio.end.exile",
        seed=EXILE_SEED,
        picks=QUIET_START + ["Pack a small bag for the border", "Cross the bridge with the others"],
    ),
    KnownPath(
        "radio.end.rakoczi",
        seed=RAKOCZI_SEED,
        picks=[
            *QUIET_TO_THE_AIRPORT,
            "Give him your last spare valves",
            *QUIET_NOV4,
            "Find a lorry heading south",
            "Keep your head down and ride on",
            "Cue the families' messages",
            "Walk back into the town",
        ],
        check=lambda v: v["gave_valves"],
    ),
]


@pytest.mark.parametrize("path", PATHS, ids=str)
def test_known_path_reaches_its_ending(path):
    play_known_path(STORY, ROLE, path)


# -- continuity: a passage shows only after the act it presumes (issue #16 §2) -------------------


def _texts(state) -> list[str]:
    return [c.text for c in engine.choices(STORY, state)]


def _step(state, pick: str, outcome: int | None = None):
    return engine.choose(STORY, state, pick_by_text(STORY, state, pick), force_outcome=outcome)


def test_the_valves_you_can_give_are_the_valves_you_have():
    at_store = QUIET_START[:8]
    handcart = _step(walk(STORY, "radio", seed=1, picks=at_store), "Walk to Bródy Sándor utca", outcome=0)
    burnt = _step(walk(STORY, "radio", seed=1, picks=at_store), "Walk to Bródy Sándor utca", outcome=1)
    stayed = walk(STORY, "radio", seed=1, picks=at_store + ["Stay and nurse the old valves"])
    assert "two batteries and no valves" in shown(STORY, burnt)
    rest = QUIET_START[9:14]
    for state, has_box in ((handcart, True), (burnt, False), (stayed, False)):
        for pick in rest:
            state = _step(state, pick)
        assert state.scene == "radio.nov03.valves"
        assert ("the box from the store" in shown(STORY, state)) is has_box
        assert ("a handful in the drawer" in shown(STORY, state)) is not has_box
        assert ("Give him half the box of valves" in _texts(state)) is has_box
        assert ("Give him your last spare valves" in _texts(state)) is not has_box


def test_laci_leaves_when_the_guns_start_not_before():
    crowd = walk(STORY, "radio", seed=1, picks=QUIET_START[:15] + ["Ring home on the railway line"])
    assert crowd.scene == "radio.nov04.nagy" and crowd.vars["laci"] == "crowd"
    assert "as soon as they heard the guns" in shown(STORY, crowd) and "at three" not in shown(STORY, crowd)
    quiet = walk(STORY, "radio", seed=1, picks=QUIET_START[:16])
    assert "Mother said" not in shown(STORY, quiet)


def test_copies_are_wiped_only_when_copies_were_kept():
    none_kept = walk(STORY, "radio", seed=1, picks=QUIET_START[:20])
    assert none_kept.scene == "radio.nov04.silence" and none_kept.vars["tapes"] == 0
    assert not any("your biscuit tin too" in t for t in _texts(none_kept))
    assert "Wipe the station's reels on the bulk eraser" in _texts(none_kept)
    kept = walk(STORY, "radio", seed=1, picks=LOUD_START[:19] + ["Switch off the lights"] + LOUD_START[20:22])
    assert kept.scene == "radio.nov04.silence" and kept.vars["tapes"] >= 1 and kept.vars["power"] >= 1
    assert "Wipe the reels on the bulk eraser, and your biscuit tin too" in _texts(kept)
    assert "Wipe the station's reels on the bulk eraser" not in _texts(kept)


def _kept_a_copy(picks: list[str]) -> list[str]:
    """``picks`` with the neutrality speech copied on machine two instead of let go."""
    return ["Run the second machine" if p == "Let it go out once" else p for p in picks]


def test_the_hidden_tin_is_never_forgotten():
    # home: the tin goes behind the coal, and that is where the police find it
    home = walk(STORY, "radio", seed=1, picks=LOUD_START)
    assert home.scene == "radio.nov10.home" and home.vars["tapes"] >= 1
    assert "behind the coal in the cellar" in shown(STORY, home)
    filed = walk(STORY, "radio", seed=1, picks=LOUD_START + ["Wait and see", "Refuse to sign the statement"])
    assert filed.scene == "radio.dec.file" and filed.vars["reels_taken"]
    assert "The caretaker found it behind the coal" in shown(STORY, filed)
    assert "border guards found it" not in shown(STORY, filed)
    # south: the tin spends the winter under the hostel floor, and Mother's letter answers for Laci
    south = _kept_a_copy(QUIET_TO_THE_AIRPORT) + ["Give him your last spare valves"]
    south += [p if p != "Leave everything where it is" else "Hide the biscuit tin" for p in QUIET_NOV4]
    state = walk(STORY, "radio", seed=RAKOCZI_SEED, picks=south + ["Find a lorry heading south"])
    assert "The tin under your coat presses against your ribs" in shown(STORY, state)
    for pick, outcome in (("Keep your head down", 0), ("Cue the families' messages", None), ("Walk back", None)):
        state = _step(state, pick, outcome)
    assert state.ending == "radio.end.rakoczi" and state.vars["tapes"] >= 1
    assert "under a loose floorboard of the hostel" in shown(STORY, state)
    assert "Her answer comes in December" in shown(STORY, state)
    assert "not on any of the station's tapes" not in shown(STORY, state)  # the columns were not aired


def test_a_lorry_turned_back_is_remembered_at_home():
    picks = QUIET_TO_THE_AIRPORT + ["Give him your last spare valves", *QUIET_NOV4, "Find a lorry heading south"]
    turned = _step(walk(STORY, "radio", seed=1, picks=picks), "Keep your head down", outcome=1)
    assert turned.scene == "radio.nov10.home"
    assert "at the edge of Budapest" in shown(STORY, turned) and "You never reached Dunapentele" in shown(STORY, turned)
    walked = walk(STORY, "radio", seed=1, picks=QUIET_START)
    assert walked.scene == "radio.nov10.home" and "Dunapentele" not in shown(STORY, walked)


def test_listeners_rise_when_free_kossuth_goes_on_the_air():
    # the quiet path: the valves nursed (nothing for listeners), then the first Free Kossuth broadcast
    before = walk(STORY, "radio", seed=1, picks=QUIET_START[:8])
    free = _step(before, "Stay and nurse the old valves")
    assert free.scene == "radio.oct30.free"
    assert free.vars["listeners"] == before.vars["listeners"] + 1
    silence = walk(STORY, "radio", seed=1, picks=QUIET_START[:20])
    assert silence.scene == "radio.nov04.silence"
    assert silence.vars["listeners"] >= free.vars["listeners"] + 3  # Nagy, the appeals: people listened


def test_rakoczi_columns_only_for_whoever_aired_them():
    # the fighters' message at the ceasefire, then the families' messages on the bus
    picks = QUIET_START[:7] + ["Slip the message in between two records"] + QUIET_START[8:14]
    picks += ["Give him your last spare valves"] + QUIET_START[15:20] + ["Leave everything where it is"]
    picks += ["Find a lorry heading south", "Keep your head down and ride on", "Cue the families' messages"]
    state = walk(STORY, "radio", seed=RAKOCZI_SEED, picks=picks + ["Walk back into the town"])
    assert state.ending == "radio.end.rakoczi" and state.vars["aired_fighters"]
    assert "Soviet columns were in your handwriting" not in shown(STORY, state)


def test_the_1989_epilogue_does_not_contradict_itself():
    epilogue = " ".join(STORY.scenes["radio.end.microphone"].ending.epilogue.split())
    assert "28 January 1989" in epilogue and "Pozsgay" in epilogue and "popular uprising" in epilogue
    assert "Only then" not in epilogue


# -- the short version ----------------------------------------------------------------------------


def test_short_version_keeps_the_choice_the_player_made():
    gate = engine.choose(STORY, engine.new_game(STORY, "radio", 1, short=True), 0)
    assert gate.scene == "radio.oct23.gate"  # looking for Laci finds him, even in the short version
    # a thick file and "say nothing" must not end in a mere dismissal
    state = engine.new_game(STORY, "radio", 1, short=True)
    for pick in [
        "Go down to the gate",
        "Take his copy",
        "Show him the back stairs",
        'Let the line "fail"',
        "Write your name on the list",
        "Give him your last spare valves",
        "Loop it, and run a copy",
        "Hide the biscuit tin",
        "Go back to the desk and wait",
        "Refuse to sign",
        "Say nothing, and hope",
    ]:
        state = _step(state, pick)
    assert state.scene == "radio.dec.wait" and state.vars["record"] >= 6
    assert _texts(state)[0] == "Go down to the car"


def test_short_version_goes_from_the_bus_to_the_last_free_station():
    state = engine.new_game(STORY, "radio", 1, short=True)
    for pick in ["Stay at your desk", "Stay down", "Nod.", '"I keep the line open', "Give him your last spare"]:
        state = _step(state, pick)
    for pick in ["Put the statement on a loop", "Leave everything where it is", "Find a lorry heading south"]:
        state = _step(state, pick)
    assert state.scene == "radio.nov05.bus"
    state = _step(state, "Cue the families")  # the last broadcast of 7 November is passed over
    assert state.ending == "radio.end.rakoczi" and "For two days you cue the names" in shown(STORY, state)
    assert "The bus is found, stripped, behind a warehouse" in shown(STORY, state)


def test_short_version_never_mentions_a_plane_nobody_announced():
    state = engine.new_game(STORY, "radio", 1, short=True)
    for pick in ["Stay at your desk", "Stay down", "Nod.", '"I keep the line open']:
        state = _step(state, pick)
    assert state.scene == "radio.nov03.valves"
    assert "No plane" not in shown(STORY, state)
