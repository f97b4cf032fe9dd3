"""Rules of calendar/_units.py found by mutation testing (docs/explanation/testing.md)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from keyaccount import BusinessCalendar
from keyaccount.domain.calendar._units import LAST_ORDINAL, iso

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_working_hours_are_counted_to_the_second_and_the_microsecond() -> None:
    # 09:00:30.000250 to 17:00:15: eight hours less 15 s and 250 µs
    calendar = BusinessCalendar(
        timezone="Asia/Shanghai",
        workdays=range(5),
        working_hours=[(time(9, 0, 30, 250), time(17, 0, 15))],
    )
    length = timedelta(hours=8) - timedelta(seconds=15, microseconds=250)
    assert calendar.working_day_length == length
    start = datetime(2025, 3, 3, 9, 0, 30, 250, tzinfo=SHANGHAI)
    assert calendar.add_business_time(start, length) == datetime(
        2025, 3, 3, 17, 0, 15, tzinfo=SHANGHAI
    )
    assert calendar.next_working_instant(datetime(2025, 3, 3, 9, tzinfo=SHANGHAI)) == start


def test_a_day_python_can_represent_is_named_in_iso_form_from_0001_01_01_to_9999_12_31() -> None:
    assert iso(1) == "0001-01-01"
    assert iso(2) == "0001-01-02"
    assert iso(LAST_ORDINAL) == "9999-12-31"
    assert iso(LAST_ORDINAL - 1) == "9999-12-30"
    assert iso(date(2025, 10, 1).toordinal()) == "2025-10-01"


def test_a_day_beyond_the_dates_python_can_represent_is_named_in_words() -> None:
    beyond = "(beyond the dates Python can represent)"
    assert iso(0) == f"a day before 0001-01-01 {beyond}"
    assert iso(-5) == f"a day before 0001-01-01 {beyond}"
    assert iso(LAST_ORDINAL + 1) == f"a day after 9999-12-31 {beyond}"
