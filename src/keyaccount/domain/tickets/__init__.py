"""Feedback tickets: the tracking ledger of customer problems and its escalation (SPEC §7).

Seed 001 §五 走访反馈与问题解决 asks for a ledger (问题跟踪台账) that names, for every important
problem a customer raises, the **responsible department, responsible person and resolution
deadline**, has the marketing / key-account department lead problems that span departments,
keeps the customer informed of progress, wants a written resolution report, and follows up the
customer's satisfaction with the result. Seeds 002 and 003 add complaints (投诉) and their
priority for the top tiers.

Modules: :mod:`~keyaccount.domain.tickets.enums` (source, kind, severity, status),
:mod:`~keyaccount.domain.tickets.ticket` (the ticket and its lifecycle),
:mod:`~keyaccount.domain.tickets.history` (its history and escalation marks),
:mod:`~keyaccount.domain.tickets.events`, :mod:`~keyaccount.domain.tickets.deadlines` (a
ticket's deadlines, in the business time of :class:`~keyaccount.BusinessDuration`), and
:mod:`~keyaccount.domain.tickets.escalation` (the ``EscalationPolicy`` protocol and the
services that open, reopen, evaluate and queue tickets with it),
:mod:`~keyaccount.domain.tickets.closing_record` and :mod:`~keyaccount.domain.tickets.ledger`
(who leads a problem, how it is closed with the customer: the ``LedgerPolicy``), and
:mod:`~keyaccount.domain.tickets.rectification` with
:mod:`~keyaccount.domain.tickets.supervision` (rectification notices, seed 001 §七(一)3).

Every step of a ticket's lifecycle returns ``(new_ticket, events)``; an illegal step raises
:class:`~keyaccount.InvalidTransition` and leaves the ticket as it was::

    opened ──reply──> in_progress ──resolve──> resolved ──close──> closed
                       │   ^  (reply = progress report)   │            │ (not satisfied)
                 pause │   │ resume                reopen │     reopen │
                       v   │                              v            v
                       paused                          reopened ──reply──> in_progress


>>> from datetime import datetime, timedelta
>>> from keyaccount import BusinessCalendar, Tier
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
>>> ticket.resolve("re-routed", now=t0)
Traceback (most recent call last):
...
keyaccount.InvalidTransition: ticket 'T-2' is opened; cannot resolve (allowed from: in_progress)
>>> ticket, events = ticket.reply("carrier contacted", now=t0 + timedelta(hours=1))
>>> ticket.status.value, type(events[0]).__name__, events[0].on_time
('in_progress', 'TicketReplied', True)
>>> type(ticket.reply("samples collected", now=t0 + timedelta(hours=2))[1][0]).__name__
'TicketProgressReported'

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

from keyaccount.domain.tickets import (
    closing_record,
    deadlines,
    enums,
    escalation,
    events,
    history,
    ledger,
    rectification,
    rectification_events,
    supervision,
    ticket,
)
from keyaccount.domain.tickets.closing_record import *
from keyaccount.domain.tickets.deadlines import *
from keyaccount.domain.tickets.enums import *
from keyaccount.domain.tickets.escalation import *
from keyaccount.domain.tickets.events import *
from keyaccount.domain.tickets.history import *
from keyaccount.domain.tickets.ledger import *
from keyaccount.domain.tickets.rectification import *
from keyaccount.domain.tickets.rectification_events import *
from keyaccount.domain.tickets.supervision import *
from keyaccount.domain.tickets.ticket import *

__all__ = [
    *closing_record.__all__,
    *deadlines.__all__,
    *enums.__all__,
    *escalation.__all__,
    *events.__all__,
    *history.__all__,
    *ledger.__all__,
    *rectification.__all__,
    *rectification_events.__all__,
    *supervision.__all__,
    *ticket.__all__,
]
