from __future__ import annotations

import random
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from keyaccount import (
    LOYALTY_COMPONENTS,
    Appraisal,
    AppraisalComponent,
    Dimension,
    Indicator,
    IndicatorSet,
    IndicatorValue,
    InvalidInput,
    LoyaltyFacts,
    Period,
    PolicyConfigError,
    ReceivableFact,
    SatisfactionScale,
    SurveyResponse,
    TicketFact,
    VisitFact,
    VolumeFact,
    compute_indicators,
)
from keyaccount.policies import (
    DEFAULT_LOYALTY_WEIGHTS,
    DEFAULT_SCORECARD_WEIGHTS,
    AppraisalPolicy,
    LoyaltyPolicy,
    LoyaltyScoring,
    ScorecardPolicy,
    presets,
)
from keyaccount.testing import (
    check_appraisal,
    check_appraisal_policy,
    check_loyalty_scoring,
    indicator_inputs,
    indicator_periods,
    loyalty_facts_lists,
)

H1 = Period.half_year(2025, 1)


def two_managers() -> IndicatorSet:
    """Wang: 3/4 visits done, resolution 1/2, no survey; Li: 1/1 visits, no tickets, 4.0 of 5."""
    visits = [
        VisitFact("ACME", "A", "Wang", "KA", planned_on=date(2025, m, 3), done_on=done)
        for m, done in ((1, date(2025, 1, 3)), (2, date(2025, 2, 3)), (3, date(2025, 3, 3)),
                        (4, None))
    ] + [VisitFact("BOLT", "B", "Li", "East", planned_on=date(2025, 2, 1),
                   done_on=date(2025, 2, 1))]
    tickets = [
        TicketFact("ACME", "A", "Wang", "KA", opened_on=date(2025, 2, 1),
                   resolved_on=date(2025, 2, 2), resolved_on_time=True),
        TicketFact("ACME", "A", "Wang", "KA", opened_on=date(2025, 3, 1)),
    ]
    surveys = [SurveyResponse("BOLT", "B", "Li", "East", answered_on=date(2025, 5, 1), score=4)]
    return compute_indicators(H1, visits=visits, tickets=tickets, surveys=surveys,
                              satisfaction_scale=SatisfactionScale(1, 5))


THREE_INDICATORS = {"weights": {"visit_plan_completion": "0.5", "problem_resolution": "0.3",
                                "satisfaction": "0.2"}}


def test_a_scorecard_weights_the_normalised_indicators_of_an_account_manager() -> None:
    policy = ScorecardPolicy.from_mapping(THREE_INDICATORS)
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
    policy = ScorecardPolicy.from_mapping(THREE_INDICATORS)
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
    policy = ScorecardPolicy.from_mapping({"weights": {"visit_plan_completion": 1}})
    assert set(policy.appraise(indicators, Dimension.ACCOUNT_MANAGER)) == {"Wang"}


def test_the_default_scorecard_weighs_the_five_seed_indicators_equally() -> None:
    policy = presets.scorecard()
    assert policy.weights == DEFAULT_SCORECARD_WEIGHTS
    assert {i for i, _ in policy.weights} == {
        Indicator.VISIT_PLAN_COMPLETION, Indicator.SATISFACTION, Indicator.PROBLEM_RESOLUTION,
        Indicator.COOPERATION_GROWTH_AFTER_VISITS, Indicator.RECEIVABLES_COLLECTION}
    assert all(weight == Fraction(1, 5) for _, weight in policy.weights)
    assert ScorecardPolicy.from_mapping({}) == policy


def test_the_default_scorecard_refuses_a_set_without_its_indicators() -> None:
    with pytest.raises(InvalidInput, match="receivables_collection"):
        presets.scorecard().appraise(two_managers(), Dimension.ACCOUNT_MANAGER)


def test_a_manager_with_nothing_applicable_has_no_score_rather_than_zero() -> None:
    policy = ScorecardPolicy.from_mapping({"weights": {"problem_resolution": 1}})
    appraisal = policy.appraise_values({}, H1)
    assert appraisal.score is None
    assert appraisal.not_applicable == ("problem_resolution",)


def test_a_value_of_another_period_is_refused() -> None:
    policy = ScorecardPolicy.from_mapping({"weights": {"retention": 1}})
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
        ScorecardPolicy.from_mapping(settings)


def test_scorecard_weights_may_be_written_as_fractions() -> None:
    thirds = {"retention": "1/3", "satisfaction": "1/3", "problem_resolution": "1/3"}
    policy = ScorecardPolicy.from_mapping({"weights": thirds})
    assert sum(w for _, w in policy.weights) == 1


def test_the_policies_satisfy_their_protocols() -> None:
    assert isinstance(presets.scorecard(), AppraisalPolicy)
    assert isinstance(presets.loyalty(), LoyaltyScoring)


# --------------------------------------------------------------------------- loyalty


def test_the_default_loyalty_weights_give_each_of_the_seven_behaviours_a_seventh() -> None:
    policy = presets.loyalty()
    assert policy.weights == DEFAULT_LOYALTY_WEIGHTS
    assert [name for name, _ in policy.weights] == list(LOYALTY_COMPONENTS)
    assert {w for _, w in policy.weights} == {Fraction(1, 7)}


def test_a_loyalty_policy_can_weigh_repeat_purchases_only() -> None:
    policy = LoyaltyPolicy.from_mapping(
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
        LoyaltyPolicy.from_mapping(settings)


# --------------------------------------------------------------------------- properties


@st.composite
def weightings(draw: st.DrawFn) -> ScorecardPolicy:
    chosen = draw(st.lists(st.sampled_from(list(Indicator)), min_size=1, max_size=6,
                           unique=True))
    raw = [draw(st.integers(1, 10)) for _ in chosen]
    total = sum(raw)
    return ScorecardPolicy({i: Fraction(r, total) for i, r in zip(chosen, raw, strict=True)})


def indicator_set(records: dict[str, Any], loyalty: list[LoyaltyFacts]) -> IndicatorSet:
    indicators = compute_indicators(**records)
    return indicators.including(presets.loyalty().index(loyalty, records["period"]).index)


@given(weightings(), indicator_inputs(max_records=8), loyalty_facts_lists())
def test_a_score_lies_between_the_lowest_and_highest_indicator_it_combines(
    policy: ScorecardPolicy, records: dict[str, Any], loyalty: list[LoyaltyFacts]
) -> None:
    indicators = indicator_set(records, loyalty)
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
    policy: ScorecardPolicy, records: dict[str, Any], loyalty: list[LoyaltyFacts],
    shuffler: random.Random,
) -> None:
    before = indicator_set(records, loyalty)
    shuffled = {
        key: shuffler.sample(value, len(value)) if isinstance(value, list) else value
        for key, value in records.items()
    }
    after = indicator_set(shuffled, shuffler.sample(loyalty, len(loyalty)))
    for dimension in (Dimension.ACCOUNT_MANAGER, Dimension.DEPARTMENT):
        assert dict(policy.appraise(before, dimension)) == dict(policy.appraise(after, dimension))
    assert policy.appraise_portfolio(before) == policy.appraise_portfolio(after)


@st.composite
def loyalty_weightings(draw: st.DrawFn) -> LoyaltyPolicy:
    chosen = draw(st.lists(st.sampled_from(LOYALTY_COMPONENTS), min_size=1, unique=True))
    raw = [draw(st.integers(1, 10)) for _ in chosen]
    return LoyaltyPolicy([(name, Fraction(r, sum(raw))) for name, r in zip(chosen, raw,
                                                                            strict=True)])


@given(st.one_of(st.just(presets.loyalty()), loyalty_weightings()), loyalty_facts_lists(),
       indicator_periods())
def test_every_loyalty_index_lies_in_the_unit_interval_and_is_its_weighted_combination(
    policy: LoyaltyPolicy, facts: list[LoyaltyFacts], period: Period
) -> None:
    check_loyalty_scoring(policy, facts, period)
    report = policy.index(facts, period)
    assert set(report.components) == {fact.account_id for fact in facts}
    for account, appraisal in report.components.items():
        check_appraisal(appraisal)
        index = report.index.of(Dimension.ACCOUNT, account)
        assert index.value == appraisal.score
        if appraisal.score is not None:
            assert 0 <= appraisal.score <= 1


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
        ScorecardPolicy([(Indicator.RETENTION, Fraction(1, 2)), ("retention", Fraction(1, 2))])
    with pytest.raises(PolicyConfigError, match="twice"):
        LoyaltyPolicy([("referral_rate", Fraction(1, 2)), ("referral_rate", Fraction(1, 2))])


def test_a_loyalty_policy_without_weights_in_its_settings_is_the_seed_default() -> None:
    assert LoyaltyPolicy.from_mapping({}) == presets.loyalty()


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
            return LoyaltyPolicy([("repeat_purchase_count", Fraction(1))]).index(facts, period)
        return presets.loyalty().index(facts, period)


def test_the_loyalty_check_catches_an_index_that_depends_on_the_order_of_the_accounts() -> None:
    facts = [
        LoyaltyFacts(account, "A", "Wang", "KA", repeat_purchase_count=count,
                     repeat_purchase_quantity=0, repeat_purchase_amount=0, referral_rate=0,
                     activities_invited=0, activities_joined=0, price_sensitivity=1,
                     quality_incidents=0, incidents_tolerated=0)
        for account, count in (("ACME", 5), ("BOLT", 1))
    ]
    check_loyalty_scoring(presets.loyalty(), facts, H1)
    with pytest.raises(AssertionError, match="order"):
        check_loyalty_scoring(FirstComesFirst(), facts, H1)
