"""The whole, as a host lives it: two years of ticket deadlines on China's calendar.

Every day of 2025 and 2026, a ticket of every tier and severity opened at 10:00 and at 17:00
gets the deadlines of the seed escalation policy on ``china_business_calendar()``; each one is
checked against a plain walk over the days that asks chinesecalendar's own ``is_workday``
(business days across the Spring Festival with its make-up days, National Day, ...). Near the
end of the data the deadline needs the next year: the calendar raises ``CalendarRangeError``
exactly when the walk runs past the data.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from keyaccount import SCORE_TIERS, BusinessCalendar, CalendarRangeError, Severity, ticket_deadlines
from keyaccount.china import china_business_calendar
from keyaccount.policies import presets

chinese_calendar = pytest.importorskip("chinese_calendar")

# minutes from midnight of the default working hours: 09:00-12:00, 13:30-18:00
INTERVALS = ((9 * 60, 12 * 60), (13 * 60 + 30, 18 * 60))
OPENINGS = (time(10), time(17))


def walked_deadline(opened_at: datetime, business: timedelta) -> datetime | None:
    """The deadline by walking day by day with chinesecalendar.is_workday; None past its data."""
    remaining = business // timedelta(minutes=1)
    day = opened_at.date()
    clock = opened_at.hour * 60 + opened_at.minute
    while True:
        try:
            working = chinese_calendar.is_workday(day)
        except NotImplementedError:  # chinesecalendar has no data for the year
            return None
        if working:
            for opens, closes in INTERVALS:
                start = max(opens, clock)
                if start < closes:
                    if remaining <= closes - start:
                        minutes = start + remaining
                        return datetime.combine(
                            day, time(minutes // 60, minutes % 60), opened_at.tzinfo
                        )
                    remaining -= closes - start
        day += timedelta(days=1)
        clock = 0


def every_day(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def test_two_years_of_deadlines_agree_with_chinese_calendars_is_workday() -> None:
    calendar: BusinessCalendar = china_business_calendar()
    policy = presets.escalation()
    checked = refused = 0
    wrong: list[str] = []
    for day in every_day(date(2025, 1, 1), date(2026, 12, 31)):
        for opening in OPENINGS:
            opened_at = datetime.combine(day, opening, calendar.zone)
            for tier in SCORE_TIERS:
                tier_deadlines = policy.deadlines_for(tier)
                for severity in Severity:
                    expected = [
                        walked_deadline(opened_at, duration.on(calendar))
                        for duration in (
                            tier_deadlines.first_reply, tier_deadlines.resolution(severity)
                        )
                    ]
                    if None in expected:
                        with pytest.raises(CalendarRangeError):
                            ticket_deadlines(tier, severity, policy, opened_at=opened_at,
                                             calendar=calendar)
                        refused += 1
                        continue
                    got = ticket_deadlines(
                        tier, severity, policy, opened_at=opened_at, calendar=calendar
                    )
                    if [got.first_reply, got.resolution] != expected:
                        wrong.append(f"{tier.code} {severity.value} {opened_at}: {got} {expected}")
                    checked += 1
    assert wrong == []
    # 730 days x 2 openings x 4 tiers x 3 severities; while the data ends with 2026, the
    # deadlines of the last weeks need 2027 and are refused
    assert checked + refused == 730 * 2 * 4 * 3
    last_data_year = max(chinese_calendar.holidays).year
    assert (refused > 0) == (last_data_year == 2026)
    assert refused < 730


def test_business_days_across_the_spring_festival_agree_with_is_workday_every_day() -> None:
    calendar = china_business_calendar()
    last = date(2026, 12, 31)
    for day in every_day(date(2025, 1, 1), last):
        for count in (1, 2, 3, 5, 10, 20):
            walked, left = day, count
            while left and walked <= last:
                walked += timedelta(days=1)
                left -= walked <= last and chinese_calendar.is_workday(walked)
            if walked > last:
                with pytest.raises(CalendarRangeError):
                    calendar.add_business_days(day, count)
            else:
                assert calendar.add_business_days(day, count) == walked, (day, count)
