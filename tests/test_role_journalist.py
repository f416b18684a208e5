"""The journalist role: size, and a known path to every ending.

Each test walks one path by choice text (see game.story.walk) with a seed that gives the
needed outcome where a choice has chances (the patrol on 4 November, the border).
"""

from pathlib import Path

from game.story.loader import load_story
from game.story.walk import walk

STORY = load_story(Path(__file__).resolve().parent.parent / "scenes")

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


def role_scenes():
    return [s for s in STORY.scenes.values() if s.role == ROLE]


def test_size():
    scenes = role_scenes()
    endings = [s for s in scenes if s.ending is not None]
    assert len(scenes) >= 25
    assert len(endings) >= 4


def test_andau_ending():
    state = walk(
        STORY,
        ROLE,
        seed=2,
        picks=CAREFUL_START
        + [
            "Run along the embankment",
            "Read her the posters",
            "Go and count",
            "Tell him the truth",
            "Keep it - if",
            "Leave for the Austrian border",
            "Make for the bridge",
        ],
    )
    assert state.ending == "journalist.end.andau"
    assert state.vars["copied_telex"] is True
    assert state.vars["courier"] == "self"
    assert state.vars["credibility"] >= 7


def test_prison_ending_caught_at_the_border():
    state = walk(
        STORY,
        ROLE,
        seed=9,
        picks=CAREFUL_START
        + [
            "Run along the embankment",
            "Read her the posters",
            "Go and count",
            "Tell him the truth",
            "Keep it - if",
            "Leave for the Austrian border",
            "Make for the bridge",
        ],
    )
    assert state.ending == "journalist.end.prison"
    assert state.vars["sheet"] is False


def test_prison_ending_illegal_sheet():
    state = walk(
        STORY,
        ROLE,
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
    )
    assert state.ending == "journalist.end.prison"
    assert state.vars["sheet"] is True
    assert state.vars["courier"] == "convoy"


def test_interned_ending():
    state = walk(
        STORY,
        ROLE,
        seed=1,
        picks=BOLD_START
        + [
            "Go home to your mother",
            "Say nothing",
            "Give her the number",
            "help may still come",
            "Give Ruth the notebook",
            "Refuse, and join the journalists' strike",
            "Refuse, and go home to wait",
        ],
    )
    assert state.ending == "journalist.end.interned"
    assert state.vars["risk"] >= 6
    assert state.vars["filed_thirty"] is True
    assert state.vars["byline"] is True


def test_silence_ending():
    state = walk(
        STORY,
        ROLE,
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
    )
    assert state.ending == "journalist.end.silence"
    assert state.vars["risk"] < 6
    assert state.vars["struck"] is True


def test_newline_ending():
    state = walk(
        STORY,
        ROLE,
        seed=1,
        picks=BOLD_START
        + [
            "Go home to your mother",
            "Say nothing",
            "Give her the number",
            "help may still come",
            "Keep it - if",
            "Write it - somebody",
            "Put it on the wire, as it stands",
        ],
    )
    assert state.ending == "journalist.end.newline"
    assert state.vars["filed_rumour"] is True


def test_refusing_the_committee_is_closed_to_a_marked_reporter():
    """With a thick file, 'clear your desk' is shown disabled with its reason."""
    from game.story.engine import choices

    state = walk(
        STORY,
        ROLE,
        seed=1,
        picks=BOLD_START
        + [
            "Go home to your mother",
            "Say nothing",
            "Give her the number",
            "help may still come",
            "Give Ruth the notebook",
            "Refuse, and join the journalists' strike",
        ],
    )
    assert state.scene == "journalist.dec.review"
    desk = [c for c in choices(STORY, state) if c.text == "Refuse, and clear your desk"]
    assert desk and not desk[0].enabled
