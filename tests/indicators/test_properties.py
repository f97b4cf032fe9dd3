"""Properties every indicator keeps (hypothesis)."""

from __future__ import annotations

import random
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from indicator_builders import EQUAL_LOYALTY, FIVE_POINT, shuffled_inputs
from keyaccount import (
    Breakdown,
    Dimension,
    Indicator,
    IndicatorSet,
    IndicatorValue,
    LoyaltyFacts,
    Period,
    RetentionFact,
    TicketFact,
    compute_indicators,
    loyalty_index,
    retention_and_churn,
    ticket_resolution,
)
from keyaccount.testing import (
    indicator_inputs,
    indicator_periods,
    loyalty_facts_lists,
    retention_rosters,
    ticket_facts,
)

RATES = {
    Indicator.VISIT_PLAN_COMPLETION, Indicator.PROBLEM_RESOLUTION, Indicator.ON_TIME_RESOLUTION,
    Indicator.RETENTION, Indicator.CHURN, Indicator.HIGH_VALUE_CHURN,
    Indicator.PROSPECT_CONVERSION, Indicator.RECEIVABLES_COLLECTION, Indicator.LOYALTY,
}


def all_values(breakdown: Breakdown[IndicatorValue]) -> list[IndicatorValue]:
    values = [breakdown.portfolio]
    for dimension in Dimension:
        values.extend(breakdown.by(dimension).values())
    return values


def full_set(inputs: dict[str, Any], loyalty_facts: list[LoyaltyFacts]) -> IndicatorSet:
    indicators = compute_indicators(**inputs)
    loyal = loyalty_index(loyalty_facts, inputs["period"], weights=EQUAL_LOYALTY)
    return indicators.including(loyal.index)


@given(indicator_inputs(max_records=8), loyalty_facts_lists())
def test_every_rate_lies_between_zero_and_one_and_every_normalised_value_too(
    inputs: dict[str, Any], loyalty_facts: list[LoyaltyFacts]
) -> None:
    indicators = full_set(inputs, loyalty_facts)
    for indicator, breakdown in indicators.breakdowns.items():
        for value in all_values(breakdown):
            assert value.period == inputs["period"]
            assert value.applicable == (value.normalised is not None)
            if value.normalised is not None:
                assert 0 <= value.normalised <= 1
            if indicator in RATES and value.value is not None:
                assert 0 <= value.value <= 1
        # a group without records, next to groups with records, is not applicable
        for dimension in Dimension:
            nobody = breakdown.of(dimension, "nobody")
            assert (nobody.value, nobody.normalised, nobody.period) == (
                None, None, inputs["period"])


@given(retention_rosters(), indicator_periods())
def test_retention_plus_churn_is_one_for_every_group(
    roster: list[RetentionFact], period: Period
) -> None:
    report = retention_and_churn(roster, period)
    pairs = [(report.retention.portfolio, report.churn.portfolio)]
    for dimension in Dimension:
        assert report.retention.by(dimension).keys() == report.churn.by(dimension).keys()
        pairs += [(report.retention.of(dimension, key), report.churn.of(dimension, key))
                  for key in report.retention.by(dimension)]
    for retention, churn in pairs:
        if retention.value is None:
            assert churn.value is None
            assert not roster
        else:
            assert churn.value is not None
            assert retention.value + churn.value == 1


@given(indicator_periods(), st.sampled_from(list(Dimension)))
def test_an_empty_group_is_not_applicable(period: Period, dimension: Dimension) -> None:
    indicators = compute_indicators(
        period, visits=[], tickets=[], surveys=[], satisfaction_scale=FIVE_POINT, volumes=[],
        roster=[], receivables=[], prospects=[], spending=[],
    )
    for breakdown in indicators.breakdowns.values():
        assert breakdown.portfolio.value is None
        assert breakdown.of(dimension, "nobody").value is None
        assert not breakdown.by(dimension)


@given(indicator_inputs(max_records=8), loyalty_facts_lists())
def test_the_groups_of_every_dimension_add_up_to_the_portfolio(
    inputs: dict[str, Any], loyalty_facts: list[LoyaltyFacts]
) -> None:
    indicators = full_set(inputs, loyalty_facts)
    for breakdown in indicators.breakdowns.values():
        for dimension in Dimension:
            groups = breakdown.by(dimension).values()
            assert sum(v.numerator for v in groups) == breakdown.portfolio.numerator
            assert sum(v.denominator for v in groups) == breakdown.portfolio.denominator


@given(indicator_inputs(max_records=8), loyalty_facts_lists(),
       st.randoms(use_true_random=False))
def test_reordering_the_records_changes_nothing(
    inputs: dict[str, Any], loyalty_facts: list[LoyaltyFacts], shuffler: random.Random
) -> None:
    before = full_set(inputs, loyalty_facts)
    shuffled = shuffled_inputs(inputs, shuffler)
    after = full_set(shuffled, shuffler.sample(loyalty_facts, len(loyalty_facts)))
    assert before == after


@given(st.lists(ticket_facts(), max_size=30), indicator_periods())
def test_on_time_tickets_never_outnumber_resolved_ones(
    tickets: list[TicketFact], period: Period
) -> None:
    report = ticket_resolution(tickets, period)
    assert report.on_time.portfolio.denominator == report.resolution.portfolio.numerator
