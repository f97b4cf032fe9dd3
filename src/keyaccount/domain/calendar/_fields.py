"""The converters of :class:`BusinessCalendar`'s fields (SPEC §8).

They run once, at construction, and raise :class:`~keyaccount.InvalidInput` naming the field,
the value and what was expected; past the constructor the values are trusted.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from keyaccount._errors import InvalidInput
from keyaccount._validation import require_day_in_years
from keyaccount.domain.calendar._units import DAY_US, wall_us


def to_zone_key(value: object) -> str:
    """An IANA zone name (a ``ZoneInfo`` is stored by its key)."""
    if isinstance(value, ZoneInfo):
        value = value.key
    if not isinstance(value, str) or not value:
        raise InvalidInput(
            f"BusinessCalendar.timezone must be an IANA zone name such as 'Asia/Shanghai', "
            f"got {value!r}"
        )
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(
            f"BusinessCalendar.timezone must be an IANA zone name such as 'Asia/Shanghai', "
            f"got unknown zone {value!r}"
        ) from None
    return value


def to_workdays(value: Iterable[int]) -> tuple[int, ...]:
    """Weekday numbers 0 (Monday) to 6 (Sunday), at least one, sorted and without repeats."""
    try:
        days = list(value)
    except TypeError:
        raise InvalidInput(
            f"BusinessCalendar.workdays must be weekday numbers 0 (Monday) to 6 (Sunday), "
            f"got {value!r}"
        ) from None
    for day in days:
        if isinstance(day, bool) or not isinstance(day, int) or not 0 <= day <= 6:
            raise InvalidInput(
                f"BusinessCalendar.workdays must be weekday numbers 0 (Monday) to 6 (Sunday), "
                f"got {day!r}"
            )
    if not days:
        raise InvalidInput("BusinessCalendar.workdays must name at least one weekday, got none")
    return tuple(sorted(set(days)))


def _clock(value: object, *, field: str) -> time:
    if not isinstance(value, time):
        raise InvalidInput(f"{field} must be a datetime.time, got {value!r}")
    if value.tzinfo is not None:
        raise InvalidInput(
            f"{field} must be a wall-clock time without tzinfo (the calendar's zone applies), "
            f"got {value!r}"
        )
    return value.replace(fold=0)


def to_working_hours(value: Iterable[tuple[time, time]]) -> tuple[tuple[time, time], ...]:
    """Ordered, disjoint ``(start, end)`` wall-clock pairs; an end of ``time(0)`` is 24:00."""
    try:
        pairs = [tuple(pair) for pair in value]
    except TypeError:
        raise InvalidInput(
            f"BusinessCalendar.working_hours must be (start, end) pairs of times, got {value!r}"
        ) from None
    if not pairs:
        raise InvalidInput("BusinessCalendar.working_hours must have at least one interval")
    intervals: list[tuple[time, time]] = []
    previous_end = -1
    for number, pair in enumerate(pairs):
        if len(pair) != 2:
            raise InvalidInput(
                f"BusinessCalendar.working_hours[{number}] must be a (start, end) pair, "
                f"got {pair!r}"
            )
        field = f"BusinessCalendar.working_hours[{number}]"
        start = _clock(pair[0], field=f"{field} start")
        end = _clock(pair[1], field=f"{field} end")
        start_us, end_us = wall_us(start), wall_us(end) or DAY_US
        if end_us <= start_us:
            raise InvalidInput(
                f"{field} must end after it starts, got {start.isoformat()}-{end.isoformat()}"
                " (use time(0) as the end for midnight at the end of the day)"
            )
        if start_us < previous_end:
            raise InvalidInput(
                f"{field} {start.isoformat()}-{end.isoformat()} overlaps or precedes the "
                f"interval before it; intervals must be in order and must not overlap"
            )
        previous_end = end_us
        intervals.append((start, end))
    return tuple(intervals)


def _dates(value: Iterable[date], *, field: str) -> tuple[date, ...]:
    try:
        days = list(value)
    except TypeError:
        raise InvalidInput(f"{field} must be an iterable of dates, got {value!r}") from None
    return tuple(sorted({require_day_in_years(day, field=field) for day in days}))


# Every day a calendar is given lies within the years 1900-2199, the domain's bounds
# (SPEC §11, docs/reference/errors.md): the calendar computes with no other year.


def to_holidays(value: Iterable[date]) -> tuple[date, ...]:
    """Dates in the years 1900-2199, sorted and without repeats."""
    return _dates(value, field="BusinessCalendar.holidays")


def to_makeup_workdays(value: Iterable[date]) -> tuple[date, ...]:
    """Dates in the years 1900-2199, sorted and without repeats."""
    return _dates(value, field="BusinessCalendar.makeup_workdays")


def to_valid_from(value: date | None) -> date | None:
    """A date in the years 1900-2199, or None for a span derived from the holidays."""
    return (
        None if value is None
        else require_day_in_years(value, field="BusinessCalendar.valid_from")
    )


def to_valid_until(value: date | None) -> date | None:
    """A date in the years 1900-2199, or None for a span derived from the holidays."""
    return (
        None if value is None
        else require_day_in_years(value, field="BusinessCalendar.valid_until")
    )
