"""The Budapest resident: a known path to every ending (helpers in conftest.py)."""

import pytest

from tests.conftest import KnownPath, play_known_path

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
    "Go and see Corvin köz in daylight",
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
def test_known_path_reaches_its_ending(shipped, path):
    play_known_path(shipped, ROLE, path)


def test_caught_at_the_border_and_sent_home(shipped):
    # seed 1: without a guide, the group walks into a Soviet patrol (the 35% outcome);
    # a man the police do not know is sent back to Budapest and can stay
    border = [
        "Leave for Austria",
        "Follow the others into the dark",
        "Tell them you were visiting an aunt",
        "Beg her to stay home",
        "Stay at home, keep your head down",
    ]
    state = play_known_path(shipped, ROLE, KnownPath("resident.end.stayed", seed=1, picks=QUIET + border))
    assert state.visits.get("resident.nov21.caught") == 1
