"""Rules of calendar/_week.py (the business-time arithmetic) found by mutation testing.

See docs/explanation/testing.md ("Surviving mutants").
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from keyaccount import BusinessCalendar

OFFICE = BusinessCalendar(timezone="UTC", working_hours=[(time(9), time(17))])
ONE_US = timedelta(microseconds=1)


def test_one_microsecond_of_business_time_from_the_start_of_a_day_lands_in_that_day() -> None:
    monday = datetime(2025, 3, 3, 9, tzinfo=UTC)
    assert OFFICE.add_business_time(monday, ONE_US) == monday + ONE_US


def test_one_microsecond_before_the_end_of_a_day_lands_at_the_end_of_that_day() -> None:
    friday_end = datetime(2025, 3, 7, 17, tzinfo=UTC)
    assert OFFICE.add_business_time(friday_end - ONE_US, ONE_US) == friday_end


def test_a_day_and_one_microsecond_from_the_start_of_a_day_lands_just_after_the_next_start() -> (
    None
):
    monday = datetime(2025, 3, 3, 9, tzinfo=UTC)
    assert OFFICE.add_business_time(monday + timedelta(hours=1), timedelta(hours=7) + ONE_US) == (
        datetime(2025, 3, 4, 9, tzinfo=UTC) + ONE_US
    )


def test_business_time_lands_on_a_make_up_working_day_before_a_later_holiday() -> None:
    calendar = BusinessCalendar(
        timezone="UTC", working_hours=[(time(9), time(17))],
        holidays=[date(2025, 10, 1)], makeup_workdays=[date(2025, 9, 27)],
    )
    friday = datetime(2025, 9, 26, 16, tzinfo=UTC)
    assert calendar.add_business_time(friday, timedelta(hours=2)) == datetime(
        2025, 9, 27, 10, tzinfo=UTC
    )


def test_a_deadline_from_before_the_years_covered_counts_their_clock_changes() -> None:
    # Shanghai kept summer time until 15 September 1991, when a day of 25 hours came. A
    # calendar used first in 1992 takes the fused fast path, which knows no clock change; a
    # start in 1991 must leave it to the general path, which covers 1991 first.
    settings = {"timezone": "Asia/Shanghai", "working_hours": ["00:00-24:00"],
                "workdays": [0, 1, 2, 3, 4, 5, 6]}
    warm, cold = BusinessCalendar.from_mapping(settings), BusinessCalendar.from_mapping(settings)
    warm.add_business_time(datetime(1992, 6, 1, tzinfo=warm.zone), timedelta(hours=1))
    start = datetime(1991, 9, 10, 12, tzinfo=warm.zone)
    deadline = warm.add_business_time(start, timedelta(days=130))
    assert deadline.isoformat() == "1992-01-18T11:00:00+08:00"
    assert deadline == cold.add_business_time(start, timedelta(days=130))
