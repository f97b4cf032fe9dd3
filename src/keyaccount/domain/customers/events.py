"""Events of a customer file that are not lifecycle steps: records, amendments, staffing.

The lifecycle's own events are in :mod:`keyaccount.domain.customers.lifecycle_events`; a
change of tier is the grading's :class:`~keyaccount.TierChanged`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from keyaccount._errors import InvalidInput
from keyaccount._validation import (
    instance_of,
    names,
    non_empty,
    optional_non_empty,
    require_bool,
    require_non_empty,
    to_items,
    to_pairs,
)
from keyaccount.domain.customers.records import ProcessRecord
from keyaccount.domain.events import DomainEvent

__all__ = [
    "AccountReassigned",
    "FileAmended",
    "ProcessRecorded",
    "StaffAssigned",
    "TicketHandedOver",
]


# mypy's attrs plugin wants named converter functions, hence one per field.
def _previous(value: Iterable[tuple[str, Any]]) -> tuple[tuple[str, Any], ...]:
    pairs = to_pairs(value, field="FileAmended.previous", entry="(field, value before)")
    for field, _ in pairs:
        require_non_empty(field, field="a field in FileAmended.previous")
    if not pairs:
        raise InvalidInput("FileAmended.previous must name at least one field amended, got ()")
    return pairs


def _bool(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    require_bool(value, field=f"{type(instance).__name__}.{attribute.name}")


_TICKET_ROLES = ("responsible_person", "lead_coordinator")


def _ticket_roles(value: Iterable[str]) -> tuple[str, ...]:
    roles = to_items(value, field="TicketHandedOver.roles", expected="role names")
    if not roles or any(role not in _TICKET_ROLES for role in roles) or len(set(roles)) != len(
        roles
    ):
        raise InvalidInput(
            f"TicketHandedOver.roles must name each of {list(_TICKET_ROLES)} at most once and "
            f"at least one of them, got {roles!r}"
        )
    return roles


def _successors(value: Iterable[str]) -> tuple[str, ...]:
    successors = to_items(value, field="AccountReassigned.successors", expected="names")
    if not successors:
        raise InvalidInput("AccountReassigned.successors must name at least one person, got ()")
    return successors


@attrs.frozen(kw_only=True)
class ProcessRecorded(DomainEvent):
    """A process record was appended to the file.

    Attributes:
        account_id: the customer's id.
        record: the record appended.
    """

    account_id: str = attrs.field(validator=non_empty)
    record: ProcessRecord = attrs.field(validator=instance_of(ProcessRecord))


@attrs.frozen(kw_only=True)
class FileAmended(DomainEvent):
    """Fields of the file were corrected or brought up to date (e.g. the twice-yearly survey).

    Attributes:
        account_id: the customer's id.
        previous: ``(field, value before)`` for each field changed, so the host's event log
            keeps what the file said before.
    """

    account_id: str = attrs.field(validator=non_empty)
    previous: tuple[tuple[str, Any], ...] = attrs.field(converter=_previous)


@attrs.frozen(kw_only=True)
class StaffAssigned(DomainEvent):
    """Someone now covers the account.

    Attributes:
        account_id: the customer's id.
        person: who was assigned.
        account_manager: whether they became its account manager.
    """

    account_id: str = attrs.field(validator=non_empty)
    person: str = attrs.field(validator=non_empty)
    account_manager: bool = attrs.field(validator=_bool)


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

    account_id: str = attrs.field(validator=non_empty)
    departing: str = attrs.field(validator=non_empty)
    successors: tuple[str, ...] = attrs.field(converter=_successors, validator=names)
    account_manager: str | None = attrs.field(validator=optional_non_empty)
    inform_customer: bool = attrs.field(default=True, validator=_bool)



@attrs.frozen(kw_only=True)
class TicketHandedOver(DomainEvent):
    """An open ticket of a departing staff member went to their successor (SPEC §3, §7).

    Nothing of the ticket stays with the leaver: every role they held on it (responsible
    person, lead coordinator) is now the successor's (seed 003 第十一条; seed 001 §五).

    Attributes:
        account_id: the ticket's customer.
        ticket_id: the ticket.
        departing: who left.
        successor: who holds the ticket now.
        roles: the roles that moved, ``"responsible_person"`` and/or ``"lead_coordinator"``.
    """

    account_id: str = attrs.field(validator=non_empty)
    ticket_id: str = attrs.field(validator=non_empty)
    departing: str = attrs.field(validator=non_empty)
    successor: str = attrs.field(validator=non_empty)
    roles: tuple[str, ...] = attrs.field(converter=_ticket_roles)

    def __attrs_post_init__(self) -> None:
        if self.successor == self.departing:
            raise InvalidInput(
                f"TicketHandedOver of {self.ticket_id!r}: successor {self.successor!r} must not "
                f"be the departing person"
            )
