"""The condition/effect language: parsing, type checking, evaluation, and no other exceptions."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.story.expr import ExprError, Scope, VarInfo, compile_condition, compile_effect

SCOPE = Scope(
    {"food": VarInfo("int", 0, 5), "brave": VarInfo("bool"), "name": VarInfo("str"), "n": VarInfo("int")},
    {"a.scene", "b-scene.x"},
    {"card-one"},
)


class Ctx:
    def __init__(self, **vars):
        self.vars = {"food": 2, "brave": False, "name": "Kati", "n": 0, **vars}
        self.visits = {"a.scene": 2}
        self.facts = ("card-one",)
        self.clock = 100


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("food >= 2", True),
        ("food > 2 or brave", False),
        ("not brave and food == 2", True),
        ("food * 2 + 1 == 5", True),
        ("-food < 0", True),
        ("food / 0 == 0", True),
        ("(food + 1) % 2 == 1", True),
        ('name == "Kati"', True),
        ("visited(a.scene)", True),
        ("visited(b-scene.x)", False),
        ("visits(a.scene) == 2", True),
        ('found("card-one")', True),
        ('clock < time("1950-01-01 02:00")', True),
        ("clock + 30m > clock", True),
        ("true", True),
    ],
)
def test_conditions_evaluate(source, expected):
    assert compile_condition(source, SCOPE).fn(Ctx()) is expected


@pytest.mark.parametrize(
    ("source", "message", "offset"),
    [
        ("fod >= 1", "unknown variable 'fod' — did you mean 'food'?", 0),
        ("food >= ", "expected a value", 8),
        ("food and brave", "'and' needs true/false, not a number", 0),
        ("food == name", "cannot compare a number with text", 5),
        ("food", "a condition must be true/false", 0),
        ("visited(a.scen)", "unknown scene 'a.scen' — did you mean 'a.scene'?", 8),
        ("found(card-two)", "unknown fact card 'card-two'", 6),
        ("food >= 1 )", "unexpected ')'", 10),
        ("food $ 1", "unexpected character '$'", 5),
        ('time("soon") < clock', "is not a time", 5),
        ("rand(3) > 1", "unknown function 'rand'", 0),
        ("__import__('os')", "unknown function '__import__'", 0),
    ],
)
def test_condition_errors_have_message_and_offset(source, message, offset):
    with pytest.raises(ExprError) as err:
        compile_condition(source, SCOPE)
    assert message in err.value.message
    assert err.value.offset == offset


def test_effects_assign_and_clamp():
    ctx = Ctx()
    compile_effect("food += 10", SCOPE).fn(ctx)
    assert ctx.vars["food"] == 5  # clamped to max
    compile_effect("food -= 9", SCOPE).fn(ctx)
    assert ctx.vars["food"] == 0  # clamped to min
    compile_effect("brave = not brave", SCOPE).fn(ctx)
    assert ctx.vars["brave"] is True
    compile_effect("clock += 2h", SCOPE).fn(ctx)
    assert ctx.clock == 220
    compile_effect('clock = time("1950-01-02 00:00")', SCOPE).fn(ctx)
    assert ctx.clock == 1440


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("brave += 1", "'+=' works on numbers"),
        ("food = true", "'food' is a number but the value is true/false"),
        ("clock += 3", "clock += needs a duration"),
        ("fodo = 1", "did you mean 'food'?"),
        ("food >= 1", "an effect looks like"),
    ],
)
def test_effect_errors(source, message):
    with pytest.raises(ExprError) as err:
        compile_effect(source, SCOPE)
    assert message in err.value.message


def test_reads_and_writes_are_recorded():
    c = compile_condition("food > 1 and visited(a.scene)", SCOPE)
    assert c.reads == {"food"} and c.scenes == {"a.scene"}
    e = compile_effect("n = food + 1", SCOPE)
    assert e.writes == {"n"} and e.reads == {"food"}


@settings(max_examples=400, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("foodbravename visited()a.scene<>=!+-*/%\"'1234567890andornotclock_ \t")),
        max_size=40,
    )
)
def test_any_condition_text_parses_or_fails_cleanly(source):
    try:
        compiled = compile_condition(source, SCOPE)
    except ExprError:
        return
    assert isinstance(compiled.fn(Ctx()), bool)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30))
def test_any_unicode_text_parses_or_fails_cleanly(source):
    for compile_ in (compile_condition, compile_effect):
        with contextlib.suppress(ExprError):
            compile_(source, SCOPE)
