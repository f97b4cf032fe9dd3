"""Retention, churn and high-value churn (seed 002 §客户分析指标)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from indicator_builders import H1
from keyaccount import (
    HIGH_VALUE_TIER_CODES,
    TIER_A,
    Dimension,
    Indicator,
    InvalidInput,
    RetentionFact,
    compute_indicators,
    retention_and_churn,
)


def test_retention_churn_and_high_value_churn_by_tier() -> None:
    roster = [
        RetentionFact("A1", "A", "Wang", "KA", retained=True),
        RetentionFact("A2", TIER_A, "Wang", "KA", retained=False),
        RetentionFact("B1", "B", "Li", "KA", retained=True),
        RetentionFact("C1", "C", "Li", "KA", retained=False),
        RetentionFact("D1", "D", "Li", "KA", retained=True),
    ]
    report = retention_and_churn(roster, H1)
    assert report.retention.portfolio.value == Fraction(3, 5)
    assert report.churn.portfolio.value == Fraction(2, 5)
    assert report.churn.portfolio.normalised == Fraction(3, 5)
    assert report.churn.of(Dimension.TIER, "A").value == Fraction(1, 2)
    assert report.high_value_churn.portfolio.value == Fraction(1, 3)
    assert "C" not in report.high_value_churn.by(Dimension.TIER)
    assert report.high_value_churn.of(Dimension.ACCOUNT_MANAGER, "Li").value == 0


def test_high_value_tiers_are_the_top_two_of_each_seed_grading() -> None:
    assert frozenset({"A", "B", "STRATEGIC", "PARTNER"}) == HIGH_VALUE_TIER_CODES


def test_a_host_with_its_own_tiers_names_its_high_value_ones() -> None:
    roster = [RetentionFact("A1", "GOLD", "Wang", "KA", retained=False),
              RetentionFact("A2", "SILVER", "Wang", "KA", retained=True)]
    indicators = compute_indicators(H1, roster=roster, high_value_tiers={"GOLD"})
    assert indicators[Indicator.HIGH_VALUE_CHURN].portfolio.value == 1
    assert not compute_indicators(H1, roster=roster)[
        Indicator.HIGH_VALUE_CHURN].portfolio.applicable
    with pytest.raises(
        InvalidInput, match="high_value_tiers must be a collection of tier codes, got 'GOLD'"
    ):
        retention_and_churn(roster, H1, high_value_tiers="GOLD")


def test_an_account_twice_on_the_roster_is_refused() -> None:
    roster = [RetentionFact("A1", "A", "Wang", "KA", retained=True)] * 2
    with pytest.raises(InvalidInput, match="twice"):
        retention_and_churn(roster, H1)
