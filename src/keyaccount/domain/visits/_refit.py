"""Fitting moved visits into a team's remaining capacity (private; issue 13, item 5).

One job: the rule shared by :meth:`keyaccount.VisitPlanner.hand_over` and
:meth:`keyaccount.VisitPlanner.replan_portfolio` (and so :meth:`~keyaccount.VisitPlanner.replan`):
a visit that changes hands or is laid out anew keeps its day when one of its people has room
that day (the capacity policy's limit for the day and budget, availability, and one area a
day for in-person visits); else it goes on the least loaded free day of its window from the
first day that may change (a working day, off the customer's blackout dates, with no other
visit of that kind for the account); else it is reported unplaced. Everyone's load is read
from every plan of the portfolio, so capacity is never exceeded by a move.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta

import attrs

from keyaccount._errors import InvalidInput
from keyaccount._validation import to_items
from keyaccount.domain.calendar import Period
from keyaccount.domain.visits._engine import replan_account
from keyaccount.domain.visits.accounts import AccountToPlan
from keyaccount.domain.visits.events import VisitPlanned
from keyaccount.domain.visits.kinds import _KIND_ORDER, VisitKind, VisitLoad
from keyaccount.domain.visits.plan import VisitPlan
from keyaccount.domain.visits.portfolio import (
    PortfolioPlan,
    Shortfall,
    UnplacedReason,
    UnplacedVisit,
)
from keyaccount.domain.visits.ports import (
    VisitCapacityPolicy,
    VisitFrequencyPolicy,
    WorkingDayCalendar,
)
from keyaccount.domain.visits.records import VisitRecord

_IN_PERSON = VisitLoad.IN_PERSON


class Room:
    """The load, areas and limits of the people a move may give visits to."""

    __slots__ = ("areas", "calendar", "capacity", "limits", "load", "people")

    def __init__(
        self,
        capacity: VisitCapacityPolicy,
        calendar: WorkingDayCalendar,
        plans: Iterable[VisitPlan],
        people: Iterable[str],
        area_of: Mapping[str, str | None],
    ) -> None:
        self.capacity = capacity
        self.calendar = calendar
        self.people = frozenset(people)
        self.load: Counter[tuple[str, date, VisitLoad]] = Counter()
        self.areas: dict[tuple[str, date], str] = {}
        self.limits: dict[tuple[str, date, VisitLoad], int | None] = {}
        for plan in plans:
            self.add_plan(plan, area_of.get(plan.account_id))

    def add_plan(self, plan: VisitPlan, area: str | None) -> None:
        """Count every visit of ``plan`` of the people tracked."""
        people = self.people
        for day, kind, visitors in zip(plan.days, plan.kinds, plan.visitors, strict=True):
            for person in visitors:
                if person in people:
                    self.add(person, day, VisitLoad.of(kind), area)

    def add(self, person: str, day: date, load: VisitLoad, area: str | None) -> None:
        """Count one visit of ``person`` on ``day``."""
        self.load[(person, day, load)] += 1
        if area is not None and load is _IN_PERSON:
            self.areas.setdefault((person, day), area)

    def has_room(self, person: str, day: date, load: VisitLoad, area: str | None) -> bool:
        """Whether ``person`` can take one more visit of ``load`` (in ``area``) on ``day``."""
        key = (person, day, load)
        if key not in self.limits:
            self.limits[key] = (
                self.capacity.limit(person, day, load)
                if self.calendar.is_working_day(day)
                else 0
            )
        limit = self.limits[key]
        if limit is not None and self.load[key] >= limit:
            return False
        return area is None or load is not _IN_PERSON or self.areas.get((person, day)) in (
            None,
            area,
        )

    def fit(
        self,
        people: Sequence[str],
        day: date,
        kind: VisitKind,
        window: Period | None,
        first: date,
        free: Callable[[date], bool],
        area: str | None,
    ) -> tuple[date, str] | None:
        """Where one visit goes: its own day, else the least loaded free day of its window.

        ``people`` in order of preference; ``window`` a :class:`~keyaccount.Period` or
        ``None`` (then only the visit's own day); ``free(day)`` whether the account may have
        the visit that day. The chosen person-day is counted.
        """
        load = VisitLoad.of(kind)
        chosen: tuple[date, str] | None = None
        for person in people:
            if self.has_room(person, day, load, area):
                chosen = (day, person)
                break
        if chosen is None and window is not None:
            best: tuple[int, date, int, str] | None = None
            start = window.start
            for offset in range(window.days):
                other = start + timedelta(days=offset)
                if other < first or not free(other):
                    continue
                for rank, person in enumerate(people):
                    if self.has_room(person, other, load, area):
                        candidate = (self.load[(person, other, load)], other, rank, person)
                        if best is None or candidate < best:
                            best = candidate
            if best is not None:
                chosen = (best[1], best[3])
        if chosen is not None:
            self.add(chosen[1], chosen[0], load, area)
        return chosen


def shortfall_of(
    unplaced: Iterable[UnplacedVisit], capacity: VisitCapacityPolicy
) -> tuple[Shortfall, ...]:
    """The person-days missing by month (in which the windows close) and budget."""
    missing: Counter[tuple[date, VisitLoad]] = Counter()
    for visit in unplaced:
        if visit.reason is UnplacedReason.NO_CAPACITY:
            last = visit.window.end - timedelta(days=1)
            missing[(last.replace(day=1), VisitLoad.of(visit.kind))] += 1
    order = list(VisitLoad)
    shortfall = []
    for (month, load), count in sorted(
        missing.items(), key=lambda item: (item[0][0], order.index(item[0][1]))
    ):
        standard = capacity.standard_limit(load)
        per_day = standard if standard else 1
        shortfall.append(Shortfall(month, load, count, -(-count // per_day)))
    return tuple(shortfall)


def replan_in_portfolio(
    policy: VisitFrequencyPolicy,
    capacity: VisitCapacityPolicy,
    calendar: WorkingDayCalendar,
    portfolio: PortfolioPlan,
    account: AccountToPlan,
    as_of: date,
    done: Iterable[tuple[date, VisitKind]] | Iterable[VisitRecord],
    festivals: Iterable[date],
    now: datetime,
    windows_before: Mapping[VisitKind, int],
    accounts: Iterable[AccountToPlan] = (),
) -> tuple[PortfolioPlan, tuple[VisitPlanned, ...]]:
    """See :meth:`keyaccount.VisitPlanner.replan_portfolio`."""
    if not isinstance(portfolio, PortfolioPlan):
        raise InvalidInput(f"portfolio must be a PortfolioPlan, got {portfolio!r}")
    if not isinstance(account, AccountToPlan):
        raise InvalidInput(f"account must be an AccountToPlan, got {account!r}")
    position = next(
        (n for n, plan in enumerate(portfolio.plans) if plan.account_id == account.account_id),
        None,
    )
    if position is None:
        raise InvalidInput(
            f"account {account.account_id!r} has no plan in the portfolio to re-plan"
        )
    old = portfolio.plans[position]
    laid_out, events, fresh, stranded = replan_account(
        policy, calendar, old, account, as_of, done, festivals, now, windows_before
    )
    area_of: dict[str, str | None] = {}
    for other in to_items(accounts, field="accounts", expected="AccountToPlan values"):
        if not isinstance(other, AccountToPlan):
            raise InvalidInput(f"accounts must hold AccountToPlan values, got {other!r}")
        area_of[other.account_id] = other.area
    staff = account.staff
    room = Room(capacity, calendar, (), staff, {})
    for number, plan in enumerate(portfolio.plans):
        if number != position:
            room.add_plan(plan, area_of.get(plan.account_id))
    blackout = account.blackout_dates
    area = account.area
    rows = []
    taken: set[tuple[date, VisitKind]] = set()
    for index, (day, kind, visitors, topics, window) in enumerate(
        zip(laid_out.days, laid_out.kinds, laid_out.visitors, laid_out.topics,
            laid_out.windows, strict=True)
    ):
        if index not in fresh:
            rows.append((day, kind, visitors, topics, window))
            taken.add((day, kind))
            for person in visitors:
                if person in room.people:
                    room.add(person, day, VisitLoad.of(kind), area)
    unplaced = [
        visit for visit in portfolio.unplaced
        if visit.account_id != account.account_id or visit.window.end <= as_of
    ]
    unplaced.extend(
        UnplacedVisit(account.account_id, kind, window, UnplacedReason.NO_FREE_DAY)
        for kind, window in stranded
    )
    # a visit laid out anew holds its own day until it is fitted: another one of its kind
    # moved earlier must not take that day (it would keep it and the two share the day)
    taken.update((laid_out.days[index], laid_out.kinds[index]) for index in fresh)
    for index in sorted(fresh):
        day, kind = laid_out.days[index], laid_out.kinds[index]
        taken.discard((day, kind))
        window = laid_out.windows[index]
        preferred = laid_out.visitors[index]
        people = [*preferred, *(name for name in staff if name not in preferred)]

        def free(other: date, kind: VisitKind = kind) -> bool:
            return other not in blackout and (other, kind) not in taken

        chosen = room.fit(people, day, kind, window, as_of, free, area)
        if chosen is None:
            # its own day is free (the engine laid it out there, from as_of on; a visit with
            # no free day left is among the stranded above): only capacity is lacking
            unplaced.append(
                UnplacedVisit(account.account_id, kind, window, UnplacedReason.NO_CAPACITY)
            )
            continue
        taken.add((chosen[0], kind))
        rows.append((chosen[0], kind, (chosen[1],), laid_out.topics[index], window))
    rows.sort(key=lambda row: (row[0], _KIND_ORDER[row[1]]))
    columns = list(zip(*rows, strict=True)) if rows else [()] * 5
    new_plan = VisitPlan._from_planner(
        laid_out.account_id, laid_out.tier, laid_out.period, tuple(columns[0]),
        tuple(columns[1]), tuple(columns[2]), tuple(columns[3]), laid_out.interval,
        tuple(columns[4]),
    )
    plans = list(portfolio.plans)
    plans[position] = new_plan
    unplaced.sort(key=lambda visit: (visit.account_id, visit.window.start, _KIND_ORDER[visit.kind]))
    event = attrs.evolve(events[0], visit_count=len(new_plan))
    return PortfolioPlan(tuple(plans), tuple(unplaced), shortfall_of(unplaced, capacity)), (event,)
