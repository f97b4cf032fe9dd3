"""Feedback tickets: the tracking ledger of customer problems (问题跟踪台账, SPEC §7).

Seed 001 §五 走访反馈与问题解决 asks for a ledger that names, for every important problem a
customer raises, the **responsible department, responsible person and resolution deadline**,
has the marketing / key-account department lead problems that span departments, keeps the
customer informed of progress, wants a written resolution report, and follows up the
customer's satisfaction with the result. Seeds 002 and 003 add complaints (投诉) and their
priority for the top tiers.

A :class:`FeedbackTicket` is a frozen value. Every step of its lifecycle returns
``(new_ticket, events)`` and appends to its history; an illegal step raises
:class:`~keyaccount.InvalidTransition` and leaves the ticket as it was::

    opened ──reply──> in_progress ──resolve──> resolved ──close──> closed
                       │   ^  (reply = progress report)   │            │ (not satisfied)
                 pause │   │ resume                reopen │     reopen │
                       v   │                              v            v
                       paused                          reopened ──reply──> in_progress

Deadlines are counted in business time on a :class:`~keyaccount.BusinessCalendar`; an
escalation policy (:mod:`keyaccount.policies`) computes them and watches them. The ticket
itself only stores them, moves them when the clock is stopped (a pause), and remembers which
warnings and escalations were already announced, so that announcing is idempotent.

>>> from datetime import datetime, timedelta
>>> from zoneinfo import ZoneInfo
>>> from keyaccount import TIER_A
>>> opened = datetime(2025, 9, 29, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
>>> ticket, events = FeedbackTicket.open_ticket(
...     ticket_id="T-1", account_id="ACME", tier=TIER_A, source=TicketSource.VISIT,
...     kind=TicketKind.COMPLAINT, severity=Severity.MAJOR, summary="late deliveries",
...     responsible_department="logistics", responsible_person="Wang Fang",
...     first_reply_deadline=opened + timedelta(hours=4),
...     resolution_deadline=opened + timedelta(days=3), now=opened)
>>> ticket.status, [type(event).__name__ for event in events]
(<TicketStatus.OPENED: 'opened'>, ['TicketOpened'])
>>> ticket.resolve("re-routed", now=opened)
Traceback (most recent call last):
...
keyaccount.InvalidTransition: ticket 'T-1' is opened; cannot resolve (allowed from: in_progress)
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar

import attrs

from keyaccount._errors import InvalidInput, InvalidTransition
from keyaccount._validation import require_aware, require_non_empty
from keyaccount.domain.events import DomainEvent
from keyaccount.domain.tiers import Tier

if TYPE_CHECKING:
    from keyaccount.domain.calendar import BusinessCalendar

__all__ = [
    "SATISFACTION_SCALE",
    "DeadlineKind",
    "EscalationMarks",
    "FeedbackTicket",
    "ProgressReported",
    "Severity",
    "TicketAtRisk",
    "TicketChange",
    "TicketClosed",
    "TicketEscalated",
    "TicketEvent",
    "TicketHistoryEntry",
    "TicketKind",
    "TicketOpened",
    "TicketPaused",
    "TicketReopened",
    "TicketReplied",
    "TicketResolved",
    "TicketResumed",
    "TicketSource",
    "TicketStatus",
]


class TicketSource(enum.Enum):
    """Where a problem came from (SPEC §7): a visit, a phone call, a complaint, a survey."""

    VISIT = "visit"
    PHONE = "phone"
    COMPLAINT = "complaint"
    SURVEY = "survey"


class TicketKind(enum.Enum):
    """What kind of problem it is (SPEC §7; seed 001 §二 names the departments that own each)."""

    COMPLAINT = "complaint"
    PRODUCT_OR_TECHNICAL = "product_or_technical"
    AFTER_SALES = "after_sales"
    SUGGESTION_OR_DEMAND = "suggestion_or_demand"


class Severity(enum.Enum):
    """How much the problem hurts the customer; resolution deadlines depend on it."""

    CRITICAL = "critical"
    MAJOR = "major"
    MINOR = "minor"


class TicketStatus(enum.Enum):
    """Where a ticket stands in its lifecycle (see the module docstring for the steps)."""

    OPENED = "opened"
    IN_PROGRESS = "in_progress"
    PAUSED = "paused"
    RESOLVED = "resolved"
    CLOSED = "closed"
    REOPENED = "reopened"


class DeadlineKind(enum.Enum):
    """The two deadlines of a ticket: the first reply to the customer, and the resolution."""

    FIRST_REPLY = "first_reply"
    RESOLUTION = "resolution"


# The satisfaction survey's five-point scale (5 非常满意 ... 1 非常不满意). Seed 001 §五(二)3
# asks for "the customer's satisfaction with the result" without a scale; five points is the
# common survey form. Whether the customer counts as satisfied is recorded separately.
SATISFACTION_SCALE = range(1, 6)

_OPEN_STATUSES = frozenset(
    {TicketStatus.OPENED, TicketStatus.IN_PROGRESS, TicketStatus.PAUSED, TicketStatus.REOPENED}
)

E = TypeVar("E", bound=enum.Enum)


def _convert(kind: type[E], value: object, field: str) -> E:
    if isinstance(value, kind):
        return value
    try:
        return kind(value)
    except ValueError:
        raise InvalidInput(
            f"{field} must be one of {[member.value for member in kind]}, got {value!r}"
        ) from None


def _to_source(value: TicketSource | str) -> TicketSource:
    return _convert(TicketSource, value, "FeedbackTicket.source")


def _to_kind(value: TicketKind | str) -> TicketKind:
    return _convert(TicketKind, value, "FeedbackTicket.kind")


def to_severity(value: Severity | str, *, field: str = "severity") -> Severity:
    """Read a severity given as a :class:`Severity` or its value (``"critical"`` ...).

    Shared by the ticket and the escalation policies, so both refuse the same way.

    Raises:
        InvalidInput: the value is not a severity; the message names ``field``.

    >>> to_severity("major")
    <Severity.MAJOR: 'major'>
    """
    return _convert(Severity, value, field)


def _to_severity(value: Severity | str) -> Severity:
    return to_severity(value, field="FeedbackTicket.severity")


def _to_status(value: TicketStatus | str) -> TicketStatus:
    return _convert(TicketStatus, value, "FeedbackTicket.status")


def _text(_instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    require_non_empty(value, field=f"FeedbackTicket.{attribute.name}")


def _aware(_instance: object, attribute: attrs.Attribute[datetime], value: datetime) -> None:
    require_aware(value, field=f"FeedbackTicket.{attribute.name}")


_optional_text = attrs.validators.optional(_text)
_optional_aware = attrs.validators.optional(_aware)


def _departments(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    return tuple(value)


def _to_history(value: Iterable[TicketHistoryEntry]) -> tuple[TicketHistoryEntry, ...]:
    return tuple(value)


def _level(_instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidInput(f"EscalationMarks.{attribute.name} must be an int >= 0, got {value!r}")


@attrs.frozen
class EscalationMarks:
    """What an escalation policy already announced for a ticket, so it never announces twice.

    Attributes:
        first_reply_warned: the *at risk* warning of the first-reply deadline was announced.
        first_reply_level: the highest escalation level announced for the first reply.
        resolution_warned: the *at risk* warning of the resolution deadline was announced.
        resolution_level: the highest escalation level announced for the resolution.

    Reopening a ticket clears the resolution marks: its new deadline is watched afresh.
    """

    first_reply_warned: bool = False
    first_reply_level: int = attrs.field(default=0, validator=_level)
    resolution_warned: bool = False
    resolution_level: int = attrs.field(default=0, validator=_level)

    def warned(self, deadline: DeadlineKind) -> bool:
        """Whether the *at risk* warning of ``deadline`` was announced."""
        if deadline is DeadlineKind.FIRST_REPLY:
            return self.first_reply_warned
        return self.resolution_warned

    def level(self, deadline: DeadlineKind) -> int:
        """The highest escalation level announced for ``deadline`` (0: none)."""
        if deadline is DeadlineKind.FIRST_REPLY:
            return self.first_reply_level
        return self.resolution_level

    def announced(self, deadline: DeadlineKind, *, level: int = 0) -> EscalationMarks:
        """These marks once a warning (``level`` 0) or an escalation of ``deadline`` is out.

        An escalation implies the warning (it says more); levels never go down.

        >>> marks = EscalationMarks().announced(DeadlineKind.RESOLUTION, level=2)
        >>> marks.warned(DeadlineKind.RESOLUTION), marks.level(DeadlineKind.RESOLUTION)
        (True, 2)
        >>> marks.announced(DeadlineKind.RESOLUTION, level=1).resolution_level
        2
        """
        if deadline is DeadlineKind.FIRST_REPLY:
            return attrs.evolve(self, first_reply_warned=True,
                                first_reply_level=max(level, self.first_reply_level))
        return attrs.evolve(self, resolution_warned=True,
                            resolution_level=max(level, self.resolution_level))


@attrs.frozen
class TicketHistoryEntry:
    """One line of a ticket's append-only history.

    Attributes:
        at: when the step was taken (the caller's ``now``).
        step: the step's name: ``opened``, ``replied``, ``progress_reported``, ``paused``,
            ``resumed``, ``resolved``, ``closed``, ``reopened``, ``at_risk``, ``escalated``.
        status: the ticket's status after the step.
        note: what was said or done (the reply, the report, the reason, the level reached).
    """

    at: datetime
    step: str
    status: TicketStatus
    note: str = ""


# --- events (SPEC §10) ---


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
class ProgressReported(TicketEvent):
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


# --- the ticket ---

TicketChange: TypeAlias = "tuple[FeedbackTicket, tuple[TicketEvent, ...]]"
"""What every lifecycle step returns: the new ticket and the events the step caused."""


@attrs.frozen(kw_only=True)
class FeedbackTicket:
    """A customer problem in the tracking ledger (问题跟踪台账, SPEC §7).

    Build one with :meth:`open_ticket` (or an escalation policy's ``open_ticket``, which
    computes the deadlines); change it only through its lifecycle methods.

    Attributes:
        ticket_id: the host's identifier.
        account_id: the customer.
        tier: the account's tier when the ticket was opened (deadlines were set for it).
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
        satisfaction: the customer's score of the result, on :data:`SATISFACTION_SCALE`.
        satisfied: whether the customer is satisfied with the result.
        reopen_count: how many times an unsatisfied customer reopened it.
        reopened_at: when it was last reopened.
        escalation_marks: the warnings and escalation levels already announced.
        history: every step so far, oldest first (append-only).

    Example:
        The whole lifecycle, on a calendar of 09:00-12:00 and 13:30-18:00, Monday to Friday:

        >>> from keyaccount import BusinessCalendar
        >>> calendar = BusinessCalendar(timezone="Asia/Shanghai")
        >>> t0 = datetime.fromisoformat("2025-06-02T09:00+08:00")  # a Monday
        >>> ticket, events = FeedbackTicket.open_ticket(
        ...     ticket_id="T-2", account_id="ACME", tier=Tier("A", 1), source="visit",
        ...     kind="complaint", severity="major", summary="late and damaged deliveries",
        ...     responsible_department="logistics", responsible_person="Wang Fang",
        ...     departments=["quality"], lead_coordinator="key-account department",
        ...     first_reply_deadline=t0 + timedelta(hours=4),
        ...     resolution_deadline=t0 + timedelta(days=3), now=t0)
        >>> ticket.involved_departments, ticket.is_open, ticket.status.value
        (('logistics', 'quality'), True, 'opened')
        >>> ticket, events = ticket.reply("carrier contacted", now=t0 + timedelta(hours=1))
        >>> ticket.status.value, type(events[0]).__name__, events[0].on_time
        ('in_progress', 'TicketReplied', True)
        >>> type(ticket.reply("samples collected", now=t0 + timedelta(hours=2))[1][0]).__name__
        'ProgressReported'

        Waiting on the customer for a whole business day moves the resolution deadline by
        7.5 business hours (the closing edge of working hours counts):

        >>> ticket, _ = ticket.pause("waiting for goods-receipt records",
        ...                         now=t0 + timedelta(hours=1))
        >>> ticket, events = ticket.resume(now=t0 + timedelta(days=1, hours=1),
        ...                                calendar=calendar)
        >>> str(events[0].paused_business_time), ticket.resolution_deadline.isoformat()
        ('7:30:00', '2025-06-05T18:00:00+08:00')

        A written report resolves it; the customer's answer closes it, or reopens it:

        >>> ticket, events = ticket.resolve("new carrier; report LOG-118",
        ...                                 now=t0 + timedelta(days=2))
        >>> ticket.status.value, events[0].on_time, ticket.resolved_on_time
        ('resolved', True, True)
        >>> ticket, _ = ticket.close(satisfaction=2, satisfied=False,
        ...                          now=t0 + timedelta(days=2, hours=1))
        >>> ticket, events = ticket.reopen("still late", now=t0 + timedelta(days=2, hours=2),
        ...                                resolution_deadline=t0 + timedelta(days=5))
        >>> ticket.status.value, ticket.reopen_count, ticket.resolved_on_time
        ('reopened', 1, None)
        >>> [entry.step for entry in ticket.history]
        ['opened', 'replied', 'paused', 'resumed', 'resolved', 'closed', 'reopened']
    """

    ticket_id: str = attrs.field(validator=_text)
    account_id: str = attrs.field(validator=_text)
    tier: Tier = attrs.field()
    source: TicketSource = attrs.field(converter=_to_source)
    kind: TicketKind = attrs.field(converter=_to_kind)
    severity: Severity = attrs.field(converter=_to_severity)
    summary: str = attrs.field(validator=_text)
    responsible_department: str = attrs.field(validator=_text)
    responsible_person: str = attrs.field(validator=_text)
    opened_at: datetime = attrs.field(validator=_aware)
    first_reply_deadline: datetime = attrs.field(validator=_aware)
    resolution_deadline: datetime = attrs.field(validator=_aware)
    departments: tuple[str, ...] = attrs.field(default=(), converter=_departments)
    lead_coordinator: str | None = attrs.field(default=None, validator=_optional_text)
    status: TicketStatus = attrs.field(
        default=TicketStatus.OPENED, converter=_to_status
    )
    first_replied_at: datetime | None = attrs.field(default=None, validator=_optional_aware)
    paused_at: datetime | None = attrs.field(default=None, validator=_optional_aware)
    paused_business_time: timedelta = timedelta(0)
    resolved_at: datetime | None = attrs.field(default=None, validator=_optional_aware)
    resolution_report: str | None = attrs.field(default=None, validator=_optional_text)
    closed_at: datetime | None = attrs.field(default=None, validator=_optional_aware)
    satisfaction: int | None = None
    satisfied: bool | None = None
    reopen_count: int = 0
    reopened_at: datetime | None = attrs.field(default=None, validator=_optional_aware)
    escalation_marks: EscalationMarks = attrs.field(factory=EscalationMarks)
    history: tuple[TicketHistoryEntry, ...] = attrs.field(default=(), converter=_to_history)

    def __attrs_post_init__(self) -> None:
        self._check_consistency()

    def _check_consistency(self) -> None:
        name = f"ticket {self.ticket_id!r}"
        if not isinstance(self.tier, Tier):
            raise InvalidInput(f"FeedbackTicket.tier must be a Tier, got {self.tier!r}")
        for department in self.departments:
            require_non_empty(department, field="FeedbackTicket.departments")
        if self.is_cross_department and self.lead_coordinator is None:
            raise InvalidInput(
                f"{name} spans departments {list(self.involved_departments)}; a lead "
                f"coordinator is required (seed 001 §五(二)2), got lead_coordinator=None"
            )
        for field in ("first_reply_deadline", "resolution_deadline"):
            deadline: datetime = getattr(self, field)
            if deadline < self.opened_at:
                raise InvalidInput(
                    f"{name}: {field} {deadline.isoformat()} is before opened_at "
                    f"{self.opened_at.isoformat()}; expected a deadline at or after the opening"
                )
        if not isinstance(self.escalation_marks, EscalationMarks):
            raise InvalidInput(
                f"{name}: escalation_marks must be EscalationMarks, got {self.escalation_marks!r}"
            )
        self._check_history(name)
        if not isinstance(self.paused_business_time, timedelta):
            raise InvalidInput(
                f"{name}: paused_business_time must be a timedelta, got "
                f"{self.paused_business_time!r}"
            )
        if self.paused_business_time < timedelta(0):
            raise InvalidInput(
                f"{name}: paused_business_time must be >= 0, got {self.paused_business_time}"
            )
        if (
            isinstance(self.reopen_count, bool)
            or not isinstance(self.reopen_count, int)
            or self.reopen_count < 0
        ):
            raise InvalidInput(
                f"{name}: reopen_count must be an int >= 0, got {self.reopen_count!r}"
            )
        if self.satisfaction is not None and (
            isinstance(self.satisfaction, bool) or self.satisfaction not in SATISFACTION_SCALE
        ):
            raise InvalidInput(
                f"{name}: satisfaction must be an int from {SATISFACTION_SCALE.start} to "
                f"{SATISFACTION_SCALE.stop - 1}, got {self.satisfaction!r}"
            )
        if self.satisfied is not None and not isinstance(self.satisfied, bool):
            raise InvalidInput(f"{name}: satisfied must be True or False, got {self.satisfied!r}")
        self._check_status_fields(name)

    def _check_history(self, name: str) -> None:
        # A host rebuilds tickets from storage: a history out of order would make
        # last_changed_at (and with it the "time moves forward" check) lie.
        previous = self.opened_at
        for entry in self.history:
            if not isinstance(entry, TicketHistoryEntry):
                raise InvalidInput(
                    f"{name}: history must hold TicketHistoryEntry values, got {entry!r}"
                )
            require_aware(entry.at, field="TicketHistoryEntry.at")
            if entry.at < previous:
                raise InvalidInput(
                    f"{name}: history entry {entry.step!r} at {entry.at.isoformat()} is before "
                    f"{previous.isoformat()}; expected entries in time order, none before "
                    f"opened_at"
                )
            previous = entry.at

    def _check_status_fields(self, name: str) -> None:
        resolved = self.status in (TicketStatus.RESOLVED, TicketStatus.CLOSED)
        expectations = (
            ("first_replied_at", self.first_replied_at is not None or self.status in (
                TicketStatus.OPENED, TicketStatus.REOPENED), "set once the ticket got past "
             "opened"),
            ("paused_at", (self.paused_at is not None) == (self.status is TicketStatus.PAUSED),
             "set exactly while paused"),
            ("resolved_at", (self.resolved_at is not None) == resolved,
             "set exactly while resolved or closed"),
            ("resolution_report", (self.resolution_report is not None) == resolved,
             "set exactly while resolved or closed"),
            ("closed_at", (self.closed_at is not None) == (self.status is TicketStatus.CLOSED),
             "set exactly while closed"),
            ("satisfaction", (self.satisfaction is not None) == (
                self.status is TicketStatus.CLOSED), "set exactly while closed"),
            ("satisfied", (self.satisfied is not None) == (self.status is TicketStatus.CLOSED),
             "set exactly while closed"),
        )
        for field, holds, expected in expectations:
            if not holds:
                raise InvalidInput(
                    f"{name} is {self.status.value} with {field}={getattr(self, field)!r}; "
                    f"expected {field} {expected}"
                )

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
        tier: Tier,
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
        require_aware(now, field="now")
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
            departments=tuple(departments),
            lead_coordinator=lead_coordinator,
            history=(TicketHistoryEntry(now, "opened", TicketStatus.OPENED, summary),),
        )
        event = TicketOpened(
            occurred_at=now,
            ticket_id=ticket.ticket_id,
            account_id=ticket.account_id,
            tier_code=ticket.tier.code,
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
        ones are :class:`ProgressReported`.

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
            event = ProgressReported(**self._event_ids(now), message=message)
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
        time it is overdue is frozen during the pause, neither forgiven nor counted. The
        first-reply deadline stays: only a ticket in progress is paused, so the customer has
        already had the first reply.

        Raises:
            InvalidTransition: the ticket is not paused.
            InvalidInput: ``now`` is naive or before the pause.
        """
        self._check_step("resume", (TicketStatus.PAUSED,), now)
        assert self.paused_at is not None  # guaranteed by the status check
        paused = calendar.business_time_between(self.paused_at, now)
        resolution_deadline = self.resolution_deadline
        # A pause wholly outside working hours moves nothing, so the calendar is not asked
        # (the deadline keeps its own zone and is not range-checked for a no-op).
        if paused > timedelta(0):
            resolution_deadline = calendar.add_business_time(resolution_deadline, paused)
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
        self, *, satisfaction: int, satisfied: bool, now: datetime
    ) -> TicketChange:
        """Close it once the customer was told the result and scored it.

        Args:
            satisfaction: the customer's score on :data:`SATISFACTION_SCALE`.
            satisfied: whether the customer is satisfied with the result; an unsatisfied
                customer may then :meth:`reopen` the ticket.
            now: when the customer's answer was recorded.

        Raises:
            InvalidTransition: the ticket is not resolved.
            InvalidInput: the score is off the scale, ``satisfied`` is not a bool, or ``now``
                is naive or before the last step.
        """
        self._check_step("close", (TicketStatus.RESOLVED,), now)
        ticket = self._advance(
            now,
            "closed",
            TicketStatus.CLOSED,
            f"satisfaction {satisfaction}, {'satisfied' if satisfied else 'not satisfied'}",
            closed_at=now,
            satisfaction=satisfaction,
            satisfied=satisfied,
        )
        event = TicketClosed(**self._event_ids(now), satisfaction=satisfaction, satisfied=satisfied)
        return ticket, (event,)

    def reopen(
        self, reason: str, *, now: datetime, resolution_deadline: datetime
    ) -> TicketChange:
        """Reopen it because the customer is not satisfied with the resolution.

        Allowed from resolved (the customer rejects the result when told) and from closed when
        the recorded answer was *not satisfied*; a satisfied customer's ticket stays closed (a
        new problem is a new ticket). The history is kept; the resolution, report and
        satisfaction are cleared; the new ``resolution_deadline`` (an escalation policy counts
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
        require_aware(resolution_deadline, field="resolution_deadline")
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
        """Remember warnings and escalations announced at ``now`` (used by escalation policies).

        The marks only go up, so announcing is idempotent: a policy announces what is due
        beyond the marks. Each alert is also appended to the history.

        Raises:
            InvalidInput: an alert is about another ticket, or ``now`` is naive or before the
                last step.
        """
        require_aware(now, field="now")
        self._check_time(now)
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
        require_aware(now, field="now")
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
