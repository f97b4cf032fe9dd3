"""Rules of matching records to planned visits found by mutation testing (issue 12, item 5).

Each test names the rule it guards; docs/explanation/testing.md lists the mutants they kill.
"""

from __future__ import annotations

from datetime import date, datetime, time

import attrs
import pytest

from keyaccount import (
    TIER_C,
    Period,
    Topic,
    VisitKind,
    VisitMatching,
    VisitPlan,
    VisitRecord,
    evaluate_compliance,
)
from visit_fixtures import SHANGHAI, YEAR, complete_record

CALL_DAY = date(2026, 3, 2)
JUNE_END = datetime(2026, 6, 30, 18, tzinfo=SHANGHAI)


def _call_plan() -> VisitPlan:
    """A plan made by hand (no windows): one phone return visit on 2 March."""
    return VisitPlan("ACME", TIER_C, YEAR, days=(CALL_DAY,), kinds=(VisitKind.PHONE_RETURN,),
                     visitors=(("li",),), topics=((Topic.CUSTOMER_BASICS,),))


@pytest.mark.parametrize("planned_day", [CALL_DAY, None])
def test_an_in_person_record_on_the_day_of_a_planned_call_carries_it_out(
    planned_day: date | None,
) -> None:
    record = attrs.evolve(complete_record(), planned_day=planned_day,
                          visited_at=datetime.combine(CALL_DAY, time(10), tzinfo=SHANGHAI))
    report = evaluate_compliance([_call_plan()], [record], now=JUNE_END, zone=SHANGHAI)
    assert report.overdue == ()


MARCH = Period(date(2026, 3, 1), date(2026, 4, 1))


def _plan(*visits: tuple[date, VisitKind], window: Period = MARCH) -> VisitPlan:
    return VisitPlan("ACME", TIER_C, YEAR, days=tuple(day for day, _ in visits),
                     kinds=tuple(kind for _, kind in visits), visitors=(("li",),) * len(visits),
                     topics=((Topic.CUSTOMER_BASICS,),) * len(visits),
                     windows=(window,) * len(visits))


def _record(kind: VisitKind, day: date, planned_day: date | None = None) -> VisitRecord:
    return attrs.evolve(complete_record(), kind=kind, planned_day=planned_day,
                        visited_at=datetime.combine(day, time(10), tzinfo=SHANGHAI))


def _overdue(plan: VisitPlan, record: VisitRecord) -> list[tuple[date, VisitKind]]:
    report = evaluate_compliance([plan], [record], now=JUNE_END, zone=SHANGHAI)
    return [(visit.planned_day, visit.kind) for visit in report.overdue]


@pytest.mark.parametrize("planned_day", [date(2026, 3, 5), None])
def test_a_record_carries_out_the_visit_of_its_own_kind_first_on_a_day_of_two(
    planned_day: date | None,
) -> None:
    day = date(2026, 3, 5)
    plan = _plan((day, VisitKind.PHONE_RETURN), (day, VisitKind.HOLIDAY))
    assert _overdue(plan, _record(VisitKind.HOLIDAY, day, planned_day)) == [
        (day, VisitKind.PHONE_RETURN)]


def test_a_record_without_planned_day_carries_out_the_nearest_visit_whose_window_holds_it() -> None:
    plan = _plan((date(2026, 3, 5), VisitKind.PHONE_RETURN), (date(2026, 3, 20), VisitKind.ON_SITE))
    assert _overdue(plan, _record(VisitKind.ON_SITE, date(2026, 3, 6))) == [
        (date(2026, 3, 20), VisitKind.ON_SITE)]


def test_a_record_on_the_day_a_window_ends_is_outside_it() -> None:
    plan = _plan((date(2026, 3, 2), VisitKind.ON_SITE),
                 window=Period(date(2026, 3, 2), date(2026, 3, 3)))
    assert _overdue(plan, _record(VisitKind.ON_SITE, date(2026, 3, 3))) == [
        (date(2026, 3, 2), VisitKind.ON_SITE)]


def test_overdue_is_counted_in_working_days_unless_the_settings_say_days() -> None:
    assert VisitMatching.from_mapping({}).working_days is True
    assert VisitMatching.from_mapping({"overdue_in": "working_days"}).working_days is True
    assert VisitMatching.from_mapping({"overdue_in": "days"}).working_days is False


def test_a_record_carries_out_its_own_kind_first_also_in_a_plan_without_windows() -> None:
    day = date(2026, 3, 5)
    plan = VisitPlan("ACME", TIER_C, YEAR, days=(day, day),
                     kinds=(VisitKind.PHONE_RETURN, VisitKind.HOLIDAY),
                     visitors=(("li",),) * 2, topics=((Topic.CUSTOMER_BASICS,),) * 2)
    assert _overdue(plan, _record(VisitKind.HOLIDAY, day)) == [(day, VisitKind.PHONE_RETURN)]


def test_a_record_satisfying_two_other_kinds_on_a_day_carries_out_the_first_in_kind_order() -> None:
    day = date(2026, 3, 5)
    plan = _plan((day, VisitKind.PHONE_RETURN), (day, VisitKind.EVENT))
    matching = VisitMatching(satisfies={"on_site": ["phone_return", "event"]})
    report = evaluate_compliance([plan], [_record(VisitKind.ON_SITE, day)], now=JUNE_END,
                                 zone=SHANGHAI, matching=matching)
    assert [(visit.planned_day, visit.kind) for visit in report.overdue] == [
        (day, VisitKind.EVENT)]
