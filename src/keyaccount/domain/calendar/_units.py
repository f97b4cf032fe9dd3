"""Whole microseconds, the unit of the business-time axis, and the conversions into it.

Business time is counted in integer microseconds (the resolution of ``datetime``), so the
arithmetic is exact; instants become epoch microseconds (UTC), wall-clock times microseconds
since midnight.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from keyaccount._validation import FIRST_YEAR, LAST_YEAR

US = 1_000_000
DAY_US = 86_400 * US
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
ONE_US = timedelta(microseconds=1)
LAST_ORDINAL = date.max.toordinal()
# The years keyaccount computes with (_validation's FIRST_YEAR..LAST_YEAR): a day or instant
# outside them is refused by name (CalendarRangeError), whatever the calendar's span; it also
# keeps every conversion between zones clear of datetime's own limits.
FIRST_DAY = date(FIRST_YEAR, 1, 1).toordinal()
LAST_DAY = date(LAST_YEAR, 12, 31).toordinal()


def wall_us(clock: time) -> int:
    """Microseconds from midnight to the wall-clock time ``clock``."""
    return ((clock.hour * 60 + clock.minute) * 60 + clock.second) * US + clock.microsecond


def epoch_us(moment: datetime) -> int:
    """Microseconds from the Unix epoch to the aware ``moment``."""
    return (moment - EPOCH) // ONE_US


def iso(ordinal: int) -> str:
    """Day ``ordinal`` in ISO form, or words for a day beyond the dates Python can represent."""
    if ordinal < 1:
        return "a day before 0001-01-01 (beyond the dates Python can represent)"
    if ordinal > LAST_ORDINAL:
        return "a day after 9999-12-31 (beyond the dates Python can represent)"
    return date.fromordinal(ordinal).isoformat()
