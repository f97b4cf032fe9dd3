"""The business calendar deadlines and visit dates are counted on (SPEC §8).

A :class:`BusinessCalendar` is pure data handed in by the host: an IANA time zone, the weekly
working days, the working hours of a working day (one or more wall-clock intervals), public
holidays and make-up working days (调休: weekend days that are working days). The kernel
ships no holiday data and never downloads any.

Conventions (also in ``docs/reference/calendar.md``):

- Holidays override the weekly working days; make-up working days turn a non-working day into
  a working day. A date cannot be both.
- Working hours are wall-clock times in the calendar's zone, the same on every working day. An
  interval opens the first moment the zone's clock shows its opening time (or the moment the
  clock jumps past it) and closes the first moment the clock shows its closing time.
  **Business time is the real elapsed time inside those intervals**, so across a
  daylight-saving change a day contains the hours it really contains.
- A positive duration lands on the earliest instant that completes it, so the closing edge of
  an interval counts (``17:00 + 1 h`` on a 09:00-18:00 day is 18:00, not 09:00 next day). A
  negative duration goes backwards and lands on the latest such instant (an opening edge).
- ``add_business_days(day, 0)`` returns ``day`` unchanged, working day or not.
- The calendar knows the span its holiday data covers (``valid_from``/``valid_until``).
  A computation that would read a day outside it raises :class:`~keyaccount.CalendarRangeError`
  instead of treating unknown years as plain weeks.

Cost: every operation is ``O(log H)`` for ``H`` holidays and make-up days (closed-form
arithmetic over whole weeks plus :mod:`bisect` over the sorted exceptional days); it does not
grow with the distance added. The days touched by a change of UTC offset are found once (by
probing the zone week by week over the span's years, lazily for an unbounded calendar) and
counted from their real intervals; on the days of a zone without such changes (China) a
deadline is one fused closure call, a few microseconds. The arithmetic lives in the private
modules beside this one: ``_week`` (the week arithmetic and the position on the business-time
axis), ``_zone`` (UTC-offset changes) and ``_engine`` (the span and the general path).

Python compares two datetimes of the same zone by their wall clocks, and an ambiguous wall
time never equals an instant of another zone (PEP 495): compare results in UTC when they may
fall in a repeated hour.

>>> from datetime import date, datetime, time, timedelta
>>> calendar = BusinessCalendar(
...     timezone="Asia/Shanghai",
...     working_hours=[(time(9), time(12)), (time(13, 30), time(18))],
...     holidays=[date(2025, 10, 1) + timedelta(days=i) for i in range(8)],
...     makeup_workdays=[date(2025, 9, 28), date(2025, 10, 11)],
... )
>>> start = datetime(2025, 9, 30, 17, tzinfo=calendar.zone)
>>> calendar.add_business_time(start, timedelta(hours=2)).isoformat()
'2025-10-09T10:00:00+08:00'
>>> calendar.next_working_day(date(2025, 9, 26))
datetime.date(2025, 9, 28)
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import attrs

from keyaccount._errors import InvalidInput
from keyaccount._validation import (
    FIRST_YEAR,
    LAST_YEAR,
    require_aware,
    require_date,
    settings_errors,
)
from keyaccount.domain.calendar._engine import CalendarTables, What
from keyaccount.domain.calendar._fields import (
    to_holidays,
    to_makeup_workdays,
    to_valid_from,
    to_valid_until,
    to_workdays,
    to_working_hours,
    to_zone_key,
)
from keyaccount.domain.calendar._settings import calendar_arguments
from keyaccount.domain.calendar._units import ONE_US, US

__all__ = ["BusinessCalendar"]

# The 5-day week (《国务院关于职工工作时间的规定》, 1995): Monday (0) to Friday (4).
DEFAULT_WORKDAYS: tuple[int, ...] = (0, 1, 2, 3, 4)
# SPEC §8 example of working hours with a lunch break: 09:00-12:00 and 13:30-18:00.
DEFAULT_WORKING_HOURS: tuple[tuple[time, time], ...] = (
    (time(9), time(12)),
    (time(13, 30), time(18)),
)


def _local(tables: CalendarTables, moment: datetime, what: What) -> datetime:
    """``moment`` (aware) in the calendar's zone; refused by name outside the years computed with.

    Checked on its own wall clock first: near ``datetime.max`` or ``datetime.min`` the
    conversion itself would overflow.
    """
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise tables.range_error(moment.toordinal(), what)
    return moment.astimezone(tables.zone)


def _duration_us(duration: timedelta, *, field: str) -> int:
    if not isinstance(duration, timedelta):
        raise InvalidInput(f"{field} must be a datetime.timedelta, got {duration!r}")
    return (duration.days * 86_400 + duration.seconds) * US + duration.microseconds


@attrs.frozen
class BusinessCalendar:
    """Working days and hours in a time zone, with holidays and make-up working days (SPEC §8).

    Attributes:
        timezone: IANA zone name (a ``ZoneInfo`` is accepted and stored by its key).
        workdays: weekly working days, Monday = 0 ... Sunday = 6 (default Monday to Friday).
        working_hours: ``(start, end)`` wall-clock intervals of every working day, in order and
            not overlapping (touching is fine); ``time(0)`` as an end means midnight at the end
            of the day. Default 09:00-12:00 and 13:30-18:00 (SPEC §8's example).
        holidays: public holidays (override ``workdays``); any order, duplicates dropped.
        makeup_workdays: make-up working days (调休), working even if not in ``workdays``.
        valid_from: first day the holiday data covers; default 1 January of the first year of
            the holidays and make-up days, unbounded if there are none.
        valid_until: last day covered; default 31 December of their last year.

    A computation that needs a day outside ``valid_from``..``valid_until``, or outside the years
    1900-2199 (on any calendar), raises :class:`~keyaccount.CalendarRangeError`.
    ``attrs.evolve`` keeps the span as it is; pass ``valid_from=None, valid_until=None`` to derive
    it again from the new holidays.

    Raises:
        InvalidInput: unknown zone, weekdays outside 0..6, empty, unordered or overlapping
            working hours, a date both holiday and make-up day, ``valid_from`` after
            ``valid_until``.

    >>> from datetime import date
    >>> calendar = BusinessCalendar("Europe/Berlin", holidays=[date(2025, 12, 25)])
    >>> calendar.valid_from, calendar.valid_until
    (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    >>> calendar.working_day_length
    datetime.timedelta(seconds=27000)
    """

    timezone: str = attrs.field(converter=to_zone_key)
    workdays: tuple[int, ...] = attrs.field(default=DEFAULT_WORKDAYS, converter=to_workdays)
    working_hours: tuple[tuple[time, time], ...] = attrs.field(
        default=DEFAULT_WORKING_HOURS, converter=to_working_hours
    )
    holidays: tuple[date, ...] = attrs.field(
        default=(), converter=to_holidays
    )
    makeup_workdays: tuple[date, ...] = attrs.field(
        default=(), converter=to_makeup_workdays
    )
    valid_from: date | None = attrs.field(
        default=None, converter=to_valid_from
    )
    valid_until: date | None = attrs.field(
        default=None, converter=to_valid_until
    )
    _tables: CalendarTables = attrs.field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        both = sorted(set(self.holidays) & set(self.makeup_workdays))
        if both:
            raise InvalidInput(
                f"BusinessCalendar: {', '.join(day.isoformat() for day in both)} given both as "
                f"holiday and as make-up workday; a date can only be one"
            )
        known = self.holidays + self.makeup_workdays
        if self.valid_from is None and known:
            object.__setattr__(self, "valid_from", date(min(known).year, 1, 1))
        if self.valid_until is None and known:
            object.__setattr__(self, "valid_until", date(max(known).year, 12, 31))
        if (
            self.valid_from is not None
            and self.valid_until is not None
            and self.valid_from > self.valid_until
        ):
            raise InvalidInput(
                f"BusinessCalendar.valid_from {self.valid_from.isoformat()} is after "
                f"valid_until {self.valid_until.isoformat()}"
            )
        object.__setattr__(
            self,
            "_tables",
            CalendarTables(
                timezone=self.timezone,
                workdays=self.workdays,
                working_hours=self.working_hours,
                holidays=self.holidays,
                makeup_workdays=self.makeup_workdays,
                valid_from=self.valid_from,
                valid_until=self.valid_until,
            ),
        )

    def __reduce__(self) -> tuple[type[BusinessCalendar], tuple[object, ...]]:
        # Pickle (and copy) the data only; the tables, closures included, are rebuilt.
        return (
            type(self),
            (
                self.timezone, self.workdays, self.working_hours, self.holidays,
                self.makeup_workdays, self.valid_from, self.valid_until,
            ),
        )

    # -- construction from settings -------------------------------------------------------------

    @classmethod
    def from_mapping(cls, settings: Mapping[str, object]) -> BusinessCalendar:
        """Build a calendar from a host's settings mapping.

        Keys: ``timezone`` (required), ``workdays`` (weekday numbers or names such as
        ``"mon"``), ``working_hours`` (pairs of ``"HH:MM"`` strings or ``"HH:MM-HH:MM"``
        strings; ``"24:00"`` is midnight at the end of the day), ``holidays`` and
        ``makeup_workdays`` (ISO date strings or dates), ``valid_from`` and ``valid_until``.

        Raises:
            PolicyConfigError: unknown or missing keys, values of the wrong shape, or values the
                constructor refuses (the message says which).

        >>> calendar = BusinessCalendar.from_mapping({
        ...     "timezone": "Asia/Shanghai",
        ...     "working_hours": ["09:00-12:00", ["13:30", "18:00"]],
        ...     "holidays": ["2025-10-01", "2025-10-02"],
        ... })
        >>> str(calendar.working_hours[1][0]), str(calendar.valid_until)
        ('13:30:00', '2025-12-31')
        """
        arguments = calendar_arguments(settings)
        with settings_errors():
            return cls(**arguments)

    # -- the zone and the day length ------------------------------------------------------------

    @property
    def zone(self) -> ZoneInfo:
        """The calendar's time zone as a ``zoneinfo.ZoneInfo``."""
        return self._tables.zone

    @property
    def working_day_length(self) -> timedelta:
        """The business time of one working day: the sum of the daily working intervals.

        This is "one business day" of business time (7.5 hours with the default hours). On a day
        when clocks change inside working hours the real length differs; see the module notes.
        """
        return timedelta(microseconds=self._tables.day_length)

    # -- working days ---------------------------------------------------------------------------

    def is_working_day(self, day: date) -> bool:
        """Whether ``day`` is a working day.

        Raises:
            CalendarRangeError: ``day`` is outside the span.

        >>> BusinessCalendar("UTC").is_working_day(date(2025, 10, 11))
        False
        """
        ordinal = require_date(day, field="day").toordinal()
        self._tables.check(ordinal, ("is_working_day", (day,)))
        return self._tables.is_working(ordinal)

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after ``day``.

        Raises:
            CalendarRangeError: ``day`` or the answer is outside the span.
        """
        return self.add_business_days(day, 1)

    def previous_working_day(self, day: date) -> date:
        """The last working day strictly before ``day``.

        Raises:
            CalendarRangeError: ``day`` or the answer is outside the span.
        """
        return self.add_business_days(day, -1)

    def add_business_days(self, day: date, n: int) -> date:
        """The ``n``-th working day after ``day`` (before it if ``n`` is negative).

        ``n = 0`` returns ``day`` unchanged, even if it is not a working day. Whether ``day``
        itself is a working day does not matter otherwise: ``add_business_days(saturday, 1)`` is
        the first working day after that Saturday. Cost ``O(log H)``, whatever ``n``.

        Raises:
            InvalidInput: ``n`` is not an int.
            CalendarRangeError: ``day`` or the answer is outside the span.

        >>> calendar = BusinessCalendar("UTC")
        >>> calendar.add_business_days(date(2025, 1, 3), 1), calendar.add_business_days(
        ...     date(2025, 1, 6), -1)
        (datetime.date(2025, 1, 6), datetime.date(2025, 1, 3))
        """
        ordinal = require_date(day, field="day").toordinal()
        if isinstance(n, bool) or not isinstance(n, int):
            raise InvalidInput(f"n must be an int number of business days, got {n!r}")
        tables = self._tables
        what: What = ("add_business_days", (day, n))
        tables.check(ordinal, what)
        if n == 0:
            return day
        index = tables.n_before(ordinal + 1) + n - 1 if n > 0 else tables.n_before(ordinal) + n
        result = tables.nth(index)
        tables.check(result, what)
        return date.fromordinal(result)

    def business_days_between(self, start: date, end: date) -> int:
        """The number of working days in ``[start, end)``; negative if ``end`` is before ``start``.

        ``add_business_days(d, business_days_between(d, e))`` is the first working day on or
        after ``e`` (for ``e`` after ``d``). Cost ``O(log H)``.

        Raises:
            CalendarRangeError: a day of the range is outside the span.

        >>> BusinessCalendar("UTC").business_days_between(date(2025, 1, 1), date(2025, 1, 8))
        5
        """
        first = require_date(start, field="start").toordinal()
        last = require_date(end, field="end").toordinal()
        tables = self._tables
        what: What = ("business_days_between", (start, end))
        if first == last:
            return 0
        low, high = (first, last) if first < last else (last, first)
        tables.check(low, what)
        tables.check(high - 1, what)
        count = tables.n_before(high) - tables.n_before(low)
        return count if first < last else -count

    # -- business time --------------------------------------------------------------------------

    def add_business_time(self, moment: datetime, duration: timedelta) -> datetime:
        """The instant ``duration`` of business time after ``moment`` (before it if negative).

        The result is aware, in the calendar's zone, and inside working hours: a positive
        duration lands on the earliest instant that completes it (the closing edge of an
        interval counts), a negative one on the latest (an opening edge). A zero duration
        returns ``moment`` in the calendar's zone, unchanged even outside working hours.
        Counting starts at the next working instant when ``moment`` is outside working hours.
        Cost ``O(log H)``, whatever the duration.

        Raises:
            InvalidInput: ``moment`` is naive or ``duration`` is not a timedelta.
            CalendarRangeError: the computation needs a day outside the span.

        >>> from datetime import time
        >>> calendar = BusinessCalendar("UTC", working_hours=[(time(9), time(17))])
        >>> friday = datetime(2025, 1, 3, 16, tzinfo=calendar.zone)
        >>> calendar.add_business_time(friday, timedelta(hours=1)).isoformat()
        '2025-01-03T17:00:00+00:00'
        >>> calendar.add_business_time(friday, timedelta(hours=2)).isoformat()
        '2025-01-06T10:00:00+00:00'
        """
        # The hot path of every deadline: checks inlined, the error message built only on error.
        tables = self._tables
        zone = tables.zone
        if type(moment) is datetime and moment.tzinfo is zone:
            local = moment
        else:
            if type(moment) is not datetime or (
                moment.tzinfo is not UTC and moment.utcoffset() is None
            ):
                require_aware(moment, field="moment")
            local = _local(tables, moment, ("add_business_time", (moment, duration)))
        if type(duration) is not timedelta:
            _duration_us(duration, field="duration")
        amount = (duration.days * 86_400 + duration.seconds) * US + duration.microseconds
        fast_add = tables.fast_add
        if fast_add is not None and amount:
            result = fast_add(local, amount)
            if result is not None:
                return result
        ordinal = local.toordinal()
        if not tables.low <= ordinal <= tables.high:
            raise tables.range_error(ordinal, ("add_business_time", (moment, duration)))
        if amount == 0:
            return local
        return tables.add(local, amount, ("add_business_time", (moment, duration)))

    def business_time_between(self, start: datetime, end: datetime) -> timedelta:
        """The business time from ``start`` to ``end``; negative when ``end`` is before ``start``.

        ``business_time_between(t, add_business_time(t, d)) == d`` for ``d >= 0``.

        Raises:
            InvalidInput: a naive datetime.
            CalendarRangeError: ``start`` or ``end`` is on a day outside the span.

        >>> from datetime import time
        >>> calendar = BusinessCalendar("UTC", working_hours=[(time(9), time(17))])
        >>> calendar.business_time_between(
        ...     datetime(2025, 1, 3, 16, tzinfo=calendar.zone),
        ...     datetime(2025, 1, 6, 10, tzinfo=calendar.zone))
        datetime.timedelta(seconds=7200)
        """
        require_aware(start, field="start")
        require_aware(end, field="end")
        tables = self._tables
        zone = tables.zone
        what: What = ("business_time_between", (start, end))
        local_start = start if start.tzinfo is zone else _local(tables, start, what)
        local_end = end if end.tzinfo is zone else _local(tables, end, what)
        fast_span = tables.fast_span
        if fast_span is not None:
            low, high = fast_span
            first_day, last_day = local_start.toordinal(), local_end.toordinal()
            if low <= first_day <= high and low <= last_day <= high:
                position = tables.plain_position
                return ONE_US * (position(local_end, last_day) - position(local_start, first_day))
        tables.check(local_start.toordinal(), what)
        tables.check(local_end.toordinal(), what)
        return ONE_US * (tables.position(local_end) - tables.position(local_start))

    def next_working_instant(self, moment: datetime) -> datetime:
        """The first instant at or after ``moment`` at which business time runs.

        ``moment`` itself (in the calendar's zone) when it is inside working hours; otherwise
        the next opening. A closing edge is not a working instant: at 18:00 the answer is the
        next opening, when work can start.

        Raises:
            InvalidInput: a naive datetime.
            CalendarRangeError: the computation needs a day outside the span.

        >>> calendar = BusinessCalendar("UTC")
        >>> calendar.next_working_instant(datetime(2025, 1, 3, 12, 15, tzinfo=calendar.zone))
        datetime.datetime(2025, 1, 3, 13, 30, tzinfo=zoneinfo.ZoneInfo(key='UTC'))
        """
        require_aware(moment, field="moment")
        tables = self._tables
        what: What = ("next_working_instant", (moment,))
        local = _local(tables, moment, what)
        tables.check(local.toordinal(), what)
        result = tables.instant_at(tables.position(local), earliest=False, what=what)
        # Same-zone == compares wall clocks; the fold tells the two readings of a repeated hour.
        return local if result == local and result.fold == local.fold else result
