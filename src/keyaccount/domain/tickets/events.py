"""The events of a feedback ticket's lifecycle and escalation (SPEC §10).

Every event of the family shares the ``Ticket`` prefix and names its ticket and account.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import attrs

from keyaccount.domain.events import DomainEvent
from keyaccount.domain.tickets.enums import DeadlineKind, Severity, TicketKind

__all__ = [
    "TicketAtRisk",
    "TicketClosed",
    "TicketEscalated",
    "TicketEvent",
    "TicketOpened",
    "TicketPaused",
    "TicketProgressReported",
    "TicketReopened",
    "TicketReplied",
    "TicketResolved",
    "TicketResumed",
]


@attrs.frozen(kw_only=True)
class TicketEvent(DomainEvent):
    """Base class of the ticket events; every one names its ticket and account.

    Attributes:
        ticket_id: the ticket the event is about.
        account_id: the customer (key account) of the ticket.
    """

    ticket_id: str
    account_id: str


@attrs.frozen(kw_only=True)
class TicketOpened(TicketEvent):
    """A problem was entered in the ledger with its deadlines.

    Attributes:
        tier_code: the account's tier when the ticket was opened.
        kind: the kind of problem.
        severity: its severity.
        first_reply_deadline: when the customer must have had a first reply.
        resolution_deadline: when the problem must be resolved.
    """

    tier_code: str
    kind: TicketKind
    severity: Severity
    first_reply_deadline: datetime
    resolution_deadline: datetime


@attrs.frozen(kw_only=True)
class TicketReplied(TicketEvent):
    """The customer had their first reply.

    Attributes:
        message: what they were told.
        on_time: whether the reply came by the first-reply deadline.
    """

    message: str
    on_time: bool


@attrs.frozen(kw_only=True)
class TicketProgressReported(TicketEvent):
    """The customer was told how the work is going (seed 001 §五(二)1).

    Attributes:
        message: what they were told.
    """

    message: str


@attrs.frozen(kw_only=True)
class TicketPaused(TicketEvent):
    """Work waits on the customer; the ticket's clock is stopped.

    Attributes:
        reason: what the customer is expected to provide.
    """

    reason: str


@attrs.frozen(kw_only=True)
class TicketResumed(TicketEvent):
    """The customer answered; the clock runs again and the resolution deadline moved.

    Attributes:
        paused_business_time: the business time the pause lasted.
        first_reply_deadline: the first-reply deadline (already met or missed; it stays).
        resolution_deadline: the resolution deadline, moved by ``paused_business_time``.
    """

    paused_business_time: timedelta
    first_reply_deadline: datetime
    resolution_deadline: datetime


@attrs.frozen(kw_only=True)
class TicketResolved(TicketEvent):
    """The responsible department reported the problem solved, in writing.

    Attributes:
        report: the written resolution report (seed 001 §五(二)3 书面报告).
        on_time: whether it was resolved by the resolution deadline (a reopened ticket never
            counts as on time; see :attr:`FeedbackTicket.resolved_on_time`).
    """

    report: str
    on_time: bool


@attrs.frozen(kw_only=True)
class TicketClosed(TicketEvent):
    """The customer was told the result and their satisfaction was recorded.

    Attributes:
        satisfaction: the score on :data:`SATISFACTION_SCALE`.
        satisfied: whether the customer is satisfied with the result.
    """

    satisfaction: int
    satisfied: bool


@attrs.frozen(kw_only=True)
class TicketReopened(TicketEvent):
    """The customer was not satisfied with the resolution; work starts again.

    Attributes:
        reason: why the customer is not satisfied.
        resolution_deadline: the new resolution deadline, counted from the reopening.
        reopen_count: how many times the ticket has now been reopened.
    """

    reason: str
    resolution_deadline: datetime
    reopen_count: int


@attrs.frozen(kw_only=True)
class TicketAtRisk(TicketEvent):
    """A deadline is close: the warning fraction of its business time has been used.

    Attributes:
        deadline_kind: which deadline.
        deadline: when it falls due.
        remaining: the business time left before it.
    """

    deadline_kind: DeadlineKind
    deadline: datetime
    remaining: timedelta


@attrs.frozen(kw_only=True)
class TicketEscalated(TicketEvent):
    """A deadline passed and the ticket went one level up the escalation ladder.

    Attributes:
        deadline_kind: which deadline was missed.
        deadline: when it fell due.
        level: the level reached (1 is the first level above the responsible person).
        role: who must act now, as named by the policy's ladder.
    """

    deadline_kind: DeadlineKind
    deadline: datetime
    level: int
    role: str

