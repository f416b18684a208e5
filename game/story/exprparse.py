"""Reading an expression: the tokenizer and the recursive-descent parser of the condition language.

The parser resolves every name against a Scope and checks types as it reads, building the code tree
of game.story.exprcode; it never evaluates anything (see game.story.expr for the language).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from game.story.clock import parse_time
from game.story.exprcode import CMP, Code, build
from game.story.exprtypes import Compiled, ExprError, Scope
from game.story.problems import did_you_mean

ID_FUNCTIONS = {"visited": "scene", "visits": "scene", "found": "fact"}
KEYWORDS = {"and", "or", "not", "true", "false"}
_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<dur>\d+[mhd](?![A-Za-z0-9_]))
  | (?P<num>\d+(?![A-Za-z_]))
  | (?P<str>"[^"\\]*"|'[^'\\]*')
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<op>==|!=|<=|>=|\+=|-=|[-+*/%<>()=,])
    """,
    re.VERBOSE,
)


# habits from other languages, with the word this language uses
_WRONG_OPS = (
    ("===", "=="),
    ("=>", ">="),
    ("=<", "<="),
    ("<>", "!="),
    ("&&", "and"),
    ("||", "or"),
    ("&", "and"),
    ("|", "or"),
)


@dataclass
class Tok:
    """One token of an expression, with its offset in the source text."""

    kind: str
    text: str
    pos: int


def tokenize(source: str) -> list[Tok]:
    tokens: list[Tok] = []
    pos = 0
    n = len(source)
    while pos < n:
        prev = tokens[-1] if tokens else None
        before = tokens[-2] if len(tokens) > 1 else None
        if (
            prev is not None
            and prev.kind == "op"
            and prev.text == "("
            and before is not None
            and before.kind == "name"
            and before.text in ID_FUNCTIONS
        ):
            # ids of scenes and cards may hold dots and hyphens: read them raw up to ")"
            end = source.find(")", pos)
            if end == -1:
                raise ExprError(f"'{before.text}(' is never closed", before.pos)
            raw = source[pos:end]
            stripped = raw.strip()
            if len(stripped) >= 2 and stripped[0] == stripped[-1] and stripped[0] in "\"'":
                stripped = stripped[1:-1]
            lead = len(raw) - len(raw.lstrip())
            tokens.append(Tok("id", stripped, pos + lead))
            pos = end
            continue
        for wrong, right in _WRONG_OPS:
            if source.startswith(wrong, pos):
                raise ExprError(f"'{wrong}' is not an operator here — did you mean '{right}'?", pos)
        if source[pos] == "!" and not source.startswith("!=", pos):
            raise ExprError("'!' is not an operator here — did you mean 'not'?", pos)
        match = _TOKEN.match(source, pos)
        if match is None:
            raise ExprError(f"unexpected character {source[pos]!r}", pos)
        kind = match.lastgroup or ""
        if kind != "ws":
            tokens.append(Tok(kind, match.group(), pos))
        pos = match.end()
    tokens.append(Tok("end", "", n))
    return tokens


_DUR_UNITS = {"m": 1, "h": 60, "d": 1440}


@dataclass
class _Node:
    """A checked part of an expression: its type and its code (see exprcode)."""

    type: str
    code: Code  # the checked tree (see exprcode), turned into a closure once the whole text is read
    pos: int
    const: bool = False
    value: object = None
    atom: str | None = None  # a bare read of state: a variable, "visits:<id>", "found:<id>" or "clock"


def _const(type_: str, value: object, pos: int) -> _Node:
    return _Node(type_, ("const", value), pos, True, value)


class Parser:
    def __init__(self, source: str, scope: Scope):
        self.source = source
        self.scope = scope
        self.tokens = tokenize(source)
        self.i = 0
        self.result = Compiled(source, "bool", build(("const", None)))
        self.assigning = ""  # in an effect's value: the type of the variable being set

    # -- token helpers -------------------------------------------------------------------
    @property
    def tok(self) -> Tok:
        return self.tokens[self.i]

    def take(self) -> Tok:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def at(self, kind: str, text: str | None = None) -> bool:
        tok = self.tok
        return tok.kind == kind and (text is None or tok.text == text)

    def at_word(self, word: str) -> bool:
        return self.tok.kind == "name" and self.tok.text == word

    def expect_op(self, text: str) -> Tok:
        if not self.at("op", text):
            raise ExprError(f"expected '{text}' but found {self.describe(self.tok)}", self.tok.pos)
        return self.take()

    @staticmethod
    def describe(tok: Tok) -> str:
        return "the end of the expression" if tok.kind == "end" else f"'{tok.text}'"

    def finish(self) -> None:
        if not self.at("end"):
            raise ExprError(f"unexpected {self.describe(self.tok)}", self.tok.pos)

    # -- grammar ---------------------------------------------------------------------------
    def expression(self) -> _Node:
        return self.or_()

    def or_(self) -> _Node:
        left = self.and_()
        while self.at_word("or"):
            tok = self.take()
            right = self.and_()
            self.need(left, "bool", "or")
            self.need(right, "bool", "or")
            left = _Node("bool", ("or", left.code, right.code), tok.pos)
        return left

    def and_(self) -> _Node:
        left = self.not_()
        while self.at_word("and"):
            tok = self.take()
            right = self.not_()
            self.need(left, "bool", "and")
            self.need(right, "bool", "and")
            left = _Node("bool", ("and", left.code, right.code), tok.pos)
        return left

    def not_(self) -> _Node:
        if self.at_word("not"):
            tok = self.take()
            inner = self.not_()
            self.need(inner, "bool", "not")
            return _Node("bool", ("not", inner.code), tok.pos)
        return self.comparison()

    def comparison(self) -> _Node:
        left = self.sum_()
        if self.at("op", "="):
            raise ExprError("'=' sets a value (in effects) — to compare, write '=='", self.tok.pos)
        if self.at("op") and self.tok.text in CMP:
            tok = self.take()
            right = self.sum_()
            op = tok.text
            if left.type != right.type:
                raise ExprError(
                    f"cannot compare {tname(left.type)} with {tname(right.type)} using '{op}'",
                    tok.pos,
                )
            if op not in ("==", "!=") and left.type not in ("int", "time", "str", "dur"):
                raise ExprError(f"'{op}' needs numbers or times, not {tname(left.type)}", tok.pos)
            self.note_comparison(left, right)
            return _Node("bool", ("cmp", op, left.code, right.code), tok.pos)
        return left

    def note_comparison(self, left: _Node, right: _Node) -> None:
        """Remember `atom op constant` pairs; anything else makes the expression not simple."""
        for a, b in ((left, right), (right, left)):
            if a.atom is not None and b.const:
                self.result.constants.setdefault(a.atom, set()).add(b.value)
                if a.type == "str":
                    self.result.compares.append((a.atom, str(b.value)))
                return
        if not (left.const and right.const):
            self.result.simple = False

    def sum_(self) -> _Node:
        left = self.term()
        while self.at("op") and self.tok.text in ("+", "-"):
            tok = self.take()
            right = self.term()
            left = self.arith(left, right, tok)
        return left

    def term(self) -> _Node:
        left = self.unary()
        while self.at("op") and self.tok.text in ("*", "/", "%"):
            tok = self.take()
            right = self.unary()
            left = self.arith(left, right, tok)
        return left

    def arith(self, left: _Node, right: _Node, tok: Tok) -> _Node:
        op = tok.text
        pair = (left.type, right.type)
        if pair == ("int", "int"):
            type_ = "int"
        elif pair == ("time", "dur") and op in ("+", "-"):
            type_ = "time"
        elif pair == ("dur", "dur") and op in ("+", "-"):
            type_ = "dur"
        else:
            raise ExprError(f"'{op}' cannot combine {tname(left.type)} and {tname(right.type)}", tok.pos)
        if not (left.const and right.const):
            self.result.simple = False
        return _Node(type_, ("arith", op, left.code, right.code), tok.pos)

    def unary(self) -> _Node:
        if self.at("op", "-"):
            tok = self.take()
            inner = self.unary()
            self.need(inner, "int", "unary '-'")
            if inner.const:
                return _const("int", -inner.value, tok.pos)  # type: ignore[operator]
            self.result.simple = False
            return _Node("int", ("neg", inner.code), tok.pos)
        return self.atom()

    def atom(self) -> _Node:
        tok = self.tok
        if tok.kind == "num":
            self.take()
            return _const("int", int(tok.text), tok.pos)
        if tok.kind == "dur":
            self.take()
            return _const("dur", int(tok.text[:-1]) * _DUR_UNITS[tok.text[-1]], tok.pos)
        if tok.kind == "str":
            self.take()
            return _const("str", tok.text[1:-1], tok.pos)
        if tok.kind == "op" and tok.text == "(":
            self.take()
            inner = self.expression()
            self.expect_op(")")
            return inner
        if tok.kind == "name":
            self.take()
            if tok.text == "true":
                return _const("bool", True, tok.pos)
            if tok.text == "false":
                return _const("bool", False, tok.pos)
            if tok.text in ("and", "or", "not"):
                raise ExprError(f"'{tok.text}' needs something before it", tok.pos)
            if self.at("op", "("):
                return self.call(tok)
            return self.variable(tok)
        raise ExprError(f"expected a value but found {self.describe(tok)}", tok.pos)

    def variable(self, tok: Tok) -> _Node:
        name = tok.text
        if name == "clock":
            self.result.reads.add("clock")
            return _Node("time", ("clock",), tok.pos, atom="clock")
        info = self.scope.variables.get(name)
        if info is None:
            raise self.unknown(tok)
        self.result.reads.add(name)
        return _Node(info.type, ("var", name), tok.pos, atom=name)

    def unknown(self, tok: Tok) -> ExprError:
        """Why a name is not a variable, and what the author probably meant instead."""
        name = tok.text
        if name in self.scope.broken:
            return ExprError(f"variable '{name}' is declared wrongly (reported there)", tok.pos, knock_on=True)
        if name.lower() in KEYWORDS:
            return ExprError(f"write '{name.lower()}' in lower case", tok.pos)
        i = self.i - 1  # the name's own token
        before = self.tokens[i - 2 : i] if i >= 2 else []
        after = self.tokens[i + 1 : i + 3]
        compared_with_text = (len(before) == 2 and before[1].text in ("==", "!=") and self.text_typed(before[0])) or (
            len(after) == 2 and after[0].text in ("==", "!=") and self.text_typed(after[1])
        )
        if compared_with_text or self.assigning == "str":
            return ExprError(f"'{name}' is not a variable — put text in quotes: \"{name}\"", tok.pos)
        hint = did_you_mean(name, list(self.scope.variables) + ["clock"])
        if hint or not self.scope.declare:
            return ExprError(f"unknown variable '{name}'{hint}", tok.pos)
        example = self.example_value(after)
        return ExprError(
            f"unknown variable '{name}': declare it {self.scope.declare}, e.g. `{name}: {example}`", tok.pos
        )

    def text_typed(self, tok: Tok) -> bool:
        """Whether ``tok`` is a text variable (a literal beside an unknown name means a missing variable)."""
        info = self.scope.variables.get(tok.text) if tok.kind == "name" else None
        return info is not None and info.type == "str"

    def example_value(self, after: list[Tok]) -> str:
        """A starting value of the type the name is used as: `x >= 3` → 0, `x == "a"` → "", else false."""
        if self.assigning:
            return {"int": "0", "str": '""', "bool": "false"}.get(self.assigning, "0")
        if after and after[0].kind == "op" and after[0].text in CMP and len(after) > 1:
            if after[1].kind == "str":
                return '""'
            if after[1].kind == "num" or after[0].text not in ("==", "!="):
                return "0"
        if after and after[0].kind == "op" and after[0].text in ("+", "-", "*", "/", "%"):
            return "0"
        return "false"

    def call(self, name_tok: Tok) -> _Node:
        fname = name_tok.text
        self.expect_op("(")
        if fname in ID_FUNCTIONS:
            arg = self.take()
            if arg.kind != "id" or not arg.text:
                raise ExprError(f"'{fname}' needs an id, e.g. {fname}(some.id)", name_tok.pos)
            self.expect_op(")")
            return self.id_call(fname, arg)
        if fname == "time":
            arg = self.take()
            if arg.kind != "str":
                raise ExprError('time() needs a quoted time, e.g. time("1956-11-04 05:20")', arg.pos)
            self.expect_op(")")
            try:
                minutes = parse_time(arg.text[1:-1])
            except ValueError as exc:
                raise ExprError(str(exc), arg.pos) from None
            return _const("time", minutes, name_tok.pos)
        known = sorted(list(ID_FUNCTIONS) + ["time"])
        raise ExprError(
            f"unknown function '{fname}'{did_you_mean(fname, known)}; known: {', '.join(known)}",
            name_tok.pos,
        )

    def id_call(self, fname: str, arg: Tok) -> _Node:
        ident = arg.text
        if ID_FUNCTIONS[fname] == "scene":
            if ident not in self.scope.scenes:
                hint = did_you_mean(ident, self.scope.scenes)
                raise ExprError(f"unknown scene '{ident}'{hint}", arg.pos)
            self.result.scenes.add(ident)
            if fname == "visits":
                return _Node("int", ("visits", ident), arg.pos, atom=f"visits:{ident}")
            self.result.constants.setdefault(f"visits:{ident}", set()).add(1)  # visited(s) is visits(s) >= 1
            return _Node("bool", ("visited", ident), arg.pos, atom=f"visited:{ident}")
        if ident not in self.scope.facts:
            raise ExprError(f"unknown fact card '{ident}'{did_you_mean(ident, self.scope.facts)}", arg.pos)
        self.result.facts.add(ident)
        return _Node("bool", ("found", ident), arg.pos, atom=f"found:{ident}")

    def need(self, node: _Node, type_: str, what: str) -> None:
        if node.type != type_:
            raise ExprError(f"'{what}' needs {tname(type_)}, not {tname(node.type)}", node.pos)


def tname(type_: str) -> str:
    return {
        "int": "a number",
        "bool": "true/false",
        "str": "text",
        "time": "a time",
        "dur": "a duration",
    }.get(type_, type_)
