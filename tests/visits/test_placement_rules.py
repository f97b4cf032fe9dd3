"""Rules of the capacity-aware placement found by mutation testing (issue 12, item 5).

Each test names the rule it guards; docs/explanation/testing.md lists the mutants they kill.
"""

from __future__ import annotations

import random
from datetime import date, datetime

import pytest

from keyaccount import (
    TIER_A,
    TIER_B,
    TIER_C,
    TIER_D,
    AccountToPlan,
    InvalidInput,
    Period,
    Tier,
    UnplacedReason,
    VisitKind,
    VisitLoad,
    VisitPlanner,
    VisitQuota,
)
from keyaccount.policies import DailyVisitCapacity, PersonCapacity
from keyaccount.policies.presets import visit_capacity, visit_frequency
from visit_fixtures import CALENDAR, FESTIVALS, NOW, SHANGHAI, YEAR, days_between

MARCH = Period.months(date(2026, 3, 1), 1)


class NewQuotaEachTime:
    """A host's policy that builds a new (equal) quota object for every account it is asked."""

    def __init__(self, **counts: int) -> None:
        self.counts = counts

    def minimum(self, tier: Tier) -> VisitQuota:
        return VisitQuota(**self.counts)

    def quota_for(self, account_id: str, tier: Tier) -> VisitQuota:
        return VisitQuota(**self.counts)


def test_a_visit_nobody_has_room_for_is_reported_with_the_window_it_had_to_be_placed_in() -> None:
    capacity = DailyVisitCapacity(people={"li": PersonCapacity(in_person=0)})
    portfolio, _ = VisitPlanner(visit_frequency(), capacity).plan_portfolio(
        [AccountToPlan("A", TIER_A, staff=["li"])], YEAR, calendar=CALENDAR,
        festivals=FESTIVALS, now=NOW)
    assert portfolio.plans[0].days == ()
    assert {visit.reason for visit in portfolio.unplaced} == {UnplacedReason.NO_CAPACITY}
    on_site = [visit.window for visit in portfolio.unplaced if visit.kind is VisitKind.ON_SITE]
    assert on_site == [Period.months(date(2026, month, 1), 1) for month in range(1, 13)]
    festival = [visit.window for visit in portfolio.unplaced if visit.kind is VisitKind.HOLIDAY]
    assert festival == [Period(date(2026, 2, 3), date(2026, 2, 17)),
                        Period(date(2026, 9, 14), date(2026, 9, 25))]
    assert [visit.window for visit in portfolio.unplaced
            if visit.kind is VisitKind.EVENT] == [YEAR]


def test_a_placed_visit_carries_the_window_it_was_placed_in() -> None:
    portfolio, _ = VisitPlanner(visit_frequency(), visit_capacity()).plan_portfolio(
        [AccountToPlan("A", TIER_A, staff=["li"])], YEAR, calendar=CALENDAR,
        festivals=FESTIVALS, now=NOW)
    plan = portfolio.plans[0]
    on_site = [window for kind, window in zip(plan.kinds, plan.windows, strict=True)
               if kind is VisitKind.ON_SITE]
    assert on_site == [Period.months(date(2026, month, 1), 1) for month in range(1, 13)]


def test_a_quota_of_more_than_one_visit_a_day_is_refused_also_during_the_period() -> None:
    planner = VisitPlanner(NewQuotaEachTime(on_site=400), visit_capacity())
    june = datetime(2026, 6, 15, 9, tzinfo=SHANGHAI)
    with pytest.raises(InvalidInput, match="no free working day left in 2026-06-15"):
        planner.plan_portfolio([AccountToPlan("A", TIER_A, staff=["li"])], YEAR,
                               calendar=CALENDAR, festivals=FESTIVALS, now=june)


def test_a_festival_on_the_day_the_plan_is_made_owes_no_visit_any_more() -> None:
    planner = VisitPlanner(NewQuotaEachTime(holiday=2), visit_capacity())
    now = datetime(2026, 3, 4, 9, tzinfo=SHANGHAI)
    portfolio, _ = planner.plan_portfolio(
        [AccountToPlan("A", TIER_A, staff=["li"])], YEAR, calendar=CALENDAR,
        festivals=[date(2026, 3, 4), date(2026, 9, 25)], now=now)
    assert portfolio.plans[0].days == (date(2026, 9, 24),)
    assert portfolio.unplaced == ()


def test_the_tightest_window_is_placed_first() -> None:
    # the holiday window (to 3 March) and March's on-site window both want 2 March; one
    # in-person visit a day: the tighter holiday window gets it, the on-site visit moves on
    planner = VisitPlanner(NewQuotaEachTime(on_site=12, holiday=2),
                           DailyVisitCapacity(in_person=1))
    portfolio, _ = planner.plan_portfolio(
        [AccountToPlan("A", TIER_A, staff=["li"])], YEAR, calendar=CALENDAR,
        festivals=[date(2026, 3, 3), date(2026, 9, 25)], now=NOW)
    plan = portfolio.plans[0]
    march = [(day, kind) for day, kind in zip(plan.days, plan.kinds, strict=True)
             if date(2026, 3, 1) <= day <= date(2026, 3, 3)]
    assert march == [(date(2026, 3, 2), VisitKind.HOLIDAY), (date(2026, 3, 3), VisitKind.ON_SITE)]


def test_a_persons_in_person_visits_of_a_day_go_to_the_day_already_in_their_area() -> None:
    # three accounts free only on 10 and 11 March: A (east) takes the 10th, B (west) the
    # 11th; C (west) joins B on the 11th, though both days hold one visit
    free = {date(2026, 3, 10), date(2026, 3, 11)}
    blackout = [day for day in days_between(date(2026, 3, 1), date(2026, 3, 31))
                if day not in free]
    accounts = [AccountToPlan(name, TIER_A, staff=["li"], area=area, blackout_dates=blackout)
                for name, area in [("A", "east"), ("B", "west"), ("C", "west")]]
    planner = VisitPlanner(NewQuotaEachTime(on_site=12), DailyVisitCapacity(in_person=3))
    portfolio, _ = planner.plan_portfolio(accounts, MARCH, calendar=CALENDAR, festivals=(),
                                          now=NOW)
    assert [plan.days for plan in portfolio.plans] == [
        (date(2026, 3, 10),), (date(2026, 3, 11),), (date(2026, 3, 11),)]


def test_an_account_gets_at_most_one_festival_visit_of_a_kind_a_day() -> None:
    # festivals on 4 and 6 March, the account closed from 1 February to 5 March but for
    # 3 March: both holiday windows hold only 3 March, which takes one visit; the other is
    # reported unplaced
    blackout = [day for day in days_between(date(2026, 2, 1), date(2026, 3, 5))
                if day != date(2026, 3, 3)]
    account = AccountToPlan("A", TIER_A, staff=["li"], blackout_dates=blackout)
    portfolio, _ = VisitPlanner(NewQuotaEachTime(holiday=2), visit_capacity()).plan_portfolio(
        [account], YEAR, calendar=CALENDAR, festivals=[date(2026, 3, 4), date(2026, 3, 6)],
        now=NOW)
    assert portfolio.plans[0].days == (date(2026, 3, 3),)
    assert [visit.kind for visit in portfolio.unplaced] == [VisitKind.HOLIDAY]


def test_a_policy_handing_out_a_new_equal_quota_for_each_account_plans_them_alike() -> None:
    accounts = [AccountToPlan(f"K{n}", TIER_A, staff=["li"]) for n in range(3)]
    own, _ = VisitPlanner(NewQuotaEachTime(on_site=12, holiday=2, event=1),
                          visit_capacity()).plan_portfolio(
        accounts, YEAR, calendar=CALENDAR, festivals=FESTIVALS, now=NOW)
    shared, _ = VisitPlanner(visit_frequency(), visit_capacity()).plan_portfolio(
        accounts, YEAR, calendar=CALENDAR, festivals=FESTIVALS, now=NOW)
    assert visit_frequency().quota_for("K0", TIER_A) == VisitQuota(on_site=12, holiday=2,
                                                                    event=1)
    assert own == shared


def test_a_visit_goes_to_the_accounts_next_person_when_the_first_has_no_free_day() -> None:
    capacity = DailyVisitCapacity(people={"li": PersonCapacity(last_day=date(2025, 12, 31))})
    portfolio, _ = VisitPlanner(visit_frequency(), capacity).plan_portfolio(
        [AccountToPlan("A", TIER_A, staff=["li", "wang"])], YEAR, calendar=CALENDAR,
        festivals=FESTIVALS, now=NOW)
    assert portfolio.unplaced == ()
    assert set(portfolio.plans[0].visitors) == {("wang",)}
    assert len(portfolio.plans[0]) == 12 + 2 + 1


def test_a_window_wholly_on_blackout_dates_leaves_its_visit_without_a_free_day() -> None:
    blackout = days_between(date(2026, 3, 1), date(2026, 3, 31))
    portfolio, _ = VisitPlanner(NewQuotaEachTime(on_site=12), visit_capacity()).plan_portfolio(
        [AccountToPlan("A", TIER_A, staff=["li"], blackout_dates=blackout)], YEAR,
        calendar=CALENDAR, festivals=FESTIVALS, now=NOW)
    assert [(visit.window, visit.reason) for visit in portfolio.unplaced] == [
        (MARCH, UnplacedReason.NO_FREE_DAY)]
    assert portfolio.shortfall == ()


def test_a_person_takes_visits_on_one_day_up_to_their_limit() -> None:
    blackout = [day for day in days_between(date(2026, 3, 1), date(2026, 3, 31))
                if day != date(2026, 3, 10)]
    accounts = [AccountToPlan(f"K{n}", TIER_A, staff=["li"], blackout_dates=blackout)
                for n in range(4)]
    planner = VisitPlanner(NewQuotaEachTime(on_site=12), DailyVisitCapacity(in_person=3))
    portfolio, _ = planner.plan_portfolio(accounts, MARCH, calendar=CALENDAR, festivals=(),
                                          now=NOW)
    assert [plan.days for plan in portfolio.plans] == [(date(2026, 3, 10),)] * 3 + [()]
    assert [(visit.account_id, visit.reason) for visit in portfolio.unplaced] == [
        ("K3", UnplacedReason.NO_CAPACITY)]


def test_festival_visits_of_an_account_stay_on_distinct_days_however_many_festivals() -> None:
    # three festivals whose holiday windows hold only 2 and 3 March off the blackout dates:
    # two visits fit, the third is unplaced rather than doubled up on a day
    blackout = [day for day in days_between(date(2026, 2, 1), date(2026, 3, 8))
                if day not in (date(2026, 3, 2), date(2026, 3, 3))]
    account = AccountToPlan("A", TIER_A, staff=["li"], blackout_dates=blackout)
    portfolio, _ = VisitPlanner(NewQuotaEachTime(holiday=3), visit_capacity()).plan_portfolio(
        [account], YEAR, calendar=CALENDAR,
        festivals=[date(2026, 3, 4), date(2026, 3, 6), date(2026, 3, 9)], now=NOW)
    assert portfolio.plans[0].days == (date(2026, 3, 2), date(2026, 3, 3))
    assert [visit.kind for visit in portfolio.unplaced] == [VisitKind.HOLIDAY]


def test_one_persons_in_person_visits_of_a_day_stay_in_one_area_among_three_areas() -> None:
    # 150 accounts in three areas sharing three people, one or two each: a person's heap of
    # free days is kept per area, so no person-day mixes areas while another day is free
    tiers = [TIER_A] * 5 + [TIER_B] * 15 + [TIER_C] * 30 + [TIER_D] * 50
    rng = random.Random(2)
    accounts = [AccountToPlan(f"K{n:04d}", tiers[rng.randrange(100)],
                              staff=rng.sample(["a", "b", "c"], rng.choice([1, 2])),
                              area=rng.choice(["e", "w", "n"]))
                for n in range(150)]
    area = {account.account_id: account.area for account in accounts}
    portfolio, _ = VisitPlanner(visit_frequency(), visit_capacity()).plan_portfolio(
        accounts, YEAR, calendar=CALENDAR, festivals=FESTIVALS, now=NOW)
    assert portfolio.unplaced == ()
    areas: dict[tuple[str, date], set[str | None]] = {}
    for plan in portfolio.plans:
        for day, kind, visitors in zip(plan.days, plan.kinds, plan.visitors, strict=True):
            if VisitLoad.of(kind) is VisitLoad.IN_PERSON:
                areas.setdefault((visitors[0], day), set()).add(area[plan.account_id])
    assert all(len(found) == 1 for found in areas.values())
