"""Visit compliance: due, overdue, gaps, events reported once (SPEC §6)."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from keyaccount import (
    TIER_A,
    TIER_B,
    TIER_C,
    AccountToPlan,
    ComplianceReport,
    InvalidInput,
    PlannedVisit,
    VisitInterval,
    VisitKind,
    VisitOverdue,
    VisitPlan,
    VisitRecord,
    evaluate_compliance,
)
from keyaccount.testing import (
    PlanningInputs,
    planning_inputs,
)
from visit_fixtures import (
    JUNE,
    SHANGHAI,
    plan_for,
    plans_for,
    record_at,
    record_of,
)

# --- compliance ------------------------------------------------------------------------------



def test_compliance_counts_due_completed_and_overdue_planned_visits() -> None:
    plan = plan_for(AccountToPlan("ACME", TIER_A, staff=["li"]))
    due = sum(1 for day in plan.days if day < JUNE.date())
    records = [record_at(plan, 0, record_id="R1"), record_at(plan, 2, record_id="R2")]
    report = evaluate_compliance([plan], records, now=JUNE, zone=SHANGHAI)
    (account,) = report.accounts
    assert (account.due, account.completed, account.overdue) == (due, 2, due - 2)
    assert report.completion_rate == account.completion_rate
    assert len(report.overdue) == due - 2
    overdue = {(visit.planned_day, visit.kind) for visit in report.overdue}
    assert (plan.days[0], plan.kinds[0]) not in overdue
    assert all(visit.days_overdue == (JUNE.date() - visit.planned_day).days
               for visit in report.overdue)


def test_a_visit_planned_for_today_is_not_yet_overdue_and_is_the_next_due() -> None:
    plan = plan_for(AccountToPlan("ACME", TIER_A, staff=["li"]))
    today = plan.days[5]
    report = evaluate_compliance(
        [plan], [], now=datetime.combine(today, time(23), tzinfo=SHANGHAI), zone=SHANGHAI
    )
    assert report.accounts[0].due == 5
    assert report.accounts[0].next_due == plan.visit_at(5)


def test_the_next_visit_due_skips_visits_already_done_early() -> None:
    plan = plan_for(AccountToPlan("ACME", TIER_A, staff=["li"]))
    evening = datetime.combine(plan.days[0], time(18), tzinfo=SHANGHAI)
    report = evaluate_compliance([plan], [record_at(plan, 0)], now=evening, zone=SHANGHAI)
    assert report.accounts[0].next_due == plan.visit_at(1)
    assert report.completion_rate is None  # nothing due before the first planned day ends


def test_the_evaluation_day_is_counted_in_the_calendars_zone() -> None:
    plan = plan_for(AccountToPlan("ACME", TIER_A, staff=["li"]))
    # 17:00 UTC on 2 February is 01:00 on 3 February in Shanghai: the visit of 2 February
    # has passed there, not yet in UTC.
    late = datetime(2026, 2, 2, 17, tzinfo=UTC)
    due_utc = evaluate_compliance([plan], [], now=late, zone=UTC).accounts[0].due
    due_shanghai = evaluate_compliance([plan], [], now=late, zone=SHANGHAI).accounts[0].due
    assert (due_utc, due_shanghai) == (2, 3)


def test_an_account_whose_last_regular_visit_is_older_than_its_interval_has_a_gap() -> None:
    plan = plan_for(AccountToPlan("ACME", TIER_B, staff=["li"]))
    visited = record_at(plan, 0)  # the January visit
    report = evaluate_compliance([plan], [visited], now=JUNE, zone=SHANGHAI)
    (gap,) = report.gaps
    assert gap.last_visit == plan.days[0]
    assert gap.interval == VisitInterval(months=2)
    recent = attrs.evolve(
        visited, record_id="R9", visited_at=datetime(2026, 5, 20, 10, tzinfo=SHANGHAI),
        planned_day=None,
    )
    assert evaluate_compliance([plan], [visited, recent], now=JUNE, zone=SHANGHAI).gaps == ()


def test_an_account_never_visited_has_a_gap_counted_from_the_start_of_its_plan() -> None:
    plan = plan_for(AccountToPlan("ACME", TIER_C, staff=["li"]))
    report = evaluate_compliance([plan], [], now=JUNE, zone=SHANGHAI)
    (gap,) = report.gaps
    assert (gap.last_visit, gap.since) == (None, date(2026, 1, 1))
    assert evaluate_compliance(
        [plan], [], now=datetime(2026, 3, 15, tzinfo=SHANGHAI), zone=SHANGHAI
    ).gaps == ()


def test_holiday_visits_and_greetings_do_not_count_as_regular_visits() -> None:
    plan = plan_for(AccountToPlan("C1", TIER_C, staff=["li"]))
    greeting = plan.kinds.index(VisitKind.GREETING)
    report = evaluate_compliance([plan], [record_at(plan, greeting)], now=JUNE, zone=SHANGHAI)
    assert report.gaps[0].last_visit is None


def test_overdue_visits_are_reported_once_across_evaluations() -> None:
    plan = plan_for(AccountToPlan("ACME", TIER_A, staff=["li"]))
    first = evaluate_compliance([plan], [], now=JUNE, zone=SHANGHAI)
    assert len(first.events) == len(first.overdue) > 0
    assert all(isinstance(event, VisitOverdue) and event.occurred_at == JUNE
               for event in first.events)
    assert first.reported == {visit.visit_id for visit in first.overdue}
    assert "ACME/2026-01-04/on_site" in first.reported  # plain ids a host can store
    again = evaluate_compliance([plan], [], now=JUNE, zone=SHANGHAI, reported=first.reported)
    assert again.events == ()
    july = datetime(2026, 7, 15, tzinfo=SHANGHAI)
    later = evaluate_compliance([plan], [], now=july, zone=SHANGHAI, reported=again.reported)
    assert [event.planned_day for event in later.events] == [date(2026, 7, 1)]


def test_two_plans_for_one_account_are_refused() -> None:
    plan = plan_for(AccountToPlan("ACME", TIER_A, staff=["li"]))
    with pytest.raises(InvalidInput, match="two plans"):
        evaluate_compliance([plan, plan], [], now=JUNE, zone=SHANGHAI)


def test_reported_visits_must_be_given_by_their_ids() -> None:
    plan = plan_for(AccountToPlan("ACME", TIER_A, staff=["li"]))
    old_style = {("ACME", date(2026, 1, 5), VisitKind.ON_SITE)}
    with pytest.raises(InvalidInput, match="reported must hold visit ids"):
        evaluate_compliance([plan], [], now=JUNE, zone=SHANGHAI, reported=old_style)


def test_a_record_of_another_kind_or_another_account_does_not_carry_out_a_planned_visit() -> None:
    plan = plan_for(AccountToPlan("ACME", TIER_A, staff=["li"]))
    on_site = record_at(plan, 0)
    as_phone_call = attrs.evolve(on_site, kind=VisitKind.PHONE_RETURN)
    for_someone_else = attrs.evolve(on_site, account_id="OTHER")
    report = evaluate_compliance([plan], [as_phone_call, for_someone_else], now=JUNE,
                                 zone=SHANGHAI)
    assert report.accounts[0].completed == 0
    assert plan.visit_at(0).visit_id in {visit.visit_id for visit in report.overdue}
    # the phone call still counts as a regular visit for the gap; the other account's does not
    assert report.accounts[0].last_visit == plan.days[0]


def test_a_record_dated_after_now_is_refused() -> None:
    plan = plan_for(AccountToPlan("ACME", TIER_B, staff=["li"]))
    tomorrow = attrs.evolve(
        record_at(plan, 0), visited_at=datetime(2026, 6, 16, 0, 30, tzinfo=SHANGHAI),
        planned_day=None,
    )
    with pytest.raises(InvalidInput, match=r"records must not be dated after now .* 'R1'"):
        evaluate_compliance([plan], [record_at(plan, 0), tomorrow], now=JUNE, zone=SHANGHAI)


def test_a_plan_whose_regular_visits_were_all_made_has_no_gap_after_its_year_ended() -> None:
    # the C tier's quarterly calls, all made; evaluated two weeks into the next year the last
    # call (1 October) lies more than three months back, but the plan ended on 31 December
    plan = plan_for(AccountToPlan("JINQIAO", TIER_C, staff=["li"]))
    calls = [
        record_at(plan, index, record_id=f"R{index}")
        for index, kind in enumerate(plan.kinds)
        if kind is VisitKind.PHONE_RETURN
    ]
    after_the_year = datetime(2027, 1, 15, 9, tzinfo=SHANGHAI)
    report = evaluate_compliance([plan], calls, now=after_the_year, zone=SHANGHAI)
    assert report.gaps == ()
    at_year_end = datetime(2026, 12, 31, 18, tzinfo=SHANGHAI)
    assert evaluate_compliance([plan], calls, now=at_year_end, zone=SHANGHAI).gaps == ()


def test_an_ended_plans_gap_is_counted_to_its_last_day_however_late_it_is_evaluated() -> None:
    plan = plan_for(AccountToPlan("ACME", TIER_B, staff=["li"]))
    june_visit = plan.days.index(date(2026, 7, 1)) - 1
    records = [record_at(plan, june_visit)]
    reports = [
        evaluate_compliance([plan], records, now=datetime(*day, 9, tzinfo=SHANGHAI),
                            zone=SHANGHAI)
        for day in ((2026, 12, 31), (2027, 1, 1), (2027, 6, 30), (2029, 3, 1))
    ]
    gaps = {report.gaps for report in reports}
    assert len(gaps) == 1
    (gap,) = reports[-1].gaps
    assert gap.until == date(2026, 12, 31)
    assert gap.days == (date(2026, 12, 31) - plan.days[june_visit]).days
    # the overdue visits are those of the whole plan, as on its last day
    assert {len(report.overdue) for report in reports[1:]} == {len(plan) - 1}


def test_a_gap_during_the_plan_is_counted_to_the_evaluation_day() -> None:
    plan = plan_for(AccountToPlan("ACME", TIER_C, staff=["li"]))
    (gap,) = evaluate_compliance([plan], [], now=JUNE, zone=SHANGHAI).gaps
    assert (gap.until, gap.days) == (JUNE.date(), (JUNE.date() - date(2026, 1, 1)).days)


def _plans_and_records(
    inputs: PlanningInputs, data: st.DataObject
) -> tuple[tuple[VisitPlan, ...], ZoneInfo, list[PlannedVisit], set[PlannedVisit],
           list[VisitRecord]]:
    """The plans of ``inputs``, their zone and visits, some visits done and their records."""
    plans = plans_for(inputs)
    zone = ZoneInfo(inputs.calendar.timezone)
    visits = [visit for plan in plans for visit in plan.visits]
    done = data.draw(st.sets(st.sampled_from(visits)))
    records = [record_of(visit, f"R{number}") for number, visit in enumerate(done)]
    return plans, zone, visits, done, records


@given(planning_inputs(max_accounts=3), st.data())
def test_compliance_reports_each_overdue_visit_once_and_counts_only_visits_carried_out(
    inputs: PlanningInputs, data: st.DataObject
) -> None:
    plans, zone, visits, done, records = _plans_and_records(inputs, data)
    done_ids = {visit.visit_id for visit in done}
    moments = sorted(
        data.draw(st.lists(st.dates(date(inputs.year, 1, 1), date(inputs.year, 12, 31)),
                           min_size=1, max_size=4))
    )
    reported: frozenset[str] = frozenset()
    seen: set[str] = set()
    for day in moments:
        now = datetime.combine(day, time(12), tzinfo=zone)
        report = evaluate_compliance(
            plans, [record for record in records if record.visited_at <= now], now=now,
            zone=zone, reported=reported,
        )
        due = {visit.visit_id for visit in visits if visit.day < day}
        assert {visit.visit_id for visit in report.overdue} == due - done_ids
        assert (report.due, report.completed) == (len(due), len(due & done_ids))
        new = {event.visit_id for event in report.events}
        assert len(new) == len(report.events)
        assert not new & seen
        seen |= new
        reported = report.reported
    assert seen == reported


@given(planning_inputs(max_accounts=3), st.data())
def test_an_ended_plan_is_judged_as_on_its_last_day_whenever_it_is_evaluated(
    inputs: PlanningInputs, data: st.DataObject
) -> None:
    plans, zone, _, _, records = _plans_and_records(inputs, data)
    last_day = date(inputs.year, 12, 31)
    later = last_day + timedelta(days=data.draw(st.integers(1, 800)))

    def at(day: date) -> ComplianceReport:
        return evaluate_compliance(
            plans, records, now=datetime.combine(day, time(23), tzinfo=zone), zone=zone
        )

    # gaps as on the plan's last day; every visit due, as on the day after it
    assert at(later).gaps == at(last_day).gaps
    assert at(later).accounts == at(last_day + timedelta(days=1)).accounts
    for gap in at(later).gaps:
        assert gap.until == last_day
        assert gap.since < gap.interval.window_start(last_day)


def test_compliance_needs_the_zone_days_are_counted_in() -> None:
    plan = plan_for(AccountToPlan("ACME", TIER_A, staff=["li"]))
    for records in ([], [record_at(plan, 0)]):
        for zone in (None, "Asia/Shanghai"):
            with pytest.raises(InvalidInput, match=r"zone must be a tzinfo.*got"):
                evaluate_compliance([plan], records, now=JUNE, zone=zone)  # type: ignore[arg-type]


def test_a_regular_visit_done_by_the_end_of_today_counts_and_one_at_midnight_does_not() -> None:
    plan = plan_for(AccountToPlan("ACME", TIER_B, staff=["li"]))
    today = JUNE.date()
    late_tonight = attrs.evolve(
        record_at(plan, 0), visited_at=datetime.combine(today, time.max, tzinfo=SHANGHAI),
        planned_day=None,
    )
    tonight = datetime.combine(today, time.max, tzinfo=SHANGHAI)
    report = evaluate_compliance([plan], [record_at(plan, 0), late_tonight], now=tonight,
                                 zone=SHANGHAI)
    assert report.accounts[0].last_visit == today
    assert report.gaps == ()
    at_midnight = attrs.evolve(
        late_tonight, visited_at=datetime.combine(today + timedelta(days=1), time(),
                                                  tzinfo=SHANGHAI),
    )
    with pytest.raises(InvalidInput, match=r"records must not be dated after now"):
        evaluate_compliance([plan], [record_at(plan, 0), at_midnight], now=tonight,
                            zone=SHANGHAI)


@pytest.mark.parametrize(
    "now", [datetime(9999, 12, 31, 23, tzinfo=UTC), datetime(1, 1, 2, tzinfo=UTC)]
)
def test_compliance_is_evaluated_at_an_instant_within_the_years_1900_to_2199(
    now: datetime,
) -> None:
    plan = plan_for(AccountToPlan("ACME", TIER_C, staff=["li"]))
    with pytest.raises(InvalidInput, match=r"now must be an instant in the years 1900-2199"):
        evaluate_compliance([plan], [], now=now, zone=SHANGHAI)
