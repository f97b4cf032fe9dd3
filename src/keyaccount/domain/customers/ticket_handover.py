"""The handover of a departing staff member's open tickets (SPEC §3, §7; seed 003 第十一条).

When a staff member leaves, nothing of their open work stays with them: after
:func:`~keyaccount.hand_over` moves their accounts, :func:`hand_over_tickets` moves every open
ticket on which they are the responsible person (责任人) or the lead coordinator of a
cross-department problem (seed 001 §五(二)2) to a successor, with one
:class:`~keyaccount.TicketHandedOver` event per ticket. Closed and resolved tickets keep the
names of who did the work. (Planned visits follow with ``VisitPlan.reassign_visitor``.)

>>> from datetime import datetime, timedelta, timezone
>>> from keyaccount import TIER_A, FeedbackTicket
>>> opened = datetime(2025, 6, 2, 9, 0, tzinfo=timezone.utc)
>>> ticket, _ = FeedbackTicket.open_ticket(
...     ticket_id="T-1", account_id="C-9", tier=TIER_A, source="phone", kind="after_sales",
...     severity="major", summary="cracked housings", responsible_department="after_sales",
...     responsible_person="li", first_reply_deadline=opened + timedelta(hours=4),
...     resolution_deadline=opened + timedelta(days=2), now=opened)
>>> (moved,), (event,) = hand_over_tickets([ticket], departing="li",
...                                        successors={"C-9": "chen"}, now=opened)
>>> moved.responsible_person, event.successor, event.roles
('chen', 'chen', ('responsible_person',))
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import datetime

import attrs

from keyaccount._errors import InvalidInput
from keyaccount._validation import (
    require_instances,
    require_instant_in_years,
    require_non_empty,
    to_items,
    to_names,
)
from keyaccount.domain.customers.events import TicketHandedOver
from keyaccount.domain.customers.handover import Successors
from keyaccount.domain.events import DomainEvent
from keyaccount.domain.tickets import FeedbackTicket, TicketHistoryEntry

__all__ = ["hand_over_tickets", "held_by"]


def held_by(ticket: FeedbackTicket, person: str) -> tuple[str, ...]:
    """The roles ``person`` holds on ``ticket``: ``"responsible_person"``, ``"lead_coordinator"``.

    Raises:
        InvalidInput: ``ticket`` is not a :class:`~keyaccount.FeedbackTicket`, or the name is
            blank.
    """
    if not isinstance(ticket, FeedbackTicket):
        raise InvalidInput(f"ticket must be a FeedbackTicket, got {ticket!r}")
    require_non_empty(person, field="person")
    roles = []
    if ticket.responsible_person == person:
        roles.append("responsible_person")
    if ticket.lead_coordinator == person:
        roles.append("lead_coordinator")
    return tuple(roles)


def hand_over_tickets(
    tickets: Iterable[FeedbackTicket],
    *,
    departing: str,
    successors: Successors,
    now: datetime,
) -> tuple[tuple[FeedbackTicket, ...], tuple[DomainEvent, ...]]:
    """Move every open ticket ``departing`` holds to a successor; all or nothing.

    A ticket goes to the first successor named for its account: the one
    :func:`~keyaccount.hand_over` made account manager when the leaver was it. Every role the
    leaver holds on it moves (responsible person, lead coordinator); the ticket's deadlines,
    status stay as they were, and its history gains a ``handed_over`` entry.

    Args:
        tickets: the ledger (unique ticket ids); tickets the leaver does not hold, and those
            no longer open, are returned as they were.
        departing: the staff member who leaves.
        successors: one successor (or several: the first takes the tickets) for every
            ticket, or a mapping ``account_id -> successor(s)`` that names the account of every
            open ticket the leaver holds (extra accounts are allowed, so the mapping given to
            :func:`~keyaccount.hand_over` serves again).
        now: the caller's now (aware); not before any moved ticket's last step.

    Returns:
        The whole ledger in input order, and one :class:`~keyaccount.TicketHandedOver` event
        per ticket moved.

    Raises:
        InvalidInput: a blank name, duplicate ticket ids, a mapping without the account of a
            ticket to move, the leaver among the successors, or ``now`` before a moved
            ticket's last step. Nothing is applied.
    """
    require_instant_in_years(now, field="now")
    require_non_empty(departing, field="departing")
    ledger = to_items(tickets, field="tickets", expected="FeedbackTicket values")
    require_instances(ledger, FeedbackTicket, field="tickets")
    counted = Counter(ticket.ticket_id for ticket in ledger)
    if len(counted) != len(ledger):
        twice = sorted(ticket_id for ticket_id, times in counted.items() if times > 1)
        raise InvalidInput(f"hand_over_tickets: tickets has ticket ids twice: {twice}")
    held = [ticket for ticket in ledger if ticket.is_open and held_by(ticket, departing)]
    chosen = _successor_of(held, departing=departing, successors=successors)
    late = [ticket.ticket_id for ticket in held if now < ticket.last_changed_at]
    if late:
        raise InvalidInput(
            f"hand_over_tickets: now {now.isoformat()} is before the last step of tickets "
            f"{late}; expected time to move forward"
        )
    result: list[FeedbackTicket] = []
    events: list[DomainEvent] = []
    for ticket in ledger:
        roles = held_by(ticket, departing) if ticket.is_open else ()
        if roles:
            successor = chosen[ticket.account_id]
            events.append(
                TicketHandedOver(
                    occurred_at=now,
                    account_id=ticket.account_id,
                    ticket_id=ticket.ticket_id,
                    departing=departing,
                    successor=successor,
                    roles=roles,
                )
            )
            entry = TicketHistoryEntry(
                at=now, step="handed_over", status=ticket.status,
                note=f"{departing} -> {successor} ({', '.join(roles)})",
            )
            ticket = attrs.evolve(
                ticket,
                history=(*ticket.history, entry),
                responsible_person=(
                    successor if "responsible_person" in roles else ticket.responsible_person
                ),
                lead_coordinator=(
                    successor if "lead_coordinator" in roles else ticket.lead_coordinator
                ),
            )
        result.append(ticket)
    return tuple(result), tuple(events)


def _successor_of(
    held: list[FeedbackTicket], *, departing: str, successors: Successors
) -> dict[str, str]:
    """The successor of each account with a ticket to move."""
    accounts = list(dict.fromkeys(ticket.account_id for ticket in held))
    if isinstance(successors, Mapping):
        missing = [account for account in accounts if account not in successors]
        if missing:
            raise InvalidInput(
                f"successors must name a successor for the account of every open ticket "
                f"{departing!r} holds; missing accounts {missing}"
            )
        # every entry is checked, the extra ones too: a mistyped one is never ignored
        every = {
            account: to_names(names, field=f"successors for customer {account!r}")
            for account, names in successors.items()
        }
        named = {account: every[account] for account in accounts}
    else:
        names = to_names(successors, field="successors for every ticket")
        named = dict.fromkeys(accounts, names)
    for account, names in named.items():
        if not names:
            raise InvalidInput(
                f"successors for customer {account!r} must name someone to take over the "
                f"tickets of {departing!r}, got none"
            )
        if departing in names:
            raise InvalidInput(
                f"{departing!r} cannot succeed themself on the tickets of customer {account!r}"
            )
    return {account: names[0] for account, names in named.items()}
