"""Rules of the team's bookkeeping in placement found by mutation testing (issue 12, item 5).

Each test names the rule it guards; docs/explanation/testing.md lists the mutants they kill.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date

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


class _PhoneOnly:
    def minimum(self, tier: Tier) -> VisitQuota:
        return VisitQuota(phone_return=4)

    def quota_for(self, account_id: str, tier: Tier) -> VisitQuota:
        return self.minimum(tier)


@pytest.mark.parametrize("bad", [True, -1, "3", 10**9 + 1])
def test_a_bad_limit_is_refused_naming_its_day_whatever_the_budget(bad: object) -> None:
    planner = VisitPlanner(_PhoneOnly(), _OneBadPhoneLimit(bad))
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
