"""A new author's story with the typical mistakes: one clear root-cause message per mistake.

`tests/fixtures/typical-mistakes/` is a small story written the way a teacher new to YAML writes
one, with one of each mistake from issue #22. The first test reads `check`'s whole output, so a
knock-on error, a cascade from a broken file or a message in the wrong order fails it. The second
applies the fixes the messages ask for, as the author would, and finds what only a loaded story
shows: the text compared with a value it never has, and no false dead-end alarm for the scene
that routes by state.
"""

from __future__ import annotations

import shutil
import subprocess
import sys

from tests.conftest import ROOT

STORY = "tests/fixtures/typical-mistakes"
EXPECTED = f"""\
{STORY}/facts.yaml:6:53: error: YAML syntax: a ':' followed by a space inside text starts a new field in YAML: put the text in quotes, e.g. text: "The councils had one answer to every order: no work until the demands are met." [E001]
{STORY}/glossary.yaml:5:1: error: YAML syntax: replace the tab at column 1 with spaces: YAML indents with spaces only [E001]
{STORY}/sources.yaml:12:11: error: write the time in quotes: time: "21:10" (unquoted, YAML 1.1 reads 21:10 as the number 1270, and so do editors and other tools) [E016]
{STORY}/worker/council.yaml:12:6: error: YAML syntax: this line is indented 5 spaces; the other items of this list use 6: line it up with them [E001]
{STORY}/worker/gate.yaml:27:5: error: unknown field 'chioces' in a scene — did you mean 'choices'? (allowed: id, role, title, when, where, text, facts, events, effects, cite, decision, choices, ending, short_goto) [E011]
{STORY}/worker/gate.yaml:38:24: error: in 'solidarity => 2': '=>' is not an operator here — did you mean '>='? [E050]
{STORY}/worker/gate.yaml:42:21: error: in 'part == guard': 'guard' is not a variable — put text in quotes: "guard" [E050]
{STORY}/worker/gate.yaml:47:22: error: chance must be a whole number: write 75 without quotes [E010]
{STORY}/worker/gate.yaml:70:20: error: in 'signed && solidarity > 2': '&&' is not an operator here — did you mean 'and'? [E050]
{STORY}/worker/gate.yaml:71:19: error: in 'courage += 1': unknown variable 'courage': declare it under 'variables:' of role 'worker' ({STORY}/worker/role.yaml:9:5), e.g. `courage: 0` [E050]
{STORY}/worker/gate.yaml:76:9: error: duplicate id 'worker.end.home' in scenes: also declared at {STORY}/worker/endings.yaml:4:9, which was read first and counts (files are read in alphabetical order of their paths); rename one [E021]
{STORY}/worker/role.yaml:10:29: error: variable 'solidarity' starts as the text "3" because of the quotes: write 3 without quotes for a number [E017]
{STORY}: 12 error(s), 0 warning(s) (not loaded)
"""

# What each message asks for, done as an author would do it: (file, wrong text, right text).
FIXES = [
    ("facts.yaml", "text: The councils had one answer to every order: no work until the demands are met.",
     'text: "The councils had one answer to every order: no work until the demands are met."'),
    ("glossary.yaml", "\ttext:", "    text:"),
    ("sources.yaml", "time: 21:10", 'time: "21:10"'),
    ("worker/council.yaml", "     - text: Stay", "      - text: Stay"),
    ("worker/gate.yaml", "chioces:", "choices:"),
    ("worker/gate.yaml", "solidarity => 2", "solidarity >= 2"),
    ("worker/gate.yaml", "part == guard", "part == \"guard\""),
    ("worker/gate.yaml", '{chance: "75",', "{chance: 75,"),
    ("worker/gate.yaml", "signed && solidarity", "signed and solidarity"),
    ("worker/gate.yaml", "effects: [courage += 1]", "effects: [solidarity += 1]"),  # the variable meant
    ("worker/gate.yaml", "\n  - id: worker.end.home\n    text: You walk home.\n"
     "    ending: {title: Home, epilogue: The strike ended., cite: [litvan1996]}\n", ""),
    ("worker/role.yaml", 'initial: "3"', "initial: 3"),
]  # fmt: skip


def check(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "game", "check", *args], capture_output=True, text=True, cwd=ROOT, timeout=120
    )


def test_one_root_cause_message_per_mistake():
    result = check(STORY)
    assert result.returncode == 1
    assert result.stdout == EXPECTED


def test_after_the_fixes_only_the_text_value_is_left(tmp_path):
    story = tmp_path / "story"
    shutil.copytree(ROOT / STORY, story)
    for name, wrong, right in FIXES:
        path = story / name
        text = path.read_text(encoding="utf-8")
        assert text.count(wrong) == 1, (name, wrong)
        path.write_text(text.replace(wrong, right), encoding="utf-8")
    result = check(str(story))
    assert result.stdout.splitlines() == [
        f"{story}/worker/gate.yaml:66:9: warning: 'leaflets' is never \"hiden\" in 'leaflets == \"hiden\"': "
        'the story only sets it to "burnt", "hidden", "none" — did you mean "hidden"? [W120]',
        f"{story}: 0 error(s), 1 warning(s) (8 scenes, 1 roles)",
    ]
    assert result.returncode == 0
