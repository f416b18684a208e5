"""Translations of a story: YAML files beside it, read with positions and laid over the built Story.

A translation into language ``hu`` lives in ``<story>/i18n/hu/`` and mirrors the story's files
(``radio/nov04.yaml`` → ``i18n/hu/radio/nov04.yaml``). Each entry names a text by the id of its
item and a key from :mod:`game.story.i18n_fields`, and records the fingerprint of the English it
was translated from, so ``check --lang`` can tell a stale translation. The format is described
in docs/translating.md.

The engine never knows which language it runs: :func:`translate` only replaces texts of a freshly
built Story. A text without a translation keeps its English, entry by entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from game.story.fields import Fields
from game.story.i18n_fields import KINDS, NOUNS, Unit, units
from game.story.keys import GLOSSARY_MARK
from game.story.languages import (  # noqa: F401 — re-exported for callers
    LANG_CODE,
    LANG_RULE,
    SOURCE_LANG,
    default_language,
    languages,
    translation_dir,
)
from game.story.model import Story
from game.story.parse import display
from game.story.problems import Mark, Problem, ProblemList
from game.story.yamlnodes import YMap, YNode, YScalar, read_yaml

ENTRY_KEYS = ("from", "text", "note")


@dataclass
class Entry:
    """One translated text as the translator wrote it."""

    kind: str
    item: str
    key: str
    text: str | None  # None: not translated yet
    source: str | None  # the fingerprint in `from:`; None: not confirmed yet
    note: str | None
    mark: Mark  # the entry's key
    from_mark: Mark
    file: Path

    @property
    def ident(self) -> tuple[str, str, str]:
        return (self.kind, self.item, self.key)


@dataclass
class Translation:
    """Every entry of one language, and where each item and kind was written."""

    lang: str
    folder: Path
    entries: dict[tuple[str, str, str], Entry] = field(default_factory=dict)
    files: dict[Path, list[Entry]] = field(default_factory=dict)  # readable files, entries in file order
    places: dict[tuple[Path, str, str], Mark] = field(default_factory=dict)  # (file, kind, item) → mark
    unreadable: set[Path] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)


def english_file(mark: Mark, root: Path) -> Path | None:
    """The story file (relative to the root) a position is in."""
    if not mark.path:
        return None
    try:
        return Path(mark.path).resolve().relative_to(Path(root).resolve())
    except ValueError:
        return None


def read_translation(root: Path | str, lang: str) -> Translation:
    """Read every file of a translation; shape errors become problems, the rest still counts."""
    folder = translation_dir(root, lang)
    tr = Translation(lang, folder)
    if not folder.is_dir():
        return tr
    problems = ProblemList()
    f = Fields(problems)
    for path in sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()):
        _read_file(tr, f, path)
    tr.problems = problems.items
    return tr


def _read_file(tr: Translation, f: Fields, path: Path) -> None:
    shown = display(path)
    found: list[Problem] = []
    try:
        node = read_yaml(path.read_text(encoding="utf-8"), shown, found)
    except (OSError, UnicodeDecodeError) as exc:
        f.error(Mark(shown, 1, 1), f"cannot read: {exc}", "E001")
        tr.unreadable.add(path)
        return
    f.problems.items.extend(found)
    if any(p.severity == "error" for p in found):
        tr.unreadable.add(path)
        return
    tr.files[path] = []
    if node is None:
        return
    top = f.mapping(node, "a translation file", KINDS)
    if top is None:
        tr.unreadable.add(path)
        return
    for kind, value in top.values.items():
        if kind not in KINDS:
            continue
        tr.places[(path, kind, "")] = top.keys[kind]
        if kind == "story":
            _read_item(tr, f, path, kind, "", value)
            continue
        block = _as_map(f, value, f"the {kind} block")
        for ident, item in block.values.items() if block else ():
            tr.places[(path, kind, ident)] = block.keys[ident]
            _read_item(tr, f, path, kind, ident, item)


def _as_map(f: Fields, node: YNode, what: str) -> YMap | None:
    if isinstance(node, YScalar) and node.value is None:
        return None  # an empty block: nothing written yet
    return f.mapping(node, what, tuple(node.keys) if isinstance(node, YMap) else ())


def _read_item(tr: Translation, f: Fields, path: Path, kind: str, ident: str, node: YNode) -> None:
    noun = NOUNS[kind] if kind == "story" else f"{NOUNS[kind]} '{ident}'"
    block = _as_map(f, node, f"the translation of {noun}")
    for key, value in block.values.items() if block else ():
        entry = _entry(f, path, kind, ident, key, block.keys[key], value, noun)
        if entry is None:
            continue
        first = tr.entries.get(entry.ident)
        if first is not None:
            f.error(entry.mark, f"{noun} {key} is translated twice (first at {first.mark})", "T106")
            continue
        tr.entries[entry.ident] = entry
        tr.files[path].append(entry)


def _entry(f: Fields, path: Path, kind: str, ident: str, key: str, mark: Mark, node: YNode, noun: str) -> Entry | None:
    if isinstance(node, YScalar):  # the short form `title: Jó reggelt`, not yet confirmed
        return Entry(kind, ident, key, _optional_text(f, node, "text"), None, None, mark, mark, path)
    m = f.mapping(node, f"the entry {key} of {noun}", ENTRY_KEYS)
    if m is None:
        return None
    source = _optional_text(f, m.get("from"), "from")
    from_mark = m.keys.get("from", mark)
    return Entry(
        kind,
        ident,
        key,
        _optional_text(f, m.get("text"), "text"),
        source.strip() if source else None,
        _optional_text(f, m.get("note"), "note"),
        mark,
        from_mark,
        path,
    )


def _optional_text(f: Fields, node: YNode | None, what: str) -> str | None:
    if node is None or (isinstance(node, YScalar) and node.value is None):
        return None
    return f.text(node, what)


def translate(story: Story, lang: str | None) -> Translation | None:
    """Lay the translation into ``lang`` over ``story`` (in place); English stays where none is written.

    Returns the translation read, or None for the source language. Problems in the translation
    files are kept in the result for ``check``; play goes on with what could be read.
    """
    if not lang or lang == SOURCE_LANG:
        return None
    tr = read_translation(story.root, lang)
    for unit in units(story):
        entry = tr.entries.get(unit.ident)
        if entry is not None and entry.text:
            unit.put(entry.text)
    return tr


def unknown_terms(text: str, glossary: dict) -> list[str]:
    """Glossary marks ``[[id]]`` in a text that name no glossary entry."""
    return [m.group(1).strip() for m in GLOSSARY_MARK.finditer(text) if m.group(1).strip() not in glossary]


def state(unit: Unit, entry: Entry | None) -> str:
    """How far one text is translated: done, stale, unconfirmed (no `from:` yet) or missing."""
    if entry is None or not entry.text:
        return "missing"
    if entry.source is None:
        return "unconfirmed"
    return "done" if entry.source == unit.fingerprint else "stale"
