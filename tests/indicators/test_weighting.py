"""Weighted combination with redistribution (combine_weighted)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicator_builders import H1
from keyaccount import InvalidInput, combine_weighted


def test_a_combination_with_nothing_applicable_has_no_score() -> None:
    appraisal = combine_weighted({"a": None}, {"a": Fraction(1)}, H1)
    assert appraisal.score is None
    assert appraisal.redistributed_weight == 1


def test_a_component_weighing_nothing_is_left_out_of_the_combination() -> None:
    appraisal = combine_weighted({"a": Fraction(1, 2), "b": None},
                                 {"a": Fraction(1), "b": Fraction(0)}, H1)
    assert [c.name for c in appraisal.components] == ["a"]
    assert appraisal.not_applicable == ()
    assert appraisal.redistributed_weight == 0


def test_a_combination_refuses_a_normalised_value_outside_the_unit_interval() -> None:
    with pytest.raises(InvalidInput, match=r"'a' must be exact and lie in \[0, 1\], got 2"):
        combine_weighted({"a": 2}, {"a": Fraction(1)}, H1)  # type: ignore[dict-item]
    with pytest.raises(InvalidInput, match=r"got 0\.5"):
        combine_weighted({"a": 0.5}, {"a": Fraction(1)}, H1)  # type: ignore[dict-item]


def test_a_combination_refuses_negative_or_float_weights() -> None:
    with pytest.raises(InvalidInput, match=">= 0"):
        combine_weighted({"a": Fraction(1)}, {"a": Fraction(-1)}, H1)
    with pytest.raises(InvalidInput, match="exact"):
        combine_weighted({"a": Fraction(1)}, {"a": 0.5}, H1)  # type: ignore[dict-item]
    assert combine_weighted({"a": Fraction(1, 2)}, {"a": Decimal("0.3")}, H1).score == Fraction(
        1, 2)


@given(st.lists(st.tuples(st.integers(0, 12), st.one_of(st.none(), st.integers(0, 8))),
                min_size=1, max_size=7))
def test_a_combined_score_is_the_weighted_mean_of_the_applicable_values(
    drawn: list[tuple[int, int | None]],
) -> None:
    weights = {f"c{i}": Fraction(w, 12) for i, (w, _) in enumerate(drawn)}
    normalised = {f"c{i}": None if v is None else Fraction(v, 8)
                  for i, (_, v) in enumerate(drawn)}
    applicable = {n: (w, v) for n, w in weights.items()
                  if w and (v := normalised[n]) is not None}
    carried = sum((w for w, _ in applicable.values()), Fraction(0))
    expected = (
        sum((w / carried * v for w, v in applicable.values()), Fraction(0)) if carried else None
    )
    assert combine_weighted(normalised, weights, H1).score == expected


@pytest.mark.parametrize(
    ("weight", "message"),
    [
        (Decimal("1e999999999"), "must be <= 1000000000000"),  # hung in the conversion
        (Decimal("1e-999999999"), "must have at most 12 decimal places"),
        (Fraction(1, 10**13), "must have at most 12 decimal places"),
        (Decimal("NaN"), "must be a number"),
        (float("nan"), "must be exact"),
    ],
)
def test_a_weight_is_a_number_up_to_10_to_the_12_with_at_most_12_decimal_places(
    weight: object, message: str
) -> None:
    with pytest.raises(InvalidInput, match=f"combine_weighted weight of a {message}"):
        combine_weighted({"a": Fraction(1)}, {"a": weight}, H1)  # type: ignore[dict-item]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (Decimal("1e-999999999"), "must have at most 12 decimal places"),  # did not finish
        (Decimal("NaN"), r"must be a finite number in \[0, 1\]"),  # a raw InvalidOperation
        (Decimal("1e999999999"), "must be at most 1 in magnitude"),
    ],
)
def test_a_normalised_decimal_is_a_rate_of_at_most_12_places(value: Decimal, message: str) -> None:
    with pytest.raises(InvalidInput, match=rf"normalised value of 'x' {message}"):
        combine_weighted({"x": value}, {"x": 1}, H1)
