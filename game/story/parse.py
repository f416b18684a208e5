"""Loading, stage 1: story files → position-keeping YAML nodes, every id registered once.

Reading all files and collecting ids before anything is built lets files refer to each other
in any order. A file that cannot be read as YAML stops here; the ids it seems to declare are
remembered, so its one syntax error is not followed by "unknown scene" errors in every file
that refers to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from game.story.fields import Fields
from game.story.keys import ITEM_KINDS, PLAIN_ID, PLAIN_RULE, SCENE_ID, SCENE_RULE, STORY_KEYS, TOP_KEYS
from game.story.model import StoryMeta
from game.story.problems import Mark, Problem, ProblemList
from game.story.yamlnodes import YMap, YNode, YScalar, read_yaml

# `- id: radio.nov4.studio` or `{id: book, …}`: a guess at the ids of a file that does not parse
_ID_LINE = re.compile(r"(?:^[ \t-]*|[{,][ \t]*)id:[ \t]*[\"']?([A-Za-z0-9_.-]+)", re.MULTILINE)


@dataclass
class Raw:
    """An item waiting to be built, with the file's default role for scenes."""

    node: YMap
    default_role: str | None = None


@dataclass
class Parsed:
    """Everything stage 1 found: raw items by kind, their ids, and the story's own block."""

    root: Path
    problems: ProblemList
    f: Fields
    meta: StoryMeta = field(default_factory=StoryMeta)
    meta_mark: Mark | None = None
    meta_epilogue: list[tuple[str, Mark]] = field(default_factory=list)
    role_order: list[tuple[str, Mark]] = field(default_factory=list)
    meta_exit: YNode | None = None  # the story's own exit-ticket questions, built with the scenes
    raw: dict[str, list[Raw]] = field(default_factory=lambda: {k: [] for k in ITEM_KINDS})
    raw_shared_vars: list[YMap] = field(default_factory=list)
    ids: dict[str, dict[str, Mark]] = field(default_factory=lambda: {k: {} for k in ITEM_KINDS})
    unreadable_ids: set[str] = field(default_factory=set)

    def known(self, kind: str, ident: str) -> bool:
        """Whether a reference may stand: declared, or perhaps declared in a file that did not parse."""
        return ident in self.ids[kind] or ident in self.unreadable_ids


def display(path: Path) -> str:
    """A path as an author would type it: relative to the working folder when inside it."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def parse_files(root: Path, files: list[Path], problems: ProblemList) -> Parsed:
    """Read every file; report syntax errors, unknown top-level fields and duplicate ids."""
    parsed = Parsed(root, problems, Fields(problems))
    for path in files:
        _read_file(parsed, path)
    return parsed


def _read_file(p: Parsed, path: Path) -> None:
    shown = display(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        p.f.error(Mark(shown, 1, 1), f"not UTF-8 text ({exc.reason} at byte {exc.start})", "E001")
        p.unreadable_ids.update(_ID_LINE.findall(exc.object.decode("utf-8", "replace")))
        return
    except OSError as exc:
        p.f.error(Mark(shown), f"cannot read: {exc.strerror}", "E001")
        return
    found: list[Problem] = []
    node = read_yaml(text, shown, found)
    p.problems.items.extend(found)
    if node is None:
        if found:
            p.unreadable_ids.update(_ID_LINE.findall(text))
        return
    top = p.f.mapping(node, "a story file", TOP_KEYS)
    if top is None:
        p.unreadable_ids.update(_ID_LINE.findall(text))
        return
    default_role = p.f.text(top.get("role"), "role")
    if "story" in top.values:
        if p.meta_mark is not None:
            p.f.error(top.keys["story"], f"'story' is declared twice (first at {p.meta_mark})", "E020")
        else:
            p.meta_mark = top.keys["story"]
            _read_meta(p, top.values["story"])
    shared = top.get("variables")
    if isinstance(shared, YMap):
        p.raw_shared_vars.append(shared)
    elif shared is not None:
        p.f.mapping(shared, "variables", ())
    for kind in ITEM_KINDS:
        for item in p.f.seq(top.get(kind), kind):
            if not isinstance(item, YMap):
                p.f.error(item.mark, f"each item of {kind} must be a mapping with an id", "E010")
                continue
            _register(p, kind, item)
            p.raw[kind].append(Raw(item, default_role))


def _register(p: Parsed, kind: str, item: YMap) -> None:
    node = item.get("id")
    pattern, rule = (SCENE_ID, SCENE_RULE) if kind == "scenes" else (PLAIN_ID, PLAIN_RULE)
    if node is None:
        p.f.error(item.mark, f"an item of {kind} has no 'id'", "E012")
        return
    ident = p.f.ident(node, "id", pattern, rule)
    if ident is None:
        if isinstance(node, YScalar) and node.value is not None:
            p.unreadable_ids.add(node.raw)  # already reported: references to it are not reported again
        return
    seen = p.ids[kind]
    if ident in seen:
        p.f.error(node.mark, duplicate_message(ident, kind, seen[ident], node.mark), "E021")
    else:
        seen[ident] = node.mark


def duplicate_message(ident: str, kind: str, first: Mark, again: Mark) -> str:
    """Both places, and which one counts: the file read first (files are read in path order)."""
    if first.path == again.path:
        return f"duplicate id '{ident}' in {kind}: also declared at line {first.line} of this file, which counts; rename one"
    return (
        f"duplicate id '{ident}' in {kind}: also declared at {first}, which was read first and counts "
        "(files are read in alphabetical order of their paths); rename one"
    )


def _read_meta(p: Parsed, node: YNode) -> None:
    m = p.f.mapping(node, "story", STORY_KEYS)
    if m is None:
        return
    p.meta = StoryMeta(
        title=p.f.text(m.get("title"), "title", "Untitled story") or "Untitled story",
        intro=p.f.text(m.get("intro"), "intro", "") or "",
        content_note=p.f.text(m.get("content_note"), "content_note", "") or "",
        questions=[t for t, _ in p.f.text_list(m.get("questions"), "questions")],
        mark=m.mark,
    )
    p.meta_epilogue = p.f.text_list(m.get("epilogue"), "epilogue")
    p.role_order = p.f.text_list(m.get("roles"), "roles")
    p.meta_exit = m.get("exit_questions")
