"""The Budapest resident: a known path to every ending, and continuity (helpers in conftest.py)."""

import pytest

from game.story.walk import pick_by_text, walk
from tests.conftest import KnownPath, play_known_path, shipped_story, shown

STORY = shipped_story()

ROLE = "resident"

# Feri stays out of the fighting: home on the 23rd, keeps Pisti home, shares the
# bread, carries the wounded boy to the clinic, keeps off the council list.
QUIET = [
    "Go home to Práter utca first",
    "Stay in and help Mother",
    "Stay with Mother and Kati",
    "Lie down and try to sleep",
    "Take the bottles off him",
    "Break the loaf",
    "Carry him to the clinics",
    "Give blood",
    "Go to the works",
    "Vote for Jóska instead",
    "Nobody is coming for us",
    "Walk with Kati",
    "Take Mother and Kati down to the cellar",
    "Stay below with your family",
    "Climb up into the daylight",
    "Go to the works and see who is left",
    "Strike with the others",
]

# Feri takes a rifle at the Radio, fights at Corvin köz, poses for the photograph,
# sits on the workers' council and keeps the rifle.
FIGHTER = [
    "March with Jóska",
    "Cross the river with the crowd",
    "Head for the Radio",
    "Take the rifle the soldier holds out",
    "Lie down and try to sleep",
    "Go with Pisti to Corvin köz",
    "Take a rifle and a place at a window",
    "Take it all home",
    "Hide him in your flat",
    "Go and see Corvin köz",
    "Stand with the lads for the photograph",
    "Put a day's wages in the box",
    "Let them put your name on the council",
    "The West can't leave us alone now",
    "Walk with Kati",
]

FIGHTER_AT_THE_PASSAGE = FIGHTER + ["Run to the passage", "Stay and fight from the windows"]

PATHS = [
    # seed 1: the paid guide leads the way through the marsh (the 85% outcome)
    KnownPath(
        "resident.end.border",
        seed=1,
        picks=QUIET + ["Leave for Austria", "Pay the boy to guide you", "Cross the bridge"],
        check=lambda v: v["exposure"] < 6,
    ),
    KnownPath(
        "resident.end.stayed",
        seed=1,
        picks=QUIET
        + [
            "Stay: this is your home",
            "Let her go, and keep Kati at home",
            "Stay at home, keep your head down",
        ],
        check=lambda v: v["shared_bread"] is True and v["pisti"] == "home",
    ),
    # no chance involved: the hidden rifle and the photograph decide it
    KnownPath(
        "resident.end.interned",
        seed=1,
        picks=FIGHTER
        + [
            "Take Mother and Kati down to the cellar",
            "Stay below with your family",
            "Climb up into the daylight",
            "Go to the works and see who is left",
            "Go as the works' delegate",
            "Stay: this is your home",
            "Beg her to stay home",
            "Stay at home and wait for whatever comes",
            "Go with them",
        ],
        check=lambda v: v["gun"] == "home" and v["photographed"] is True,
    ),
    # the same quiet life, but with a rifle from the Radio dropped in the Danube
    KnownPath(
        "resident.end.stayed",
        seed=1,
        picks=[
            "Go home to Práter utca first",
            "Go out and find the march",
            "Head for the Radio",
            "Take the rifle the soldier holds out",
            *QUIET[3:],
            "Stay: this is your home",
            "Beg her to stay home",
            "Drop the rifle in the Danube",
            "Stay at home, keep your head down",
        ],
        check=lambda v: v["gun"] == "river",
    ),
    KnownPath("resident.end.wounded", seed=1, picks=FIGHTER_AT_THE_PASSAGE),
    KnownPath("resident.end.fallen", seed=10, picks=FIGHTER_AT_THE_PASSAGE),
]


@pytest.mark.parametrize("path", PATHS, ids=str)
def test_known_path_reaches_its_ending(path):
    play_known_path(STORY, ROLE, path)


def test_caught_at_the_border_and_sent_home():
    # seed 1: without a guide, the group walks into a Soviet patrol (the 35% outcome);
    # a man the police do not know is sent back to Budapest and can stay
    border = [
        "Leave for Austria",
        "Follow the others into the dark",
        "Tell them you were visiting an aunt",
        "Beg her to stay home",
        "Stay at home, keep your head down",
    ]
    state = play_known_path(STORY, ROLE, KnownPath("resident.end.stayed", seed=1, picks=QUIET + border))
    assert state.visits.get("resident.nov21.caught") == 1


# -- continuity: a passage shows only after the act it presumes (issue #16 §2) -------------------


def test_back_stairs_only_after_going_out():
    home = walk(STORY, "resident", seed=1, picks=QUIET[:3])
    assert home.scene == "resident.oct23.night"
    assert "back stairs" not in shown(STORY, home)
    assert "Nobody in the house goes to bed" in shown(STORY, home)
    radio = walk(STORY, "resident", seed=1, picks=QUIET[:2] + ["Go and see what the shooting is", "Get out"])
    assert "You come up the back stairs" in shown(STORY, radio)


def test_caretaker_is_friendlier_only_after_the_coal_or_the_bread():
    # trust 4 without the coal or the bread: the helper at the Radio who stops Pisti
    picks = [
        "March with Jóska",
        "Cross the river with the crowd",
        "Head for the Radio",
        "Help carry the wounded boy",
        "Lie down and try to sleep",
        "Take the bottles off him",
        "Take it all home",
    ]
    state = walk(STORY, "resident", seed=1, picks=picks)
    assert state.scene == "resident.oct27.stairwell" and state.vars["trust"] >= 3
    assert "friendlier" not in shown(STORY, state) and "about the bread" not in shown(STORY, state)
    coal = walk(STORY, "resident", seed=1, picks=QUIET[:5] + ["Take it all home"])
    assert "since you carried her coal;" in shown(STORY, coal)


def test_burns_only_for_whoever_filled_bottles():
    to_ruins = ["Take Mother and Kati down to the cellar", "Stay below with your family", "Climb up into the daylight"]
    rifle_only = walk(STORY, "resident", seed=1, picks=FIGHTER + to_ruins)
    assert rifle_only.scene == "resident.nov12.ruins" and rifle_only.vars["part"] == "fighter"
    assert "burn" not in shown(STORY, rifle_only)
    bottles = FIGHTER[:6] + ["Fill bottles in the courtyard"] + FIGHTER[7:] + to_ruins
    assert "petrol burn" in shown(STORY, walk(STORY, "resident", seed=1, picks=bottles))


def test_bottles_and_rifle_reach_the_queue_differently():
    at_passage = FIGHTER[:6]
    bottles = walk(STORY, "resident", seed=1, picks=at_passage + ["Fill bottles"])
    rifle = walk(STORY, "resident", seed=1, picks=at_passage + ["Take a rifle and a place at a window"])
    assert bottles.scene == rifle.scene == "resident.oct26.queue"
    assert "fill bottles" in shown(STORY, bottles) and "smell of petrol" in shown(STORY, bottles)
    assert "window over Üllői út" in shown(STORY, rifle) and "smell of petrol" not in shown(STORY, rifle)


def test_the_delegate_sees_the_citywide_council_founded():
    picks = FIGHTER + [
        "Take Mother and Kati down to the cellar",
        "Stay below with your family",
        "Climb up into the daylight",
        "Go to the works and see who is left",
        "Go as the works' delegate",
    ]
    state = walk(STORY, "resident", seed=1, picks=picks)
    assert state.scene == "resident.nov18.choice"
    assert "Central Workers' Council" in shown(STORY, state)


# -- a fresh reader's pass: people, objects and words are introduced before they are used ------


def test_nagy_is_introduced_where_parliament_was_skipped():
    quiet = walk(STORY, "resident", seed=1, picks=QUIET[:8])
    assert quiet.scene == "resident.oct28.ceasefire"
    assert "Imre Nagy speaks on the radio" in shown(STORY, quiet) and "again" not in shown(STORY, quiet)
    fighter = walk(STORY, "resident", seed=1, picks=FIGHTER[:9])
    assert fighter.scene == "resident.oct28.ceasefire"
    assert "Nagy speaks again" in shown(STORY, fighter)


def test_nagy_is_introduced_in_the_short_version_too():
    from game.story import engine

    state = engine.new_game(STORY, "resident", 1, short=True)
    for pick in FIGHTER[:2] + ["Take the rifle", "Let him go", "Vote for Jóska"]:
        state = engine.choose(STORY, state, pick_by_text(STORY, state, pick))
    assert state.scene == "resident.nov01.rfe"
    assert "the new prime minister, [[imre-nagy]]" in shown(STORY, state)


def test_the_guide_is_paid_with_what_the_player_was_shown():
    train = walk(STORY, "resident", seed=1, picks=QUIET + ["Leave for Austria"])
    assert train.scene == "resident.nov20.train"
    assert "bacon your mother packed" in shown(STORY, train) and "father's watch" in shown(STORY, train)


def test_the_rifle_from_the_passage_goes_under_the_bed():
    rifle = walk(STORY, "resident", seed=1, picks=FIGHTER[:6] + ["Take a rifle and a place at a window"])
    assert "push it under your bed" in shown(STORY, rifle)
