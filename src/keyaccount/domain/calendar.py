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
counted from their real intervals; a bounded calendar in a zone without such changes (China)
computes deadlines in one fused closure, a few microseconds each.

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

import threading
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs

from keyaccount._errors import CalendarRangeError, InvalidInput, PolicyConfigError
from keyaccount._validation import check_settings_keys, require_aware, require_date

__all__ = ["BusinessCalendar"]

_US = 1_000_000
_DAY_US = 86_400 * _US
_UTC = UTC
_EPOCH = datetime(1970, 1, 1, tzinfo=_UTC)
_EPOCH_ORDINAL = _EPOCH.toordinal()
_ONE_US = timedelta(microseconds=1)
_LAST_ORDINAL = date.max.toordinal()
_WEEK = timedelta(days=7)
_MIDNIGHT = time(0)
# Weekly probes find every UTC-offset change of a zone; no zone changes its offset and back
# within a week, so a probe pair that shows no change has none between.
_PROBES_PER_YEAR = 54
# Days around a transition whose wall clock may be ambiguous or skipped (a zone may go back
# from 00:30 to 23:30 of the day before, as some have done): counted exactly, the slow way.
_TRANSITION_MARGIN = 1

# The 5-day week (《国务院关于职工工作时间的规定》, 1995): Monday (0) to Friday (4).
DEFAULT_WORKDAYS: tuple[int, ...] = (0, 1, 2, 3, 4)
# SPEC §8 example of working hours with a lunch break: 09:00-12:00 and 13:30-18:00.
DEFAULT_WORKING_HOURS: tuple[tuple[time, time], ...] = (
    (time(9), time(12)),
    (time(13, 30), time(18)),
)

# A computation and its arguments, formatted into the message only when it fails.
_What = tuple[str, tuple[object, ...]]

_WEEKDAY_NAMES = {
    name: number
    for number, names in enumerate(
        (("mon", "monday"), ("tue", "tuesday"), ("wed", "wednesday"), ("thu", "thursday"),
         ("fri", "friday"), ("sat", "saturday"), ("sun", "sunday"))
    )
    for name in names
}


# --- converters (run at construction; past the constructor the values are trusted) -----------


def _zone_key(value: object) -> str:
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


def _workdays(value: Iterable[int]) -> tuple[int, ...]:
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


def _working_hours(value: Iterable[tuple[time, time]]) -> tuple[tuple[time, time], ...]:
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
        start_us, end_us = _wall_us(start), _wall_us(end) or _DAY_US
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
    return tuple(sorted({require_date(day, field=field) for day in days}))


def _holidays(value: Iterable[date]) -> tuple[date, ...]:
    return _dates(value, field="BusinessCalendar.holidays")


def _makeup_workdays(value: Iterable[date]) -> tuple[date, ...]:
    return _dates(value, field="BusinessCalendar.makeup_workdays")


def _valid_from(value: date | None) -> date | None:
    return None if value is None else require_date(value, field="BusinessCalendar.valid_from")


def _valid_until(value: date | None) -> date | None:
    return None if value is None else require_date(value, field="BusinessCalendar.valid_until")


def _wall_us(clock: time) -> int:
    return ((clock.hour * 60 + clock.minute) * 60 + clock.second) * _US + clock.microsecond


def _duration_us(duration: timedelta, *, field: str) -> int:
    if not isinstance(duration, timedelta):
        raise InvalidInput(f"{field} must be a datetime.timedelta, got {duration!r}")
    return (duration.days * 86_400 + duration.seconds) * _US + duration.microseconds


def _epoch_us(moment: datetime) -> int:
    return (moment - _EPOCH) // _ONE_US


# Extending a calendar's DST data is rare (once per new year range of an unbounded calendar);
# one lock for all calendars keeps it simple and the frozen value picklable.
_COVER_LOCK = threading.Lock()


# --- precomputed tables ------------------------------------------------------------------------


class _RealDay:
    """A working day touched by a UTC-offset change, its intervals as real instants (epoch µs)."""

    __slots__ = ("cum_end", "cum_start", "ends", "length", "starts")

    def __init__(self, starts: list[int], ends: list[int]) -> None:
        self.starts = starts
        self.ends = ends
        self.cum_start: list[int] = []
        self.cum_end: list[int] = []
        total = 0
        for start, end in zip(starts, ends, strict=True):
            self.cum_start.append(total)
            total += end - start
            self.cum_end.append(total)
        self.length = total

    def position(self, instant_us: int) -> int:
        """Business µs of this day before ``instant_us``."""
        total = 0
        for start, end in zip(self.starts, self.ends, strict=True):
            if instant_us <= start:
                break
            total += min(instant_us, end) - start
        return total


class _Tables:
    """Everything the arithmetic needs, precomputed once per calendar (and per year of DST data).

    Day numbers are proleptic ordinals (``date.toordinal()``); ordinal 1 is a Monday, so the
    weekday of ``x`` is ``(x - 1) % 7``. ``N(x)`` is the number of working days before ``x``
    (from ordinal 1): whole weeks times the weekly count, plus the days of the partial week, plus
    a correction read from the sorted exceptional days with one bisect.
    """

    __slots__ = (
        "added",
        "anchor",
        "correction",
        "correction_length",
        "covered",
        "cum_end",
        "cum_start",
        "day_length",
        "ends",
        "exception_added",
        "exception_n",
        "exceptions",
        "extra",
        "fast",
        "fast_add",
        "fast_position",
        "first",
        "high",
        "last",
        "lengths",
        "low",
        "mask",
        "origin",
        "per_week",
        "prefix",
        "prefix_length",
        "probed_years",
        "real_days",
        "removed",
        "slow_days",
        "starts",
        "transitions",
        "week_length",
        "weekday_of_rank",
        "zone",
    )

    def __init__(self, calendar: BusinessCalendar) -> None:
        self.zone = ZoneInfo(calendar.timezone)
        workdays = set(calendar.workdays)
        self.mask = tuple(weekday in workdays for weekday in range(7))
        self.per_week = len(workdays)
        self.weekday_of_rank = tuple(sorted(workdays))
        self.prefix = tuple(sum(self.mask[:r]) for r in range(8))

        starts = [_wall_us(start) for start, _ in calendar.working_hours]
        ends = [_wall_us(end) or _DAY_US for _, end in calendar.working_hours]
        self.starts = starts
        self.ends = ends
        self.lengths = [end - start for start, end in zip(starts, ends, strict=True)]
        self.cum_start = [sum(self.lengths[:i]) for i in range(len(starts))]
        self.cum_end = [sum(self.lengths[: i + 1]) for i in range(len(starts))]
        self.day_length = sum(self.lengths)
        self.week_length = self.per_week * self.day_length
        self.prefix_length = tuple(count * self.day_length for count in self.prefix)

        # Only holidays on weekly working days and make-up days on weekly rest days change
        # anything; the others are kept in the value but need no correction.
        self.removed = frozenset(
            day.toordinal() for day in calendar.holidays if self.mask[day.weekday()]
        )
        self.added = frozenset(
            day.toordinal() for day in calendar.makeup_workdays if not self.mask[day.weekday()]
        )
        self.exceptions = sorted(self.removed | self.added)
        # correction[k]: added minus removed among exceptions[:k]; exception_n[k] = N(exceptions[k])
        self.correction = [0]
        self.exception_added: list[bool] = []
        self.exception_n: list[int] = []
        for ordinal in self.exceptions:
            self.exception_n.append(self._weekly_before(ordinal) + self.correction[-1])
            is_added = ordinal in self.added
            self.exception_added.append(is_added)
            self.correction.append(self.correction[-1] + (1 if is_added else -1))
        self.correction_length = [count * self.day_length for count in self.correction]

        self.first = None if calendar.valid_from is None else calendar.valid_from.toordinal()
        self.last = None if calendar.valid_until is None else calendar.valid_until.toordinal()
        self.low = 1 if self.first is None else self.first
        self.high = date.max.toordinal() if self.last is None else self.last
        # Aware + timedelta is wall-clock arithmetic in the zone: the cheapest way to build a
        # result on a day without a clock change.
        self.origin = datetime(1, 1, 1, tzinfo=self.zone)

        # DST data: the days near a UTC-offset change (slow days), the working ones among them
        # as real intervals, and prefix sums of how much longer or shorter they are than a plain
        # day. Filled for the span now, and lazily (a year at a time) for unbounded calendars.
        self.probed_years: tuple[int, int] | None = None
        self.covered = (1, 0)  # empty ordinal range
        self.slow_days: frozenset[int] = frozenset()
        self.real_days: dict[int, _RealDay] = {}
        # extra: (the working days whose real length differs from day_length because the clock
        # changes inside working hours, prefix sums of the differences, the sum before the
        # anchor), replaced as one value so that a reader never sees half an update.
        self.extra: tuple[list[int], list[int], int] = ([], [0], 0)
        self.anchor: int | None = None
        self.transitions: set[int] = set()
        self.fast = True
        if self.first is not None and self.last is not None:
            self.cover(self.first)
            self.cover(self.last)
        # A bounded calendar in a zone without clock changes over its span (the common case:
        # Asia/Shanghai) gets its deadline arithmetic as one closure over local constants.
        bounded_and_plain = self.fast and self.first is not None and self.last is not None
        self.fast_add = self._fast_adder() if bounded_and_plain else None
        self.fast_position = self._fast_positioner() if bounded_and_plain else None

    # -- working days -------------------------------------------------------------------------

    def _weekly_before(self, ordinal: int) -> int:
        weeks, rest = divmod(ordinal - 1, 7)
        return weeks * self.per_week + self.prefix[rest]

    def n_before(self, ordinal: int) -> int:
        """Working days in ``[1, ordinal)``."""
        weeks, rest = divmod(ordinal - 1, 7)
        return (
            weeks * self.per_week
            + self.prefix[rest]
            + self.correction[bisect_left(self.exceptions, ordinal)]
        )

    def nth(self, index: int) -> int:
        """The working day with ``index`` working days before it (the inverse of ``n_before``)."""
        k = bisect_right(self.exception_n, index)
        if k and self.exception_added[k - 1] and self.exception_n[k - 1] == index:
            return self.exceptions[k - 1]
        weeks, rank = divmod(index - self.correction[k], self.per_week)
        return 1 + 7 * weeks + self.weekday_of_rank[rank]

    def is_working(self, ordinal: int) -> bool:
        """Whether the day is a working day (span not checked)."""
        if ordinal in self.added:
            return True
        return self.mask[(ordinal - 1) % 7] and ordinal not in self.removed

    # -- the span -----------------------------------------------------------------------------

    def check(self, ordinal: int, what: _What) -> None:
        """Raise CalendarRangeError if ``ordinal`` is outside the span."""
        if not self.low <= ordinal <= self.high:
            raise self.range_error(ordinal, what)

    def range_error(self, ordinal: int, what: _What) -> CalendarRangeError:
        """The error for a computation ``what`` that needs day ``ordinal``, outside the span."""
        needed = self.first - 1 if self.first is not None and ordinal < self.first else ordinal
        if self.last is not None and ordinal > self.last:
            needed = self.last + 1
        name, arguments = what
        shown = ", ".join(
            argument.isoformat() if isinstance(argument, (date, datetime)) else str(argument)
            for argument in arguments
        )
        return CalendarRangeError(
            f"{name}({shown}) needs {_iso(needed)}, outside the span this calendar's holiday "
            f"data covers ({self.span_text()}); hand in the holidays and make-up workdays of "
            f"that year"
        )

    def span_text(self) -> str:
        """The span in words."""
        first = "the beginning" if self.first is None else _iso(self.first)
        last = "unbounded" if self.last is None else _iso(self.last)
        return f"valid_from {first} to valid_until {last}"

    # -- DST ----------------------------------------------------------------------------------

    def cover(self, ordinal: int) -> None:
        """Make sure the DST data covers ``ordinal`` (a no-op once it does)."""
        if self.covered[0] <= ordinal <= self.covered[1]:
            return
        with _COVER_LOCK:
            if not self.covered[0] <= ordinal <= self.covered[1]:
                self._extend(ordinal)

    def _extend(self, ordinal: int) -> None:
        try:
            low = date.fromordinal(max(1, ordinal - 14)).year
            high = date.fromordinal(min(date.max.toordinal(), ordinal + 14)).year
        except (ValueError, OverflowError):  # pragma: no cover - ordinals come from dates
            return
        if self.probed_years is not None:
            low = min(low, self.probed_years[0])
            high = max(high, self.probed_years[1])
            missing = [
                year for year in range(low, high + 1)
                if not self.probed_years[0] <= year <= self.probed_years[1]
            ]
        else:
            missing = list(range(low, high + 1))
        for year in missing:
            self.transitions.update(_offset_changes(self.zone, year))
        self.probed_years = (low, high)
        first_covered = date(low, 1, 1).toordinal() + 7 if low > 1 else 1
        last_covered = date(high, 12, 31).toordinal() - 7 if high < 9999 else date.max.toordinal()
        if self.anchor is None:
            self.anchor = first_covered
        self._rebuild()
        self.covered = (first_covered, last_covered)

    def _rebuild(self) -> None:
        slow: set[int] = set()
        for change_us in self.transitions:
            change = _EPOCH + timedelta(microseconds=change_us)
            before = (change - _ONE_US).astimezone(self.zone).toordinal()
            after = change.astimezone(self.zone).toordinal()
            for ordinal in range(
                min(before, after) - _TRANSITION_MARGIN, max(before, after) + _TRANSITION_MARGIN + 1
            ):
                slow.add(ordinal)
        for ordinal in sorted(slow):
            if ordinal not in self.real_days and self.is_working(ordinal):
                self.real_days[ordinal] = self._real_day(ordinal)
        irregular = [
            ordinal for ordinal in sorted(self.real_days)
            if self.real_days[ordinal].length != self.day_length
        ]
        sums = [0]
        for ordinal in irregular:
            sums.append(sums[-1] + self.real_days[ordinal].length - self.day_length)
        # Positions are only compared within one computation, so any origin works as long as
        # it stays put when more years are covered: measure from a fixed anchor day (days are
        # only ever added outside the covered range, so the sums up to it shift together).
        anchor = self.anchor if self.anchor is not None else 0
        self.extra = (irregular, sums, sums[bisect_left(irregular, anchor)])
        self.slow_days = frozenset(slow)
        # Zones without offset changes in the covered years (Asia/Shanghai since 1992) take the
        # fused fast path of add().
        self.fast = not slow

    def extra_before(self, ordinal: int) -> int:
        """How much longer (µs) the irregular working days before ``ordinal`` are in total.

        Measured from the anchor day, so only differences of it mean anything.
        """
        irregular, sums, anchor_sum = self.extra
        if not irregular:
            return 0
        return sums[bisect_left(irregular, ordinal)] - anchor_sum

    def _instant(self, ordinal: int, wall: int) -> int:
        """Epoch µs of wall-clock time ``wall`` µs on day ``ordinal``.

        A repeated wall time means its first occurrence; a skipped one the moment of the jump.
        """
        naive = datetime.fromordinal(ordinal) + timedelta(microseconds=wall)
        early = naive.replace(tzinfo=self.zone)
        instant = early.astimezone(_UTC)
        if instant.astimezone(self.zone).replace(tzinfo=None) == naive:
            return _epoch_us(instant)
        # In a gap: fold=1 reads it with the offset after the jump (earlier instant), fold=0
        # with the offset before (later instant); the jump lies in between.
        low = _epoch_us(naive.replace(tzinfo=self.zone, fold=1).astimezone(_UTC))
        high = _epoch_us(instant)
        target = instant.astimezone(self.zone).utcoffset()
        while low + 1 < high:
            middle = (low + high) // 2
            moment = _EPOCH + timedelta(microseconds=middle)
            if moment.astimezone(self.zone).utcoffset() == target:
                high = middle
            else:
                low = middle
        return high

    def _real_day(self, ordinal: int) -> _RealDay:
        return _RealDay(
            [self._instant(ordinal, start) for start in self.starts],
            [self._instant(ordinal, end) for end in self.ends],
        )

    def real_day(self, ordinal: int) -> _RealDay:
        """The real intervals of a working day (cached for days near offset changes)."""
        day = self.real_days.get(ordinal)
        return day if day is not None else self._real_day(ordinal)

    # -- positions on the business-time axis ----------------------------------------------------

    def day_start(self, index: int, ordinal: int) -> int:
        """Business µs before working day ``ordinal`` (which has ``index`` working days before)."""
        return index * self.day_length + self.extra_before(ordinal)

    def position(self, local: datetime) -> int:
        """Business µs before ``local`` (an aware datetime in the zone), on the calendar's axis."""
        ordinal = local.toordinal()
        if not self.covered[0] <= ordinal <= self.covered[1]:
            self.cover(ordinal)
        if ordinal in self.slow_days:
            return self._slow_position(local, ordinal)
        weeks, rest = divmod(ordinal - 1, 7)
        exceptions = self.exceptions
        k = bisect_left(exceptions, ordinal)
        base = (weeks * self.per_week + self.prefix[rest] + self.correction[k]) * self.day_length
        if self.extra[0]:
            base += self.extra_before(ordinal)
        if k < len(exceptions) and exceptions[k] == ordinal:
            if not self.exception_added[k]:
                return base
        elif not self.mask[rest]:
            return base
        wall = ((local.hour * 60 + local.minute) * 60 + local.second) * _US + local.microsecond
        i = bisect_right(self.starts, wall) - 1
        if i < 0:
            return base
        return base + self.cum_start[i] + min(wall - self.starts[i], self.lengths[i])

    def _slow_position(self, local: datetime, ordinal: int) -> int:
        instant = _epoch_us(local)
        following = ordinal + 1
        if self.is_working(following):
            day = self.real_day(following)
            if day.starts[0] < instant:
                return self.day_start(self.n_before(following), following) + day.position(
                    instant
                )
        index = self.n_before(ordinal)
        base = self.day_start(index, ordinal)
        if not self.is_working(ordinal):
            return base
        return base + self.real_day(ordinal).position(instant)

    def length_of(self, ordinal: int) -> int:
        """Business µs of working day ``ordinal``."""
        day = self.real_days.get(ordinal)
        return self.day_length if day is None else day.length

    def _fast_adder(self) -> Callable[[datetime, int], datetime | None]:
        """The fused deadline arithmetic of a calendar without clock changes in its span.

        The closure reads only its own local constants (the fastest variable access CPython
        has); it returns None when the start or the answer is outside the span, for the general
        path to raise the right error.
        """
        exceptions, exception_added, exception_n = (
            self.exceptions, self.exception_added, self.exception_n
        )
        count = len(exceptions)
        correction, correction_length = self.correction, self.correction_length
        week_length = self.week_length
        per_week, weekday_of_rank = self.per_week, self.weekday_of_rank
        starts, lengths = self.starts, self.lengths
        cum_start, cum_end = self.cum_start, self.cum_end
        length, low, high, origin = self.day_length, self.low, self.high, self.origin
        left, right, one_us = bisect_left, bisect_right, _ONE_US
        # Per weekday of the partial week: is it a weekly working day, and the business time of
        # the weekly working days before it in its week.
        weekdays = [(self.mask[rest], self.prefix_length[rest]) for rest in range(7)]

        def add(local: datetime, amount: int) -> datetime | None:
            ordinal = local.toordinal()
            if not low <= ordinal <= high:
                return None
            days = ordinal - 1
            weeks = days // 7
            working, before = weekdays[days - 7 * weeks]
            k = left(exceptions, ordinal)
            target = weeks * week_length + before + correction_length[k] + amount
            if k < count and exceptions[k] == ordinal:
                working = exception_added[k]
            if working:
                wall = (
                    local.hour * 3_600_000_000
                    + local.minute * 60_000_000
                    + local.second * 1_000_000
                    + local.microsecond
                )
                i = right(starts, wall) - 1
                if i >= 0:
                    into = wall - starts[i]
                    target += cum_start[i] + (into if into < lengths[i] else lengths[i])
            earliest = amount > 0
            index = (target - 1) // length if earliest else target // length
            k = right(exception_n, index)
            if k and exception_n[k - 1] == index and exception_added[k - 1]:
                ordinal = exceptions[k - 1]
            else:
                rank = index - correction[k]
                weeks = rank // per_week
                ordinal = 1 + 7 * weeks + weekday_of_rank[rank - weeks * per_week]
            if not low <= ordinal <= high:
                return None
            offset = target - index * length
            i = left(cum_end, offset) if earliest else right(cum_end, offset)
            # timedelta * int skips timedelta()'s argument parsing: the cheapest way to build it.
            return origin + one_us * ((ordinal - 1) * _DAY_US + starts[i] + offset - cum_start[i])

        return add

    def _fast_positioner(self) -> Callable[[datetime], int | None]:
        """The fused :meth:`position` of a calendar without clock changes in its span.

        Returns None for a day outside the span, for the general path to raise the right error.
        """
        exceptions, exception_added = self.exceptions, self.exception_added
        count = len(exceptions)
        correction_length, week_length = self.correction_length, self.week_length
        starts, lengths, cum_start = self.starts, self.lengths, self.cum_start
        low, high, left, right = self.low, self.high, bisect_left, bisect_right
        weekdays = [(self.mask[rest], self.prefix_length[rest]) for rest in range(7)]

        def position(local: datetime) -> int | None:
            ordinal = local.toordinal()
            if not low <= ordinal <= high:
                return None
            days = ordinal - 1
            weeks = days // 7
            working, before = weekdays[days - 7 * weeks]
            k = left(exceptions, ordinal)
            result: int = weeks * week_length + before + correction_length[k]
            if k < count and exceptions[k] == ordinal:
                working = exception_added[k]
            if working:
                wall = (
                    local.hour * 3_600_000_000
                    + local.minute * 60_000_000
                    + local.second * 1_000_000
                    + local.microsecond
                )
                i = right(starts, wall) - 1
                if i >= 0:
                    into = wall - starts[i]
                    result += cum_start[i] + (into if into < lengths[i] else lengths[i])
            return result

        return position

    def add(
        self, local: datetime, ordinal: int, amount: int, moment: datetime, duration: timedelta
    ) -> datetime:
        """``local`` (in the zone, on day ``ordinal``) plus ``amount`` business µs (non-zero).

        On a zone without clock changes this is the whole computation inlined: two bisects into
        the exceptional days, two into the working intervals, and closed-form week arithmetic.
        """
        covered_from, covered_to = self.covered
        if not (self.fast and covered_from <= ordinal <= covered_to):
            return self.instant_at(
                self.position(local) + amount,
                earliest=amount > 0,
                what=("add_business_time", (moment, duration)),
            )
        length = self.day_length
        exceptions = self.exceptions
        weeks, rest = divmod(ordinal - 1, 7)
        k = bisect_left(exceptions, ordinal)
        target = weeks * self.week_length + self.prefix_length[rest] + self.correction_length[k]
        target += amount
        if (
            self.exception_added[k]
            if k < len(exceptions) and exceptions[k] == ordinal
            else self.mask[rest]
        ):
            wall = ((local.hour * 60 + local.minute) * 60 + local.second) * _US + local.microsecond
            starts = self.starts
            i = bisect_right(starts, wall) - 1
            if i >= 0:
                target += self.cum_start[i] + min(wall - starts[i], self.lengths[i])
        earliest = amount > 0
        index = (target - 1) // length if earliest else target // length
        exception_n = self.exception_n
        k = bisect_right(exception_n, index)
        if k and exception_n[k - 1] == index and self.exception_added[k - 1]:
            ordinal = exceptions[k - 1]
        else:
            weeks, rank = divmod(index - self.correction[k], self.per_week)
            ordinal = 1 + 7 * weeks + self.weekday_of_rank[rank]
        if not (self.low <= ordinal <= self.high and covered_from <= ordinal <= covered_to):
            return self.instant_at(
                target, earliest=earliest, what=("add_business_time", (moment, duration))
            )
        offset = target - index * length
        cum_end = self.cum_end
        i = bisect_left(cum_end, offset) if earliest else bisect_right(cum_end, offset)
        # timedelta * int skips timedelta()'s argument parsing: the cheapest way to build it.
        return self.origin + _ONE_US * (
            (ordinal - 1) * _DAY_US + self.starts[i] + offset - self.cum_start[i]
        )

    def instant_at(self, target: int, *, earliest: bool, what: _What) -> datetime:
        """The instant at business position ``target``.

        The earliest such instant (a closing edge counts) or the latest (an opening edge).
        """
        length = self.day_length
        index = (target - 1) // length if earliest else target // length
        while True:
            ordinal = self.nth(index)
            if not self.low <= ordinal <= self.high:
                raise self.range_error(ordinal, what)
            if not self.covered[0] <= ordinal <= self.covered[1]:
                self.cover(ordinal)
            if not self.extra[0]:
                offset = target - index * length
                break
            # Days shortened or lengthened by a clock change shift the estimate by a few days.
            offset = target - self.day_start(index, ordinal)
            if (offset <= 0) if earliest else (offset < 0):
                index -= 1
            elif (offset > self.length_of(ordinal)) if earliest else (
                offset >= self.length_of(ordinal)
            ):
                index += 1
            else:
                break
        real = self.real_days.get(ordinal) if self.real_days else None
        if real is None:
            i = (
                bisect_left(self.cum_end, offset)
                if earliest
                else bisect_right(self.cum_end, offset)
            )
            wall = self.starts[i] + offset - self.cum_start[i]
            return self.origin + _ONE_US * ((ordinal - 1) * _DAY_US + wall)
        i = bisect_left(real.cum_end, offset) if earliest else bisect_right(real.cum_end, offset)
        i = min(i, len(real.starts) - 1)
        instant = real.starts[i] + offset - real.cum_start[i]
        return (_EPOCH + timedelta(microseconds=instant)).astimezone(self.zone)


def _iso(ordinal: int) -> str:
    if ordinal < 1:
        return "a day before 0001-01-01 (beyond the dates Python can represent)"
    if ordinal > _LAST_ORDINAL:
        return "a day after 9999-12-31 (beyond the dates Python can represent)"
    return date.fromordinal(ordinal).isoformat()


def _offset_changes(zone: ZoneInfo, year: int) -> list[int]:
    """Epoch µs of every UTC-offset change of ``zone`` around ``year`` (probe, then bisect)."""
    changes: list[int] = []
    if not 1 < year < 9999:  # no zone data out there, and no room to probe around it
        return changes
    start = datetime(year, 1, 1, tzinfo=_UTC) - timedelta(days=3)
    probes = [start + _WEEK * k for k in range(_PROBES_PER_YEAR)]
    offsets = [probe.astimezone(zone).utcoffset() for probe in probes]
    for k in range(len(probes) - 1):
        if offsets[k] == offsets[k + 1]:
            continue
        low, high = _epoch_us(probes[k]), _epoch_us(probes[k + 1])
        # Offsets change on whole seconds: bisect in seconds, exact and quick.
        low_s, high_s = low // _US, high // _US
        while low_s + 1 < high_s:
            middle = (low_s + high_s) // 2
            offset = (_EPOCH + timedelta(seconds=middle)).astimezone(zone).utcoffset()
            if offset == offsets[k]:
                low_s = middle
            else:
                high_s = middle
        changes.append(high_s * _US)
    return changes


# --- the value -------------------------------------------------------------------------------


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

    A computation that needs a day outside ``valid_from``..``valid_until`` raises
    :class:`~keyaccount.CalendarRangeError`. ``attrs.evolve`` keeps the span as it is; pass
    ``valid_from=None, valid_until=None`` to derive it again from the new holidays.

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

    timezone: str = attrs.field(converter=_zone_key)
    workdays: tuple[int, ...] = attrs.field(default=DEFAULT_WORKDAYS, converter=_workdays)
    working_hours: tuple[tuple[time, time], ...] = attrs.field(
        default=DEFAULT_WORKING_HOURS, converter=_working_hours
    )
    holidays: tuple[date, ...] = attrs.field(
        default=(), converter=_holidays
    )
    makeup_workdays: tuple[date, ...] = attrs.field(
        default=(), converter=_makeup_workdays
    )
    valid_from: date | None = attrs.field(
        default=None, converter=_valid_from
    )
    valid_until: date | None = attrs.field(
        default=None, converter=_valid_until
    )
    _tables: _Tables = attrs.field(init=False, eq=False, repr=False, hash=False)

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
        object.__setattr__(self, "_tables", _Tables(self))

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
        allowed = (
            "timezone", "workdays", "working_hours", "holidays", "makeup_workdays",
            "valid_from", "valid_until",
        )
        check_settings_keys(settings, allowed=allowed, policy="BusinessCalendar")
        if "timezone" not in settings:
            raise PolicyConfigError("BusinessCalendar settings need a 'timezone' key")
        arguments: dict[str, Any] = {"timezone": settings["timezone"]}
        if "workdays" in settings:
            arguments["workdays"] = [
                _setting_weekday(day) for day in _setting_list(settings, "workdays")
            ]
        if "working_hours" in settings:
            arguments["working_hours"] = [
                _setting_interval(interval, number)
                for number, interval in enumerate(_setting_list(settings, "working_hours"))
            ]
        for key in ("holidays", "makeup_workdays"):
            if key in settings:
                arguments[key] = [
                    _setting_date(day, key) for day in _setting_list(settings, key)
                ]
        for key in ("valid_from", "valid_until"):
            if settings.get(key) is not None:
                arguments[key] = _setting_date(settings[key], key)
        try:
            return cls(**arguments)
        except InvalidInput as error:
            raise PolicyConfigError(str(error)) from None

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
        what: _What = ("add_business_days", (day, n))
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
        what: _What = ("business_days_between", (start, end))
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
                moment.tzinfo is not _UTC and moment.utcoffset() is None
            ):
                require_aware(moment, field="moment")
            local = moment.astimezone(zone)
        if type(duration) is not timedelta:
            _duration_us(duration, field="duration")
        amount = (duration.days * 86_400 + duration.seconds) * _US + duration.microseconds
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
        return tables.add(local, ordinal, amount, moment, duration)

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
        local_start = start if start.tzinfo is zone else start.astimezone(zone)
        local_end = end if end.tzinfo is zone else end.astimezone(zone)
        fast_position = tables.fast_position
        if fast_position is not None:
            before_start = fast_position(local_start)
            before_end = fast_position(local_end)
            if before_start is not None and before_end is not None:
                return _ONE_US * (before_end - before_start)
        what: _What = ("business_time_between", (start, end))
        tables.check(local_start.toordinal(), what)
        tables.check(local_end.toordinal(), what)
        return _ONE_US * (tables.position(local_end) - tables.position(local_start))

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
        local = moment.astimezone(tables.zone)
        what: _What = ("next_working_instant", (moment,))
        tables.check(local.toordinal(), what)
        result = tables.instant_at(tables.position(local), earliest=False, what=what)
        # Same-zone == compares wall clocks; the fold tells the two readings of a repeated hour.
        return local if result == local and result.fold == local.fold else result


# --- settings parsing (from_mapping) -----------------------------------------------------------


def _setting_list(settings: Mapping[str, object], key: str) -> list[object]:
    value = settings[key]
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise PolicyConfigError(f"BusinessCalendar setting {key!r} must be a list, got {value!r}")
    return list(value)


def _setting_weekday(value: object) -> int:
    if isinstance(value, str):
        number = _WEEKDAY_NAMES.get(value.strip().lower())
        if number is None:
            raise PolicyConfigError(
                f"BusinessCalendar setting 'workdays' has unknown weekday {value!r}; expected "
                f"0 (Monday) to 6 (Sunday) or a name such as 'mon'"
            )
        return number
    if isinstance(value, bool) or not isinstance(value, int):
        raise PolicyConfigError(
            f"BusinessCalendar setting 'workdays' must hold weekday numbers or names, "
            f"got {value!r}"
        )
    return value


def _setting_time(value: object, *, where: str) -> time:
    if isinstance(value, time):
        return value
    if isinstance(value, str):
        text = value.strip()
        if text in ("24:00", "24:00:00"):
            return _MIDNIGHT
        try:
            return time.fromisoformat(text)
        except ValueError:
            pass
    raise PolicyConfigError(
        f"BusinessCalendar setting {where} must be a time such as '09:00', got {value!r}"
    )


def _setting_interval(value: object, number: int) -> tuple[time, time]:
    where = f"'working_hours'[{number}]"
    if isinstance(value, str):
        parts = value.split("-")
        if len(parts) != 2:
            raise PolicyConfigError(
                f"BusinessCalendar setting {where} must look like '09:00-12:00', got {value!r}"
            )
    elif isinstance(value, (list, tuple)) and len(value) == 2:
        parts = list(value)
    else:
        raise PolicyConfigError(
            f"BusinessCalendar setting {where} must be a [start, end] pair or 'HH:MM-HH:MM', "
            f"got {value!r}"
        )
    return (_setting_time(parts[0], where=where), _setting_time(parts[1], where=where))


def _setting_date(value: object, key: str) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise PolicyConfigError(
        f"BusinessCalendar setting {key!r} must hold ISO dates such as '2025-10-01', "
        f"got {value!r}"
    )
