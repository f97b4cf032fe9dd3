"""Hypothesis strategies for visits: planning inputs, accounts and visit records (SPEC §6)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from typing import TypeVar

import attrs
from hypothesis import strategies as st

from keyaccount.domain.calendar import BusinessCalendar
from keyaccount.domain.grading import AMOUNT_TIERS, SCORE_TIERS, Tier
from keyaccount.domain.visits import (
    AccountToPlan,
    FeedbackItem,
    Topic,
    VisitCapacityPolicy,
    VisitFrequencyPolicy,
    VisitKind,
    VisitLoad,
    VisitRecord,
)

T = TypeVar("T")

__all__ = [
    "PlanningInputs",
    "accounts_to_plan",
    "check_visit_capacity_policy",
    "check_visit_frequency_policy",
    "feedback_items",
    "plan_calendars",
    "planning_inputs",
    "visit_records",
]

_STAFF = ("li", "wang", "zhang", "liu", "chen", "yang")
_HOURS = ((time(9), time(12)), (time(13, 30), time(18)))


@st.composite
def plan_calendars(draw: st.DrawFn, year: int) -> BusinessCalendar:
    """Calendars covering ``year`` with random holiday runs (1-8 days) and make-up days.

    Holiday runs are at least three weeks apart, as public holidays are, so every month keeps
    working days.
    """
    holidays: set[date] = set()
    makeup: set[date] = set()
    start = date(year, 1, 1)
    for run_start in draw(
        st.lists(st.integers(0, 364), max_size=8, unique=True).map(sorted)
    ):
        if any(abs((start + timedelta(days=run_start) - day).days) < 21 for day in holidays):
            continue
        length = draw(st.integers(1, 8))
        run = [start + timedelta(days=run_start + offset) for offset in range(length)]
        holidays.update(day for day in run if day.year == year)
        # 调休: a weekend day next to a long holiday becomes a working day.
        if length >= 3:
            before = run[0] - timedelta(days=draw(st.integers(1, 3)))
            if before.weekday() >= 5 and before.year == year and before not in holidays:
                makeup.add(before)
    return BusinessCalendar(
        timezone=draw(st.sampled_from(("Asia/Shanghai", "Europe/Berlin", "America/New_York"))),
        workdays=range(5),
        working_hours=_HOURS,
        holidays=sorted(holidays),
        makeup_workdays=sorted(makeup - holidays),
        valid_from=date(year, 1, 1),
        valid_until=date(year, 12, 31),
    )


@st.composite
def accounts_to_plan(
    draw: st.DrawFn,
    year: int,
    account_id: str | None = None,
    tiers: tuple[Tier, ...] = SCORE_TIERS + AMOUNT_TIERS,
) -> AccountToPlan:
    """An account with a tier, 1-3 staff and up to six blackout dates in ``year``."""
    start = date(year, 1, 1)
    blackout = draw(
        st.lists(st.integers(0, 364), max_size=6).map(
            lambda offsets: [start + timedelta(days=offset) for offset in offsets]
        )
    )
    if account_id is None:
        account_id = draw(st.from_regex(r"[A-Z]{2}[0-9]{3}", fullmatch=True))
    return AccountToPlan(
        account_id,
        draw(st.sampled_from(tiers)),
        staff=draw(st.lists(st.sampled_from(_STAFF), min_size=1, max_size=3, unique=True)),
        blackout_dates=blackout,
    )


@attrs.frozen
class PlanningInputs:
    """What a planner is handed: a year, its calendar, festival dates and some accounts."""

    year: int
    calendar: BusinessCalendar
    festivals: tuple[date, ...]
    accounts: tuple[AccountToPlan, ...]


@st.composite
def planning_inputs(draw: st.DrawFn, max_accounts: int = 6) -> PlanningInputs:
    """A plan year (2024-2030), a calendar for it, two festivals and distinct accounts."""
    year = draw(st.integers(2024, 2030))
    calendar = draw(plan_calendars(year))
    # Spring Festival falls between 21 January and 20 February, Mid-Autumn in September or
    # early October; the exact dates are the host's data.
    spring = date(year, 1, 21) + timedelta(days=draw(st.integers(0, 30)))
    mid_autumn = date(year, 9, 7) + timedelta(days=draw(st.integers(0, 30)))
    ids = draw(
        st.lists(
            st.from_regex(r"[A-Z]{2}[0-9]{3}", fullmatch=True),
            min_size=1,
            max_size=max_accounts,
            unique=True,
        )
    )
    accounts = tuple(draw(accounts_to_plan(year, account_id)) for account_id in ids)
    return PlanningInputs(year, calendar, (spring, mid_autumn), accounts)


_TEXT = st.text(st.characters(codec="utf-8", categories=("L", "N")), min_size=1, max_size=20)


@st.composite
def feedback_items(draw: st.DrawFn) -> FeedbackItem:
    """A feedback item, answered on the spot or ready to be ticketed."""
    from keyaccount.domain.tickets import Severity, TicketKind

    summary = draw(_TEXT)
    if draw(st.booleans()):
        return FeedbackItem(summary, answer=draw(_TEXT))
    return FeedbackItem(
        summary,
        kind=draw(st.sampled_from(TicketKind)),
        severity=draw(st.sampled_from(Severity)),
        responsible_department=draw(st.sampled_from(("after-sales", "technical", "quality"))),
        responsible_person=draw(st.sampled_from(_STAFF)),
    )


@st.composite
def visit_records(
    draw: st.DrawFn,
    account_id: str = "ACME",
    kind: VisitKind | None = None,
    planned_day: date | None = None,
) -> VisitRecord:
    """A complete visit record (on ``planned_day`` at 10:00 UTC when given).

    The fields its kind requires (:meth:`VisitRecord.required_fields`) are filled; the
    others are sometimes filled, sometimes left out.
    """
    day = planned_day or draw(st.dates(date(2024, 1, 1), date(2030, 12, 31)))
    kind = kind or draw(st.sampled_from(VisitKind))
    required = VisitRecord.required_fields(kind)

    def optional(name: str, strategy: st.SearchStrategy[T], empty: T) -> T:
        return draw(strategy) if name in required or draw(st.booleans()) else empty

    return VisitRecord(
        record_id=draw(st.from_regex(r"R[0-9]{6}", fullmatch=True)),
        account_id=account_id,
        kind=kind,
        visited_at=datetime.combine(day, time(10), tzinfo=UTC),
        place=optional("place", st.sampled_from(("customer HQ", "plant 2", "by phone")), None),
        visitors=draw(st.lists(st.sampled_from(_STAFF), min_size=1, max_size=3, unique=True)),
        customer_situation=optional("customer_situation", _TEXT, None),
        topics=optional(
            "topics", st.lists(st.sampled_from(Topic), min_size=1, max_size=5, unique=True), []
        ),
        content=draw(_TEXT),
        feedback=draw(st.lists(feedback_items(), max_size=3)),
        suggestions=draw(st.lists(_TEXT, max_size=2)),
        planned_day=planned_day,
    )


def check_visit_frequency_policy(
    policy: VisitFrequencyPolicy, tiers: Iterable[Tier], account_ids: Iterable[str]
) -> None:
    """Check a visit frequency policy's invariants for every tier and account given.

    An account's quota is never below its tier's minimum for any kind (raises only add), and
    asking twice gives the same answer.

    Raises:
        AssertionError: an invariant is broken (the message says which and where).
    """
    ids = list(account_ids)
    for tier in tiers:
        minimum = policy.minimum(tier)
        if minimum != policy.minimum(tier):
            raise AssertionError(f"minimum of {tier.code} changed on asking again")
        for account_id in ids:
            quota = policy.quota_for(account_id, tier)
            if quota != policy.quota_for(account_id, tier):
                raise AssertionError(
                    f"quota of {account_id!r} ({tier.code}) changed on asking again"
                )
            for kind in VisitKind:
                if quota.count(kind) < minimum.count(kind):
                    raise AssertionError(
                        f"{account_id!r} ({tier.code}) gets {quota.count(kind)} {kind.value} "
                        f"visit(s), below the tier's minimum {minimum.count(kind)}"
                    )


def check_visit_capacity_policy(
    policy: VisitCapacityPolicy, people: Iterable[str], days: Iterable[date]
) -> None:
    """Check a visit capacity policy's invariants for every person and day given (issue 13).

    Each limit is None (no limit) or an int from 0 to ``10**9`` (never a bool), asking twice
    gives the same answer, and :meth:`~keyaccount.VisitCapacityPolicy.limits` gives what
    ``limit`` gives day by day.

    Raises:
        AssertionError: an invariant is broken (the message says which and where).
    """
    checked_days = list(days)
    for load in VisitLoad:
        standard = policy.standard_limit(load)
        if standard is not None and (type(standard) is not int or not 0 <= standard <= 10**9):
            raise AssertionError(f"standard limit of {load.value} is {standard!r}")
        for person in people:
            each = [policy.limit(person, day, load) for day in checked_days]
            if list(policy.limits(person, checked_days, load)) != each:
                raise AssertionError(f"limits of {person!r} ({load.value}) differ from limit")
            for day, limit in zip(checked_days, each, strict=True):
                if limit != policy.limit(person, day, load):
                    raise AssertionError(f"limit of {person!r} on {day} changed on asking again")
                if limit is not None and (type(limit) is not int or not 0 <= limit <= 10**9):
                    raise AssertionError(f"limit of {person!r} on {day} is {limit!r}")
