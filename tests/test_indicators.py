from __future__ import annotations

import random
from datetime import UTC, date
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from keyaccount import (
    HIGH_VALUE_TIER_CODES,
    LOYALTY_COMPONENTS,
    TIER_A,
    Breakdown,
    Dimension,
    Indicator,
    IndicatorSet,
    IndicatorValue,
    InvalidInput,
    LoyaltyFacts,
    Period,
    ProspectFact,
    ReceivableFact,
    RetentionFact,
    SatisfactionScale,
    SpendingFact,
    SurveyResponse,
    TicketFact,
    VisitFact,
    VolumeFact,
    combine_weighted,
    compute_indicators,
    cooperation_growth,
    cooperation_growth_after_visits,
    loyalty_index,
    prospect_conversion,
    receivables_collection,
    relationship_cost_benefit,
    retention_and_churn,
    survey_satisfaction,
    ticket_resolution,
    tier_migration,
    visit_plan_completion,
)
from keyaccount.testing import (
    indicator_inputs,
    indicator_periods,
    loyalty_facts_lists,
    retention_rosters,
    ticket_facts,
    visit_facts,
    volume_facts,
)

H1 = Period.half_year(2025, 1)
FIVE_POINT = SatisfactionScale(1, 5)
EQUAL_LOYALTY = {name: Fraction(1, 7) for name in LOYALTY_COMPONENTS}


def visit(account: str, tier: str, manager: str, planned: date, done: date | None = None,
          department: str = "KA") -> VisitFact:
    return VisitFact(account, tier, manager, department, planned_on=planned, done_on=done)


def ticket(account: str, opened: date, resolved: date | None = None,
           on_time: bool | None = None, tier: str = "A", manager: str = "Wang",
           department: str = "After-sales") -> TicketFact:
    return TicketFact(account, tier, manager, department, opened_on=opened,
                      resolved_on=resolved, resolved_on_time=on_time)


# --------------------------------------------------------------------------- periods


def test_the_default_period_is_the_half_year_of_seed_001() -> None:
    assert Period.containing(date(2025, 6, 30)) == Period(date(2025, 1, 1), date(2025, 7, 1))
    assert str(Period.containing(date(2025, 7, 1))) == "2025-H2"


def test_the_period_before_h1_is_the_previous_h2() -> None:
    assert Period.half_year(2025, 1).previous() == Period.half_year(2024, 2)
    assert Period.year(2025).previous() == Period.year(2024)


def test_the_next_period_has_the_same_calendar_length() -> None:
    assert Period.half_year(2025, 2).next() == Period.half_year(2026, 1)
    assert Period.year(2025).next() == Period.year(2026)
    assert Period.containing(date(2025, 2, 1), months=3).next() == Period.months(
        date(2025, 4, 1), 3)


def test_a_period_must_end_after_it_starts() -> None:
    with pytest.raises(InvalidInput, match="end must be after"):
        Period(date(2025, 7, 1), date(2025, 1, 1))


def test_a_half_year_is_h1_or_h2_only() -> None:
    with pytest.raises(InvalidInput, match="half must be 1"):
        Period.half_year(2025, 3)


def test_any_period_can_be_asked_for_in_months() -> None:
    leap_february = Period.months(date(2024, 2, 1), 1)
    assert leap_february.last_day == date(2024, 2, 29)
    assert str(Period.months(date(2025, 5, 10), 2)) == "2025-05-10..2025-07-09"


def test_a_period_whose_length_does_not_divide_the_year_is_refused_for_containing() -> None:
    with pytest.raises(InvalidInput, match="divide the year"):
        Period.containing(date(2025, 1, 1), months=5)


def test_a_datetime_is_not_a_period_bound() -> None:
    from datetime import datetime

    with pytest.raises(InvalidInput, match=r"datetime\.date"):
        Period(datetime(2025, 1, 1, tzinfo=UTC), date(2025, 2, 1))  # type: ignore[arg-type]


def test_a_day_is_in_a_period_from_its_start_up_to_but_not_including_its_end() -> None:
    h1 = Period.half_year(2025, 1)
    assert date(2025, 1, 1) in h1
    assert date(2025, 6, 30) in h1
    assert date(2025, 7, 1) not in h1
    assert date(2024, 12, 31) not in h1
    assert h1.contains(date(2025, 7, 1)) is False


def test_an_aware_datetime_is_in_a_period_by_its_day_in_its_own_zone() -> None:
    from datetime import datetime, timedelta, timezone

    h1 = Period.half_year(2025, 1)
    shanghai_evening = datetime(2025, 6, 30, 23, 30, tzinfo=timezone(timedelta(hours=8)))
    new_york_evening = datetime(2025, 6, 30, 20, 0, tzinfo=timezone(timedelta(hours=-4)))
    assert shanghai_evening in h1
    # the same moment is already 1 July in Shanghai: converting first counts it there
    assert new_york_evening in h1
    assert new_york_evening.astimezone(timezone(timedelta(hours=8))) not in h1


def test_a_naive_datetime_or_a_non_day_is_refused_by_a_period() -> None:
    from datetime import datetime

    h1 = Period.half_year(2025, 1)
    with pytest.raises(InvalidInput, match="naive datetime"):
        _ = datetime(2025, 3, 1, 12) in h1  # noqa: DTZ001 - the naive value refused
    with pytest.raises(InvalidInput, match="expected a date"):
        _ = "2025-03-01" in h1


@given(indicator_periods(), st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)))
def test_a_day_is_in_exactly_one_of_a_period_and_its_neighbours_when_near(
    period: Period, day: date
) -> None:
    assert (day in period) == (period.start <= day <= period.last_day)
    assert period.last_day == period.end - relativedelta(days=1)
    if period.previous().start <= day < period.next().end:
        inside = [day in p for p in (period.previous(), period, period.next())]
        assert inside.count(True) == 1


# --------------------------------------------------------------------------- values


def test_an_indicator_with_an_empty_denominator_is_not_applicable_not_zero() -> None:
    value = IndicatorValue.rate(Indicator.VISIT_PLAN_COMPLETION, H1, 0, 0)
    assert value.value is None
    assert not value.applicable
    assert value.normalised is None
    assert value.rounded() is None


def test_a_rate_numerator_outside_zero_to_its_denominator_is_refused() -> None:
    for numerator in (3, -1):
        with pytest.raises(InvalidInput, match="numerator must lie"):
            IndicatorValue.rate(Indicator.RETENTION, H1, numerator, 2)


def test_an_applicable_value_must_say_how_it_normalises() -> None:
    with pytest.raises(InvalidInput, match="normalised must be given"):
        IndicatorValue(Indicator.COOPERATION_GROWTH, H1, 1, 2)
    with pytest.raises(InvalidInput, match=r"\[0, 1\]"):
        IndicatorValue(Indicator.COOPERATION_GROWTH, H1, 1, 2, Fraction(3, 2))
    with pytest.raises(InvalidInput, match="must be None"):
        IndicatorValue(Indicator.COOPERATION_GROWTH, H1, 1, 0, Fraction(1, 2))


def test_a_float_is_not_an_exact_indicator_value() -> None:
    with pytest.raises(InvalidInput, match="numerator"):
        IndicatorValue(Indicator.RETENTION, H1, 0.5, 1, Fraction(1, 2))  # type: ignore[arg-type]


def test_display_rounding_is_half_even_and_exact() -> None:
    value = IndicatorValue.rate(Indicator.RETENTION, H1, 1, 8)  # 0.125
    assert value.rounded(2) == Decimal("0.12")
    assert IndicatorValue.rate(Indicator.RETENTION, H1, 3, 8).rounded(2) == Decimal("0.38")


# --------------------------------------------------------------------------- visits


def test_visit_plan_completion_counts_visits_planned_in_the_period_and_done_by_its_end() -> None:
    visits = [
        visit("ACME", "A", "Wang", date(2025, 1, 10), date(2025, 1, 10)),
        visit("ACME", "A", "Wang", date(2025, 3, 10), date(2025, 3, 12)),
        visit("ACME", "A", "Wang", date(2025, 6, 20), date(2025, 7, 2)),  # done after H1 closed
        visit("ACME", "A", "Wang", date(2025, 5, 5)),  # never done
        visit("BOLT", "C", "Li", date(2025, 2, 1), date(2025, 1, 28)),  # done early
        visit("BOLT", "C", "Li", date(2024, 12, 20), date(2025, 1, 5)),  # planned in 2024-H2
    ]
    completion = visit_plan_completion(visits, H1)
    assert (completion.portfolio.numerator, completion.portfolio.denominator) == (3, 5)
    assert completion.portfolio.value == Fraction(3, 5)
    assert completion.of(Dimension.ACCOUNT, "ACME").value == Fraction(1, 2)
    assert completion.of(Dimension.TIER, "C").value == Fraction(1)
    assert completion.of(Dimension.ACCOUNT_MANAGER, "Li").value == Fraction(1)
    assert completion.of(Dimension.DEPARTMENT, "KA").value == Fraction(3, 5)
    assert completion.portfolio.period == H1


def test_a_manager_without_planned_visits_has_no_completion_rate() -> None:
    completion = visit_plan_completion([visit("ACME", "A", "Wang", date(2025, 1, 10))], H1)
    assert not completion.of(Dimension.ACCOUNT_MANAGER, "Zhao").applicable
    assert "Zhao" not in completion.by(Dimension.ACCOUNT_MANAGER)


def test_no_visits_at_all_gives_not_applicable_for_the_portfolio() -> None:
    assert visit_plan_completion([], H1).portfolio.value is None


# --------------------------------------------------------------------------- tickets


def test_resolution_rate_and_on_time_rate_of_the_tickets_opened_in_the_period() -> None:
    tickets = [
        ticket("ACME", date(2025, 1, 5), date(2025, 1, 6), True),
        ticket("ACME", date(2025, 2, 5), date(2025, 2, 20), False),
        ticket("ACME", date(2025, 6, 25), date(2025, 7, 3), True),  # resolved after H1
        ticket("ACME", date(2025, 4, 1)),  # still open
        ticket("BOLT", date(2024, 12, 30), date(2025, 1, 2), True),  # opened in 2024-H2
    ]
    report = ticket_resolution(tickets, H1)
    assert (report.resolution.portfolio.numerator, report.resolution.portfolio.denominator) == (
        2, 4)
    assert report.on_time.portfolio.value == Fraction(1, 2)
    assert "BOLT" not in report.resolution.by(Dimension.ACCOUNT)


def test_on_time_rate_is_not_applicable_when_nothing_was_resolved() -> None:
    report = ticket_resolution([ticket("ACME", date(2025, 1, 5))], H1)
    assert report.resolution.portfolio.value == 0
    assert report.on_time.portfolio.value is None


def test_a_ticket_resolved_before_it_was_opened_is_refused() -> None:
    with pytest.raises(InvalidInput, match="before opened_on"):
        ticket("ACME", date(2025, 2, 5), date(2025, 2, 1), True)


def test_a_resolved_ticket_must_say_whether_it_was_on_time() -> None:
    with pytest.raises(InvalidInput, match="resolved_on_time"):
        ticket("ACME", date(2025, 2, 5), date(2025, 2, 6))
    with pytest.raises(InvalidInput, match="while unresolved"):
        ticket("ACME", date(2025, 2, 5), None, True)


# --------------------------------------------------------------------------- satisfaction


def test_satisfaction_mean_and_distribution_on_a_five_point_scale() -> None:
    scores = [5, 4, 4, 2]
    responses = [
        SurveyResponse("ACME", "A", "Wang", "KA", answered_on=date(2025, 3, 1), score=s)
        for s in scores
    ] + [SurveyResponse("ACME", "A", "Wang", "KA", answered_on=date(2025, 8, 1), score=1)]
    report = survey_satisfaction(responses, H1, scale=FIVE_POINT)
    mean = report.mean.portfolio
    assert (mean.numerator, mean.denominator, mean.value) == (15, 4, Fraction(15, 4))
    # (3.75 - 1) / (5 - 1)
    assert mean.normalised == Fraction(11, 16)
    distribution = report.distribution.portfolio
    assert distribution.counts == (0, 1, 0, 2, 1)
    assert distribution.share(4) == Fraction(1, 2)
    assert report.distribution.of(Dimension.ACCOUNT_MANAGER, "Li").share(4) is None


def test_a_score_off_the_declared_scale_is_refused_with_the_account_named() -> None:
    response = SurveyResponse("ACME", "A", "Wang", "KA", answered_on=date(2025, 3, 1), score=7)
    with pytest.raises(InvalidInput, match=r"ACME.*score 7.*1\.\.5"):
        survey_satisfaction([response], H1, scale=FIVE_POINT)


def test_a_satisfaction_scale_needs_its_best_score_above_its_worst() -> None:
    with pytest.raises(InvalidInput, match="above low"):
        SatisfactionScale(5, 5)


# --------------------------------------------------------------------------- growth


def volume(account: str, day: date, amount: str, tier: str = "A",
           manager: str = "Wang") -> VolumeFact:
    return VolumeFact(account, tier, manager, "KA", booked_on=day, amount=Decimal(amount))


def test_cooperation_growth_period_over_period() -> None:
    volumes = [
        volume("ACME", date(2024, 9, 1), "100.00"),
        volume("ACME", date(2025, 2, 1), "150.00"),
        volume("BOLT", date(2025, 3, 1), "80.00", tier="C"),  # nothing before: not applicable
        volume("ACME", date(2024, 6, 30), "999.00"),  # before the previous period
    ]
    growth = cooperation_growth(volumes, H1)
    acme = growth.of(Dimension.ACCOUNT, "ACME")
    assert (acme.numerator, acme.denominator) == (Decimal("50.00"), Decimal("100.00"))
    assert acme.value == Fraction(1, 2)
    assert acme.normalised == Fraction(150, 250)
    assert growth.of(Dimension.ACCOUNT, "BOLT").value is None
    assert growth.portfolio.value == Fraction(130, 100)


def test_a_business_that_stopped_has_growth_minus_one_and_normalises_to_zero() -> None:
    growth = cooperation_growth([volume("ACME", date(2024, 9, 1), "100")], H1)
    assert growth.portfolio.value == -1
    assert growth.portfolio.normalised == 0


def test_growth_after_a_visit_compares_the_windows_around_the_first_visit() -> None:
    visits = [
        visit("ACME", "A", "Wang", date(2025, 3, 1), date(2025, 3, 1)),
        visit("ACME", "A", "Wang", date(2025, 5, 1), date(2025, 5, 2)),  # not the pivot
        visit("BOLT", "C", "Li", date(2025, 3, 1)),  # not done: BOLT is left out
    ]
    volumes = [
        volume("ACME", date(2024, 11, 30), "500"),  # before the window
        volume("ACME", date(2025, 1, 15), "100"),
        volume("ACME", date(2025, 3, 1), "60"),  # the visit day counts as after
        volume("ACME", date(2025, 5, 31), "60"),
        volume("ACME", date(2025, 6, 1), "700"),  # after the window
        volume("BOLT", date(2025, 4, 1), "80", tier="C", manager="Li"),
    ]
    growth = cooperation_growth_after_visits(visits, volumes, H1)
    assert (growth.portfolio.numerator, growth.portfolio.denominator) == (20, 100)
    assert growth.portfolio.value == Fraction(1, 5)
    assert "BOLT" not in growth.by(Dimension.ACCOUNT)
    narrow = cooperation_growth_after_visits(visits, volumes, H1, window=relativedelta(days=30))
    assert narrow.portfolio.value is None


def test_growth_after_visits_pivots_on_the_earliest_visit_whatever_the_record_order() -> None:
    # Listed latest first: a pivot taken from the first record read would be 1 May.
    visits = [
        visit("ACME", "A", "Wang", date(2025, 5, 1), date(2025, 5, 1)),
        visit("ACME", "A", "Wang", date(2025, 3, 1), date(2025, 3, 1)),
    ]
    volumes = [
        volume("ACME", date(2025, 2, 1), "100"),  # before 1 March only
        volume("ACME", date(2025, 4, 1), "300"),  # after 1 March, before 1 May
    ]
    for growth in (
        cooperation_growth_after_visits(visits, volumes, H1),
        compute_indicators(H1, visits=visits, volumes=volumes)[
            Indicator.COOPERATION_GROWTH_AFTER_VISITS],
    ):
        assert (growth.portfolio.numerator, growth.portfolio.denominator) == (200, 100)


# --------------------------------------------------------------------------- retention


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
    with pytest.raises(InvalidInput, match="string 'GOLD'"):
        retention_and_churn(roster, H1, high_value_tiers="GOLD")


def test_an_account_twice_on_the_roster_is_refused() -> None:
    roster = [RetentionFact("A1", "A", "Wang", "KA", retained=True)] * 2
    with pytest.raises(InvalidInput, match="twice"):
        retention_and_churn(roster, H1)


# --------------------------------------------------------------------------- migration


def test_tier_migration_counts_moves_ups_downs_entries_and_exits() -> None:
    before = {"X": "A", "Y": "C", "Z": "D", "U": "B"}
    after = {"X": "B", "Y": "C", "W": "D", "U": "A"}
    migration = tier_migration(before, after, Period.year(2025))
    assert migration.count("A", "B") == 1
    assert migration.count("B", "A") == 1
    assert migration.count("D", None) == 1
    assert migration.count(None, "D") == 1
    assert migration.count("C", "D") == 0
    assert (migration.upgraded, migration.downgraded, migration.unchanged) == (1, 1, 1)
    assert (migration.entered, migration.left) == (1, 1)


def test_tier_migration_refuses_an_unknown_tier() -> None:
    with pytest.raises(InvalidInput, match="'Z'"):
        tier_migration({"X": "Z"}, {}, Period.year(2025))


# --------------------------------------------------------------------------- others


def test_receivables_collection_rate_of_an_account_manager() -> None:
    receivables = [
        ReceivableFact("ACME", "A", "Wang", "KA", due_on=date(2025, 2, 1),
                       amount_due=Decimal("1000"), amount_collected=Decimal("800")),
        ReceivableFact("BOLT", "B", "Wang", "KA", due_on=date(2025, 3, 1),
                       amount_due=Decimal("1000"), amount_collected=Decimal("1000")),
        ReceivableFact("BOLT", "B", "Wang", "KA", due_on=date(2025, 9, 1),
                       amount_due=Decimal("5000"), amount_collected=Decimal("0")),
    ]
    rate = receivables_collection(receivables, H1).of(Dimension.ACCOUNT_MANAGER, "Wang")
    assert rate.value == Fraction(9, 10)


def test_collecting_more_than_was_due_is_refused() -> None:
    with pytest.raises(InvalidInput, match="exceeds amount_due"):
        ReceivableFact("ACME", "A", "Wang", "KA", due_on=date(2025, 2, 1),
                       amount_due=Decimal("10"), amount_collected=Decimal("11"))


def test_prospect_conversion_counts_prospects_entered_and_converted_in_the_period() -> None:
    prospects = [
        ProspectFact("P1", None, "Wang", "KA", entered_on=date(2025, 1, 2),
                     converted_on=date(2025, 4, 1)),
        ProspectFact("P2", None, "Wang", "KA", entered_on=date(2025, 2, 2)),
        ProspectFact("P3", "B", "Wang", "KA", entered_on=date(2025, 3, 2),
                     converted_on=date(2025, 8, 1)),
    ]
    conversion = prospect_conversion(prospects, H1)
    assert conversion.portfolio.value == Fraction(1, 3)
    assert conversion.of(Dimension.TIER, None).value == Fraction(1, 2)


def test_relationship_cost_benefit_is_spending_over_benefit_for_the_year() -> None:
    year = Period.year(2025)
    spending = [
        SpendingFact("ACME", "A", "Wang", "KA", booked_on=date(2025, 3, 1),
                     spending=Decimal("20000"), benefit=Decimal("100000")),
        SpendingFact("ACME", "A", "Wang", "KA", booked_on=date(2025, 9, 1),
                     spending=Decimal("5000"), benefit=Decimal("0")),
        SpendingFact("BOLT", "C", "Li", "KA", booked_on=date(2025, 9, 1),
                     spending=Decimal("5000"), benefit=Decimal("0")),
    ]
    ratio = relationship_cost_benefit(spending, year)
    assert ratio.of(Dimension.ACCOUNT, "ACME").value == Fraction(1, 4)
    assert ratio.of(Dimension.ACCOUNT, "ACME").normalised == Fraction(4, 5)
    assert ratio.of(Dimension.ACCOUNT, "BOLT").value is None


def loyalty(account: str, count: int, amount: str, **overrides: Any) -> LoyaltyFacts:
    fields: dict[str, Any] = {
        "repeat_purchase_count": count, "repeat_purchase_quantity": Decimal(count),
        "repeat_purchase_amount": Decimal(amount), "referral_rate": Fraction(1, 2),
        "activities_invited": 4, "activities_joined": 2, "price_sensitivity": Fraction(1, 2),
        "quality_incidents": 0, "incidents_tolerated": 0,
    }
    fields.update(overrides)
    return LoyaltyFacts(account, "A", "Wang", "KA", **fields)


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


def test_a_combination_with_nothing_applicable_has_no_score() -> None:
    appraisal = combine_weighted({"a": None}, {"a": Fraction(1)}, H1)
    assert appraisal.score is None
    assert appraisal.redistributed_weight == 1


def test_the_indicator_set_holds_what_was_given_and_refuses_surveys_without_a_scale() -> None:
    indicators = compute_indicators(H1, visits=[], tickets=[])
    assert Indicator.VISIT_PLAN_COMPLETION in indicators
    assert Indicator.ON_TIME_RESOLUTION in indicators
    assert Indicator.SATISFACTION not in indicators
    with pytest.raises(InvalidInput, match="satisfaction_scale"):
        compute_indicators(H1, surveys=[])


def test_an_indicator_set_refuses_a_breakdown_of_another_period() -> None:
    other = visit_plan_completion([], Period.half_year(2025, 2))
    with pytest.raises(InvalidInput, match="2025-H2"):
        IndicatorSet(H1, {Indicator.VISIT_PLAN_COMPLETION: other})
    with pytest.raises(InvalidInput, match="filed as retention is visit_plan_completion"):
        IndicatorSet(H1, {Indicator.RETENTION: visit_plan_completion([], H1)})


def test_a_record_on_the_first_day_of_the_next_period_belongs_to_that_period() -> None:
    # Periods are half-open: 1 January is in H1, 1 July is not.
    dims = ("ACME", "A", "Wang", "KA")
    # the last day of 2024-H2, the first of 2025-H1 and the first of 2025-H2
    days = (H1.start - relativedelta(days=1), H1.start, H1.end)
    visits = [VisitFact(*dims, planned_on=d) for d in days]
    visits[1] = VisitFact(*dims, planned_on=days[1], done_on=days[1])
    tickets = [TicketFact(*dims, opened_on=d, resolved_on=d, resolved_on_time=True)
               for d in days]
    surveys = [SurveyResponse(*dims, answered_on=d, score=5) for d in days]
    receivables = [ReceivableFact(*dims, due_on=d, amount_due=10, amount_collected=10)
                   for d in days]
    prospects = [ProspectFact("P1", None, "Wang", "KA", entered_on=d, converted_on=d)
                 for d in days]
    spending = [SpendingFact(*dims, booked_on=d, spending=1, benefit=10) for d in days]
    first, next_first = days[1], days[2]
    # the previous period (2024-H2) starts on 1 July 2024: 30 June 2024 is before it
    volumes = [volume("ACME", d, "10") for d in (
        date(2024, 6, 30), H1.previous().start, first, next_first)]
    indicators = compute_indicators(
        H1, visits=visits, tickets=tickets, surveys=surveys, satisfaction_scale=FIVE_POINT,
        volumes=volumes, receivables=receivables, prospects=prospects, spending=spending)
    counted = {i.value: (b.portfolio.numerator, b.portfolio.denominator)
               for i, b in indicators.breakdowns.items()}
    assert counted == {
        "visit_plan_completion": (1, 1),
        "problem_resolution": (1, 1),
        "on_time_resolution": (1, 1),
        "satisfaction": (5, 1),
        "receivables_collection": (10, 10),
        "prospect_conversion": (1, 1),
        "relationship_cost_benefit": (1, 10),
        "cooperation_growth": (0, 10),
        # pivot 1 January: before = [1 Oct 2024, 1 Jan 2025), after from 1 January
        "cooperation_growth_after_visits": (10, 0),
    }


def test_a_visit_done_on_the_first_day_of_the_next_period_is_no_pivot_for_growth() -> None:
    visits = [visit("ACME", "A", "Wang", date(2025, 6, 30), date(2025, 7, 1))]
    volumes = [volume("ACME", date(2025, 6, 1), "100"), volume("ACME", date(2025, 7, 2), "50")]
    for growth in (
        cooperation_growth_after_visits(visits, volumes, H1),
        compute_indicators(H1, visits=visits, volumes=volumes)[
            Indicator.COOPERATION_GROWTH_AFTER_VISITS],
    ):
        assert "ACME" not in growth.by(Dimension.ACCOUNT)
        assert not growth.portfolio.applicable


def test_work_done_on_the_first_day_of_the_next_period_does_not_count_for_this_one() -> None:
    late = date(2025, 7, 1)
    completion = visit_plan_completion(
        [visit("ACME", "A", "Wang", date(2025, 6, 30), late)], H1)
    resolution = ticket_resolution([ticket("ACME", date(2025, 6, 30), late, True)], H1)
    conversion = prospect_conversion(
        [ProspectFact("P1", None, "Wang", "KA", entered_on=date(2025, 6, 30),
                      converted_on=late)], H1)
    assert completion.portfolio.numerator == 0
    assert resolution.resolution.portfolio.numerator == 0
    assert conversion.portfolio.numerator == 0


# --------------------------------------------------------------------------- properties

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
    shuffled = {
        key: shuffler.sample(value, len(value)) if isinstance(value, list) else value
        for key, value in inputs.items()
    }
    after = full_set(shuffled, shuffler.sample(loyalty_facts, len(loyalty_facts)))
    assert before == after


@given(st.lists(ticket_facts(), max_size=30), indicator_periods())
def test_on_time_tickets_never_outnumber_resolved_ones(
    tickets: list[TicketFact], period: Period
) -> None:
    report = ticket_resolution(tickets, period)
    assert report.on_time.portfolio.denominator == report.resolution.portfolio.numerator


# --------------------------------------------------------------------------- bad input


def _dims() -> tuple[str, str, str, str]:
    return ("ACME", "A", "Wang", "KA")


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: VisitFact(" ", "A", "Wang", "KA", planned_on=date(2025, 1, 1)), "account_id"),
        (lambda: VisitFact(*_dims(), planned_on="2025-01-01"), "planned_on"),
        (lambda: VisitFact(*_dims(), planned_on=date(2025, 1, 1), done_on="x"), "done_on"),
        (lambda: SurveyResponse(*_dims(), answered_on=date(2025, 1, 1), score=4.5), "score"),
        (lambda: VolumeFact(*_dims(), booked_on=date(2025, 1, 1), amount=-1), "amount"),
        (lambda: VolumeFact(*_dims(), booked_on=date(2025, 1, 1), amount=1.5), "float"),
        (lambda: ProspectFact("P1", None, "Wang", "KA", entered_on=date(2025, 3, 1),
                              converted_on=date(2025, 2, 1)), "before entered_on"),
        (lambda: ProspectFact("P1", " ", "Wang", "KA", entered_on=date(2025, 3, 1)), "tier"),
        (lambda: loyalty("ACME", -1, "1"), "repeat_purchase_count"),
        (lambda: loyalty("ACME", 1, "1", referral_rate=Fraction(3, 2)), "referral_rate"),
        (lambda: loyalty("ACME", 1, "1", referral_rate=0.5), "exact"),
        (lambda: loyalty("ACME", 1, "1", referral_rate="lots"), "number"),
        (lambda: loyalty("ACME", 1, "1", quality_incidents=1, incidents_tolerated=2),
         "incidents_tolerated"),
        (lambda: SatisfactionScale(1.0, 5), "int"),
        (lambda: Period.months(date(2025, 1, 1), 0), "months count"),
        (lambda: IndicatorValue(Indicator.RETENTION, H1, 1, -1), "denominator"),
        (lambda: IndicatorValue(Indicator.RETENTION, H1, Decimal("NaN"), 1), "finite"),
        (lambda: IndicatorValue(Indicator.RETENTION, H1, 1, 2, 0.5), "exact"),
        (lambda: IndicatorValue("retention", H1, 1, 2, Fraction(1, 2)), "Indicator"),
        (lambda: IndicatorValue(Indicator.RETENTION, "2025-H1", 1, 2, Fraction(1, 2)),
         "Period"),
    ],
)
def test_bad_indicator_input_is_refused_naming_the_field(build: Any, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        build()


def test_monthly_periods_read_as_their_month() -> None:
    assert str(Period.containing(date(2025, 2, 14), months=1)) == "2025-02"
    assert str(Period.containing(date(2025, 2, 14), months=12)) == "2025"


def test_group_values_show_as_a_plain_mapping() -> None:
    completion = visit_plan_completion([visit("ACME", "A", "Wang", date(2025, 1, 10))], H1)
    assert repr(completion.by(Dimension.TIER)).startswith("{'A': IndicatorValue(")


@given(st.lists(visit_facts(), max_size=12), st.lists(volume_facts(), max_size=12),
       indicator_periods())
def test_the_indicator_set_reads_visits_once_with_the_same_results(
    visits: list[VisitFact], volumes: list[VolumeFact], period: Period
) -> None:
    indicators = compute_indicators(period, visits=iter(visits), volumes=iter(volumes))
    assert indicators[Indicator.VISIT_PLAN_COMPLETION] == visit_plan_completion(visits, period)
    assert indicators[Indicator.COOPERATION_GROWTH_AFTER_VISITS] == (
        cooperation_growth_after_visits(visits, volumes, period))
    assert indicators[Indicator.COOPERATION_GROWTH] == cooperation_growth(volumes, period)


def test_money_sums_are_exact_beyond_the_default_decimal_precision() -> None:
    # 33 significant digits: the default decimal context keeps 28 and would round them away.
    before, after = "1" + "0" * 30, "1" + "0" * 30 + ".01"
    volumes = [volume("ACME", date(2024, 9, 1), before), volume("ACME", date(2025, 2, 1), after)]
    growth = cooperation_growth(volumes, H1)
    for value in (growth.portfolio, growth.of(Dimension.ACCOUNT, "ACME")):
        assert value.numerator == Decimal("0.01")
        assert value.normalised == Fraction(after) / (Fraction(before) + Fraction(after))


def test_receivables_and_spending_add_money_exactly_beyond_the_default_precision() -> None:
    big, cent = Decimal("1" + "0" * 30), Decimal("0.01")
    dims = ("ACME", "A", "Wang", "KA")
    receivables = receivables_collection(
        [ReceivableFact(*dims, due_on=date(2025, 2, 1), amount_due=a, amount_collected=a)
         for a in (big, cent)], H1)
    spending = relationship_cost_benefit(
        [SpendingFact(*dims, booked_on=date(2025, 2, 1), spending=a, benefit=a)
         for a in (big, cent)], H1)
    for value in (receivables.portfolio, receivables.of(Dimension.ACCOUNT, "ACME"),
                  spending.portfolio, spending.of(Dimension.TIER, "A")):
        # 33 significant digits: the default context keeps 28 and would drop the cent
        assert value.denominator == Decimal("1" + "0" * 30 + ".01")


def test_a_distribution_needs_one_count_per_score_of_its_scale() -> None:
    from keyaccount import ScoreDistribution

    with pytest.raises(InvalidInput, match="5 counts"):
        ScoreDistribution(FIVE_POINT, (1, 2, 3))
    assert ScoreDistribution(FIVE_POINT, [0, 0, 1, 0, 1]).share(5) == Fraction(1, 2)


def test_a_component_weighing_nothing_is_left_out_of_the_combination() -> None:
    appraisal = combine_weighted({"a": Fraction(1, 2), "b": None},
                                 {"a": Fraction(1), "b": Fraction(0)}, H1)
    assert [c.name for c in appraisal.components] == ["a"]
    assert appraisal.not_applicable == ()
    assert appraisal.redistributed_weight == 0


def test_a_combination_refuses_a_normalised_value_outside_the_unit_interval() -> None:
    with pytest.raises(InvalidInput, match=r"'a' must be exact and lie in \[0, 1\], got 2"):
        combine_weighted({"a": 2}, {"a": Fraction(1)}, H1)  # type: ignore[dict-item]
    with pytest.raises(InvalidInput, match=r"got 0\.5"):
        combine_weighted({"a": 0.5}, {"a": Fraction(1)}, H1)  # type: ignore[dict-item]


@pytest.mark.parametrize("window", [relativedelta(months=-3), relativedelta(), 90])
def test_growth_after_visits_needs_a_window_reaching_forward(window: Any) -> None:
    visits = [visit("ACME", "A", "Wang", date(2025, 3, 1), date(2025, 3, 1))]
    with pytest.raises(InvalidInput, match="visit window"):
        cooperation_growth_after_visits(visits, [], H1, window=window)
    with pytest.raises(InvalidInput, match="visit window"):
        compute_indicators(H1, visits=visits, volumes=[], visit_window=window)


def test_a_combination_refuses_negative_or_float_weights() -> None:
    with pytest.raises(InvalidInput, match=">= 0"):
        combine_weighted({"a": Fraction(1)}, {"a": Fraction(-1)}, H1)
    with pytest.raises(InvalidInput, match="exact"):
        combine_weighted({"a": Fraction(1)}, {"a": 0.5}, H1)  # type: ignore[dict-item]
    assert combine_weighted({"a": Fraction(1, 2)}, {"a": Decimal("0.3")}, H1).score == Fraction(
        1, 2)
