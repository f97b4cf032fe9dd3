"""Rules of testing/_calendar.py (the calendar strategies) found by mutation testing.

See docs/explanation/testing.md. ``find`` runs with its own fixed settings, so a bound that
a strategy must (or must never) reach is checked the same way under every profile.
"""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from hypothesis import find, given

from keyaccount import BusinessCalendar
from keyaccount.testing import business_calendars, business_durations
from strategy_search import reaches, search_settings

FIND = search_settings(500)
DAY = timedelta(days=1)
CALENDAR = BusinessCalendar(
    timezone="Asia/Shanghai", workdays=range(5), working_hours=[(time(9), time(17))]
)



def test_durations_run_from_zero_to_three_24_hour_days_by_default() -> None:
    durations = business_durations()
    assert find(durations, lambda d: d >= 3 * DAY, settings=FIND) == 3 * DAY
    assert reaches(durations, lambda d: d == timedelta(0))
    assert not reaches(durations, lambda d: d > 3 * DAY or d < timedelta(0))


def test_durations_are_counted_in_working_days_of_the_calendar_given() -> None:
    durations = business_durations(CALENDAR, max_working_days=2)
    assert find(durations, lambda d: d >= timedelta(hours=16), settings=FIND) == timedelta(hours=16)
    assert not reaches(durations, lambda d: d > timedelta(hours=16))


def test_durations_stop_at_max_duration_when_it_is_given() -> None:
    durations = business_durations(CALENDAR, max_duration=timedelta(hours=2))
    assert find(durations, lambda d: d >= timedelta(hours=2), settings=FIND) == timedelta(hours=2)
    assert not reaches(durations, lambda d: d > timedelta(hours=2))


def test_negative_durations_run_down_to_minus_the_limit() -> None:
    durations = business_durations(max_working_days=1, negative=True)
    assert find(durations, lambda d: d <= -DAY, settings=FIND) == -DAY
    assert reaches(durations, lambda d: d > timedelta(hours=12))
    assert not reaches(durations, lambda d: d < -DAY or d > DAY)


@given(business_durations(CALENDAR, negative=True))
def test_durations_are_whole_minutes(duration: timedelta) -> None:
    assert duration % timedelta(minutes=1) == timedelta(0)


@given(business_calendars())
def test_generated_working_hours_lie_on_a_quarter_hour_grid(calendar: BusinessCalendar) -> None:
    for start, end in calendar.working_hours:
        for clock in (start, end):
            assert clock.minute in (0, 15, 30, 45)
            assert (clock.second, clock.microsecond) == (0, 0)


@pytest.mark.parametrize("minute", [15, 30, 45])
def test_generated_working_hours_reach_every_quarter(minute: int) -> None:
    calendars = business_calendars(zones=("UTC",))
    assert find(
        calendars,
        lambda c: any(t.minute == minute for pair in c.working_hours for t in pair),
        settings=FIND,
    )
