"""The journalist role: a known path to every ending, and continuity (helpers in conftest.py).

Each path is walked by choice text (see game.story.walk) with a seed that gives the needed
outcome where a choice has chances (the patrol on 4 November, the border).
"""

import pytest

from game.story import markup
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
    columns = _walk_short(picks)  # 24-25 October (the tanks, Kossuth Square, "Who fired?") passed over
    assert columns.scene == "journalist.nov01.columns" and "Ruth Marlow, the English reporter" in shown(STORY, columns)
    assert not {"journalist.oct25.square", "journalist.oct25.file"} & {step.scene for step in columns.path}
    desk = _walk_short(
        picks + ["Check the reports", "Copy every line", "Run along", "Tell her the truth"] + ["Keep it - if"]
    )
    assert desk.scene == "journalist.nov14.newdesk" and "a note from your friend Laci Pap" in shown(STORY, desk)
    printed = choose(STORY, desk, pick_by_text(STORY, desk, "Print what really happens"))
    assert printed.ending == "journalist.end.prison"  # the duplicator passed over: the court record says it
    assert "with the duplicator still warm" in shown(STORY, printed)
    full = walk(STORY, ROLE, seed=1, picks=CAREFUL_START[:7])
    assert full.scene == "journalist.oct25.file" and "So who fired, Vida?" in shown(STORY, full)


# -- continuity found by the third fresh reader (MTI on Naphegy, in Buda) ----------------------------


def test_every_route_from_the_newsroom_on_4_november_fits_its_side_of_the_river():
    """MTI is in Buda: home is across Buda, the hotel and the legation are over the Chain Bridge."""
    home = walk(STORY, ROLE, seed=1, picks=CAREFUL_START + ["Go home to your mother"])
    assert "across Buda" in shown(STORY, home) and "river" not in shown(STORY, home)
    back = walk(STORY, ROLE, seed=1, picks=CAREFUL_START + ["Go home to your mother", "Say nothing"])
    assert "cross the river to the hotel" in shown(STORY, back)
    for pick in ("Run along the embankment", "Take your notebook to the British legation"):
        there = walk(STORY, ROLE, seed=1, picks=CAREFUL_START + [pick])
        assert "Chain Bridge" in shown(STORY, there), pick


def test_a_reporter_who_never_met_hollis_is_not_offered_him_by_name():
    stranger = walk(STORY, ROLE, seed=1, picks=BOLD_START)
    assert (
        stranger.scene == "journalist.nov04.appeal"
        and not stranger.vars["legation_contact"]
        and not stranger.vars["aired_airport"]
    )
    assert "do not know a single person inside one" in shown(STORY, stranger)
    offered = " ".join(c.text for c in choices(STORY, stranger))
    assert "British legation" in offered and "Hollis" not in offered


def test_the_telex_pages_match_what_he_did_in_the_telex_room():
    stayed = walk(STORY, ROLE, seed=1, picks=CAREFUL_START[:17])
    rang = walk(STORY, ROLE, seed=1, picks=CAREFUL_START[:16] + ["Ring round the city"])
    assert stayed.scene == rang.scene == "journalist.nov04.dead"
    assert "eleven pages" in shown(STORY, stayed) and "three pages" not in shown(STORY, stayed)
    assert "three pages" in shown(STORY, rang) and "eleven pages" not in shown(STORY, rang)


def test_a_trusted_reporter_who_tells_london_the_truth_is_printed():
    careful = CAREFUL_START + ["Take your notebook to the British legation", "Leave your account with him"]
    trusted = walk(STORY, ROLE, seed=1, picks=careful)
    assert trusted.scene == "journalist.nov06.numbers" and trusted.vars["credibility"] >= 6
    assert "London trusts your numbers" in shown(STORY, trusted) and "Whatever you say" not in shown(STORY, trusted)
    printed = choose(STORY, trusted, pick_by_text(STORY, trusted, "Tell her the truth"))
    assert "No reliable count of the dead" in shown(STORY, printed) and "another paper's figure" not in shown(
        STORY, printed
    )
    doubted = walk(STORY, ROLE, seed=1, picks=BOLD_START + TO_THE_CELLAR_AND_THE_TRUTH[:3])
    assert doubted.scene == "journalist.nov07.rfe" and "another paper's figure" in shown(STORY, doubted)


def test_the_rumour_he_remembers_is_the_one_he_filed():
    to_numbers = ["Lie down", "Copy every line", "Stay by the machine", "Listen", "Run along", "Read her the posters"]
    un = walk(STORY, ROLE, seed=1, picks=CAREFUL_START[:12] + ["Put it on the wire"] + to_numbers)
    assert un.scene == "journalist.nov06.numbers" and un.vars["filed_un"]
    assert "the UN delegation on the wire" in shown(STORY, un) and "Russians were leaving" not in shown(STORY, un)
    leaving = walk(
        STORY, ROLE, seed=1, picks=BOLD_START[:12] + ["Go to the British legation", "Tell Berkes"] + to_numbers
    )
    assert leaving.scene == "journalist.nov06.numbers" and not leaving.vars["filed_un"]
    assert "the Russians were leaving" in shown(STORY, leaving) and "UN delegation" not in shown(STORY, leaving)


def test_leaving_for_the_border_takes_days_and_the_committee_notices_the_absence():
    picks = CAREFUL_START + TO_THE_HOTEL_KEEPING_THE_NOTEBOOK + ["Leave for the Austrian border"]
    road = walk(STORY, ROLE, seed=1, picks=picks)
    assert road.scene == "journalist.nov20.road" and "a guide" in shown(STORY, road).split(".")[0]
    review = walk(STORY, ROLE, seed=1, picks=picks + ["Turn back"])
    assert review.scene == "journalist.dec.review"
    assert "you were away from your desk" in shown(STORY, review)
    struck = walk(
        STORY, ROLE, seed=1, picks=CAREFUL_START + TO_THE_CELLAR_AND_THE_TRUTH + ["Burn it", "Refuse, and join"]
    )
    assert "For four weeks" in shown(STORY, struck) and "away from your desk" not in shown(STORY, struck)


def test_the_interned_reporter_knows_the_committee_saw_his_cuttings():
    """'Here, no one knows' only if the committee had no folder of his Western cuttings."""
    seen = set()
    for dispatches in (4, 5):
        values = {"courier": "convoy", "dispatches": dispatches, "risk": 7}
        review = new_game(STORY, ROLE, 1, start="journalist.dec.review", values=values)
        cuttings = "Some of the underlined sentences are yours" in shown(STORY, review)
        ending = choose(STORY, review, pick_by_text(STORY, review, "Refuse, and go home to wait"))
        assert ending.ending == "journalist.end.interned"
        assert cuttings == ("they know who he was" in shown(STORY, ending))
        assert cuttings != ("no one knows" in shown(STORY, ending))
        assert '"Public security detention,"' in shown(STORY, ending)
        seen.add(cuttings)
    assert seen == {True, False}


def test_every_ending_that_repeats_thirty_thousand_gives_the_statistical_count_beside_it():
    endings = [s for s in STORY.scenes.values() if s.role == ROLE and s.ending]
    hits = [p.text for s in endings for p in s.passages if "thirty thousand" in p.text.lower()]
    assert len(hits) >= 3
    assert all("2,700" in text for text in hits), hits


def test_no_result_of_the_role_relies_on_inner_emphasis():
    """Results are shown in italics as a whole, so a stressed word inside one would vanish."""
    results = [c.result for s in STORY.scenes.values() if s.role == ROLE for c in s.choices if c.result]
    assert results and not [r for r in results if "*" in r]


def test_no_passage_of_the_role_shows_a_literal_asterisk():
    """Emphasis kept on one source line is parsed; one broken across lines reaches the player as '*'."""
    passages = [p.text for s in STORY.scenes.values() if s.role == ROLE for p in s.passages]
    assert [t for t in passages if "*" in markup.plain(t)] == []
