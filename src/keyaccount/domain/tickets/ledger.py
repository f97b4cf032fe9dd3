"""Who leads a problem and how it is closed with the customer: the ``LedgerPolicy`` port.

Seed 001 §五(二)2 (由营销部门牵头协调): the marketing / key-account department
leads a problem that spans departments. Seed 001 §五(二)3: once resolved, that department tells
the customer the result and follows up their satisfaction with it. SPEC §7.

What a company decides is the :class:`LedgerPolicy` (default
:class:`keyaccount.policies.LedgerRules`, ``presets.ledger()``): the department that leads,
whether another lead may be named, the score from which a customer counts as satisfied, and
whether a recorded answer may contradict the score. The services apply it the same way for
every policy: ``open_ticket(..., ledger=policy)`` names the lead, :func:`close_ticket` keeps the
closing record.

>>> from datetime import datetime, timedelta
>>> from keyaccount import TIER_B, BusinessCalendar
>>> from keyaccount.domain.tickets import open_ticket
>>> from keyaccount.policies import presets
>>> calendar = BusinessCalendar(timezone="Asia/Shanghai")
>>> t0 = datetime.fromisoformat("2025-06-02T09:00+08:00")  # a Monday
>>> ticket, _ = open_ticket(
...     presets.escalation(), ticket_id="T-7", account_id="ACME", tier=TIER_B,
...     source="visit", kind="complaint", severity="major", summary="late deliveries",
...     responsible_department="logistics", responsible_person="Wang Fang",
...     departments=["quality"], now=t0, calendar=calendar, ledger=presets.ledger())
>>> ticket.lead_coordinator
'key-account department'
>>> ticket, _ = ticket.reply("carrier contacted", now=t0)
>>> ticket, _ = ticket.resolve("new carrier; report LOG-118", now=t0 + timedelta(days=1))
>>> ticket, events = close_ticket(
...     ticket, presets.ledger(), told="new carrier from Monday", told_by="Chen Jing",
...     satisfaction=4, now=t0 + timedelta(days=2))
>>> ticket.satisfied, ticket.closing.told_by, events[0].closing.satisfaction
(True, 'Chen Jing', 4)
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Protocol, runtime_checkable

from keyaccount._errors import InvalidInput
from keyaccount._validation import require_bool, require_instant_in_years, require_non_empty
from keyaccount.domain.tickets.closing_record import ClosingRecord
from keyaccount.domain.tickets.ticket import FeedbackTicket, TicketChange

__all__ = ["LedgerPolicy", "close_ticket"]


@runtime_checkable
class LedgerPolicy(Protocol):
    """What a company decides about leading and closing problems (SPEC §7; seed 001 §五(二)).

    Invariants a host's own policy keeps: ``lead_department`` is a non-blank name;
    :meth:`satisfied_by` answers a bool for every score of :data:`SATISFACTION_SCALE` and never
    turns from satisfied to unsatisfied as the score grows.
    """

    @property
    def lead_department(self) -> str:
        """The department that leads a problem spanning departments (the key-account one)."""
        ...

    @property
    def allow_other_leads(self) -> bool:
        """Whether a ticket may name another lead coordinator (False)."""
        ...

    @property
    def allow_contradiction(self) -> bool:
        """Whether an answer may contradict the score (1 of 5 with ``satisfied=True``)."""
        ...

    def satisfied_by(self, satisfaction: int) -> bool:
        """Whether a customer who gave ``satisfaction`` counts as satisfied."""
        ...


def lead_for(
    policy: LedgerPolicy, lead_coordinator: str | None, *, involved: Iterable[str]
) -> str | None:
    """The lead coordinator of a problem involving ``involved`` departments under ``policy``.

    ``involved`` lists the responsible department first. Not given on a cross-department
    problem: the policy's department. Given: it must be the
    policy's department unless the policy allows another (seed 001 §五(二)2).
    """
    for name in ("lead_department", "allow_other_leads"):
        if not hasattr(policy, name):
            raise InvalidInput(f"ledger must be a LedgerPolicy (with {name}), got {policy!r}")
    departments = set()
    for position, department in enumerate(involved):
        field = "responsible_department" if position == 0 else "departments"
        departments.add(require_non_empty(department, field=field))
    if lead_coordinator is None:
        return policy.lead_department if len(departments) > 1 else None
    if lead_coordinator != policy.lead_department and not policy.allow_other_leads:
        raise InvalidInput(
            f"lead_coordinator must be {policy.lead_department!r} (the department that leads "
            f"problems spanning departments, seed 001 §五(二)2), got {lead_coordinator!r}; "
            f"the ledger policy's allow_other_leads lets another lead"
        )
    return lead_coordinator


def close_ticket(
    ticket: FeedbackTicket,
    policy: LedgerPolicy,
    *,
    told: str,
    told_by: str,
    now: datetime,
    satisfaction: int | None = None,
    satisfied: bool | None = None,
    told_at: datetime | None = None,
) -> TicketChange:
    """Close a resolved ``ticket`` with its closing record (seed 001 §五(二)3).

    Args:
        ticket: a resolved ticket.
        policy: the ledger policy (its satisfaction threshold and contradiction rule).
        told: what the customer was told about the result.
        told_by: who told them.
        now: when the close is recorded.
        satisfaction: the customer's score, or ``None`` when not given (the close goes on).
        satisfied: the customer's answer; when not given it is derived from the score by the
            policy's threshold, and with neither given the customer is not counted satisfied
            (the ticket may then be reopened).
        told_at: when the customer was told (``now`` if not given), after the resolution.

    Raises:
        InvalidTransition: the ticket is not resolved.
        InvalidInput: a blank ``told`` or ``told_by``, a score off the scale, an answer that
            contradicts the score unless the policy allows it, or a ``told_at`` before the
            resolution or after ``now``.
    """
    if not isinstance(ticket, FeedbackTicket):
        raise InvalidInput(f"ticket must be a FeedbackTicket, got {ticket!r}")
    for name in ("satisfied_by", "allow_contradiction"):
        if not hasattr(policy, name):
            raise InvalidInput(f"policy must be a LedgerPolicy (with {name}), got {policy!r}")
    require_instant_in_years(now, field="now")
    moment = now if told_at is None else require_instant_in_years(told_at, field="told_at")
    if satisfied is not None:
        require_bool(satisfied, field="satisfied")
    # the record checks the text and the score before the policy reads the score
    ClosingRecord(told=told, told_by=told_by, told_at=moment, satisfaction=satisfaction)
    if satisfaction is not None:
        derived = policy.satisfied_by(satisfaction)
        if satisfied is None:
            satisfied = derived
        elif satisfied != derived and not policy.allow_contradiction:
            raise InvalidInput(
                f"satisfied={satisfied!r} contradicts satisfaction {satisfaction} (the scale "
                f"counts it {'satisfied' if derived else 'not satisfied'}); the ledger policy's "
                f"allow_contradiction lets such an answer stand"
            )
    if satisfied is None:
        satisfied = False
    record = ClosingRecord(told=told, told_by=told_by, told_at=moment,
                           satisfaction=satisfaction, satisfied=satisfied)
    return ticket.close(satisfaction=satisfaction, satisfied=satisfied, now=now, closing=record)
