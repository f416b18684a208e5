"""Errors that teach: each hint of the loader, in its exact words, and no knock-on errors after it.

One test per hint. A message is compared whole, because its wording is the feature: a new
author acts on what it says.
"""

from __future__ import annotations

import pytest

from game.story.loader import load_story_with_problems
from tests.conftest import TINY_HEAD as HEAD

END = """\
  - id: r.end
    text: bye
    ending: {title: E, epilogue: e, cite: [book]}
"""


def errors(story_dir, body: str, head: str = HEAD) -> list[str]:
    """Every error as `file:line:col: message [CODE]`, in the order check prints them."""
    root = story_dir({"head.yaml": head, "scenes.yaml": body})
    _, problems = load_story_with_problems(root)
    return [
        f"{p.mark.path.split('/')[-1]}:{p.mark.line}:{p.mark.col}: {p.message.replace(f'{root}/', '')} [{p.code}]"
        for p in problems
        if p.severity == "error"
    ]


def scene(choice: str, extra: str = "") -> str:
    """A file with one scene r.a whose only choice is ``choice`` (YAML lines at choice depth)."""
    return f"role: r\nscenes:\n  - id: r.a\n    text: hi\n{extra}    choices:\n      - {choice}\n{END}"


# -- YAML in plain words ---------------------------------------------------------------------------
YAML_CASES = {
    "list item indented one space less": (
        "role: r\nscenes:\n  - id: r.a\n    text: hi\n    choices:\n      - text: a\n        goto: r.end\n"
        "     - text: b\n        goto: r.end\n",
        "scenes.yaml:8:6: YAML syntax: this line is indented 5 spaces; the other items of this list use 6: "
        "line it up with them [E001]",
    ),
    "field indented one space more": (
        "role: r\nscenes:\n  - id: r.a\n    text: hi\n     choices: []\n",
        "scenes.yaml:5:6: YAML syntax: this line is indented 5 spaces; the other fields here use 4: "
        "line it up with them [E001]",
    ),
    "field indented one space less": (
        "role: r\nscenes:\n  - id: r.a\n    text: hi\n   choices: []\n",
        "scenes.yaml:5:4: YAML syntax: this line is indented 3 spaces; the other fields here use 4: "
        "line it up with them [E001]",
    ),
    "tab": (
        "role: r\nscenes:\n\t- id: r.a\n",
        "scenes.yaml:3:1: YAML syntax: replace the tab at column 1 with spaces: YAML indents with spaces only [E001]",
    ),
    "colon in text": (
        "role: r\nscenes:\n  - id: r.a\n    text: The order: stay inside\n",
        "scenes.yaml:4:20: YAML syntax: a ':' followed by a space inside text starts a new field in YAML: "
        'put the text in quotes, e.g. text: "The order: stay inside" [E001]',
    ),
    "star at the start": (
        "role: r\nscenes:\n  - id: r.a\n    text: *Stop* he said\n",
        "scenes.yaml:4:11: YAML syntax: text that starts with '*' must be in quotes: text: \"*Stop* he said\" [E001]",
    ),
    "text after a list": (
        "role: r\nscenes:\n  - id: r.a\n    text: [Go] home\n",
        "scenes.yaml:4:11: YAML syntax: the text after 'text:' starts with '[', so YAML reads a list up to ']' "
        'and then finds more: put the whole text in quotes, e.g. text: "[Go] home" [E001]',
    ),
    "quote inside quotes": (
        'role: r\nscenes:\n  - id: r.a\n    text: "He said "no" twice"\n',
        "scenes.yaml:4:11: YAML syntax: the quoted text after 'text:' ends at the second \": to use \" inside "
        "text, put the whole text in single quotes, e.g. text: 'He said \"no\" twice' [E001]",
    ),
    "unclosed quote": (
        'role: r\nscenes:\n  - id: r.a\n    text: "no end\n    title: x\n',
        "scenes.yaml:4:11: YAML syntax: the quote at line 4, column 11 is never closed: "
        "end the text with the same quote mark [E001]",
    ),
}


@pytest.mark.parametrize("case", YAML_CASES)
def test_yaml_mistakes_in_plain_words(story_dir, case):
    body, expected = YAML_CASES[case]
    assert errors(story_dir, body) == [expected]


def test_indentation_hint_ignores_text_blocks(story_dir):
    """Lines inside `text: |` look like fields but are text: the comparison skips them."""
    body = (
        "role: r\nscenes:\n  - id: r.a\n    text: |\n      Orders: stay in.\n          Note: none.\n"
        "    choices:\n      - text: a\n        goto: r.end\n       - text: b\n"
    )
    assert errors(story_dir, body) == [
        "scenes.yaml:10:8: YAML syntax: this line is indented 7 spaces; the other items of this list use 6: "
        "line it up with them [E001]"
    ]


# -- no cascades: one mistake, one message -----------------------------------------------------------
def test_quoted_number_as_initial_value_is_one_error(story_dir):
    head = HEAD.replace("food: {initial: 1,", 'food: {initial: "3",')
    body = scene("text: eat\n        if: food >= 1\n        effects: [food -= 1, food += 2]\n        goto: r.end")
    assert errors(story_dir, body, head) == [
        "head.yaml:9:23: variable 'food' starts as the text \"3\" because of the quotes: "
        "write 3 without quotes for a number [E017]"
    ]


def test_quoted_chance_is_one_error(story_dir):
    body = scene(
        'text: roll\n        outcomes:\n          - {chance: "75", goto: r.end}\n          - {chance: 25, goto: r.a}'
    )
    assert errors(story_dir, body) == [
        "scenes.yaml:8:22: chance must be a whole number: write 75 without quotes [E010]"
    ]


def test_percent_sign_in_chance_is_one_error(story_dir):
    body = scene(
        "text: roll\n        outcomes:\n          - {chance: 75%, goto: r.end}\n          - {chance: 25, goto: r.a}"
    )
    assert errors(story_dir, body) == [
        "scenes.yaml:8:22: chance must be a whole number: write 75 without the % sign [E010]"
    ]


def test_quoted_true_is_one_error(story_dir):
    body = scene('text: once\n        once: "true"\n        goto: r.end')
    assert errors(story_dir, body) == ["scenes.yaml:7:15: once must be true or false: write true without quotes [E010]"]


def test_misspelt_choices_is_reported_once(story_dir):
    body = "role: r\nscenes:\n  - id: r.a\n    text: hi\n    chioces:\n      - {text: a, goto: r.end}\n" + END
    (only,) = errors(story_dir, body)
    assert only.startswith("scenes.yaml:5:5: unknown field 'chioces' in a scene — did you mean 'choices'?")
    assert only.endswith("[E011]")


def test_misspelt_required_field_and_goto_are_reported_once(story_dir):
    body = scene("text: a\n        gotto: r.end").replace("    text: hi\n", "    txt: hi\n")
    found = errors(story_dir, body)
    assert [f.split(": ", 1)[0] for f in found] == ["scenes.yaml:4:5", "scenes.yaml:7:9"]
    assert all("[E011]" in f for f in found)


def test_unknown_field_that_means_nothing_keeps_the_dead_end_error(story_dir):
    body = "role: r\nscenes:\n  - id: r.a\n    text: hi\n    options:\n      - {text: a, goto: r.end}\n" + END
    assert [f.rsplit(" ", 1)[-1] for f in errors(story_dir, body)] == ["[E044]", "[E011]"]


def test_variable_without_a_starting_value_is_not_reported_at_every_use(story_dir):
    head = HEAD.replace("food: {initial: 1, min: 0, max: 3}", "food: {min: 0, max: 3}")
    body = scene("text: eat\n        if: food >= 1\n        effects: [food -= 1]\n        goto: r.end")
    assert errors(story_dir, body, head) == [
        "head.yaml:9:13: variable 'food' is missing the required field 'initial' [E012]"
    ]


def test_invalid_scene_id_is_not_reported_again_at_its_gotos(story_dir):
    body = (
        scene("text: a\n        goto: r.Bad")
        + "  - id: r.Bad\n    text: x\n    ending: {title: E, epilogue: e, cite: [book]}\n"
    )
    (only,) = errors(story_dir, body)
    assert only.startswith("scenes.yaml:11:9: id 'r.Bad' is not a valid id") and only.endswith("[E014]")


# -- conditions: the operator the author meant --------------------------------------------------------
EXPR_CASES = {
    "food => 1": "'=>' is not an operator here — did you mean '>='?",
    "food =< 1": "'=<' is not an operator here — did you mean '<='?",
    "food <> 1": "'<>' is not an operator here — did you mean '!='?",
    "food = 1": "'=' sets a value (in effects) — to compare, write '=='",
    "food > 0 && food < 3": "'&&' is not an operator here — did you mean 'and'?",
    "food > 0 || food < 3": "'||' is not an operator here — did you mean 'or'?",
    "!(food > 0)": "'!' is not an operator here — did you mean 'not'?",
    "part == guard": "'guard' is not a variable — put text in quotes: \"guard\"",
    "guard != part": "'guard' is not a variable — put text in quotes: \"guard\"",
    "food > 0 and True": "write 'true' in lower case",
    "courage >= 2": "unknown variable 'courage': declare it under 'variables:' of role 'r' (head.yaml:8:5), "
    "e.g. `courage: 0`",
    "not warned": "unknown variable 'warned': declare it under 'variables:' of role 'r' (head.yaml:8:5), "
    "e.g. `warned: false`",
    'rank == "captain"': "unknown variable 'rank': declare it under 'variables:' of role 'r' (head.yaml:8:5), "
    'e.g. `rank: ""`',
}


@pytest.mark.parametrize("condition", EXPR_CASES)
def test_condition_hints(story_dir, condition):
    body = scene(f"text: a\n        if: '{condition}'\n        goto: r.end")
    (only,) = errors(story_dir, body)
    assert only.split(": ", 1)[1] == f"in '{condition}': {EXPR_CASES[condition]} [E050]"


def test_hint_column_points_at_the_operator(story_dir):
    body = scene("text: a\n        if: food => 1\n        goto: r.end")
    assert errors(story_dir, body) == [
        "scenes.yaml:7:18: in 'food => 1': '=>' is not an operator here — did you mean '>='? [E050]"
    ]


@pytest.mark.parametrize(
    ("effect", "message"),
    [
        ("part = guard", "'guard' is not a variable — put text in quotes: \"guard\""),
        (
            "courage += 1",
            "unknown variable 'courage': declare it under 'variables:' of role 'r' (head.yaml:8:5), e.g. `courage: 0`",
        ),
        (
            "warned = true",
            "unknown variable 'warned': declare it under 'variables:' of role 'r' (head.yaml:8:5), e.g. `warned: false`",
        ),
    ],
)
def test_effect_hints(story_dir, effect, message):
    body = scene(f"text: a\n        effects: ['{effect}']\n        goto: r.end")
    (only,) = errors(story_dir, body)
    assert only.split(": ", 1)[1] == f"in '{effect}': {message} [E050]"


# -- ids, times and dates ---------------------------------------------------------------------------
def test_duplicate_id_in_one_file_names_both_lines(story_dir):
    body = scene("text: a\n        goto: r.end") + END
    assert errors(story_dir, body) == [
        "scenes.yaml:11:9: duplicate id 'r.end' in scenes: also declared at line 8 of this file, "
        "which counts; rename one [E021]"
    ]


def test_unquoted_time_is_refused_with_the_fix(story_dir):
    extra = (
        "timeline:\n  - {id: ev, date: 1956-11-04, time: 21:10, title: T, text: t, cite: [book]}\n"
        "  - {id: ev2, date: 1956-11-04, time: 05:20, title: T, text: t, cite: [book]}\n"
    )
    assert errors(story_dir, scene("text: a\n        goto: r.end") + extra) == [
        'scenes.yaml:12:38: write the time in quotes: time: "21:10" (unquoted, YAML 1.1 reads 21:10 as the number '
        "1270, and so do editors and other tools) [E016]",
        'scenes.yaml:13:39: write the time in quotes: time: "05:20" (unquoted, YAML 1.1 reads 5:20 as the number '
        "320, and so do editors and other tools) [E016]",
    ]


def test_timeline_dates_may_be_text(story_dir):
    extra = (
        'timeline:\n  - {id: ev, date: Nov 1957, time: "05:20", title: T, text: t, cite: [book]}\n'
        "  - {id: ev2, date: 1957–1963, title: T, text: t, cite: [book]}\n"
    )
    root = story_dir({"head.yaml": HEAD, "scenes.yaml": scene("text: a\n        goto: r.end") + extra})
    story, problems = load_story_with_problems(root)
    assert story is not None, problems
    assert [e.when for e in story.timeline.values()] == ["Nov 1957 05:20", "1957–1963"]


def test_the_guide_lists_every_code_the_code_can_report():
    """docs/authoring.md's error table has a row for each E/W code the loader and the tools use."""
    import re

    from tests.conftest import ROOT

    used = set()
    for path in (ROOT / "game").rglob("*.py"):
        used |= set(re.findall(r"[\"']([EW]\d{3})[\"']", path.read_text(encoding="utf-8")))
    used.discard("E000")
    guide = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    rows = set(re.findall(r"^\| ([EW]\d{3})(?:, ([EW]\d{3}))? \|", guide, re.MULTILINE))
    listed = {code for row in rows for code in row if code}
    assert sorted(used - listed) == []
