"""Rules of visits/planner.py found by mutation testing (docs/explanation/testing.md)."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest

from keyaccount import (
    TIER_C,
    AccountToPlan,
    InvalidInput,
    PortfolioPlan,
    VisitKind,
    VisitPlanner,
)
from keyaccount.policies import DailyVisitCapacity
from keyaccount.policies.presets import visit_frequency
from visit_fixtures import CALENDAR, FESTIVALS, MID_AUTUMN, NOW, PLANNER, SHANGHAI, YEAR

# 22-24 September: the three working days before Mid-Autumn, a greeting's window
BEFORE_MID_AUTUMN = [date(2026, 9, 22), date(2026, 9, 23), date(2026, 9, 24)]


def test_a_plan_with_a_visit_that_fits_nowhere_is_refused_naming_that_visit() -> None:
    account = AccountToPlan("ACME", TIER_C, staff=["li"], blackout_dates=BEFORE_MID_AUTUMN)
    portfolio, _ = PLANNER.plan_portfolio(
        [account], YEAR, calendar=CALENDAR, festivals=FESTIVALS, now=NOW
    )
    (unplaced,) = portfolio.unplaced  # the one greeting before Mid-Autumn
    assert unplaced.kind is VisitKind.GREETING
    assert unplaced.window.end <= MID_AUTUMN
    message = (
        f"no free working day left in {unplaced.window.start}..{unplaced.window.end} for a "
        f"greeting visit of 'ACME' ({unplaced.reason.value}; 1 visit(s) unplaced)"
    )
    with pytest.raises(InvalidInput, match=f"^{re.escape(message)}$"):
        PLANNER.plan(account, YEAR, calendar=CALENDAR, festivals=FESTIVALS, now=NOW)


def test_a_replan_with_a_visit_that_fits_nowhere_is_refused_naming_that_visit() -> None:
    account = AccountToPlan("ACME", TIER_C, staff=["li"])
    plan, _ = PLANNER.plan(account, YEAR, calendar=CALENDAR, festivals=FESTIVALS, now=NOW)
    # nobody may send a message any more: the greeting before Mid-Autumn, the one festival
    # visit still ahead, has no room (the one before Spring Festival is kept)
    planner = VisitPlanner(visit_frequency(), DailyVisitCapacity(message=0))
    arguments = {
        "as_of": date(2026, 6, 1),
        "done": (),
        "calendar": CALENDAR,
        "festivals": FESTIVALS,
        "now": datetime(2026, 6, 1, 9, tzinfo=SHANGHAI),
    }
    portfolio, _ = planner.replan_portfolio(
        PortfolioPlan((plan,)), account, **arguments  # type: ignore[arg-type]
    )
    (unplaced,) = portfolio.unplaced
    assert unplaced.kind is VisitKind.GREETING
    assert unplaced.window.end <= MID_AUTUMN
    message = (
        f"no room left in {unplaced.window.start}..{unplaced.window.end} for a greeting visit "
        f"of 'ACME' ({unplaced.reason.value}; 1 visit(s) unplaced): use replan_portfolio"
    )
    with pytest.raises(InvalidInput, match=f"^{re.escape(message)}$"):
        planner.replan(plan, account, **arguments)  # type: ignore[arg-type]
