"""The business-time axis on days without clock changes, and the position arithmetic.

Closed-form week arithmetic plus :mod:`bisect` over the sorted exceptional days (holidays and
make-up days).

Day numbers are proleptic ordinals (``date.toordinal()``); ordinal 1 is a Monday, so the
weekday of ``x`` is ``(x - 1) % 7``. ``N(x)`` is the number of working days before ``x`` (from
ordinal 1): whole weeks times the weekly count, plus the days of the partial week, plus a
correction read from the sorted exceptional days with one bisect. The business *position* of
an instant is ``N(day) * day_length`` plus the business time of its day before it; a deadline
is a position plus a duration, turned back into a day and a wall-clock time.

This module is the one home of that position arithmetic. Deadlines have a budget (100,000 in
well under a second, a few microseconds each, ``benchmarks/bench_calendar.py``), so it is
written as closures over local constants, the fastest variable access CPython has: the
engine's general path (DST, unbounded spans) and the fused deadline path call the same
``position`` closure.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from datetime import date, datetime, time

from keyaccount.domain.calendar._units import DAY_US, ONE_US, wall_us


class WorkingWeek:
    """The working days and hours of a calendar, precomputed for the arithmetic.

    It knows nothing of time zones: the wall clock of a day is taken at face value. The engine
    (:mod:`keyaccount.domain.calendar._engine`) adds the span and the days a clock change
    touches.
    """

    __slots__ = (
        "added",
        "correction",
        "correction_length",
        "cum_end",
        "cum_start",
        "day_length",
        "ends",
        "exception_added",
        "exception_n",
        "exceptions",
        "lengths",
        "mask",
        "per_week",
        "plain_position",
        "prefix",
        "prefix_length",
        "removed",
        "starts",
        "week_length",
        "weekday_of_rank",
    )

    def __init__(
        self,
        workdays: Iterable[int],
        working_hours: Iterable[tuple[time, time]],
        holidays: Iterable[date],
        makeup_workdays: Iterable[date],
    ) -> None:
        weekly = set(workdays)
        self.mask = tuple(weekday in weekly for weekday in range(7))
        self.per_week = len(weekly)
        self.weekday_of_rank = tuple(sorted(weekly))
        self.prefix = tuple(sum(self.mask[:r]) for r in range(8))

        hours = list(working_hours)
        starts = [wall_us(start) for start, _ in hours]
        ends = [wall_us(end) or DAY_US for _, end in hours]
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
        self.removed = frozenset(day.toordinal() for day in holidays if self.mask[day.weekday()])
        self.added = frozenset(
            day.toordinal() for day in makeup_workdays if not self.mask[day.weekday()]
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
        self.plain_position: Callable[[datetime, int], int] = self._positioner()

    # -- working days ---------------------------------------------------------------------------

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

    # -- positions on the business-time axis ----------------------------------------------------

    def _positioner(self) -> Callable[[datetime, int], int]:
        """``plain_position(local, ordinal)``: business µs before ``local``, on day ``ordinal``.

        ``local`` is read by its wall clock, as on a day without a clock change.
        """
        exceptions, exception_added = self.exceptions, self.exception_added
        count = len(exceptions)
        correction_length, week_length = self.correction_length, self.week_length
        starts, lengths, cum_start = self.starts, self.lengths, self.cum_start
        left, right = bisect_left, bisect_right
        # Per weekday of the partial week: is it a weekly working day, and the business time of
        # the weekly working days before it in its week.
        weekdays = [(self.mask[rest], self.prefix_length[rest]) for rest in range(7)]

        def position(local: datetime, ordinal: int) -> int:
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

    def fused_adder(
        self, low: int, high: int, origin: datetime
    ) -> Callable[[datetime, int], datetime | None]:
        """The whole deadline arithmetic for days ``low``..``high``, none with a clock change.

        ``add(local, amount)`` is ``local`` (an aware datetime in the zone of ``origin``, the
        zone's 0001-01-01 midnight) plus ``amount`` business µs, non-zero. It returns None when
        the start or the answer is outside ``low``..``high``, for the general path to take over
        (and raise the right error).
        """
        position = self.plain_position
        exceptions, exception_added, exception_n = (
            self.exceptions, self.exception_added, self.exception_n
        )
        correction, per_week, weekday_of_rank = self.correction, self.per_week, self.weekday_of_rank
        starts, cum_start, cum_end = self.starts, self.cum_start, self.cum_end
        length = self.day_length
        left, right, one_us = bisect_left, bisect_right, ONE_US

        def add(local: datetime, amount: int) -> datetime | None:
            ordinal = local.toordinal()
            if not low <= ordinal <= high:
                return None
            target = position(local, ordinal) + amount
            # The landing: the inverse of the position, as WorkingWeek.nth and the plain branch
            # of the engine's instant_at, inlined here because it runs once per deadline.
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
            return origin + one_us * ((ordinal - 1) * DAY_US + starts[i] + offset - cum_start[i])

        return add
