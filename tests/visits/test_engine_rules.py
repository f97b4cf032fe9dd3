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
    UnplacedReason,
    VisitKind,
    VisitPlan,
    VisitPlanner,
    VisitQuota,
)
from keyaccount.policies import DailyVisitCapacity, PersonCapacity
from keyaccount.policies.presets import visit_capacity, visit_frequency
from visit_fixtures import CALENDAR, FESTIVALS, NOW, SHANGHAI, YEAR, days_between

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


def test_a_replanned_visit_with_no_free_day_in_the_period_is_refused_naming_its_window() -> None:
    account = AccountToPlan("X", TIER_D, staff=["wu"])
    plan, _ = VisitPlanner(visit_frequency(), visit_capacity()).plan(
        account, YEAR, calendar=CALENDAR, festivals=FESTIVALS, now=NOW)
    closed = AccountToPlan("X", TIER_D, staff=["wu"],
                           blackout_dates=days_between(YEAR.start, date(2026, 12, 31)))
    with pytest.raises(InvalidInput, match=r"no room left in 2026-06-01\.\.2027-01-01 for a "
                                           r"\w+ visit of 'X' \(no_free_day; 2 visit"):
        VisitPlanner(visit_frequency(), visit_capacity()).replan(
            plan, closed, as_of=AS_OF, done=(), calendar=CALENDAR, festivals=FESTIVALS,
            now=REPLAN_NOW)


def test_a_replan_never_lays_a_visit_before_as_of_even_when_every_day_after_is_blocked() -> None:
    # the account is closed all December: December's visit, re-planned on 1 December, has no
    # free day left; the free days of November are the past and stay empty
    planner = VisitPlanner(Quota(on_site=12), visit_capacity())
    account = AccountToPlan("X", TIER_D, staff=["wu"])
    plan, _ = planner.plan(account, YEAR, calendar=CALENDAR, festivals=FESTIVALS, now=NOW)
    as_of = date(2026, 12, 1)
    closed = AccountToPlan("X", TIER_D, staff=["wu"],
                           blackout_dates=days_between(as_of, date(2026, 12, 31)))
    with pytest.raises(InvalidInput, match=r"no room left in 2026-12-01\.\.2027-01-01 for an? "
                                           r"on_site visit of 'X' \(no_free_day"):
        planner.replan(plan, closed, as_of=as_of, done=(), calendar=CALENDAR,
                       festivals=FESTIVALS, now=REPLAN_NOW)
    portfolio, _ = planner.plan_portfolio([account], YEAR, calendar=CALENDAR,
                                          festivals=FESTIVALS, now=NOW)
    replanned, _ = planner.replan_portfolio(portfolio, closed, as_of=as_of, done=(),
                                            calendar=CALENDAR, festivals=FESTIVALS,
                                            now=REPLAN_NOW)
    assert replanned.plans[0].days == tuple(day for day in plan.days if day < as_of)
    assert [(visit.kind, visit.window, visit.reason) for visit in replanned.unplaced] == [
        (VisitKind.ON_SITE, Period(as_of, date(2027, 1, 1)), UnplacedReason.NO_FREE_DAY)]


def test_a_replanned_visit_whose_slot_is_blocked_goes_after_it_its_window_grown_to_it() -> None:
    planner = VisitPlanner(Quota(on_site=12), visit_capacity())
    plan, _ = planner.plan(AccountToPlan("X", TIER_D, staff=["wu"]), YEAR, calendar=CALENDAR,
                           now=NOW)
    closed = AccountToPlan("X", TIER_D, staff=["wu"],
                           blackout_dates=days_between(AS_OF, date(2026, 6, 30)))
    replanned, _ = planner.replan(plan, closed, as_of=AS_OF, done=(), calendar=CALENDAR,
                                  now=REPLAN_NOW)
    moved = [(day, window) for day, window in zip(replanned.days, replanned.windows, strict=True)
             if window.start == AS_OF]
    # June's visit goes on the first free day after its slot (July's then on the 2nd)
    assert moved == [(date(2026, 7, 1), Period(AS_OF, date(2026, 7, 2)))]


def test_a_replanned_festival_visit_may_go_on_the_first_day_of_its_slot() -> None:
    planner = VisitPlanner(Quota(holiday=2), visit_capacity())
    as_of = date(2026, 9, 14)
    plan, _ = planner.plan(AccountToPlan("X", TIER_D, staff=["wu"]), YEAR, calendar=CALENDAR,
                           festivals=FESTIVALS, now=NOW)
    closed = AccountToPlan("X", TIER_D, staff=["wu"],
                           blackout_dates=days_between(date(2026, 9, 15), date(2026, 9, 24)))
    replanned, _ = planner.replan(plan, closed, as_of=as_of, done=(), calendar=CALENDAR,
                                  festivals=FESTIVALS, now=REPLAN_NOW)
    assert replanned.days[-1] == as_of


def test_a_festival_whose_eve_is_no_working_day_gives_its_visit_the_eve_as_window() -> None:
    # a plan made on Sunday 15 February (a holiday) for a festival on the 16th: no working
    # day is left before it, so its holiday visit is unplaced with the eve as its window,
    # never placed on Saturday the 14th (a make-up working day before the plan was made)
    planner = VisitPlanner(Quota(holiday=2), visit_capacity())
    portfolio, _ = planner.plan_portfolio(
        [AccountToPlan("X", TIER_D, staff=["wu"])], YEAR, calendar=CALENDAR,
        festivals=[date(2026, 2, 16), date(2026, 9, 25)],
        now=datetime(2026, 2, 15, 9, tzinfo=SHANGHAI))
    assert portfolio.plans[0].days == (date(2026, 9, 24),)
    assert [visit.window for visit in portfolio.unplaced] == [
        Period(date(2026, 2, 15), date(2026, 2, 16))]


def test_a_festival_visit_whose_one_day_slot_is_blocked_goes_on_the_nearest_day_before() -> None:
    # festivals on 3 and 4 January, re-planned from the period's first day: the first
    # festival's visit takes the 2nd; the second festival's slot is the 3rd alone, closed, so
    # its visit goes before it, on the 1st (never on the 4th, the second festival itself)
    every_day = BusinessCalendar(timezone="Asia/Shanghai", workdays=range(7))
    planner = VisitPlanner(Quota(holiday=2), visit_capacity())
    festivals = [date(2026, 1, 3), date(2026, 1, 4)]
    plan, _ = planner.plan(AccountToPlan("X", TIER_D, staff=["wu"]), YEAR, calendar=every_day,
                           festivals=festivals, now=NOW)
    closed = AccountToPlan("X", TIER_D, staff=["wu"], blackout_dates=[date(2026, 1, 3)])
    replanned, _ = planner.replan(plan, closed, as_of=YEAR.start, done=(), calendar=every_day,
                                  festivals=festivals, now=NOW)
    assert replanned.days == (date(2026, 1, 1), date(2026, 1, 2))
    assert replanned.kinds == (VisitKind.HOLIDAY,) * 2
