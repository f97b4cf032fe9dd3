"""Rules of customers/ticket_handover.py found by mutation testing
(docs/explanation/testing.md)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from tests.customers.test_ticket_handover import LEAVES, _ticket

from keyaccount import FeedbackTicket, InvalidInput, hand_over_tickets, held_by

NAIVE = datetime(2025, 6, 30, 17, 0)  # noqa: DTZ001


def a_ticket(ticket_id: str = "T-1", person: str = "li", *,
             lead: str | None = None) -> FeedbackTicket:
    return _ticket(ticket_id, "C-1", person, lead=lead)


def test_a_lead_coordinator_who_stays_keeps_the_role() -> None:
    ledger = [a_ticket(lead="key-account department")]
    (after,), _ = hand_over_tickets(ledger, departing="li", successors="chen", now=LEAVES)
    assert (after.responsible_person, after.lead_coordinator) == (
        "chen", "key-account department")


def test_a_handover_at_the_very_moment_of_the_last_step_is_accepted() -> None:
    ticket = a_ticket()
    (after,), events = hand_over_tickets([ticket], departing="li", successors="chen",
                                         now=ticket.last_changed_at)
    assert after.responsible_person == "chen"
    assert len(events) == 1
    with pytest.raises(InvalidInput, match=r"is before the last step of tickets \['T-1'\]"):
        hand_over_tickets([ticket], departing="li", successors="chen",
                          now=ticket.last_changed_at - timedelta(microseconds=1))


def test_duplicate_ticket_ids_are_refused_listing_those_given_twice() -> None:
    ledger = [a_ticket("T-1"), a_ticket("T-2"), a_ticket("T-1")]
    with pytest.raises(InvalidInput,
                       match=r"^hand_over_tickets: tickets has ticket ids twice: \['T-1'\]$"):
        hand_over_tickets(ledger, departing="li", successors="chen", now=LEAVES)


def test_a_refused_handover_names_what_it_refused() -> None:
    ledger = [a_ticket()]
    with pytest.raises(InvalidInput, match=r"^now must be "):
        hand_over_tickets(ledger, departing="li", successors="chen", now=NAIVE)
    with pytest.raises(InvalidInput, match=r"^departing must be "):
        hand_over_tickets(ledger, departing=" ", successors="chen", now=LEAVES)
    with pytest.raises(InvalidInput,
                       match=r"^tickets must be a collection of FeedbackTicket values, got "):
        hand_over_tickets(a_ticket(), departing="li", successors="chen",  # type: ignore[arg-type]
                          now=LEAVES)
    with pytest.raises(InvalidInput, match=r"^tickets must hold FeedbackTicket values, got 'T-2'"):
        hand_over_tickets([*ledger, "T-2"], departing="li", successors="chen",  # type: ignore[list-item]
                          now=LEAVES)
    with pytest.raises(InvalidInput, match=r"^successors for every ticket must be a name or "):
        hand_over_tickets(ledger, departing="li", successors=7,  # type: ignore[arg-type]
                          now=LEAVES)
    with pytest.raises(InvalidInput, match=r"^person must be "):
        held_by(a_ticket(), " ")
