"""Rules of visits/recording.py found by mutation testing (docs/explanation/testing.md)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from keyaccount import (
    TIER_A,
    FeedbackItem,
    InvalidInput,
    Severity,
    TicketKind,
    VisitRecorded,
    record_visit,
)
from keyaccount.policies.presets import escalation, ledger
from national_day import NATIONAL_DAY_2025
from visit_fixtures import SHANGHAI, complete_record

CALENDAR = NATIONAL_DAY_2025
NOW = datetime(2025, 9, 30, 17, tzinfo=SHANGHAI)


def problem(lead_coordinator: str | None = None) -> FeedbackItem:
    return FeedbackItem(
        "Two late deliveries in September",
        kind=TicketKind.COMPLAINT,
        severity=Severity.MAJOR,
        responsible_department="logistics",
        responsible_person="zhao",
        lead_coordinator=lead_coordinator,
    )


def test_an_items_lead_coordinator_goes_on_its_ticket() -> None:
    record = complete_record(feedback=[problem(lead_coordinator="quality")])
    _, (ticket,), _ = record_visit(
        record, escalation(), tier=TIER_A, now=NOW, calendar=CALENDAR
    )
    assert ticket.lead_coordinator == "quality"


def test_with_a_ledger_an_items_lead_other_than_the_ledgers_department_is_refused() -> None:
    record = complete_record(feedback=[problem(lead_coordinator="quality")])
    with pytest.raises(InvalidInput, match=r"^lead_coordinator must be 'key-account department'"):
        record_visit(
            record, escalation(), tier=TIER_A, now=NOW, calendar=CALENDAR, ledger=ledger()
        )


def test_suggestion_tickets_are_numbered_from_s1_under_the_accounts_tier() -> None:
    record = complete_record(suggestions=["a monthly report", "a second contact"])
    _, tickets, _ = record_visit(
        record, escalation(), tier=TIER_A, now=NOW, calendar=CALENDAR, ledger=ledger()
    )
    assert [ticket.ticket_id for ticket in tickets] == ["R1-S1", "R1-S2"]
    assert all(ticket.tier == TIER_A for ticket in tickets)


def test_suggestions_are_followed_up_by_the_person_given_else_by_the_first_visitor() -> None:
    record = complete_record(visitors=("li", "wang"), suggestions=["a monthly report"])
    arguments: dict[str, object] = {
        "tier": TIER_A,
        "now": NOW,
        "calendar": CALENDAR,
        "ledger": ledger(),
    }
    _, (first,), _ = record_visit(record, escalation(), **arguments)  # type: ignore[arg-type]
    _, (given,), _ = record_visit(
        record,
        escalation(),
        follow_up_by="zhou",
        **arguments,  # type: ignore[arg-type]
    )
    assert (first.responsible_person, given.responsible_person) == ("li", "zhou")


def test_the_recorded_visits_event_carries_its_planned_day() -> None:
    record = complete_record(planned_day=date(2025, 9, 30))
    _, _, (event,) = record_visit(record, escalation(), tier=TIER_A, now=NOW, calendar=CALENDAR)
    assert isinstance(event, VisitRecorded)
    assert event.planned_day == date(2025, 9, 30)


@pytest.mark.parametrize(
    ("argument", "expected"),
    [
        ("record", "a VisitRecord"),
        ("escalation", "an EscalationPolicy"),
        ("tier", "a Tier or None"),
        ("ledger", "a LedgerPolicy"),
        ("calendar", "a BusinessCalendar"),
    ],
)
def test_an_argument_of_the_wrong_kind_is_refused_naming_it_and_what_was_expected(
    argument: str, expected: str
) -> None:
    call: dict[str, object] = {
        "record": complete_record(),
        "escalation": escalation(),
        "tier": TIER_A,
        "now": NOW,
        "calendar": CALENDAR,
        argument: "x",
    }
    message = rf"^record_visit: {argument} must be {expected}, got 'x'$"
    with pytest.raises(InvalidInput, match=message):
        record_visit(**call)  # type: ignore[arg-type]


def test_a_blank_follow_up_person_is_refused_naming_it() -> None:
    with pytest.raises(InvalidInput, match=r"^follow_up_by must be a non-empty string"):
        record_visit(
            complete_record(), escalation(), tier=TIER_A, now=NOW, calendar=CALENDAR,
            follow_up_by=" ",
        )
