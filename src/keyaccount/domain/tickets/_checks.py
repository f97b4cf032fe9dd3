"""The consistency rules of a stored feedback ticket (private; SPEC §11).

A host rebuilds tickets from storage, so what the lifecycle steps set is checked again when a
ticket is built: a history in time order, counters in range, and exactly the fields of its
status set. The rules take plain values, so the ticket module calls them without this module
knowing the ticket class (no import cycle).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any, TypeVar

from keyaccount._errors import InvalidInput
from keyaccount._validation import (
    COUNT_LIMIT,
    DURATION_DAYS_LIMIT,
    require_count,
    require_instances,
    require_instant_in_years,
    require_non_empty,
    to_items,
)
from keyaccount.domain.calendar import BusinessCalendar
from keyaccount.domain.tickets.closing_record import ClosingRecord
from keyaccount.domain.tickets.enums import SATISFACTION_SCALE, TicketStatus
from keyaccount.domain.tickets.history import EscalationMarks, TicketHistoryEntry

# A ticket's pauses add up to at most 10 years (the domain's bounds, SPEC §11).
_LONGEST_PAUSE = timedelta(days=DURATION_DAYS_LIMIT)


def check_ticket(ticket: Any) -> None:
    """Every rule of a stored ``FeedbackTicket`` (called from its ``__attrs_post_init__``)."""
    name = f"ticket {ticket.ticket_id!r}"
    for department in ticket.departments:
        require_non_empty(department, field="FeedbackTicket.departments")
    if ticket.is_cross_department and ticket.lead_coordinator is None:
        raise InvalidInput(
            f"{name} spans departments {list(ticket.involved_departments)}; a lead "
            f"coordinator is required (seed 001 §五(二)2), got lead_coordinator=None (a ledger "
            f"policy given to open_ticket names its department)"
        )
    for field in ("first_reply_deadline", "resolution_deadline"):
        deadline: datetime = getattr(ticket, field)
        if deadline < ticket.opened_at:
            raise InvalidInput(
                f"{name}: {field} {deadline.isoformat()} is before opened_at "
                f"{ticket.opened_at.isoformat()}; expected a deadline at or after the opening"
            )
    if not isinstance(ticket.escalation_marks, EscalationMarks):
        raise InvalidInput(
            f"{name}: escalation_marks must be EscalationMarks, got {ticket.escalation_marks!r}"
        )
    check_lifecycle_times(
        name, opened_at=ticket.opened_at, first_replied_at=ticket.first_replied_at,
        paused_at=ticket.paused_at, resolved_at=ticket.resolved_at, closed_at=ticket.closed_at,
        reopened_at=ticket.reopened_at,
    )
    check_history(ticket.history, opened_at=ticket.opened_at, ticket_name=name)
    check_counters(
        name, paused_business_time=ticket.paused_business_time,
        reopen_count=ticket.reopen_count, satisfaction=ticket.satisfaction,
        satisfied=ticket.satisfied,
    )
    check_status_fields(
        name, ticket.status, first_replied_at=ticket.first_replied_at,
        paused_at=ticket.paused_at, resolved_at=ticket.resolved_at,
        resolution_report=ticket.resolution_report, closed_at=ticket.closed_at,
        satisfaction=ticket.satisfaction, satisfied=ticket.satisfied,
    )
    check_closing(name, ticket.closing, satisfaction=ticket.satisfaction,
                  satisfied=ticket.satisfied, resolved_at=ticket.resolved_at,
                  closed_at=ticket.closed_at)


def check_closing(
    ticket_name: str, closing: ClosingRecord | None, *, satisfaction: int | None,
    satisfied: bool | None, resolved_at: datetime | None, closed_at: datetime | None,
) -> None:
    """Refuse a closing record on an open ticket, or one that disagrees with the ticket.

    The customer is told the result after it was resolved and before the close is recorded.
    """
    if closing is None:
        return
    if closed_at is None or resolved_at is None:
        raise InvalidInput(
            f"{ticket_name} is not closed but has closing={closing!r}; expected a closing "
            f"record only on a closed ticket"
        )
    if (closing.satisfaction, closing.satisfied) != (satisfaction, satisfied):
        raise InvalidInput(
            f"{ticket_name}: closing record says satisfaction {closing.satisfaction!r}, "
            f"satisfied {closing.satisfied!r}; the ticket says {satisfaction!r}, {satisfied!r}"
        )
    if not resolved_at <= closing.told_at <= closed_at:
        raise InvalidInput(
            f"{ticket_name}: closing.told_at {closing.told_at.isoformat()} is outside "
            f"{resolved_at.isoformat()} .. {closed_at.isoformat()}; expected the customer told "
            f"after the resolution and by the close"
        )


def check_history(
    history: tuple[TicketHistoryEntry, ...], *, opened_at: datetime, ticket_name: str
) -> None:
    """Refuse a history out of time order, or with an entry before ``opened_at``.

    A history out of order would make the ticket's ``last_changed_at`` (and with it the
    "time moves forward" check of every step) lie.
    """
    require_instances(history, TicketHistoryEntry, field=f"{ticket_name}: history")
    previous = opened_at
    for entry in history:
        require_instant_in_years(entry.at, field="TicketHistoryEntry.at")
        if entry.at < previous:
            raise InvalidInput(
                f"{ticket_name}: history entry {entry.step!r} at {entry.at.isoformat()} is "
                f"before {previous.isoformat()}; expected entries in time order, none before "
                f"opened_at"
            )
        previous = entry.at


def check_counters(
    ticket_name: str,
    *,
    paused_business_time: object,
    reopen_count: object,
    satisfaction: object,
    satisfied: object,
) -> None:
    """Refuse a paused time, reopen count or satisfaction of the wrong type or off range."""
    if not isinstance(paused_business_time, timedelta):
        raise InvalidInput(
            f"{ticket_name}: paused_business_time must be a timedelta, got "
            f"{paused_business_time!r}"
        )
    if not timedelta(0) <= paused_business_time <= _LONGEST_PAUSE:
        raise InvalidInput(
            f"{ticket_name}: paused_business_time must be from 0 to 10 years "
            f"({DURATION_DAYS_LIMIT} days), got {paused_business_time}"
        )
    require_count(reopen_count, field=f"{ticket_name}: reopen_count", maximum=COUNT_LIMIT)
    # 4.0 and Decimal(4) compare equal to 4: only an int is a score on the scale
    if satisfaction is not None and (
        isinstance(satisfaction, bool)
        or not isinstance(satisfaction, int)
        or satisfaction not in SATISFACTION_SCALE
    ):
        raise InvalidInput(
            f"{ticket_name}: satisfaction must be an int from {SATISFACTION_SCALE.start} to "
            f"{SATISFACTION_SCALE.stop - 1}, got {satisfaction!r}"
        )
    if satisfied is not None and not isinstance(satisfied, bool):
        raise InvalidInput(f"{ticket_name}: satisfied must be True or False, got {satisfied!r}")


def check_status_fields(ticket_name: str, status: TicketStatus, **fields: object) -> None:
    """Refuse a lifecycle field set outside the statuses that set it, or missing inside them.

    ``fields`` are the ticket's ``first_replied_at``, ``paused_at``, ``resolved_at``,
    ``resolution_report``, ``closed_at``, ``satisfied`` and (optionally) ``satisfaction``.
    """
    is_set = {field: value is not None for field, value in fields.items()}
    resolved = status in (TicketStatus.RESOLVED, TicketStatus.CLOSED)
    closed = status is TicketStatus.CLOSED
    expectations = (
        ("first_replied_at", is_set["first_replied_at"] or status in (
            TicketStatus.OPENED, TicketStatus.REOPENED), "set once the ticket got past opened"),
        ("paused_at", is_set["paused_at"] == (status is TicketStatus.PAUSED),
         "set exactly while paused"),
        ("resolved_at", is_set["resolved_at"] == resolved, "set exactly while resolved or closed"),
        ("resolution_report", is_set["resolution_report"] == resolved,
         "set exactly while resolved or closed"),
        ("closed_at", is_set["closed_at"] == closed, "set exactly while closed"),
        # the satisfaction may be "not given" on a closed ticket (seed 001 §五(二)3)
        ("satisfaction", not is_set["satisfaction"] or closed, "set only while closed"),
        ("satisfied", is_set["satisfied"] == closed, "set exactly while closed"),
    )
    for field, holds, expected in expectations:
        if not holds:
            raise InvalidInput(
                f"{ticket_name} is {status.value} with {field}={fields[field]!r}; "
                f"expected {field} {expected}"
            )


def check_lifecycle_times(
    ticket_name: str, *, opened_at: datetime, **times: datetime | None
) -> None:
    """Refuse a lifecycle instant (first reply, pause, resolution, ...) before the opening.

    The steps take ``now`` after the ticket's last step, so a stored ticket whose reply or
    resolution came before it was opened was corrupted: its on-time answers would lie.
    """
    for field, moment in times.items():
        if moment is not None and moment < opened_at:
            raise InvalidInput(
                f"{ticket_name}: {field} {moment.isoformat()} is before opened_at "
                f"{opened_at.isoformat()}; expected every step at or after the opening"
            )


def check_calendar(calendar: object) -> BusinessCalendar:
    """Refuse a ``calendar`` that is not a :class:`~keyaccount.BusinessCalendar`, by name."""
    if not isinstance(calendar, BusinessCalendar):
        raise InvalidInput(f"calendar must be a BusinessCalendar, got {calendar!r}")
    return calendar


A = TypeVar("A")


def check_alerts(alerts: Sequence[A], *kinds: type[Any]) -> tuple[A, ...]:
    """The ``alerts`` as a tuple, each one of ``kinds``; a lone alert or a string is refused."""
    listed: tuple[A, ...] = to_items(
        alerts, field="alerts", expected="TicketAtRisk and TicketEscalated events"
    )
    for alert in listed:
        if not isinstance(alert, kinds):
            raise InvalidInput(
                f"alerts must hold TicketAtRisk and TicketEscalated events, got {alert!r}"
            )
    return listed
