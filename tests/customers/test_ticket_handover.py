"""The leaver's open tickets go to the successors (SPEC §3, §7; seed 003 第十一条)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from keyaccount import (
    TIER_A,
    Customer,
    FeedbackTicket,
    InvalidInput,
    TicketHandedOver,
    hand_over,
    hand_over_tickets,
    held_by,
)
from keyaccount.policies import presets

OPENED = datetime(2025, 6, 2, 9, 0, tzinfo=UTC)
LEAVES = datetime(2025, 6, 30, 17, 0, tzinfo=UTC)


def _ticket(
    ticket_id: str, account_id: str, person: str, *, lead: str | None = None
) -> FeedbackTicket:
    ticket, _ = FeedbackTicket.open_ticket(
        ticket_id=ticket_id, account_id=account_id, tier=TIER_A, source="phone",
        kind="after_sales", severity="major", summary="cracked housings",
        responsible_department="after_sales", responsible_person=person,
        first_reply_deadline=OPENED + timedelta(hours=4),
        resolution_deadline=OPENED + timedelta(days=2), now=OPENED,
        departments=("sales",) if lead else (), lead_coordinator=lead,
    )
    return ticket


def test_handover_moves_the_open_tickets_the_leaver_is_responsible_for() -> None:
    ledger = [_ticket("T-1", "C-1", "li"), _ticket("T-2", "C-2", "zhao")]
    after, events = hand_over_tickets(ledger, departing="li", successors="chen", now=LEAVES)
    assert [t.responsible_person for t in after] == ["chen", "zhao"]
    assert events == (
        TicketHandedOver(occurred_at=LEAVES, account_id="C-1", ticket_id="T-1",
                         departing="li", successor="chen", roles=("responsible_person",)),
    )
    assert ledger[0].responsible_person == "li"  # the input is never changed


def test_handover_moves_the_lead_coordinator_role_too() -> None:
    ledger = [_ticket("T-1", "C-1", "zhao", lead="li"), _ticket("T-2", "C-1", "li", lead="li")]
    after, events = hand_over_tickets(ledger, departing="li", successors={"C-1": ["chen", "x"]},
                                      now=LEAVES)
    assert [(t.responsible_person, t.lead_coordinator) for t in after] == [
        ("zhao", "chen"), ("chen", "chen")]
    assert [event.roles for event in events if isinstance(event, TicketHandedOver)] == [
        ("lead_coordinator",), ("responsible_person", "lead_coordinator")]


def test_nothing_open_stays_with_the_leaver() -> None:
    people = ["li", "zhao", "sun"]
    ledger = [
        _ticket(f"T-{n}", f"C-{n % 7}", people[n % 3], lead=people[(n // 3) % 3] if n % 2 else None)
        for n in range(300)
    ]
    after, events = hand_over_tickets(ledger, departing="li", successors="chen", now=LEAVES)
    assert not any(held_by(ticket, "li") for ticket in after if ticket.is_open)
    assert len(events) == sum(1 for ticket in ledger if held_by(ticket, "li"))


def test_closed_tickets_keep_who_did_the_work() -> None:
    ticket = _ticket("T-1", "C-1", "li")
    ticket, _ = ticket.reply("on it", now=OPENED + timedelta(hours=1))
    ticket, _ = ticket.resolve("replaced", now=OPENED + timedelta(hours=2))
    ticket, _ = ticket.close(satisfaction=5, satisfied=True, now=OPENED + timedelta(hours=3))
    (after,), events = hand_over_tickets([ticket], departing="li", successors="chen", now=LEAVES)
    assert after.responsible_person == "li"
    assert events == ()


def test_a_mapping_must_name_the_account_of_every_ticket_to_move() -> None:
    ledger = [_ticket("T-1", "C-1", "li"), _ticket("T-2", "C-2", "li")]
    with pytest.raises(InvalidInput, match=r"missing accounts \['C-2'\]"):
        hand_over_tickets(ledger, departing="li", successors={"C-1": "chen"}, now=LEAVES)


def test_the_leaver_cannot_succeed_themself_on_tickets() -> None:
    with pytest.raises(InvalidInput, match="cannot succeed themself"):
        hand_over_tickets([_ticket("T-1", "C-1", "li")], departing="li",
                          successors=["li", "chen"], now=LEAVES)


def test_a_handover_before_a_tickets_last_step_is_refused() -> None:
    with pytest.raises(InvalidInput, match="before the last step of tickets"):
        hand_over_tickets([_ticket("T-1", "C-1", "li")], departing="li", successors="chen",
                          now=OPENED - timedelta(minutes=1))


def test_duplicate_ticket_ids_are_refused() -> None:
    ticket = _ticket("T-1", "C-1", "li")
    with pytest.raises(InvalidInput, match="ticket ids twice"):
        hand_over_tickets([ticket, ticket], departing="li", successors="chen", now=LEAVES)


def test_the_accounts_handover_mapping_serves_the_tickets_handover() -> None:
    accounts = [
        Customer(account_id="C-1", name="Acme", category="regional", staff=("li", "zhao"),
                 account_manager="li"),
        Customer(account_id="C-2", name="Bolt", category="regional", staff=("sun", "zhao"),
                 account_manager="sun"),
    ]
    successors = {"C-1": "chen"}
    after, _ = hand_over(accounts, presets.coverage(), departing="li", successors=successors,
                         now=LEAVES)
    ledger, _ = hand_over_tickets([_ticket("T-1", "C-1", "li"), _ticket("T-2", "C-2", "sun")],
                                  departing="li", successors=successors, now=LEAVES)
    assert after[0].account_manager == ledger[0].responsible_person == "chen"


def test_the_tickets_history_records_the_handover() -> None:
    ticket = _ticket("T-1", "C-1", "li", lead="li")
    (after,), _ = hand_over_tickets([ticket], departing="li", successors="chen", now=LEAVES)
    assert after.history[:-1] == ticket.history
    entry = after.history[-1]
    assert (entry.at, entry.step, entry.status) == (LEAVES, "handed_over", ticket.status)
    assert entry.note == "li -> chen (responsible_person, lead_coordinator)"
