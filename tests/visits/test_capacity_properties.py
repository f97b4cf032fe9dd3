"""Issue 13: property tests of the capacity policy and of the capacity-aware planner."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from keyaccount import (
    FESTIVAL_KINDS,
    Period,
    PortfolioPlan,
    UnplacedReason,
    VisitKind,
    VisitLoad,
    VisitPlanner,
    scaled_count,
)
from keyaccount.policies import DailyVisitCapacity, PersonCapacity
from keyaccount.policies.presets import visit_capacity, visit_frequency
from keyaccount.testing import (
    PlanningInputs,
    check_visit_capacity_policy,
    planning_inputs,
)
from visit_fixtures import SHANGHAI

STAFF = ("li", "wang", "zhang", "liu", "chen", "yang")


@st.composite
def capacities(draw: st.DrawFn, year: int = 2026) -> DailyVisitCapacity:
    start = date(year, 1, 1)
    people = {}
    for name in draw(st.lists(st.sampled_from(STAFF), unique=True, max_size=3)):
        first = draw(st.none() | st.integers(0, 200).map(lambda n: start + timedelta(days=n)))
        people[name] = PersonCapacity(
            in_person=draw(st.none() | st.integers(0, 3)),
            phone=draw(st.none() | st.integers(0, 5)),
            days_off=draw(st.lists(st.integers(0, 364).map(
                lambda n: start + timedelta(days=n)), max_size=20)),
            first_day=first,
            last_day=None if first is None else first + timedelta(days=draw(st.integers(0, 200))),
        )
    return DailyVisitCapacity(in_person=draw(st.integers(0, 3)), phone=draw(st.integers(0, 4)),
                              message=draw(st.none() | st.integers(0, 2)), people=people)


def _in_advance(year: int) -> datetime:
    return datetime(year - 1, 12, 1, 9, tzinfo=SHANGHAI)


@given(capacities())
def test_the_capacity_policy_keeps_its_invariants(capacity: DailyVisitCapacity) -> None:
    days = [date(2026, 1, 1) + timedelta(days=n) for n in range(0, 365, 7)]
    check_visit_capacity_policy(capacity, STAFF, days)
    for name, own in capacity.people:
        for day in days:
            if not own.available(day):
                assert capacity.limit(name, day, VisitLoad.IN_PERSON) == 0


def _plan(inputs: PlanningInputs, capacity: DailyVisitCapacity) -> PortfolioPlan:
    portfolio, _ = VisitPlanner(visit_frequency(), capacity).plan_portfolio(
        inputs.accounts, Period.year(inputs.year), calendar=inputs.calendar,
        festivals=inputs.festivals, now=_in_advance(inputs.year))
    return portfolio


@given(planning_inputs(), st.data())
def test_capacity_and_availability_are_never_exceeded(
    inputs: PlanningInputs, data: st.DataObject
) -> None:
    capacity = data.draw(capacities(inputs.year))
    portfolio = _plan(inputs, capacity)
    counts: Counter[tuple[str, date, VisitLoad]] = Counter()
    for plan in portfolio.plans:
        for day, kind, visitors in zip(plan.days, plan.kinds, plan.visitors, strict=True):
            counts[visitors[0], day, VisitLoad.of(kind)] += 1
    for (person, day, load), count in counts.items():
        limit = capacity.limit(person, day, load)
        assert limit is None or count <= limit


@given(planning_inputs(), st.data())
def test_placed_and_unplaced_visits_make_the_quotas_each_in_its_window(
    inputs: PlanningInputs, data: st.DataObject
) -> None:
    capacity = data.draw(capacities(inputs.year))
    portfolio = _plan(inputs, capacity)
    period = Period.year(inputs.year)
    policy = visit_frequency()
    unplaced = Counter(visit.account_id for visit in portfolio.unplaced)
    for plan, account in zip(portfolio.plans, sorted(inputs.accounts,
                                                     key=lambda a: a.account_id), strict=True):
        quota = policy.quota_for(account.account_id, account.tier)
        owed = sum(
            min(quota.count(kind), len(inputs.festivals)) if kind in FESTIVAL_KINDS
            else scaled_count(quota.count(kind), period)
            for kind in VisitKind
        )
        assert len(plan) + unplaced[account.account_id] == owed
        for day, window in zip(plan.days, plan.windows, strict=True):
            assert day in window
            assert inputs.calendar.is_working_day(day)
            assert day not in account.blackout_dates


@given(planning_inputs(), st.randoms(use_true_random=False))
def test_the_plan_does_not_depend_on_the_order_of_the_accounts(
    inputs: PlanningInputs, rng: random.Random
) -> None:
    shuffled = list(inputs.accounts)
    rng.shuffle(shuffled)
    capacity = DailyVisitCapacity(in_person=1, phone=1)
    assert _plan(inputs, capacity) == _plan(
        PlanningInputs(inputs.year, inputs.calendar, inputs.festivals, tuple(shuffled)), capacity)


@given(planning_inputs())
def test_a_portfolio_that_fits_by_construction_leaves_nothing_for_want_of_capacity(
    inputs: PlanningInputs,
) -> None:
    # at most six accounts: each person's month holds far fewer than 3 visits a working day
    portfolio = _plan(inputs, visit_capacity())
    assert [v for v in portfolio.unplaced if v.reason is UnplacedReason.NO_CAPACITY] == []
    for visit in portfolio.unplaced:  # only a window blocked whole by blackout dates
        account = next(a for a in inputs.accounts if a.account_id == visit.account_id)
        day = visit.window.start
        while day < visit.window.end:
            assert not inputs.calendar.is_working_day(day) or day in account.blackout_dates
            day += timedelta(days=1)
