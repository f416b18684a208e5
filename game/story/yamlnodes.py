"""Read YAML with the safe loader while keeping the position of every value.

PyYAML's ``compose`` (with ``SafeLoader``) gives a node tree with marks but builds no Python
objects, so nothing in a scene file can instantiate a class. We turn that tree into small
wrappers that remember where each value was written, so every later error can point at it.
Aliases (``*name``) are refused, never expanded: a few hundred bytes of them could otherwise
expand into gigabytes.
"""

from __future__ import annotations

import contextlib
import re
from typing import NamedTuple

import yaml

from game.story.problems import Mark, Problem
from game.story.yamlhints import explain

_PLAIN_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")}
_BOOL_TRUE = {"true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"}
_BOOL_FALSE = {"false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"}


class YScalar(NamedTuple):
    """A scalar as written: ``raw`` is the text, ``value`` the YAML-typed value."""

    raw: str
    value: object
    mark: Mark
    quoted: bool = False


class YSeq(NamedTuple):
    items: list[YNode]
    mark: Mark


class YMap(NamedTuple):
    """A mapping with string keys; ``keys`` keeps the position of each key.

    The three node kinds are named tuples (immutable, and about twice as fast to make as
    dataclasses): a 50,000-scene story has half a million of them.
    """

    values: dict[str, YNode]
    keys: dict[str, Mark]
    mark: Mark

    def get(self, key: str) -> YNode | None:
        return self.values.get(key)


YNode = YScalar | YSeq | YMap


def _mark(path: str, m: yaml.Mark) -> Mark:
    return Mark(path, m.line + 1, m.column + 1)


def _scalar_value(node: yaml.ScalarNode) -> object:
    tag = node.tag
    text = node.value
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        return text in _BOOL_TRUE
    if tag == "tag:yaml.org,2002:int":
        try:
            return int(text.replace("_", ""), 0)
        except ValueError:
            return text
    if tag == "tag:yaml.org,2002:float":
        try:
            return float(text.replace("_", ""))
        except ValueError:
            return text
    return text  # str, timestamps and anything else: keep the text as written


MAX_DEPTH = 60  # story files need a handful of levels; libyaml itself stops near 1,000

# A 50,000-scene story makes over a million nodes and marks: each named tuple is made with
# ``tuple.__new__`` as ``_make`` does (no Python-level ``__new__`` call), and the three node
# kinds are told apart by their exact class (libyaml's composer makes only these three).
_new = tuple.__new__
_SCALAR, _SEQUENCE, _MAPPING = yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode
_STR = "tag:yaml.org,2002:str"


class _Refused(Exception):
    """A file we do not read at all (an alias, nesting too deep), raised before anything is built."""

    def __init__(self, problem: Problem | None = None) -> None:
        super().__init__()
        self.problem = problem


def convert(node: yaml.Node, path: str, problems: list[Problem]) -> YNode:
    """Convert a composed YAML node into position-keeping wrappers.

    A YAML alias (``*name``) makes the composer hand back the anchored node a second time. We
    never follow one: expanding aliases is how a 427-byte file becomes gigabytes (the "billion
    laughs"), and an alias inside its own anchor never ends. Each node is visited once, so a
    node met again is an alias, and the whole file is refused (``_Refused``) before anything
    has been expanded.
    """
    return _convert(node, path, problems, set(), 0)


def _convert(node: yaml.Node, path: str, problems: list[Problem], seen: set[int] | None, depth: int) -> YNode:
    if seen is not None:  # None: the text has no anchor ('&'), so it can hold no alias
        if id(node) in seen:
            raise _Refused()  # read_yaml finds the alias's own position in the text
        seen.add(id(node))
    start = node.start_mark
    mark = _new(Mark, (path, start.line + 1, start.column + 1))
    if depth > MAX_DEPTH:
        raise _Refused(
            Problem(
                mark,
                f"nested more than {MAX_DEPTH} levels deep: story files need only a few levels; "
                "check the brackets and indentation here",
                "error",
                "E001",
            )
        )
    tag = node.tag
    if tag not in _PLAIN_TAGS:
        problems.append(
            Problem(mark, f"YAML tag '{tag}' is not allowed: scene files hold plain data only", "error", "E004")
        )
    kind = type(node)
    if kind is _SCALAR:
        text = node.value
        if not node.style and tag == _STR:  # plain (None or "") and untagged
            return _new(YScalar, (text, _plain_value(text), mark, False))
        return _new(YScalar, (text, _scalar_value(node), mark, node.style in ("'", '"')))
    plain = seen is None and depth < MAX_DEPTH  # a plain child scalar may be made here (below)
    if kind is _SEQUENCE:
        items = [
            _plain_scalar(item, path)
            if plain and type(item) is _SCALAR and not item.style and item.tag == _STR
            else _convert(item, path, problems, seen, depth + 1)
            for item in node.value
        ]
        return _new(YSeq, (items, mark))
    assert kind is _MAPPING
    values: dict[str, YNode] = {}
    keys: dict[str, Mark] = {}
    for key_node, value_node in node.value:
        start = key_node.start_mark
        key_mark = _new(Mark, (path, start.line + 1, start.column + 1))
        if type(key_node) is not _SCALAR:
            problems.append(Problem(key_mark, "a key must be a plain name", "error", "E002"))
            continue
        key = key_node.value
        if key in values:
            problems.append(
                Problem(
                    key_mark,
                    f"duplicate key '{key}' (first at line {keys[key].line})",
                    "error",
                    "E003",
                )
            )
            continue
        if plain and type(value_node) is _SCALAR and not value_node.style and value_node.tag == _STR:
            values[key] = _plain_scalar(value_node, path)
        else:
            values[key] = _convert(value_node, path, problems, seen, depth + 1)
        keys[key] = key_mark
    return _new(YMap, (values, keys, mark))


def _plain_scalar(node: yaml.ScalarNode, path: str) -> YScalar:
    """What ``_convert`` makes of a plain, untagged scalar, made by its parent without a call of its own.

    Over half the nodes of a story are such scalars; the parent checks what ``_convert`` would
    (no anchors in the file, not too deep, no tag), so the result is the same.
    """
    start = node.start_mark
    text = node.value
    value = text if text and text[0] not in _SPECIAL_START else _plain_value(text)
    return _new(YScalar, (text, value, _new(Mark, (path, start.line + 1, start.column + 1)), False))


def _alias_problem(text: str, path: str) -> Problem:
    """Where the first alias of a file is written, with the plain-words fix (scanning costs nothing)."""
    aliases: list[yaml.AliasToken] = []
    with contextlib.suppress(yaml.YAMLError):  # the composer read it, so the scanner will too
        aliases = [t for t in yaml.scan(text, Loader=_LOADER) if isinstance(t, yaml.AliasToken)]
    mark = _mark(path, aliases[0].start_mark) if aliases else Mark(path, 1, 1)
    name = f" '*{aliases[0].value}'" if aliases else ""
    more = f" (this file has {len(aliases)} aliases)" if len(aliases) > 1 else ""
    return Problem(
        mark,
        f"YAML alias{name}: aliases are not allowed in story files; write the text out in full{more}",
        "error",
        "E001",
    )


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's safe parser when PyYAML has it (about ten times faster, same marks).

    Implicit typing of plain scalars is switched off here and done by ``_plain_value`` below:
    the same YAML 1.1 rules, but without PyYAML's slow per-scalar resolver.
    """

    yaml_implicit_resolvers: dict = {}
    # libyaml's composer calls these two around every node, for path resolvers we never use; a
    # built-in that takes the same arguments and does nothing keeps those calls out of Python
    # (about 5 % of loading a large story).
    descend_resolver = staticmethod(slice)  # type: ignore[assignment]  # (parent, index) → ignored
    ascend_resolver = staticmethod(tuple)  # type: ignore[assignment]  # () → ignored

    def resolve(self, kind, value, implicit):  # noqa: ANN001, ANN201 — PyYAML's signature
        """Untagged nodes get the plain str/seq/map tags; explicit tags are kept (and refused)."""
        if kind is yaml.ScalarNode:
            return "tag:yaml.org,2002:str"
        if kind is yaml.SequenceNode:
            return "tag:yaml.org,2002:seq"
        return "tag:yaml.org,2002:map"


_LOADER = _Loader
_INT = re.compile(r"[-+]?(0|[1-9][0-9_]*)|0x[0-9a-fA-F_]+|0o?[0-7_]+")
_FLOAT = re.compile(r"[-+]?([0-9][0-9_]*)?\.[0-9_]*([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)")
_NULL = {"", "~", "null", "Null", "NULL"}


_SPECIAL_START = frozenset("0123456789+-.~nNtTfFyYoO")  # how a null, boolean or number can begin


def _plain_value(text: str) -> object:
    """What a plain (unquoted) scalar means: null, a boolean, a number, or text."""
    if text and text[0] not in _SPECIAL_START:
        return text  # most scalars are prose: no need to try the rules below
    if text in _NULL:
        return None
    if text in _BOOL_TRUE:
        return True
    if text in _BOOL_FALSE:
        return False
    if _INT.fullmatch(text):
        try:
            return (
                int(text.replace("_", ""), 0)
                if not text.lstrip("+-").startswith("0o")
                else int(text.replace("_", "").replace("0o", ""), 8)
            )
        except ValueError:
            return text
    if _FLOAT.fullmatch(text):
        try:
            return float(text.replace("_", ""))
        except ValueError:
            return text
    return text


def syntax_problem(text: str, path: str, exc: yaml.MarkedYAMLError) -> Problem:
    """One E001 for a syntax error: in plain words where ``yamlhints`` recognises the mistake."""
    hint = explain(text, exc)
    if hint is not None:
        return Problem(Mark(path, hint.line + 1, hint.col + 1), f"YAML syntax: {hint.message}", "error", "E001")
    m = exc.problem_mark or exc.context_mark
    mark = _mark(path, m) if m else Mark(path)
    what = exc.problem or exc.context or "invalid YAML"
    return Problem(mark, f"YAML syntax: {what}", "error", "E001")


def read_yaml(text: str, path: str, problems: list[Problem]) -> YNode | None:
    """Parse one file; syntax errors become problems with the parser's own position."""
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        problems.append(syntax_problem(text, path, exc))
        return None
    except yaml.YAMLError as exc:  # reader errors (bad bytes) carry no MarkedYAMLError
        problems.append(Problem(Mark(path, 1, 1), f"YAML: {exc}", "error", "E001"))
        return None
    except RecursionError:
        problems.append(Problem(Mark(path, 1, 1), "YAML nested too deeply to be a story file", "error", "E001"))
        return None
    if node is None:
        return None
    found: list[Problem] = []
    try:
        converted = _convert(node, path, found, set() if "&" in text else None, 0)
    except _Refused as refused:
        problems.append(refused.problem or _alias_problem(text, path))
        return None
    problems.extend(found)
    return converted
