"""China's business calendar from chinesecalendar's data (issue 14 item 5; SPEC §8)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from keyaccount import BusinessCalendar, CalendarRangeError, InvalidInput
from keyaccount.china import china_business_calendar

chinese_calendar = pytest.importorskip("chinese_calendar")

SHANGHAI = ZoneInfo("Asia/Shanghai")
FIRST_DATA_YEAR = min(chinese_calendar.holidays).year
LAST_DATA_YEAR = max(chinese_calendar.holidays).year


def days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


@pytest.fixture(scope="module")
def calendar() -> BusinessCalendar:
    return china_business_calendar()


def test_the_span_is_the_span_of_the_installed_data(calendar: BusinessCalendar) -> None:
    assert calendar.valid_from == date(FIRST_DATA_YEAR, 1, 1)
    assert calendar.valid_until == date(LAST_DATA_YEAR, 12, 31)


def test_every_day_of_the_data_is_a_working_day_exactly_when_chinese_calendar_says_so(
    calendar: BusinessCalendar,
) -> None:
    span = days(date(FIRST_DATA_YEAR, 1, 1), date(LAST_DATA_YEAR, 12, 31))
    disagree = [
        day for day in span if calendar.is_working_day(day) != chinese_calendar.is_workday(day)
    ]
    assert disagree == []
    assert len(span) > 8000


def test_the_spec_national_day_example_holds_on_chinas_calendar(
    calendar: BusinessCalendar,
) -> None:
    # SPEC §8: 2025-10-01..08 off, Sunday 09-28 and Saturday 10-11 worked.
    assert [calendar.is_working_day(day) for day in days(date(2025, 10, 1), date(2025, 10, 8))] \
        == [False] * 8
    assert calendar.is_working_day(date(2025, 9, 28))
    assert calendar.is_working_day(date(2025, 10, 11))
    eve = datetime(2025, 9, 30, 17, tzinfo=SHANGHAI)
    assert calendar.add_business_time(eve, timedelta(hours=2)) == datetime(
        2025, 10, 9, 10, tzinfo=SHANGHAI
    )


def test_make_up_workdays_are_working_days_across_the_spring_festival(
    calendar: BusinessCalendar,
) -> None:
    # 2026: Spring Festival off 02-15..23; Saturdays 02-14 and 02-28 worked.
    assert calendar.next_working_day(date(2026, 2, 13)) == date(2026, 2, 14)
    assert calendar.next_working_day(date(2026, 2, 14)) == date(2026, 2, 24)
    assert calendar.is_working_day(date(2026, 2, 28))
    assert calendar.business_days_between(date(2026, 2, 9), date(2026, 3, 2)) == 11


def test_past_the_data_a_computation_raises_calendar_range_error(
    calendar: BusinessCalendar,
) -> None:
    with pytest.raises(CalendarRangeError, match=f"{LAST_DATA_YEAR + 1}-01-01"):
        calendar.add_business_days(date(LAST_DATA_YEAR, 12, 31), 1)


def test_the_weekday_fallback_extends_the_span_to_the_day_the_host_names() -> None:
    until = date(LAST_DATA_YEAR + 1, 3, 31)
    extended = china_business_calendar(weekday_fallback_until=until)
    assert extended.valid_until == until
    assert extended.valid_from == date(FIRST_DATA_YEAR, 1, 1)
    # past the data: plain weeks, Monday to Friday
    first_past = date(LAST_DATA_YEAR + 1, 1, 1)
    week = days(first_past, first_past + timedelta(days=13))
    assert [extended.is_working_day(day) for day in week] == [day.weekday() < 5 for day in week]
    # inside the data: unchanged
    assert not extended.is_working_day(date(2025, 10, 8))
    # and not one day further
    with pytest.raises(CalendarRangeError):
        extended.next_working_day(until)


def test_the_weekday_fallback_must_lie_after_the_data() -> None:
    with pytest.raises(InvalidInput, match="weekday_fallback_until must be after"):
        china_business_calendar(weekday_fallback_until=date(LAST_DATA_YEAR, 12, 31))


@pytest.mark.parametrize(
    "bad", [datetime(2030, 1, 1, tzinfo=SHANGHAI), "2030-01-01", date(2300, 1, 1), 2030]
)
def test_the_weekday_fallback_must_be_a_date_in_the_years(bad: object) -> None:
    with pytest.raises(InvalidInput, match="weekday_fallback_until"):
        china_business_calendar(weekday_fallback_until=bad)  # type: ignore[arg-type]


def test_zone_and_working_hours_are_the_hosts() -> None:
    calendar = china_business_calendar(
        timezone="Asia/Urumqi", working_hours=[(time(10), time(13)), (time(15), time(20))]
    )
    assert calendar.timezone == "Asia/Urumqi"
    assert calendar.working_day_length == timedelta(hours=8)
    assert calendar.workdays == (0, 1, 2, 3, 4)
    with pytest.raises(InvalidInput, match="timezone"):
        china_business_calendar(timezone="Asia/Peking")
