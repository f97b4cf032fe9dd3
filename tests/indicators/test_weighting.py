"""Weighted combination with redistribution (combine_weighted)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from indicator_builders import (
    H1,
)
from keyaccount import (
    InvalidInput,
    combine_weighted,
)


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
