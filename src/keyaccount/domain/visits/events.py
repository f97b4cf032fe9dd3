"""The events of the visit family: planned, reassigned, recorded, overdue (SPEC §6).

Every name starts with ``Visit``: ``VisitReassigned`` was ``VisitorReassigned`` in 0.1.0.
"""

from __future__ import annotations

from datetime import date, datetime

import attrs

from keyaccount.domain.calendar import Period
from keyaccount.domain.events import DomainEvent
from keyaccount.domain.visits.kinds import VisitKind, visit_id

__all__ = ["VisitOverdue", "VisitPlanned", "VisitReassigned", "VisitRecorded"]


@attrs.frozen(kw_only=True)
class VisitPlanned(DomainEvent):
    """A visit plan was made (or remade) for an account.

    Attributes:
        account_id: the account.
        period: the plan period.
        visit_count: how many visits the plan holds.
    """

    account_id: str
    period: Period
    visit_count: int


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

    account_id: str
    departing: str
    successor: str
    from_day: date
    visit_count: int


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

    account_id: str
    record_id: str
    kind: VisitKind
    visited_at: datetime
    planned_day: date | None


@attrs.frozen(kw_only=True)
class VisitOverdue(DomainEvent):
    """A planned visit's day passed without a record (reported once).

    Attributes:
        account_id: the account.
        kind: the kind of the planned visit.
        planned_day: its planned day.
    """

    account_id: str
    kind: VisitKind
    planned_day: date

    @property
    def visit_id(self) -> str:
        """The id of the overdue planned visit (:func:`visit_id`)."""
        return visit_id(self.account_id, self.planned_day, self.kind)
