"""Rules of tickets/_fields.py found by mutation testing (docs/explanation/testing.md)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import attrs
import pytest

from keyaccount import (
    DeadlineKind,
    FeedbackTicket,
    InvalidInput,
    Severity,
    TicketAtRisk,
    TicketKind,
    TicketResumed,
    TicketSource,
    TicketStatus,
)

NOW = datetime(2025, 3, 3, 9, tzinfo=UTC)
IDS = {"ticket_id": "T-1", "account_id": "ACME"}
TEN_YEARS = timedelta(days=3_660)


def opened(**changes: object) -> FeedbackTicket:
    fields: dict[str, Any] = {
        "ticket_id": "T-1",
        "account_id": "ACME",
        "tier": None,
        "source": "phone",
        "kind": "complaint",
        "severity": "major",
        "summary": "late deliveries",
        "responsible_department": "logistics",
        "responsible_person": "Wang Fang",
        "first_reply_deadline": NOW + timedelta(hours=4),
        "resolution_deadline": NOW + timedelta(days=3),
        "now": NOW,
    }
    fields.update(changes)
    ticket, _ = FeedbackTicket.open_ticket(**fields)
    return ticket


def test_a_tickets_source_kind_and_severity_are_taken_by_name() -> None:
    ticket = opened(source="visit", kind="after_sales", severity="critical")
    assert ticket.source is TicketSource.VISIT
    assert ticket.kind is TicketKind.AFTER_SALES
    assert ticket.severity is Severity.CRITICAL
    assert ticket.status is TicketStatus.OPENED


@pytest.mark.parametrize("field", ["source", "kind", "severity"])
def test_an_unknown_source_kind_or_severity_is_refused_naming_the_field(field: str) -> None:
    with pytest.raises(InvalidInput, match=rf"^FeedbackTicket\.{field} must be one of \[.*'odd'"):
        opened(**{field: "odd"})


def test_an_unknown_ticket_status_is_refused_naming_the_field() -> None:
    ticket = opened()
    with pytest.raises(InvalidInput, match=r"^FeedbackTicket\.status must be one of \[.*'odd'"):
        attrs.evolve(ticket, status="odd")


def test_a_tickets_status_is_taken_by_name() -> None:
    assert attrs.evolve(opened(), status="opened").status is TicketStatus.OPENED


def resumed(paused: object) -> TicketResumed:
    return TicketResumed(
        occurred_at=NOW,
        **IDS,
        paused_business_time=paused,  # type: ignore[arg-type]
        first_reply_deadline=NOW,
        resolution_deadline=NOW,
    )


def at_risk(remaining: object) -> TicketAtRisk:
    return TicketAtRisk(
        occurred_at=NOW,
        **IDS,
        deadline_kind=DeadlineKind.RESOLUTION,
        deadline=NOW,
        remaining=remaining,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize("event", [resumed, at_risk])
@pytest.mark.parametrize("value", [timedelta(0), timedelta(microseconds=1), TEN_YEARS])
def test_a_business_time_in_an_event_is_from_zero_to_ten_years_both_included(
    event: Any, value: timedelta
) -> None:
    event(value)


@pytest.mark.parametrize(
    ("event", "field"),
    [(resumed, "TicketResumed.paused_business_time"), (at_risk, "TicketAtRisk.remaining")],
)
@pytest.mark.parametrize(
    "value", [timedelta(microseconds=-1), TEN_YEARS + timedelta(microseconds=1), 3600, "2h"]
)
def test_a_business_time_outside_zero_to_ten_years_is_refused_naming_the_field(
    event: Any, field: str, value: object
) -> None:
    with pytest.raises(
        InvalidInput, match=rf"^{field} must be a timedelta from 0 to 10 years \(3660 days\)"
    ):
        event(value)
