"""Prospect conversion rate (潜在客户转化, seed 002 §客户分析指标; seed 003 开发选择)."""

from __future__ import annotations

from collections.abc import Iterable
from operator import attrgetter

from keyaccount.domain.calendar import Period
from keyaccount.domain.indicators._engine import _breakdown, _pair_sums, _period, _rate_maker
from keyaccount.domain.indicators.records import ProspectFact
from keyaccount.domain.indicators.values import Breakdown, Indicator, IndicatorValue

__all__ = ["prospect_conversion"]

_entered_on = attrgetter("entered_on")
_prospect_dims_of = attrgetter("prospect_id", "tier", "account_manager", "department")


def prospect_conversion(
    prospects: Iterable[ProspectFact], period: Period
) -> Breakdown[IndicatorValue]:
    """Prospect conversion rate (潜在客户转化, seed 002 §客户分析指标; seed 003 开发选择).

    ``converted before the period ended / entered the list inside the period``. The account
    dimension is the prospect's id; untiered prospects group under the tier key ``None``.
    One pass, O(prospects).

    Args:
        prospects: the prospects; those that entered the list outside the period are ignored.
        period: the period the prospects entered the list in.

    Returns:
        The rate per group.

    >>> from datetime import date
    >>> from keyaccount import Dimension
    >>> conversion = prospect_conversion(
    ...     [ProspectFact("P1", None, "Wang", "KA", entered_on=date(2025, 1, 5),
    ...                   converted_on=date(2025, 4, 1)),
    ...      ProspectFact("P2", None, "Wang", "KA", entered_on=date(2025, 2, 5))],
    ...     Period.half_year(2025, 1))
    >>> str(conversion.of(Dimension.TIER, None))
    'prospect_conversion 2025-H1: 1/2 = 0.5000'
    """
    end = _period(period).end

    def converted_of_one(prospect: ProspectFact) -> tuple[int, int]:
        converted_on = prospect.converted_on
        return (1 if converted_on is not None and converted_on < end else 0, 1)

    cells = _pair_sums(
        prospects, period, day=_entered_on, key=_prospect_dims_of, pair=converted_of_one,
        kind=ProspectFact, field="prospects",
    )
    return _breakdown(
        Indicator.PROSPECT_CONVERSION, period, cells, 2,
        _rate_maker(Indicator.PROSPECT_CONVERSION, period),
    )
