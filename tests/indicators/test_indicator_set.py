"""The indicator set of a period (compute_indicators) and period boundaries."""

from __future__ import annotations

from datetime import date

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from indicator_builders import FIVE_POINT, H1, ticket, visit, volume
from keyaccount import (
    Indicator,
    IndicatorSet,
    InvalidInput,
    Period,
    ProspectFact,
    ReceivableFact,
    SpendingFact,
    SurveyResponse,
    TicketFact,
    VisitFact,
    VolumeFact,
    compute_indicators,
    cooperation_growth,
    cooperation_growth_after_visits,
    prospect_conversion,
    ticket_resolution,
    visit_plan_completion,
)
from keyaccount.testing import indicator_periods, visit_facts, volume_facts


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
