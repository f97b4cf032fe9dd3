"""The events of a feedback ticket's lifecycle and escalation (SPEC §10).

Every event of the family shares the ``Ticket`` prefix and names its ticket and account.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import attrs

from keyaccount._errors import InvalidInput
from keyaccount._validation import (
    COUNT_LIMIT,
    a_bool,
    aware,
    count,
    non_empty,
    optional_instance_of,
    optional_non_empty,
    to_enum,
)
from keyaccount.domain.events import DomainEvent
from keyaccount.domain.tickets._fields import business_time
from keyaccount.domain.tickets.closing_record import ClosingRecord
from keyaccount.domain.tickets.enums import SATISFACTION_SCALE, DeadlineKind, Severity, TicketKind

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


# Events are values a host stores and reloads: their fields are checked like the ticket's.


def _to_kind(value: TicketKind | str) -> TicketKind:
    return to_enum(TicketKind, value, field="TicketOpened.kind")


def _to_severity(value: Severity | str) -> Severity:
    return to_enum(Severity, value, field="TicketOpened.severity")


def _to_deadline_kind(value: DeadlineKind | str) -> DeadlineKind:
    return to_enum(DeadlineKind, value, field="deadline_kind")


def _score(instance: object, attribute: attrs.Attribute[int | None], value: object) -> None:
    # 4.0 and Decimal(4) compare equal to 4: only an int is a score on the scale
    if value is not None and (type(value) is not int or value not in SATISFACTION_SCALE):
        raise InvalidInput(
            f"{type(instance).__name__}.satisfaction must be None (not given) or an int from "
            f"{SATISFACTION_SCALE.start} to {SATISFACTION_SCALE.stop - 1}, got {value!r}"
        )


_level = count(1, maximum=COUNT_LIMIT)


@attrs.frozen(kw_only=True)
class TicketEvent(DomainEvent):
    """Base class of the ticket events; every one names its ticket and account.

    Attributes:
        ticket_id: the ticket the event is about.
        account_id: the customer (key account) of the ticket.
    """

    ticket_id: str = attrs.field(validator=non_empty)
    account_id: str = attrs.field(validator=non_empty)


@attrs.frozen(kw_only=True)
class TicketOpened(TicketEvent):
    """A problem was entered in the ledger with its deadlines.

    Attributes:
        tier_code: the account's tier when the ticket was opened; ``None`` for an account
            without a tier (it got the policy's deadlines for untiered accounts).
        kind: the kind of problem.
        severity: its severity.
        first_reply_deadline: when the customer must have had a first reply.
        resolution_deadline: when the problem must be resolved.
    """

    tier_code: str | None = attrs.field(validator=optional_non_empty)
    kind: TicketKind = attrs.field(converter=_to_kind)
    severity: Severity = attrs.field(converter=_to_severity)
    first_reply_deadline: datetime = attrs.field(validator=aware)
    resolution_deadline: datetime = attrs.field(validator=aware)


@attrs.frozen(kw_only=True)
class TicketReplied(TicketEvent):
    """The customer had their first reply.

    Attributes:
        message: what they were told.
        on_time: whether the reply came by the first-reply deadline.
    """

    message: str = attrs.field(validator=non_empty)
    on_time: bool = attrs.field(validator=a_bool)


@attrs.frozen(kw_only=True)
class TicketProgressReported(TicketEvent):
    """The customer was told how the work is going (seed 001 §五(二)1).

    Attributes:
        message: what they were told.
    """

    message: str = attrs.field(validator=non_empty)


@attrs.frozen(kw_only=True)
class TicketPaused(TicketEvent):
    """Work waits on the customer; the ticket's clock is stopped.

    Attributes:
        reason: what the customer is expected to provide.
    """

    reason: str = attrs.field(validator=non_empty)


@attrs.frozen(kw_only=True)
class TicketResumed(TicketEvent):
    """The customer answered; the clock runs again and the resolution deadline moved.

    Attributes:
        paused_business_time: the business time the pause lasted.
        first_reply_deadline: the first-reply deadline (already met or missed; it stays).
        resolution_deadline: the resolution deadline, moved by ``paused_business_time``.
    """

    paused_business_time: timedelta = attrs.field(validator=business_time)
    first_reply_deadline: datetime = attrs.field(validator=aware)
    resolution_deadline: datetime = attrs.field(validator=aware)


@attrs.frozen(kw_only=True)
class TicketResolved(TicketEvent):
    """The responsible department reported the problem solved, in writing.

    Attributes:
        report: the written resolution report (seed 001 §五(二)3 书面报告).
        on_time: whether it was resolved by the resolution deadline (a reopened ticket never
            counts as on time; see :attr:`FeedbackTicket.resolved_on_time`).
    """

    report: str = attrs.field(validator=non_empty)
    on_time: bool = attrs.field(validator=a_bool)


@attrs.frozen(kw_only=True)
class TicketClosed(TicketEvent):
    """The customer was told the result and their satisfaction was recorded.

    Attributes:
        satisfaction: the score on :data:`SATISFACTION_SCALE`; ``None`` if not given.
        satisfied: whether the customer is satisfied with the result.
        closing: what the customer was told, by whom and when (``None`` when the ticket was
            closed without a record, through ``FeedbackTicket.close`` alone).
    """

    satisfaction: int | None = attrs.field(validator=_score)
    satisfied: bool = attrs.field(validator=a_bool)
    closing: ClosingRecord | None = attrs.field(
        default=None, validator=optional_instance_of(ClosingRecord))


@attrs.frozen(kw_only=True)
class TicketReopened(TicketEvent):
    """The customer was not satisfied with the resolution; work starts again.

    Attributes:
        reason: why the customer is not satisfied.
        resolution_deadline: the new resolution deadline, counted from the reopening.
        reopen_count: how many times the ticket has now been reopened.
    """

    reason: str = attrs.field(validator=non_empty)
    resolution_deadline: datetime = attrs.field(validator=aware)
    reopen_count: int = attrs.field(validator=_level)


@attrs.frozen(kw_only=True)
class TicketAtRisk(TicketEvent):
    """A deadline is close: the warning fraction of its business time has been used.

    Attributes:
        deadline_kind: which deadline.
        deadline: when it falls due.
        remaining: the business time left before it.
    """

    deadline_kind: DeadlineKind = attrs.field(converter=_to_deadline_kind)
    deadline: datetime = attrs.field(validator=aware)
    remaining: timedelta = attrs.field(validator=business_time)


@attrs.frozen(kw_only=True)
class TicketEscalated(TicketEvent):
    """A deadline passed and the ticket went one level up the escalation ladder.

    Attributes:
        deadline_kind: which deadline was missed.
        deadline: when it fell due.
        level: the level reached (1 is the first level above the responsible person).
        role: who must act now, as named by the policy's ladder.
    """

    deadline_kind: DeadlineKind = attrs.field(converter=_to_deadline_kind)
    deadline: datetime = attrs.field(validator=aware)
    level: int = attrs.field(validator=_level)
    role: str = attrs.field(validator=non_empty)

