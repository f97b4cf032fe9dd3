"""The conformance checks of keyaccount.testing for appraisal and loyalty policies."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest

from indicator_builders import H1, two_managers
from keyaccount import (
    Appraisal,
    AppraisalComponent,
    AppraisalPolicy,
    Dimension,
    Indicator,
    IndicatorSet,
    IndicatorValue,
    LoyaltyFacts,
    Period,
)
from keyaccount.policies import WeightedLoyalty, presets
from keyaccount.testing import check_appraisal, check_appraisal_policy, check_loyalty_policy


class CompletionOnly:
    """A host's own appraisal policy that scores visit plan completion alone.

    The broken variant scores pass/fail (1 at or above the pass mark, else 0), which breaks
    the invariant that a score lies between the indicators it combines.
    """

    def __init__(self, pass_mark: Fraction | None = None) -> None:
        self.pass_mark = pass_mark

    def _appraise(self, value: IndicatorValue) -> Appraisal:
        normalised = value.normalised
        if normalised is None:
            return Appraisal(value.period, None, (
                AppraisalComponent("visit_plan_completion", Fraction(1), Fraction(0), None),))
        score = normalised
        if self.pass_mark is not None:
            score = Fraction(1) if normalised >= self.pass_mark else Fraction(0)
        return Appraisal(value.period, score, (
            AppraisalComponent("visit_plan_completion", Fraction(1), Fraction(1), normalised),))

    def appraise(self, indicators: IndicatorSet, dimension: Dimension) -> dict[Any, Appraisal]:
        breakdown = indicators[Indicator.VISIT_PLAN_COMPLETION]
        return {key: self._appraise(v) for key, v in breakdown.by(dimension).items()}

    def appraise_portfolio(self, indicators: IndicatorSet) -> Appraisal:
        return self._appraise(indicators[Indicator.VISIT_PLAN_COMPLETION].portfolio)


def test_the_conformance_check_accepts_a_sound_host_policy_and_catches_a_broken_one() -> None:
    indicators = two_managers()
    assert isinstance(CompletionOnly(), AppraisalPolicy)
    check_appraisal_policy(CompletionOnly(), indicators)
    with pytest.raises(AssertionError, match="outside"):
        check_appraisal_policy(CompletionOnly(pass_mark=Fraction(1, 2)), indicators)


class LastPeriod(CompletionOnly):
    """A host policy that files every appraisal under the previous period."""

    def _appraise(self, value: IndicatorValue) -> Appraisal:
        appraisal = super()._appraise(value)
        return Appraisal(value.period.previous(), appraisal.score, appraisal.components)


def test_the_conformance_check_catches_an_appraisal_of_another_period() -> None:
    with pytest.raises(AssertionError, match="2024-H2"):
        check_appraisal_policy(LastPeriod(), two_managers())


def component(name: str, effective: Fraction, normalised: Fraction | None) -> AppraisalComponent:
    return AppraisalComponent(name, Fraction(1, 2), effective, normalised)


@pytest.mark.parametrize(
    ("components", "message"),
    [
        # the score 1/2 lies in range, but only 3/4 of the weight is carried
        ((component("a", Fraction(3, 4), Fraction(1, 2)),
          component("b", Fraction(0), None)), "sum to 3/4"),
        # all weight carried, but half of it by a not-applicable component
        ((component("a", Fraction(1, 2), Fraction(1, 2)),
          component("b", Fraction(1, 2), None)), "still carries weight"),
    ],
)
def test_the_appraisal_check_catches_weight_that_is_lost_or_left_on_a_missing_indicator(
    components: tuple[AppraisalComponent, ...], message: str
) -> None:
    with pytest.raises(AssertionError, match=message):
        check_appraisal(Appraisal(H1, Fraction(1, 2), components))


class FirstComesFirst:
    """A host loyalty scoring that weighs repeat purchases only when the list starts low."""

    def index(self, facts: Any, period: Period) -> Any:
        facts = list(facts)
        if facts and facts[0].account_id > facts[-1].account_id:
            return WeightedLoyalty([("repeat_purchase_count", Fraction(1))]).index(facts, period)
        return presets.loyalty().index(facts, period)


def test_the_loyalty_check_catches_an_index_that_depends_on_the_order_of_the_accounts() -> None:
    facts = [
        LoyaltyFacts(account, "A", "Wang", "KA", repeat_purchase_count=count,
                     repeat_purchase_quantity=0, repeat_purchase_amount=0, referral_rate=0,
                     activities_invited=0, activities_joined=0, price_sensitivity=1,
                     quality_incidents=0, incidents_tolerated=0)
        for account, count in (("ACME", 5), ("BOLT", 1))
    ]
    check_loyalty_policy(presets.loyalty(), facts, H1)
    with pytest.raises(AssertionError, match="order"):
        check_loyalty_policy(FirstComesFirst(), facts, H1)
