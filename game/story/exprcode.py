"""Turn a checked expression tree into the Python closure that runs it.

``expr`` parses and type-checks what authors write and describes the result as a small tree of
plain tuples (its *code*). This module is the only place that turns code into something
runnable, so the same closure is built whether the tree was just parsed or read back from the
story cache (closures cannot be stored on disk; their tree can). Nothing here evaluates text:
each node kind maps to one of the fixed operations below.

Node kinds (``a`` and ``b`` are nodes):
``("const", value)``, ``("var", name)``, ``("clock",)``, ``("visits", scene)``,
``("visited", scene)``, ``("found", card)``, ``("not", a)``, ``("and", a, b)``, ``("or", a, b)``,
``("cmp", op, a, b)``, ``("arith", op, a, b)``, ``("neg", a)``.
Effects: ``("clock=", a)``, ``("clock+", sign, a)``, ``("int", name, sign, a, min, max)`` (sign 0
sets, 1 adds, -1 subtracts; the result clamped to min/max) and ``("set", name, a)``.

The common shapes get a closure of their own (a variable compared with a constant is one
call, not three): conditions run on every screen, and the playtester runs millions of them.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

Fn = Callable[[Any], Any]
Code = tuple

CMP = {"==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}


def _div(a: int, b: int) -> int:
    return a // b if b else 0  # documented: dividing by zero gives 0, never a crash


def _mod(a: int, b: int) -> int:
    return a % b if b else 0


ARITH = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": _div, "%": _mod}


def build(code: Code) -> Fn:
    """The closure for a condition, a value or an effect."""
    kind = code[0]
    maker = _MAKERS.get(kind)
    if maker is None:
        raise ValueError(f"unknown expression node {kind!r}")
    return maker(*code[1:])


def _const(value: object) -> Fn:
    return lambda c: value


def _var(name: str) -> Fn:
    return lambda c: c.vars[name]


def _clock() -> Fn:
    return lambda c: c.clock


def _visits(scene: str) -> Fn:
    return lambda c: c.visits.get(scene, 0)


def _visited(scene: str) -> Fn:
    return lambda c: scene in c.visits


def _found(card: str) -> Fn:
    return lambda c: card in c.facts


def _not(a: Code) -> Fn:
    if a[0] == "var":
        name = a[1]
        return lambda c: not c.vars[name]
    f = build(a)
    return lambda c: not f(c)


def _and(a: Code, b: Code) -> Fn:
    lf, rf = build(a), build(b)
    return lambda c: lf(c) and rf(c)


def _or(a: Code, b: Code) -> Fn:
    lf, rf = build(a), build(b)
    return lambda c: lf(c) or rf(c)


def _cmp(op: str, a: Code, b: Code) -> Fn:
    cmp = CMP[op]
    if a[0] == "var" and b[0] == "const":  # the usual `food >= 2`: one call
        name, value = a[1], b[1]
        return lambda c: cmp(c.vars[name], value)
    if a[0] == "visits" and b[0] == "const":
        scene, value = a[1], b[1]
        return lambda c: cmp(c.visits.get(scene, 0), value)
    lf, rf = build(a), build(b)
    return lambda c: cmp(lf(c), rf(c))


def _arith(op: str, a: Code, b: Code) -> Fn:
    f = ARITH[op]
    lf, rf = build(a), build(b)
    return lambda c: f(lf(c), rf(c))


def _neg(a: Code) -> Fn:
    f = build(a)
    return lambda c: -f(c)


def _set_clock(a: Code) -> Fn:
    rhs = build(a)

    def set_clock(d: Any) -> None:
        d.clock = rhs(d)

    return set_clock


def _add_clock(sign: int, a: Code) -> Fn:
    rhs = build(a)

    def add_clock(d: Any) -> None:
        d.clock = d.clock + sign * rhs(d)

    return add_clock


def _int(name: str, sign: int, a: Code, lo: int | None, hi: int | None) -> Fn:
    if a[0] == "const" and sign:  # the usual `food += 1`: the step is known
        step = sign * a[1]

        def add_int(d: Any) -> None:
            value = d.vars[name] + step
            if lo is not None and value < lo:
                value = lo
            if hi is not None and value > hi:
                value = hi
            d.vars[name] = value

        return add_int
    rhs = build(a)

    def assign_int(d: Any) -> None:
        value = rhs(d) if sign == 0 else d.vars[name] + sign * rhs(d)
        if lo is not None and value < lo:
            value = lo
        if hi is not None and value > hi:
            value = hi
        d.vars[name] = value

    return assign_int


def _set(name: str, a: Code) -> Fn:
    if a[0] == "const":
        value = a[1]

        def set_const(d: Any) -> None:
            d.vars[name] = value

        return set_const
    rhs = build(a)

    def set_value(d: Any) -> None:
        d.vars[name] = rhs(d)

    return set_value


_MAKERS: dict[str, Callable[..., Fn]] = {
    "const": _const,
    "var": _var,
    "clock": _clock,
    "visits": _visits,
    "visited": _visited,
    "found": _found,
    "not": _not,
    "and": _and,
    "or": _or,
    "cmp": _cmp,
    "arith": _arith,
    "neg": _neg,
    "clock=": _set_clock,
    "clock+": _add_clock,
    "int": _int,
    "set": _set,
}
