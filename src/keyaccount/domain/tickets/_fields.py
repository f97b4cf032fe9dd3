"""Validators of the ticket values' fields that no other subdomain uses (private; SPEC §11)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import attrs

from keyaccount._errors import InvalidInput
from keyaccount._validation import DURATION_DAYS_LIMIT, to_enum
from keyaccount.domain.tickets.enums import Severity, TicketKind, TicketSource, TicketStatus

_LONGEST = timedelta(days=DURATION_DAYS_LIMIT)


def _name(instance: object, attribute: attrs.Attribute[Any]) -> str:
    return f"{type(instance).__name__}.{attribute.name}"


def business_time(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An attrs validator: a timedelta from zero to 10 years (3,660 days; SPEC §11)."""
    if not isinstance(value, timedelta) or not timedelta(0) <= value <= _LONGEST:
        raise InvalidInput(
            f"{_name(instance, attribute)} must be a timedelta from 0 to 10 years "
            f"({DURATION_DAYS_LIMIT} days), got {value!r}"
        )


def to_source(value: object) -> TicketSource:
    """The ticket's source, from a :class:`TicketSource` or its value."""
    return to_enum(TicketSource, value, field="FeedbackTicket.source")


def to_kind(value: object) -> TicketKind:
    """The ticket's kind, from a :class:`TicketKind` or its value."""
    return to_enum(TicketKind, value, field="FeedbackTicket.kind")


def to_severity(value: object) -> Severity:
    """The ticket's severity, from a :class:`Severity` or its value."""
    return to_enum(Severity, value, field="FeedbackTicket.severity")


def to_status(value: object) -> TicketStatus:
    """The ticket's status, from a :class:`TicketStatus` or its value."""
    return to_enum(TicketStatus, value, field="FeedbackTicket.status")
