"""Receivables collection rate (销售回款率, seed 003 大客户经理职责)."""

from __future__ import annotations

from collections.abc import Iterable
from operator import attrgetter

from keyaccount.domain.calendar import Period
from keyaccount.domain.indicators._engine import _breakdown, _dims_of, _pair_sums, _rate_maker
from keyaccount.domain.indicators.records import ReceivableFact
from keyaccount.domain.indicators.values import Breakdown, Indicator, IndicatorValue

__all__ = ["receivables_collection"]

_due_on = attrgetter("due_on")
_collected_and_due = attrgetter("amount_collected", "amount_due")


def receivables_collection(
    receivables: Iterable[ReceivableFact], period: Period
) -> Breakdown[IndicatorValue]:
    """Receivables collection rate (销售回款率, seed 003 大客户经理职责).

    ``collected / due`` over the receivables falling due inside ``period``. Not applicable
    when nothing fell due. One pass, O(receivables).

    Args:
        receivables: the receivables; those due outside the period are ignored.
        period: the period the receivables fell due in.

    Returns:
        The rate (numerator = collected, denominator = due, both ``Decimal``) per group.

    >>> from datetime import date
    >>> from decimal import Decimal
    >>> from keyaccount import Dimension
    >>> rate = receivables_collection(
    ...     [ReceivableFact("ACME", "A", "Wang", "KA", due_on=date(2025, 4, 30),
    ...                     amount_due=Decimal("1000.00"), amount_collected=Decimal("900.00"))],
    ...     Period.half_year(2025, 1))
    >>> str(rate.of(Dimension.ACCOUNT_MANAGER, "Wang"))
    'receivables_collection 2025-H1: 900.00/1000.00 = 0.9000'
    """
    cells = _pair_sums(
        receivables, period, day=_due_on, key=_dims_of, pair=_collected_and_due,
        kind=ReceivableFact, field="receivables",
    )
    return _breakdown(
        Indicator.RECEIVABLES_COLLECTION, period, cells, 2,
        _rate_maker(Indicator.RECEIVABLES_COLLECTION, period),
    )
