"""Rules of the testing kit's codec strategies (testing/_codec.py) found by mutation testing.

See docs/explanation/testing.md ("Surviving mutants"). ``stored_values`` builds the strategy
of a type without a strategy of its own field by field from its type hints (``_for_hint``);
these tests draw from those builders directly, one kind of hint each.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any, TypeVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from keyaccount import Breakdown, BusinessDuration, IndicatorValue, Tier, TierDeadlines
from keyaccount.codec import VALUE_TYPES
from keyaccount.testing import stored_values
from keyaccount.testing._codec import _for_hint

T = TypeVar("T")


class Colour(enum.Enum):
    RED = "red"
    BLUE = "blue"


def kind_of(value: object) -> type:
    return type(value)


@settings(max_examples=25)
@given(data=st.data())
def test_every_kind_of_type_hint_draws_values_of_that_kind(data: st.DataObject) -> None:
    assert type(data.draw(_for_hint(int))) is int
    assert type(data.draw(_for_hint(str))) is str
    assert type(data.draw(_for_hint(bool))) is bool
    money = data.draw(_for_hint(Decimal))
    assert type(money) is Decimal
    assert money >= 0
    assert money.as_tuple().exponent == -2
    rate = data.draw(_for_hint(Fraction))
    assert type(rate) is Fraction
    assert 0 <= rate <= 1
    assert rate.denominator <= 50
    assert type(data.draw(_for_hint(date))) is date
    instant = data.draw(_for_hint(datetime))
    assert type(instant) is datetime
    assert instant.utcoffset() is not None
    assert type(data.draw(_for_hint(time))) is time
    span = data.draw(_for_hint(timedelta))
    assert type(span) is timedelta
    assert timedelta(0) <= span <= timedelta(seconds=10**6)
    assert span == timedelta(seconds=span // timedelta(seconds=1))
    assert data.draw(_for_hint(type(None))) is None
    assert kind_of(data.draw(_for_hint(Any))) in {str, type(None), date, int}
    assert kind_of(data.draw(_for_hint(T))) in {str, type(None), date, int}
    assert data.draw(_for_hint(Colour)) in set(Colour)
    assert type(data.draw(_for_hint(Tier))) is Tier
    many = data.draw(_for_hint(tuple[int, ...]))
    assert type(many) is tuple
    assert len(many) <= 3
    assert all(type(n) is int for n in many)
    pair = data.draw(_for_hint(tuple[int, str]))
    assert type(pair) is tuple
    assert [type(item) for item in pair] == [int, str]
    bag = data.draw(_for_hint(frozenset[int]))
    assert type(bag) is frozenset
    assert len(bag) <= 3
    assert all(type(n) is int for n in bag)
    for hint in (Mapping[str, int], dict[str, int]):
        table = data.draw(_for_hint(hint))
        assert type(table) is dict
        assert len(table) <= 3
        assert all(type(k) is str and type(v) is int for k, v in table.items())
    assert kind_of(data.draw(_for_hint(int | None))) in {int, type(None)}


def test_a_draw_of_any_or_of_a_union_reaches_every_alternative() -> None:
    @settings(max_examples=200)
    @given(st.data())
    def drawn(data: st.DataObject) -> None:
        seen.add(("any", kind_of(data.draw(_for_hint(Any)))))
        seen.add(("union", kind_of(data.draw(_for_hint(int | None)))))

    seen: set[tuple[str, object]] = set()
    drawn()
    assert {("any", kind) for kind in (str, type(None), date, int)} <= seen
    assert {("union", int), ("union", type(None))} <= seen


def test_a_hint_with_no_strategy_is_refused() -> None:
    with pytest.raises(TypeError, match="no strategy for"):
        _for_hint(complex)


@settings(max_examples=25)
@given(data=st.data())
def test_deadlines_are_drawn_with_positive_durations(data: st.DataObject) -> None:
    deadlines = data.draw(stored_values(TierDeadlines))
    for duration in attrs_values(deadlines):
        assert isinstance(duration, BusinessDuration)
        assert not duration.is_zero
        assert 1 <= duration.days <= 30
        assert duration.time <= timedelta(minutes=480)


def attrs_values(value: object) -> list[object]:
    import attrs

    return [getattr(value, field.name) for field in attrs.fields(type(value))]


@pytest.mark.parametrize("name", sorted(VALUE_TYPES))
def test_stored_values_draws_instances_of_the_type_it_is_given(name: str) -> None:
    cls = VALUE_TYPES[name]

    @settings(max_examples=3)
    @given(stored_values(cls))
    def drawn(value: object) -> None:
        assert type(value) is cls

    drawn()
    assert stored_values(cls) is stored_values(cls)  # built once, then cached


@settings(max_examples=5)
@given(data=st.data())
def test_a_generic_value_hint_draws_the_value_not_its_type_argument(data: st.DataObject) -> None:
    # Breakdown[IndicatorValue] was read as a union of its arguments and drew an IndicatorValue
    assert type(data.draw(_for_hint(Breakdown[IndicatorValue]))) is Breakdown
