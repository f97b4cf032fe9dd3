"""The weighted scorecard (policies/indicators/scorecard.py; SPEC §9 考核)."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from indicator_builders import H1, shuffled_inputs, two_managers
from keyaccount import (
    AppraisalPolicy,
    Dimension,
    Indicator,
    IndicatorSet,
    IndicatorValue,
    InvalidInput,
    LoyaltyFacts,
    LoyaltyPolicy,
    Period,
    PolicyConfigError,
    ReceivableFact,
    SatisfactionScale,
    TicketFact,
    VisitFact,
    VolumeFact,
    compute_indicators,
)
from keyaccount.policies import (
    DEFAULT_SCORECARD_WEIGHTS,
    WeightedLoyalty,
    WeightedScorecard,
    presets,
)
from keyaccount.testing import check_appraisal_policy, indicator_inputs, loyalty_facts_lists

THREE_INDICATORS = {"weights": {"visit_plan_completion": "0.5", "problem_resolution": "0.3",
                                "satisfaction": "0.2"}}


def test_a_scorecard_weights_the_normalised_indicators_of_an_account_manager() -> None:
    policy = WeightedScorecard.from_mapping(THREE_INDICATORS)
    scores = policy.appraise(two_managers(), Dimension.ACCOUNT_MANAGER)
    wang = scores["Wang"]
    # satisfaction is not applicable for Wang: its 0.2 goes to the others in proportion,
    # 0.5 -> 5/8 and 0.3 -> 3/8.  5/8 * 3/4 + 3/8 * 1/2 = 15/32 + 6/32.
    assert wang.score == Fraction(21, 32)
    assert wang.not_applicable == ("satisfaction",)
    assert wang.redistributed_weight == Fraction(1, 5)
    assert [c.effective_weight for c in wang.components] == [
        Fraction(5, 8), Fraction(3, 8), Fraction(0)]
    li = scores["Li"]
    # completion 1 (weight 5/7), satisfaction (4-1)/(5-1) = 3/4 (weight 2/7).
    assert li.score == Fraction(5, 7) + Fraction(2, 7) * Fraction(3, 4)
    assert li.not_applicable == ("problem_resolution",)


def test_a_scorecard_per_department_and_for_the_portfolio() -> None:
    policy = WeightedScorecard.from_mapping(THREE_INDICATORS)
    indicators = two_managers()
    by_department = policy.appraise(indicators, Dimension.DEPARTMENT)
    assert set(by_department) == {"KA", "East"}
    portfolio = policy.appraise_portfolio(indicators)
    # completion 4/5, resolution 1/2, satisfaction 3/4
    assert portfolio.score == Fraction(1, 2) * Fraction(4, 5) + Fraction(3, 10) * Fraction(
        1, 2) + Fraction(1, 5) * Fraction(3, 4)
    assert portfolio.not_applicable == ()


def test_only_the_groups_of_the_weighted_indicators_are_appraised() -> None:
    # Zhao has tickets only; a scorecard of visits alone has nothing to say about him.
    indicators = compute_indicators(
        H1, visits=[VisitFact("ACME", "A", "Wang", "KA", planned_on=date(2025, 2, 1))],
        tickets=[TicketFact("CORA", "C", "Zhao", "KA", opened_on=date(2025, 2, 1))])
    policy = WeightedScorecard.from_mapping({"weights": {"visit_plan_completion": 1}})
    assert set(policy.appraise(indicators, Dimension.ACCOUNT_MANAGER)) == {"Wang"}


def test_the_default_scorecard_weighs_the_five_seed_indicators_equally() -> None:
    policy = presets.scorecard()
    assert policy.weights == DEFAULT_SCORECARD_WEIGHTS
    assert {i for i, _ in policy.weights} == {
        Indicator.VISIT_PLAN_COMPLETION, Indicator.SATISFACTION, Indicator.PROBLEM_RESOLUTION,
        Indicator.COOPERATION_GROWTH_AFTER_VISITS, Indicator.RECEIVABLES_COLLECTION}
    assert all(weight == Fraction(1, 5) for _, weight in policy.weights)
    assert WeightedScorecard.from_mapping({}) == policy


def test_the_default_scorecard_refuses_a_set_without_its_indicators() -> None:
    with pytest.raises(InvalidInput, match="receivables_collection"):
        presets.scorecard().appraise(two_managers(), Dimension.ACCOUNT_MANAGER)


def test_a_manager_with_nothing_applicable_has_no_score_rather_than_zero() -> None:
    policy = WeightedScorecard.from_mapping({"weights": {"problem_resolution": 1}})
    appraisal = policy.appraise_values({}, H1)
    assert appraisal.score is None
    assert appraisal.not_applicable == ("problem_resolution",)


def test_a_value_of_another_period_is_refused() -> None:
    policy = WeightedScorecard.from_mapping({"weights": {"retention": 1}})
    other = IndicatorValue.rate(Indicator.RETENTION, Period.half_year(2025, 2), 1, 2)
    with pytest.raises(InvalidInput, match="2025-H2"):
        policy.appraise_values({Indicator.RETENTION: other}, H1)


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"weights": {"visit_plan_completion": "0.5", "satisfaction": "0.4"}}, "sum to 1"),
        ({"weights": {"visit_plan_completion": "1.5", "satisfaction": "-0.5"}}, ">= 0"),
        ({"weights": {"visit_plan_completion": 0.5, "satisfaction": 0.5}}, "exact"),
        ({"weights": {"happiness": 1}}, "unknown indicator 'happiness'"),
        ({"weights": {"satisfaction": "lots"}}, "must be a number"),
        ({"weights": ["satisfaction"]}, "must be a mapping"),
        ({"weight": {"satisfaction": 1}}, "unknown key"),
    ],
)
def test_bad_scorecard_settings_are_refused(settings: dict[str, Any], message: str) -> None:
    with pytest.raises(PolicyConfigError, match=message):
        WeightedScorecard.from_mapping(settings)


def test_scorecard_weights_may_be_written_as_fractions() -> None:
    thirds = {"retention": "1/3", "satisfaction": "1/3", "problem_resolution": "1/3"}
    policy = WeightedScorecard.from_mapping({"weights": thirds})
    assert sum(w for _, w in policy.weights) == 1


def test_the_policies_satisfy_their_protocols() -> None:
    assert isinstance(presets.scorecard(), AppraisalPolicy)
    assert isinstance(presets.loyalty(), LoyaltyPolicy)


@st.composite
def weightings(draw: st.DrawFn) -> WeightedScorecard:
    chosen = draw(st.lists(st.sampled_from(list(Indicator)), min_size=1, max_size=6,
                           unique=True))
    raw = [draw(st.integers(1, 10)) for _ in chosen]
    total = sum(raw)
    return WeightedScorecard({i: Fraction(r, total) for i, r in zip(chosen, raw, strict=True)})


def indicator_set(
    records: dict[str, Any], loyalty: list[LoyaltyFacts], policy: WeightedScorecard
) -> IndicatorSet:
    indicators = compute_indicators(**records)
    # the target attainments need a period of whole months of one year: an odd span has none
    assume(set(policy.weighted_indicators) <= set(indicators.breakdowns) | {Indicator.LOYALTY})
    return indicators.including(presets.loyalty().index(loyalty, records["period"]).index)


@given(weightings(), indicator_inputs(max_records=8), loyalty_facts_lists())
def test_a_score_lies_between_the_lowest_and_highest_indicator_it_combines(
    policy: WeightedScorecard, records: dict[str, Any], loyalty: list[LoyaltyFacts]
) -> None:
    indicators = indicator_set(records, loyalty, policy)
    check_appraisal_policy(policy, indicators)
    for dimension in (Dimension.ACCOUNT_MANAGER, Dimension.DEPARTMENT):
        for key, appraisal in policy.appraise(indicators, dimension).items():
            combined = [
                indicators[i].of(dimension, key).normalised for i in policy.weighted_indicators
            ]
            applicable = [value for value in combined if value is not None]
            if applicable:
                assert appraisal.score is not None
                assert min(applicable) <= appraisal.score <= max(applicable)
            else:
                assert appraisal.score is None


@given(weightings(), indicator_inputs(max_records=8), loyalty_facts_lists(),
       st.randoms(use_true_random=False))
def test_reordering_the_records_changes_no_score(
    policy: WeightedScorecard, records: dict[str, Any], loyalty: list[LoyaltyFacts],
    shuffler: random.Random,
) -> None:
    before = indicator_set(records, loyalty, policy)
    shuffled = shuffled_inputs(records, shuffler)
    after = indicator_set(shuffled, shuffler.sample(loyalty, len(loyalty)), policy)
    for dimension in (Dimension.ACCOUNT_MANAGER, Dimension.DEPARTMENT):
        assert dict(policy.appraise(before, dimension)) == dict(policy.appraise(after, dimension))
    assert policy.appraise_portfolio(before) == policy.appraise_portfolio(after)


def test_the_full_default_scorecard_runs_on_the_records_it_weighs() -> None:
    visits = [VisitFact("ACME", "A", "Wang", "KA", planned_on=date(2025, 3, 1),
                        done_on=date(2025, 3, 1))]
    volumes = [VolumeFact("ACME", "A", "Wang", "KA", booked_on=date(2025, 1, 10), amount=100),
               VolumeFact("ACME", "A", "Wang", "KA", booked_on=date(2025, 4, 10), amount=300)]
    receivables = [ReceivableFact("ACME", "A", "Wang", "KA", due_on=date(2025, 5, 1),
                                  amount_due=100, amount_collected=100)]
    indicators = compute_indicators(
        H1, visits=visits, tickets=[], surveys=[], satisfaction_scale=SatisfactionScale(1, 5),
        volumes=volumes, receivables=receivables)
    wang = presets.scorecard().appraise(indicators, Dimension.ACCOUNT_MANAGER)["Wang"]
    # completion 1, growth 300/(100+300) = 3/4, collection 1; satisfaction and resolution n/a.
    assert wang.score == (1 + Fraction(3, 4) + 1) / 3
    assert set(wang.not_applicable) == {"satisfaction", "problem_resolution"}


def test_a_weight_named_twice_is_refused() -> None:
    with pytest.raises(PolicyConfigError, match="twice"):
        WeightedScorecard([(Indicator.RETENTION, Fraction(1, 2)), ("retention", Fraction(1, 2))])
    with pytest.raises(PolicyConfigError, match="twice"):
        WeightedLoyalty([("referral_rate", Fraction(1, 2)), ("referral_rate", Fraction(1, 2))])


@pytest.mark.parametrize(
    ("weight", "message"),
    [
        ("1e999999999", "must be <= 1000000000000"),  # hung from_mapping in 0.1
        ("1e-999999999", "must have at most 12 decimal places"),
        ("0.0000000000001", "must have at most 12 decimal places"),
        ("1/10000000000000", "must have at most 12 decimal places"),
        ("nan", "must be a number"),
        (Decimal("NaN"), "must be a number"),
        (float("nan"), "must be exact"),
        (Decimal("Infinity"), "must be a number"),
    ],
)
def test_a_scorecard_weight_is_bounded_with_at_most_12_decimal_places(
    weight: object, message: str
) -> None:
    with pytest.raises(
        PolicyConfigError, match=f"WeightedScorecard weight of satisfaction {message}"
    ):
        WeightedScorecard.from_mapping({"weights": {"satisfaction": weight, "churn": "1"}})


def test_a_loyalty_weight_is_bounded_with_at_most_12_decimal_places() -> None:
    with pytest.raises(PolicyConfigError, match="weight of referral_rate must be <= 1000000000000"):
        WeightedLoyalty.from_mapping({"weights": {"referral_rate": "1e999999999"}})


def test_a_dimension_may_be_given_by_its_name() -> None:
    indicators = two_managers()
    policy = WeightedScorecard(
        {"visit_plan_completion": "0.6", "problem_resolution": "0.4"})
    assert policy.appraise(indicators, "account_manager") == policy.appraise(
        indicators, Dimension.ACCOUNT_MANAGER)
    assert indicators.group_keys("account_manager") == indicators.group_keys(
        Dimension.ACCOUNT_MANAGER)
    completion = indicators[Indicator.VISIT_PLAN_COMPLETION]
    assert completion.by("tier") == completion.by(Dimension.TIER)
    assert completion.of("account_manager", "Wang") == completion.of(
        Dimension.ACCOUNT_MANAGER, "Wang")


@pytest.mark.parametrize("bad", ["manager", "ACCOUNT_MANAGER", None, 3, ["tier"]])
def test_a_dimension_that_is_not_one_is_refused_by_name(bad: Any) -> None:
    indicators = two_managers()
    completion = indicators[Indicator.VISIT_PLAN_COMPLETION]
    for call in (
        lambda: WeightedScorecard(
            {"visit_plan_completion": "0.6", "problem_resolution": "0.4"}
        ).appraise(indicators, bad),
        lambda: indicators.group_keys(bad),
        lambda: completion.by(bad),
        lambda: completion.of(bad, "Wang"),
    ):
        with pytest.raises(InvalidInput, match=r"dimension must be one of \['account'"):
            call()
