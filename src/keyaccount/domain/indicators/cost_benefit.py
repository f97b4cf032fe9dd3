"""Relationship-spending cost-benefit ratio (费用的支出与收益比率, seed 002 §工作目标, yearly)."""

from __future__ import annotations

from collections.abc import Iterable
from operator import attrgetter
from typing import Any

from keyaccount.domain.calendar import Period
from keyaccount.domain.indicators._engine import _breakdown, _dims_of, _pair_sums
from keyaccount.domain.indicators.records import SpendingFact
from keyaccount.domain.indicators.values import Breakdown, Indicator, IndicatorValue, _ratio

__all__ = ["relationship_cost_benefit"]

_booked_on = attrgetter("booked_on")
_spent_and_earned = attrgetter("spending", "benefit")


def relationship_cost_benefit(
    spending: Iterable[SpendingFact], period: Period
) -> Breakdown[IndicatorValue]:
    """Relationship-spending cost-benefit ratio (费用的支出与收益比率, seed 002, yearly).

    ``spending / benefit`` over the records booked inside ``period`` (use
    :meth:`Period.year`: the seed reviews it every year). Lower is better; not applicable
    when no benefit was credited. It normalises to ``benefit / (spending + benefit)``,
    i.e. ``1 / (1 + ratio)``: 1 when the return cost nothing, 1/2 at break-even.
    One pass, O(records).

    Args:
        spending: the spending records; those booked outside the period are ignored.
        period: the period reviewed (the seed: a year).

    Returns:
        The ratio (numerator = spending, denominator = benefit) per group.

    >>> from datetime import date
    >>> from decimal import Decimal
    >>> from keyaccount import SpendingFact
    >>> ratio = relationship_cost_benefit(
    ...     [SpendingFact("ACME", "A", "Wang", "KA", booked_on=date(2025, 6, 1),
    ...                   spending=Decimal("20000"), benefit=Decimal("100000"))],
    ...     Period.year(2025))
    >>> str(ratio.portfolio)
    'relationship_cost_benefit 2025: 20000/100000 = 0.2000'
    >>> ratio.portfolio.normalised
    Fraction(5, 6)
    """
    cells = _pair_sums(spending, period, day=_booked_on, key=_dims_of, pair=_spent_and_earned,
                       kind=SpendingFact, field="spending")

    def make(counters: list[Any]) -> IndicatorValue:
        cost, benefit = counters
        normalised = _ratio(benefit, cost + benefit) if benefit else None
        return IndicatorValue._trusted(
            Indicator.RELATIONSHIP_COST_BENEFIT, period, cost, benefit, normalised
        )

    return _breakdown(Indicator.RELATIONSHIP_COST_BENEFIT, period, cells, 2, make)
