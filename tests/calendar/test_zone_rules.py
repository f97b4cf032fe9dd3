"""Rules of calendar/_zone.py (clock changes) found by mutation testing.

See docs/explanation/testing.md ("Surviving mutants").
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from keyaccount import BusinessCalendar
from keyaccount.domain.calendar._units import EPOCH
from keyaccount.domain.calendar._zone import offset_changes, wall_instant

FIJI = ZoneInfo("Pacific/Fiji")
BERLIN = ZoneInfo("Europe/Berlin")
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def instant_us(moment: datetime) -> int:
    return (moment - EPOCH) // timedelta(microseconds=1)


@pytest.mark.parametrize(
    ("zone", "year", "changes"),
    [
        (BERLIN, 2025, [datetime(2025, 3, 30, 1, tzinfo=UTC),
                        datetime(2025, 10, 26, 1, tzinfo=UTC)]),
        # Fiji's summer time ended in the third week of January
        (FIJI, 2016, [datetime(2016, 1, 16, 14, tzinfo=UTC),
                      datetime(2016, 11, 5, 14, tzinfo=UTC)]),
        # Amsterdam's summer time of 1937, at +01:19:32 then +01:20: changes off the minute
        (AMSTERDAM, 1937, [datetime(1937, 5, 22, 1, 40, 28, tzinfo=UTC),
                           datetime(1937, 6, 30, 22, 40, 28, tzinfo=UTC),
                           datetime(1937, 10, 3, 1, 40, tzinfo=UTC)]),
    ],
)
def test_every_clock_change_of_a_year_is_found_to_the_second(
    zone: ZoneInfo, year: int, changes: list[datetime]
) -> None:
    found = offset_changes(zone, year)
    in_year = [change for change in found if (EPOCH + timedelta(microseconds=change)).year == year]
    assert in_year == [instant_us(change) for change in changes]
    assert all(type(change) is int for change in found)


def test_the_years_python_cannot_probe_around_have_no_clock_changes() -> None:
    assert offset_changes(BERLIN, 1) == []
    assert offset_changes(BERLIN, 9999) == []


@pytest.mark.parametrize(
    ("wall", "jump"),
    [
        (time(2, 0), datetime(2025, 3, 30, 1, tzinfo=UTC)),
        (time(2, 0, 0, 1), datetime(2025, 3, 30, 1, tzinfo=UTC)),
        (time(2, 30), datetime(2025, 3, 30, 1, tzinfo=UTC)),
        (time(2, 59, 59, 999999), datetime(2025, 3, 30, 1, tzinfo=UTC)),
    ],
)
def test_a_skipped_wall_time_is_the_moment_of_the_jump_to_the_microsecond(
    wall: time, jump: datetime
) -> None:
    day = date(2025, 3, 30).toordinal()
    wall_us = ((wall.hour * 60 + wall.minute) * 60 + wall.second) * 1_000_000 + wall.microsecond
    assert wall_instant(BERLIN, day, wall_us) == instant_us(jump)


def test_business_time_across_a_clock_change_in_mid_january_counts_the_real_hours() -> None:
    # Every hour of every day is business time, so business time is elapsed time. Fiji went
    # back from 03:00 to 02:00 on Sunday 17 January 2016: that day had 25 hours.
    calendar = BusinessCalendar(
        timezone="Pacific/Fiji", workdays=range(7), working_hours=[(time(0), time(0))]
    )
    start = datetime(2016, 1, 16, 12, tzinfo=FIJI)
    expected = (start.astimezone(UTC) + timedelta(hours=48)).astimezone(FIJI)
    assert (expected.date(), expected.time()) == (date(2016, 1, 18), time(11))
    assert calendar.add_business_time(start, timedelta(hours=48)) == expected
