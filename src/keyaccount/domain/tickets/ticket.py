"""The feedback ticket and its lifecycle (问题跟踪台账, SPEC §7; seed 001 §五).

A :class:`FeedbackTicket` is a frozen value. Every step of its lifecycle returns
``(new_ticket, events)`` and appends to its history; an illegal step raises
:class:`~keyaccount.InvalidTransition` and leaves the ticket as it was (the package
:mod:`keyaccount.domain.tickets` draws the steps and walks through them). The ticket only
stores its deadlines, moves them when the clock is stopped (a pause), and remembers which
warnings and escalations were already announced; the services of
:mod:`keyaccount.domain.tickets.escalation` compute and watch them with a policy.

The module is longer than the project's ~500 lines because it is one concept: the value and
the state machine of its steps, each step with its runnable docstring example; its
consistency rules live in ``_checks`` and its field converters in ``_fields``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeAlias

import attrs

from keyaccount._errors import InvalidInput, InvalidTransition
from keyaccount._validation import (
    aware,
    non_empty,
    optional_aware,
    optional_instance_of,
    optional_non_empty,
    require_instant_in_years,
    require_non_empty,
    to_items,
)
from keyaccount.domain.grading import Tier
from keyaccount.domain.tickets._checks import check_alerts, check_calendar, check_ticket
from keyaccount.domain.tickets._fields import to_kind, to_severity, to_source, to_status
from keyaccount.domain.tickets.closing_record import ClosingRecord
from keyaccount.domain.tickets.enums import Severity, TicketKind, TicketSource, TicketStatus
from keyaccount.domain.tickets.events import (
    TicketAtRisk,
    TicketClosed,
    TicketEscalated,
    TicketEvent,
    TicketOpened,
    TicketPaused,
    TicketProgressReported,
    TicketReopened,
    TicketReplied,
    TicketResolved,
    TicketResumed,
)
from keyaccount.domain.tickets.history import EscalationMarks, TicketHistoryEntry

if TYPE_CHECKING:
    from keyaccount.domain.calendar import BusinessCalendar

__all__ = ["FeedbackTicket", "TicketChange"]

_OPEN_STATUSES = frozenset(
    {TicketStatus.OPENED, TicketStatus.IN_PROGRESS, TicketStatus.PAUSED, TicketStatus.REOPENED}
)
#: The least step of a datetime: how far before ``now`` a deadline missed before a pause stays.
_LEAST_STEP = timedelta(microseconds=1)


def _departments(value: Iterable[str]) -> tuple[str, ...]:
    return to_items(value, field="FeedbackTicket.departments", expected="department names")


def _to_history(value: Iterable[TicketHistoryEntry]) -> tuple[TicketHistoryEntry, ...]:
    return to_items(value, field="FeedbackTicket.history", expected="TicketHistoryEntry values")


# --- the ticket ---

TicketChange: TypeAlias = "tuple[FeedbackTicket, tuple[TicketEvent, ...]]"
"""What every lifecycle step returns: the new ticket and the events the step caused."""


@attrs.frozen(kw_only=True)
class FeedbackTicket:
    """A customer problem in the tracking ledger (问题跟踪台账, SPEC §7).

    Build one with :meth:`open_ticket` (or the service ``open_ticket(policy, ...)``, which
    computes the deadlines); change it only through its lifecycle methods.

    Attributes:
        ticket_id: the host's identifier.
        account_id: the customer.
        tier: the account's tier when the ticket was opened (deadlines were set for it);
            ``None`` for an account without a tier (a prospect, an ordinary customer).
        source: where the problem came from.
        kind: what kind of problem it is.
        severity: how severe it is.
        summary: the problem in a sentence.
        responsible_department: the department that must solve it (责任部门).
        responsible_person: the person answerable for it (责任人).
        departments: every department the problem involves; the responsible department is
            always counted.
        lead_coordinator: who coordinates a cross-department problem (seed 001 §五(二)2: the
            marketing / key-account department leads); required when more than one department
            is involved.
        opened_at: when the problem was entered.
        first_reply_deadline: when the customer must have had a first reply.
        resolution_deadline: when the problem must be resolved; after a reopening, counted
            from the reopening.
        status: the lifecycle status.
        first_replied_at: when the first reply was given.
        paused_at: when the current pause began (only while paused).
        paused_business_time: the business time of all pauses so far.
        resolved_at: when it was (last) resolved.
        resolution_report: the written resolution report.
        closed_at: when it was closed.
        satisfaction: the customer's score on :data:`SATISFACTION_SCALE`; ``None`` if not given.
        satisfied: whether the customer is satisfied with the result.
        closing: what the customer was told at the close, by whom and when (``close_ticket``).
        reopen_count: how many times an unsatisfied customer reopened it.
        reopened_at: when it was last reopened.
        escalation_marks: the warnings and escalation levels already announced.
        history: every step so far, oldest first (append-only).

    The package :mod:`keyaccount.domain.tickets` walks through the whole lifecycle.
    """

    ticket_id: str = attrs.field(validator=non_empty)
    account_id: str = attrs.field(validator=non_empty)
    tier: Tier | None = attrs.field(validator=optional_instance_of(Tier))
    source: TicketSource = attrs.field(converter=to_source)
    kind: TicketKind = attrs.field(converter=to_kind)
    severity: Severity = attrs.field(converter=to_severity)
    summary: str = attrs.field(validator=non_empty)
    responsible_department: str = attrs.field(validator=non_empty)
    responsible_person: str = attrs.field(validator=non_empty)
    opened_at: datetime = attrs.field(validator=aware)
    first_reply_deadline: datetime = attrs.field(validator=aware)
    resolution_deadline: datetime = attrs.field(validator=aware)
    departments: tuple[str, ...] = attrs.field(default=(), converter=_departments)
    lead_coordinator: str | None = attrs.field(default=None, validator=optional_non_empty)
    status: TicketStatus = attrs.field(
        default=TicketStatus.OPENED, converter=to_status
    )
    first_replied_at: datetime | None = attrs.field(
        default=None, validator=optional_aware
    )
    paused_at: datetime | None = attrs.field(default=None, validator=optional_aware)
    paused_business_time: timedelta = timedelta(0)
    resolved_at: datetime | None = attrs.field(default=None, validator=optional_aware)
    resolution_report: str | None = attrs.field(default=None, validator=optional_non_empty)
    closed_at: datetime | None = attrs.field(default=None, validator=optional_aware)
    satisfaction: int | None = None
    satisfied: bool | None = None
    closing: ClosingRecord | None = attrs.field(
        default=None, validator=optional_instance_of(ClosingRecord))
    reopen_count: int = 0
    reopened_at: datetime | None = attrs.field(default=None, validator=optional_aware)
    escalation_marks: EscalationMarks = attrs.field(factory=EscalationMarks)
    history: tuple[TicketHistoryEntry, ...] = attrs.field(default=(), converter=_to_history)

    def __attrs_post_init__(self) -> None:
        check_ticket(self)  # the rules of a stored ticket live in _checks

    # --- derived facts ---

    @property
    def involved_departments(self) -> tuple[str, ...]:
        """The responsible department followed by the other departments involved."""
        involved = dict.fromkeys((self.responsible_department, *self.departments))
        return tuple(involved)

    @property
    def is_cross_department(self) -> bool:
        """Whether the problem spans more than one department (a lead coordinator is needed)."""
        return len(self.involved_departments) > 1

    @property
    def is_open(self) -> bool:
        """Whether someone still has to work on it (opened, in progress, paused, reopened)."""
        return self.status in _OPEN_STATUSES

    @property
    def first_replied_on_time(self) -> bool | None:
        """Whether the first reply came by its deadline; ``None`` before the first reply."""
        if self.first_replied_at is None:
            return None
        return self.first_replied_at <= self.first_reply_deadline

    @property
    def resolved_on_time(self) -> bool | None:
        """Whether the problem was resolved by its deadline, as indicators count it.

        ``None`` while it is not resolved. A ticket that was ever reopened is **not** resolved
        on time, however fast the second resolution: its first resolution did not satisfy the
        customer (SPEC §7). A resolved ticket whose customer has not yet been asked counts on
        time provisionally; reopening it later turns the answer to ``False``.
        """
        if self.resolved_at is None:
            return None
        if self.reopen_count > 0:
            return False
        return self.resolved_at <= self.resolution_deadline

    @property
    def last_changed_at(self) -> datetime:
        """When the last step was taken (the opening if there is no history)."""
        return self.history[-1].at if self.history else self.opened_at

    # --- lifecycle ---

    @classmethod
    def open_ticket(
        cls,
        *,
        ticket_id: str,
        account_id: str,
        tier: Tier | None,
        source: TicketSource | str,
        kind: TicketKind | str,
        severity: Severity | str,
        summary: str,
        responsible_department: str,
        responsible_person: str,
        first_reply_deadline: datetime,
        resolution_deadline: datetime,
        now: datetime,
        departments: Iterable[str] = (),
        lead_coordinator: str | None = None,
    ) -> TicketChange:
        """Enter a problem in the ledger, opened at ``now``.

        The example of :class:`FeedbackTicket` walks through this and every later step.

        Returns:
            The new ticket and its :class:`TicketOpened` event.

        Raises:
            InvalidInput: a field is missing or malformed, a deadline is before ``now``, or a
                cross-department problem has no lead coordinator.
        """
        require_instant_in_years(now, field="now")
        # the summary is also the opening's history note: check it under its own name first
        require_non_empty(summary, field="FeedbackTicket.summary")
        ticket = cls(
            ticket_id=ticket_id,
            account_id=account_id,
            tier=tier,
            source=source,
            kind=kind,
            severity=severity,
            summary=summary,
            responsible_department=responsible_department,
            responsible_person=responsible_person,
            opened_at=now,
            first_reply_deadline=first_reply_deadline,
            resolution_deadline=resolution_deadline,
            departments=departments,
            lead_coordinator=lead_coordinator,
            history=(TicketHistoryEntry(now, "opened", TicketStatus.OPENED, summary),),
        )
        event = TicketOpened(
            occurred_at=now,
            ticket_id=ticket.ticket_id,
            account_id=ticket.account_id,
            tier_code=None if ticket.tier is None else ticket.tier.code,
            kind=ticket.kind,
            severity=ticket.severity,
            first_reply_deadline=ticket.first_reply_deadline,
            resolution_deadline=ticket.resolution_deadline,
        )
        return ticket, (event,)

    def reply(self, message: str, *, now: datetime) -> TicketChange:
        """Tell the customer something: the first reply, or a progress report.

        Seed 001 §五(二)1: progress is reported to the customer while the problem is open.

        Allowed while opened, reopened or in progress; the ticket is then in progress. The
        first reply ever is a :class:`TicketReplied` (and stops the first-reply clock); later
        ones are :class:`TicketProgressReported`.

        Raises:
            InvalidTransition: the ticket is paused, resolved or closed.
            InvalidInput: ``message`` is blank or ``now`` is naive or before the last step.
        """
        self._check_step(
            "reply",
            (TicketStatus.OPENED, TicketStatus.REOPENED, TicketStatus.IN_PROGRESS),
            now,
        )
        require_non_empty(message, field="reply message")
        first = self.first_replied_at is None
        ticket = self._advance(
            now,
            "replied" if first else "progress_reported",
            TicketStatus.IN_PROGRESS,
            message,
            first_replied_at=now if first else self.first_replied_at,
        )
        event: TicketEvent
        if first:
            event = TicketReplied(
                **self._event_ids(now), message=message, on_time=now <= self.first_reply_deadline
            )
        else:
            event = TicketProgressReported(**self._event_ids(now), message=message)
        return ticket, (event,)

    def pause(self, reason: str, *, now: datetime) -> TicketChange:
        """Stop the clock while the work waits on the customer.

        Raises:
            InvalidTransition: the ticket is not in progress.
            InvalidInput: ``reason`` is blank or ``now`` is naive or before the last step.
        """
        self._check_step("pause", (TicketStatus.IN_PROGRESS,), now)
        require_non_empty(reason, field="pause reason")
        ticket = self._advance(now, "paused", TicketStatus.PAUSED, reason, paused_at=now)
        return ticket, (TicketPaused(**self._event_ids(now), reason=reason),)

    def resume(
        self, *, now: datetime, calendar: BusinessCalendar
    ) -> TicketChange:
        """Start the clock again: the resolution deadline moves by the business time paused.

        The resolution deadline moves later by exactly
        ``calendar.business_time_between(paused_at, now)`` (one calendar call each way, however
        long the pause). If it had already passed when the pause began it moves too, so the
        time it is overdue is frozen during the pause, neither forgiven nor counted, and it
        stays passed: a deadline missed outside working hours (Friday 17:00, paused on
        Saturday) is overdue by no business time yet, and would move onto ``now`` itself; it
        moves to a microsecond before ``now`` instead. The
        first-reply deadline stays: only a ticket in progress is paused, so the customer has
        already had the first reply.

        Raises:
            InvalidTransition: the ticket is not paused.
            InvalidInput: ``now`` is naive or before the pause, or ``calendar`` is not a
                ``BusinessCalendar``.
        """
        self._check_step("resume", (TicketStatus.PAUSED,), now)
        check_calendar(calendar)
        assert self.paused_at is not None  # guaranteed by the status check
        paused = calendar.business_time_between(self.paused_at, now)
        resolution_deadline = self.resolution_deadline
        # A pause wholly outside working hours moves nothing, so the calendar is not asked
        # (the deadline keeps its own zone and is not range-checked for a no-op).
        if paused > timedelta(0):
            moved = calendar.add_business_time(resolution_deadline, paused)
            if resolution_deadline < self.paused_at and moved >= now:
                # Passed outside working hours, it was overdue by no business time: moved by
                # the pause it would land on `now` itself and read as on time. It stays passed,
                # by the clock's least step.
                moved = (now - _LEAST_STEP).astimezone(moved.tzinfo)
            resolution_deadline = moved
        ticket = self._advance(
            now,
            "resumed",
            TicketStatus.IN_PROGRESS,
            f"paused for {paused} of business time",
            paused_at=None,
            paused_business_time=self.paused_business_time + paused,
            resolution_deadline=resolution_deadline,
        )
        event = TicketResumed(
            **self._event_ids(now),
            paused_business_time=paused,
            first_reply_deadline=self.first_reply_deadline,
            resolution_deadline=resolution_deadline,
        )
        return ticket, (event,)

    def resolve(self, report: str, *, now: datetime) -> TicketChange:
        """Record the written resolution report of the responsible department.

        Raises:
            InvalidTransition: the ticket is not in progress.
            InvalidInput: ``report`` is blank (a written report is required, seed 001
                §五(二)3) or ``now`` is naive or before the last step.
        """
        self._check_step("resolve", (TicketStatus.IN_PROGRESS,), now)
        require_non_empty(report, field="resolution report")
        ticket = self._advance(
            now, "resolved", TicketStatus.RESOLVED, report,
            resolved_at=now, resolution_report=report,
        )
        on_time = ticket.resolved_on_time is True
        return ticket, (TicketResolved(**self._event_ids(now), report=report, on_time=on_time),)

    def close(
        self, *, satisfaction: int | None, satisfied: bool, now: datetime,
        closing: ClosingRecord | None = None,
    ) -> TicketChange:
        """Close it once the customer was told the result (``close_ticket`` applies a policy).

        Args:
            satisfaction: the customer's score on :data:`SATISFACTION_SCALE`, or ``None``.
            satisfied: whether the customer is satisfied with the result; an unsatisfied
                customer may then :meth:`reopen` the ticket.
            now: when the customer's answer was recorded.
            closing: the closing record; its score and answer must be these.

        Raises:
            InvalidTransition: the ticket is not resolved.
            InvalidInput: the score is off the scale, ``satisfied`` is not a bool, ``now``
                is naive or before the last step, or ``closing`` disagrees.
        """
        self._check_step("close", (TicketStatus.RESOLVED,), now)
        ticket = self._advance(
            now,
            "closed",
            TicketStatus.CLOSED,
            f"satisfaction {'not given' if satisfaction is None else satisfaction}, "
            f"{'satisfied' if satisfied else 'not satisfied'}",
            closed_at=now,
            satisfaction=satisfaction,
            satisfied=satisfied,
            closing=closing,
        )
        event = TicketClosed(**self._event_ids(now), satisfaction=satisfaction,
                             satisfied=satisfied, closing=closing)
        return ticket, (event,)

    def reopen(
        self, reason: str, *, now: datetime, resolution_deadline: datetime
    ) -> TicketChange:
        """Reopen it because the customer is not satisfied with the resolution.

        Allowed from resolved (the customer rejects the result when told) and from closed when
        the recorded answer was *not satisfied*; a satisfied customer's ticket stays closed (a
        new problem is a new ticket). The history is kept; the resolution, report and
        satisfaction are cleared; the new ``resolution_deadline`` (``reopen_ticket`` counts
        it from the reopening) replaces the old one, and the resolution's warning and
        escalation marks start afresh. From now on :attr:`resolved_on_time` is ``False``.

        Raises:
            InvalidTransition: the ticket is open, or closed with a satisfied customer.
            InvalidInput: ``reason`` is blank, ``now`` is naive or before the last step, or the
                new deadline is before ``now``.
        """
        self._check_step("reopen", (TicketStatus.RESOLVED, TicketStatus.CLOSED), now)
        if self.status is TicketStatus.CLOSED and self.satisfied:
            raise InvalidTransition(
                f"ticket {self.ticket_id!r} is closed with a satisfied customer; cannot reopen "
                f"(open a new ticket for a new problem)"
            )
        require_non_empty(reason, field="reopen reason")
        require_instant_in_years(resolution_deadline, field="resolution_deadline")
        if resolution_deadline < now:
            raise InvalidInput(
                f"ticket {self.ticket_id!r}: new resolution_deadline "
                f"{resolution_deadline.isoformat()} is before the reopening {now.isoformat()}"
            )
        ticket = self._advance(
            now,
            "reopened",
            TicketStatus.REOPENED,
            reason,
            resolved_at=None,
            resolution_report=None,
            closed_at=None,
            satisfaction=None,
            satisfied=None,
            closing=None,
            reopen_count=self.reopen_count + 1,
            reopened_at=now,
            resolution_deadline=resolution_deadline,
            escalation_marks=attrs.evolve(
                self.escalation_marks, resolution_warned=False, resolution_level=0
            ),
        )
        event = TicketReopened(
            **self._event_ids(now),
            reason=reason,
            resolution_deadline=resolution_deadline,
            reopen_count=ticket.reopen_count,
        )
        return ticket, (event,)

    def record_alerts(
        self, alerts: Sequence[TicketAtRisk | TicketEscalated], *, now: datetime
    ) -> FeedbackTicket:
        """Remember the warnings and escalations announced at ``now`` (see ``evaluate_escalation``).

        The marks only go up, so announcing is idempotent: a policy announces what is due
        beyond the marks. Each alert is also appended to the history.

        Raises:
            InvalidInput: an alert is about another ticket, or ``now`` is naive or before the
                last step.
        """
        require_instant_in_years(now, field="now")
        self._check_time(now)
        alerts = check_alerts(alerts, TicketAtRisk, TicketEscalated)
        if not alerts:
            return self
        marks = self.escalation_marks
        entries = list(self.history)
        for alert in alerts:
            if alert.ticket_id != self.ticket_id:
                raise InvalidInput(
                    f"alert for ticket {alert.ticket_id!r} recorded on ticket {self.ticket_id!r}"
                )
            if isinstance(alert, TicketAtRisk):
                marks = marks.announced(alert.deadline_kind)
                note = f"{alert.deadline_kind.value} at risk, {alert.remaining} left"
                entries.append(TicketHistoryEntry(now, "at_risk", self.status, note))
            else:
                marks = marks.announced(alert.deadline_kind, level=alert.level)
                note = f"{alert.deadline_kind.value} overdue: level {alert.level}, {alert.role}"
                entries.append(TicketHistoryEntry(now, "escalated", self.status, note))
        return attrs.evolve(self, escalation_marks=marks, history=tuple(entries))

    # --- helpers ---

    def _check_step(self, step: str, allowed: tuple[TicketStatus, ...], now: datetime) -> None:
        if self.status not in allowed:
            raise InvalidTransition(
                f"ticket {self.ticket_id!r} is {self.status.value}; cannot {step} "
                f"(allowed from: {', '.join(status.value for status in allowed)})"
            )
        require_instant_in_years(now, field="now")
        self._check_time(now)

    def _check_time(self, now: datetime) -> None:
        if now < self.last_changed_at:
            raise InvalidInput(
                f"ticket {self.ticket_id!r}: now {now.isoformat()} is before its last step at "
                f"{self.last_changed_at.isoformat()}; expected time to move forward"
            )

    def _advance(
        self, now: datetime, step: str, status: TicketStatus, note: str, **changes: Any
    ) -> FeedbackTicket:
        entry = TicketHistoryEntry(now, step, status, note)
        return attrs.evolve(self, status=status, history=(*self.history, entry), **changes)

    def _event_ids(self, now: datetime) -> dict[str, Any]:
        return {"occurred_at": now, "ticket_id": self.ticket_id, "account_id": self.account_id}
