"""The base of every event (domain/events.py, SPEC §10): when it happened, checked once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from keyaccount import DomainEvent, InvalidInput


def test_an_event_happened_at_an_aware_instant_in_the_years_1900_to_2199() -> None:
    first = datetime(1900, 1, 1, tzinfo=UTC)
    last = datetime(2199, 12, 31, 23, 59, tzinfo=timezone(timedelta(hours=8)))
    assert DomainEvent(occurred_at=first).occurred_at is first
    assert DomainEvent(occurred_at=last).occurred_at is last


@pytest.mark.parametrize(
    ("occurred_at", "message"),
    [
        (datetime(9999, 12, 31, 12, tzinfo=UTC), "occurred_at must be an instant in the years"),
        (datetime(1899, 12, 31, 23, tzinfo=UTC), "occurred_at must be an instant in the years"),
        (datetime(2025, 6, 2, 10), "occurred_at must be timezone-aware"),  # noqa: DTZ001
        (None, "occurred_at must be a timezone-aware datetime"),
    ],
)
def test_an_event_refuses_a_naive_instant_or_one_outside_the_years(
    occurred_at: object, message: str
) -> None:
    # 0.1 accepted an event dated in the year 9999
    with pytest.raises(InvalidInput, match=message):
        DomainEvent(occurred_at=occurred_at)  # type: ignore[arg-type]
