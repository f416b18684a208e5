"""The journalist role: a known path to every ending (helpers in conftest.py).

Each path is walked by choice text (see game.story.walk) with a seed that gives the needed
outcome where a choice has chances (the patrol on 4 November, the border).
"""

import pytest

from game.story.engine import choices
from game.story.walk import walk
from tests.conftest import KnownPath, play_known_path

ROLE = "journalist"

# 23 October – 3 November: a careful reporter who checks before filing.
CAREFUL_START = [
    "Join the students",
    "Copy the Sixteen Points",
    "Run to the radio building",
    "Note what you saw",
    "Send it as it stands",
    "Work the telephones",
    "Get back to the newsroom",
    "Write only what you saw",
    "Give Laci your notes",
    "share what is on",
    "Add a piece",
    "Check the reports",
    "Go to the British legation",
    "Tell Berkes",
    "Take the night shift",
    "Copy every line",
    "Stay by the machine",
    "Listen to the radio",
]

# 23 October – 3 November: a reporter who signs, slips lines onto the wire and files rumours.
BOLD_START = [
    "Go straight to Parliament",
    "Follow the crowd to the Stalin statue",
    "Follow the lorry",
    "Help carry the wounded",
    "slip your own eyewitness lines",
    "Go out and see the Nagykörút",
    "Get back to the newsroom",
    "Write it as the city tells it",
    "sign it with your own name",
    "keep your own notes to yourself",
    "Let Ruth write it",
    "File what the hotel wants to hear",
    "Put it on the wire",
    "Take the night shift",
    "Go to the window",
    "Stay by the machine",
    "Listen to the radio",
]

# 4 November onwards for the careful reporter, up to the bridge at Andau
TO_THE_BRIDGE = [
    "Run along the embankment",
    "Read her the posters",
    "Go and count",
    "Tell him the truth",
    "Keep it - if",
    "Leave for the Austrian border",
    "Make for the bridge",
]
# 4 November onwards for the bold reporter, up to the committee
BOLD_AFTER = ["Go home to your mother", "Say nothing", "Give her the number", "help may still come"]
BEFORE_THE_COMMITTEE = BOLD_START + BOLD_AFTER + ["Give Ruth the notebook", "Refuse, and join the journalists' strike"]

PATHS = [
    KnownPath(
        "journalist.end.andau",
        seed=2,
        picks=CAREFUL_START + TO_THE_BRIDGE,
        check=lambda v: v["copied_telex"] is True and v["courier"] == "self" and v["credibility"] >= 7,
    ),
    # seed 9: caught at the border
    KnownPath(
        "journalist.end.prison", seed=9, picks=CAREFUL_START + TO_THE_BRIDGE, check=lambda v: v["sheet"] is False
    ),
    # the illegal sheet
    KnownPath(
        "journalist.end.prison",
        seed=1,
        picks=CAREFUL_START
        + [
            "Mr Hollis at the British legation",
            "Leave your account with him",
            "Tell her the truth",
            "Tell him the truth",
            "Give Ruth the notebook",
            "Print what really happens",
            "Keep printing",
        ],
        check=lambda v: v["sheet"] is True and v["courier"] == "convoy",
    ),
    KnownPath(
        "journalist.end.interned",
        seed=1,
        picks=BEFORE_THE_COMMITTEE + ["Refuse, and go home to wait"],
        check=lambda v: v["risk"] >= 6 and v["filed_thirty"] is True and v["byline"] is True,
    ),
    KnownPath(
        "journalist.end.silence",
        seed=1,
        picks=CAREFUL_START
        + [
            "Go home to your mother",
            "Say nothing",
            "Tell her the truth",
            "Tell him the truth",
            "Burn it",
            "Refuse, and join the journalists' strike",
            "Refuse, and clear your desk",
        ],
        check=lambda v: v["risk"] < 6 and v["struck"] is True,
    ),
    KnownPath(
        "journalist.end.newline",
        seed=1,
        picks=BOLD_START + BOLD_AFTER + ["Keep it - if", "Write it - somebody", "Put it on the wire, as it stands"],
        check=lambda v: v["filed_rumour"] is True,
    ),
]


@pytest.mark.parametrize("path", PATHS, ids=str)
def test_known_path_reaches_its_ending(shipped, path):
    play_known_path(shipped, ROLE, path)


def test_refusing_the_committee_is_closed_to_a_marked_reporter(shipped):
    """With a thick file, 'clear your desk' is shown disabled with its reason."""
    state = walk(shipped, ROLE, seed=1, picks=BEFORE_THE_COMMITTEE)
    assert state.scene == "journalist.dec.review"
    desk = [c for c in choices(shipped, state) if c.text == "Refuse, and clear your desk"]
    assert desk and not desk[0].enabled
