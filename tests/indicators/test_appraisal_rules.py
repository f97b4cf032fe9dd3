"""Rules of appraisals and their components (domain/indicators/appraisal.py)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest

from keyaccount import Appraisal, AppraisalComponent, InvalidInput, Period, combine_weighted

YEAR = Period.year(2025)


def test_an_appraisal_score_is_rounded_half_even_to_four_places_by_default() -> None:
    third = Appraisal(YEAR, Fraction(1, 3), ())
    assert third.rounded() == Decimal("0.3333")
    assert str(third.rounded()) == "0.3333"
    assert third.rounded(2) == Decimal("0.33")
    assert str(third.rounded(0)) == "0"
    assert Appraisal(YEAR, Fraction(5, 8), ()).rounded(2) == Decimal("0.62")
    assert Appraisal(YEAR, Fraction(1), ()).rounded(1) == Decimal("1.0")


def test_an_appraisal_without_a_score_rounds_to_none() -> None:
    assert Appraisal(YEAR, None, ()).rounded() is None
    assert Appraisal(YEAR, None, ()).rounded(2) is None


def test_places_to_round_an_appraisal_to_outside_0_to_12_are_refused_naming_places() -> None:
    with pytest.raises(InvalidInput, match=r"^places must be an int in 0\.\.12, got 13"):
        Appraisal(YEAR, Fraction(1, 3), ()).rounded(13)


@pytest.mark.parametrize(("build", "name"), [
    (lambda: AppraisalComponent("a", 1, Fraction(3, 2), None),
     "AppraisalComponent.effective_weight"),
    (lambda: AppraisalComponent("a", 1, 1, Fraction(3, 2)), "AppraisalComponent.normalised"),
    (lambda: Appraisal(YEAR, Fraction(3, 2), ()), "Appraisal.score"),
    (lambda: AppraisalComponent("a", 10**12 + 1, 1, None), "AppraisalComponent.weight"),
    (lambda: AppraisalComponent("a", -1, 1, None), "AppraisalComponent.weight"),
])
def test_a_score_normalised_value_or_carried_weight_above_one_is_refused_naming_it(
    build: Callable[[], Any], name: str
) -> None:
    with pytest.raises(InvalidInput, match=rf"^{name} must be an exact number in \[0, "):
        build()


def test_a_configured_weight_may_exceed_one_up_to_the_weight_limit() -> None:
    assert AppraisalComponent("a", 5, 1, Fraction(1, 2)).weight == 5
    assert AppraisalComponent("a", 10**12, 1, None).weight == 10**12
    # combine_weighted's weights need not sum to 1: they are proportions
    appraisal = combine_weighted({"a": Fraction(1, 2), "b": 1}, {"a": 5, "b": 3}, YEAR)
    assert [c.weight for c in appraisal.components] == [5, 3]
    assert appraisal.score == Fraction(11, 16)


@pytest.mark.parametrize(("components", "message"), [
    (5, r"^Appraisal\.components must be a collection of AppraisalComponent values, got 5"),
    ([5], r"^Appraisal\.components must hold AppraisalComponent values, got 5"),
])
def test_components_that_are_not_components_are_refused_naming_the_field(
    components: Any, message: str
) -> None:
    with pytest.raises(InvalidInput, match=message):
        Appraisal(YEAR, Fraction(1, 3), components)
