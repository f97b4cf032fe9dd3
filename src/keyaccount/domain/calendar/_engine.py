"""The engine behind :class:`BusinessCalendar`: its span, and days touched by clock changes.

:class:`CalendarTables` extends the plain week arithmetic of :mod:`._week` with what a real
zone and real holiday data add: the span the data covers (a day outside it raises
:class:`~keyaccount.CalendarRangeError`), and the days near a change of UTC offset, found once
(by probing the zone week by week over the span's years, lazily for an unbounded calendar),
measured as real instants and counted the slow way. Over a run of days without such changes
it hands out the fused deadline closure of :meth:`WorkingWeek.fused_adder`.
"""

from __future__ import annotations

import threading
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from keyaccount._errors import CalendarRangeError
from keyaccount._validation import FIRST_YEAR, LAST_YEAR
from keyaccount.domain.calendar._units import (
    DAY_US,
    EPOCH,
    FIRST_DAY,
    LAST_DAY,
    LAST_ORDINAL,
    ONE_US,
    epoch_us,
    iso,
)
from keyaccount.domain.calendar._week import WorkingWeek
from keyaccount.domain.calendar._zone import RealDay, days_touched, offset_changes, real_day

# A computation and its arguments, formatted into the message only when it fails.
What = tuple[str, tuple[object, ...]]

# Extending a calendar's DST data is rare (once per new year range of an unbounded calendar);
# one lock for all calendars keeps it simple and the frozen value picklable.
_COVER_LOCK = threading.Lock()


class CalendarTables(WorkingWeek):
    """Everything the arithmetic needs, precomputed once per calendar (and per year of DST data).

    Positions (business µs) are measured on one axis per calendar: ``N(day) * day_length`` plus
    the difference the irregular days before it make (days a clock change lengthens or
    shortens), plus the business time of the day before the instant.
    """

    __slots__ = (
        "anchor",
        "covered",
        "extra",
        "fast",
        "fast_add",
        "fast_span",
        "first",
        "high",
        "last",
        "low",
        "origin",
        "probed_years",
        "real_days",
        "slow_days",
        "transitions",
        "zone",
    )

    def __init__(
        self,
        *,
        timezone: str,
        workdays: Iterable[int],
        working_hours: Iterable[tuple[time, time]],
        holidays: Iterable[date],
        makeup_workdays: Iterable[date],
        valid_from: date | None,
        valid_until: date | None,
    ) -> None:
        super().__init__(workdays, working_hours, holidays, makeup_workdays)
        self.zone = ZoneInfo(timezone)
        self.first = None if valid_from is None else valid_from.toordinal()
        self.last = None if valid_until is None else valid_until.toordinal()
        # The days computed with: the span, within the years keyaccount computes with.
        self.low = FIRST_DAY if self.first is None else max(self.first, FIRST_DAY)
        self.high = LAST_DAY if self.last is None else min(self.last, LAST_DAY)
        # Aware + timedelta is wall-clock arithmetic in the zone: the cheapest way to build a
        # result on a day without a clock change.
        self.origin = datetime(1, 1, 1, tzinfo=self.zone)

        # DST data: the days near a UTC-offset change (slow days), the working ones among them
        # as real intervals, and prefix sums of how much longer or shorter they are than a plain
        # day. Filled for the span now, and lazily (a year at a time) for unbounded calendars.
        self.probed_years: tuple[int, int] | None = None
        self.covered = (1, 0)  # empty ordinal range
        self.slow_days: frozenset[int] = frozenset()
        self.real_days: dict[int, RealDay] = {}
        # extra: (the working days whose real length differs from day_length because the clock
        # changes inside working hours, prefix sums of the differences, the sum before the
        # anchor), replaced as one value so that a reader never sees half an update.
        self.extra: tuple[list[int], list[int], int] = ([], [0], 0)
        self.anchor: int | None = None
        self.transitions: set[int] = set()
        self.fast = True
        # The fused path: the days (inside the span and the covered years, none touched by a
        # clock change: the common case, Asia/Shanghai) on which a deadline is one closure call.
        self.fast_span: tuple[int, int] | None = None
        self.fast_add: Callable[[datetime, int], datetime | None] | None = None
        if self.first is not None and self.last is not None:
            self.cover(self.first)
            self.cover(self.last)

    # -- the span -----------------------------------------------------------------------------

    def check(self, ordinal: int, what: What) -> None:
        """Raise CalendarRangeError if ``ordinal`` is outside the span."""
        if not self.low <= ordinal <= self.high:
            raise self.range_error(ordinal, what)

    def range_error(self, ordinal: int, what: What) -> CalendarRangeError:
        """The error for a computation ``what`` that needs day ``ordinal``, outside the span."""
        needed = self.first - 1 if self.first is not None and ordinal < self.first else ordinal
        if self.last is not None and ordinal > self.last:
            needed = self.last + 1
        name, arguments = what
        shown = ", ".join(
            argument.isoformat() if isinstance(argument, (date, datetime)) else str(argument)
            for argument in arguments
        )
        if not FIRST_DAY <= needed <= LAST_DAY:
            return CalendarRangeError(
                f"{name}({shown}) needs {iso(ordinal)}, outside the years {FIRST_YEAR}-"
                f"{LAST_YEAR} keyaccount computes with"
            )
        return CalendarRangeError(
            f"{name}({shown}) needs {iso(needed)}, outside the span this calendar's holiday "
            f"data covers ({self.span_text()}); hand in the holidays and make-up workdays of "
            f"that year"
        )

    def span_text(self) -> str:
        """The span in words."""
        first = "the beginning" if self.first is None else iso(self.first)
        last = "unbounded" if self.last is None else iso(self.last)
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
            high = date.fromordinal(min(LAST_ORDINAL, ordinal + 14)).year
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
            self.transitions.update(offset_changes(self.zone, year))
        self.probed_years = (low, high)
        first_covered = date(low, 1, 1).toordinal() + 7 if low > 1 else 1
        last_covered = date(high, 12, 31).toordinal() - 7 if high < 9999 else LAST_ORDINAL
        if self.anchor is None:
            self.anchor = first_covered
        self._rebuild()
        self.covered = (first_covered, last_covered)
        self._fuse()

    def _rebuild(self) -> None:
        slow: set[int] = set()
        for change_us in self.transitions:
            slow.update(days_touched(self.zone, change_us))
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
        # fused fast path.
        self.fast = not slow

    def _fuse(self) -> None:
        """Hand out the fused closure for the covered days of the span, if none is slow."""
        low, high = max(self.low, self.covered[0]), min(self.high, self.covered[1])
        if self.fast and low <= high:
            # One value each, assigned whole: a reader sees the old closure or the new one.
            self.fast_add = self.fused_adder(low, high, self.origin)
            self.fast_span = (low, high)
        else:
            self.fast_add = None
            self.fast_span = None

    def extra_before(self, ordinal: int) -> int:
        """How much longer (µs) the irregular working days before ``ordinal`` are in total.

        Measured from the anchor day, so only differences of it mean anything.
        """
        irregular, sums, anchor_sum = self.extra
        if not irregular:
            return 0
        return sums[bisect_left(irregular, ordinal)] - anchor_sum

    def _real_day(self, ordinal: int) -> RealDay:
        return real_day(self.zone, ordinal, self.starts, self.ends)

    def real_day(self, ordinal: int) -> RealDay:
        """The real intervals of a working day (cached for days near offset changes)."""
        day = self.real_days.get(ordinal)
        return day if day is not None else self._real_day(ordinal)

    def length_of(self, ordinal: int) -> int:
        """Business µs of working day ``ordinal``."""
        day = self.real_days.get(ordinal)
        return self.day_length if day is None else day.length

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
        if self.extra[0]:
            return self.plain_position(local, ordinal) + self.extra_before(ordinal)
        return self.plain_position(local, ordinal)

    def _slow_position(self, local: datetime, ordinal: int) -> int:
        instant = epoch_us(local)
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

    def add(self, local: datetime, amount: int, what: What) -> datetime:
        """``local`` (in the zone) plus ``amount`` business µs (non-zero), the general way."""
        return self.instant_at(self.position(local) + amount, earliest=amount > 0, what=what)

    def instant_at(self, target: int, *, earliest: bool, what: What) -> datetime:
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
            return self.origin + ONE_US * ((ordinal - 1) * DAY_US + wall)
        i = bisect_left(real.cum_end, offset) if earliest else bisect_right(real.cum_end, offset)
        i = min(i, len(real.starts) - 1)
        instant = real.starts[i] + offset - real.cum_start[i]
        return (EPOCH + timedelta(microseconds=instant)).astimezone(self.zone)

