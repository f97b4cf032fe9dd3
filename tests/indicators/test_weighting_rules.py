"""Rules of combining normalised values by weights (domain/indicators/weighting.py)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest

from keyaccount import InvalidInput, Period, combine_weighted

YEAR = Period.year(2025)
HALVES = {"a": Fraction(1, 2), "b": Fraction(1, 2)}


def test_a_normalised_value_may_be_given_as_a_decimal() -> None:
    appraisal = combine_weighted({"a": Decimal("0.5"), "b": Decimal(1)}, HALVES, YEAR)
    assert appraisal.score == Fraction(3, 4)
    assert [c.normalised for c in appraisal.components] == [Fraction(1, 2), 1]


@pytest.mark.parametrize("key", [" ", "", 5, None])
@pytest.mark.parametrize("side", ["normalised", "weights"])
def test_a_component_name_that_is_blank_or_not_text_is_refused_naming_the_mapping(
    key: Any, side: str
) -> None:
    given: dict[str, dict[Any, Any]] = {"normalised": {"a": 1}, "weights": {"a": 1}}
    given[side] = {key: 1}
    with pytest.raises(InvalidInput, match=rf"^{side} must be keyed by component name"):
        combine_weighted(given["normalised"], given["weights"], YEAR)


@pytest.mark.parametrize("side", ["normalised", "weights"])
def test_normalised_values_or_weights_that_are_no_mapping_are_refused_naming_which(
    side: str,
) -> None:
    given: dict[str, Any] = {"normalised": {"a": 1}, "weights": {"a": 1}}
    given[side] = [("a", 1)]
    with pytest.raises(InvalidInput, match=rf"^{side} must be a mapping of component name"):
        combine_weighted(given["normalised"], given["weights"], YEAR)
