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
    VisitLoad,
    VisitPlanner,
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
