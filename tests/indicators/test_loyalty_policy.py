"""The loyalty weights (policies/indicators/loyalty.py; seed 002 §忠诚度分析)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from keyaccount import LOYALTY_COMPONENTS, Dimension, LoyaltyFacts, Period, PolicyConfigError
from keyaccount.policies import DEFAULT_LOYALTY_WEIGHTS, WeightedLoyalty, presets
from keyaccount.testing import (
    check_appraisal,
    check_loyalty_policy,
    indicator_periods,
    loyalty_facts_lists,
)


def test_the_default_loyalty_weights_give_each_of_the_seven_behaviours_a_seventh() -> None:
    policy = presets.loyalty()
    assert policy.weights == DEFAULT_LOYALTY_WEIGHTS
    assert [name for name, _ in policy.weights] == list(LOYALTY_COMPONENTS)
    assert {w for _, w in policy.weights} == {Fraction(1, 7)}


def test_a_loyalty_policy_can_weigh_repeat_purchases_only() -> None:
    policy = WeightedLoyalty.from_mapping(
        {"weights": {"repeat_purchase_amount": "0.5", "repeat_purchase_count": "0.5"}})
    facts = [
        LoyaltyFacts(account, "A", "Wang", "KA", repeat_purchase_count=count,
                     repeat_purchase_quantity=Decimal(0), repeat_purchase_amount=Decimal(amount),
                     referral_rate=0, activities_invited=0, activities_joined=0,
                     price_sensitivity=1, quality_incidents=0, incidents_tolerated=0)
        for account, count, amount in (("ACME", 5, 500), ("BOLT", 1, 100))
    ]
    report = policy.index(facts, Period.year(2025))
    assert report.index.of(Dimension.ACCOUNT, "ACME").value == Fraction(3, 4)
    assert report.index.of(Dimension.ACCOUNT, "BOLT").value == Fraction(1, 4)


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"weights": {"gratitude": 1}}, "unknown component 'gratitude'"),
        ({"weights": {"referral_rate": "0.9"}}, "sum to 1"),
        ({"colour": "red"}, "unknown key"),
    ],
)
def test_bad_loyalty_settings_are_refused(settings: dict[str, Any], message: str) -> None:
    with pytest.raises(PolicyConfigError, match=message):
        WeightedLoyalty.from_mapping(settings)


@st.composite
def loyalty_weightings(draw: st.DrawFn) -> WeightedLoyalty:
    chosen = draw(st.lists(st.sampled_from(LOYALTY_COMPONENTS), min_size=1, unique=True))
    raw = [draw(st.integers(1, 10)) for _ in chosen]
    return WeightedLoyalty([(name, Fraction(r, sum(raw))) for name, r in zip(chosen, raw,
                                                                            strict=True)])


@given(st.one_of(st.just(presets.loyalty()), loyalty_weightings()), loyalty_facts_lists(),
       indicator_periods())
def test_every_loyalty_index_lies_in_the_unit_interval_and_is_its_weighted_combination(
    policy: WeightedLoyalty, facts: list[LoyaltyFacts], period: Period
) -> None:
    check_loyalty_policy(policy, facts, period)
    report = policy.index(facts, period)
    assert set(report.components) == {fact.account_id for fact in facts}
    for account, appraisal in report.components.items():
        check_appraisal(appraisal)
        index = report.index.of(Dimension.ACCOUNT, account)
        assert index.value == appraisal.score
        if appraisal.score is not None:
            assert 0 <= appraisal.score <= 1


def test_a_loyalty_policy_without_weights_in_its_settings_is_the_seed_default() -> None:
    assert WeightedLoyalty.from_mapping({}) == presets.loyalty()
