"""Periods: a half-open span of calendar days (SPEC §6 plan periods, SPEC §9 appraisal periods).

One type serves both: a visit plan covers a period (usually a plan year, seed 001 走访计划),
and every indicator is measured over one. Seed 001 §六(二) evaluates the visit work every
half-year (每半年), so the default appraisal period is a half-year, H1 (January-June) or H2
(July-December). Any other period can be asked for: a year (seed 002 §客户关系管理费用 reviews
spending yearly), a quarter, a month, or any span of days. Periods are half-open,
``start <= day < end``, so consecutive periods never share a day; they are built with
:class:`dateutil.relativedelta.relativedelta`, so month ends and leap years need no special
cases.

>>> h1 = Period.half_year(2025, 1)
>>> str(h1), h1.start, h1.last_day
('2025-H1', datetime.date(2025, 1, 1), datetime.date(2025, 6, 30))
>>> str(h1.previous()), str(h1.next())
('2024-H2', '2025-H2')
>>> str(Period.containing(date(2025, 8, 15)))
'2025-H2'
>>> str(Period.containing(date(2025, 8, 15), months=3))
'2025-Q3'
>>> date(2025, 6, 30) in h1, date(2025, 7, 1) in h1
(True, False)
>>> plan_year = Period.year(2026)
>>> plan_year.start, plan_year.end, plan_year.days, plan_year.whole_months
(datetime.date(2026, 1, 1), datetime.date(2027, 1, 1), 365, 12)
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import attrs
from dateutil.relativedelta import relativedelta

from keyaccount._errors import InvalidInput
from keyaccount._validation import FIRST_YEAR, LAST_YEAR, require_date

__all__ = ["Period"]

# seed 001 §六(二) 评估周期: 每半年对重点客户走访工作进行一次效果评估.
DEFAULT_PERIOD_MONTHS = 6

_CALENDAR_ALIGNED_MONTHS = (1, 2, 3, 4, 6, 12)
# A whole-month period starts on a day every month has.
_LAST_DAY_OF_EVERY_MONTH = 28

# A period lies within the years keyaccount computes with, 1900-01-01..2199-12-31.
_FIRST_DAY = date(FIRST_YEAR, 1, 1)
_END_LIMIT = date(LAST_YEAR + 1, 1, 1)  # the latest (exclusive) end
_MAX_MONTHS = (LAST_YEAR - FIRST_YEAR + 1) * 12


def _whole(value: object, *, field: str, low: int, high: int, what: str) -> int:
    """An int (not a bool) from ``low`` to ``high``; ``what`` says what it counts."""
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidInput(f"{field} must be an int from {low} to {high} ({what}), got {value!r}")
    return value


def _a_date(_instance: object, attribute: attrs.Attribute[date], value: object) -> None:
    # A plain date; the years are checked after, where the exclusive end may be 2200-01-01.
    if type(value) is not date:
        require_date(value, field=f"Period.{attribute.name}")


def _in_years(day: date, *, field: str) -> date:
    """``day`` (a date) within the years keyaccount computes with."""
    if not _FIRST_DAY <= day < _END_LIMIT:
        raise InvalidInput(
            f"{field} must be within the years {FIRST_YEAR}-{LAST_YEAR}, got {day.isoformat()}"
        )
    return day


def _day_of(value: object) -> date:
    """The calendar day of a date subclass or an aware datetime (in its own zone)."""
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise InvalidInput(
                "a naive datetime has no calendar day until its zone is known: give an aware "
                f"datetime or a date, got {value!r}"
            )
        return value.date()
    if isinstance(value, date):
        return value
    raise InvalidInput(f"a Period holds days: expected a date or an aware datetime, got {value!r}")


@attrs.frozen
class Period:
    """A half-open span of days ``[start, end)``: a plan period or an appraisal period.

    Attributes:
        start: the first day of the period.
        end: the day after the last day (exclusive), so ``Period(d1, d2)`` and
            ``Period(d2, d3)`` never overlap.

    ``day in period`` tells whether a day falls inside it (``start <= day < end``, so the
    ``end`` day is outside). An aware datetime counts by its calendar day in its own zone
    (convert it with ``astimezone`` first to count in another zone); a naive datetime is
    refused, as everywhere in keyaccount, since its day depends on a zone nobody named, and so
    is anything that is not a day.

    A period lies within the years 1900-2199 (``end`` at most 2200-01-01).

    Raises:
        InvalidInput: a bound is not a plain ``date``, ``end`` is not after ``start``, or the
            period reaches outside the years 1900-2199.

    >>> march = Period(date(2025, 3, 1), date(2025, 3, 15))
    >>> date(2025, 3, 1) in march, date(2025, 3, 14) in march, date(2025, 3, 15) in march
    (True, True, False)
    >>> from datetime import datetime, timedelta, timezone
    >>> late_evening = datetime(2025, 3, 14, 23, 30, tzinfo=timezone(timedelta(hours=8)))
    >>> late_evening in march, late_evening.astimezone(timezone.utc) in march
    (True, True)
    >>> datetime(2025, 3, 14, 23, 30) in march
    Traceback (most recent call last):
    ...
    keyaccount.InvalidInput: a naive datetime has no calendar day until its zone is known: give \
an aware datetime or a date, got datetime.datetime(2025, 3, 14, 23, 30)
    >>> Period(date(2025, 3, 1), date(2025, 3, 1))
    Traceback (most recent call last):
    ...
    keyaccount.InvalidInput: Period.end must be after start 2025-03-01, got 2025-03-01
    """

    start: date = attrs.field(validator=_a_date)
    end: date = attrs.field(validator=_a_date)
    # derived once at construction: read in the indicators' per-record loops
    _last_day: date = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        if self.end <= self.start:
            raise InvalidInput(
                f"Period.end must be after start {self.start.isoformat()}, "
                f"got {self.end.isoformat()}"
            )
        if self.start < _FIRST_DAY:
            _in_years(self.start, field="Period.start")
        if self.end > _END_LIMIT:
            raise InvalidInput(
                f"Period.end must be at most {_END_LIMIT.isoformat()} (a period ends within the "
                f"years {FIRST_YEAR}-{LAST_YEAR}), got {self.end.isoformat()}"
            )
        object.__setattr__(self, "_last_day", self.end - timedelta(days=1))

    @classmethod
    def half_year(cls, year: int, half: int) -> Period:
        """H1 (``half=1``, January-June) or H2 (``half=2``, July-December) of ``year``.

        Raises:
            InvalidInput: ``year`` is not an int from 1900 to 2199, or ``half`` is not 1 or 2
                (an int: ``True`` is not H1).
        """
        year = _whole(year, field="year", low=FIRST_YEAR, high=LAST_YEAR, what="a calendar year")
        if isinstance(half, bool) or half not in (1, 2):
            raise InvalidInput(f"half must be 1 (H1) or 2 (H2), got {half!r}")
        return cls.months(date(year, 1 + 6 * (half - 1), 1), DEFAULT_PERIOD_MONTHS)

    @classmethod
    def year(cls, year: int) -> Period:
        """The calendar year ``year``, 1 January to 31 December (a plan year).

        Seed 002 also reviews relationship spending yearly.

        Raises:
            InvalidInput: ``year`` is not an int (a bool is not) from 1900 to 2199.
        """
        year = _whole(year, field="year", low=FIRST_YEAR, high=LAST_YEAR, what="a calendar year")
        return cls.months(date(year, 1, 1), 12)

    @classmethod
    def months(cls, start: date, count: int) -> Period:
        """``count`` months from ``start`` (any period on request).

        The count of whole months in a period is :attr:`whole_months`.

        Raises:
            InvalidInput: ``start`` is not a date within the years 1900-2199, ``count`` is not an
                int (a bool is not) of at least 1, or the period would end after 2199.

        >>> str(Period.months(date(2025, 1, 31), 1))
        '2025-01-31..2025-02-27'
        """
        if isinstance(count, bool) or not isinstance(count, int) or count < 1:
            raise InvalidInput(f"Period months count must be an int >= 1, got {count!r}")
        start = _in_years(require_date(start, field="Period.start"), field="Period.start")
        if count > _MAX_MONTHS:
            raise InvalidInput(
                f"Period months count must be at most {_MAX_MONTHS} (a period ends within the "
                f"years {FIRST_YEAR}-{LAST_YEAR}), got {count!r}"
            )
        return cls(start, start + relativedelta(months=count))

    @classmethod
    def containing(cls, day: date, *, months: int = DEFAULT_PERIOD_MONTHS) -> Period:
        """The calendar-aligned period of ``months`` months that contains ``day``.

        Args:
            day: any day inside the wanted period.
            months: the period length, a divisor of 12 (1, 2, 3, 4, 6, 12); 6 (a half-year)
                by default.

        Raises:
            InvalidInput: ``months`` does not divide the year evenly (or is a bool), or ``day``
                is not a date within the years 1900-2199.
        """
        if isinstance(months, bool) or months not in _CALENDAR_ALIGNED_MONTHS:
            raise InvalidInput(
                f"months must divide the year evenly, one of {list(_CALENDAR_ALIGNED_MONTHS)}, "
                f"got {months!r}"
            )
        day = _in_years(require_date(day, field="day"), field="day")
        first_month = (day.month - 1) // months * months + 1
        return cls.months(date(day.year, first_month, 1), months)

    @property
    def last_day(self) -> date:
        """The last day inside the period (``end`` minus one day), computed once."""
        return self._last_day

    @property
    def days(self) -> int:
        """The number of days in the period."""
        return (self.end - self.start).days

    @property
    def whole_months(self) -> int | None:
        """Whole calendar months in the period, or None when it is not made of whole months.

        Only periods starting on day 1-28 count, so every month of the period has that day
        (the visit planner spreads visits by month only then, and by days otherwise).

        >>> Period(date(2026, 1, 1), date(2026, 7, 1)).whole_months
        6
        >>> Period(date(2026, 1, 5), date(2026, 2, 1)).whole_months is None
        True
        >>> Period(date(2026, 1, 31), date(2026, 3, 31)).whole_months is None
        True
        """
        start, end = self.start, self.end
        if start.day != end.day or start.day > _LAST_DAY_OF_EVERY_MONTH:
            return None
        return (end.year - start.year) * 12 + end.month - start.month

    def __contains__(self, day: object) -> bool:
        """Whether ``day`` (a date, or an aware datetime's own day) falls inside the period.

        Raises:
            InvalidInput: ``day`` is a naive datetime or not a date at all.
        """
        if type(day) is not date:
            day = _day_of(day)
        return self.start <= day < self.end

    def contains(self, day: date) -> bool:
        """Whether ``day`` falls inside the period; the same as ``day in period``.

        Raises:
            InvalidInput: ``day`` is a naive datetime or not a date at all.
        """
        return day in self

    def _length(self) -> relativedelta:
        return relativedelta(self.end, self.start)

    def previous(self) -> Period:
        """The period of the same calendar length that ends where this one starts.

        Used for period-over-period growth (业务合作增长率). For a period of whole months
        ``period.previous().next() == period``; for other spans the length is measured again
        from the new start, so a month end can shift it by a few days.
        """
        return Period(self.start - self._length(), self.start)

    def next(self) -> Period:
        """The period of the same calendar length that starts where this one ends."""
        return Period(self.end, self.end + self._length())

    def __str__(self) -> str:
        length = self._length()
        aligned = (
            self.start.day == 1
            and length.days == 0
            and not length.years
            and length.months in _CALENDAR_ALIGNED_MONTHS
            and (self.start.month - 1) % length.months == 0
        )
        if self.start.day == 1 and length == relativedelta(years=1) and self.start.month == 1:
            return f"{self.start.year}"
        if aligned:
            index = (self.start.month - 1) // length.months + 1
            if length.months == 6:
                return f"{self.start.year}-H{index}"
            if length.months == 3:
                return f"{self.start.year}-Q{index}"
            if length.months == 1:
                return f"{self.start.year}-{self.start.month:02d}"
        return f"{self.start.isoformat()}..{self.last_day.isoformat()}"
