"""Rules of the team's bookkeeping in placement found by mutation testing (issue 12, item 5).

Each test names the rule it guards; docs/explanation/testing.md lists the mutants they kill.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from datetime import date, timedelta

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from keyaccount import (
    TIER_A,
    TIER_B,
    TIER_C,
    TIER_D,
    AccountToPlan,
    InvalidInput,
    Period,
    Tier,
    VisitKind,
    VisitLoad,
    VisitPlanner,
    VisitQuota,
)
from keyaccount.policies import DailyVisitCapacity
from keyaccount.policies.presets import visit_frequency
from visit_fixtures import CALENDAR, FESTIVALS, NOW, YEAR


class _Answers(DailyVisitCapacity):
    """A host's capacity policy whose ``limits`` answers ``answer(days)``."""

    def __init__(self, answer: object) -> None:
        super().__init__()
        object.__setattr__(self, "_answer", answer)

    def limits(self, person: str, days: Sequence[date], load: VisitLoad):  # type: ignore[no-untyped-def,override]
        return self._answer(days)  # type: ignore[attr-defined]


@pytest.mark.parametrize("answer", [
    lambda days: 3,
    lambda days: (3 for _ in days),
    lambda days: [3] * (len(days) - 1),
], ids=["an int", "a generator", "one short"])
def test_a_capacity_policy_must_answer_one_limit_a_day_as_a_sequence(answer: object) -> None:
    planner = VisitPlanner(visit_frequency(), _Answers(answer))
    with pytest.raises(InvalidInput, match=r"must give one limit a day \(\d+\)"):
        planner.plan_portfolio([AccountToPlan("X", TIER_A, staff=["wu"])], YEAR,
                               calendar=CALENDAR, festivals=FESTIVALS, now=NOW)


def test_a_full_day_on_top_of_a_persons_free_days_does_not_hide_the_days_below_it() -> None:
    # a small portfolio of two people, one or two in-person visits a day, in two areas: a
    # day filled through one heap is stale on top of another; it is dropped and the next
    # free day taken (every visit fits)
    rng = random.Random(2)
    accounts = [AccountToPlan(f"K{n}", rng.choice([TIER_A, TIER_B, TIER_C, TIER_D]),
                              staff=rng.sample(["a", "b"], rng.choice([1, 2])),
                              area=rng.choice(["e", "w", None]))
                for n in range(rng.randint(2, 8))]
    capacity = DailyVisitCapacity(in_person=rng.choice([1, 2]), phone=rng.choice([1, 2]))
    portfolio, _ = VisitPlanner(visit_frequency(), capacity).plan_portfolio(
        accounts, Period(date(2026, 2, 1), date(2026, 4, 1)), calendar=CALENDAR,
        festivals=FESTIVALS, now=NOW)
    assert len(portfolio.plans) == 8
    assert portfolio.unplaced == ()


class _OneBadPhoneLimit(DailyVisitCapacity):
    """A host's capacity policy that answers one bad phone limit (the others as the default)."""

    def __init__(self, bad: object) -> None:
        super().__init__()
        object.__setattr__(self, "_bad", bad)

    def limits(self, person: str, days: Sequence[date], load: VisitLoad):  # type: ignore[no-untyped-def,override]
        answered = list(super().limits(person, days, load))
        if load is VisitLoad.PHONE:
            answered[5] = self._bad  # type: ignore[attr-defined]
        return answered


class _OneQuota:
    """A frequency policy giving every account the same quota."""

    def __init__(self, quota: VisitQuota) -> None:
        self._quota = quota

    def minimum(self, tier: Tier) -> VisitQuota:
        return self._quota

    def quota_for(self, account_id: str, tier: Tier) -> VisitQuota:
        return self._quota


@pytest.mark.parametrize("bad", [True, -1, "3", 10**9 + 1])
def test_a_bad_limit_is_refused_naming_its_day_whatever_the_budget(bad: object) -> None:
    planner = VisitPlanner(_OneQuota(VisitQuota(phone_return=4)), _OneBadPhoneLimit(bad))
    with pytest.raises(InvalidInput, match=r"capacity policy limit\('wu', 2026-01-09, 'phone'\)"):
        planner.plan_portfolio([AccountToPlan("X", TIER_A, staff=["wu"])], YEAR,
                               calendar=CALENDAR, festivals=FESTIVALS, now=NOW)


def test_a_capacity_policy_may_leave_in_person_visits_unlimited_for_accounts_in_an_area() -> None:
    planner = VisitPlanner(visit_frequency(), _Answers(lambda days: [None] * len(days)))
    portfolio, _ = planner.plan_portfolio(
        [AccountToPlan(f"K{n}", TIER_A, staff=["wu"], area="east") for n in range(3)], YEAR,
        calendar=CALENDAR, festivals=FESTIVALS, now=NOW)
    assert portfolio.unplaced == ()
    assert portfolio.visit_count == 3 * 15


def test_a_capacity_policy_may_leave_every_budget_unlimited_for_accounts_in_no_area() -> None:
    planner = VisitPlanner(visit_frequency(), _Answers(lambda days: [None] * len(days)))
    portfolio, _ = planner.plan_portfolio(
        [AccountToPlan(f"K{n}", tier, staff=["wu"]) for n, tier in enumerate([TIER_A, TIER_C])],
        YEAR, calendar=CALENDAR, festivals=FESTIVALS, now=NOW)
    assert portfolio.unplaced == ()
    assert portfolio.visit_count == 15 + 6


@pytest.mark.parametrize("bad", [-1, 10**9 + 1])
def test_a_capacity_policy_giving_the_same_bad_limit_every_day_is_refused(bad: int) -> None:
    # the fast check looks at each distinct answer once: a row of one bad value is refused too
    planner = VisitPlanner(visit_frequency(), _Answers(lambda days: [bad] * len(days)))
    with pytest.raises(InvalidInput, match=r"capacity policy limit\('wu', 2026-01-04, "):
        planner.plan_portfolio([AccountToPlan("X", TIER_A, staff=["wu"])], YEAR,
                               calendar=CALENDAR, festivals=FESTIVALS, now=NOW)


FEBRUARY = Period(date(2026, 2, 1), date(2026, 3, 1))  # holds the Spring Festival


@example(kind=VisitKind.ON_SITE, areas=["east", "east"])
@example(kind=VisitKind.HOLIDAY, areas=["east"] + [None] * 10)
@example(kind=VisitKind.HOLIDAY, areas=[None, "east"] + [None] * 10)
@given(kind=st.sampled_from([VisitKind.ON_SITE, VisitKind.HOLIDAY]),
       areas=st.lists(st.sampled_from([None, "east"]), min_size=1, max_size=40))
def test_one_persons_visits_of_one_window_are_levelled_earliest_day_first(
    kind: VisitKind, areas: list[str | None]
) -> None:
    # planner rule "Levelled": each visit goes on the least loaded day of its window, the
    # earliest on a tie (the latest before a festival). One person, one window (February's
    # on-site visits, or the holiday visits before the Spring Festival), accounts in one area
    # or none (so areas never push a visit off a day) and room on every day: the n visits
    # over m days fill the days round by round, the first n % m days (in that order) get
    # one visit more than the others
    quota = VisitQuota(on_site=12) if kind is VisitKind.ON_SITE else VisitQuota(holiday=2)
    accounts = [AccountToPlan(f"K{n:02}", TIER_A, staff=["wu"], area=area)
                for n, area in enumerate(areas)]
    portfolio, _ = VisitPlanner(_OneQuota(quota), DailyVisitCapacity(in_person=10)).plan_portfolio(
        accounts, FEBRUARY, calendar=CALENDAR, festivals=FESTIVALS, now=NOW)
    assert portfolio.unplaced == ()
    (window,) = {window for plan in portfolio.plans for window in plan.windows}
    days = [day for n in range(window.days)
            if CALENDAR.is_working_day(day := window.start + timedelta(days=n))]
    if kind is VisitKind.HOLIDAY:
        days.reverse()
    loads = Counter(day for plan in portfolio.plans for day in plan.days)
    rounds, extra = divmod(len(accounts), len(days))
    assert [loads[day] for day in days] == [rounds + 1] * extra + [rounds] * (len(days) - extra)


_TIERS = st.sampled_from([TIER_A, TIER_B, TIER_C, TIER_D])


@example(others=[(TIER_A, None), (TIER_A, None)], tier=TIER_A, mine=[None], first=0)
@example(others=[(TIER_A, "east")], tier=TIER_A, mine=[None, None], first=0)
@given(others=st.lists(st.tuples(_TIERS, st.sampled_from([None, "east"])), max_size=6),
       tier=_TIERS, mine=st.lists(st.sampled_from([None, "east"]), min_size=1, max_size=4),
       first=st.integers(0, 6))
def test_a_persons_days_do_not_depend_on_the_visits_of_other_people(
    others: list[tuple[Tier, str | None]], tier: Tier, mine: list[str | None], first: int
) -> None:
    # capacity, areas and levelling are per person and day: "wu"'s accounts get the same
    # days whether or not "li", with the same limits, has accounts planned in the same call
    # (wu's accounts are of one tier, so each window places them in the same order either
    # way; ``first`` moves their ids among li's, so either person may ask for a window first)
    own = [AccountToPlan(f"K{n}wu", tier, staff=["wu"], area=area)
           for n, area in enumerate(mine, start=first)]
    other = [AccountToPlan(f"K{n}li", other_tier, staff=["li"], area=area)
             for n, (other_tier, area) in enumerate(others)]
    planner = VisitPlanner(visit_frequency(), DailyVisitCapacity(in_person=2, phone=2))
    alone, _ = planner.plan_portfolio(own, YEAR, calendar=CALENDAR, festivals=FESTIVALS,
                                      now=NOW)
    together, _ = planner.plan_portfolio([*own, *other], YEAR, calendar=CALENDAR,
                                         festivals=FESTIVALS, now=NOW)
    assert tuple(plan for plan in together.plans if plan.account_id.endswith("wu")) == (
        alone.plans)
