"""Rules of reading the confidential parts found unguarded by mutation testing (SPEC §4).

Each test kills a surviving mutant of keyaccount.domain.customers.confidentiality; see
docs/explanation/testing.md ("Surviving mutants").
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest

from keyaccount import (
    NEGOTIATION_RECORDS,
    TIER_A,
    ConfidentialPartRead,
    Customer,
    FeedbackItem,
    FeedbackTicket,
    InvalidInput,
    ProcessRecord,
    RecordView,
    Viewer,
    VisitRecord,
    read_file,
    read_ticket,
    read_visit_record,
)
from keyaccount.policies import presets

NOW = datetime(2025, 6, 2, 9, 0, tzinfo=UTC)
MANAGER = Viewer("wang", "account_manager")


def _file(*kinds: str) -> Customer:
    return Customer(
        account_id="C-1", name="Acme", category="regional", staff=("wang",),
        account_manager="wang",
        records=[ProcessRecord(kind=kind, occurred_at=NOW - timedelta(days=1), summary=kind)
                 for kind in kinds])


def a_visit() -> VisitRecord:
    return VisitRecord(
        "R-1", "C-1", "on_site", NOW - timedelta(days=3), "headquarters", ["li"],
        "expanding the Wuxi plant", ["needs_research"], "talked about 2026 volumes",
        feedback=[FeedbackItem("delivery documents arrive late", answer="new courier")],
    )


def a_ticket() -> FeedbackTicket:
    ticket, _ = FeedbackTicket.open_ticket(
        ticket_id="T-1", account_id="C-1", tier=TIER_A, source="phone", kind="complaint",
        severity="major", summary="asks for a lower price", responsible_department="sales",
        responsible_person="li", first_reply_deadline=NOW + timedelta(hours=4),
        resolution_deadline=NOW + timedelta(days=2), now=NOW - timedelta(hours=1))
    return ticket


def _parts(events: tuple[object, ...]) -> list[str]:
    return [event.part for event in events if isinstance(event, ConfidentialPartRead)]


def test_a_file_holds_negotiation_records_only_when_one_of_its_records_is_a_negotiation() -> None:
    assert _parts(read_file(_file("order", "agreement"), presets.access(), viewer=MANAGER,
                            now=NOW)[1]) == []
    assert _parts(read_file(_file("negotiation"), presets.access(), viewer=MANAGER,
                            now=NOW)[1]) == [NEGOTIATION_RECORDS]


def test_a_record_of_another_account_is_refused_naming_what_was_read_and_both_accounts() -> None:
    other = Customer(account_id="C-9", name="X", category="regional")
    with pytest.raises(InvalidInput, match=r"^a FeedbackTicket of account 'C-1' read against "
                                           r"the file of 'C-9'; expected the record's own"):
        read_ticket(a_ticket(), other, presets.access(), viewer=MANAGER, now=NOW)
    with pytest.raises(InvalidInput, match=r"^a VisitRecord of account 'C-1' read against "
                                           r"the file of 'C-9'; expected the record's own"):
        read_visit_record(a_visit(), other, presets.access(), viewer=MANAGER, now=NOW)


def test_only_a_visit_record_is_read_as_a_visit_record() -> None:
    customer = _file()
    view, _ = read_visit_record(a_visit(), customer, presets.access(), viewer=MANAGER, now=NOW)
    look_alike = SimpleNamespace(account_id="C-1", record_id="R-1", feedback=(), content="x",
                                 visited_at=NOW)
    for record in (view, look_alike):  # a view of the record has its ids, not its fields
        with pytest.raises(InvalidInput, match=r"^record must be a VisitRecord, got "):
            read_visit_record(record, customer, presets.access(), viewer=MANAGER, now=NOW)


def test_a_record_view_never_both_shows_and_withholds_a_field() -> None:
    with pytest.raises(InvalidInput, match=r"both shows and withholds \['feedback'\]"):
        RecordView(record_id="R-1", account_id="C-1", viewer=MANAGER,
                   fields=[("feedback", "late documents")], withheld=["feedback"])
