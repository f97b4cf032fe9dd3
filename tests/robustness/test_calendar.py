"""The calendar's public calls, each argument spoiled in turn (see harness.py)."""

import importlib.util
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from keyaccount import BusinessCalendar, BusinessDuration, DomainEvent, Period
from keyaccount.china import (
    DEFAULT_FESTIVALS,
    ChineseFestival,
    china_business_calendar,
    festival_date,
    festival_dates,
)
from robustness.harness import Call, suite

ZONE = ZoneInfo("Asia/Shanghai")
CALENDAR = BusinessCalendar(
    timezone="Asia/Shanghai",
    holidays=[date(2026, 10, 1), date(2026, 10, 2)],
    makeup_workdays=[date(2026, 9, 27)],
    valid_from=date(2026, 1, 1),
    valid_until=date(2026, 12, 31),
)
DAY = date(2026, 6, 15)
MOMENT = datetime(2026, 6, 15, 10, 30, tzinfo=ZONE)
JUNE = Period(date(2026, 6, 1), date(2026, 6, 30))

KERNEL_CASES = [
    Call(
        BusinessCalendar, timezone="Asia/Shanghai", workdays=(0, 1, 2, 3, 4),
        working_hours=((time(9), time(12)), (time(13, 30), time(18))),
        holidays=(date(2026, 10, 1),), makeup_workdays=(date(2026, 9, 27),),
        valid_from=date(2026, 1, 1), valid_until=date(2026, 12, 31),
    ),
    Call(
        BusinessCalendar.from_mapping,
        {"timezone": "Asia/Shanghai", "workdays": [0, 1, 2, 3, 4],
         "working_hours": ["09:00-12:00", "13:30-18:00"], "holidays": ["2026-10-01"],
         "makeup_workdays": ["2026-09-27"], "valid_from": "2026-01-01",
         "valid_until": "2026-12-31"},
    ),
    Call(CALENDAR.is_working_day, DAY),
    Call(CALENDAR.next_working_day, DAY),
    Call(CALENDAR.previous_working_day, DAY),
    Call(CALENDAR.add_business_days, DAY, 3),
    Call(CALENDAR.business_days_between, DAY, date(2026, 7, 1)),
    Call(CALENDAR.add_business_time, MOMENT, timedelta(hours=16)),
    Call(CALENDAR.business_time_between, MOMENT, datetime(2026, 6, 18, 9, tzinfo=ZONE)),
    Call(CALENDAR.next_working_instant, MOMENT),
    Call(BusinessDuration, days=2, time=timedelta(hours=4)),
    # the messages name the value by the caller's `field` label (a policy passes its settings
    # key), never by the parameter's own name
    Call(BusinessDuration.parse, "2d4h", field="duration").naming(value="duration"),
    Call(BusinessDuration(days=2, time=timedelta(hours=4)).on, CALENDAR),
    Call(BusinessDuration(days=2, time=timedelta(hours=4)).nominal, timedelta(hours=8)),
    Call(Period, date(2026, 6, 1), date(2026, 6, 30)),
    Call(Period.year, 2026),
    Call(Period.half_year, 2026, 2),
    Call(Period.months, date(2026, 3, 1), 3),
    Call(Period.containing, DAY, months=6),
    # An aware datetime counts by its own calendar day (documented on Period.__contains__).
    # A day outside the years 1900-2199 is answered exactly (False): membership computes
    # nothing from the day, and `day in period` runs inside other subdomains' loops (the
    # planner's festivals, replan's as_of), whose own checks name their arguments.
    Call(JUNE.contains, DAY).accepting(day={
        "a datetime for the date", "date in year 1", "date in year 9999",
        "instant in year 1", "instant in year 9999",
    }),
    Call(JUNE.next),
    Call(JUNE.previous),
    Call(DomainEvent, occurred_at=MOMENT),
]

# keyaccount.china, the optional extra `keyaccount[china]` (in the test extra, so CI runs these);
# without the libraries its calls raise MissingExtraError, so they are skipped.
CHINA_EXTRA = all(
    importlib.util.find_spec(name) is not None for name in ("chinese_calendar", "lunar_python")
)
if CHINA_EXTRA:
    import chinese_calendar

    # a fallback must lie after the installed data, whichever version is installed
    FALLBACK_UNTIL = date(max(chinese_calendar.holidays).year + 1, 3, 31)
else:
    FALLBACK_UNTIL = date(2199, 12, 31)
CHINA_CASES = [
    Call(
        china_business_calendar, timezone="Asia/Shanghai",
        working_hours=((time(9), time(12)), (time(13, 30), time(18))),
        weekday_fallback_until=FALLBACK_UNTIL,
    ),
    Call(festival_date, ChineseFestival.MID_AUTUMN, 2026),
    Call(festival_dates, Period.year(2026), DEFAULT_FESTIVALS),
]

CASES = [*KERNEL_CASES, *CHINA_CASES]

test_each_argument_corrupted, test_random_corruption, test_the_valid_call = suite(KERNEL_CASES)
_without_the_extra = pytest.mark.skipif(
    not CHINA_EXTRA, reason="the china extra (chinesecalendar, lunar_python) is not installed"
)
test_china_each_argument_corrupted, test_china_random_corruption, test_china_valid_call = (
    _without_the_extra(test) for test in suite(CHINA_CASES)
)
