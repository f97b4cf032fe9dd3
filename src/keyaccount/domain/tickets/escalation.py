"""Escalation of feedback tickets: what a company decides, and the services that apply it.

SPEC §7: deadlines come from an escalation policy by tier and severity, counted in business
time on a business calendar (§8); when a deadline passes the ticket climbs a ladder of roles;
complaints of the top tiers go first in every queue (seed 002 §客户维护计划 投诉处理优先级).

What differs from one company to the next is the :class:`EscalationPolicy`: the deadlines of a
tier, when a deadline is at risk, the level a missed deadline has reached at a moment and who
must act at that level, and whose complaints go first. What every company does the same way
are the services below: opening and reopening a ticket with the policy's deadlines, the
ticket's level and who must act on it, the warnings and escalations due, and the queue order.
Each takes its subject (the ticket; the tier and severity of a problem) first and the policy
after it (``open_ticket``, with no ticket yet, takes only the policy), and never falls back to a
default one: the caller passes it, usually ``presets.escalation()``
(:class:`keyaccount.policies.TieredEscalation`).

A host's own rules are a few lines; here every tier gets 2 business hours for the first reply
and one business day to resolve, a level is added every 4 business hours after the deadline,
and the ladder has three roles:

>>> from datetime import datetime, timedelta
>>> from decimal import Decimal
>>> from keyaccount import TIER_A, BusinessCalendar
>>> class FlatEscalation:
...     warning_fraction = Decimal("0.5")
...     priority_rank = 1
...     def deadlines_for(self, tier):
...         return TierDeadlines("2h", "1d", "1d", "1d")
...     def overdue_level(self, deadline, *, now, calendar):
...         if now <= deadline:
...             return 0
...         late = calendar.business_time_between(deadline, now)
...         return min(1 + late // timedelta(hours=4), 2)
...     def role(self, level):
...         return ("owner", "team_lead", "director")[level]
>>> policy = FlatEscalation()
>>> isinstance(policy, EscalationPolicy)
True
>>> calendar = BusinessCalendar(timezone="Asia/Shanghai")  # 09:00-12:00, 13:30-18:00
>>> monday = datetime.fromisoformat("2025-06-02T09:00+08:00")
>>> ticket, _ = open_ticket(
...     policy, ticket_id="T-9", account_id="ACME", tier=TIER_A, source="phone",
...     kind="after_sales", severity="minor", summary="invoice wrong",
...     responsible_department="finance", responsible_person="Zhou Min", now=monday,
...     calendar=calendar)
>>> ticket.first_reply_deadline.isoformat()
'2025-06-02T11:00:00+08:00'
>>> ticket, events = evaluate_escalation(ticket, policy, now=monday + timedelta(hours=6),
...                                      calendar=calendar)
>>> [(type(event).__name__, event.deadline_kind.value) for event in events]
[('TicketEscalated', 'first_reply'), ('TicketAtRisk', 'resolution')]
>>> who_must_act(ticket, policy, now=monday + timedelta(hours=6), calendar=calendar)
'team_lead'
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from keyaccount._errors import InvalidInput
from keyaccount._validation import require_instant_in_years, to_enum, to_items
from keyaccount.domain.grading import Tier
from keyaccount.domain.tickets._checks import check_calendar
from keyaccount.domain.tickets.deadlines import TicketDeadlines, TierDeadlines
from keyaccount.domain.tickets.enums import DeadlineKind, Severity, TicketKind, TicketSource
from keyaccount.domain.tickets.events import TicketAtRisk, TicketEscalated
from keyaccount.domain.tickets.ledger import LedgerPolicy, lead_for
from keyaccount.domain.tickets.ticket import FeedbackTicket, TicketChange

if TYPE_CHECKING:
    from keyaccount.domain.calendar import BusinessCalendar

__all__ = [
    "EscalationPolicy",
    "escalation_level",
    "evaluate_escalation",
    "open_ticket",
    "reopen_ticket",
    "ticket_deadlines",
    "ticket_queue_key",
    "who_must_act",
]


@runtime_checkable
class EscalationPolicy(Protocol):
    """What a company decides about the deadlines and escalation of its tickets (SPEC §7).

    The default implementation is :class:`keyaccount.policies.TieredEscalation`
    (``presets.escalation()``). The services of this module do the rest (opening,
    reopening, evaluating, queueing), the same for every policy.

    Invariants a host's own policy must keep (checked by
    ``keyaccount.testing.check_escalation_policy``): every business duration of
    :meth:`deadlines_for` is longer than zero, so no deadline is before the opening;
    :meth:`overdue_level` is 0 at and before the deadline and never decreases as ``now``
    grows; :meth:`role` names a role for every level :meth:`overdue_level` can return;
    ``warning_fraction`` lies strictly between 0 and 1. Through the services this gives:
    events carry the ``now`` they were evaluated at; nothing is announced twice, whether
    evaluated again at the same ``now`` or later; the highest level announced is the level
    :func:`escalation_level` reports. A configuration never gives a lower tier an earlier
    deadline than a higher one for the same severity
    (``keyaccount.testing.check_escalation_tiers``).
    """

    @property
    def warning_fraction(self) -> Decimal:
        """The share of a deadline's business time after which it is *at risk* (0.75)."""
        ...

    @property
    def priority_rank(self) -> int:
        """Complaints of tiers ranked this or better go first in the queue (2: A and B)."""
        ...

    def deadlines_for(self, tier: Tier | str | None) -> TierDeadlines:
        """The business time ``tier`` (a tier or its code) gets to reply and to resolve.

        ``None`` is an account without a tier (a prospect, an ordinary customer): every
        account can raise a problem (seed 001 §五), and it gets the policy's default row.
        """
        ...

    def overdue_level(
        self, deadline: datetime, *, now: datetime, calendar: BusinessCalendar
    ) -> int:
        """The escalation level ``deadline`` has reached at ``now``: 0 until it passes."""
        ...

    def role(self, level: int) -> str:
        """Who must act at escalation ``level``; level 0 is the responsible person."""
        ...


def ticket_deadlines(
    tier: Tier | str | None,
    severity: Severity | str,
    policy: EscalationPolicy,
    *,
    opened_at: datetime,
    calendar: BusinessCalendar,
) -> TicketDeadlines:
    """The first-reply and resolution deadlines of a problem opened at ``opened_at``.

    The policy's business times of ``tier`` and ``severity``, counted on ``calendar``;
    ``tier=None`` (an account without a tier) takes the policy's default row.

    Raises:
        InvalidInput: an unknown tier or severity, a naive ``opened_at`` or one outside the
            years 1900-2199, or a ``calendar`` that is not a ``BusinessCalendar``.
        CalendarRangeError: the deadline falls outside the calendar's holiday data.
    """
    _check_policy(policy, "deadlines_for")
    require_instant_in_years(opened_at, field="opened_at")
    check_calendar(calendar)
    severity = to_enum(Severity, severity, field="severity")
    deadlines = policy.deadlines_for(tier)
    if not isinstance(deadlines, TierDeadlines):
        raise InvalidInput(
            f"policy.deadlines_for({tier!r}) must give TierDeadlines, got {deadlines!r}"
        )
    resolution = deadlines.resolution(severity)
    return TicketDeadlines(
        first_reply=calendar.add_business_time(opened_at, deadlines.first_reply.on(calendar)),
        resolution=calendar.add_business_time(opened_at, resolution.on(calendar)),
    )


def open_ticket(
    policy: EscalationPolicy,
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
    now: datetime,
    calendar: BusinessCalendar,
    lead_coordinator: str | None = None,
    departments: Iterable[str] = (),
    ledger: LedgerPolicy | None = None,
) -> TicketChange:
    """Open a ticket at ``now`` with the policy's deadlines for its tier and severity.

    The fields are those of :meth:`FeedbackTicket.open_ticket`, less the two deadlines. Every
    account can raise a problem: ``tier=None`` (a prospect, a customer outside the key-account
    tiers) gets the deadlines of the policy's default row (tier D's by default, SPEC §7).
    With a ``ledger`` policy, a problem spanning departments is led by its department unless
    another lead is given, and another lead is refused unless the ledger allows it (seed 001
    §五(二)2); without one, a cross-department problem needs ``lead_coordinator``.

    Returns:
        The new ticket and its ``TicketOpened`` event.

    Raises:
        InvalidInput: a malformed field, an unknown tier, a naive ``now``, a
            cross-department problem without a lead coordinator, or a lead the ``ledger``
            does not allow.
    """
    require_instant_in_years(now, field="now")
    if ledger is not None:
        departments = to_items(departments, field="departments", expected="department names")
        lead_coordinator = lead_for(ledger, lead_coordinator,
                                    involved=(responsible_department, *departments))
    if tier is not None and not isinstance(tier, Tier):
        raise InvalidInput(f"tier must be a Tier or None (no tier), got {tier!r}")
    deadlines = ticket_deadlines(tier, severity, policy, opened_at=now, calendar=calendar)
    return FeedbackTicket.open_ticket(
        ticket_id=ticket_id,
        account_id=account_id,
        tier=tier,
        source=source,
        kind=kind,
        severity=severity,
        summary=summary,
        responsible_department=responsible_department,
        responsible_person=responsible_person,
        first_reply_deadline=deadlines.first_reply,
        resolution_deadline=deadlines.resolution,
        now=now,
        departments=departments,
        lead_coordinator=lead_coordinator,
    )


def reopen_ticket(
    ticket: FeedbackTicket,
    policy: EscalationPolicy,
    *,
    reason: str,
    now: datetime,
    calendar: BusinessCalendar,
) -> TicketChange:
    """Reopen ``ticket`` with a new resolution deadline counted from ``now``.

    The new deadline is the policy's resolution time for the ticket's tier and severity.

    Raises:
        InvalidTransition: the ticket cannot be reopened (see ``FeedbackTicket.reopen``).
        InvalidInput: a naive ``now``, a blank ``reason``, or a ``calendar`` that is not a
            ``BusinessCalendar``.
    """
    _check_subject(ticket, policy, "deadlines_for", calendar=calendar)
    require_instant_in_years(now, field="now")
    budget = policy.deadlines_for(ticket.tier).resolution(ticket.severity).on(calendar)
    deadline = calendar.add_business_time(now, budget)
    return ticket.reopen(reason, now=now, resolution_deadline=deadline)


def escalation_level(
    ticket: FeedbackTicket,
    policy: EscalationPolicy,
    *,
    now: datetime,
    calendar: BusinessCalendar,
) -> int:
    """The escalation level of ``ticket`` at ``now``: 0 until a pending deadline passes.

    Only pending deadlines count (the first reply until it is given, the resolution until it
    is reached); the level is the highest the policy gives them. While the ticket is paused
    its clock is stopped: the level is the one at the pause.

    Raises:
        InvalidInput: ``ticket``, ``policy`` or ``calendar`` is not one, or ``now`` is naive or
            before the ticket's last step (as :func:`evaluate_escalation`).
    """
    _check_subject(ticket, policy, "overdue_level", now=now, calendar=calendar)
    levels = [policy.overdue_level(deadline, now=moment, calendar=calendar)
              for _, deadline, moment in _pending(ticket, now)]
    return max(levels, default=0)


def who_must_act(
    ticket: FeedbackTicket,
    policy: EscalationPolicy,
    *,
    now: datetime,
    calendar: BusinessCalendar,
) -> str:
    """The role on the policy's ladder that must act on ``ticket`` at ``now``.

    The role of level 0 (the responsible person, ``ticket.responsible_person``) until a
    deadline passes, then the role of :func:`escalation_level`.

    Raises:
        InvalidInput: as :func:`escalation_level`.
    """
    _check_subject(ticket, policy, "role")
    return policy.role(escalation_level(ticket, policy, now=now, calendar=calendar))


def evaluate_escalation(
    ticket: FeedbackTicket,
    policy: EscalationPolicy,
    *,
    now: datetime,
    calendar: BusinessCalendar,
) -> TicketChange:
    """The warnings and escalations due on ``ticket`` since the last evaluation.

    A ``TicketAtRisk`` event is due once the policy's warning fraction of a pending deadline's
    business time is used (it is skipped if the deadline has already passed by the time of the
    evaluation: the escalation says more). A ``TicketEscalated`` event is due for each level
    reached and not announced yet. The returned ticket remembers what was announced, so
    evaluating it again at the same ``now`` gives no events. A ticket that is resolved or
    closed gives none.

    Returns:
        The ticket with its escalation marks updated, and the events due.

    Raises:
        InvalidInput: ``ticket``, ``policy`` or ``calendar`` is not one, a naive ``now``, or a
            ``now`` before the ticket's last step.
    """
    _check_subject(ticket, policy, "overdue_level", "role", "deadlines_for",
                   "warning_fraction", now=now, calendar=calendar)
    alerts: list[TicketAtRisk | TicketEscalated] = []
    ids: dict[str, Any] = {"occurred_at": now, "ticket_id": ticket.ticket_id,
                           "account_id": ticket.account_id}
    marks = ticket.escalation_marks
    for kind, deadline, moment in _pending(ticket, now):
        level = policy.overdue_level(deadline, now=moment, calendar=calendar)
        if level == 0 and not marks.warned(kind):
            remaining = calendar.business_time_between(moment, deadline)
            if remaining <= _warning_margin(policy, ticket, kind, calendar):
                alerts.append(TicketAtRisk(
                    **ids, deadline_kind=kind, deadline=deadline, remaining=remaining))
        alerts.extend(
            TicketEscalated(**ids, deadline_kind=kind, deadline=deadline, level=reached,
                            role=policy.role(reached))
            for reached in range(marks.level(kind) + 1, level + 1)
        )
    # record_alerts also refuses a now before the ticket's last step, alerts or not.
    return ticket.record_alerts(alerts, now=now), tuple(alerts)


def ticket_queue_key(
    ticket: FeedbackTicket, policy: EscalationPolicy
) -> tuple[int, datetime, datetime, str]:
    """A sort key for work queues: complaints of the top tiers first, then by deadline.

    Complaints (kind or source) of tiers ranked the policy's ``priority_rank`` or better come
    first (seed 002 §客户维护计划 投诉处理优先级), then everything by its next pending deadline
    (the first reply until given, then the resolution), then by opening time and id. Sort
    with ``key=functools.partial(ticket_queue_key, policy=policy)`` or
    ``key=lambda ticket: ticket_queue_key(ticket, policy)``.

    >>> from datetime import timezone
    >>> from functools import partial
    >>> from keyaccount import TIER_A, TIER_D
    >>> at = datetime(2025, 6, 3, 9, tzinfo=timezone.utc)
    >>> def ticket(ticket_id, tier, kind):
    ...     return FeedbackTicket.open_ticket(
    ...         ticket_id=ticket_id, account_id="X", tier=tier, source="phone", kind=kind,
    ...         severity="minor", summary="s", responsible_department="d",
    ...         responsible_person="p", first_reply_deadline=at, resolution_deadline=at,
    ...         now=at)[0]
    >>> queue = [ticket("1", TIER_D, "complaint"), ticket("2", TIER_A, "after_sales"),
    ...          ticket("3", TIER_A, "complaint")]
    >>> class TopTwoTiers:  # only priority_rank is read
    ...     priority_rank = 2
    >>> policy = TopTwoTiers()
    >>> [t.ticket_id for t in sorted(queue, key=lambda t: ticket_queue_key(t, policy))]
    ['3', '1', '2']
    >>> [t.ticket_id for t in sorted(queue, key=partial(ticket_queue_key, policy=policy))]
    ['3', '1', '2']
    """
    if not isinstance(ticket, FeedbackTicket):
        raise InvalidInput(f"ticket must be a FeedbackTicket, got {ticket!r}")
    _check_policy(policy, "priority_rank")
    complaint = ticket.kind is TicketKind.COMPLAINT or ticket.source is TicketSource.COMPLAINT
    first = complaint and ticket.tier is not None and ticket.tier.rank <= policy.priority_rank
    pending = (
        ticket.first_reply_deadline if ticket.first_replied_at is None
        else ticket.resolution_deadline
    )
    return (0 if first else 1, pending, ticket.opened_at, ticket.ticket_id)


_UNSET: Any = object()


def _check_subject(
    ticket: object, policy: object, *needs: str, now: object = _UNSET, calendar: object = _UNSET
) -> None:
    """Refuse a service's wrong ``ticket``, ``policy`` or ``calendar``, or a ``now`` out of order.

    Each is checked only when given; a wrong one is refused by name.
    A ``now`` before the ticket's last step is refused as its lifecycle steps and
    :func:`evaluate_escalation` refuse it: the ticket's fields say nothing of that moment.
    """
    if not isinstance(ticket, FeedbackTicket):
        raise InvalidInput(f"ticket must be a FeedbackTicket, got {ticket!r}")
    _check_policy(policy, *needs)
    if calendar is not _UNSET:
        check_calendar(calendar)
    if now is not _UNSET:
        ticket._check_time(require_instant_in_years(now, field="now"))


def _check_policy(policy: object, *needs: str) -> None:
    """Refuse a ``policy`` without the members of :class:`EscalationPolicy` a service uses.

    (``isinstance`` against the protocol would check them all, at some 30 us a call.)
    """
    missing = [name for name in needs if not hasattr(policy, name)]
    if missing:
        raise InvalidInput(
            f"policy must be an EscalationPolicy (with {', '.join(missing)}), got {policy!r}"
        )


def _pending(
    ticket: FeedbackTicket, now: datetime
) -> list[tuple[DeadlineKind, datetime, datetime]]:
    """``(kind, deadline, moment to judge it at)`` of each pending deadline."""
    if not ticket.is_open:
        return []
    moment = now if ticket.paused_at is None else min(now, ticket.paused_at)
    pending = []
    if ticket.first_replied_at is None:
        pending.append((DeadlineKind.FIRST_REPLY, ticket.first_reply_deadline, moment))
    if ticket.resolved_at is None:
        pending.append((DeadlineKind.RESOLUTION, ticket.resolution_deadline, moment))
    return pending


def _warning_margin(
    policy: EscalationPolicy, ticket: FeedbackTicket, kind: DeadlineKind,
    calendar: BusinessCalendar,
) -> timedelta:
    """The business time left before a deadline once the warning fraction of it is used."""
    deadlines = policy.deadlines_for(ticket.tier)
    budget = (deadlines.first_reply if kind is DeadlineKind.FIRST_REPLY
              else deadlines.resolution(ticket.severity)).on(calendar)
    # Decimal keeps "75 %" exact; a float product could put the warning a microsecond off.
    microseconds = budget // timedelta(microseconds=1)
    used = int(Decimal(microseconds) * policy.warning_fraction)
    return budget - timedelta(microseconds=used)
