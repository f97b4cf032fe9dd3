"""Handing a leaver's planned visits to a successor within capacity (private; issue 13).

One job: :meth:`keyaccount.VisitPlanner.hand_over`. Each visit the leaver had from
``from_day`` on, not yet done, goes to the successor on its own day when the successor has
room that day (and, for an in-person visit, no visit in another area); else on the least
loaded free day of its window (a working day, off the customer's blackout dates, with no
visit of that kind for the account); else it is reported unplaced. The successor's limits
are read from the capacity policy, their load from every plan of the portfolio.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
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
from keyaccount.domain.visits._refit import Room, shortfall_of
from keyaccount.domain.visits.accounts import AccountToPlan
from keyaccount.domain.visits.events import VisitReassigned
from keyaccount.domain.visits.kinds import _KIND_ORDER, VisitKind
from keyaccount.domain.visits.plan import _done_keys
from keyaccount.domain.visits.portfolio import PortfolioPlan, UnplacedReason, UnplacedVisit
from keyaccount.domain.visits.ports import VisitCapacityPolicy, WorkingDayCalendar
from keyaccount.domain.visits.records import VisitRecord


def hand_over_visits(
    portfolio: PortfolioPlan,
    capacity: VisitCapacityPolicy,
    accounts: Iterable[AccountToPlan],
    departing: str,
    successor: str | Mapping[str, str],
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
    if isinstance(successor, Mapping):
        successors: dict[str, str] = {}
        for account_id, name in successor.items():
            require_non_empty(account_id, field="an account id in hand_over successor")
            require_non_empty(name, field=f"hand_over successor[{account_id!r}]")
            if name == departing:
                raise InvalidInput(f"{departing!r} cannot succeed themself (hand_over successor"
                                   f"[{account_id!r}])")
            successors[account_id] = name
        default = None
    else:
        require_non_empty(successor, field="hand_over successor")
        if departing == successor:
            raise InvalidInput(f"{departing!r} cannot succeed themself (hand_over)")
        successors, default = {}, successor
    require_day_in_years(from_day, field="hand_over from_day")
    require_instant_in_years(now, field="now")
    given = to_items(accounts, field="accounts", expected="AccountToPlan values")
    by_id: dict[str, AccountToPlan] = {}
    for account in given:
        if not isinstance(account, AccountToPlan):
            raise InvalidInput(f"accounts must hold AccountToPlan values, got {account!r}")
        by_id[account.account_id] = account
    done_keys = _done_keys(done)
    people = set(successors.values()) if default is None else {default}
    room = Room(
        capacity, calendar, portfolio.plans, people,
        {account_id: account.area for account_id, account in by_id.items()},
    )
    plans = []
    unplaced = list(portfolio.unplaced)
    events = []
    for plan in portfolio.plans:
        owner = by_id.get(plan.account_id)
        heir = successors.get(plan.account_id, default)
        leaves = any(departing in names for names in plan.visitors)
        if owner is None or heir is None:
            if leaves and owner is None:
                raise InvalidInput(
                    f"accounts must hold the account {plan.account_id!r} to hand over"
                )
            if leaves and heir is None and any(
                departing in names and day >= from_day
                for day, names in zip(plan.days, plan.visitors, strict=True)
            ):
                raise InvalidInput(
                    f"hand_over successor names no successor for {plan.account_id!r}, "
                    f"whose visits {departing!r} has from {from_day.isoformat()} on"
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
            kept_days.discard((day, kind))

            def free(
                other: date,
                kind: VisitKind = kind,
                blackout: frozenset[date] = owner.blackout_dates,
                kept: set[tuple[date, VisitKind]] = kept_days,
            ) -> bool:
                return other not in blackout and (other, kind) not in kept

            chosen = room.fit((heir,), day, kind, window, from_day, free, owner.area)
            handed += 1
            if chosen is None:
                unplaced.append(UnplacedVisit(
                    plan.account_id, kind,
                    window or Period(day, day + timedelta(days=1)),
                    UnplacedReason.NO_CAPACITY,
                ))
                continue
            kept_days.add((chosen[0], kind))
            names = tuple(dict.fromkeys(heir if n == departing else n for n in visitors))
            new_rows.append((chosen[0], kind, names, topics, window))
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
            successor=heir, from_day=from_day, visit_count=handed,
        ))
    return (
        PortfolioPlan(tuple(plans), tuple(unplaced), shortfall_of(unplaced, capacity)),
        tuple(events),
    )
