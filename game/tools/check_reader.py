"""Warnings about what a player or a student reads: choices nothing answers, measures that
change nothing, sources nobody cites, and template text left in (W112–W115).

The checks in ``check`` find what cannot work; these find what works but reads badly: a choice
the next scene ignores feels like no choice at all, a number in the status panel that never
matters is noise, and a bibliography entry nobody cites cannot be followed from any claim.
"""

from __future__ import annotations

import re
from itertools import combinations
from pathlib import Path

from game.story.model import Choice, Citation, Scene, Story
from game.story.problems import Mark, ProblemList
from game.tools.scaffold import PLACEHOLDER_SOURCE, PLACEHOLDERS

_SOURCE_ID = re.compile(rf"(?<![\w-]){re.escape(PLACEHOLDER_SOURCE)}(?![\w-])")


def reader_checks(story: Story, out: ProblemList) -> None:
    for scene in story.scenes.values():
        _unanswered(out, story, scene)
    _idle_measures(out, story)
    _uncited_sources(out, story)
    _placeholders(out, story)


# -- W112: choices the next scene cannot tell apart ------------------------------------------------
def visible_reads(scene: Scene) -> set[str]:
    """Variables whose value changes what a scene shows: read by a passage's or a choice's condition."""
    reads: set[str] = set()
    for passage in scene.passages:
        if passage.condition:
            reads |= passage.condition.reads
    for choice in scene.choices:
        if choice.condition:
            reads |= choice.condition.reads
    return reads


def _answered(choice: Choice, target: str) -> bool:
    """The choice says what it led to: its own result, or a line on every outcome that leads here."""
    if choice.result:
        return True
    lines = [o.text for o in choice.outcomes if o.goto == target]
    return bool(lines) and all(lines)


def _writes(choice: Choice, target: str) -> dict[str, list[str]]:
    """What the choice (and its outcomes that lead to ``target``) does to each variable."""
    effects = list(choice.effects)
    for outcome in choice.outcomes:
        if outcome.goto == target:
            effects += outcome.effects
    out: dict[str, list[str]] = {}
    for effect in effects:
        for name in effect.writes:
            out.setdefault(name, []).append(effect.source.strip())
    return {name: sorted(sources) for name, sources in out.items()}


def told_apart(a: Choice, b: Choice, target: Scene, reads: set[str]) -> bool:
    """Whether a player arriving at ``target`` can tell which of the two choices they took."""
    if _answered(a, target.id) or _answered(b, target.id):
        return True
    wa, wb = _writes(a, target.id), _writes(b, target.id)
    differ = {name for name in wa.keys() | wb.keys() if wa.get(name) != wb.get(name)}
    if target.when is not None:
        differ.discard("clock")  # the target sets the clock on arrival: the difference is gone
    return bool(differ & reads)


def _unanswered(out: ProblemList, story: Story, scene: Scene) -> None:
    groups: dict[str, list[Choice]] = {}
    for choice in scene.choices:
        for target in dict.fromkeys(choice.targets):
            groups.setdefault(target, []).append(choice)
    found: dict[tuple[int, ...], list[str]] = {}  # the same choices silent at several targets: one warning
    for target_id, group in groups.items():
        target = story.scenes.get(target_id)
        if target is None or len(group) < 2:
            continue
        reads = visible_reads(target)
        silent: set[int] = set()
        for a, b in combinations(group, 2):
            if not told_apart(a, b, target, reads):
                silent |= {a.index, b.index}
        if silent:
            found.setdefault(tuple(sorted(silent)), []).append(target_id)
    for indexes, targets in found.items():
        names = ", ".join(f"'{scene.choices[i].text}'" for i in indexes)
        where = " and ".join(f"'{t}'" for t in targets)
        out.warning(
            scene.choices[indexes[0]].mark,
            f"choices {names} of scene '{scene.id}' all lead to {where}, and nothing there tells them apart: "
            "give each a `result:`, or a passage in the next scene that reads what it changes",
            "W112",
        )


# -- W113: a measure that changes nothing --------------------------------------------------------
def _idle_measures(out: ProblemList, story: Story) -> None:
    for role in story.roles.values():
        reads: set[str] = set()
        for scene in story.role_scenes(role.id):
            reads |= visible_reads(scene)
        variables = story.variables_for(role.id)
        for name in role.measures:
            if name in variables and name not in reads:
                out.warning(
                    variables[name].mark,
                    f"measure '{name}' is shown in the status panel of role '{role.id}' but no condition reads it: "
                    "let it change a passage or a choice, or take it out of `measures`",
                    "W113",
                )


# -- W114: a source nobody cites -----------------------------------------------------------------
def cited_sources(story: Story) -> set[str]:
    cites: list[Citation] = []
    for scene in story.scenes.values():
        cites += scene.cite
        if scene.decision:
            cites += scene.decision.cite
        if scene.ending:
            cites += scene.ending.cite
    for item in [*story.facts.values(), *story.timeline.values()]:
        cites += item.cite
        if item.disputed:
            cites += item.disputed.cite
    for entry in story.glossary.values():
        cites += entry.cite
    return {c.source for c in cites}


def _uncited_sources(out: ProblemList, story: Story) -> None:
    cited = cited_sources(story)
    for source in story.sources.values():
        if source.id not in cited:
            out.warning(
                source.mark,
                f"source '{source.id}' is listed but nothing cites it: cite it where it supports a claim, or remove it",
                "W114",
            )


# -- W115: the scaffold's stand-in texts ---------------------------------------------------------
def _placeholders(out: ProblemList, story: Story) -> None:
    for name in story.files:
        try:
            text = Path(name).read_text(encoding="utf-8")
        except (OSError, UnicodeError):
            continue  # the loader read it a moment ago; if it is gone now there is nothing to point at
        if not any(p in text for p in PLACEHOLDERS) and not _SOURCE_ID.search(text):
            continue  # the usual case, told from the whole text at once rather than line by line
        for number, line in enumerate(text.splitlines(), 1):
            if line.lstrip().startswith("#"):
                continue
            found = next((p for p in PLACEHOLDERS if p in line), None)
            if found is not None:
                col = line.index(found) + 1
                message = f"template text left in: '{found}' — write the story's own words here"
            elif match := _SOURCE_ID.search(line):
                col = match.start() + 1
                message = f"the template's source '{PLACEHOLDER_SOURCE}' is still used: cite a real source instead"
            else:
                continue
            out.warning(Mark(name, number, col), message, "W115")
