"""Events of a customer file that are not lifecycle steps: records, amendments, staffing.

The lifecycle's own events are in :mod:`keyaccount.domain.customers.lifecycle_events`; a
change of tier is the grading's :class:`~keyaccount.TierChanged`.
"""

from __future__ import annotations

from typing import Any

import attrs

from keyaccount.domain.customers.records import ProcessRecord
from keyaccount.domain.events import DomainEvent

__all__ = ["AccountReassigned", "FileAmended", "ProcessRecorded", "StaffAssigned"]


@attrs.frozen(kw_only=True)
class ProcessRecorded(DomainEvent):
    """A process record was appended to the file.

    Attributes:
        account_id: the customer's id.
        record: the record appended.
    """

    account_id: str
    record: ProcessRecord


@attrs.frozen(kw_only=True)
class FileAmended(DomainEvent):
    """Fields of the file were corrected or brought up to date (e.g. the twice-yearly survey).

    Attributes:
        account_id: the customer's id.
        previous: ``(field, value before)`` for each field changed, so the host's event log
            keeps what the file said before.
    """

    account_id: str
    previous: tuple[tuple[str, Any], ...]


@attrs.frozen(kw_only=True)
class StaffAssigned(DomainEvent):
    """Someone now covers the account.

    Attributes:
        account_id: the customer's id.
        person: who was assigned.
        account_manager: whether they became its account manager.
    """

    account_id: str
    person: str
    account_manager: bool


@attrs.frozen(kw_only=True)
class AccountReassigned(DomainEvent):
    """A departing staff member's place on the account went to successors (SPEC §3).

    The host tells the customer promptly and the successors get in touch (seed 003 第十一条);
    ``inform_customer`` is always true for a departure.

    Attributes:
        account_id: the customer's id.
        departing: who left.
        successors: who took over.
        account_manager: the account manager after the handover.
        inform_customer: the customer must be told of the change.
    """

    account_id: str
    departing: str
    successors: tuple[str, ...]
    account_manager: str | None
    inform_customer: bool = True

