"""The condition and effect language of scene files.

Authors write small expressions (``food >= 1 and not arrested``) and statements
(``exposure += 2``, ``clock += 30m``). They are parsed, name-resolved and type-checked when the
story loads, then compiled into Python closures. Nothing is ever handed to ``eval`` or ``exec``:
the only things an expression can do are the operations of game.story.exprcode.

This module is the entry point: a condition or an effect in, a checked Compiled out. The tokenizer
and parser are in game.story.exprparse, the types in game.story.exprtypes.

Types: ``int``, ``bool``, ``str``, ``time`` (the clock) and ``dur`` (a duration such as ``30m``).
"""

from __future__ import annotations

import re

from game.story.exprcode import build
from game.story.exprparse import Parser, tname
from game.story.exprtypes import Compiled, ExprError, Scope, VarInfo
from game.story.problems import did_you_mean

__all__ = ["Compiled", "ExprError", "Scope", "VarInfo", "compile_condition", "compile_effect"]


def compile_condition(source: str, scope: Scope) -> Compiled:
    """Parse and check a condition; it must be true/false."""
    if not source.strip():
        raise ExprError("empty condition", 0)
    parser = Parser(source, scope)
    node = parser.expression()
    parser.finish()
    if node.type != "bool":
        raise ExprError(f"a condition must be true/false, but this is {tname(node.type)}", 0)
    result = parser.result
    result.type = "bool"
    result.code = node.code
    result.fn = build(node.code)
    result.is_constant = node.const
    result.constant = node.value
    return result


_ASSIGN = re.compile(r"\s*(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*(?P<op>\+=|-=|=)(?!=)")


def compile_effect(source: str, scope: Scope) -> Compiled:
    """Parse and check one statement (``x = e``, ``x += e``, ``x -= e``, ``clock += 30m``).

    The compiled function takes a mutable draft (``.vars`` dict and ``.clock``) and updates it.
    """
    match = _ASSIGN.match(source)
    if match is None:
        raise ExprError("an effect looks like 'name = value', 'name += 1' or 'clock += 30m'", 0)
    name, op = match.group("name"), match.group("op")
    rest_at = match.end()
    info = scope.variables.get(name)
    if name in scope.broken:
        raise ExprError(f"variable '{name}' is declared wrongly (reported there)", 0, knock_on=True)
    parser = Parser(source[rest_at:], scope)
    parser.assigning = info.type if info is not None and op == "=" else ""
    try:
        node = parser.expression()
        parser.finish()
    except ExprError as exc:
        raise ExprError(exc.message, exc.offset + rest_at) from None
    result = parser.result
    result.writes.add(name)
    result.replaces = op == "="
    if name == "clock":
        want = "time" if op == "=" else "dur"
        if node.type != want:
            raise ExprError(f"clock {op} needs {tname(want)}, not {tname(node.type)}", rest_at + node.pos)
        result.code = ("clock=", node.code) if op == "=" else ("clock+", 1 if op == "+=" else -1, node.code)
        result.fn = build(result.code)
        result.type = "effect"
        return result
    if info is None:
        hint = did_you_mean(name, list(scope.variables) + ["clock"])
        if not hint and scope.declare:
            example = {"int": "0", "str": '""', "bool": "false"}.get(node.type, "0") if op == "=" else "0"
            hint = f": declare it {scope.declare}, e.g. `{name}: {example}`"
        raise ExprError(f"unknown variable '{name}'{hint}", match.start("name"))
    if op != "=" and info.type != "int":
        raise ExprError(f"'{op}' works on numbers; '{name}' is {tname(info.type)}", match.start("op"))
    if node.type != info.type:
        raise ExprError(f"'{name}' is {tname(info.type)} but the value is {tname(node.type)}", rest_at + node.pos)
    if info.type == "int":
        result.code = ("int", name, {"=": 0, "+=": 1, "-=": -1}[op], node.code, info.min, info.max)
    else:
        result.code = ("set", name, node.code)
    result.fn = build(result.code)
    if op == "=" and node.const:
        result.assigned = (name, node.value)
    result.type = "effect"
    return result
