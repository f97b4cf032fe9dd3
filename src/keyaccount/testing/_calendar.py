"""Hypothesis strategies for business calendars and the instants counted on them (SPEC §8).

Generated calendars mix zones with and without daylight saving (including Lord Howe's
half-hour shift), any non-empty set of weekly working days, one to three working intervals
anywhere in the day (so some of them straddle a clock change), and random holidays and
make-up days inside a span of whole years.

>>> from hypothesis import given
>>> @given(calendars_with_instants())
... def test_a_deadline_is_never_before_its_start(calendar_and_start):
...     calendar, start = calendar_and_start
...     assert calendar.add_business_time(start, timedelta(hours=1)) > start
>>> test_a_deadline_is_never_before_its_start()
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone

from hypothesis import strategies as st

from keyaccount.domain.calendar import BusinessCalendar

__all__ = [
    "CALENDAR_ZONES",
    "business_calendars",
    "business_durations",
    "calendar_instants",
    "calendars_with_instants",
]

# Zones with and without DST, on both hemispheres, one with a 30-minute shift.
CALENDAR_ZONES: tuple[str, ...] = (
    "Asia/Shanghai",
    "UTC",
    "America/New_York",
    "Europe/Berlin",
    "Australia/Sydney",
    "Australia/Lord_Howe",
)


@st.composite
def _working_hours(draw: st.DrawFn) -> tuple[tuple[time, time], ...]:
    # Cut points on a quarter-hour grid of the day; consecutive pairs are the intervals, so they
    # are ordered and disjoint by construction (an end of 24:00 is time(0)).
    count = draw(st.integers(min_value=1, max_value=3))
    cuts = sorted(
        draw(
            st.lists(
                st.integers(min_value=0, max_value=96), min_size=2 * count,
                max_size=2 * count, unique=True,
            )
        )
    )
    hours: list[tuple[time, time]] = []
    for number in range(count):
        start, end = cuts[2 * number], cuts[2 * number + 1]
        hours.append((_quarter(start), _quarter(end)))
    return tuple(hours)


def _quarter(quarter: int) -> time:
    if quarter == 96:
        return time(0)
    return time(quarter // 4, 15 * (quarter % 4))


@st.composite
def business_calendars(
    draw: st.DrawFn,
    *,
    zones: tuple[str, ...] = CALENDAR_ZONES,
    first_year: int = 2024,
    last_year: int = 2026,
) -> BusinessCalendar:
    """Calendars with random workdays, intervals, holidays and make-up days.

    The span is ``first_year``-01-01 to ``last_year``-12-31 (given explicitly, so it does not
    depend on which days were drawn).
    """
    zone = draw(st.sampled_from(zones))
    workdays = draw(st.sets(st.integers(min_value=0, max_value=6), min_size=1))
    first, last = date(first_year, 1, 1), date(last_year, 12, 31)
    days = st.dates(min_value=first, max_value=last)
    holidays = draw(st.sets(days, max_size=40))
    makeup = draw(st.sets(days, max_size=15)) - holidays
    return BusinessCalendar(
        timezone=zone,
        workdays=workdays,
        working_hours=draw(_working_hours()),
        holidays=holidays,
        makeup_workdays=makeup,
        valid_from=first,
        valid_until=last,
    )


@st.composite
def calendar_instants(
    draw: st.DrawFn,
    calendar: BusinessCalendar,
    *,
    room: timedelta = timedelta(days=150),
    room_before: timedelta = timedelta(0),
) -> datetime:
    """Aware instants on a minute grid inside ``calendar``'s span.

    They leave ``room_before`` after the span's start and ``room`` before its end, so that
    durations added to them (or taken away) stay inside the span.

    They are expressed in the calendar's zone, in UTC or at a fixed offset. The calendar must
    have a bounded span.
    """
    if calendar.valid_from is None or calendar.valid_until is None:
        raise ValueError("calendar_instants needs a calendar with valid_from and valid_until")
    zone = calendar.zone
    first_day = calendar.valid_from + room_before
    first = datetime(first_day.year, first_day.month, first_day.day, tzinfo=zone).astimezone(
        UTC
    )
    last_day = calendar.valid_until - room
    last = datetime(last_day.year, last_day.month, last_day.day, tzinfo=zone).astimezone(
        UTC
    )
    minutes = draw(st.integers(min_value=0, max_value=int((last - first) / timedelta(minutes=1))))
    instant = first + timedelta(minutes=minutes)
    shown_in = draw(
        st.sampled_from((zone, UTC, timezone(timedelta(hours=-3, minutes=-30))))
    )
    return instant.astimezone(shown_in)


def business_durations(
    calendar: BusinessCalendar | None = None,
    *,
    max_working_days: int = 3,
    max_duration: timedelta | None = None,
    negative: bool = False,
) -> st.SearchStrategy[timedelta]:
    """Durations on a minute grid from zero (or the negative limit) up to a limit.

    The limit is ``max_duration``, or else ``max_working_days`` working days of ``calendar``
    (its ``working_day_length``), or else that many 24-hour days.
    """
    if max_duration is None:
        day = timedelta(days=1) if calendar is None else calendar.working_day_length
        max_duration = max_working_days * day
    limit = int(max_duration / timedelta(minutes=1))
    low = -limit if negative else 0
    return st.integers(min_value=low, max_value=limit).map(lambda m: timedelta(minutes=m))


@st.composite
def calendars_with_instants(
    draw: st.DrawFn, *, zones: tuple[str, ...] = CALENDAR_ZONES
) -> tuple[BusinessCalendar, datetime]:
    """A generated calendar and an instant inside its span, 150 days away from either end."""
    calendar = draw(business_calendars(zones=zones))
    return calendar, draw(calendar_instants(calendar, room_before=timedelta(days=150)))

