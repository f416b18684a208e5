"""``budapest56 translate new|update|status``: start, keep in step and measure a story's translation.

``new`` and ``update`` write the same canonical files (game.tools.i18n_write): one per story
file, every English text as a comment above its entry, fingerprints filled in. ``update`` keeps
every translation and note, adds entries for new English, and writes the fingerprint of the
current English into each entry whose ``from:`` the translator deleted to say "checked". A stale
entry keeps its old fingerprint until then, so ``check --lang`` goes on pointing at it.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from game.locations import schema_file
from game.story.i18n import (
    LANG_CODE,
    LANG_RULE,
    SOURCE_LANG,
    Translation,
    english_file,
    languages,
    read_translation,
    state,
    translation_dir,
)
from game.story.i18n_fields import units
from game.story.model import Story
from game.tools.i18n_write import FilePlan, Slot, render

SCHEMA_NAME = "translation.schema.json"
SHIPPED_SCHEMA = schema_file(SCHEMA_NAME)  # docs/ in a checkout, inside the package when installed


def language_name(lang: str) -> str:
    """ "Hungarian" for hu, from Babel's locale data; the code itself when Babel does not know it."""
    try:
        from babel import Locale, UnknownLocaleError

        try:
            return Locale.parse(lang).english_name or lang
        except (UnknownLocaleError, ValueError):
            return lang
    except ImportError:  # pragma: no cover — Babel is a dependency
        return lang


def plan(story: Story, root: Path, tr: Translation) -> tuple[dict[Path, FilePlan], dict[str, int]]:
    """What every file of the translation should hold, and how many entries were confirmed or added."""
    plans: dict[Path, FilePlan] = {}
    counts = {"confirmed": 0, "added": 0, "orphans": 0}
    known = set()
    for unit in units(story):
        rel = english_file(unit.file_mark, root)
        if rel is None:
            continue
        known.add(unit.ident)
        entry = tr.entries.get(unit.ident)
        if entry is None:
            counts["added"] += 1
            slot = Slot(unit.key, unit.text, unit.fingerprint, None)
        elif entry.text and entry.source:
            slot = Slot(unit.key, unit.text, entry.source, entry.text, entry.note)
        else:
            counts["confirmed"] += bool(entry.text)
            slot = Slot(unit.key, unit.text, unit.fingerprint, entry.text, entry.note)
        plans.setdefault(rel, FilePlan()).add(unit.kind, unit.item, slot)
    for entry in tr.entries.values():
        if entry.ident not in known:
            counts["orphans"] += 1
            rel = entry.file.relative_to(tr.folder)
            plans.setdefault(rel, FilePlan()).add(
                entry.kind, entry.item, Slot(entry.key, None, entry.source, entry.text, entry.note)
            )
    return plans, counts


def _header(root: Path, tr: Translation, rel: Path) -> list[str]:
    target = tr.folder / rel
    name = language_name(tr.lang)
    lines = [
        f"{name} ({tr.lang}) translation of {rel.as_posix()}. Write each `text:`; the comment above it",
        "is the English. Delete a `from:` line once you have checked that entry against the English,",
        f"then run `budapest56 translate update {tr.lang}`. See docs/translating.md.",
    ]
    if target.exists():  # keep the schema line the file has: the author may have pointed it elsewhere
        first = target.read_text(encoding="utf-8").split("\n", 1)[0]
        if "$schema=" in first:
            return [first, *lines]
    docs_schema = _schema_beside_story_schema(root / rel)
    if docs_schema is None:
        docs_schema = root / "i18n" / SCHEMA_NAME
        if SHIPPED_SCHEMA.exists() and not docs_schema.exists():
            docs_schema.parent.mkdir(parents=True, exist_ok=True)
            docs_schema.write_text(SHIPPED_SCHEMA.read_text(encoding="utf-8"), encoding="utf-8")
    schema = Path(os.path.relpath(docs_schema.resolve(), target.parent.resolve())).as_posix()
    return [f"# yaml-language-server: $schema={schema}", *lines]


def _schema_beside_story_schema(english: Path) -> Path | None:
    """The translation schema next to the story schema the English file names, if it is there."""
    try:
        first = english.read_text(encoding="utf-8").split("\n", 1)[0]
    except (OSError, UnicodeDecodeError):
        return None
    if "$schema=" not in first:
        return None
    candidate = (english.parent / first.split("$schema=", 1)[1].strip()).parent / SCHEMA_NAME
    return candidate if candidate.is_file() else None


def write(story: Story, root: Path, tr: Translation) -> dict[str, int]:
    """Write every file of the translation; remove files left with nothing in them."""
    plans, counts = plan(story, root, tr)
    written = 0
    for rel, file_plan in plans.items():
        path = tr.folder / rel
        text = render(file_plan, _header(root, tr, rel))
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.tmp")
            tmp.write_text(text, encoding="utf-8")
            tmp.replace(path)
            written += 1
    for path in tr.files:
        if path.relative_to(tr.folder) not in plans:
            path.unlink()
    counts["written"] = written
    return counts


def _usage(message: str) -> int:
    print(
        f"usage: budapest56 translate {{new,update,status}} [LANG]\nbudapest56 translate: error: {message}",
        file=sys.stderr,
    )
    return 2


def run_translate(args: argparse.Namespace) -> int:
    root: Path = args.story
    lang: str | None = args.lang
    if lang is not None and not LANG_CODE.fullmatch(lang):
        return _usage(f"'{lang}' is not a language code: {LANG_RULE}")
    if lang == SOURCE_LANG:
        return _usage(f"'{SOURCE_LANG}' is the language the story is written in")
    if args.action != "status" and lang is None:
        return _usage(f"say which language, e.g. budapest56 translate {args.action} hu")
    if not root.is_dir():
        print(f"budapest56 translate: error: '{root}' is not a folder", file=sys.stderr)
        return 2
    from game.play import load_or_explain

    story = load_or_explain(root)  # the English, untranslated
    if story is None:
        return 1
    if args.action == "status":
        return status(story, root, [lang] if lang else languages(root))
    assert lang is not None
    folder = translation_dir(root, lang)
    if args.action == "new" and folder.exists():
        print(
            f"budapest56 translate: {folder} already exists: run `budapest56 translate update {lang}`", file=sys.stderr
        )
        return 1
    if args.action == "update" and not folder.is_dir():
        print(
            f"budapest56 translate: no translation into '{lang}' yet: run `budapest56 translate new {lang}`",
            file=sys.stderr,
        )
        return 1
    tr = read_translation(root, lang)
    if tr.unreadable:
        for p in tr.problems:
            print(p, file=sys.stderr)
        print("budapest56 translate: nothing was written: fix the files above first", file=sys.stderr)
        return 1
    counts = write(story, root, tr)
    total = sum(1 for _ in units(story))
    print(
        f"{folder}: {counts['written']} file(s) written; {total} texts, {counts['added']} new entries, "
        f"{counts['confirmed']} confirmed, {counts['orphans']} orphaned"
    )
    if args.action == "new":
        print(f"Next: translate the `text:` entries, then `budapest56 check --lang {lang}`.")
    return 0


def coverage(story: Story, root: Path, tr: Translation) -> dict[Path, dict[str, int]]:
    """Per story file: how many texts are done, stale, unconfirmed and missing."""
    out: dict[Path, dict[str, int]] = {}
    for unit in units(story):
        rel = english_file(unit.file_mark, root)
        if rel is None:
            continue
        row = out.setdefault(rel, {"done": 0, "stale": 0, "unconfirmed": 0, "missing": 0})
        row[state(unit, tr.entries.get(unit.ident))] += 1
    return out


def status(story: Story, root: Path, langs: list[str]) -> int:
    if not langs:
        print(f"{root}: no translations yet; start one with `budapest56 translate new LANG` (e.g. hu)")
        return 0
    for lang in langs:
        tr = read_translation(root, lang)
        rows = coverage(story, root, tr)
        total = {k: sum(r[k] for r in rows.values()) for k in ("done", "stale", "unconfirmed", "missing")}
        texts = sum(total.values())
        print(
            f"{language_name(lang)} ({lang}): {total['done']} of {texts} texts translated ({_pct(total['done'], texts)}), "
            f"{total['stale'] + total['unconfirmed']} to re-check, {total['missing']} missing"
        )
        width = max(len(str(r)) for r in rows) if rows else 10
        print(f"  {'file':<{width}}  {'done':>9}  {'%':>4}  {'re-check':>8}  {'missing':>7}")
        for rel, r in sorted(rows.items()):
            n = sum(r.values())
            done = f"{r['done']}/{n}"
            print(
                f"  {rel.as_posix():<{width}}  {done:>9}  {_pct(r['done'], n):>4}  "
                f"{r['stale'] + r['unconfirmed']:>8}  {r['missing']:>7}"
            )
    return 0


def _pct(part: int, whole: int) -> str:
    return f"{100 * part // whole}%" if whole else "–"
