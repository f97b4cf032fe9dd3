"""Rules of visits/report.py found by mutation testing (docs/explanation/testing.md)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from keyaccount import FeedbackMeeting, InvalidInput, Period, VisitReport, visit_report
from visit_fixtures import SHANGHAI, complete_record

H1 = Period.half_year(2026, 1)
MARCH = datetime(2026, 3, 1, tzinfo=SHANGHAI)
WEST, EAST = timezone(timedelta(hours=-12)), timezone(timedelta(hours=14))
REPORT = VisitReport(team="华东区", period=H1, visits=(), tickets=())


def test_without_a_zone_a_visits_day_is_read_in_its_own_zone() -> None:
    # the last minutes of 30 June at -12:00 and the first of 1 July at +14:00: whatever the
    # machine's own zone, read there one of them would change half-year
    late = complete_record(record_id="LATE", visited_at=datetime(2026, 6, 30, 23, 30, tzinfo=WEST))
    early = complete_record(record_id="EARLY", visited_at=datetime(2026, 7, 1, 0, 30, tzinfo=EAST))
    report = visit_report([late, early], [], team="华东区", accounts=["ACME"], period=H1)
    assert [record.record_id for record in report.visits] == ["LATE"]


def test_a_feedback_meeting_may_be_held_on_the_first_day_of_the_reports_period() -> None:
    held = datetime(2026, 1, 1, 9, tzinfo=SHANGHAI)
    assert FeedbackMeeting(report=REPORT, held_at=held).held_at == held
    with pytest.raises(InvalidInput, match=r"is before the report's period"):
        FeedbackMeeting(report=REPORT, held_at=held - timedelta(days=1))


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("attendees", r"FeedbackMeeting\.attendees must be a collection of names"),
        ("notices", r"FeedbackMeeting\.notices must be a collection of RectificationNotice values"),
        ("tickets", r"tickets must be a collection of FeedbackTicket values"),
    ],
)
def test_a_meeting_part_that_is_not_a_collection_is_refused_naming_it(
    field: str, expected: str
) -> None:
    arguments: dict[str, object] = {"report": REPORT, "held_at": MARCH}
    arguments[field] = "x"
    with pytest.raises(InvalidInput, match=rf"^{expected}, got 'x'$"):
        FeedbackMeeting(**arguments)  # type: ignore[arg-type]


def test_a_blank_attendee_is_refused_naming_the_attendees() -> None:
    with pytest.raises(InvalidInput, match=r"^FeedbackMeeting\.attendees must be a non-empty"):
        FeedbackMeeting(report=REPORT, held_at=MARCH, attendees=[" "])


def test_report_visits_that_are_not_a_collection_are_refused_naming_them() -> None:
    expected = r"^VisitReport\.visits must be a collection of VisitRecord values, got 'x'$"
    with pytest.raises(InvalidInput, match=expected):
        VisitReport(team="华东区", period=H1, visits="x", tickets=())  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ({"records": "x"}, r"records must be a collection of VisitRecord values, got 'x'"),
        ({"records": [1]}, r"records must hold VisitRecord values, got 1"),
        ({"tickets": "x"}, r"tickets must be a collection of FeedbackTicket values, got 'x'"),
        ({"tickets": [1]}, r"tickets must hold FeedbackTicket values, got 1"),
        ({"accounts": "ACME"}, r"accounts must be a collection of account ids, got 'ACME'"),
        ({"accounts": [" "]}, r"accounts must be a non-empty string, got ' '"),
    ],
)
def test_a_bad_argument_of_the_visit_report_is_refused_naming_it(
    arguments: dict[str, object], expected: str
) -> None:
    call: dict[str, object] = {
        "records": [],
        "tickets": [],
        "team": "华东区",
        "accounts": ["ACME"],
        "period": H1,
        **arguments,
    }
    with pytest.raises(InvalidInput, match=f"^{expected}$"):
        visit_report(**call)  # type: ignore[arg-type]
