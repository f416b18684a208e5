"""`check` sees what authors meant: routing by state without a false alarm, text values, `otherwise:`."""

from __future__ import annotations

import pytest

from game.story import engine
from game.story.loader import load_story, load_story_with_problems
from game.tools.check import analyse

HEAD = """\
sources: [{id: s, author: A, title: T, year: 1}]
roles:
  - id: r
    name: R
    portrait: P
    start: r.a
    variables: {food: 1, warned: false, rifle: "none", score: {initial: 0, min: 0, max: 5}}
role: r
scenes:
  - id: r.a
    text: Start.
    choices:
      - {text: Eat, effects: [food += 1, score += 1], goto: r.b}
      - {text: Hide it, effects: ['rifle = "hidden"', warned = true], goto: r.b}
      - {text: Hand it over, effects: ['rifle = "given"', food -= 1], goto: r.b}
  - id: r.end
    text: End.
    ending: {title: E, epilogue: e, cite: [s]}
  - id: r.other
    text: Other.
    ending: {title: O, epilogue: o, cite: [s]}
"""


def warnings_for(story_dir, *conditions: str) -> list[str]:
    """Check a story whose scene r.b has one choice per condition; return `CODE message` lines."""
    choices = "".join(
        f"      - {{text: 'Way {n}', if: '{c}', goto: r.{'end' if n % 2 else 'other'}}}\n"
        for n, c in enumerate(conditions, 1)
    )
    root = story_dir({"s.yaml": HEAD + f"  - id: r.b\n    text: Router.\n    choices:\n{choices}"})
    story, problems = load_story_with_problems(root)
    assert story is not None, [str(p) for p in problems]
    return [f"{p.code} {p.message}" for p in analyse(story) if p.code in ("W102", "W104", "W120")]


@pytest.mark.parametrize(
    "conditions",
    [
        ("food >= 2 and warned", "not (food >= 2 and warned)"),
        ("food >= 3", "food < 3"),
        ("food > 3", "food <= 3"),
        ("food < 0", "food == 0", "food > 0"),
        ('rifle == "hidden"', 'rifle == "given"', 'rifle == "none"'),
        ('rifle != "hidden"', 'rifle == "hidden"'),
        ("warned", "not warned"),
        ("visited(r.a) and score >= 2", "not visited(r.a) or score < 2"),
        ("score >= 3 or warned", "score <= 2 and not warned"),
    ],
)
def test_complementary_conditions_are_no_dead_end(story_dir, conditions):
    assert warnings_for(story_dir, *conditions) == []


DEAD_END = (
    "W102 every choice of scene 'r.b' has a condition and they may all be false (a dead end): "
    "add one way on without 'if', or mark one choice `otherwise: true`"
)


@pytest.mark.parametrize(
    "conditions",
    [
        ("food > 3", "food < 3"),  # food == 3 is open to neither
        ('rifle == "hidden"', 'rifle == "given"'),  # rifle starts as "none"
        ("warned and food > 1", "not warned"),
        ("food + score >= 3", "food + score < 3"),  # arithmetic: not proved, so still warned
    ],
)
def test_a_real_gap_or_an_unproved_pair_is_still_warned(story_dir, conditions):
    assert warnings_for(story_dir, *conditions) == [DEAD_END]


def test_impossible_range_on_an_unbounded_number(story_dir):
    assert warnings_for(story_dir, "food > 3 and food < 2", "true") == [
        "W104 the condition 'food > 3 and food < 2' can never be true"
    ]


def test_text_compared_with_a_value_it_never_has(story_dir):
    assert (
        warnings_for(story_dir, 'rifle == "hiden"', "true")
        == [
            "W120 'rifle' is never \"hiden\" in 'rifle == \"hiden\"': the story only sets it to "
            '"given", "hidden", "none" — did you mean "hidden"?',
            "W104 the condition 'rifle == \"hiden\"' can never be true",
        ][::-1]
    )


def test_text_set_from_another_variable_is_not_judged(story_dir):
    body = HEAD.replace("food += 1, score += 1]", "food += 1, 'rifle = rifle']")
    root = story_dir(
        {
            "s.yaml": body
            + "  - id: r.b\n    text: B.\n    choices:\n      - {text: x, if: 'rifle == \"odd\"', goto: r.end}\n      - {text: y, goto: r.end}\n"
        }
    )
    assert [p.code for p in analyse(load_story(root)) if p.code in ("W104", "W120")] == []


OTHERWISE = (
    HEAD
    + """\
  - id: r.b
    text: A door.
    choices:
      - {text: Open it with the key, if: warned, goto: r.end}
      - {text: Wait for someone, otherwise: true, goto: r.other}
"""
)


def test_otherwise_choice_opens_only_when_nothing_else_does(story_dir):
    story = load_story(story_dir({"s.yaml": OTHERWISE}))
    assert [p.code for p in analyse(story) if p.code == "W102"] == []
    state = engine.new_game(story, "r")
    hid = engine.choose(story, state, 1)  # warned = true
    ate = engine.choose(story, state, 0)
    assert [v.text for v in engine.choices(story, hid)] == ["Open it with the key"]
    assert [v.text for v in engine.choices(story, ate)] == ["Wait for someone"]
    with pytest.raises(engine.EngineError):
        engine.choose(story, hid, 1)
    assert engine.choose(story, ate, 1).ending == "r.other"


def test_otherwise_misuse_is_an_error(story_dir):
    body = OTHERWISE.replace("if: warned, goto: r.end}", "if: warned, otherwise: true, goto: r.end}")
    body += "      - {text: Or this, otherwise: true, goto: r.end}\n"
    _, problems = load_story_with_problems(story_dir({"s.yaml": body}))
    assert [f"{p.mark.line}:{p.mark.col} {p.message} [{p.code}]" for p in problems if p.severity == "error"] == [
        "25:50 'otherwise: true' opens this choice exactly when no other choice is open, so it cannot also have an 'if' [E049]",
        "26:9 scene 'r.b' has more than one 'otherwise' choice (the first is at line 25): keep one [E049]",
        "27:9 scene 'r.b' has more than one 'otherwise' choice (the first is at line 25): keep one [E049]",
    ]
