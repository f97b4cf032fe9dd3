"""Confidentiality of every confidential part, and the reading register (SPEC §4).

Seeds 001 一(三)4 (trade secrets), 003 开发 第四条 (secrecy in business and technology), 003
信息 第七条 (no reading without permission), 003 名册 第四条 (the borrowing register).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given

from keyaccount import (
    CONFIDENTIAL_PARTS,
    FILE_CONFIDENTIAL_PARTS,
    NEGOTIATION_RECORDS,
    TICKET_CONFIDENTIAL_FIELDS,
    TICKETS,
    TIER_A,
    VISIT_FEEDBACK,
    VISIT_RECORDS,
    ConfidentialPartRead,
    Contact,
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
from keyaccount.policies import RoleBasedAccess, presets
from keyaccount.testing import check_access_policy, files_and_viewers

NOW = datetime(2025, 6, 2, 9, 0, tzinfo=UTC)
PRICE_FLOOR = "price floor 412 CNY/unit"


def a_file() -> Customer:
    return Customer(
        account_id="C-1", name="华东机械集团", category="industry", tier=TIER_A,
        phone="021-5555", credit_rating="AA", staff=("wang", "li"), account_manager="wang",
        trade_secrets={"formula": "resin 7 at 180 °C"},
        technical_profile={"drawings": "gearbox G2 rev. 4"},
        contacts=[Contact(name="周敏", role="cfo", personal_notes="golf")],
        records=[
            ProcessRecord(kind="negotiation", occurred_at=NOW - timedelta(days=2),
                          summary=f"2026 frame: {PRICE_FLOOR}"),
            ProcessRecord(kind="order", occurred_at=NOW - timedelta(days=1), summary="order 12"),
        ],
    )


def a_visit() -> VisitRecord:
    return VisitRecord(
        "R-1", "C-1", "on_site", NOW - timedelta(days=3), "headquarters", ["li"],
        "expanding the Wuxi plant", ["needs_research"], "talked about 2026 volumes",
        feedback=[FeedbackItem("delivery documents arrive late", answer="new courier")],
    )


def a_ticket() -> FeedbackTicket:
    ticket, _ = FeedbackTicket.open_ticket(
        ticket_id="T-1", account_id="C-1", tier=TIER_A, source="phone", kind="complaint",
        severity="major", summary=f"asks to go below the {PRICE_FLOOR}",
        responsible_department="sales", responsible_person="li",
        first_reply_deadline=NOW + timedelta(hours=4), resolution_deadline=NOW + timedelta(days=2),
        now=NOW - timedelta(hours=1))
    return ticket


OUTSIDER = Viewer("sun", "other_department")
STAFF_ELSEWHERE = Viewer("zhao", "department_staff")  # key-account staff, not on the account
ON_ACCOUNT = Viewer("li", "department_staff")


@pytest.mark.parametrize("viewer", [OUTSIDER, STAFF_ELSEWHERE,
                                    Viewer("chen", "account_manager")])
def test_nobody_off_the_account_reads_a_confidential_part_of_the_file(viewer: Viewer) -> None:
    view = presets.access().redact(a_file(), viewer=viewer)
    assert set(FILE_CONFIDENTIAL_PARTS) <= set(view.withheld)
    assert PRICE_FLOOR not in repr(view)
    assert "resin 7" not in repr(view)


def test_department_staff_off_the_account_see_business_fields_only() -> None:
    view = presets.access().redact(a_file(), viewer=STAFF_ELSEWHERE)
    assert view["credit_rating"] == "AA"
    assert [record.kind.value for record in view["records"]] == ["order"]
    assert NEGOTIATION_RECORDS in view.withheld


def test_whoever_covers_the_account_reads_its_confidential_parts_but_the_notes() -> None:
    view = presets.access().redact(a_file(), viewer=ON_ACCOUNT)
    assert view.withheld == ("contacts.personal_notes",)
    assert view["trade_secrets"] == (("formula", "resin 7 at 180 °C"),)
    assert len(view["records"]) == 2


def test_confidential_parts_cannot_be_granted_to_viewers_off_the_account() -> None:
    for setting in ("department_staff", "other_department"):
        with pytest.raises(Exception, match="confidential part"):
            RoleBasedAccess.from_mapping({setting: ["name", "trade_secrets"]})
    with pytest.raises(Exception, match="personal notes are confidential"):
        RoleBasedAccess.from_mapping({"on_account": ["contacts.personal_notes"]})
    with pytest.raises(Exception, match="business field"):
        RoleBasedAccess.from_mapping({"on_account": ["name"]})


def test_reading_a_confidential_part_is_an_event_granted_or_refused() -> None:
    _, refused = read_file(a_file(), presets.access(), viewer=STAFF_ELSEWHERE, now=NOW)
    assert {(e.part, e.granted) for e in refused if isinstance(e, ConfidentialPartRead)} == {
        (part, False) for part in FILE_CONFIDENTIAL_PARTS}
    assert all(e.person == "zhao" and e.occurred_at == NOW and e.account_id == "C-1"
               for e in refused if isinstance(e, ConfidentialPartRead))
    _, granted = read_file(a_file(), presets.access(), viewer=Viewer("wang", "account_manager"),
                           now=NOW)
    assert all(e.granted for e in granted if isinstance(e, ConfidentialPartRead))
    assert len(granted) == 4


def test_an_empty_part_is_not_read() -> None:
    bare = Customer(account_id="C-2", name="Bolt", category="regional")
    assert read_file(bare, presets.access(), viewer=OUTSIDER, now=NOW)[1] == ()


def test_visit_records_and_their_feedback_are_redacted_like_files() -> None:
    view, events = read_visit_record(a_visit(), a_file(), presets.access(), viewer=OUTSIDER,
                                     now=NOW)
    assert isinstance(view, RecordView)
    assert view["visitors"] == ("li",)
    assert set(view.withheld) == {"customer_situation", "topics", "content", "suggestions",
                                  "feedback"}
    with pytest.raises(KeyError, match="withheld from other_department 'sun'"):
        view["feedback"]
    assert [(e.part, e.granted, e.record_id) for e in events
            if isinstance(e, ConfidentialPartRead)] == [
        (VISIT_RECORDS, False, "R-1"), (VISIT_FEEDBACK, False, "R-1")]
    mine, _ = read_visit_record(a_visit(), a_file(), presets.access(), viewer=ON_ACCOUNT, now=NOW)
    assert mine.withheld == ()
    assert mine["content"] == "talked about 2026 volumes"


def test_feedback_alone_can_be_withheld() -> None:
    policy = RoleBasedAccess.from_mapping({"on_account": [VISIT_RECORDS, TICKETS]})
    view, _ = read_visit_record(a_visit(), a_file(), policy, viewer=ON_ACCOUNT, now=NOW)
    assert view.withheld == ("feedback",)


def test_tickets_are_redacted_like_files() -> None:
    view, (event,) = read_ticket(a_ticket(), a_file(), presets.access(), viewer=STAFF_ELSEWHERE,
                                 now=NOW)
    assert view.withheld == TICKET_CONFIDENTIAL_FIELDS
    assert view["responsible_person"] == "li"
    assert PRICE_FLOOR not in repr(view)
    assert event == ConfidentialPartRead(occurred_at=NOW, account_id="C-1", person="zhao",
                                         role="department_staff", part=TICKETS, granted=False,
                                         record_id="T-1")
    mine, (granted,) = read_ticket(a_ticket(), a_file(), presets.access(), viewer=ON_ACCOUNT,
                                   now=NOW)
    assert mine["summary"].endswith(PRICE_FLOOR)
    assert granted.granted


def test_a_record_of_another_account_is_refused() -> None:
    other = Customer(account_id="C-9", name="X", category="regional")
    with pytest.raises(InvalidInput, match="read against the file of 'C-9'"):
        read_ticket(a_ticket(), other, presets.access(), viewer=ON_ACCOUNT, now=NOW)
    with pytest.raises(InvalidInput, match="must be a VisitRecord"):
        read_visit_record(a_file(), a_file(), presets.access(), viewer=ON_ACCOUNT, now=NOW)


def test_every_confidential_part_is_named() -> None:
    assert set(CONFIDENTIAL_PARTS) == {
        "trade_secrets", "technical_profile", "records.negotiation", "contacts.personal_notes",
        "visit_records", "visit_feedback", "tickets"}


@given(files_and_viewers())
def test_no_confidential_part_reaches_a_viewer_off_the_account(
    file_and_viewer: tuple[Customer, Viewer],
) -> None:
    customer, viewer = file_and_viewer
    check_access_policy(presets.access(), customer, viewer)
    visible = presets.access().visible_fields(customer, viewer=viewer)
    own = viewer.role.value == "account_manager" and viewer.person == customer.account_manager
    if not own and viewer.person not in customer.staff:
        assert not visible & set(CONFIDENTIAL_PARTS)
