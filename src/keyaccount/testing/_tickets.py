"""Hypothesis strategies for feedback tickets, and conformance checks for the ticket policies.

>>> from hypothesis import given, settings
>>> @settings(max_examples=5)
... @given(open_tickets())
... def test(ticket):
...     assert ticket.is_open and ticket.first_reply_deadline >= ticket.opened_at
>>> test()
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from itertools import pairwise
from typing import TYPE_CHECKING

from hypothesis import strategies as st

from keyaccount.domain.calendar import BusinessDuration
from keyaccount.domain.grading import AMOUNT_TIERS, SCORE_TIERS, Tier
from keyaccount.domain.tickets import (
    SATISFACTION_SCALE,
    DeadlineKind,
    EscalationPolicy,
    FeedbackTicket,
    LedgerPolicy,
    RectificationPolicy,
    Severity,
    TicketAtRisk,
    TicketChange,
    TicketEscalated,
    TicketKind,
    TicketSource,
    escalation_level,
    evaluate_escalation,
    reopen_ticket,
    ticket_deadlines,
)
from keyaccount.policies.tickets import TieredEscalation

if TYPE_CHECKING:
    from keyaccount.domain.calendar import BusinessCalendar

__all__ = [
    "LIFECYCLE_STEPS",
    "check_escalation_policy",
    "check_escalation_tiers",
    "check_ledger_policy",
    "check_rectification_policy",
    "lifecycle_steps",
    "open_tickets",
    "pause_intervals",
    "take_step",
]

# The steps :func:`take_step` knows, by name; close is split by the customer's answer.
LIFECYCLE_STEPS: tuple[str, ...] = (
    "reply",
    "pause",
    "resume",
    "resolve",
    "close_satisfied",
    "close_unsatisfied",
    "reopen",
)

_SHANGHAI = timezone(timedelta(hours=8))


@st.composite
def open_tickets(
    draw: st.DrawFn,
    *,
    tiers: Sequence[Tier] = SCORE_TIERS + AMOUNT_TIERS,
    opened_at: st.SearchStrategy[datetime] | None = None,
) -> FeedbackTicket:
    """Freshly opened tickets with arbitrary fields and deadlines (no policy involved).

    Args:
        draw: supplied by hypothesis.
        tiers: the tiers to draw from.
        opened_at: a strategy of aware opening instants (default: 2025, UTC+8).
    """
    moments = opened_at if opened_at is not None else st.datetimes(
        min_value=datetime(2025, 1, 2), max_value=datetime(2025, 12, 20),  # noqa: DTZ001
        timezones=st.just(_SHANGHAI),
    )
    opened = draw(moments)
    first_reply = opened + draw(st.timedeltas(timedelta(0), timedelta(days=5)))
    resolution = opened + draw(st.timedeltas(timedelta(0), timedelta(days=30)))
    departments = draw(st.lists(st.sampled_from(["sales", "quality", "logistics"]),
                                max_size=2, unique=True))
    ticket, _ = FeedbackTicket.open_ticket(
        ticket_id=draw(st.from_regex(r"T-[0-9]{1,6}", fullmatch=True)),
        account_id=draw(st.sampled_from(["ACME", "BETA", "GAMMA"])),
        tier=draw(st.sampled_from(list(tiers))),
        source=draw(st.sampled_from(TicketSource)),
        kind=draw(st.sampled_from(TicketKind)),
        severity=draw(st.sampled_from(Severity)),
        summary=draw(st.sampled_from(["late delivery", "defective batch", "invoice wrong"])),
        responsible_department="sales",
        responsible_person=draw(st.sampled_from(["Wang Fang", "Li Lei"])),
        first_reply_deadline=first_reply,
        resolution_deadline=resolution,
        now=opened,
        departments=departments,
        lead_coordinator="key-account department" if set(departments) - {"sales"} else None,
    )
    return ticket


def lifecycle_steps(*, max_size: int = 12) -> st.SearchStrategy[list[str]]:
    """Sequences of step names from :data:`LIFECYCLE_STEPS`, legal or not."""
    return st.lists(st.sampled_from(LIFECYCLE_STEPS), max_size=max_size)


@st.composite
def pause_intervals(
    draw: st.DrawFn,
    start: datetime,
    *,
    max_pauses: int = 4,
    max_gap: timedelta = timedelta(days=4),
    max_length: timedelta = timedelta(days=6),
) -> tuple[tuple[datetime, datetime], ...]:
    """Disjoint ``(pause, resume)`` intervals after ``start``, in order.

    Args:
        draw: supplied by hypothesis.
        start: the earliest pause.
        max_pauses: at most this many intervals.
        max_gap: the longest time between two intervals.
        max_length: the longest interval.
    """
    intervals = []
    moment = start
    for _ in range(draw(st.integers(0, max_pauses))):
        pause = moment + draw(st.timedeltas(timedelta(0), max_gap))
        resume = pause + draw(st.timedeltas(timedelta(0), max_length))
        intervals.append((pause, resume))
        moment = resume
    return tuple(intervals)


def take_step(
    ticket: FeedbackTicket,
    step: str,
    *,
    now: datetime,
    calendar: BusinessCalendar,
    policy: EscalationPolicy,
) -> TicketChange:
    """Take the named step of :data:`LIFECYCLE_STEPS` on ``ticket`` (it may be illegal).

    Raises:
        InvalidTransition: the step is not allowed in the ticket's status.
        ValueError: ``step`` is not a known step name.
    """
    if step == "reply":
        return ticket.reply("we are on it", now=now)
    if step == "pause":
        return ticket.pause("waiting for the customer's samples", now=now)
    if step == "resume":
        return ticket.resume(now=now, calendar=calendar)
    if step == "resolve":
        return ticket.resolve("root cause fixed; report attached", now=now)
    if step in ("close_satisfied", "close_unsatisfied"):
        satisfied = step == "close_satisfied"
        return ticket.close(satisfaction=5 if satisfied else 2, satisfied=satisfied, now=now)
    if step == "reopen":
        return reopen_ticket(ticket, policy, reason="not fixed", now=now, calendar=calendar)
    raise ValueError(f"unknown step {step!r}; expected one of {LIFECYCLE_STEPS}")


def check_escalation_policy(
    policy: EscalationPolicy,
    ticket: FeedbackTicket,
    moments: Sequence[datetime],
    calendar: BusinessCalendar,
) -> None:
    """Check a policy's invariants on an open ``ticket`` at increasing ``moments``.

    The deadlines it sets for the ticket are not before the opening; the level never
    decreases while the ticket stays open; every event carries the moment it was evaluated
    at and names the ticket; no warning or escalation is ever announced twice, whether the
    ticket is evaluated again at the same moment or later; and the highest level announced so
    far is the level the policy reports; and an account without a tier gets deadlines too
    (``deadlines_for(None)``, the default row: every account can raise a problem).

    Raises:
        AssertionError: an invariant is broken (the message says which and where).
    """
    untiered = ticket_deadlines(None, ticket.severity, policy, opened_at=ticket.opened_at,
                                calendar=calendar)
    _check(untiered.first_reply >= ticket.opened_at,
           f"untiered first reply before opening: {untiered}")
    deadlines = ticket_deadlines(
        ticket.tier, ticket.severity, policy, opened_at=ticket.opened_at, calendar=calendar
    )
    _check(deadlines.first_reply >= ticket.opened_at, f"first reply before opening: {deadlines}")
    _check(deadlines.resolution >= ticket.opened_at, f"resolution before opening: {deadlines}")
    previous = 0
    current = ticket
    announced: set[tuple[str, DeadlineKind, int]] = set()
    for moment in sorted(moments):
        level = escalation_level(current, policy, now=moment, calendar=calendar)
        _check(level >= previous, f"level fell from {previous} to {level} at {moment}")
        previous = level
        current, events = evaluate_escalation(current, policy, now=moment, calendar=calendar)
        for event in events:
            _check(event.occurred_at == moment, f"{event} does not carry the now {moment}")
            _check(event.ticket_id == ticket.ticket_id, f"{event} names another ticket")
            if not isinstance(event, (TicketAtRisk, TicketEscalated)):
                raise AssertionError(f"unexpected {event}")
            key = (type(event).__name__, event.deadline_kind,
                   event.level if isinstance(event, TicketEscalated) else 0)
            _check(key not in announced, f"{key} announced again at {moment}")
            announced.add(key)
        highest = max((key[2] for key in announced), default=0)
        _check(highest == level, f"announced up to level {highest}, but level is {level}")
        again, repeated = evaluate_escalation(current, policy, now=moment, calendar=calendar)
        _check(repeated == (), f"re-evaluation at {moment} announced {repeated} again")
        _check(again == current, f"re-evaluation at {moment} changed the ticket")


def check_escalation_tiers(
    policy: EscalationPolicy,
    *,
    calendar: BusinessCalendar,
    now: datetime,
    tiers: Sequence[Tier | str] | None = None,
) -> None:
    """Check that no lower tier gets an earlier deadline than the tier above it.

    For every severity and every adjacent pair of tiers (best first), a problem of the lower
    tier opened at ``now`` must have a first-reply and a resolution deadline no earlier than
    the same problem of the higher tier, on the host's ``calendar`` (SPEC §7: complaints of
    the better tiers go first, seed 002 §客户维护计划). :class:`TieredEscalation` refuses
    such settings unless ``allow_inverted_deadlines`` is set; this check also covers the
    host's own policy classes, and catches durations such as ``"8h"`` against ``"1d"`` whose
    order depends on the calendar's working day.

    Args:
        policy: the policy to check.
        calendar: the host's business calendar; ``now`` plus the longest deadline must lie
            inside its holiday data.
        now: the aware instant every problem is opened at.
        tiers: the tiers (or codes), best first; default the tiers of a
            :class:`TieredEscalation`'s table (``deadlines_by_tier``).

    Raises:
        AssertionError: a lower tier gets an earlier deadline; the message names both tiers,
            the severity and both deadlines.
        TypeError: no ``tiers`` given and the policy is not a :class:`TieredEscalation`.

    >>> from keyaccount import BusinessCalendar
    >>> calendar = BusinessCalendar(timezone="Asia/Shanghai")
    >>> monday = datetime.fromisoformat("2025-06-02T09:00+08:00")
    >>> check_escalation_tiers(TieredEscalation(), calendar=calendar, now=monday)
    >>> inverted = TieredEscalation.from_mapping({
    ...     "first_reply": {"A": "1d", "B": "4h"},
    ...     "resolution": {"A": {"critical": "1d", "major": "3d", "minor": "5d"},
    ...                    "B": {"critical": "2d", "major": "5d", "minor": "10d"}},
    ...     "tier_aliases": {}, "allow_inverted_deadlines": True})
    >>> check_escalation_tiers(inverted, calendar=calendar, now=monday)
    Traceback (most recent call last):
    ...
    AssertionError: tier 'B' gets an earlier first-reply deadline for a critical problem ...
    """
    if tiers is None:
        if not isinstance(policy, TieredEscalation):
            raise TypeError(
                f"{type(policy).__name__} does not list its tiers; pass tiers=[...], best first"
            )
        tiers = [code for code, _ in policy.deadlines_by_tier]
    tier_list = list(tiers)
    for severity in Severity:
        deadlines = [
            ticket_deadlines(tier, severity, policy, opened_at=now, calendar=calendar)
            for tier in tier_list
        ]
        for (higher, upper), (lower, below) in pairwise(zip(tier_list, deadlines, strict=True)):
            for what, upper_at, lower_at in (
                ("first-reply", upper.first_reply, below.first_reply),
                ("resolution", upper.resolution, below.resolution),
            ):
                if lower_at < upper_at:
                    raise AssertionError(
                        f"tier {_code(lower)!r} gets an earlier {what} deadline for a "
                        f"{severity.value} problem opened at {now.isoformat()} "
                        f"({lower_at.isoformat()}) than tier {_code(higher)!r} above it "
                        f"({upper_at.isoformat()})"
                    )


def check_ledger_policy(policy: LedgerPolicy) -> None:
    """Check what a ledger ``policy`` decides about leading and closing problems.

    ``lead_department`` is a non-blank name (seed 001 §五(二)2: a department leads a problem
    spanning departments); ``allow_other_leads`` and ``allow_contradiction`` are bools; and
    ``satisfied_by`` answers a bool for every score of
    :data:`~keyaccount.SATISFACTION_SCALE` and never turns from satisfied to unsatisfied as
    the score grows (seed 001 §五(二)3; SPEC §7).

    Raises:
        AssertionError: an invariant is broken (the message names the attribute or the
            score, and the value).

    >>> from keyaccount.policies import LedgerRules
    >>> check_ledger_policy(LedgerRules.from_mapping({"satisfied_from": 5}))
    """
    lead = policy.lead_department
    if not isinstance(lead, str) or not lead.strip():
        raise AssertionError(f"lead_department must be a non-blank name, got {lead!r}")
    for name in ("allow_other_leads", "allow_contradiction"):
        flag = getattr(policy, name)
        if not isinstance(flag, bool):
            raise AssertionError(f"{name} must be a bool, got {flag!r}")
    lowest_satisfied: int | None = None
    for score in SATISFACTION_SCALE:
        satisfied: object = policy.satisfied_by(score)
        if not isinstance(satisfied, bool):
            raise AssertionError(f"satisfied_by({score}) must be a bool, got {satisfied!r}")
        if lowest_satisfied is not None and not satisfied:
            raise AssertionError(
                f"satisfied_by({score}) is False, though the lower score {lowest_satisfied} "
                f"counts as satisfied"
            )
        if satisfied and lowest_satisfied is None:
            lowest_satisfied = score


def check_rectification_policy(policy: RectificationPolicy) -> None:
    """Check what a rectification ``policy`` decides about notices (seed 001 §七(一)3).

    ``answer_within`` is a :class:`~keyaccount.BusinessDuration` longer than zero (a notice
    needs a deadline it can be answered by); ``ticket_level`` is an int (not a bool) of at
    least 1 (a ticket on time never gets a notice); ``overdue_visits`` is an int (not a bool)
    of at least 1.

    Raises:
        AssertionError: an invariant is broken (the message names the attribute and its
            value).

    >>> from keyaccount.policies import RectificationRules
    >>> check_rectification_policy(RectificationRules.from_mapping({"ticket_level": 1}))
    """
    within: object = policy.answer_within
    if not isinstance(within, BusinessDuration) or within.is_zero:
        raise AssertionError(
            f"answer_within must be a BusinessDuration longer than zero, got {within!r}"
        )
    for name in ("ticket_level", "overdue_visits"):
        value = getattr(policy, name)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise AssertionError(f"{name} must be an int of at least 1, got {value!r}")


def _check(holds: bool, message: str) -> None:
    """Raise ``AssertionError(message)`` unless ``holds`` (``assert`` is gone under -O)."""
    if not holds:
        raise AssertionError(message)


def _code(tier: Tier | str) -> str:
    return tier.code if isinstance(tier, Tier) else tier
