"""Recording a visit: the record, its event, and a ticket for each open feedback item (SPEC §6, §7).

Seed 001 §走访过程 2: questions answered on the spot are closed there; the rest are recorded
and get a reply within a promised time, as feedback tickets opened through the escalation
policy the caller hands in.
"""

from __future__ import annotations

from datetime import datetime

from keyaccount._errors import InvalidInput
from keyaccount._validation import require_instant_in_years, require_non_empty
from keyaccount.domain.calendar import BusinessCalendar
from keyaccount.domain.events import DomainEvent
from keyaccount.domain.grading import Tier
from keyaccount.domain.tickets import (
    EscalationPolicy,
    FeedbackTicket,
    LedgerPolicy,
    Severity,
    TicketKind,
    TicketSource,
    open_ticket,
)
from keyaccount.domain.visits.events import VisitRecorded
from keyaccount.domain.visits.records import VisitRecord

__all__ = ["record_visit"]


def record_visit(
    record: VisitRecord,
    escalation: EscalationPolicy,
    *,
    tier: Tier | None,
    now: datetime,
    calendar: BusinessCalendar,
    ledger: LedgerPolicy | None = None,
    follow_up_by: str | None = None,
) -> tuple[VisitRecord, tuple[FeedbackTicket, ...], tuple[DomainEvent, ...]]:
    """Record a complete visit; every feedback item not answered on the spot opens a ticket.

    Seed 001 §走访过程 2: questions answered on the spot are closed there; the rest are
    recorded and get a reply within a promised time. Each open item becomes a
    :class:`~keyaccount.FeedbackTicket` from a visit (source ``visit``), opened at ``now``
    by the escalation policy, whose first-reply deadline is the promised reply time. Ticket
    ids are the record id, ``-`` and the item's position among the open items (from 1).

    With a ``ledger`` policy the customer's suggestions are kept in the ledger too (seed 001
    §五(一)3, 二(一)2: the marketing / key-account department collects them and follows them
    up): each becomes a minor ticket of kind ``suggestion_or_demand``, id ``<record>-S<n>``,
    owned by the ledger's lead department and followed up by ``follow_up_by`` (the first
    visitor when not given); the ledger also names the lead of cross-department items.

    Args:
        record: the complete visit record.
        escalation: the escalation policy that opens the tickets (the seed defaults:
            ``presets.escalation()``).
        tier: the account's tier (it sets the ticket deadlines); ``None`` for an account
            without a tier (the escalation policy's default row).
        now: when the record is filed (timezone-aware).
        calendar: the business calendar the deadlines are counted on.
        ledger: the ledger policy (``presets.ledger()``); without it suggestions stay on the
            record only, as in 0.1.
        follow_up_by: who follows the suggestions up (the first visitor when not given).

    Returns:
        The record, the tickets opened, and the events: :class:`~keyaccount.VisitRecorded`
        then each ticket's ``TicketOpened``.

    Raises:
        InvalidInput: a naive ``now`` or one before ``record.visited_at``, an argument of the
            wrong kind (named), or a ticket the escalation policy refuses (nothing is
            returned half-done: the tickets are all opened or the call raises).

    >>> from datetime import date, datetime, time
    >>> from keyaccount import TIER_B, BusinessCalendar, FeedbackItem, Topic, VisitKind
    >>> from keyaccount.policies import presets
    >>> calendar = BusinessCalendar(timezone="Asia/Shanghai", working_hours=[(time(9), time(18))])
    >>> record = VisitRecord(
    ...     "V-1", "DONGFANG", VisitKind.ON_SITE, datetime(2026, 3, 3, 10, tzinfo=calendar.zone),
    ...     "DONGFANG plant", ["zhang"], "steady orders", [Topic.BUSINESS_COOPERATION],
    ...     "delivery performance",
    ...     feedback=[FeedbackItem("Is the spring price list out?", answer="Yes, sent today"),
    ...               FeedbackItem("Late deliveries in February", kind="complaint",
    ...                            severity="major", responsible_department="logistics",
    ...                            responsible_person="zhao")])
    >>> _, tickets, events = record_visit(record, presets.escalation(), tier=TIER_B,
    ...                                   now=datetime(2026, 3, 3, 16, tzinfo=calendar.zone),
    ...                                   calendar=calendar)
    >>> [(ticket.ticket_id, ticket.summary) for ticket in tickets]
    [('V-1-1', 'Late deliveries in February')]
    >>> tickets[0].first_reply_deadline.isoformat()    # B: 8 business hours
    '2026-03-04T15:00:00+08:00'
    >>> [type(event).__name__ for event in events]
    ['VisitRecorded', 'TicketOpened']
    """
    _require(record, VisitRecord, "record", "a VisitRecord")
    _require(escalation, EscalationPolicy, "escalation", "an EscalationPolicy")
    if tier is not None:
        _require(tier, Tier, "tier", "a Tier or None")
    if ledger is not None:
        _require(ledger, LedgerPolicy, "ledger", "a LedgerPolicy")
    if follow_up_by is not None:
        require_non_empty(follow_up_by, field="follow_up_by")
    _require(calendar, BusinessCalendar, "calendar", "a BusinessCalendar")
    require_instant_in_years(now, field="now")
    if now < record.visited_at:
        # a ticket opened before the visit would count its deadlines from before the question
        raise InvalidInput(
            f"now ({now.isoformat()}) is before visit record {record.record_id!r} took place "
            f"(visited_at {record.visited_at.isoformat()}): a visit is recorded after it happened"
        )
    events: list[DomainEvent] = [
        VisitRecorded(
            occurred_at=now,
            account_id=record.account_id,
            record_id=record.record_id,
            kind=record.kind,
            visited_at=record.visited_at,
            planned_day=record.planned_day,
        )
    ]
    tickets = []
    for position, item in enumerate(record.open_items, start=1):
        # FeedbackItem refuses an unanswered item without all four ticket fields
        assert item.kind is not None
        assert item.severity is not None
        assert item.responsible_department is not None
        assert item.responsible_person is not None
        ticket, opened = open_ticket(
            escalation,
            ticket_id=f"{record.record_id}-{position}",
            account_id=record.account_id,
            tier=tier,
            source=TicketSource.VISIT,
            kind=item.kind,
            severity=item.severity,
            summary=item.summary,
            responsible_department=item.responsible_department,
            responsible_person=item.responsible_person,
            now=now,
            calendar=calendar,
            lead_coordinator=item.lead_coordinator,
            ledger=ledger,
        )
        tickets.append(ticket)
        events.extend(opened)
    for position, suggestion in enumerate(record.suggestions if ledger else (), start=1):
        assert ledger is not None
        ticket, opened = open_ticket(
            escalation, ticket_id=f"{record.record_id}-S{position}",
            account_id=record.account_id, tier=tier, source=TicketSource.VISIT,
            kind=TicketKind.SUGGESTION_OR_DEMAND, severity=Severity.MINOR, summary=suggestion,
            responsible_department=ledger.lead_department,
            responsible_person=follow_up_by if follow_up_by is not None else record.visitors[0],
            now=now, calendar=calendar,
        )
        tickets.append(ticket)
        events.extend(opened)
    return record, tuple(tickets), tuple(events)


def _require(value: object, kind: type, argument: str, expected: str) -> None:
    if not isinstance(value, kind):
        raise InvalidInput(f"record_visit: {argument} must be {expected}, got {value!r}")
