"""The business calendar (SPEC §8): working days, business time, DST, spans, values.

Refused fields are in test_calendar_fields.py, settings mappings in test_calendar_settings.py.
"""

from __future__ import annotations

import pickle
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import attrs
import pytest

from keyaccount import (
    BusinessCalendar,
    CalendarRangeError,
    InvalidInput,
    KeyAccountError,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
NEW_YORK = ZoneInfo("America/New_York")
LUNCH_BREAK_HOURS = [(time(9), time(12)), (time(13, 30), time(18))]
# SPEC §8: National Day and Mid-Autumn 2025-10-01..08; Sunday 09-28 and Saturday 10-11 worked.
NATIONAL_DAY_2025 = [date(2025, 10, 1) + timedelta(days=i) for i in range(8)]
MAKEUP_2025 = [date(2025, 9, 28), date(2025, 10, 11)]


def china_2025() -> BusinessCalendar:
    return BusinessCalendar(
        timezone="Asia/Shanghai",
        workdays=range(5),
        working_hours=LUNCH_BREAK_HOURS,
        holidays=NATIONAL_DAY_2025,
        makeup_workdays=MAKEUP_2025,
    )


def at(zone: ZoneInfo, *args: int) -> datetime:
    return datetime(*args, tzinfo=zone)  # type: ignore[misc]


# --- the National Day case (SPEC §8) -----------------------------------------------------------


def test_two_business_hours_from_the_eve_of_national_day_end_on_the_morning_of_october_9() -> None:
    calendar = china_2025()
    deadline = calendar.add_business_time(at(SHANGHAI, 2025, 9, 30, 17), timedelta(hours=2))
    assert deadline == at(SHANGHAI, 2025, 10, 9, 10)
    assert deadline.tzinfo == SHANGHAI


def test_the_working_day_after_friday_september_26_is_sunday_september_28() -> None:
    assert china_2025().next_working_day(date(2025, 9, 26)) == date(2025, 9, 28)


def test_the_working_day_after_friday_october_10_is_saturday_october_11() -> None:
    assert china_2025().next_working_day(date(2025, 10, 10)) == date(2025, 10, 11)


def test_holidays_override_workdays_and_makeup_days_turn_weekends_into_workdays() -> None:
    calendar = china_2025()
    assert not calendar.is_working_day(date(2025, 10, 1))  # Wednesday, holiday
    assert not calendar.is_working_day(date(2025, 10, 4))  # Saturday inside the holiday
    assert calendar.is_working_day(date(2025, 9, 28))  # Sunday, make-up day
    assert calendar.is_working_day(date(2025, 9, 30))  # plain Tuesday
    assert not calendar.is_working_day(date(2025, 10, 12))  # plain Sunday


def test_business_days_are_counted_over_the_national_day_holiday() -> None:
    calendar = china_2025()
    # 09-29, 09-30, 10-09, 10-10, 10-11 (make-up Saturday)
    assert calendar.business_days_between(date(2025, 9, 29), date(2025, 10, 12)) == 5
    assert calendar.business_days_between(date(2025, 10, 12), date(2025, 9, 29)) == -5
    assert calendar.add_business_days(date(2025, 9, 30), 1) == date(2025, 10, 9)
    assert calendar.add_business_days(date(2025, 10, 9), -1) == date(2025, 9, 30)
    assert calendar.previous_working_day(date(2025, 9, 29)) == date(2025, 9, 28)
    assert calendar.add_business_days(date(2025, 9, 26), 3) == date(2025, 9, 30)


def test_adding_zero_business_days_returns_the_day_even_when_it_is_a_holiday() -> None:
    assert china_2025().add_business_days(date(2025, 10, 3), 0) == date(2025, 10, 3)


def test_adding_business_days_from_a_holiday_counts_from_the_next_working_day() -> None:
    calendar = china_2025()
    assert calendar.add_business_days(date(2025, 10, 3), 1) == date(2025, 10, 9)
    assert calendar.add_business_days(date(2025, 10, 3), -1) == date(2025, 9, 30)


# --- business time -----------------------------------------------------------------------------


def test_the_closing_edge_of_an_interval_counts_for_a_positive_duration() -> None:
    calendar = china_2025()
    assert calendar.add_business_time(
        at(SHANGHAI, 2025, 9, 30, 17), timedelta(hours=1)
    ) == at(SHANGHAI, 2025, 9, 30, 18)
    assert calendar.add_business_time(
        at(SHANGHAI, 2025, 9, 30, 11), timedelta(hours=1)
    ) == at(SHANGHAI, 2025, 9, 30, 12)


def test_a_negative_duration_goes_backwards_to_an_opening_edge() -> None:
    calendar = china_2025()
    assert calendar.add_business_time(
        at(SHANGHAI, 2025, 10, 9, 10), timedelta(hours=-1)
    ) == at(SHANGHAI, 2025, 10, 9, 9)
    assert calendar.add_business_time(
        at(SHANGHAI, 2025, 10, 9, 10), timedelta(hours=-2)
    ) == at(SHANGHAI, 2025, 9, 30, 17)
    assert calendar.add_business_time(
        at(SHANGHAI, 2025, 9, 30, 14, 30), timedelta(hours=-1)
    ) == at(SHANGHAI, 2025, 9, 30, 13, 30)


def test_a_zero_duration_returns_the_moment_in_the_calendar_zone() -> None:
    calendar = china_2025()
    moment = datetime(2025, 10, 2, 1, tzinfo=UTC)
    result = calendar.add_business_time(moment, timedelta(0))
    assert result == moment
    assert result.tzinfo == SHANGHAI


def test_counting_starts_at_the_next_opening_when_the_start_is_outside_working_hours() -> None:
    calendar = china_2025()
    evening = at(SHANGHAI, 2025, 9, 30, 20)
    assert calendar.add_business_time(evening, timedelta(minutes=30)) == at(
        SHANGHAI, 2025, 10, 9, 9, 30
    )
    lunch = at(SHANGHAI, 2025, 9, 30, 12, 45)
    assert calendar.add_business_time(lunch, timedelta(minutes=30)) == at(
        SHANGHAI, 2025, 9, 30, 14
    )


def test_business_time_between_is_negative_when_the_end_is_before_the_start() -> None:
    calendar = china_2025()
    start, end = at(SHANGHAI, 2025, 9, 30, 17), at(SHANGHAI, 2025, 10, 9, 10)
    assert calendar.business_time_between(start, end) == timedelta(hours=2)
    assert calendar.business_time_between(end, start) == timedelta(hours=-2)
    assert calendar.business_time_between(start, start) == timedelta(0)


def test_business_time_of_a_whole_week_is_five_working_day_lengths() -> None:
    calendar = china_2025()
    assert calendar.working_day_length == timedelta(hours=7, minutes=30)
    monday, next_monday = at(SHANGHAI, 2025, 9, 1), at(SHANGHAI, 2025, 9, 8)
    assert calendar.business_time_between(monday, next_monday) == 5 * calendar.working_day_length


def test_instants_in_other_zones_are_read_as_the_same_instant() -> None:
    calendar = china_2025()
    start_utc = datetime(2025, 9, 30, 9, tzinfo=UTC)  # 17:00 in Shanghai
    assert calendar.add_business_time(start_utc, timedelta(hours=2)) == at(
        SHANGHAI, 2025, 10, 9, 10
    )


def test_the_next_working_instant_is_the_moment_itself_inside_working_hours() -> None:
    calendar = china_2025()
    inside = datetime(2025, 9, 30, 2, 15, tzinfo=UTC)  # 10:15 in Shanghai
    assert calendar.next_working_instant(inside) == inside
    assert calendar.next_working_instant(inside).tzinfo == SHANGHAI
    assert calendar.next_working_instant(at(SHANGHAI, 2025, 9, 30, 9)) == at(
        SHANGHAI, 2025, 9, 30, 9
    )


def test_the_next_working_instant_after_a_closing_edge_is_the_next_opening() -> None:
    calendar = china_2025()
    assert calendar.next_working_instant(at(SHANGHAI, 2025, 9, 30, 12)) == at(
        SHANGHAI, 2025, 9, 30, 13, 30
    )
    assert calendar.next_working_instant(at(SHANGHAI, 2025, 9, 30, 18)) == at(
        SHANGHAI, 2025, 10, 9, 9
    )
    assert calendar.next_working_instant(at(SHANGHAI, 2025, 10, 4, 11)) == at(
        SHANGHAI, 2025, 10, 9, 9
    )


def test_a_deadline_crosses_the_year_end_and_new_year_holiday() -> None:
    calendar = BusinessCalendar(
        "Asia/Shanghai",
        working_hours=LUNCH_BREAK_HOURS,
        holidays=[date(2025, 1, 1), date(2026, 1, 1), date(2026, 1, 2)],
        makeup_workdays=[date(2026, 1, 4)],
    )
    # Wed 2025-12-31 17:00 + 1.5 h -> Sunday 2026-01-04 (make-up day) 09:30
    assert calendar.add_business_time(
        at(SHANGHAI, 2025, 12, 31, 17), timedelta(hours=1, minutes=30)
    ) == at(SHANGHAI, 2026, 1, 4, 9, 30)
    assert calendar.business_days_between(date(2025, 12, 29), date(2026, 1, 6)) == 5
    assert calendar.add_business_days(date(2025, 12, 31), 1) == date(2026, 1, 4)


def test_a_round_the_clock_calendar_uses_midnight_as_the_end_of_the_day() -> None:
    calendar = BusinessCalendar("UTC", workdays=range(7), working_hours=[(time(0), time(0))])
    assert calendar.working_day_length == timedelta(days=1)
    start = at(ZoneInfo("UTC"), 2025, 1, 1, 22)
    assert calendar.add_business_time(start, timedelta(hours=4)) == at(
        ZoneInfo("UTC"), 2025, 1, 2, 2
    )
    assert calendar.add_business_time(start, timedelta(hours=2)) == at(
        ZoneInfo("UTC"), 2025, 1, 2
    )


# --- daylight saving (America/New_York) --------------------------------------------------------


def test_a_weekday_deadline_over_the_spring_forward_weekend_is_in_wall_clock_hours() -> None:
    calendar = BusinessCalendar("America/New_York", working_hours=[(time(9), time(17))])
    friday = at(NEW_YORK, 2025, 3, 7, 16)  # EST
    deadline = calendar.add_business_time(friday, timedelta(hours=2))
    assert deadline == at(NEW_YORK, 2025, 3, 10, 10)  # EDT
    assert deadline.utcoffset() == timedelta(hours=-4)
    assert calendar.business_time_between(friday, deadline) == timedelta(hours=2)


def test_a_day_with_clocks_going_forward_inside_working_hours_really_contains_fewer_hours() -> (
    None
):
    night_shift = BusinessCalendar(
        "America/New_York", workdays=range(7), working_hours=[(time(1), time(4))]
    )
    day = at(NEW_YORK, 2025, 3, 9)
    assert night_shift.business_time_between(day, day + timedelta(days=1)) == timedelta(hours=2)
    # 01:00 EST + 1 h real = 03:00 EDT (02:00-03:00 does not exist that night)
    assert night_shift.add_business_time(at(NEW_YORK, 2025, 3, 9, 1), timedelta(hours=1)) == at(
        NEW_YORK, 2025, 3, 9, 3
    )
    assert night_shift.add_business_time(day, timedelta(hours=2)) == at(NEW_YORK, 2025, 3, 9, 4)
    assert night_shift.add_business_time(day, timedelta(hours=3)) == at(NEW_YORK, 2025, 3, 10, 2)


def test_a_day_with_clocks_going_back_inside_working_hours_really_contains_more_hours() -> None:
    night_shift = BusinessCalendar(
        "America/New_York", workdays=range(7), working_hours=[(time(1), time(4))]
    )
    day = at(NEW_YORK, 2025, 11, 2)
    assert night_shift.business_time_between(day, day + timedelta(days=1)) == timedelta(hours=4)
    first_one_thirty = datetime(2025, 11, 2, 1, 30, tzinfo=NEW_YORK)  # EDT, fold=0
    second_one_thirty = datetime(2025, 11, 2, 1, 30, fold=1, tzinfo=NEW_YORK)  # EST
    assert night_shift.business_time_between(first_one_thirty, second_one_thirty) == timedelta(
        hours=1
    )
    assert night_shift.add_business_time(first_one_thirty, timedelta(hours=1)) == (
        second_one_thirty
    )
    assert night_shift.add_business_time(day, timedelta(hours=4)) == at(NEW_YORK, 2025, 11, 2, 4)


def test_a_full_day_calendar_counts_23_and_25_hour_days_across_dst() -> None:
    always = BusinessCalendar(
        "America/New_York", workdays=range(7), working_hours=[(time(0), time(0))]
    )
    march_8, march_10 = at(NEW_YORK, 2025, 3, 8), at(NEW_YORK, 2025, 3, 10)
    assert always.business_time_between(march_8, march_10) == timedelta(hours=47)
    nov_1, nov_3 = at(NEW_YORK, 2025, 11, 1), at(NEW_YORK, 2025, 11, 3)
    assert always.business_time_between(nov_1, nov_3) == timedelta(hours=49)
    assert always.add_business_time(march_8, timedelta(hours=47)) == march_10
    # Real elapsed time (Python's same-zone arithmetic would be wall-clock time).
    real = nov_1.astimezone(UTC) + timedelta(hours=30)
    assert always.add_business_time(nov_1, timedelta(hours=30)) == real


def test_an_unbounded_calendar_counts_the_clock_changes_of_the_years_it_meets_later() -> None:
    # China kept summer time 1986-1991 (17 April 1988 had 23 hours). An unbounded calendar used
    # first in 2025, where its zone has no clock changes and deadlines take the fused path,
    # must count them once it meets 1988, and still count 2025 right afterwards.
    always = BusinessCalendar(
        "Asia/Shanghai", workdays=range(7), working_hours=[(time(0), time(0))]
    )
    march_3 = at(SHANGHAI, 2025, 3, 3)
    assert always.add_business_time(march_3, timedelta(hours=48)) == at(SHANGHAI, 2025, 3, 5)
    april_16, april_18 = at(SHANGHAI, 1988, 4, 16), at(SHANGHAI, 1988, 4, 18)
    assert always.business_time_between(april_16, april_18) == timedelta(hours=47)
    assert always.add_business_time(april_16, timedelta(hours=47)) == april_18
    assert always.add_business_time(march_3, timedelta(hours=48)) == at(SHANGHAI, 2025, 3, 5)
    assert always.business_time_between(march_3, at(SHANGHAI, 2025, 3, 5)) == timedelta(hours=48)


@pytest.mark.parametrize(
    ("zone", "hours"),
    [
        ("America/New_York", -20_000),
        ("America/New_York", -11_000),
        ("America/New_York", 11_000),
        ("America/New_York", 20_000),
        # Turkey put its clocks forward in March 2016 and never back: the years met later
        # add up to an hour less (2016), before the day the calendar was met first.
        ("Europe/Istanbul", -66_000),
    ],
)
def test_an_unbounded_calendar_counts_the_clock_changes_of_years_it_has_not_met_yet(
    zone: str, hours: int
) -> None:
    # Met first on 9 January 2024, a new calendar knows the clock changes of 2023-2024 only;
    # a deadline about 1.3 or 2.3 years away must count those of the years it runs into,
    # later or earlier, as real hours (measured from the same origin as the first ones).
    def new_calendar() -> BusinessCalendar:
        return BusinessCalendar(zone, workdays=range(7), working_hours=[(time(0), time(0))])

    start = datetime(2024, 1, 9, 12, tzinfo=ZoneInfo(zone))
    deadline = new_calendar().add_business_time(start, timedelta(hours=hours))
    assert deadline.astimezone(UTC) == start.astimezone(UTC) + timedelta(hours=hours)
    assert new_calendar().business_time_between(start, deadline) == timedelta(hours=hours)


def test_a_calendar_met_first_in_january_still_finds_a_clock_change_in_late_december() -> None:
    # Cancún put its clocks forward on 26 December 1981. Met first on 20 January 1982, an
    # unbounded calendar knows 1982 only; the last days of 1981 are of a year it has not met.
    always = BusinessCalendar(
        "America/Cancun", workdays=range(7), working_hours=[(time(0), time(0))]
    )
    cancun = ZoneInfo("America/Cancun")
    always.next_working_instant(datetime(1982, 1, 20, tzinfo=cancun))
    december_25, december_27 = datetime(1981, 12, 25, tzinfo=cancun), datetime(
        1981, 12, 27, tzinfo=cancun
    )
    assert always.business_time_between(december_25, december_27) == timedelta(hours=47)


def test_business_time_counted_back_may_end_on_the_first_day_of_the_span() -> None:
    calendar = BusinessCalendar(
        "America/New_York",
        working_hours=[(time(9), time(17))],
        valid_from=date(2025, 1, 1),
        valid_until=date(2025, 12, 31),
    )
    thursday = at(NEW_YORK, 2025, 1, 2, 10)
    assert calendar.add_business_time(thursday, -timedelta(hours=2)) == at(
        NEW_YORK, 2025, 1, 1, 16
    )
    with pytest.raises(CalendarRangeError, match="2024-12-31"):
        calendar.add_business_time(thursday, -timedelta(hours=10))


# --- the span ----------------------------------------------------------------------------------


def test_the_span_defaults_to_the_whole_years_of_the_holidays_handed_in() -> None:
    calendar = china_2025()
    assert calendar.valid_from == date(2025, 1, 1)
    assert calendar.valid_until == date(2025, 12, 31)
    assert BusinessCalendar("UTC").valid_from is None
    assert BusinessCalendar("UTC").valid_until is None
    only_makeup = BusinessCalendar("UTC", makeup_workdays=[date(2024, 2, 4)])
    assert (only_makeup.valid_from, only_makeup.valid_until) == (
        date(2024, 1, 1),
        date(2024, 12, 31),
    )


def test_a_deadline_in_a_year_without_holiday_data_raises_a_calendar_range_error() -> None:
    calendar = china_2025()
    with pytest.raises(CalendarRangeError, match=r"2026-01-01.*2025-01-01.*2025-12-31"):
        calendar.add_business_time(at(SHANGHAI, 2025, 12, 31, 17), timedelta(hours=2))
    with pytest.raises(CalendarRangeError, match="2026-01-01"):
        calendar.next_working_day(date(2025, 12, 31))
    with pytest.raises(CalendarRangeError, match="2024-12-31"):
        calendar.previous_working_day(date(2025, 1, 1))
    with pytest.raises(CalendarRangeError, match="2024-12-31"):
        calendar.is_working_day(date(2024, 12, 31))
    with pytest.raises(CalendarRangeError):
        calendar.business_time_between(at(SHANGHAI, 2025, 6, 1), at(SHANGHAI, 2026, 1, 2))
    with pytest.raises(CalendarRangeError):
        calendar.business_days_between(date(2025, 6, 1), date(2026, 1, 2))
    with pytest.raises(CalendarRangeError):
        calendar.next_working_instant(at(SHANGHAI, 2025, 12, 31, 18))
    assert isinstance(CalendarRangeError("x"), KeyAccountError)


def test_computations_inside_the_span_up_to_its_last_closing_edge_succeed() -> None:
    calendar = china_2025()
    assert calendar.add_business_time(
        at(SHANGHAI, 2025, 12, 31, 17), timedelta(hours=1)
    ) == at(SHANGHAI, 2025, 12, 31, 18)
    assert calendar.business_days_between(date(2025, 1, 1), date(2026, 1, 1)) > 0


def test_an_explicit_span_bounds_a_calendar_without_holidays() -> None:
    calendar = BusinessCalendar("UTC", valid_until=date(2030, 12, 31))
    assert calendar.valid_from is None
    with pytest.raises(CalendarRangeError, match="2031-01-01"):
        calendar.add_business_days(date(2030, 12, 31), 1)
    assert calendar.add_business_days(date(1990, 1, 1), 1) == date(1990, 1, 2)


def test_arithmetic_past_the_representable_dates_raises_a_calendar_range_error() -> None:
    unbounded = BusinessCalendar("UTC")
    with pytest.raises(CalendarRangeError, match="after 9999-12-31"):
        unbounded.add_business_days(date(2025, 1, 1), 10**9)
    with pytest.raises(CalendarRangeError, match="before 0001-01-01"):
        unbounded.add_business_days(date(2025, 1, 1), -(10**9))
    with pytest.raises(CalendarRangeError, match="after 9999-12-31"):
        unbounded.add_business_time(at(ZoneInfo("UTC"), 2025, 1, 1), timedelta(days=10**7))


_FAR_INSTANTS = [
    datetime.max.replace(tzinfo=UTC),
    datetime.min.replace(tzinfo=UTC),
    datetime.max.replace(tzinfo=SHANGHAI),
    datetime.min.replace(tzinfo=NEW_YORK),
    datetime(1899, 12, 31, 12, tzinfo=UTC),
    datetime(2200, 1, 1, 12, tzinfo=UTC),
]


@pytest.mark.parametrize("zone", ["Asia/Shanghai", "America/New_York"])
@pytest.mark.parametrize("moment", _FAR_INSTANTS, ids=lambda moment: moment.isoformat())
def test_an_instant_outside_the_years_1900_to_2199_raises_a_calendar_range_error_naming_it(
    zone: str, moment: datetime
) -> None:
    # 0.1 raised OverflowError converting an instant near datetime.max (or .min) to the zone.
    calendar = BusinessCalendar(zone)
    inside = at(SHANGHAI, 2025, 1, 6, 10)
    calls = [
        lambda: calendar.add_business_time(moment, timedelta(hours=1)),
        lambda: calendar.add_business_time(moment, -timedelta(hours=1)),
        lambda: calendar.add_business_time(moment, timedelta(0)),
        lambda: calendar.business_time_between(moment, inside),
        lambda: calendar.business_time_between(inside, moment),
        lambda: calendar.next_working_instant(moment),
    ]
    for call in calls:
        with pytest.raises(CalendarRangeError, match="outside the years 1900-2199") as error:
            call()
        assert moment.isoformat() in str(error.value)


@pytest.mark.parametrize("day", [date.min, date(1899, 12, 31), date(2200, 1, 2), date.max])
def test_a_day_outside_the_years_1900_to_2199_raises_a_calendar_range_error_naming_it(
    day: date,
) -> None:
    calendar = BusinessCalendar("UTC")
    for call in (
        lambda: calendar.is_working_day(day),
        lambda: calendar.add_business_days(day, 1),
        lambda: calendar.add_business_days(day, -1),
        lambda: calendar.business_days_between(day, date(2025, 1, 1)),
    ):
        with pytest.raises(CalendarRangeError, match="outside the years 1900-2199") as error:
            call()
        assert day.isoformat() in str(error.value)


def test_a_deadline_past_2199_raises_a_calendar_range_error() -> None:
    calendar = BusinessCalendar("Asia/Shanghai")
    last_evening = at(SHANGHAI, 2199, 12, 31, 17)
    assert calendar.add_business_time(last_evening, timedelta(hours=1)) == at(
        SHANGHAI, 2199, 12, 31, 18
    )
    with pytest.raises(CalendarRangeError, match="2200-01-01, outside the years 1900-2199"):
        calendar.add_business_time(last_evening, timedelta(hours=2))
    with pytest.raises(CalendarRangeError, match="1899-12-29, outside the years 1900-2199"):
        calendar.add_business_time(at(SHANGHAI, 1900, 1, 1, 10), -timedelta(hours=2))


# --- bad arguments --------------------------------------------------------------------------------


def test_naive_datetimes_and_non_timedelta_durations_are_refused() -> None:
    calendar = china_2025()
    with pytest.raises(InvalidInput, match="naive"):
        calendar.add_business_time(datetime(2025, 9, 30, 17), timedelta(hours=1))  # noqa: DTZ001
    with pytest.raises(InvalidInput, match="naive"):
        calendar.business_time_between(
            at(SHANGHAI, 2025, 9, 30), datetime(2025, 9, 30)  # noqa: DTZ001
        )
    with pytest.raises(InvalidInput, match="naive"):
        calendar.next_working_instant(datetime(2025, 9, 30))  # noqa: DTZ001
    with pytest.raises(InvalidInput, match="timedelta"):
        calendar.add_business_time(at(SHANGHAI, 2025, 9, 30), 2)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="int"):
        calendar.add_business_days(date(2025, 9, 30), 1.5)  # type: ignore[arg-type]


# --- values --------------------------------------------------------------------------------------


def test_a_calendar_is_a_frozen_hashable_value_and_keeps_inputs_untouched() -> None:
    holidays = [*reversed(NATIONAL_DAY_2025), date(2025, 10, 1)]
    calendar = BusinessCalendar("Asia/Shanghai", holidays=holidays, makeup_workdays=MAKEUP_2025)
    assert holidays[0] == date(2025, 10, 8)  # not sorted in place
    assert calendar.holidays == tuple(NATIONAL_DAY_2025)
    assert calendar == china_2025()
    assert hash(calendar) == hash(china_2025())
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        calendar.timezone = "UTC"  # type: ignore[misc]
    restored = pickle.loads(pickle.dumps(calendar))
    assert restored == calendar
    assert restored.next_working_day(date(2025, 10, 10)) == date(2025, 10, 11)


def test_evolving_a_calendar_recomputes_its_tables() -> None:
    calendar = attrs.evolve(china_2025(), makeup_workdays=[date(2025, 9, 28)])
    assert calendar.next_working_day(date(2025, 10, 10)) == date(2025, 10, 13)


def test_a_zoneinfo_is_accepted_for_the_timezone() -> None:
    assert BusinessCalendar(SHANGHAI).timezone == "Asia/Shanghai"


def test_a_span_from_1900_computes_only_within_the_years_1900_to_2199() -> None:
    calendar = BusinessCalendar(
        "UTC", valid_from=date(1900, 1, 1), valid_until=date(2030, 12, 31)
    )
    assert calendar.is_working_day(date(1900, 1, 1))
    with pytest.raises(CalendarRangeError, match="1880-01-01"):
        calendar.is_working_day(date(1880, 1, 1))
    with pytest.raises(InvalidInput, match=r"BusinessCalendar\.holidays .*1850-12-25"):
        BusinessCalendar("UTC", holidays=[date(1850, 12, 25)], valid_until=date(2030, 12, 31))
    with pytest.raises(CalendarRangeError, match="needs 1800-01-01, outside the years 1900-2199"):
        calendar.is_working_day(date(1800, 1, 1))


def test_a_day_outside_the_holiday_data_is_refused_naming_the_nearest_day_the_data_lacks() -> None:
    calendar = BusinessCalendar(
        "UTC", valid_from=date(2025, 1, 1), valid_until=date(2199, 12, 30)
    )
    with pytest.raises(CalendarRangeError, match="needs 2024-12-31, outside the span"):
        calendar.is_working_day(date(2024, 6, 1))
    # the last day keyaccount computes with is still a day of the span, not of the years
    with pytest.raises(CalendarRangeError, match="needs 2199-12-31, outside the span"):
        calendar.is_working_day(date(2199, 12, 31))
