"""The radio operator's role: size, and a known path to every ending."""

from pathlib import Path

from game.story.loader import load_story
from game.story.walk import walk

STORY = load_story(Path(__file__).resolve().parent.parent / "scenes")

# The quiet path: a technician who keeps her head down from 23 October to 4 November.
QUIET_START = [
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
    '"I am sorry. Without them',
    "Clear the desk",
    "Put the statement on a loop",
    "Switch off the lights",
    "Open the microphone and hold the line",
    "Put the appeal out again",
    "Leave everything where it is",
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


def test_role_size():
    scenes = [s for s in STORY.scenes.values() if s.role == "radio"]
    endings = [s for s in scenes if s.ending is not None]
    assert len(scenes) >= 25
    assert len(endings) >= 4


def test_microphone_ending():
    state = walk(
        STORY,
        "radio",
        seed=1,
        picks=QUIET_START
        + [
            "Wait and see what the radio wants",
            "Sign both sheets",
        ],
    )
    assert state.ending == "radio.end.microphone"
    assert state.vars["record"] <= 5


def test_silenced_ending():
    state = walk(
        STORY,
        "radio",
        seed=1,
        picks=QUIET_START
        + [
            "Wait and see what the radio wants",
            "Refuse to sign the statement",
            "Sign for your dismissal",
        ],
    )
    assert state.ending == "radio.end.silenced"


def test_trial_ending():
    state = walk(
        STORY,
        "radio",
        seed=1,
        picks=LOUD_START
        + [
            "Wait and see what the radio wants",
            "Refuse to sign the statement",
            "Ask for the conscript",
            "Hear what they have decided",
        ],
    )
    assert state.ending == "radio.end.trial"
    assert state.vars["aired_fighters"] and state.vars["soldier_spoke"]
    assert state.vars["record"] >= 6


def test_exile_ending():
    state = walk(
        STORY,
        "radio",
        seed=EXILE_SEED,
        picks=QUIET_START
        + [
            "Pack a small bag for the border",
            "Cross the bridge with the others",
        ],
    )
    assert state.ending == "radio.end.exile"


def test_rakoczi_ending():
    picks = QUIET_START[:14] + [
        "Give him the box of valves",
        "Clear the desk",
        "Put the statement on a loop",
        "Switch off the lights",
        "Open the microphone and hold the line",
        "Put the appeal out again",
        "Leave everything where it is",
        "Find a lorry heading south",
        "Keep your head down and ride on",
        "Cue the families' messages",
        "Walk back into the town",
    ]
    state = walk(STORY, "radio", seed=RAKOCZI_SEED, picks=picks)
    assert state.ending == "radio.end.rakoczi"
    assert state.vars["gave_valves"]


EXILE_SEED = 2
RAKOCZI_SEED = 1
