"""Retention (保有率), churn (流失率) and high-value churn (seed 002 §客户分析指标)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from fractions import Fraction
from typing import Any

import attrs

from keyaccount._errors import InvalidInput
from keyaccount._validation import instance_of, to_items
from keyaccount.domain.calendar import Period
from keyaccount.domain.grading import AMOUNT_TIERS, SCORE_TIERS
from keyaccount.domain.indicators._engine import (
    _assemble,
    _breakdown,
    _Cells,
    _dims_of,
    _period,
    _rate_maker,
    _records,
    _refuse,
    _roll_up,
)
from keyaccount.domain.indicators.records import RetentionFact
from keyaccount.domain.indicators.values import Breakdown, Indicator, IndicatorValue

__all__ = ["HIGH_VALUE_TIER_CODES", "RetentionReport", "retention_and_churn"]

# seed 002 §客户流失率: 重点关注高价值客户的流失率. High value = the top two tiers of each
# seed grading (A and B of seed 002, strategic and partner of seed 004), i.e. rank <= 2.
HIGH_VALUE_TIER_CODES: frozenset[str] = frozenset(
    tier.code for tier in (*SCORE_TIERS, *AMOUNT_TIERS) if tier.rank <= 2
)


@attrs.frozen
class RetentionReport:
    """Retention and churn of one pass over the roster.

    Attributes:
        retention: retention rate (保有率) = retained / on the roster at the start.
        churn: churn rate (流失率) = lost / on the roster at the start; retention + churn = 1
            for every group. It normalises to ``1 - churn`` (lower churn scores higher).
        high_value_churn: churn counted over the high-value tiers only (seed 002:
            重点关注高价值客户的流失率), grouped the same way.
    """

    retention: Breakdown[IndicatorValue] = attrs.field(validator=instance_of(Breakdown))
    churn: Breakdown[IndicatorValue] = attrs.field(validator=instance_of(Breakdown))
    high_value_churn: Breakdown[IndicatorValue] = attrs.field(validator=instance_of(Breakdown))


def _churn_maker(indicator: Indicator, period: Period) -> Callable[[list[Any]], IndicatorValue]:
    def make(counters: list[Any]) -> IndicatorValue:
        retained, base = counters
        normalised = Fraction(retained, base) if base else None
        return IndicatorValue._trusted(indicator, period, base - retained, base, normalised)

    return make


def retention_and_churn(
    roster: Iterable[RetentionFact],
    period: Period,
    *,
    high_value_tiers: Collection[str] = HIGH_VALUE_TIER_CODES,
) -> RetentionReport:
    """Retention rate (保有率), churn rate (流失率) and high-value churn (seed 002 §客户分析指标).

    Args:
        roster: one record per account on the roster at the start of ``period``.
        period: the period the accounts were followed through.
        high_value_tiers: tier codes whose churn is also reported separately; by default the
            top two tiers of each seed grading (A, B, STRATEGIC, PARTNER: rank <= 2).

    Returns:
        Retention, churn (numerator = lost accounts) and high-value churn, per group.

    Raises:
        InvalidInput: an account appears twice on the roster, or ``high_value_tiers`` is
            not a collection of codes (a lone string is refused).

    >>> report = retention_and_churn(
    ...     [RetentionFact("ACME", "A", "Wang", "KA", retained=False),
    ...      RetentionFact("BOLT", "C", "Wang", "KA", retained=True)], Period.half_year(2025, 1))
    >>> [str(rate.portfolio) for rate in (report.retention, report.churn, report.high_value_churn)]
    ['retention 2025-H1: 1/2 = 0.5000',
     'churn 2025-H1: 1/2 = 0.5000',
     'high_value_churn 2025-H1: 1/1 = 1.0000']
    """
    # frozenset("AB") would silently mean tiers "A" and "B"
    codes = to_items(high_value_tiers, field="high_value_tiers", expected="tier codes")
    for code in codes:
        if type(code) is not str or not code.strip():
            raise InvalidInput(f"high_value_tiers must hold tier codes, got {code!r}")
    high_value = frozenset(codes)
    roster = _records(roster, RetentionFact, "roster")
    _period(period)
    cells: _Cells = {}
    high_cells: _Cells = {}
    seen: set[str] = set()
    try:
        for fact in roster:
            if fact.account_id in seen:
                raise InvalidInput(
                    f"RetentionFact: account {fact.account_id!r} is on the roster twice"
                )
            seen.add(fact.account_id)
            # the dimensions start with the account, which is on the roster once: every
            # record has a cell of its own (retained, on the roster)
            dims = _dims_of(fact)
            kept = 1 if fact.retained else 0
            cells[dims] = [kept, 1]
            if fact.tier in high_value:
                high_cells[dims] = [kept, 1]
    except (AttributeError, TypeError) as error:
        _refuse(roster, RetentionFact, "roster", error)
    rolled = _roll_up(cells, 2)
    return RetentionReport(
        _assemble(Indicator.RETENTION, period, rolled, _rate_maker(Indicator.RETENTION, period)),
        _assemble(Indicator.CHURN, period, rolled, _churn_maker(Indicator.CHURN, period)),
        _breakdown(
            Indicator.HIGH_VALUE_CHURN, period, high_cells, 2,
            _churn_maker(Indicator.HIGH_VALUE_CHURN, period),
        ),
    )
