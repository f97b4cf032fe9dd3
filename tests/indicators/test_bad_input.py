"""Rules the robustness suite found unguarded in the indicators (issue 12, SPEC §11)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest

from indicator_builders import FIVE_POINT, H1
from keyaccount import (
    TIER_A,
    TIER_B,
    Breakdown,
    Contract,
    Customer,
    Dimension,
    Indicator,
    IndicatorValue,
    InvalidInput,
    PlannedVisit,
    RetentionFact,
    SatisfactionScale,
    ScoreDistribution,
    VisitFact,
    VisitKind,
    VolumeFact,
    combine_weighted,
    retention_and_churn,
    ticket_resolution,
    visit_facts_from,
    visit_plan_completion,
)
from keyaccount.policies import WeightedScorecard


def test_a_weighted_component_without_a_value_is_refused_not_silently_redistributed() -> None:
    # "grwoth" is a typo: 0.1 gave "completion" all the weight and the appraisal 1
    weights = {"completion": Fraction(1, 2), "growth": Fraction(1, 2)}
    with pytest.raises(InvalidInput, match=r"weights name \['growth'\], which normalised does"):
        combine_weighted({"completion": Fraction(1)}, weights, H1)
    with pytest.raises(InvalidInput, match="normalised names 'grwoth'"):
        combine_weighted({"completion": Fraction(1), "grwoth": None}, weights, H1)
    # not applicable is said with None
    assert combine_weighted({"completion": Fraction(1), "growth": None}, weights, H1).score == 1


def test_a_value_of_a_component_the_weights_do_not_weigh_is_refused() -> None:
    with pytest.raises(InvalidInput, match="'growth', which the weights do not weigh"):
        combine_weighted({"completion": Fraction(1), "growth": Fraction(0)},
                         {"completion": Fraction(1)}, H1)


def _customer(account_id: str, tier: Any = TIER_A) -> Customer:
    signed = date(2024, 3, 1)
    return Customer(
        account_id=account_id, name=f"customer {account_id}", category="regional", tier=tier,
        staff=("wang", "li"), account_manager="wang", department="KA", status="active",
        account_code=f"KA-{account_id}",
        supply_contract=Contract(reference="S-1", signed_on=signed),
        quality_contract=Contract(reference="Q-1", signed_on=signed),
        approved_on=signed, activated_on=signed,
    )


def test_a_customer_filed_under_another_accounts_id_is_refused() -> None:
    # 0.1 grouped ACME's visits under BOLT's tier and manager
    planned = [PlannedVisit("ACME", VisitKind.ON_SITE, date(2025, 3, 3), ("wang",), ())]
    with pytest.raises(InvalidInput, match=r"customers\['ACME'\] is the file of account 'BOLT'"):
        visit_facts_from(planned, [], {"ACME": _customer("BOLT", TIER_B)})


def test_a_mean_off_the_declared_scale_does_not_normalise_outside_zero_to_one() -> None:
    assert FIVE_POINT.normalise(Fraction(5)) == 1
    with pytest.raises(InvalidInput, match=r"mean must be an exact score on the scale 1\.\.5"):
        FIVE_POINT.normalise(Fraction(6))
    with pytest.raises(InvalidInput, match="mean"):
        FIVE_POINT.normalise(Decimal("NaN"))  # type: ignore[arg-type]


def test_a_satisfaction_scale_rises_from_low_to_high() -> None:
    assert SatisfactionScale(0, 100).scores == range(101)
    with pytest.raises(InvalidInput, match=r"SatisfactionScale\.high must be above low 5"):
        SatisfactionScale(5, 5)


def test_true_is_not_the_score_one_of_a_distribution() -> None:
    answers = ScoreDistribution(FIVE_POINT, (3, 1, 0, 0, 0))
    assert answers.count(1) == 3
    with pytest.raises(InvalidInput, match="score True is not on the scale"):
        answers.count(True)


def test_a_normalised_value_with_a_huge_exponent_is_refused_before_it_is_expanded() -> None:
    with pytest.raises(InvalidInput, match=r"IndicatorValue\.normalised must be at most 1"):
        IndicatorValue(Indicator.RETENTION, H1, 1, 2, Decimal("1e999999999"))  # type: ignore[arg-type]


def test_a_breakdown_holds_values_of_its_own_indicator_and_period() -> None:
    value = IndicatorValue.rate(Indicator.RETENTION, H1, 1, 2)
    empty = IndicatorValue.rate(Indicator.RETENTION, H1, 0, 0)
    other = IndicatorValue.rate(Indicator.CHURN, H1, 1, 2)
    assert Breakdown(Indicator.RETENTION, H1, value, empty, {"tier": {"A": value}}).of(
        Dimension.TIER, "A") == value
    with pytest.raises(InvalidInput, match=r"Breakdown.groups\['tier'\] must be retention"):
        Breakdown(Indicator.RETENTION, H1, value, empty, {Dimension.TIER: {"A": other}})
    with pytest.raises(InvalidInput, match=r"Breakdown\.groups"):
        Breakdown(Indicator.RETENTION, H1, value, empty, {"manager": {}})


@pytest.mark.parametrize(("field", "value"), [
    ("planned_on", date(1899, 12, 31)),
    ("planned_on", date(2200, 1, 1)),
    ("done_on", date(9999, 12, 31)),
])
def test_a_records_day_lies_within_the_years_1900_to_2199(field: str, value: date) -> None:
    fields: dict[str, Any] = {"planned_on": date(2025, 3, 3), "done_on": None, field: value}
    with pytest.raises(InvalidInput, match=f"VisitFact.{field} must be a date in the years"):
        VisitFact("ACME", "A", "Wang", "KA", **fields)


@pytest.mark.parametrize(("amount", "message"), [
    (Decimal("1e16"), "at most 10\\*\\*15"),
    (Decimal("1.0000001"), "at most 6 decimal places"),
])
def test_a_volume_lies_within_the_bounds_of_money(amount: Decimal, message: str) -> None:
    assert VolumeFact("ACME", "A", "Wang", "KA", booked_on=date(2025, 3, 3),
                      amount=Decimal("999999999999999.999999")).amount > 0
    with pytest.raises(InvalidInput, match=f"VolumeFact.amount must .*{message}"):
        VolumeFact("ACME", "A", "Wang", "KA", booked_on=date(2025, 3, 3), amount=amount)


def test_retained_is_a_bool_not_a_truthy_value() -> None:
    with pytest.raises(InvalidInput, match=r"RetentionFact\.retained must be a bool"):
        RetentionFact("ACME", "A", "Wang", "KA", retained=1)  # type: ignore[arg-type]


def test_high_value_tiers_hold_tier_codes() -> None:
    roster = [RetentionFact("ACME", "A", "Wang", "KA", retained=True)]
    with pytest.raises(InvalidInput, match="high_value_tiers must hold tier codes"):
        retention_and_churn(roster, H1, high_value_tiers=[TIER_A])  # type: ignore[list-item]


@pytest.mark.parametrize("records", [None, "ACME", {"ACME": 1}, [None], [object()]])
def test_records_that_are_not_a_collection_of_facts_are_refused_by_the_arguments_name(
    records: Any,
) -> None:
    with pytest.raises(InvalidInput, match="visits must"):
        visit_plan_completion(records, H1)
    with pytest.raises(InvalidInput, match="tickets must"):
        ticket_resolution(records, H1)


def test_a_period_that_is_not_a_period_is_refused_by_name() -> None:
    with pytest.raises(InvalidInput, match="period must be a Period"):
        visit_plan_completion([], "2025-H1")  # type: ignore[arg-type]


def test_scorecard_values_may_be_keyed_by_the_indicators_name_but_must_be_its_value() -> None:
    policy = WeightedScorecard({"visit_plan_completion": 1})
    completion = IndicatorValue.rate(Indicator.VISIT_PLAN_COMPLETION, H1, 3, 4)
    assert policy.appraise_values({"visit_plan_completion": completion}, H1).score == Fraction(3, 4)  # type: ignore[dict-item]
    churn = IndicatorValue.rate(Indicator.CHURN, H1, 1, 4)
    with pytest.raises(InvalidInput, match=r"values\['visit_plan_completion'\]"):
        policy.appraise_values({Indicator.VISIT_PLAN_COMPLETION: churn}, H1)
