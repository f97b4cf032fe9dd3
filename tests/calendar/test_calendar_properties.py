"""Properties of business-calendar arithmetic over generated calendars, checked against a
plain day-by-day (and minute-by-minute) reference written here and nowhere else.

The reference knows nothing of the closed-form week arithmetic or the bisect tables: it walks
days one by one and reads each day's working intervals straight from ``zoneinfo``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from keyaccount import BusinessCalendar, CalendarRangeError
from keyaccount.testing import (
    business_calendars,
    business_durations,
    calendar_instants,
    calendars_with_instants,
)

UTC = UTC
MINUTE = timedelta(minutes=1)


def utc(moment: datetime) -> datetime:
    """Compare instants in UTC: Python compares two datetimes of one zone by their wall clocks,
    and an ambiguous wall time never equals an instant in another zone (PEP 495)."""
    return moment.astimezone(UTC)

# --- the reference ---------------------------------------------------------------------------


def reference_is_working_day(calendar: BusinessCalendar, day: date) -> bool:
    if day in calendar.makeup_workdays:
        return True
    return day.weekday() in calendar.workdays and day not in calendar.holidays


def reference_wall_instant(zone: ZoneInfo, day: date, clock: time, *, is_end: bool) -> datetime:
    """The first instant the zone's clock shows ``day clock`` or later (a UTC datetime)."""
    naive = datetime.combine(day, clock)
    if is_end and clock == time(0):
        naive += timedelta(days=1)
    first_reading = naive.replace(tzinfo=zone).astimezone(UTC)  # fold=0: first occurrence
    if first_reading.astimezone(zone).replace(tzinfo=None) == naive:
        return first_reading
    # Skipped by a clock change: walk real minutes until the clock has jumped past it.
    moment = naive.replace(tzinfo=zone, fold=1).astimezone(UTC)
    while moment.astimezone(zone).replace(tzinfo=None) < naive:
        moment += MINUTE
    return moment


def reference_intervals(calendar: BusinessCalendar, day: date) -> list[tuple[datetime, datetime]]:
    if not reference_is_working_day(calendar, day):
        return []
    return [
        (
            reference_wall_instant(calendar.zone, day, start, is_end=False),
            reference_wall_instant(calendar.zone, day, end, is_end=True),
        )
        for start, end in calendar.working_hours
    ]


def reference_add(calendar: BusinessCalendar, start: datetime, duration: timedelta) -> datetime:
    """Positive durations: walk day by day, spend each interval after ``start``."""
    return reference_add_on_day(calendar, start, duration)[0]


def reference_add_on_day(
    calendar: BusinessCalendar, start: datetime, duration: timedelta
) -> tuple[datetime, date]:
    """The deadline and the working day whose interval it falls in."""
    assert duration > timedelta(0)
    start = utc(start)
    left = duration
    day = start.astimezone(calendar.zone).date() - timedelta(days=1)
    while True:
        for opening, closing in reference_intervals(calendar, day):
            begin = max(opening, start)
            if closing <= begin:
                continue
            if left <= closing - begin:
                return begin + left, day
            left -= closing - begin
        day += timedelta(days=1)


def reference_between(calendar: BusinessCalendar, start: datetime, end: datetime) -> timedelta:
    start, end = utc(start), utc(end)
    if end < start:
        return -reference_between(calendar, end, start)
    total = timedelta(0)
    day = start.astimezone(calendar.zone).date() - timedelta(days=1)
    last = end.astimezone(calendar.zone).date() + timedelta(days=1)
    while day <= last:
        for opening, closing in reference_intervals(calendar, day):
            overlap = min(closing, end) - max(opening, start)
            total += max(overlap, timedelta(0))
        day += timedelta(days=1)
    return total


def inside_working_hours(calendar: BusinessCalendar, moment: datetime) -> bool:
    """Inside an interval, both edges included."""
    day = moment.astimezone(calendar.zone).date()
    return any(
        opening <= utc(moment) <= closing
        for candidate in (day - timedelta(days=1), day)
        for opening, closing in reference_intervals(calendar, candidate)
    )


def reference_working_days_between(calendar: BusinessCalendar, start: date, end: date) -> int:
    sign, (low, high) = (1, (start, end)) if start <= end else (-1, (end, start))
    count, day = 0, low
    while day < high:
        count += reference_is_working_day(calendar, day)
        day += timedelta(days=1)
    return sign * count


# --- business time against the reference -----------------------------------------------------


@given(calendars_with_instants(), st.data())
def test_adding_business_time_agrees_with_walking_the_days(
    calendar_and_start: tuple[BusinessCalendar, datetime], data: st.DataObject
) -> None:
    calendar, start = calendar_and_start
    duration = data.draw(business_durations(calendar, max_working_days=3))
    assume(duration > timedelta(0))
    deadline = calendar.add_business_time(start, duration)
    assert utc(deadline) == reference_add(calendar, start, duration)


@given(calendars_with_instants(), st.integers(min_value=-5 * 24 * 60, max_value=5 * 24 * 60))
def test_business_time_between_agrees_with_walking_the_days(
    calendar_and_start: tuple[BusinessCalendar, datetime], minutes: int
) -> None:
    calendar, start = calendar_and_start
    end = start + timedelta(minutes=minutes)
    assert calendar.business_time_between(start, end) == reference_between(calendar, start, end)


def test_the_reference_and_the_calendar_agree_minute_by_minute_on_a_dst_night_shift() -> None:
    calendar = BusinessCalendar(
        "America/New_York", workdays=range(7), working_hours=[(time(0, 30), time(2, 30))]
    )
    for day in (date(2025, 3, 9), date(2025, 11, 2)):
        start = datetime(day.year, day.month, day.day, tzinfo=calendar.zone).astimezone(UTC)
        worked = timedelta(0)
        for step in range(6 * 60):
            moment = start + step * MINUTE
            assert calendar.business_time_between(start, moment) == worked
            if inside_working_hours(calendar, moment) and inside_working_hours(
                calendar, moment + MINUTE
            ):
                worked += MINUTE


# --- algebraic properties --------------------------------------------------------------------


@given(calendars_with_instants(), st.data())
def test_adding_a_then_b_is_adding_a_plus_b(
    calendar_and_start: tuple[BusinessCalendar, datetime], data: st.DataObject
) -> None:
    calendar, start = calendar_and_start
    first = data.draw(business_durations(calendar, max_working_days=4))
    second = data.draw(business_durations(calendar, max_working_days=4))
    once = calendar.add_business_time(start, first + second)
    twice = calendar.add_business_time(calendar.add_business_time(start, first), second)
    assert utc(once) == utc(twice)


@given(calendars_with_instants(), st.data())
def test_business_time_between_a_start_and_its_deadline_is_the_duration(
    calendar_and_start: tuple[BusinessCalendar, datetime], data: st.DataObject
) -> None:
    calendar, start = calendar_and_start
    duration = data.draw(business_durations(calendar, max_working_days=10))
    deadline = calendar.add_business_time(start, duration)
    assert calendar.business_time_between(start, deadline) == duration
    assert calendar.business_time_between(deadline, start) == -duration


@given(calendars_with_instants(), st.data())
def test_a_positive_duration_lands_inside_working_hours_and_after_the_start(
    calendar_and_start: tuple[BusinessCalendar, datetime], data: st.DataObject
) -> None:
    calendar, start = calendar_and_start
    duration = data.draw(business_durations(calendar, max_working_days=10))
    assume(duration > timedelta(0))
    deadline = calendar.add_business_time(start, duration)
    assert utc(deadline) > utc(start)
    assert deadline.tzinfo is calendar.zone
    assert inside_working_hours(calendar, deadline)


@given(calendars_with_instants(), st.integers(min_value=0, max_value=3 * 24 * 60), st.data())
def test_a_later_start_never_gives_an_earlier_deadline(
    calendar_and_start: tuple[BusinessCalendar, datetime], later_by: int, data: st.DataObject
) -> None:
    calendar, start = calendar_and_start
    duration = data.draw(business_durations(calendar, max_working_days=5))
    later = start + timedelta(minutes=later_by)
    assert utc(calendar.add_business_time(later, duration)) >= utc(
        calendar.add_business_time(start, duration)
    )


@given(calendars_with_instants(), st.data())
def test_going_back_the_same_business_time_returns_to_a_working_start(
    calendar_and_start: tuple[BusinessCalendar, datetime], data: st.DataObject
) -> None:
    calendar, moment = calendar_and_start
    duration = data.draw(business_durations(calendar, max_working_days=5))
    start = calendar.next_working_instant(moment)
    deadline = calendar.add_business_time(start, duration)
    assert utc(calendar.add_business_time(deadline, -duration)) == utc(start)


@given(calendars_with_instants(), st.data())
def test_a_negative_duration_lands_inside_working_hours_and_before_the_start(
    calendar_and_start: tuple[BusinessCalendar, datetime], data: st.DataObject
) -> None:
    calendar, start = calendar_and_start
    duration = data.draw(business_durations(calendar, max_working_days=5))
    assume(duration > timedelta(0))
    earlier = calendar.add_business_time(start, -duration)
    assert utc(earlier) < utc(start)
    assert inside_working_hours(calendar, earlier)
    assert calendar.business_time_between(earlier, start) == duration


@given(calendars_with_instants())
def test_the_next_working_instant_is_not_earlier_and_no_business_time_lies_before_it(
    calendar_and_start: tuple[BusinessCalendar, datetime],
) -> None:
    calendar, moment = calendar_and_start
    instant = calendar.next_working_instant(moment)
    assert utc(instant) >= utc(moment)
    assert inside_working_hours(calendar, instant)
    assert calendar.business_time_between(moment, instant) == timedelta(0)


@given(business_calendars(), st.data())
def test_an_unbounded_calendar_counts_like_the_same_weeks_with_a_span(
    calendar: BusinessCalendar, data: st.DataObject
) -> None:
    # An unbounded calendar finds its zone's clock changes lazily, year by year, and takes the
    # fused path over the years it has found without any: its answers are the reference's (and
    # the bounded calendar's), whichever years it met first.
    unbounded = attrs.evolve(
        calendar, holidays=(), makeup_workdays=(), valid_from=None, valid_until=None
    )
    bounded = attrs.evolve(
        unbounded, valid_from=calendar.valid_from, valid_until=calendar.valid_until
    )
    assert unbounded.valid_until is None
    if data.draw(st.booleans()):
        elsewhere = data.draw(
            st.datetimes(
                min_value=datetime(1970, 1, 1),  # noqa: DTZ001
                max_value=datetime(2060, 1, 1),  # noqa: DTZ001
                timezones=st.just(UTC),
            )
        )
        unbounded.next_working_instant(elsewhere)
    start = data.draw(calendar_instants(bounded, room_before=timedelta(days=150)))
    duration = data.draw(business_durations(bounded))
    assume(duration > timedelta(0))
    assert utc(unbounded.add_business_time(start, duration)) == reference_add(
        unbounded, start, duration
    )
    end = start + data.draw(st.integers(min_value=-5 * 24 * 60, max_value=5 * 24 * 60)) * MINUTE
    assert unbounded.business_time_between(start, end) == reference_between(unbounded, start, end)
    assert utc(unbounded.add_business_time(start, -duration)) == utc(
        bounded.add_business_time(start, -duration)
    )
    assert utc(unbounded.next_working_instant(start)) == utc(bounded.next_working_instant(start))


# --- working days ----------------------------------------------------------------------------


@given(business_calendars(), st.data())
def test_working_days_agree_with_walking_the_days(
    calendar: BusinessCalendar, data: st.DataObject
) -> None:
    days = st.dates(min_value=date(2024, 1, 1), max_value=date(2026, 12, 31))
    start, end = data.draw(days), data.draw(days)
    assert calendar.is_working_day(start) == reference_is_working_day(calendar, start)
    assert calendar.business_days_between(start, end) == reference_working_days_between(
        calendar, start, end
    )


@given(business_calendars(), st.data())
def test_adding_business_days_is_consistent_with_counting_them(
    calendar: BusinessCalendar, data: st.DataObject
) -> None:
    day = data.draw(st.dates(min_value=date(2024, 3, 1), max_value=date(2026, 9, 30)))
    per_week = len(calendar.workdays)
    n = data.draw(st.integers(min_value=-8 * per_week, max_value=8 * per_week))
    result = calendar.add_business_days(day, n)
    if n == 0:
        assert result == day
    elif n > 0:
        assert result > day
        assert calendar.is_working_day(result)
        after_day, after_result = day + timedelta(days=1), result + timedelta(days=1)
        assert calendar.business_days_between(after_day, after_result) == n
    else:
        assert result < day
        assert calendar.is_working_day(result)
        assert calendar.business_days_between(result, day) == -n


@given(business_calendars(), st.data())
def test_the_next_and_previous_working_days_are_the_nearest_ones(
    calendar: BusinessCalendar, data: st.DataObject
) -> None:
    day = data.draw(st.dates(min_value=date(2024, 3, 1), max_value=date(2026, 9, 30)))
    following = calendar.next_working_day(day)
    preceding = calendar.previous_working_day(day)
    assert reference_is_working_day(calendar, following)
    assert reference_is_working_day(calendar, preceding)
    assert reference_working_days_between(calendar, day + timedelta(days=1), following) == 0
    assert reference_working_days_between(calendar, preceding + timedelta(days=1), day) == 0


@given(business_calendars(), st.data())
def test_a_computation_raises_exactly_when_it_needs_a_day_outside_the_span(
    calendar: BusinessCalendar, data: st.DataObject
) -> None:
    assert calendar.valid_until is not None
    duration = data.draw(business_durations(calendar, max_working_days=5))
    assume(duration > timedelta(0))
    assert calendar.valid_from is not None
    last_weeks = (calendar.valid_until - calendar.valid_from) - timedelta(days=45)
    start = data.draw(calendar_instants(calendar, room=timedelta(days=-1), room_before=last_weeks))
    expected, day = reference_add_on_day(calendar, start, duration)
    start_day = start.astimezone(calendar.zone).date()
    if max(start_day, day) > calendar.valid_until:
        with pytest.raises(CalendarRangeError, match=calendar.valid_until.isoformat()):
            calendar.add_business_time(start, duration)
    else:
        assert utc(calendar.add_business_time(start, duration)) == expected


ROUND_THE_CLOCK_ZONES = [
    "America/New_York", "Europe/London", "Australia/Lord_Howe", "America/Santiago", "Asia/Tehran",
]
YEAR_1950 = datetime(1950, 1, 1, tzinfo=UTC)


@given(
    st.sampled_from(ROUND_THE_CLOCK_ZONES),
    st.integers(min_value=0, max_value=200 * 365 * 24 * 60),
    st.integers(min_value=-5 * 366 * 24 * 60, max_value=5 * 366 * 24 * 60),
)
def test_a_round_the_clock_calendar_counts_real_elapsed_time_in_any_year(
    zone: str, start_minute: int, minutes: int
) -> None:
    start = YEAR_1950 + timedelta(minutes=start_minute)
    # Unbounded: the zone's clock changes are found lazily, in whatever order years are touched.
    calendar = BusinessCalendar(zone, workdays=range(7), working_hours=[(time(0), time(0))])
    end = start + timedelta(minutes=minutes)
    assert calendar.business_time_between(start, end) == end - start
    assert utc(calendar.add_business_time(start, end - start)) == end
    assert utc(calendar.add_business_time(end, start - end)) == start


# --- days around clock changes, exhaustively ---------------------------------------------------
#
# The generated calendars rarely land on the few days a year whose clock changes; the engine
# counts those days the slow way (real instants, a corrected estimate of the day), so they are
# walked here start by start against the reference: daylight saving in spring and autumn
# (Europe/Berlin, America/New_York), a change in the first days of a year (New York's
# 6 January 1974, Lima's 1 January 1986, São Tomé's 1 January 2018) and in the last ones
# (Buenos Aires' 30 December 2007, Cancún's 26 December 1981), and clocks going back across
# midnight (Goose Bay, 7 November 2010: 00:01 back to 23:01 of the day before).


def reference_subtract(
    calendar: BusinessCalendar, start: datetime, duration: timedelta
) -> datetime:
    """Positive ``duration`` back from ``start``: the latest instant that far back."""
    assert duration > timedelta(0)
    start = utc(start)
    left = duration
    day = start.astimezone(calendar.zone).date() + timedelta(days=1)
    while True:
        for opening, closing in reversed(reference_intervals(calendar, day)):
            end = min(closing, start)
            if end <= opening:
                continue
            if left <= end - opening:
                return end - left
            left -= end - opening
        day -= timedelta(days=1)


def reference_next_working_instant(calendar: BusinessCalendar, moment: datetime) -> datetime:
    """``moment`` inside an interval (its closing edge excluded), else the next opening."""
    moment = utc(moment)
    day = moment.astimezone(calendar.zone).date() - timedelta(days=1)
    while True:
        for opening, closing in reference_intervals(calendar, day):
            if moment < closing and opening < closing:
                return max(opening, moment)
        day += timedelta(days=1)


CLOCK_CHANGES = [
    ("Europe/Berlin", date(2025, 3, 30)),  # 02:00 -> 03:00
    ("Europe/Berlin", date(2025, 10, 26)),  # 03:00 -> 02:00, the hour 02:00-03:00 twice
    ("America/New_York", date(2025, 3, 9)),
    ("America/New_York", date(2025, 11, 2)),  # 02:00 -> 01:00
    ("America/New_York", date(1974, 1, 6)),  # year-round summer time began on 6 January
    ("America/Lima", date(1986, 1, 1)),  # 00:00 -> 01:00 on New Year's Day
    ("Africa/Sao_Tome", date(2018, 1, 1)),  # 01:00 -> 02:00 on New Year's Day
    ("America/Argentina/Buenos_Aires", date(2007, 12, 30)),  # 00:00 -> 01:00
    ("America/Cancun", date(1981, 12, 26)),  # 02:00 -> 03:00, within 14 days of a new year
    ("America/Goose_Bay", date(2010, 11, 7)),  # 00:01 -> 23:01 of 6 November
]
HOURS_AROUND_A_CHANGE = {
    "night shift across the change": [(time(1), time(4))],
    "a break at the change": [(time(0, 30), time(2, 30)), (time(3), time(5))],
    "office hours with lunch": [(time(9), time(12)), (time(13, 30), time(18))],
    "round the clock": [(time(0), time(0))],
}


@pytest.mark.parametrize("workdays", [range(7), range(5)], ids=["every day", "weekdays"])
@pytest.mark.parametrize("hours", list(HOURS_AROUND_A_CHANGE), ids=str)
@pytest.mark.parametrize(("zone", "day"), CLOCK_CHANGES, ids=lambda value: str(value))
def test_business_time_around_a_clock_change_agrees_with_the_reference_from_every_start(
    zone: str, day: date, hours: str, workdays: range
) -> None:
    # Bounded: the span's clock changes are found at construction. Unbounded and new for each
    # start: they are found from the first day the calendar meets, across the year's edges.
    bounded = BusinessCalendar(
        zone,
        workdays=workdays,
        working_hours=HOURS_AROUND_A_CHANGE[hours],
        valid_from=date(day.year - 1, 1, 1),
        valid_until=date(day.year + 1, 12, 31),
    )
    length = bounded.working_day_length
    durations = [
        timedelta(microseconds=1),
        timedelta(minutes=50),
        timedelta(hours=2, minutes=10),
        2 * length + MINUTE * 25,
    ]
    first = datetime(day.year, day.month, day.day, tzinfo=ZoneInfo(zone)) - timedelta(days=1)
    # Every 125 minutes, and every opening and closing edge of the three days.
    starts = {utc(first) + step * MINUTE for step in range(0, 3 * 24 * 60, 125)}
    for offset in range(-1, 2):
        for opening, closing in reference_intervals(bounded, day + timedelta(days=offset)):
            starts.update((opening, closing))
    for start in sorted(starts):
        unbounded = attrs.evolve(bounded, valid_from=None, valid_until=None)
        for calendar in (bounded, unbounded):
            assert utc(calendar.next_working_instant(start)) == reference_next_working_instant(
                calendar, start
            ), (calendar, start)
        for duration in durations:
            for calendar in (unbounded, bounded):
                deadline = calendar.add_business_time(start, duration)
                assert utc(deadline) == reference_add(calendar, start, duration), (start, duration)
                earlier = calendar.add_business_time(start, -duration)
                assert utc(earlier) == reference_subtract(calendar, start, duration), (
                    start,
                    duration,
                )
                assert calendar.business_time_between(start, deadline) == duration
                assert calendar.business_time_between(deadline, earlier) == -2 * duration
