"""A portfolio's visit plan: the plans, the visits that did not fit, and the team's load.

Issue 13 (seed 001 三(三): 走访计划 made in advance, 合理安排走访行程，确保走访工作高效有序进行):
:meth:`keyaccount.VisitPlanner.plan_portfolio` places every visit it can within each
person's capacity and returns a :class:`PortfolioPlan`. When the team cannot carry the plan,
the visits left over are :class:`UnplacedVisit` values and :attr:`PortfolioPlan.shortfall`
says how many person-days are missing in which month, in person and by phone separately:
capacity is never exceeded.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable
from datetime import date

import attrs

from keyaccount._errors import InvalidInput
from keyaccount._validation import (
    COUNT_LIMIT,
    a_date,
    count,
    instance_of,
    instances_of,
    non_empty,
    to_enum,
    to_items,
)
from keyaccount.domain.calendar import Period
from keyaccount.domain.visits.kinds import VisitKind, VisitLoad
from keyaccount.domain.visits.plan import VisitPlan

__all__ = [
    "PersonDayLoad",
    "PortfolioPlan",
    "Shortfall",
    "UnplacedReason",
    "UnplacedVisit",
]

_count = count(maximum=COUNT_LIMIT)


class UnplacedReason(enum.Enum):
    """Why a visit owed was not placed."""

    #: every working day of the window is full for every staff member of the account
    NO_CAPACITY = "no_capacity"
    #: the window holds no working day off the customer's blackout dates
    NO_FREE_DAY = "no_free_day"

    __hash__ = object.__hash__


def _kind(value: VisitKind | str) -> VisitKind:
    return to_enum(VisitKind, value, field="UnplacedVisit.kind")


def _reason(value: UnplacedReason | str) -> UnplacedReason:
    return to_enum(UnplacedReason, value, field="UnplacedVisit.reason")


def _load(value: VisitLoad | str) -> VisitLoad:
    return to_enum(VisitLoad, value, field="Shortfall.load")


@attrs.frozen
class UnplacedVisit:
    """A visit owed that the planner could not place (it plans what fits, never overloads).

    Attributes:
        account_id: the account.
        kind: the kind of visit.
        window: the days it could have gone on.
        reason: why it was not placed.

    >>> from datetime import date
    >>> UnplacedVisit("ACME", "on_site", Period(date(2026, 3, 1), date(2026, 4, 1)),
    ...               "no_capacity").reason
    <UnplacedReason.NO_CAPACITY: 'no_capacity'>
    """

    account_id: str = attrs.field(validator=non_empty)
    kind: VisitKind = attrs.field(converter=_kind)
    window: Period = attrs.field(validator=instance_of(Period))
    reason: UnplacedReason = attrs.field(converter=_reason)


@attrs.frozen
class Shortfall:
    """Person-days missing in one month for one budget (in person or by phone).

    Attributes:
        month: the first day of the month in which the windows of the unplaced visits close.
        load: the budget (:class:`VisitLoad`).
        visits: the visits of that budget left unplaced for want of capacity.
        person_days: the working days of a full-time person they need (the policy's
            standard limit), rounded up.

    >>> Shortfall(date(2026, 3, 1), "in_person", 7, 3).person_days
    3
    """

    month: date = attrs.field(validator=a_date)
    load: VisitLoad = attrs.field(converter=_load)
    visits: int = attrs.field(validator=_count)
    person_days: int = attrs.field(validator=_count)

    def __attrs_post_init__(self) -> None:
        if self.month.day != 1:
            raise InvalidInput(
                f"Shortfall.month must be the first day of a month, got {self.month.isoformat()}"
            )


@attrs.frozen
class PersonDayLoad:
    """The visits one person has on one day, by budget.

    Attributes:
        person: the staff member.
        day: the day.
        in_person: on-site, holiday visits and events.
        phone: phone return visits.
        message: greetings.
    """

    person: str = attrs.field(validator=non_empty)
    day: date = attrs.field(validator=a_date)
    in_person: int = attrs.field(validator=_count)
    phone: int = attrs.field(validator=_count)
    message: int = attrs.field(validator=_count)


def _plans(value: Iterable[VisitPlan]) -> tuple[VisitPlan, ...]:
    return to_items(value, field="PortfolioPlan.plans", expected="VisitPlan values")


def _unplaced(value: Iterable[UnplacedVisit]) -> tuple[UnplacedVisit, ...]:
    return to_items(value, field="PortfolioPlan.unplaced", expected="UnplacedVisit values")


def _shortfall(value: Iterable[Shortfall]) -> tuple[Shortfall, ...]:
    return to_items(value, field="PortfolioPlan.shortfall", expected="Shortfall values")


@attrs.frozen
class PortfolioPlan:
    """A portfolio's visit plans, the visits that did not fit, and what is missing.

    Attributes:
        plans: one plan per account, in account id order.
        unplaced: the visits owed that were not placed, by account, window and kind.
        shortfall: the person-days missing, by month and budget (empty when all fit).
    """

    plans: tuple[VisitPlan, ...] = attrs.field(
        converter=_plans, validator=instances_of(VisitPlan)
    )
    unplaced: tuple[UnplacedVisit, ...] = attrs.field(
        default=(), converter=_unplaced, validator=instances_of(UnplacedVisit)
    )
    shortfall: tuple[Shortfall, ...] = attrs.field(
        default=(), converter=_shortfall, validator=instances_of(Shortfall)
    )

    def __len__(self) -> int:
        return len(self.plans)

    @property
    def visit_count(self) -> int:
        """The visits placed."""
        return sum(len(plan) for plan in self.plans)

    def person_days(self) -> tuple[PersonDayLoad, ...]:
        """Every person-day with a visit, by person and day."""
        counts: Counter[tuple[str, date, VisitLoad]] = Counter()
        load_of = VisitLoad.of
        for plan in self.plans:
            for day, kind, visitors in zip(plan.days, plan.kinds, plan.visitors, strict=True):
                load = load_of(kind)
                for person in visitors:
                    counts[person, day, load] += 1
        keys = sorted({(person, day) for person, day, _ in counts})
        return tuple(
            PersonDayLoad(
                person,
                day,
                counts[person, day, VisitLoad.IN_PERSON],
                counts[person, day, VisitLoad.PHONE],
                counts[person, day, VisitLoad.MESSAGE],
            )
            for person, day in keys
        )

    def busiest(self, load: VisitLoad | str = VisitLoad.IN_PERSON) -> PersonDayLoad | None:
        """The person-day with the most visits of ``load`` (the first by person and day)."""
        load = to_enum(VisitLoad, load, field="PortfolioPlan.busiest load")
        best: PersonDayLoad | None = None
        for entry in self.person_days():
            if best is None or getattr(entry, load.value) > getattr(best, load.value):
                best = entry
        return best

    @property
    def days_used(self) -> int:
        """The distinct days on which some visit is planned."""
        return len({day for plan in self.plans for day in plan.days})
