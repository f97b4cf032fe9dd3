"""Business cooperation growth (业务合作增长率, seed 001 §七(二)2 and §六(一)2).

Period over period, and after versus before the first visit of the period; both normalise
to ``current / (before + current)``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta
from decimal import localcontext
from typing import Any

from dateutil.relativedelta import relativedelta

from keyaccount._errors import InvalidInput
from keyaccount._validation import DURATION_DAYS_LIMIT, DURATION_MONTHS_LIMIT
from keyaccount.domain.calendar import Period
from keyaccount.domain.indicators._engine import _breakdown, _Cells, _dims_of
from keyaccount.domain.indicators._lazy import _EXACT
from keyaccount.domain.indicators.records import VisitFact, VolumeFact
from keyaccount.domain.indicators.values import Breakdown, Indicator, IndicatorValue, _ratio
from keyaccount.domain.indicators.visits import _visit_pass

__all__ = ["cooperation_growth", "cooperation_growth_after_visits"]

# Our default, not a seed figure: growth "after a visit" compares the three months after the
# account's first visit of the period with the three months before it (seed 001 §六(一)2
# 对比走访前后的业务合作量 names no window; a quarter spans at least one visit interval of
# every tier but D).
DEFAULT_VISIT_WINDOW = relativedelta(months=3)


def _growth_maker(indicator: Indicator, period: Period) -> Callable[[list[Any]], IndicatorValue]:
    def make(counters: list[Any]) -> IndicatorValue:
        before, after = counters
        normalised = _ratio(after, before + after) if before else None
        return IndicatorValue._trusted(indicator, period, after - before, before, normalised)

    return make


def cooperation_growth(volumes: Iterable[VolumeFact], period: Period) -> Breakdown[IndicatorValue]:
    """Business cooperation growth rate, period over period (业务合作增长率, seed 001 §七(二)2).

    ``(volume in period - volume in the previous period) / volume in the previous period``,
    where the previous period is :meth:`Period.previous` (same calendar length). Not
    applicable when the previous period had no volume. It normalises to
    ``current / (previous + current)``: 1/2 for no growth, towards 1 for strong growth, 0
    when the business stopped; monotonic, no clamping. One pass, O(volumes).

    Args:
        volumes: business booked; only the period and the one before it are read.
        period: the period compared with :meth:`Period.previous`.

    Returns:
        The growth (numerator = current - previous, denominator = previous) per group.

    >>> growth = cooperation_growth(
    ...     [VolumeFact("ACME", "A", "Wang", "KA", booked_on=day, amount=amount)
    ...      for day, amount in ((date(2024, 9, 1), 100), (date(2025, 3, 1), 150))],
    ...     Period.half_year(2025, 1))
    >>> str(growth.portfolio)
    'cooperation_growth 2025-H1: 50/100 = 0.5000'
    >>> growth.portfolio.normalised
    Fraction(3, 5)
    """
    previous = period.previous()
    before_start, start, end = previous.start, period.start, period.end
    cells: _Cells = {}
    cell_of = cells.get
    with localcontext(_EXACT):
        for volume in volumes:
            booked_on = volume.booked_on
            if before_start <= booked_on < end:
                dims = _dims_of(volume)
                cell = cell_of(dims)
                if cell is None:
                    cell = cells[dims] = [0, 0]
                cell[booked_on >= start] += volume.amount
        return _breakdown(
            Indicator.COOPERATION_GROWTH, period, cells, 2,
            _growth_maker(Indicator.COOPERATION_GROWTH, period),
        )


def cooperation_growth_after_visits(
    visits: Iterable[VisitFact],
    volumes: Iterable[VolumeFact],
    period: Period,
    *,
    window: relativedelta = DEFAULT_VISIT_WINDOW,
) -> Breakdown[IndicatorValue]:
    """Business cooperation growth after versus before a visit (seed 001 §六(一)2).

    For every account visited inside ``period``, its *pivot* is the day of its first visit
    recorded in the period; ``before`` is its volume in ``[pivot - window, pivot)`` and
    ``after`` in ``[pivot, pivot + window)``. Growth = ``(after - before) / before`` summed
    over the group's visited accounts; accounts not visited in the period are left out. The
    window (default three months, our default) may reach past the period's end. Not
    applicable when the group had no volume before its visits. Normalises like
    :func:`cooperation_growth`. O(visits + volumes).

    Args:
        visits: the visits; those done inside the period set the pivots.
        volumes: business booked around the pivots.
        period: the period whose visits are judged.
        window: how far before and after the pivot the volumes are compared: years, months
            or days reaching forward, at most 10 years.

    Returns:
        The growth (numerator = after - before, denominator = before) per group.

    >>> growth = cooperation_growth_after_visits(
    ...     [VisitFact("ACME", "A", "Wang", "KA", planned_on=date(2025, 3, 3),
    ...                done_on=date(2025, 3, 3))],
    ...     [VolumeFact("ACME", "A", "Wang", "KA", booked_on=day, amount=amount)
    ...      for day, amount in ((date(2025, 2, 1), 100), (date(2025, 4, 1), 130))],
    ...     Period.half_year(2025, 1))
    >>> str(growth.portfolio)
    'cooperation_growth_after_visits 2025-H1: 30/100 = 0.3000'
    """
    pivots: dict[str, date] = {}
    # The completion counters come along for free; one place decides what a pivot is.
    _visit_pass(visits, period, pivots)
    return _growth_after(pivots, volumes, period, window)


def _check_window(window: object) -> None:
    # A window that does not reach forward would compare empty or swapped spans silently; one
    # of hours or an absolute field (year=, weekday=) is not a span of days; one longer than
    # 10 years (the domain's bounds, SPEC §11) would make dateutil overflow on huge values.
    day = date(2000, 1, 1)
    if (
        not isinstance(window, relativedelta)
        or window != relativedelta(years=window.years, months=window.months, days=window.days)
        or abs(window.years * 12 + window.months) > DURATION_MONTHS_LIMIT
        or abs(window.days) > DURATION_DAYS_LIMIT
        or not timedelta(0) < (day + window) - day <= _LONGEST_WINDOW
    ):
        raise InvalidInput(
            f"the visit window must be a relativedelta of years, months or days reaching "
            f"forward at most 10 years ({DURATION_DAYS_LIMIT} days), e.g. "
            f"relativedelta(months=3), got {window!r}"
        )


_LONGEST_WINDOW = timedelta(days=DURATION_DAYS_LIMIT)


def _growth_after(
    pivots: dict[str, date], volumes: Iterable[VolumeFact], period: Period, window: relativedelta
) -> Breakdown[IndicatorValue]:
    _check_window(window)
    # Accounts share pivot days (at most one per day of the period): shift each day once.
    bounds_of: dict[date, tuple[date, date, date]] = {}
    for pivot in set(pivots.values()):
        bounds_of[pivot] = (pivot - window, pivot, pivot + window)
    windows = {account_id: bounds_of[pivot] for account_id, pivot in pivots.items()}
    cells: _Cells = {}
    cell_of = cells.get
    window_of = windows.get
    with localcontext(_EXACT):
        for volume in volumes:
            bounds = window_of(volume.account_id)
            if bounds is None:
                continue
            booked_on = volume.booked_on
            if bounds[0] <= booked_on < bounds[2]:
                dims = _dims_of(volume)
                cell = cell_of(dims)
                if cell is None:
                    cell = cells[dims] = [0, 0]
                cell[booked_on >= bounds[1]] += volume.amount
        return _breakdown(
            Indicator.COOPERATION_GROWTH_AFTER_VISITS, period, cells, 2,
            _growth_maker(Indicator.COOPERATION_GROWTH_AFTER_VISITS, period),
        )
