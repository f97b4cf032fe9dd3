"""The loyalty index (seed 002 §忠诚度分析)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from indicator_builders import EQUAL_LOYALTY, H1, loyalty
from keyaccount import Dimension, InvalidInput, Period, loyalty_index


def test_loyalty_index_combines_the_seven_behaviours_with_redistributed_weight() -> None:
    facts = [loyalty("ACME", 10, "900"), loyalty("BOLT", 2, "100")]
    report = loyalty_index(facts, Period.year(2025), weights=EQUAL_LOYALTY)
    acme = report.components["ACME"]
    # ACME's three repeat-purchase percentiles are 3/4, the four behaviours 1/2 each,
    # but quality tolerance is not applicable: its 1/7 goes to the other six.
    assert acme.not_applicable == ("quality_tolerance",)
    assert acme.score == (3 * Fraction(3, 4) + 3 * Fraction(1, 2)) / 6
    assert report.index.of(Dimension.ACCOUNT, "ACME").value == Fraction(5, 8)
    assert report.index.portfolio.value == Fraction(1, 2)


def test_an_account_with_no_applicable_loyalty_behaviour_has_no_index_and_no_share_in_the_mean(
) -> None:
    weights = {"activity_response": Fraction(1, 2), "quality_tolerance": Fraction(1, 2)}
    facts = [
        loyalty("ACME", 1, "1", activities_invited=4, activities_joined=1),
        loyalty("BOLT", 1, "1", activities_invited=0, activities_joined=0),  # nothing to judge
    ]
    report = loyalty_index(facts, Period.year(2025), weights=weights)
    assert report.components["BOLT"].score is None
    assert not report.index.of(Dimension.ACCOUNT, "BOLT").applicable
    # the manager's mean is ACME's index alone, not (1/4 + 0) / 2
    wang = report.index.of(Dimension.ACCOUNT_MANAGER, "Wang")
    assert (wang.numerator, wang.denominator) == (Fraction(1, 4), 1)


def test_loyalty_refuses_an_unknown_component_weight_and_a_duplicate_account() -> None:
    with pytest.raises(InvalidInput, match="unknown component"):
        loyalty_index([], H1, weights={"gratitude": Fraction(1)})
    with pytest.raises(InvalidInput, match="twice"):
        loyalty_index([loyalty("ACME", 1, "1")] * 2, H1, weights=EQUAL_LOYALTY)


def test_joining_more_activities_than_invited_is_refused() -> None:
    with pytest.raises(InvalidInput, match="activities_joined"):
        loyalty("ACME", 1, "1", activities_invited=1, activities_joined=2)
