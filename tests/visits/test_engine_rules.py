"""Rules of re-planning (the planner's engine) found by mutation testing (issue 12, item 5).

Each test names the rule it guards; docs/explanation/testing.md lists the mutants they kill.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from keyaccount import (
    TIER_A,
    TIER_D,
    AccountToPlan,
    BusinessCalendar,
    InvalidInput,
    Period,
    Tier,
    Topic,
    VisitKind,
    VisitPlan,
    VisitPlanner,
    VisitQuota,
)
from keyaccount.policies import DailyVisitCapacity, PersonCapacity
from keyaccount.policies.presets import visit_capacity, visit_frequency
from visit_fixtures import CALENDAR, FESTIVALS, NOW, SHANGHAI, YEAR

AS_OF = date(2026, 6, 1)
REPLAN_NOW = datetime(2026, 5, 29, 9, tzinfo=SHANGHAI)


class Quota:
    """A host's policy: the same quota for every account."""

    def __init__(self, **counts: int) -> None:
        self.counts = counts

    def minimum(self, tier: Tier) -> VisitQuota:
        return VisitQuota(**self.counts)

    def quota_for(self, account_id: str, tier: Tier) -> VisitQuota:
        return self.minimum(tier)


def test_a_replan_owing_more_than_one_visit_of_a_kind_a_day_is_refused_by_name() -> None:
    account = AccountToPlan("X", TIER_D, staff=["wu"])
    plan, _ = VisitPlanner(visit_frequency(), visit_capacity()).plan(
        account, YEAR, calendar=CALENDAR, festivals=FESTIVALS, now=NOW)
    with pytest.raises(InvalidInput, match="no free working day left in 2026-01-01"):
        VisitPlanner(Quota(on_site=400), visit_capacity()).replan(
            plan, account, as_of=YEAR.start, done=(), calendar=CALENDAR, festivals=FESTIVALS,
            now=NOW)


def test_a_replan_owing_one_visit_a_day_on_a_calendar_working_every_day_is_accepted() -> None:
    every_day = BusinessCalendar(timezone="Asia/Shanghai", workdays=range(7))
    planner = VisitPlanner(Quota(on_site=365), DailyVisitCapacity(in_person=1))
    account = AccountToPlan("X", TIER_D, staff=["wu"])
    plan, _ = planner.plan(account, YEAR, calendar=every_day, now=NOW)
    replanned, _ = planner.replan(plan, account, as_of=YEAR.start, done=(),
                                  calendar=every_day, now=NOW)
    assert len(replanned) == 365


def test_a_replan_of_a_plan_without_windows_gives_each_kept_visit_its_own_day_as_window() -> None:
    days = (date(2026, 3, 2), date(2026, 7, 1))
    plan = VisitPlan("X", TIER_D, YEAR, days=days, kinds=(VisitKind.ON_SITE,) * 2,
                     visitors=(("wu",),) * 2, topics=((Topic.CUSTOMER_BASICS,),) * 2)
    replanned, _ = VisitPlanner(Quota(on_site=2), visit_capacity()).replan(
        plan, AccountToPlan("X", TIER_D, staff=["wu"]), as_of=AS_OF, done=(),
        calendar=CALENDAR, now=REPLAN_NOW)
    assert replanned.days[0] == days[0]
    assert replanned.windows[0] == Period(days[0], days[0] + timedelta(days=1))
    assert all(day in window for day, window in
               zip(replanned.days, replanned.windows, strict=True))


def test_visits_before_as_of_stay_as_they_were_whoever_is_now_away() -> None:
    # wu joined the capacity policy's books only on as_of: the visits before stay as made
    account = AccountToPlan("X", TIER_A, staff=["wu"])
    plan, _ = VisitPlanner(visit_frequency(), visit_capacity()).plan(
        account, YEAR, calendar=CALENDAR, festivals=FESTIVALS, now=NOW)
    planner = VisitPlanner(visit_frequency(), DailyVisitCapacity(
        people={"wu": PersonCapacity(first_day=AS_OF)}))
    replanned, _ = planner.replan(plan, account, as_of=AS_OF, done=(), calendar=CALENDAR,
                                  festivals=FESTIVALS, now=REPLAN_NOW)
    kept = [index for index, day in enumerate(plan.days) if day < AS_OF]
    assert kept
    assert [replanned.visit_at(index) for index in kept] == [plan.visit_at(index)
                                                            for index in kept]


def test_the_round_robin_of_a_replan_goes_on_from_the_visits_kept() -> None:
    planner = VisitPlanner(Quota(on_site=12), visit_capacity())
    account = AccountToPlan("X", TIER_D, staff=["wu", "li"])
    plan, _ = planner.plan(account, YEAR, calendar=CALENDAR, now=NOW)
    replanned, _ = planner.replan(plan, account, as_of=AS_OF, done=(), calendar=CALENDAR,
                                  now=REPLAN_NOW)
    kept = sum(1 for day in plan.days if day < AS_OF)
    assert kept == 5  # wu, li, wu, li, wu: li's turn
    assert replanned.visitors[kept:kept + 2] == (("li",), ("wu",))
