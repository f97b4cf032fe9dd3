"""Handing a leaver's planned visits to a successor within capacity (private; issue 13).

One job: :meth:`keyaccount.VisitPlanner.hand_over`. Each visit the leaver had from
``from_day`` on, not yet done, goes to the successor on its own day when the successor has
room that day (and, for an in-person visit, no visit in another area); else on the least
loaded free day of its window (a working day, off the customer's blackout dates, with no
visit of that kind for the account); else it is reported unplaced. The successor's limits
are read from the capacity policy, their load from every plan of the portfolio.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime, timedelta

import attrs

from keyaccount._errors import InvalidInput
from keyaccount._validation import (
    require_day_in_years,
    require_instant_in_years,
    require_non_empty,
    to_items,
)
from keyaccount.domain.calendar import Period
from keyaccount.domain.visits.accounts import AccountToPlan
from keyaccount.domain.visits.events import VisitReassigned
from keyaccount.domain.visits.kinds import _KIND_ORDER, VisitKind, VisitLoad
from keyaccount.domain.visits.plan import _done_keys
from keyaccount.domain.visits.portfolio import PortfolioPlan, UnplacedReason, UnplacedVisit
from keyaccount.domain.visits.ports import VisitCapacityPolicy, WorkingDayCalendar
from keyaccount.domain.visits.records import VisitRecord


def hand_over_visits(
    portfolio: PortfolioPlan,
    capacity: VisitCapacityPolicy,
    accounts: Iterable[AccountToPlan],
    departing: str,
    successor: str,
    from_day: date,
    calendar: WorkingDayCalendar,
    now: datetime,
    done: Iterable[tuple[date, VisitKind]] | Iterable[VisitRecord],
) -> tuple[PortfolioPlan, tuple[VisitReassigned, ...]]:
    """See :meth:`keyaccount.VisitPlanner.hand_over`."""
    if not isinstance(portfolio, PortfolioPlan):
        raise InvalidInput(f"portfolio must be a PortfolioPlan, got {portfolio!r}")
    if not isinstance(calendar, WorkingDayCalendar):
        raise InvalidInput(
            f"calendar must be a working-day calendar (zone, is_working_day), got {calendar!r}"
        )
    require_non_empty(departing, field="hand_over departing")
    require_non_empty(successor, field="hand_over successor")
    if departing == successor:
        raise InvalidInput(f"{departing!r} cannot succeed themself (hand_over)")
    require_day_in_years(from_day, field="hand_over from_day")
    require_instant_in_years(now, field="now")
    given = to_items(accounts, field="accounts", expected="AccountToPlan values")
    by_id: dict[str, AccountToPlan] = {}
    for account in given:
        if not isinstance(account, AccountToPlan):
            raise InvalidInput(f"accounts must hold AccountToPlan values, got {account!r}")
        by_id[account.account_id] = account
    done_keys = _done_keys(done)
    load: Counter[tuple[date, VisitLoad]] = Counter()
    areas: dict[date, str] = {}
    for plan in portfolio.plans:
        area = by_id[plan.account_id].area if plan.account_id in by_id else None
        for day, kind, visitors in zip(plan.days, plan.kinds, plan.visitors, strict=True):
            if successor in visitors:
                visit_load = VisitLoad.of(kind)
                load[(day, visit_load)] += 1
                if area is not None and visit_load is VisitLoad.IN_PERSON:
                    areas.setdefault(day, area)
    limits: dict[tuple[date, VisitLoad], int | None] = {}

    def room(day: date, visit_load: VisitLoad, area: str | None) -> bool:
        key = (day, visit_load)
        if key not in limits:
            limits[key] = (
                capacity.limit(successor, day, visit_load) if calendar.is_working_day(day) else 0
            )
        limit = limits[key]
        if limit is not None and load[key] >= limit:
            return False
        return area is None or visit_load is not VisitLoad.IN_PERSON or areas.get(day) in (
            None,
            area,
        )

    plans = []
    unplaced = list(portfolio.unplaced)
    events = []
    for plan in portfolio.plans:
        owner = by_id.get(plan.account_id)
        if owner is None:
            if any(departing in names for names in plan.visitors):
                raise InvalidInput(
                    f"accounts must hold the account {plan.account_id!r} to hand over"
                )
            plans.append(plan)
            continue
        rows = list(
            zip(plan.days, plan.kinds, plan.visitors, plan.topics,
                plan.windows or (None,) * len(plan), strict=True)
        )
        kept_days = {(day, kind) for day, kind, *_ in rows}
        handed = 0
        new_rows = []
        for day, kind, visitors, topics, window in rows:
            if departing not in visitors or day < from_day or (day, kind) in done_keys:
                new_rows.append((day, kind, visitors, topics, window))
                continue
            visit_load = VisitLoad.of(kind)
            area = owner.area
            chosen = None
            if room(day, visit_load, area):
                chosen = day
            elif window is not None:
                candidates = [
                    window.start + timedelta(days=offset) for offset in range(window.days)
                ]
                free = [
                    other for other in candidates
                    if other >= from_day
                    and other not in owner.blackout_dates
                    and (other, kind) not in kept_days
                    and room(other, visit_load, area)
                ]
                if free:
                    chosen = min(free, key=lambda other: (load[(other, visit_load)], other))
            if chosen is None:
                kept_days.discard((day, kind))
                unplaced.append(UnplacedVisit(
                    plan.account_id, kind,
                    window or Period(day, day + timedelta(days=1)),
                    UnplacedReason.NO_CAPACITY,
                ))
                handed += 1
                continue
            kept_days.discard((day, kind))
            kept_days.add((chosen, kind))
            load[(chosen, visit_load)] += 1
            if area is not None and visit_load is VisitLoad.IN_PERSON:
                areas.setdefault(chosen, area)
            names = tuple(dict.fromkeys(successor if n == departing else n for n in visitors))
            new_rows.append((chosen, kind, names, topics, window))
            handed += 1
        if not handed:
            plans.append(plan)
            continue
        new_rows.sort(key=lambda row: (row[0], _KIND_ORDER[row[1]]))
        columns = list(zip(*new_rows, strict=True)) if new_rows else [()] * 5
        plans.append(attrs.evolve(
            plan,
            days=tuple(columns[0]),
            kinds=tuple(columns[1]),
            visitors=tuple(columns[2]),
            topics=tuple(columns[3]),
            windows=tuple(columns[4]) if plan.windows else (),
        ))
        events.append(VisitReassigned(
            occurred_at=now, account_id=plan.account_id, departing=departing,
            successor=successor, from_day=from_day, visit_count=handed,
        ))
    return (
        PortfolioPlan(tuple(plans), tuple(unplaced), portfolio.shortfall),
        tuple(events),
    )
