"""``budapest56 check --lang hu``: every text a translation lacks, has left stale, or translates in vain.

Each problem points into the translation file, where the translator works, and names the English
it is about. Missing, stale, unconfirmed and orphaned entries are warnings (play falls back to the
English, or shows the older translation), so ``--strict`` is what makes them fail; a file that
cannot be read, or a glossary mark that names no term, is an error.
"""

from __future__ import annotations

from pathlib import Path

from game.story.i18n import english_file, read_translation, state, translation_dir, unknown_terms
from game.story.i18n_fields import NOUNS, Unit, units
from game.story.model import Story
from game.story.parse import display
from game.story.problems import Mark, Problem, ProblemList, did_you_mean


def check_translation(story: Story, root: Path, lang: str) -> list[Problem]:
    out = ProblemList()
    folder = translation_dir(root, lang)
    if not folder.is_dir():
        out.error(
            Mark(display(folder)),
            f"no translation into '{lang}': start one with `budapest56 translate new {lang}`",
            "T100",
        )
        return out.items
    tr = read_translation(root, lang)
    out.items.extend(tr.problems)
    all_units = list(units(story))
    by_file: dict[Path, list[Unit]] = {}
    for unit in all_units:
        rel = english_file(unit.file_mark, root)
        if rel is not None:
            by_file.setdefault(rel, []).append(unit)
    for rel, file_units in by_file.items():
        path = folder / rel
        if path in tr.unreadable:
            continue
        if path not in tr.files:
            out.warning(
                Mark(display(path)),
                f"no translation file: the {len(file_units)} texts of {display(Path(root) / rel)} are not "
                f"translated (run `budapest56 translate update {lang}`)",
                "T101",
            )
            continue
        for unit in file_units:
            _check_unit(out, unit, tr, path)
    _orphans(out, tr, all_units, story)
    for entry in tr.entries.values():
        for term in unknown_terms(entry.text or "", story.glossary):
            out.error(
                entry.mark,
                f"unknown glossary term [[{term}]] in the translation{did_you_mean(term, story.glossary)}: "
                "the id between [[ ]] stays as in the English, only the words after | are translated",
                "T105",
            )
    return out.items


def _check_unit(out: ProblemList, unit: Unit, tr, path: Path) -> None:
    entry = tr.entries.get(unit.ident)
    english = f"(English at {unit.mark})"
    what = unit.describe()
    found = state(unit, entry)
    if found == "missing":
        where = (
            entry.mark
            if entry
            else tr.places.get((path, unit.kind, unit.item))
            or tr.places.get((path, unit.kind, ""))
            or Mark(display(path), 1, 1)
        )
        out.warning(where, f"{what} is not translated {english}", "T101")
    elif found == "unconfirmed":
        out.warning(
            entry.mark,
            f"{what} has no `from:` yet: run `budapest56 translate update {tr.lang}` once it is checked {english}",
            "T104",
        )
    elif found == "stale":
        out.warning(
            entry.from_mark,
            f"{what} is stale: the English changed since it was translated (from {entry.source}, now "
            f"{unit.fingerprint}); check the translation, then delete this `from:` line and run "
            f"`budapest56 translate update {tr.lang}` {english}",
            "T102",
        )


def _orphans(out: ProblemList, tr, all_units: list[Unit], story: Story) -> None:
    keys: dict[tuple[str, str], list[str]] = {}
    for unit in all_units:
        keys.setdefault((unit.kind, unit.item), []).append(unit.key)
    reported: set[tuple[Path, str, str]] = set()
    for entry in tr.entries.values():
        if entry.key in keys.get((entry.kind, entry.item), ()):
            continue
        noun = NOUNS[entry.kind]
        if (entry.kind, entry.item) in keys or entry.kind == "story":
            hint = did_you_mean(entry.key, keys.get((entry.kind, entry.item), ()))
            what = noun if entry.kind == "story" else f"{noun} '{entry.item}'"
            out.warning(entry.mark, f"orphan: {what} has no text '{entry.key}' in the English{hint}", "T103")
            continue
        place = (entry.file, entry.kind, entry.item)
        if place in reported:
            continue
        reported.add(place)
        ids = {item for kind, item in keys if kind == entry.kind}
        out.warning(
            tr.places.get(place, entry.mark),
            f"orphan: there is no {noun} '{entry.item}' in the English{did_you_mean(entry.item, ids)}",
            "T103",
        )
