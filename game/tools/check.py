"""``budapest56 check``: the loader's errors plus story-level warnings, in compiler form.

The loader rejects what cannot run; this module finds what runs but is probably wrong —
scenes nobody reaches, cards nobody unlocks, conditions that can never hold — the mistakes a
player would otherwise find first.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from game.story.gcpause import gc_paused
from game.story.loader import GLOSSARY_MARK, load_story_with_problems
from game.story.model import Story
from game.story.problems import Problem, ProblemList
from game.tools.check_logic import Values, always_open, can_hold, collect_values, text_value_warnings
from game.tools.check_reader import reader_checks

MAX_SCENE_CHARS = 1400  # about what fits beside the status panel at 80×24 without scrolling
MAX_CHOICE_CHARS = 76
MAX_RESULT_SENTENCES = 3
_SENTENCE_END = re.compile(r"[.!?…][\"”’')*]*(?=\s+[\"“‘'(*]*[A-ZÁÉÍÓÖŐÚÜŰ]|\s*$)")
_CLAIM = re.compile(r"\b(1[89]\d\d|\d{1,3}(?:,\d{3})+|\d{3,})\b")


def reachable(story: Story, role: str) -> set[str]:
    """Scenes a path can reach from the role's start, ignoring conditions."""
    start = story.roles[role].start
    seen, todo = {start}, [start]
    while todo:
        scene = story.scenes.get(todo.pop())
        if scene is None:
            continue
        for choice in scene.choices:
            for target in choice.targets:
                if target not in seen:
                    seen.add(target)
                    todo.append(target)
    return seen


def analyse(story: Story) -> list[Problem]:
    """Every story-level warning, each at the position of what it is about."""
    with gc_paused():  # a large story is millions of objects: the collector would rescan them all
        return _analyse(story)


def _analyse(story: Story) -> list[Problem]:
    out = ProblemList()
    reached: set[str] = set()
    for role in story.roles:
        reached |= reachable(story, role)
    for scene in story.scenes.values():
        if scene.id not in reached:
            if scene.ending is not None:
                out.warning(
                    scene.mark,
                    f"ending '{scene.id}' can never be reached: no path from the start of role '{scene.role}' leads to it",
                    "W103",
                )
            else:
                out.warning(
                    scene.mark,
                    f"scene '{scene.id}' is unreachable: no path from the start of role '{scene.role}' leads to it",
                    "W101",
                )
    written, read = _variable_use(story)
    measures = {m for r in story.roles.values() for m in r.measures}
    for role in story.roles.values():
        for var in role.variables.values():
            _unused(out, var.name, var.mark, written, read, measures)
    for var in story.shared_variables.values():
        _unused(out, var.name, var.mark, written, read, measures)
    unlocked = {f for s in story.scenes.values() for f in s.facts}
    for card in story.facts.values():
        if card.id not in unlocked:
            out.warning(card.mark, f"fact card '{card.id}' is never unlocked by any scene", "W107")
    values = collect_values(story)
    for scene in story.scenes.values():
        _scene_checks(out, story, scene, values)
    out.items += text_value_warnings(story, values)
    reader_checks(story, out)
    return out.items


def _unused(out: ProblemList, name: str, mark, written: set[str], read: set[str], measures: set[str]) -> None:
    if name in read and name not in written:
        out.warning(mark, f"variable '{name}' is read but never set: it always keeps its starting value", "W105")
    if name in written and name not in read and name not in measures:
        out.warning(mark, f"variable '{name}' is set but never read: no condition, passage or measure uses it", "W106")
    if name not in written and name not in read and name not in measures:
        out.warning(mark, f"variable '{name}' is never used", "W106")


def _variable_use(story: Story) -> tuple[set[str], set[str]]:
    written: set[str] = set()
    read: set[str] = set()
    for scene in story.scenes.values():
        exprs = list(scene.effects)
        exprs += [p.condition for p in scene.passages if p.condition]
        for choice in scene.choices:
            exprs += choice.effects
            if choice.condition:
                exprs.append(choice.condition)
            for outcome in choice.outcomes:
                exprs += outcome.effects
        for e in exprs:
            written |= e.writes
            read |= e.reads
    return written, read


def _scene_checks(out: ProblemList, story: Story, scene, values: Values) -> None:
    text = "\n".join(p.text for p in scene.passages)
    shown = GLOSSARY_MARK.sub(lambda m: m.group(2) or "xxxxxxxx", text)
    if len(shown) > MAX_SCENE_CHARS:
        out.warning(
            scene.mark,
            f"scene '{scene.id}' text is {len(shown)} characters: more than fits at 80×24 ({MAX_SCENE_CHARS}); split it",
            "W109",
        )
    if _CLAIM.search(shown) and not (scene.cite or scene.facts or scene.events):
        out.warning(
            scene.mark,
            f"scene '{scene.id}' states dates or figures but cites nothing: add cite, facts or events",
            "W108",
        )
    seen: dict[str, int] = {}
    for choice in scene.choices:
        if choice.text in seen:
            out.warning(choice.mark, f"two choices in scene '{scene.id}' read '{choice.text}'", "W110")
        seen[choice.text] = choice.index
        if len(choice.text) > MAX_CHOICE_CHARS:
            out.warning(
                choice.mark,
                f"choice text is {len(choice.text)} characters: it will wrap at 80×24 (keep it under {MAX_CHOICE_CHARS})",
                "W109",
            )
        sentences = len(_SENTENCE_END.findall(GLOSSARY_MARK.sub("x", choice.result)))
        if sentences > MAX_RESULT_SENTENCES:
            out.warning(
                choice.result_mark,
                f"this result is {sentences} sentences: keep what a choice led to to one to three",
                "W109",
            )
        if choice.condition is not None and not can_hold(story, scene.role, choice.condition, values):
            out.warning(choice.mark, f"the condition '{choice.condition.source}' can never be true", "W104")
    if scene.choices and not always_open(story, scene, values):
        out.warning(
            scene.mark,
            f"every choice of scene '{scene.id}' has a condition and they may all be false (a dead end): "
            "add one way on without 'if', or mark one choice `otherwise: true`",
            "W102",
        )


def run_check(root: Path, fmt: str = "text", strict: bool = False, lang: str | None = None) -> int:
    """Print every problem; 0 when clean, 1 on errors (or warnings with --strict), 2 if no story.

    With ``lang``, the translation into that language is checked too (game.tools.check_lang).
    """
    if not root.is_dir():
        print(f"budapest56 check: error: '{root}' is not a folder", file=sys.stderr)
        return 2
    story, problems = load_story_with_problems(root)
    if story is not None:
        problems = problems + analyse(story)
    if story is not None and lang:
        from game.tools.check_lang import check_translation

        problems = problems + check_translation(story, root, lang)
    problems.sort(key=lambda p: (p.mark, p.code))
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    if fmt == "json":
        print(
            json.dumps(
                {"errors": errors, "warnings": warnings, "problems": [p.as_dict() for p in problems]},
                indent=2,
                ensure_ascii=False,
            )
        )
    else:
        for p in problems:
            print(p)
        size = f"{len(story.scenes)} scenes, {len(story.roles)} roles" if story else "not loaded"
        print(f"{root}: {errors} error(s), {warnings} warning(s) ({size})")
    if errors or (strict and warnings):
        return 1
    return 0
