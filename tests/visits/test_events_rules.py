"""Rules of visits/events.py found by mutation testing (docs/explanation/testing.md)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from keyaccount import InvalidInput, VisitKind, VisitOverdue, VisitRecorded

AT = datetime(2025, 6, 30, 17, tzinfo=UTC)


def recorded(kind: object) -> VisitRecorded:
    return VisitRecorded(
        occurred_at=AT,
        account_id="C-1",
        record_id="R-1",
        kind=kind,  # type: ignore[arg-type]
        visited_at=AT,
        planned_day=None,
    )


def overdue(kind: object) -> VisitOverdue:
    return VisitOverdue(
        occurred_at=AT,
        account_id="C-1",
        kind=kind,  # type: ignore[arg-type]
        planned_day=date(2025, 6, 2),
    )


def test_a_visit_event_takes_its_kind_as_a_member_or_by_name() -> None:
    assert recorded(VisitKind.ON_SITE).kind is VisitKind.ON_SITE
    assert recorded("phone_return").kind is VisitKind.PHONE_RETURN
    assert overdue(VisitKind.HOLIDAY).kind is VisitKind.HOLIDAY
    assert overdue("greeting").kind is VisitKind.GREETING


def test_an_unknown_kind_of_a_recorded_visit_is_refused_naming_the_field() -> None:
    with pytest.raises(InvalidInput, match=r"^VisitRecorded\.kind must be one of \[.*'bogus'"):
        recorded("bogus")


def test_an_unknown_kind_of_an_overdue_visit_is_refused_naming_the_field() -> None:
    with pytest.raises(InvalidInput, match=r"^VisitOverdue\.kind must be one of \[.*'bogus'"):
        overdue("bogus")
