"""A business calendar refuses fields it cannot count on (SPEC §8), naming field and value."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from keyaccount import BusinessCalendar, InvalidInput


@pytest.mark.parametrize(
    ("hours", "message"),
    [
        ([(time(9), time(12)), (time(11), time(18))], "overlaps"),
        ([(time(13), time(18)), (time(9), time(12))], "overlaps or precedes"),
        ([(time(12), time(9))], "must end after it starts"),
        ([(time(9), time(9))], "must end after it starts"),
        ([], "at least one interval"),
        ([(time(9, tzinfo=UTC), time(12))], "without tzinfo"),
        ([("09:00", "12:00")], "must be a datetime.time"),
        ([(time(9),)], "pair"),
    ],
)
def test_bad_working_hours_are_refused(hours: object, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        BusinessCalendar("UTC", working_hours=hours)  # type: ignore[arg-type]


def test_a_date_cannot_be_both_holiday_and_makeup_day() -> None:
    with pytest.raises(InvalidInput, match=r"2025-10-11.*both"):
        BusinessCalendar(
            "Asia/Shanghai", holidays=[date(2025, 10, 11)], makeup_workdays=[date(2025, 10, 11)]
        )


@pytest.mark.parametrize("workdays", [[7], [-1], [], [True], ["mon"]])
def test_bad_workdays_are_refused(workdays: object) -> None:
    with pytest.raises(InvalidInput, match="workdays"):
        BusinessCalendar("UTC", workdays=workdays)  # type: ignore[arg-type]


def test_an_unknown_zone_and_a_reversed_span_are_refused() -> None:
    with pytest.raises(InvalidInput, match="Mars/Olympus"):
        BusinessCalendar("Mars/Olympus")
    with pytest.raises(InvalidInput, match="valid_from 2026-01-01 is after"):
        BusinessCalendar("UTC", valid_from=date(2026, 1, 1), valid_until=date(2025, 1, 1))
    with pytest.raises(InvalidInput, match="holidays"):
        BusinessCalendar("UTC", holidays=[datetime(2025, 1, 1, tzinfo=UTC)])


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("holidays", [date(1899, 12, 31)]),
        ("holidays", [date(2200, 1, 1)]),
        ("makeup_workdays", [date(1, 1, 1)]),
        ("makeup_workdays", [date(9999, 12, 31)]),
        ("valid_from", date(1, 1, 1)),
        ("valid_until", date(9999, 12, 31)),
    ],
)
def test_a_calendar_refuses_a_day_outside_the_years_1900_to_2199_naming_the_field(
    field: str, value: object
) -> None:
    with pytest.raises(InvalidInput, match=rf"BusinessCalendar\.{field} .*1900-2199"):
        BusinessCalendar("UTC", **{field: value})  # type: ignore[arg-type]
