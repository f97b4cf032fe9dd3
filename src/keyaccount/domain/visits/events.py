"""The events of the visit family: planned, reassigned, recorded, overdue (SPEC §6).

Every name starts with ``Visit``: ``VisitReassigned`` was ``VisitorReassigned`` in 0.1.0.
"""

from __future__ import annotations

from datetime import date, datetime

import attrs

from keyaccount._validation import (
    COUNT_LIMIT,
    a_date,
    count,
    instance_of,
    non_empty,
    optional_date,
    require_instant_in_years,
    to_enum,
)
from keyaccount.domain.calendar import Period
from keyaccount.domain.events import DomainEvent
from keyaccount.domain.visits._unchecked import unchecked_builder
from keyaccount.domain.visits.kinds import VisitKind, visit_id

__all__ = ["VisitOverdue", "VisitPlanned", "VisitReassigned", "VisitRecorded"]

# Events are strict like every value (SPEC §11): a host rebuilds them from stored data. A kind
# is a member or its string form.
_visit_count = count(maximum=COUNT_LIMIT)


def _in_years(_instance: object, attribute: attrs.Attribute[datetime], value: object) -> None:
    require_instant_in_years(value, field=f"VisitRecorded.{attribute.name}")


def _recorded_kind(value: VisitKind | str) -> VisitKind:
    if type(value) is VisitKind:
        return value
    return to_enum(VisitKind, value, field="VisitRecorded.kind")


def _overdue_kind(value: VisitKind | str) -> VisitKind:
    if type(value) is VisitKind:
        return value
    return to_enum(VisitKind, value, field="VisitOverdue.kind")


@attrs.frozen(kw_only=True)
class VisitPlanned(DomainEvent):
    """A visit plan was made (or remade) for an account.

    Attributes:
        account_id: the account.
        period: the plan period.
        visit_count: how many visits the plan holds.
    """

    account_id: str = attrs.field(validator=non_empty)
    period: Period = attrs.field(validator=instance_of(Period))
    visit_count: int = attrs.field(validator=_visit_count)


@attrs.frozen(kw_only=True)
class VisitReassigned(DomainEvent):
    """A departing staff member's planned visits went to a successor (SPEC §3 handover).

    Attributes:
        account_id: the account.
        departing: who left.
        successor: who goes in their place.
        from_day: the first day whose visits were handed over.
        visit_count: how many planned visits changed visitor.
    """

    account_id: str = attrs.field(validator=non_empty)
    departing: str = attrs.field(validator=non_empty)
    successor: str = attrs.field(validator=non_empty)
    from_day: date = attrs.field(validator=a_date)
    visit_count: int = attrs.field(validator=_visit_count)


@attrs.frozen(kw_only=True)
class VisitRecorded(DomainEvent):
    """A visit was recorded.

    Attributes:
        account_id: the account visited.
        record_id: the record.
        kind: the kind of contact.
        visited_at: when it took place.
        planned_day: the planned day it carried out, or None.
    """

    account_id: str = attrs.field(validator=non_empty)
    record_id: str = attrs.field(validator=non_empty)
    kind: VisitKind = attrs.field(converter=_recorded_kind)
    visited_at: datetime = attrs.field(validator=_in_years)
    planned_day: date | None = attrs.field(validator=optional_date)


@attrs.frozen(kw_only=True)
class VisitOverdue(DomainEvent):
    """A planned visit's day passed without a record (reported once).

    Attributes:
        account_id: the account.
        kind: the kind of the planned visit.
        planned_day: its planned day.
    """

    account_id: str = attrs.field(validator=non_empty)
    kind: VisitKind = attrs.field(converter=_overdue_kind)
    planned_day: date = attrs.field(validator=a_date)

    @property
    def visit_id(self) -> str:
        """The id of the overdue planned visit (:func:`visit_id`)."""
        return visit_id(self.account_id, self.planned_day, self.kind)


# The planner and compliance build their events from values they checked already, 100,000
# at a time: these skip the field checks (private to the visits package).
_planned = unchecked_builder(VisitPlanned)
_overdue = unchecked_builder(VisitOverdue)
