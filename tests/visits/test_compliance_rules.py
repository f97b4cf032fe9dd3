"""Rules of visit compliance found by mutation testing (issue 12, item 5).

Each test names the rule it guards; docs/explanation/testing.md lists the mutants they kill.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import attrs

from keyaccount import (
    TIER_C,
    AccountCompliance,
    AccountToPlan,
    Period,
    Topic,
    VisitInterval,
    VisitKind,
    VisitPlan,
    VisitRecord,
    evaluate_compliance,
)
from visit_fixtures import CALENDAR, SHANGHAI, YEAR, complete_record, plan_for


def _one_call(day: date) -> VisitPlan:
    return VisitPlan("ACME", TIER_C, YEAR, days=(day,), kinds=(VisitKind.PHONE_RETURN,),
                     visitors=(("li",),), topics=((Topic.CUSTOMER_BASICS,),),
                     interval=VisitInterval(months=3),
                     windows=(Period(day, day + timedelta(days=1)),))


def test_overdue_working_days_are_those_after_the_planned_day_up_to_today() -> None:
    # planned on Wednesday 30 September; Monday 12 October: 8, 9, 10 (a make-up Saturday)
    # and 12 October are working days after it (1-7 October are holidays, the 11th Sunday)
    report = evaluate_compliance([_one_call(date(2026, 9, 30))], [],
                                 now=datetime(2026, 10, 12, 12, tzinfo=SHANGHAI),
                                 zone=SHANGHAI, calendar=CALENDAR)
    assert report.overdue[0].days_overdue == 4


def test_the_last_visit_is_the_day_of_the_record_in_the_zone_evaluated() -> None:
    # 01:00 in Shanghai on 2 March is still 1 March in UTC
    record = attrs.evolve(complete_record(account_id="ACME"), planned_day=None,
                          visited_at=datetime(2026, 3, 2, 1, tzinfo=SHANGHAI))
    report = evaluate_compliance([_one_call(date(2026, 9, 30))], [record],
                                 now=datetime(2026, 6, 30, 12, tzinfo=SHANGHAI), zone=SHANGHAI)
    assert report.accounts[0].last_visit == date(2026, 3, 2)


def test_the_report_names_its_evaluation_day_and_each_account_and_gap() -> None:
    report = evaluate_compliance([_one_call(date(2026, 9, 30))], [],
                                 now=datetime(2026, 6, 30, 12, tzinfo=SHANGHAI), zone=SHANGHAI)
    assert report.today == date(2026, 6, 30)
    assert [account.account_id for account in report.accounts] == ["ACME"]
    assert [gap.account_id for gap in report.gaps] == ["ACME"]


def test_an_account_whose_visits_are_all_due_has_no_next_visit() -> None:
    report = evaluate_compliance([_one_call(date(2026, 3, 2))], [],
                                 now=datetime(2026, 6, 30, 12, tzinfo=SHANGHAI), zone=SHANGHAI)
    assert report.accounts[0].next_index is None
    assert report.accounts[0].next_due is None


def test_an_account_compliance_with_every_visit_of_its_plan_due_is_accepted() -> None:
    plan = _one_call(date(2026, 3, 2))
    compliance = AccountCompliance("ACME", due=1, completed=0, overdue=1, last_visit=None,
                                   plan=plan)
    assert compliance.due == len(plan)


def test_plans_and_records_of_a_hosts_own_subclasses_are_evaluated() -> None:
    class HostPlan(VisitPlan):
        pass

    class HostRecord(VisitRecord):
        pass

    plan = plan_for(AccountToPlan("ACME", TIER_C, staff=["li"]))
    own = HostPlan(**{field.name: getattr(plan, field.name)
                      for field in attrs.fields(VisitPlan)})
    record = complete_record(account_id="ACME", kind=VisitKind.PHONE_RETURN, place=None,
                             visited_at=datetime.combine(plan.days[0], time(10),
                                                         tzinfo=SHANGHAI))
    own_record = HostRecord(**{field.name: getattr(record, field.name)
                               for field in attrs.fields(VisitRecord)})
    now = datetime(2026, 6, 30, 12, tzinfo=SHANGHAI)
    assert evaluate_compliance([own], [own_record], now=now, zone=SHANGHAI) == \
        evaluate_compliance([plan], [record], now=now, zone=SHANGHAI)
