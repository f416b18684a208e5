"""The radio operator's role: a known path to every ending (helpers in conftest.py)."""

import pytest

from tests.conftest import KnownPath, play_known_path

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
    "Hide your copies under your coat",
    "Go back to the desk and wait",
    "Walk home through the dark city",
]

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
        seed=2,
        picks=QUIET_START + ["Pack a small bag for the border", "Cross the bridge with the others"],
    ),
    KnownPath(
        "radio.end.rakoczi",
        seed=1,
        picks=[
            *QUIET_TO_THE_AIRPORT,
            "Give him the box of valves",
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
def test_known_path_reaches_its_ending(shipped, path):
    play_known_path(shipped, ROLE, path)
