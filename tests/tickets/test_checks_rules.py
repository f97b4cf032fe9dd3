"""Consistency rules of a stored ticket found unguarded by mutation testing (SPEC §11).

Each test kills surviving mutants of keyaccount.domain.tickets._checks; see
docs/explanation/testing.md ("Surviving mutants"). A host rebuilds tickets from storage, so a
ticket built with fields its status does not set is refused, naming the ticket, the field
and what was expected.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import attrs
import pytest

from keyaccount import TIER_A, ClosingRecord, FeedbackTicket, InvalidInput, TicketHistoryEntry

OPENED = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
LATER = OPENED + timedelta(hours=1)


def opened() -> FeedbackTicket:
    ticket, _ = FeedbackTicket.open_ticket(
        ticket_id="T-1", account_id="acme", tier=TIER_A, source="phone",
        kind="product_or_technical", severity="major", summary="invoice wrong",
        responsible_department="sales", responsible_person="Li Lei",
        first_reply_deadline=OPENED + timedelta(hours=4),
        resolution_deadline=OPENED + timedelta(days=3), now=OPENED)
    return ticket


@pytest.mark.parametrize(("changes", "field", "value", "expected"), [
    ({"status": "paused", "paused_at": LATER}, "first_replied_at", "None",
     "set once the ticket got past opened"),
    ({"paused_at": LATER}, "paused_at", r"datetime\.datetime\(.*\)", "set exactly while paused"),
    ({"resolved_at": LATER}, "resolved_at", r"datetime\.datetime\(.*\)",
     "set exactly while resolved or closed"),
    ({"resolution_report": "fixed"}, "resolution_report", "'fixed'",
     "set exactly while resolved or closed"),
    ({"closed_at": LATER}, "closed_at", r"datetime\.datetime\(.*\)", "set exactly while closed"),
    ({"satisfaction": 4}, "satisfaction", "4", "set only while closed"),
    ({"satisfied": True}, "satisfied", "True", "set exactly while closed"),
])
def test_a_field_its_status_does_not_set_is_refused_naming_the_ticket_field_and_rule(
    changes: dict[str, Any], field: str, value: str, expected: str
) -> None:
    status = changes.get("status", "opened")
    with pytest.raises(InvalidInput, match=rf"^ticket 'T-1' is {status} with {field}={value}; "
                                           rf"expected {field} {expected}$"):
        attrs.evolve(opened(), **changes)


def test_a_stored_ticket_paused_before_it_was_opened_is_refused() -> None:
    with pytest.raises(InvalidInput, match=r"^ticket 'T-1': paused_at 2026-03-02T08:00:00\+00:00 "
                                           r"is before opened_at"):
        attrs.evolve(opened(), status="paused", first_replied_at=OPENED,
                     paused_at=OPENED - timedelta(hours=1))


def test_each_refusal_of_a_stored_ticket_names_the_ticket() -> None:
    ticket = opened()
    early = TicketHistoryEntry(at=OPENED - timedelta(minutes=1), step="progress_reported",
                               status="opened", note="call")
    with pytest.raises(InvalidInput, match=r"^ticket 'T-1': history entry 'progress_reported'"):
        attrs.evolve(ticket, history=(early, *ticket.history))
    with pytest.raises(InvalidInput, match=r"^ticket 'T-1': reopen_count"):
        attrs.evolve(ticket, reopen_count=-1)
    closing = ClosingRecord(told="fixed", told_by="Li Lei", told_at=LATER)
    with pytest.raises(InvalidInput, match=r"^ticket 'T-1' is not closed but has closing="):
        attrs.evolve(ticket, closing=closing)
