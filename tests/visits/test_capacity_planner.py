"""Issue 13: visit plans a team can carry out (capacity, windows, areas, shortfall, in advance)."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, datetime

from keyaccount import TIER_A, TIER_B, TIER_C, TIER_D, AccountToPlan, VisitLoad, VisitPlanner
from keyaccount.policies import DailyVisitCapacity, PersonCapacity
from keyaccount.policies.presets import visit_capacity, visit_frequency
from visit_fixtures import CALENDAR, FESTIVALS, NOW, SHANGHAI, YEAR

TIERS = [TIER_A] * 5 + [TIER_B] * 15 + [TIER_C] * 30 + [TIER_D] * 50
STAFF = [f"s{n:02d}" for n in range(8)]


def _accounts(size: int, seed: int = 1) -> list[AccountToPlan]:
    rng = random.Random(seed)
    return [
        AccountToPlan(f"K{n:04d}", TIERS[n % 100], staff=rng.sample(STAFF, 2),
                      area=rng.choice(["east", "west"]))
        for n in range(size)
    ]


def _loads(portfolio):  # type: ignore[no-untyped-def]
    counts: Counter[tuple[str, date, VisitLoad]] = Counter()
    for plan in portfolio.plans:
        for day, kind, visitors in zip(plan.days, plan.kinds, plan.visitors, strict=True):
            for person in visitors:
                counts[person, day, VisitLoad.of(kind)] += 1
    return counts


def test_capacity_is_never_exceeded_and_the_rest_is_reported_as_a_shortfall() -> None:
    planner = VisitPlanner(visit_frequency(), visit_capacity())
    portfolio, events = planner.plan_portfolio(
        _accounts(1200), YEAR, calendar=CALENDAR, festivals=FESTIVALS, now=NOW
    )
    loads = _loads(portfolio)
    assert max(n for (_, _, load), n in loads.items() if load is VisitLoad.IN_PERSON) <= 3
    assert max(n for (_, _, load), n in loads.items() if load is VisitLoad.PHONE) <= 20
    assert portfolio.unplaced
    assert portfolio.shortfall
    assert sum(s.visits for s in portfolio.shortfall) == sum(
        1 for u in portfolio.unplaced if u.reason.value == "no_capacity")
    assert len(events) == 1200


def test_every_placed_visit_is_inside_its_window_on_a_working_non_blackout_day() -> None:
    accounts = [*_accounts(300), AccountToPlan("ZB", TIER_A, staff=["x"],
                                               blackout_dates=[date(2026, 3, 2)])]
    portfolio, _ = VisitPlanner(visit_frequency(), visit_capacity()).plan_portfolio(
        accounts, YEAR, calendar=CALENDAR, festivals=FESTIVALS, now=NOW)
    blackout = {a.account_id: a.blackout_dates for a in accounts}
    for plan in portfolio.plans:
        for day, window in zip(plan.days, plan.windows, strict=True):
            assert day in window
            assert CALENDAR.is_working_day(day)
            assert day not in blackout[plan.account_id]


def test_a_portfolio_that_fits_is_placed_whole_and_levelled() -> None:
    planner = VisitPlanner(visit_frequency(), visit_capacity())
    portfolio, _ = planner.plan_portfolio(
        _accounts(200), YEAR, calendar=CALENDAR, festivals=FESTIVALS, now=NOW)
    assert portfolio.unplaced == ()
    assert portfolio.shortfall == ()
    assert portfolio.days_used > 100  # 0.1.0 put a portfolio on about 20 days


def test_the_plan_does_not_depend_on_the_order_of_the_accounts() -> None:
    planner = VisitPlanner(visit_frequency(), visit_capacity())
    accounts = _accounts(400)
    first, _ = planner.plan_portfolio(accounts, YEAR, calendar=CALENDAR,
                                      festivals=FESTIVALS, now=NOW)
    second, _ = planner.plan_portfolio(accounts[::-1], YEAR, calendar=CALENDAR,
                                       festivals=FESTIVALS, now=NOW)
    assert first == second


def test_a_plan_made_during_its_period_places_no_visit_before_now_and_scales_its_quotas() -> None:
    june = datetime(2026, 6, 15, 9, tzinfo=SHANGHAI)
    planner = VisitPlanner(visit_frequency(), visit_capacity())
    plan, _ = planner.plan(AccountToPlan("ACME", TIER_A, staff=["li"]), YEAR,
                           calendar=CALENDAR, festivals=FESTIVALS, now=june)
    assert min(plan.days) >= june.date()
    assert plan.count("on_site") == 7  # 12 a year scaled to 15 June .. 31 December


def test_one_persons_in_person_visits_of_a_day_stay_in_one_area_when_they_can() -> None:
    accounts = _accounts(300)
    area = {a.account_id: a.area for a in accounts}
    portfolio, _ = VisitPlanner(visit_frequency(), visit_capacity()).plan_portfolio(
        accounts, YEAR, calendar=CALENDAR, festivals=FESTIVALS, now=NOW)
    areas: dict[tuple[str, date], set[str | None]] = {}
    for plan in portfolio.plans:
        for day, kind, visitors in zip(plan.days, plan.kinds, plan.visitors, strict=True):
            if VisitLoad.of(kind) is VisitLoad.IN_PERSON:
                areas.setdefault((visitors[0], day), set()).add(area[plan.account_id])
    assert all(len(found) == 1 for found in areas.values())


def test_a_person_away_gets_no_visit_and_a_part_timer_no_more_than_their_limit() -> None:
    capacity = DailyVisitCapacity(people={
        "s00": PersonCapacity(last_day=date(2025, 12, 31)),
        "s01": PersonCapacity(in_person=1),
    })
    portfolio, _ = VisitPlanner(visit_frequency(), capacity).plan_portfolio(
        _accounts(300), YEAR, calendar=CALENDAR, festivals=FESTIVALS, now=NOW)
    loads = _loads(portfolio)
    assert not any(person == "s00" for person, _, _ in loads)
    assert all(n <= 1 for (person, _, load), n in loads.items()
               if person == "s01" and load is VisitLoad.IN_PERSON)


def test_the_general_visit_level_gets_two_on_site_visits_a_year() -> None:
    from keyaccount import ORDINARY

    assert visit_frequency().minimum(ORDINARY).on_site == 2
    assert visit_frequency().minimum(TIER_C).on_site == 0


def test_a_persons_own_limit_applies_whether_the_budget_is_named_or_a_member() -> None:
    capacity = DailyVisitCapacity(people={"li": PersonCapacity(in_person=1, phone=2)})
    day = date(2026, 3, 3)
    assert capacity.limit("li", day, "in_person") == capacity.limit("li", day,
                                                                     VisitLoad.IN_PERSON) == 1
    assert capacity.limits("li", [day], "phone") == (2,)


def test_a_handover_gives_the_leavers_visits_to_the_successor_within_capacity() -> None:
    accounts = [AccountToPlan(f"H{n:02d}", TIER_A, staff=["zhou"], area="east")
                for n in range(20)]
    accounts += [AccountToPlan(f"W{n:02d}", TIER_A, staff=["wu"], area="east")
                 for n in range(20)]
    planner = VisitPlanner(visit_frequency(), visit_capacity())
    portfolio, _ = planner.plan_portfolio(accounts, YEAR, calendar=CALENDAR,
                                          festivals=FESTIVALS, now=NOW)
    from_day = date(2026, 6, 1)
    moved, events = planner.hand_over(portfolio, accounts, departing="zhou", successor="wu",
                                      from_day=from_day, calendar=CALENDAR, now=NOW)
    loads = _loads(moved)
    assert not any(person == "zhou" and day >= from_day for person, day, _ in loads)
    assert all(n <= 3 for (person, _, load), n in loads.items()
               if person == "wu" and load is VisitLoad.IN_PERSON)
    assert events
    placed = moved.visit_count + len(moved.unplaced)
    assert placed == portfolio.visit_count + len(portfolio.unplaced)
