"""Rules of fitting re-planned visits into the team's capacity, found by mutation testing.

Issue 12, item 5; each test names the rule it guards (docs/explanation/testing.md lists the
mutants they kill).
"""

from __future__ import annotations

from datetime import date, datetime

from keyaccount import (
    TIER_A,
    TIER_D,
    AccountToPlan,
    Period,
    PortfolioPlan,
    Tier,
    Topic,
    UnplacedReason,
    VisitKind,
    VisitPlan,
    VisitPlanner,
    VisitQuota,
)
from keyaccount.policies import DailyVisitCapacity, PersonCapacity
from visit_fixtures import CALENDAR, FESTIVALS, NOW, SHANGHAI, YEAR, days_between

X = AccountToPlan("X", TIER_D, staff=["wu"])


class EventForTierA:
    """A host's policy: 12 on-site visits a year, and one event more for a tier A account."""

    def minimum(self, tier: Tier) -> VisitQuota:
        return VisitQuota(on_site=12, event=1 if tier == TIER_A else 0)

    def quota_for(self, account_id: str, tier: Tier) -> VisitQuota:
        return self.minimum(tier)


def _june(plan_days: tuple[date, ...], kinds: tuple[VisitKind, ...]) -> list[tuple[date, str]]:
    return [(day, kind.value) for day, kind in zip(plan_days, kinds, strict=True)
            if day.month == 6]


def test_a_kept_visit_of_the_replanned_account_counts_against_its_persons_capacity() -> None:
    # the June on-site visit is done on 1 June and kept; the new tier's event, laid out on
    # 1 June too, finds wu's one in-person visit of the day taken and moves to 2 June
    planner = VisitPlanner(EventForTierA(), DailyVisitCapacity(in_person=1))
    portfolio, _ = planner.plan_portfolio([X], YEAR, calendar=CALENDAR, festivals=FESTIVALS,
                                          now=NOW)
    first = date(2026, 6, 1)
    assert first in portfolio.plans[0].days
    replanned, _ = planner.replan_portfolio(
        portfolio, AccountToPlan("X", TIER_A, staff=["wu"]), as_of=first,
        done=[(first, VisitKind.ON_SITE)], calendar=CALENDAR, festivals=FESTIVALS,
        now=datetime(2026, 5, 29, 9, tzinfo=SHANGHAI))
    plan = replanned.plans[0]
    assert _june(plan.days, plan.kinds)[:2] == [(first, "on_site"), (date(2026, 6, 2), "event")]


def test_replanning_keeps_other_accounts_unplaced_visits_and_its_own_whose_window_is_over() -> None:
    # wu is away all May (X's May visit is unplaced, its window ends on as_of); li has no
    # in-person capacity (all of Y's visits are unplaced)
    capacity = DailyVisitCapacity(people={
        "wu": PersonCapacity(days_off=days_between(date(2026, 5, 1), date(2026, 5, 31))),
        "li": PersonCapacity(in_person=0)})
    planner = VisitPlanner(EventForTierA(), capacity)
    portfolio, _ = planner.plan_portfolio(
        [X, AccountToPlan("Y", TIER_D, staff=["li"])], YEAR, calendar=CALENDAR,
        festivals=FESTIVALS, now=NOW)
    replanned, _ = planner.replan_portfolio(
        portfolio, AccountToPlan("X", TIER_A, staff=["wu"]), as_of=date(2026, 6, 1), done=(),
        calendar=CALENDAR, festivals=FESTIVALS, now=datetime(2026, 5, 29, 9, tzinfo=SHANGHAI))
    assert [visit for visit in replanned.unplaced if visit.account_id == "Y"] == [
        visit for visit in portfolio.unplaced if visit.account_id == "Y"]
    assert len([visit for visit in replanned.unplaced if visit.account_id == "Y"]) == 12
    assert [visit.window.start for visit in replanned.unplaced if visit.account_id == "X"] == [
        date(2026, 5, 1)]


def test_a_replanned_visit_without_room_lacks_capacity_when_its_window_has_a_free_day() -> None:
    # wu is away on the one day from 1 June to 12 July the account is open: the visit is
    # unplaced for lack of capacity, whether that day is as_of itself or later in the window
    june = days_between(date(2026, 6, 1), date(2026, 6, 30))
    closed = days_between(date(2026, 6, 1), date(2026, 7, 12))
    open_day = date(2026, 6, 15)
    planner = VisitPlanner(EventForTierA(), DailyVisitCapacity(
        people={"wu": PersonCapacity(days_off=[open_day])}))
    blackout = [day for day in closed if day != open_day]
    for as_of, planned_from in [(date(2026, 6, 1), X),
                                (open_day, AccountToPlan("X", TIER_D, staff=["wu"],
                                                         blackout_dates=june[:14]))]:
        portfolio, _ = planner.plan_portfolio([planned_from], YEAR, calendar=CALENDAR,
                                              festivals=FESTIVALS, now=NOW)
        replanned, _ = planner.replan_portfolio(
            portfolio, AccountToPlan("X", TIER_D, staff=["wu"], blackout_dates=blackout),
            as_of=as_of, done=(), calendar=CALENDAR, festivals=FESTIVALS,
            now=datetime(2026, 5, 29, 9, tzinfo=SHANGHAI))
        assert [(visit.window.start.month, visit.reason) for visit in replanned.unplaced] == [
            (6, UnplacedReason.NO_CAPACITY)], as_of


def test_a_replanned_visit_without_a_free_day_left_in_its_window_has_no_free_day() -> None:
    # the account is closed all December and wu away all November: December's visit, laid
    # out in November, finds no room and no free day from as_of on
    planner = VisitPlanner(EventForTierA(), DailyVisitCapacity(people={
        "wu": PersonCapacity(days_off=days_between(date(2026, 11, 1), date(2026, 11, 30)))}))
    portfolio, _ = planner.plan_portfolio([X], YEAR, calendar=CALENDAR, festivals=FESTIVALS,
                                          now=NOW)
    replanned, _ = planner.replan_portfolio(
        portfolio, AccountToPlan("X", TIER_D, staff=["wu"],
                                 blackout_dates=days_between(date(2026, 12, 1),
                                                             date(2026, 12, 31))),
        as_of=date(2026, 12, 1), done=(), calendar=CALENDAR, festivals=FESTIVALS,
        now=datetime(2026, 11, 30, 9, tzinfo=SHANGHAI))
    assert [(visit.window.start, visit.reason) for visit in replanned.unplaced] == [
        (date(2026, 11, 1), UnplacedReason.NO_CAPACITY),
        (date(2026, 11, 30), UnplacedReason.NO_FREE_DAY)]


def test_a_visit_moved_in_a_replan_never_joins_a_kept_visit_of_its_kind_on_one_day() -> None:
    # 24 on-site visits a year from June: the one of 1 June is done and kept; the next one,
    # from 1 to 16 June, finds wu full (two in person a day) from 2 June on, and 1 June
    # already holds an on-site visit of the account: it is unplaced, not doubled up
    class TwiceAMonthForTierA:
        def minimum(self, tier: Tier) -> VisitQuota:
            return VisitQuota(on_site=24 if tier == TIER_A else 12)

        def quota_for(self, account_id: str, tier: Tier) -> VisitQuota:
            return self.minimum(tier)

    planner = VisitPlanner(TwiceAMonthForTierA(), DailyVisitCapacity(in_person=2))
    portfolio, _ = planner.plan_portfolio([X], YEAR, calendar=CALENDAR, festivals=FESTIVALS,
                                          now=NOW)
    first = date(2026, 6, 1)
    busy_days = [day for day in days_between(date(2026, 6, 2), date(2026, 6, 30))
                 if CALENDAR.is_working_day(day)]
    days = tuple(day for day in busy_days for _ in range(2))
    busy = VisitPlan("BUSY", TIER_A, YEAR, days=days,
                     kinds=(VisitKind.ON_SITE, VisitKind.EVENT) * len(busy_days),
                     visitors=(("wu",),) * len(days),
                     topics=((Topic.CUSTOMER_BASICS,),) * len(days))
    replanned, _ = planner.replan_portfolio(
        PortfolioPlan((busy, portfolio.plans[0])), AccountToPlan("X", TIER_A, staff=["wu"]),
        as_of=first, done=[(first, VisitKind.ON_SITE)], calendar=CALENDAR,
        festivals=FESTIVALS, now=datetime(2026, 5, 29, 9, tzinfo=SHANGHAI))
    plan = replanned.plans[1]
    assert _june(plan.days, plan.kinds) == [(first, "on_site")]
    assert [(visit.window, visit.reason) for visit in replanned.unplaced] == [
        (Period(first, date(2026, 6, 17)), UnplacedReason.NO_CAPACITY)]
