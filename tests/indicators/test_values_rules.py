"""Rules of indicator values and breakdowns (domain/indicators/values.py)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from indicator_builders import H1
from keyaccount import Breakdown, Dimension, Indicator, IndicatorValue, InvalidInput
from keyaccount.domain.indicators._lazy import _LazyValues

RATE = Indicator.PROBLEM_RESOLUTION


def _rate(numerator: int = 1, denominator: int = 3) -> IndicatorValue:
    return IndicatorValue.rate(RATE, H1, numerator, denominator)


def test_an_indicator_value_prints_its_indicator_period_fraction_and_four_places() -> None:
    assert str(_rate(1, 3)) == f"problem_resolution {H1}: 1/3 = 0.3333"
    assert str(_rate(0, 0)) == f"problem_resolution {H1}: not applicable (0/0)"


def test_a_value_rounds_to_four_places_by_default() -> None:
    assert _rate(1, 3).rounded() == Decimal("0.3333")
    assert str(_rate(1, 3).rounded()) == "0.3333"


def test_an_indicator_may_be_given_by_its_settings_name() -> None:
    value = IndicatorValue("problem_resolution", H1, 1, 2, Fraction(1, 2))
    assert value.indicator is RATE
    assert IndicatorValue.rate("problem_resolution", H1, 1, 2).indicator is RATE  # type: ignore[arg-type]


def test_a_quantity_of_exactly_ten_to_the_twenty_four_in_magnitude_is_accepted() -> None:
    limit = 10**24
    assert IndicatorValue(RATE, H1, -limit, limit, Fraction(0)).numerator == -limit
    assert IndicatorValue(RATE, H1, limit, limit, Fraction(1)).denominator == limit
    with pytest.raises(InvalidInput, match="10\\*\\*24"):
        IndicatorValue(RATE, H1, limit + 1, limit + 1, Fraction(1))


@pytest.mark.parametrize("normalised", [Decimal(0), Decimal("0.5"), Decimal(1), Fraction(1), 1])
def test_a_normalised_value_anywhere_in_zero_to_one_inclusive_is_accepted(
    normalised: Decimal | Fraction | int,
) -> None:
    value = IndicatorValue(RATE, H1, 1, 2, normalised)
    assert value.normalised == Fraction(normalised)


@pytest.mark.parametrize("key", [5, "", "  "])
def test_a_breakdown_group_key_must_be_a_non_blank_string_or_none(key: object) -> None:
    value = _rate()
    with pytest.raises(InvalidInput, match="keys must be non-empty strings or None"):
        Breakdown(RATE, H1, value, _rate(0, 0), {Dimension.TIER: {key: value}})


def test_a_breakdown_checks_the_given_groups_after_the_engines_lazy_ones() -> None:
    value = _rate()
    lazy = _LazyValues({"ACME": 1}, lambda _source: value)
    other = IndicatorValue.rate(Indicator.RETENTION, H1, 1, 2)
    groups = {Dimension.ACCOUNT: lazy, Dimension.TIER: {"A": other}}
    with pytest.raises(InvalidInput, match="groups\\['tier'\\] must be problem_resolution"):
        Breakdown(RATE, H1, value, _rate(0, 0), groups)
