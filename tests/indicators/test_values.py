"""Indicator values and breakdowns (domain/indicators/values.py)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from indicator_builders import H1, visit
from keyaccount import Dimension, Indicator, IndicatorValue, InvalidInput, visit_plan_completion


def test_an_indicator_with_an_empty_denominator_is_not_applicable_not_zero() -> None:
    value = IndicatorValue.rate(Indicator.VISIT_PLAN_COMPLETION, H1, 0, 0)
    assert value.value is None
    assert not value.applicable
    assert value.normalised is None
    assert value.rounded() is None


def test_a_rate_numerator_outside_zero_to_its_denominator_is_refused() -> None:
    for numerator in (3, -1):
        with pytest.raises(InvalidInput, match="numerator must lie"):
            IndicatorValue.rate(Indicator.RETENTION, H1, numerator, 2)


def test_an_applicable_value_must_say_how_it_normalises() -> None:
    with pytest.raises(InvalidInput, match="normalised must be given"):
        IndicatorValue(Indicator.COOPERATION_GROWTH, H1, 1, 2)
    with pytest.raises(InvalidInput, match=r"\[0, 1\]"):
        IndicatorValue(Indicator.COOPERATION_GROWTH, H1, 1, 2, Fraction(3, 2))
    with pytest.raises(InvalidInput, match="must be None"):
        IndicatorValue(Indicator.COOPERATION_GROWTH, H1, 1, 0, Fraction(1, 2))


def test_a_float_is_not_an_exact_indicator_value() -> None:
    with pytest.raises(InvalidInput, match="numerator"):
        IndicatorValue(Indicator.RETENTION, H1, 0.5, 1, Fraction(1, 2))  # type: ignore[arg-type]


def test_display_rounding_is_half_even_and_exact() -> None:
    value = IndicatorValue.rate(Indicator.RETENTION, H1, 1, 8)  # 0.125
    assert value.rounded(2) == Decimal("0.12")
    assert IndicatorValue.rate(Indicator.RETENTION, H1, 3, 8).rounded(2) == Decimal("0.38")


def test_group_values_show_as_a_plain_mapping() -> None:
    completion = visit_plan_completion([visit("ACME", "A", "Wang", date(2025, 1, 10))], H1)
    assert repr(completion.by(Dimension.TIER)).startswith("{'A': IndicatorValue(")


@pytest.mark.parametrize("places", [-1, 13, 2**70, True, 2.0])
def test_a_value_is_rounded_for_display_to_0_to_12_places(places: object) -> None:
    value = IndicatorValue(Indicator.RETENTION, H1, 1, 3, Fraction(1, 3))
    assert value.rounded(12) == Decimal("0.333333333333")
    with pytest.raises(InvalidInput, match=r"^places must be an int in 0\.\.12, got "):
        value.rounded(places)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ((Decimal("1e999999999"), 1), r"IndicatorValue\.numerator must be at most 10\*\*24"),
        ((1, 2**90), r"IndicatorValue\.denominator must be at most 10\*\*24"),
        ((Decimal("1e-999999999"), 1), r"IndicatorValue\.numerator must have at most 12 decimal"),
        ((1, 2, Decimal("1e-999999999")), r"IndicatorValue\.normalised must have at most 12 dec"),
    ],
)
def test_an_indicator_value_holds_quantities_within_the_domains_bounds(
    arguments: tuple[object, ...], message: str
) -> None:
    # the exact ratio of Decimal("1e999999999") would not finish
    with pytest.raises(InvalidInput, match=message):
        IndicatorValue(Indicator.COOPERATION_GROWTH, H1, *arguments)  # type: ignore[arg-type]


def test_a_rate_of_a_huge_amount_is_refused_before_it_is_divided() -> None:
    with pytest.raises(InvalidInput, match=r"IndicatorValue\.numerator must be at most 10\*\*24"):
        IndicatorValue.rate(Indicator.RETENTION, H1, Decimal("1e999999999"), Decimal("1e999999999"))
