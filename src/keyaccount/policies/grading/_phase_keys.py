"""The exact score keys of a partition from merged statistics (private; issue 17).

:meth:`~keyaccount.policies.GradingPhases.keys` computes here the integers the exact engine
(``_engine``) computes on a whole portfolio: under percentiles ``sum(integer weight *
(lower + upper))``, ``lower`` and ``upper`` read from the merged value counts instead of a
sort of the whole column; under min-max ``sum(offset * integer weight * (spans / span))``
over the merged ranges. Vectorised in int64 when numpy read the columns and the largest key
fits, else exact Python ints.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from itertools import accumulate
from operator import add
from typing import Any

from keyaccount._errors import InvalidInput
from keyaccount.policies.grading import _columnar, _tables
from keyaccount.policies.grading.phase_values import GradingStatistics, ValueCounts, ValueRange

_INT64_LIMIT = 2**63
#: Up to this many distinct values (purchase counts, say) a table stays in cache: no sort.
_SMALL_TABLE = 1 << 16


def percentile_keys(
    weighted: Sequence[tuple[str, int]], denominator: int, statistics: GradingStatistics,
    columns: dict[str, Any], size: int,
) -> Sequence[int]:
    """Percentile keys: ``sum(weight * (lower + upper))`` from the merged value counts."""
    np: Any = _columnar.numpy_module()
    tables = [(figure, integer, statistics.statistic(figure))
              for figure, integer in weighted]
    vectorised = np is not None and all(
        _tables.is_numpy(columns[figure]) and _tables.is_numpy(table.values)  # type: ignore[union-attr]
        for figure, _i, table in tables)
    if vectorised and 2 * statistics.size * denominator < _INT64_LIMIT:
        keys = np.zeros(size, dtype=np.int64)
        for figure, integer, table in tables:
            assert isinstance(table, ValueCounts)
            if not size:
                break
            if not len(table.values):
                _not_counted(figure)
            # a large merged table is searched by the partition's values in order: the search
            # and the gathers then walk it forwards, several times faster than at random
            order = (np.argsort(columns[figure]) if len(table.values) > _SMALL_TABLE
                     else slice(None))
            ordered = columns[figure][order]
            at = np.searchsorted(table.values, ordered)
            np.minimum(at, len(table.values) - 1, out=at)
            if (table.values[at] != ordered).any():
                _not_counted(figure)
            del ordered
            counts = table.counts[at]
            # lower + upper = 2 x (the counts up to the value) - its count
            keys[order] += integer * (2 * np.cumsum(table.counts)[at] - counts)
        return keys  # type: ignore[no-any-return]
    summed: list[int] = [0] * size
    for figure, integer, table in tables:
        assert isinstance(table, ValueCounts)
        values, counts = _tables.as_list(table.values), _tables.as_list(table.counts)
        lowers = accumulate(counts, initial=0)
        scaled = {value: integer * (2 * lower + number)
                  for value, lower, number in zip(values, lowers, counts, strict=False)}
        column = _tables.as_list(columns[figure])
        try:
            summed = list(map(add, summed, map(scaled.__getitem__, column)))
        except KeyError:
            _not_counted(figure)
    return summed

def min_max_keys(
    weighted: Sequence[tuple[str, int]], denominator: int, spans: Sequence[tuple[int, int]],
    statistics: GradingStatistics, columns: dict[str, Any], size: int,
) -> Sequence[int]:
    """Min-max keys: ``sum(offset * weight * (spans / span))`` from the merged ranges."""
    np: Any = _columnar.numpy_module()
    product = math.prod(span for _low, span in spans)
    terms = []
    for (figure, integer), (low, span), (_f, statistic) in zip(
            weighted, spans, statistics.columns, strict=True):
        assert isinstance(statistic, ValueRange)
        column = columns[figure]
        if size and (statistic.low is None or min(column) < statistic.low
                     or max(column) > statistic.high):
            raise InvalidInput(f"{figure} holds a value outside the statistics' range "
                               f"{statistic.low}..{statistic.high}: merge the statistics "
                               f"over every partition")
        terms.append((column, statistic, low, span, integer * (product // span)))
    vectorised = np is not None and all(
        _tables.is_numpy(column) and statistic.scale == 1
        for column, statistic, _l, _s, _m in terms)
    if vectorised and denominator * product < _INT64_LIMIT:
        keys = np.zeros(size, dtype=np.int64)
        for column, statistic, low, _span, multiplier in terms:
            if statistic.low == statistic.high:
                keys += multiplier
            else:
                keys += (column - low) * multiplier
        return keys  # type: ignore[no-any-return]
    summed: list[int] = [0] * size
    for column, statistic, low, _span, multiplier in terms:
        if statistic.low == statistic.high:
            summed = [key + multiplier for key in summed]
            continue
        scale = statistic.scale
        summed = [key + (whole(value, scale) - low) * multiplier
                  for key, value in zip(summed, _tables.as_list(column), strict=True)]
    return summed


def whole(value: int | Decimal, scale: int) -> int:
    """``value * scale`` as an int (``scale`` makes the value whole)."""
    numerator, denominator = value.as_integer_ratio()
    return numerator * (scale // denominator)


def _not_counted(figure: str) -> None:
    raise InvalidInput(f"{figure} holds a value the statistics do not count: merge the "
                       f"statistics over every partition")
