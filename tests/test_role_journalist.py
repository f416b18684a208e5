"""The journalist role: a known path to every ending, and continuity (helpers in conftest.py).

Each path is walked by choice text (see game.story.walk) with a seed that gives the needed
outcome where a choice has chances (the patrol on 4 November, the border).
"""

import pytest

from game.story.engine import choices, choose, new_game
from game.story.walk import pick_by_text, walk
from tests.conftest import KnownPath, play_known_path, shipped_story, shown

STORY = shipped_story()

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
    "Lie down on the floor by the telex",
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
    "Lie down on the floor by the telex",
    "Go to the window",
    "Stay by the machine",
    "Listen to the radio",
]

# 4–10 November: to the Duna Hotel, counting the dead, the truth to Pisti, the notebook kept.
TO_THE_HOTEL_KEEPING_THE_NOTEBOOK = [
    "Run along the embankment",
    "Read her the posters",
    "Go and count",
    "Tell him the truth",
    "Keep it - if",
]

# 4–7 November: home to the cellar, then the truth to Ruth and to Pisti.
TO_THE_CELLAR_AND_THE_TRUTH = ["Go home to your mother", "Say nothing", "Tell her the truth", "Tell him the truth"]

TO_THE_BRIDGE = TO_THE_HOTEL_KEEPING_THE_NOTEBOOK + ["Leave for the Austrian border", "Make for the bridge"]
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
            "Take your notebook to the British legation",
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
        + TO_THE_CELLAR_AND_THE_TRUTH
        + ["Burn it", "Refuse, and join the journalists' strike", "Refuse, and clear your desk"],
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
def test_known_path_reaches_its_ending(path):
    play_known_path(STORY, ROLE, path)


def test_refusing_the_committee_is_closed_to_a_marked_reporter():
    """With a thick file, 'clear your desk' is shown disabled with its reason."""
    state = walk(STORY, ROLE, seed=1, picks=BEFORE_THE_COMMITTEE)
    assert state.scene == "journalist.dec.review"
    desk = [c for c in choices(STORY, state) if c.text == "Refuse, and clear your desk"]
    assert desk and not desk[0].enabled


# -- continuity: a passage shows only after the act it presumes (issue #16 §2) -------------------


def _walk_short(picks: list[str], seed: int = 1):
    """walk() for the short version: scenes marked short_goto are passed over."""
    state = new_game(STORY, ROLE, seed, short=True)
    for pick in picks:
        state = choose(STORY, state, pick_by_text(STORY, state, pick))
    return state


def test_pisti_is_met_before_he_asks_about_help():
    papers = walk(STORY, ROLE, seed=1, picks=CAREFUL_START[:8])
    assert papers.scene == "journalist.oct28.papers" and "his name is Pisti" in shown(STORY, papers)
    stairs = walk(
        STORY, ROLE, seed=1, picks=CAREFUL_START + ["Go home to your mother", "Say nothing", "Tell her the truth"]
    )
    assert stairs.scene == "journalist.nov07.rfe"
    assert shown(STORY, stairs).startswith("Her editor swears")
    assert "Pisti, the newsboy from Blaha Lujza tér" in shown(STORY, stairs)


def test_hospital_list_only_after_working_the_telephones():
    out = walk(STORY, ROLE, seed=1, picks=CAREFUL_START[:5] + ["Go out and see the Nagykörút", "Get back"])
    assert out.scene == "journalist.oct25.file" and out.vars["verified"] >= 2
    assert "telephone list" not in shown(STORY, out)
    phoned = walk(STORY, ROLE, seed=1, picks=CAREFUL_START[:7])
    assert phoned.scene == "journalist.oct25.file" and "telephone list of hospitals" in shown(STORY, phoned)


def test_ruth_carries_your_copy_only_if_you_shared_it():
    # BOLD_START slips lines onto the English telex (a dispatch) but keeps its notes from Ruth
    kept = walk(STORY, ROLE, seed=1, picks=BOLD_START[:10])
    assert kept.scene == "journalist.oct30.hope" and kept.vars["dispatches"] >= 1
    assert "Some of it is yours" not in shown(STORY, kept) and "notebook stays in your pocket" in shown(STORY, kept)
    shared = walk(STORY, ROLE, seed=1, picks=CAREFUL_START[:10])
    assert "Some of it is yours" in shown(STORY, shared)


def test_the_un_story_haunts_only_whoever_filed_it():
    # the Russians-going-home rumour on 1 November, then the legation on 3 November
    picks = BOLD_START[:12] + ["Go to the British legation", "Tell Berkes there is no delegation"]
    night = walk(STORY, ROLE, seed=1, picks=picks)
    assert night.scene == "journalist.nov03.night" and night.vars["filed_rumour"]
    assert "noon story" not in shown(STORY, night) and "Mr Hollis's card" in shown(STORY, night)
    filed = walk(STORY, ROLE, seed=1, picks=BOLD_START[:13])
    assert "Your noon story is still going round the world" in shown(STORY, filed)


def test_airing_the_diplomats_words_costs_the_legation():
    picks = CAREFUL_START[:12] + ["Go to the British legation", "Put it all on the wire"]
    state = walk(STORY, ROLE, seed=1, picks=picks + ["Lie down", "Copy every line", "Stay by the machine", "Listen"])
    assert state.scene == "journalist.nov04.appeal" and not state.vars["legation_contact"]
    assert "has not taken your calls since the airport story" in shown(STORY, state)
    hollis = [c for c in choices(STORY, state) if c.text == "Take your notebook to the British legation"]
    assert hollis and not hollis[0].enabled


def test_ringing_mother_is_one_screen_and_she_remembers_it():
    rang = CAREFUL_START[:14] + ["Ring your mother", "Copy every line", "Stay by the machine", "Listen"]
    state = walk(STORY, ROLE, seed=1, picks=rang + ["Go home to your mother"])
    assert state.visits["journalist.nov03.night"] == 1
    assert "the candle she told you about" in shown(STORY, state)
    slept = walk(STORY, ROLE, seed=1, picks=CAREFUL_START + ["Go home to your mother"])
    assert "the candle she told you about" not in shown(STORY, slept)


def test_the_guns_woke_him_at_the_hour_the_attack_began():
    guns = walk(STORY, ROLE, seed=1, picks=CAREFUL_START[:15])
    assert guns.scene == "journalist.nov04.guns"
    assert "a quarter past four" in shown(STORY, guns)


def test_legation_account_outlasts_the_notebook_choice():
    """Giving the notebook to Ruth overwrites `courier`; the account left with Mr Hollis still shows."""
    at_legation = CAREFUL_START + ["Take your notebook to the British legation", "Ask him first", "Give her the number"]
    stairs = walk(STORY, ROLE, seed=1, picks=at_legation)
    assert "You asked Mr Hollis the same question" in shown(STORY, stairs)
    picks = at_legation + ["help may still come", "Give Ruth the notebook", "Refuse, and join", "go home to wait"]
    state = walk(STORY, ROLE, seed=1, picks=picks)
    assert state.ending == "journalist.end.interned" and state.vars["courier"] == "convoy"
    assert "a file in London, stamped" in shown(STORY, state)


def test_caught_at_the_border_after_printing_is_not_taken_at_the_duplicator():
    state = walk(
        STORY,
        ROLE,
        seed=9,
        picks=CAREFUL_START
        + TO_THE_HOTEL_KEEPING_THE_NOTEBOOK
        + ["Print what really happens", "Run for the border", "Make for the bridge"],
    )
    assert state.ending == "journalist.end.prison" and state.vars["sheet"]
    assert "They took you in the reeds" in shown(STORY, state)
    assert "duplicator still warm" not in shown(STORY, state)


def test_telex_pages_in_the_drawer_only_if_the_notebook_stayed():
    given = walk(
        STORY,
        ROLE,
        seed=1,
        picks=CAREFUL_START
        + TO_THE_CELLAR_AND_THE_TRUTH
        + ["Give Ruth the notebook", "Write it", "Put it on the wire, as"],
    )
    assert given.ending == "journalist.end.newline" and given.vars["copied_telex"]
    assert "desk drawer" not in shown(STORY, given) and "your notebook is in print" in shown(STORY, given)


def test_short_version_introduces_who_it_passed_over():
    picks = ["Join the students", "Run to the radio building", "Note what you saw", "Send it as it stands"]
    file = _walk_short(picks)
    assert file.scene == "journalist.oct25.file" and "This morning you lay flat on Kossuth Square" in shown(STORY, file)
    columns = _walk_short(picks + ["Write only what you saw"])
    assert columns.scene == "journalist.nov01.columns" and "Ruth Marlow, the English reporter" in shown(STORY, columns)
    desk = _walk_short(
        picks
        + ["Write only what you saw", "Check the reports", "Copy every line", "Run along", "Tell her the truth"]
        + ["Keep it - if"]
    )
    assert desk.scene == "journalist.nov14.newdesk" and "a note from your friend Laci Pap" in shown(STORY, desk)
    full = walk(STORY, ROLE, seed=1, picks=CAREFUL_START[:7])
    assert full.scene == "journalist.oct25.file" and "This morning you lay flat" not in shown(STORY, full)
