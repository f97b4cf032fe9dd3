"""Issue 13: compliance matches what was done (windows, kinds that satisfy, working days)."""

from __future__ import annotations

from datetime import date, datetime, time

import attrs
import pytest

from keyaccount import (
    TIER_C,
    AccountToPlan,
    Period,
    PolicyConfigError,
    Topic,
    VisitInterval,
    VisitKind,
    VisitMatching,
    VisitPlan,
    evaluate_compliance,
)
from visit_fixtures import CALENDAR, SHANGHAI, YEAR, plan_for, record_at

JUNE_END = datetime(2026, 6, 30, 18, tzinfo=SHANGHAI)


def _call_plan() -> VisitPlan:
    return plan_for(AccountToPlan("JINQIAO", TIER_C, staff=["chen"]))


def test_a_record_on_another_day_of_the_window_carries_out_the_visit_without_planned_day() -> None:
    plan = _call_plan()
    first = plan.kinds.index(VisitKind.PHONE_RETURN)
    window = plan.windows[first]
    other_day = next(day for day in (window.start, window.end) if day != plan.days[first])
    other_day = min(other_day, date(2026, 3, 31))
    record = attrs.evolve(record_at(plan, first), planned_day=None,
                          visited_at=datetime.combine(other_day, time(10), tzinfo=SHANGHAI))
    report = evaluate_compliance([plan], [record], now=JUNE_END, zone=SHANGHAI)
    assert all(visit.planned_day != plan.days[first] for visit in report.overdue)


def test_an_in_person_visit_satisfies_a_planned_call_and_a_call_never_an_in_person_visit() -> None:
    plan = _call_plan()
    first = plan.kinds.index(VisitKind.PHONE_RETURN)
    on_site = attrs.evolve(record_at(plan, first), kind=VisitKind.ON_SITE, place="plant",
                           planned_day=None)
    report = evaluate_compliance([plan], [on_site], now=JUNE_END, zone=SHANGHAI)
    assert all(visit.planned_day != plan.days[first] for visit in report.overdue)
    matching = VisitMatching()
    assert VisitKind.ON_SITE not in matching.satisfied_by(VisitKind.PHONE_RETURN)
    assert VisitKind.PHONE_RETURN in matching.satisfied_by(VisitKind.HOLIDAY)


def test_overdue_is_counted_in_working_days_of_the_calendar_given() -> None:
    eve = date(2026, 9, 30)
    plan = VisitPlan("JINQIAO", TIER_C, YEAR, days=(eve,), kinds=("phone_return",),
                     visitors=(("chen",),), topics=((Topic.CUSTOMER_BASICS,),),
                     interval=VisitInterval(months=3), windows=(Period(eve, date(2026, 10, 1)),))
    ninth = datetime(2026, 10, 9, 12, tzinfo=SHANGHAI)
    working = evaluate_compliance([plan], [], now=ninth, zone=SHANGHAI, calendar=CALENDAR)
    calendar_days = evaluate_compliance([plan], [], now=ninth, zone=SHANGHAI, calendar=CALENDAR,
                                        matching=VisitMatching(working_days=False))
    assert working.overdue[0].days_overdue == 2  # 8 and 9 October (1-7 are holidays)
    assert calendar_days.overdue[0].days_overdue == 9


def test_the_matching_settings_are_read_and_a_typo_is_refused() -> None:
    matching = VisitMatching.from_mapping({"satisfies": {"phone_return": ["on_site"]},
                                           "overdue_in": "days"})
    assert VisitKind.ON_SITE in matching.satisfied_by("phone_return")
    assert not matching.working_days
    with pytest.raises(PolicyConfigError, match="overdue_in"):
        VisitMatching.from_mapping({"overdue_in": "weeks"})
    with pytest.raises(PolicyConfigError, match="unknown key"):
        VisitMatching.from_mapping({"satisfy": {}})
