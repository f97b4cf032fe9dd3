"""Issue 13 item 5: re-planning and handing over respect capacity, areas and availability."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from keyaccount import (
    TIER_A,
    TIER_D,
    AccountToPlan,
    InvalidInput,
    Period,
    PortfolioPlan,
    Topic,
    VisitKind,
    VisitLoad,
    VisitPlan,
    VisitPlanner,
)
from keyaccount.policies import DailyVisitCapacity, PersonCapacity
from keyaccount.policies.presets import visit_capacity, visit_frequency
from keyaccount.testing import PlanningInputs, planning_inputs
from visit_fixtures import CALENDAR, FESTIVALS, NOW, SHANGHAI, YEAR, days_between
from visits.test_capacity_properties import capacities

AS_OF = date(2026, 6, 1)
JUNE_WORKING = [day for day in days_between(date(2026, 6, 1), date(2026, 6, 30))
                if CALENDAR.is_working_day(day)]
REPLAN_NOW = datetime(2026, 5, 29, 9, tzinfo=SHANGHAI)
X = AccountToPlan("X", TIER_D, staff=["wu"], area="east")


def _busy(days: list[date]) -> VisitPlan:
    """Another account's plan: wu goes on site on each of ``days``."""
    return VisitPlan("BUSY", TIER_A, YEAR, days=tuple(days),
                     kinds=(VisitKind.ON_SITE,) * len(days), visitors=(("wu",),) * len(days),
                     topics=((Topic.CUSTOMER_BASICS,),) * len(days))


def _portfolio(planner: VisitPlanner, busy_days: list[date]) -> PortfolioPlan:
    x_plan, _ = planner.plan(X, YEAR, calendar=CALENDAR, festivals=FESTIVALS, now=NOW)
    return PortfolioPlan((_busy(busy_days), x_plan))


def _regrade(planner: VisitPlanner, portfolio: PortfolioPlan, **extra: object):  # type: ignore[no-untyped-def]
    return planner.replan_portfolio(
        portfolio, AccountToPlan("X", TIER_A, staff=["wu"], area="east"), as_of=AS_OF, done=(),
        calendar=CALENDAR, festivals=FESTIVALS, now=REPLAN_NOW, **extra)


def _june_on_site(portfolio: PortfolioPlan) -> list[date]:
    plan = portfolio.plans[1]
    return [day for day, kind in zip(plan.days, plan.kinds, strict=True)
            if kind is VisitKind.ON_SITE and day.month == 6]


def _in_person(portfolio: PortfolioPlan) -> Counter[tuple[str, date]]:
    counts: Counter[tuple[str, date]] = Counter()
    for plan in portfolio.plans:
        for day, kind, visitors in zip(plan.days, plan.kinds, plan.visitors, strict=True):
            if VisitLoad.of(kind) is VisitLoad.IN_PERSON:
                for person in visitors:
                    counts[person, day] += 1
    return counts


def test_a_replanned_visit_keeps_its_day_when_its_person_has_room() -> None:
    planner = VisitPlanner(visit_frequency(), visit_capacity())
    portfolio = _portfolio(planner, [JUNE_WORKING[0]])
    single, _ = planner.replan(portfolio.plans[1], AccountToPlan("X", TIER_A, staff=["wu"]),
                               as_of=AS_OF, done=(), calendar=CALENDAR, festivals=FESTIVALS,
                               now=REPLAN_NOW)
    replanned, (event,) = _regrade(planner, portfolio)
    assert replanned.plans[1].days == single.days
    assert event.visit_count == len(replanned.plans[1])
    assert not replanned.unplaced


def test_a_replanned_visit_moves_within_its_window_when_its_day_is_full() -> None:
    planner = VisitPlanner(visit_frequency(), DailyVisitCapacity(in_person=1))
    free_day = JUNE_WORKING[10]
    portfolio = _portfolio(planner, [day for day in JUNE_WORKING if day != free_day])
    replanned, _ = _regrade(planner, portfolio)
    assert _june_on_site(replanned) == [free_day]
    assert max(_in_person(replanned).values()) == 1
    for day, window in zip(replanned.plans[1].days, replanned.plans[1].windows, strict=True):
        assert day in window


def test_a_replanned_visit_with_no_room_in_its_window_is_reported_unplaced() -> None:
    planner = VisitPlanner(visit_frequency(), DailyVisitCapacity(in_person=1))
    portfolio = _portfolio(planner, JUNE_WORKING)
    replanned, _ = _regrade(planner, portfolio)
    assert _june_on_site(replanned) == []
    (missing,) = [u for u in replanned.unplaced if u.window.start.month == 6]
    assert (missing.account_id, missing.kind, missing.reason.value) == (
        "X", VisitKind.ON_SITE, "no_capacity")
    assert [(s.month, s.load, s.visits) for s in replanned.shortfall] == [
        (date(2026, 6, 1), VisitLoad.IN_PERSON, 1)]
    assert max(_in_person(replanned).values()) == 1


def test_a_replanned_in_person_visit_stays_out_of_a_day_its_person_spends_in_another_area() -> None:
    planner = VisitPlanner(visit_frequency(), visit_capacity())
    portfolio = _portfolio(planner, [JUNE_WORKING[0]])
    busy = AccountToPlan("BUSY", TIER_A, staff=["wu"], area="west")
    replanned, _ = _regrade(planner, portfolio, accounts=[busy])
    assert _june_on_site(replanned) == [JUNE_WORKING[1]]
    same_area, _ = _regrade(planner, portfolio, accounts=[
        AccountToPlan("BUSY", TIER_A, staff=["wu"], area="east")])
    assert _june_on_site(same_area) == [JUNE_WORKING[0]]


def test_replan_keeps_a_visit_off_its_persons_day_off() -> None:
    capacity = DailyVisitCapacity(people={"wu": PersonCapacity(days_off=[JUNE_WORKING[0]])})
    planner = VisitPlanner(visit_frequency(), capacity)
    plan, _ = planner.plan(X, YEAR, calendar=CALENDAR, festivals=FESTIVALS, now=NOW)
    replanned, _ = planner.replan(plan, AccountToPlan("X", TIER_A, staff=["wu"]), as_of=AS_OF,
                                  done=(), calendar=CALENDAR, festivals=FESTIVALS,
                                  now=REPLAN_NOW)
    june = [day for day, kind in zip(replanned.days, replanned.kinds, strict=True)
            if kind is VisitKind.ON_SITE and day.month == 6]
    assert june == [JUNE_WORKING[1]]


def test_replan_refuses_an_unplaced_visit_and_points_to_replan_portfolio() -> None:
    capacity = DailyVisitCapacity(people={"wu": PersonCapacity(last_day=date(2026, 5, 31))})
    planner = VisitPlanner(visit_frequency(), capacity)
    plan, _ = VisitPlanner(visit_frequency(), visit_capacity()).plan(
        X, YEAR, calendar=CALENDAR, festivals=FESTIVALS, now=NOW)
    with pytest.raises(InvalidInput, match="replan_portfolio"):
        planner.replan(plan, AccountToPlan("X", TIER_A, staff=["wu"]), as_of=AS_OF, done=(),
                       calendar=CALENDAR, festivals=FESTIVALS, now=REPLAN_NOW)


def test_replan_portfolio_refuses_an_account_without_a_plan_in_the_portfolio() -> None:
    planner = VisitPlanner(visit_frequency(), visit_capacity())
    with pytest.raises(InvalidInput, match="no plan in the portfolio"):
        planner.replan_portfolio(PortfolioPlan((_busy([JUNE_WORKING[0]]),)), X, as_of=AS_OF,
                                 done=(), calendar=CALENDAR, now=REPLAN_NOW)


def test_reassign_visitor_is_deprecated_in_favour_of_the_planners_hand_over() -> None:
    plan = _busy([JUNE_WORKING[0]])
    with pytest.warns(DeprecationWarning, match="VisitPlanner.hand_over"):
        plan.reassign_visitor("wu", "li", from_day=AS_OF, now=REPLAN_NOW)


@given(planning_inputs(max_accounts=4), st.data())
def test_capacity_and_availability_are_never_exceeded_after_replanning(
    inputs: PlanningInputs, data: st.DataObject
) -> None:
    capacity = data.draw(capacities(inputs.year))
    planner = VisitPlanner(visit_frequency(), capacity)
    year = Period.year(inputs.year)
    portfolio, _ = planner.plan_portfolio(
        inputs.accounts, year, calendar=inputs.calendar, festivals=inputs.festivals,
        now=datetime(inputs.year - 1, 12, 1, 9, tzinfo=SHANGHAI))
    account = data.draw(st.sampled_from(inputs.accounts))
    tier = data.draw(st.sampled_from([TIER_A, TIER_D, account.tier]))
    as_of = year.start + timedelta(days=data.draw(st.integers(0, 364)))
    replanned, _ = planner.replan_portfolio(
        portfolio, AccountToPlan(account.account_id, tier, staff=account.staff,
                                 blackout_dates=account.blackout_dates, area=account.area),
        as_of=as_of, done=(), calendar=inputs.calendar, festivals=inputs.festivals,
        now=datetime.combine(as_of, datetime.min.time(), tzinfo=SHANGHAI) - timedelta(days=1),
        accounts=inputs.accounts)
    counts: Counter[tuple[str, date, VisitLoad]] = Counter()
    for plan in replanned.plans:
        for day, kind, visitors in zip(plan.days, plan.kinds, plan.visitors, strict=True):
            for person in visitors:
                counts[person, day, VisitLoad.of(kind)] += 1
    for (person, day, load), count in counts.items():
        limit = capacity.limit(person, day, load) if inputs.calendar.is_working_day(day) else 0
        assert limit is None or count <= limit
    changed = next(plan for plan in replanned.plans if plan.account_id == account.account_id)
    for day, window in zip(changed.days, changed.windows, strict=True):
        assert day in window
        if day >= as_of:
            assert inputs.calendar.is_working_day(day)
            assert day not in account.blackout_dates


def test_a_handover_gives_each_account_to_its_own_successor_within_capacity() -> None:
    planner = VisitPlanner(visit_frequency(), DailyVisitCapacity(in_person=1))
    accounts = [AccountToPlan(f"K{n}", TIER_A, staff=["wang"]) for n in range(3)]
    portfolio, _ = planner.plan_portfolio(accounts, YEAR, calendar=CALENDAR,
                                          festivals=FESTIVALS, now=NOW)
    moved, events = planner.hand_over(
        portfolio, accounts, departing="wang", successor={"K0": "li", "K1": "li", "K2": "wu"},
        from_day=AS_OF, calendar=CALENDAR, now=REPLAN_NOW)
    assert {(e.account_id, e.successor) for e in events} == {
        ("K0", "li"), ("K1", "li"), ("K2", "wu")}
    assert max(_in_person(moved).values()) == 1
    assert not any(person == "wang" and day >= AS_OF for person, day in _in_person(moved))
    with pytest.raises(InvalidInput, match="no successor for 'K1'"):
        planner.hand_over(portfolio, accounts, departing="wang", successor={"K0": "li"},
                          from_day=AS_OF, calendar=CALENDAR, now=REPLAN_NOW)


class _OddCapacity(DailyVisitCapacity):
    """A host's capacity policy that answers one bad limit on one day."""

    def __init__(self, bad: object) -> None:
        super().__init__()
        object.__setattr__(self, "_bad", bad)

    def limits(self, person, days, load):  # type: ignore[no-untyped-def,override]
        answered = list(super().limits(person, days, load))
        answered[5] = self._bad  # type: ignore[attr-defined]
        return answered


@pytest.mark.parametrize("bad", [True, -1, "3", 2.0, [3], 10**9 + 1])
def test_a_capacity_policy_limit_that_is_not_a_count_is_refused_naming_the_day(
    bad: object,
) -> None:
    planner = VisitPlanner(visit_frequency(), _OddCapacity(bad))
    with pytest.raises(InvalidInput, match=r"capacity policy limit\('wu', 2026-01-\d\d, "):
        planner.plan_portfolio([X], YEAR, calendar=CALENDAR, festivals=FESTIVALS, now=NOW)
