"""The SPEC §8 calendar shared by the ticket, escalation and visit tests."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from keyaccount import BusinessCalendar

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=SHANGHAI)  # type: ignore[misc]


# SPEC §8: the 2025 National Day and Mid-Autumn holiday, with its two make-up working days.
NATIONAL_DAY_2025 = BusinessCalendar(
    timezone="Asia/Shanghai",
    workdays=range(5),
    working_hours=[(time(9), time(12)), (time(13, 30), time(18))],
    holidays=[date(2025, 10, day) for day in range(1, 9)],
    makeup_workdays=[date(2025, 9, 28), date(2025, 10, 11)],
)
# No holiday data: unbounded, for generated tickets anywhere in time.
PLAIN_WEEKS = BusinessCalendar(timezone="Asia/Shanghai")  # 09:00-12:00, 13:30-18:00, Mon-Fri
