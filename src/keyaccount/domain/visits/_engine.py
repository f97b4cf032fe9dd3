"""The visit planner's engine (private): slots, placement and per-quota templates.

One job: the rules of :class:`keyaccount.VisitPlanner`, written out in
:mod:`keyaccount.domain.visits.planner`. Cost: one pass over the period's days per call,
then O(visits) per account.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from itertools import pairwise
from math import ceil
from typing import Any

import attrs
from dateutil.rrule import MONTHLY, rrule

from keyaccount._errors import InvalidInput
from keyaccount._validation import require_day_in_years, require_instant_in_years, to_items
from keyaccount.domain.calendar import Period
from keyaccount.domain.visits.accounts import AccountToPlan
from keyaccount.domain.visits.events import VisitPlanned
from keyaccount.domain.visits.kinds import (
    _KIND_ORDER,
    FESTIVAL_KINDS,
    TOPIC_ROTATION,
    Topic,
    VisitKind,
)
from keyaccount.domain.visits.plan import VisitPlan, _done_keys
from keyaccount.domain.visits.ports import VisitFrequencyPolicy, WorkingDayCalendar
from keyaccount.domain.visits.quotas import VisitInterval, scaled_count
from keyaccount.domain.visits.records import VisitRecord

_EVEN_KINDS = (VisitKind.ON_SITE, VisitKind.PHONE_RETURN, VisitKind.EVENT)
# A period at least this long is a plan year: it must hold its festivals.
_YEAR_DAYS = 365


def _interval(count: int, period: Period) -> VisitInterval | None:
    if count == 0:
        return None
    months = period.whole_months
    if months is not None and months % count == 0:
        return VisitInterval(months=months // count)
    return VisitInterval(days=ceil(period.days / count))


def _slot_bounds(period: Period, lo: int, hi: int, count: int) -> list[int]:
    """Day indices (from ``period.start``) cutting ``[lo, hi)`` into ``count`` even slots."""
    sub = Period(period.start + timedelta(days=lo), period.start + timedelta(days=hi))
    months = sub.whole_months
    if months is not None and months % count == 0:
        starts = rrule(MONTHLY, interval=months // count, dtstart=sub.start, count=count)
        bounds = [lo + (moment.date() - sub.start).days for moment in starts]
    else:
        bounds = [lo + (index * (hi - lo)) // count for index in range(count)]
    bounds.append(hi)
    return bounds


class _Days:
    """The working days of a period as a list of flags (computed once per planner call)."""

    __slots__ = ("period", "working")

    def __init__(self, calendar: WorkingDayCalendar, period: Period) -> None:
        self.period = period
        start = period.start
        self.working = [
            calendar.is_working_day(start + timedelta(days=offset))
            for offset in range(period.days)
        ]


def _place(
    free: Sequence[bool], lo: int, hi: int, taken: Collection[int], backwards: bool
) -> int | None:
    """The first free day of ``[lo, hi)`` (the last one when ``backwards``).

    When the whole slot is blocked: the nearest free day outside it in the period, after it
    first (before it first when ``backwards``).
    """
    inside = range(hi - 1, lo - 1, -1) if backwards else range(lo, hi)
    for index in inside:
        if free[index] and index not in taken:
            return index
    after = range(hi, len(free))
    before = range(lo - 1, -1, -1)
    for outside in (before, after) if backwards else (after, before):
        for index in outside:
            if free[index] and index not in taken:
                return index
    return None


@attrs.frozen
class _Slot:
    kind: VisitKind
    lo: int
    hi: int
    backwards: bool


def _slots(
    days: _Days,
    lo: int,
    festivals: Sequence[int],
    counts: Mapping[VisitKind, int],
    account: str,
) -> list[_Slot]:
    """The slots of the visits owed in ``[lo, end)`` of the period."""
    slots: list[_Slot] = []
    hi = len(days.working)
    for kind in _EVEN_KINDS:
        count = counts[kind]
        if count > hi:
            # at most one visit of a kind a day: refused before laying out slots one by one
            # (a quota of 10**9 visits a year would otherwise take an hour to refuse)
            period = days.period
            raise InvalidInput(
                f"no free working day left in {period.start.isoformat()}.."
                f"{period.end.isoformat()} for {count} {kind.value} visits of {account!r} "
                f"(at most one a day, {hi} days)"
            )
        if count:
            bounds = _slot_bounds(days.period, lo, hi, count)
            slots.extend(
                _Slot(kind, start, end, False) for start, end in pairwise(bounds)
            )
    for kind in (VisitKind.HOLIDAY, VisitKind.GREETING):
        previous = lo
        for festival in festivals[: counts[kind]]:
            slots.append(_Slot(kind, previous, festival, True))
            previous = festival
    return slots


def _lay_out(
    slots: Sequence[_Slot],
    free: Sequence[bool],
    taken: Mapping[VisitKind, set[int]],
) -> tuple[list[tuple[int, VisitKind, _Slot]], list[_Slot]]:
    """Place every slot's visit; the placed ones come in visit order (day, then kind).

    Also gives the slots stranded without a free day left.
    """
    placed: list[tuple[int, VisitKind, _Slot]] = []
    stranded: list[_Slot] = []
    for slot in slots:
        used = taken[slot.kind]
        index = _place(free, slot.lo, slot.hi, used, slot.backwards)
        if index is None:
            stranded.append(slot)
            continue
        used.add(index)
        placed.append((index, slot.kind, slot))
    placed.sort(key=_visit_order)
    return placed, stranded


def _visit_order(row: tuple[Any, ...]) -> tuple[Any, int]:
    """Sort key of rows ``(day, kind, ...)``: by day, then kind (as :class:`VisitPlan` keeps)."""
    return row[0], _KIND_ORDER[row[1]]


def _visit_columns(rows: list[tuple[Any, ...]], width: int) -> tuple[tuple[Any, ...], ...]:
    """Rows ``(day, kind, ...)`` of ``width`` fields, as columns in visit order."""
    rows.sort(key=_visit_order)
    return tuple(zip(*rows, strict=True)) if rows else ((),) * width


def _topics_for(kinds: Iterable[VisitKind], start: int = 0) -> tuple[tuple[Topic, ...], ...]:
    topics: list[tuple[Topic, ...]] = []
    turn = start
    for kind in kinds:
        if kind is VisitKind.GREETING:
            topics.append(())
        else:
            topics.append(_TOPIC_SINGLES[turn % len(_TOPIC_SINGLES)])
            turn += 1
    return tuple(topics)


_TOPIC_SINGLES = tuple((topic,) for topic in TOPIC_ROTATION)


def _visitors(
    staff: tuple[str, ...], count: int, singles: dict[str, tuple[str, ...]]
) -> tuple[tuple[str, ...], ...]:
    """Round robin over ``staff``; ``singles`` shares one ``(name,)`` per person."""
    cycle = []
    for name in staff:
        single = singles.get(name)
        if single is None:
            single = singles[name] = (name,)
        cycle.append(single)
    return (tuple(cycle) * (count // len(cycle) + 1))[:count]


def replan_account(
    policy: VisitFrequencyPolicy,
    calendar: WorkingDayCalendar,
    plan: VisitPlan,
    account: AccountToPlan,
    as_of: date,
    done: Iterable[tuple[date, VisitKind]] | Iterable[VisitRecord],
    festivals: Iterable[date],
    now: datetime,
    windows_before: Mapping[VisitKind, int],
) -> tuple[
    VisitPlan, tuple[VisitPlanned, ...], frozenset[int], tuple[tuple[VisitKind, Period], ...]
]:
    """Re-plan ``plan`` from ``as_of`` (:meth:`keyaccount.VisitPlanner.replan`).

    Also gives the positions in the new plan of the visits laid out anew (the others are
    kept; every visit of the new plan has its window, a kept visit without one its day),
    and the kind and window of each visit owed that has no free day left from ``as_of`` on.
    """
    _check_arguments(calendar, plan=plan, account=account)
    require_instant_in_years(now, field="now")
    require_day_in_years(as_of, field="as_of")
    if account.account_id != plan.account_id:
        raise InvalidInput(
            f"replan of {plan.account_id!r} was given account {account.account_id!r}"
        )
    period = plan.period
    if as_of not in period:
        raise InvalidInput(
            f"as_of must lie in {period.start.isoformat()}..{period.end.isoformat()}, "
            f"got {as_of.isoformat()}"
        )
    done_keys = _done_keys(done)
    kept = [
        index
        for index, (day, kind) in enumerate(zip(plan.days, plan.kinds, strict=True))
        if day < as_of or (day, kind) in done_keys
    ]
    quota = policy.quota_for(account.account_id, account.tier)
    days = _Days(calendar, period)
    offset = (as_of - period.start).days
    free = _free_days(days, account.blackout_dates)
    # the days before as_of are the record of the past: a visit laid out anew never goes
    # there, even when its whole slot and every day after it are blocked
    free[:offset] = [False] * offset
    taken: dict[VisitKind, set[int]] = {kind: set() for kind in VisitKind}
    for index in kept:
        taken[plan.kinds[index]].add((plan.days[index] - period.start).days)
    rest = Period(as_of, period.end)
    counts = {}
    for kind in VisitKind:
        kept_days = taken[kind]
        # what the new tier asks of the whole period, less what is already kept of it
        owed = scaled_count(quota.count(kind), period) - len(kept_days)
        if kind not in FESTIVAL_KINDS:
            # the new tier's rhythm applies from as_of (visits done early count), but a
            # re-plan never asks more than the period's quota: re-planning for new
            # blackout dates alone must not add visits by rounding up the rest
            owed = min(
                owed,
                scaled_count(quota.count(kind), rest)
                - sum(1 for index in kept_days if index >= offset),
            )
        counts[kind] = max(0, owed)
    ahead = [index for index in _festival_indices(festivals, period) if index > offset]
    slots = _slots(days, offset, ahead, counts, account.account_id)
    placed, stranded = _lay_out(slots, free, taken)
    rows = [
        (
            plan.days[index],
            plan.kinds[index],
            plan.visitors[index],
            plan.topics[index],
            plan.windows[index] if plan.windows else Period(
                plan.days[index], plan.days[index] + timedelta(days=1)
            ),
            False,
        )
        for index in kept
    ]
    new_kinds = [kind for _, kind, _ in placed]
    new_topics = _topics_for(new_kinds, start=len(kept))
    # the round robin goes on from the visits kept, as if the plan had been made whole
    turn = len(kept) % len(account.staff)
    new_visitors = _visitors(account.staff[turn:] + account.staff[:turn], len(placed), {})
    rows.extend(
        (
            period.start + timedelta(days=index),
            kind,
            visitors,
            topics,
            _slot_window(days, slot, index, offset, windows_before),
            True,
        )
        for (index, kind, slot), visitors, topics in zip(
            placed, new_visitors, new_topics, strict=True
        )
    )
    visit_days, kinds, visitor_column, topic_column, windows, fresh = _visit_columns(rows, 6)
    new_plan = VisitPlan._from_planner(
        plan.account_id,
        account.tier,
        period,
        visit_days,
        kinds,
        visitor_column,
        topic_column,
        _interval(scaled_count(quota.regular, period), period),
        windows,
    )
    event = VisitPlanned(
        occurred_at=now,
        account_id=plan.account_id,
        period=period,
        visit_count=len(new_plan),
    )
    stranded_windows = tuple(
        (slot.kind, _slot_window(days, slot, slot.lo, offset, windows_before))
        for slot in stranded
    )
    return (
        new_plan, (event,), frozenset(n for n, flag in enumerate(fresh) if flag),
        stranded_windows,
    )


def festival_window(days: _Days, first: int, festival: int, before: int) -> tuple[int, int]:
    """The ``before`` working days before ``festival`` from day ``first`` on, as ``(lo, hi)``."""
    lo, found, index = festival, 0, festival - 1
    while index >= first and found < before:
        if days.working[index]:
            found += 1
            lo = index
        index -= 1
    return min(lo, festival - 1), festival


def _slot_window(
    days: _Days, slot: _Slot, index: int, first: int, windows_before: Mapping[VisitKind, int]
) -> Period:
    """The window of a visit laid out on day ``index`` for ``slot`` (holding its day)."""
    lo, hi = slot.lo, slot.hi
    if slot.kind in FESTIVAL_KINDS:
        lo, hi = festival_window(days, max(first, slot.lo), slot.hi, windows_before[slot.kind])
    start = days.period.start
    return Period(
        start + timedelta(days=min(lo, index)), start + timedelta(days=max(hi, index + 1))
    )


def _check_arguments(calendar: object, **arguments: object) -> None:
    """Refuse a wrong collaborator by name (it would fail later with an AttributeError)."""
    if not isinstance(calendar, WorkingDayCalendar):
        raise InvalidInput(
            "calendar must be a working-day calendar (zone, is_working_day), such as a "
            f"BusinessCalendar, got {calendar!r}"
        )
    for name, value in arguments.items():
        expected, described = _ARGUMENT_KINDS[name]
        if not isinstance(value, expected):
            raise InvalidInput(f"{name} must be {described}, got {value!r}")


_ARGUMENT_KINDS: dict[str, tuple[type, str]] = {
    "period": (Period, "a Period"),
    "plan": (VisitPlan, "a VisitPlan"),
    "account": (AccountToPlan, "an AccountToPlan"),
}


def _festival_indices(festivals: Iterable[date], period: Period) -> list[int]:
    indices = set()
    for festival in to_items(festivals, field="festivals", expected="dates"):
        require_day_in_years(festival, field="a day in festivals")
        if festival in period:
            indices.add((festival - period.start).days)
    return sorted(indices)


def _free_days(days: _Days, blackout: Collection[date]) -> list[bool]:
    free = list(days.working)
    start = days.period.start
    for day in blackout:
        if day in days.period:
            free[(day - start).days] = False
    return free
