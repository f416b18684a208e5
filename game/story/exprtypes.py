"""What the expression compiler works with: its error, the names in scope and a compiled result.

Kept apart from the parser (game.story.exprparse) and the public entry points (game.story.expr) so
the model, the story cache and the checker can name these types without the parser behind them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from game.story.exprcode import Code, build

Ctx = Any  # an object with .vars (dict), .visits (dict), .facts (set-like), .clock (int)
Fn = Callable[[Ctx], Any]


class ExprError(Exception):
    """A problem in an expression; ``offset`` is where in the source text it is."""

    def __init__(self, message: str, offset: int = 0, knock_on: bool = False):
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.knock_on = knock_on  # follows from an error already reported (a variable declared wrongly)


@dataclass(frozen=True)
class VarInfo:
    """What the compiler needs to know of a variable: its type and clamping bounds."""

    type: str
    min: int | None = None
    max: int | None = None


@dataclass
class Scope:
    """The names an expression may use: variables, scene ids and fact-card ids."""

    variables: Mapping[str, VarInfo]
    scenes: Mapping[str, object] | set[str]
    facts: Mapping[str, object] | set[str]
    broken: frozenset[str] | set[str] = frozenset()  # declared, but wrongly: already reported
    declare: str = ""  # where a new variable would be declared, e.g. "under 'variables:' of role 'r' (…)"


@dataclass
class Compiled:
    """A checked expression or statement, ready to run, with what it reads and writes."""

    source: str
    type: str
    fn: Fn
    reads: set[str] = field(default_factory=set)
    writes: set[str] = field(default_factory=set)
    scenes: set[str] = field(default_factory=set)
    facts: set[str] = field(default_factory=set)
    constant: object = None  # the value when the expression uses no state at all
    is_constant: bool = False
    # For the checker's proofs: each thing read (a variable, "visits:<scene>", "found:<card>", "clock")
    # with the constants it is compared with; ``simple`` while every comparison is such a pair.
    constants: dict[str, set[object]] = field(default_factory=dict)
    simple: bool = True
    compares: list[tuple[str, str]] = field(default_factory=list)  # (text variable, literal) pairs
    assigned: tuple[str, object] | None = None  # an effect `name = constant`: what it sets
    replaces: bool = False  # an effect `name = …` (the old value is gone), not `+=` or `-=`
    code: Code = ("const", None)  # the checked tree ``fn`` is built from (see exprcode)

    def __getstate__(self) -> dict[str, object]:
        """Stored without its closure (which cannot be pickled): the tree is kept instead."""
        state = dict(self.__dict__)
        del state["fn"]
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self.fn = build(self.code)
