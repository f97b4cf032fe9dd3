"""Supervision issues rectification notices: the ``RectificationPolicy`` port (SPEC §7).

Seed 001 §七(一)2-3: the supervision group checks that visit plans are carried out and problems
are solved in time, and issues rectification notices with deadlines (限期整改) for what it finds.
What a company decides is the :class:`RectificationPolicy` (default
:class:`keyaccount.policies.RectificationRules`, ``presets.rectification()``): how long the
addressee has, counted in business time, and when a ticket or a visit plan is far enough
behind for a notice. The services apply it the same way for every policy.

>>> from datetime import datetime
>>> from keyaccount import BusinessCalendar
>>> from keyaccount.policies import presets
>>> calendar = BusinessCalendar(timezone="Asia/Shanghai")
>>> friday = datetime.fromisoformat("2025-06-06T10:00+08:00")
>>> notice, _ = issue_notice(presets.rectification(), notice_id="N-1",
...                          finding="visit records incomplete", addressed_to="华东区",
...                          now=friday, calendar=calendar)
>>> notice.deadline.isoformat()   # five business days: the next Friday
'2025-06-13T10:00:00+08:00'
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from keyaccount._errors import InvalidInput
from keyaccount._validation import (
    COUNT_LIMIT,
    require_count,
    require_instant_in_years,
    require_non_empty,
)
from keyaccount.domain.calendar import BusinessDuration
from keyaccount.domain.tickets._checks import check_calendar
from keyaccount.domain.tickets.escalation import EscalationPolicy, escalation_level
from keyaccount.domain.tickets.rectification import RectificationChange, RectificationNotice
from keyaccount.domain.tickets.ticket import FeedbackTicket

if TYPE_CHECKING:
    from keyaccount.domain.calendar import BusinessCalendar

__all__ = ["RectificationPolicy", "issue_notice", "notice_for_ticket", "notice_for_visits"]


@runtime_checkable
class RectificationPolicy(Protocol):
    """What a company decides about rectification notices (seed 001 §七(一)3).

    Invariants: ``answer_within`` is a business duration longer than zero;
    ``ticket_level`` is at least 1 (a ticket on time never gets a notice);
    ``overdue_visits`` is at least 1.
    """

    @property
    def answer_within(self) -> BusinessDuration:
        """The business time the addressee has to rectify (5 business days)."""
        ...

    @property
    def ticket_level(self) -> int:
        """The escalation level at which a ticket gets a notice (2)."""
        ...

    @property
    def overdue_visits(self) -> int:
        """How many overdue planned visits of an account make a notice (2)."""
        ...


def _check_policy(policy: object, *needs: str) -> None:
    missing = [name for name in needs if not hasattr(policy, name)]
    if missing:
        raise InvalidInput(
            f"policy must be a RectificationPolicy (with {', '.join(missing)}), got {policy!r}"
        )


def issue_notice(
    policy: RectificationPolicy,
    *,
    notice_id: str,
    finding: str,
    addressed_to: str,
    now: datetime,
    calendar: BusinessCalendar,
    refers_to: str | None = None,
) -> RectificationChange:
    """Issue a notice at ``now`` due ``policy.answer_within`` business time later.

    Raises:
        InvalidInput: a blank field, a naive ``now``, a ``calendar`` that is not one.
        CalendarRangeError: the deadline falls outside the calendar's holiday data.
    """
    _check_policy(policy, "answer_within")
    require_instant_in_years(now, field="now")
    check_calendar(calendar)
    within = policy.answer_within
    if not isinstance(within, BusinessDuration):
        raise InvalidInput(f"policy.answer_within must be a BusinessDuration, got {within!r}")
    deadline = calendar.add_business_time(now, within.on(calendar))
    return RectificationNotice.issue(notice_id=notice_id, finding=finding,
                                     addressed_to=addressed_to, deadline=deadline, now=now,
                                     refers_to=refers_to)


def notice_for_ticket(
    ticket: FeedbackTicket,
    escalation: EscalationPolicy,
    policy: RectificationPolicy,
    *,
    notice_id: str,
    now: datetime,
    calendar: BusinessCalendar,
) -> RectificationChange | None:
    """A notice to the responsible department once ``ticket`` has fallen behind, else None.

    Behind means the ticket's escalation level at ``now`` has reached ``policy.ticket_level``.

    Raises:
        InvalidInput: as :func:`~keyaccount.escalation_level` and :func:`issue_notice`.
    """
    _check_policy(policy, "answer_within", "ticket_level")
    if not isinstance(escalation, EscalationPolicy):
        raise InvalidInput(f"escalation must be an EscalationPolicy, got {escalation!r}")
    level = escalation_level(ticket, escalation, now=now, calendar=calendar)
    if level < policy.ticket_level:
        return None
    finding = (f"ticket {ticket.ticket_id} ({ticket.summary}) is overdue at escalation level "
               f"{level}")
    return issue_notice(policy, notice_id=notice_id, finding=finding,
                        addressed_to=ticket.responsible_department, now=now, calendar=calendar,
                        refers_to=ticket.ticket_id)


def notice_for_visits(
    account_id: str,
    overdue: int,
    policy: RectificationPolicy,
    *,
    addressed_to: str,
    notice_id: str,
    now: datetime,
    calendar: BusinessCalendar,
) -> RectificationChange | None:
    """A notice once ``overdue`` planned visits of an account reach ``policy.overdue_visits``.

    ``overdue`` is the account's count of overdue visits (``AccountCompliance.overdue`` of
    ``evaluate_compliance``); ``addressed_to`` is the account team responsible for the plan.

    Raises:
        InvalidInput: a blank id, a count that is not an int from 0, and as
            :func:`issue_notice`.
    """
    _check_policy(policy, "answer_within", "overdue_visits")
    require_non_empty(account_id, field="account_id")
    require_count(overdue, field="overdue", maximum=COUNT_LIMIT)
    if overdue < policy.overdue_visits:
        return None
    finding = f"visit plan of {account_id} is behind: {overdue} planned visits overdue"
    return issue_notice(policy, notice_id=notice_id, finding=finding, addressed_to=addressed_to,
                        now=now, calendar=calendar, refers_to=account_id)
