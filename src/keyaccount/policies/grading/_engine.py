"""The exact score engine of :class:`~keyaccount.policies.WeightedScoreGrading` (private).

One job: turn a portfolio's figures into one exact integer sort key per account, the score
times a common unit, plus the normalised columns that explain it. It is the hot path of
grading a million accounts, so it works on plain columns of numbers (see STYLE.md, "Hot paths
are plain and columnar").

Exactness. Percentile ranks are whole-number counts: the percentile of a value is
``(lower + upper) / 2n`` where ``lower`` accounts have a strictly smaller value and
``upper`` a smaller-or-equal one (the mid-ranks of :mod:`keyaccount._numeric`). With the
weights written as integers over a common power of ten (``integer_weights``, there too),
``score * 2n * 10**k`` is an integer, so the ranking compares exact integers: equal scores
are real ties and unequal ones never collapse, at the speed of integer sorting. Under min-max
normalisation the score times ``denominator * product of the spans`` is an integer likewise.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from itertools import repeat
from operator import add, attrgetter, mul, sub
from typing import Any

from keyaccount._numeric import midranks_by_counting, midranks_by_sorting
from keyaccount.domain.grading import AccountFigures

# A column of a Grading: (figure, weight, values in input order, unit of a value).
Column = tuple[str, Decimal, Sequence[Any], Fraction]
# A weighted figure: (figure, its Decimal weight, its weight as an integer over a denominator).
WeightedFigure = tuple[str, Decimal, int]


# Reads a figure's column: ``(sortable values, exact)``; ``exact`` is ``None`` when the sortable
# values are the exact ones, else ``(items, read)`` as :func:`midranks_by_sorting` takes it.
SortableColumn = tuple[Sequence[Any], "tuple[Sequence[Any], Callable[[Any], Any]] | None"]


def _object_sortable(listed: list[AccountFigures]) -> Callable[[str], SortableColumn]:
    def column(figure: str) -> SortableColumn:
        read = attrgetter(figure)
        if figure == "purchase_count":
            return list(map(read, listed)), None
        # floats straight from the accounts: no list of Decimals unless a tie needs it
        return list(map(float, map(read, listed))), (listed, read)
    return column


def percentile_keys(
    listed: list[AccountFigures], weighted: list[WeightedFigure], denominator: int
) -> tuple[list[int], Fraction, list[Column]]:
    """Score keys under percentile normalisation: ``(keys, key unit, columns)``.

    ``key * key unit`` is the account's exact score; ``listed`` is not empty.
    """
    return percentile_keys_of(len(listed), _object_sortable(listed), weighted, denominator)


def percentile_keys_of(
    n: int, column: Callable[[str], SortableColumn], weighted: list[WeightedFigure],
    denominator: int,
) -> tuple[list[int], Fraction, list[Column]]:
    """:func:`percentile_keys` of ``n`` accounts whose figures ``column(figure)`` reads."""
    columns: list[Column] = []
    for figure, weight, integer_weight in weighted:
        values, exact = column(figure)
        scaled: Sequence[int]
        if figure == "purchase_count":  # whole numbers, usually few distinct ones
            scaled = midranks_by_counting(values, integer_weight)
        else:
            scaled = midranks_by_sorting(values, integer_weight, exact)
        # scaled / (integer_weight * 2n) is the percentile rank
        columns.append((figure, weight, scaled, Fraction(1, integer_weight * 2 * n)))
    summed: Iterable[int] = columns[0][2] if columns else repeat(0, n)
    for column_ in columns[1:]:
        summed = map(add, summed, column_[2])  # one list for all the sums, not one per figure
    keys = summed if isinstance(summed, list) else list(summed)
    return keys, Fraction(1, 2 * n * denominator), columns


def min_max_keys(
    listed: list[AccountFigures], weighted: list[WeightedFigure], denominator: int
) -> tuple[list[int], Fraction, list[Column]]:
    """Score keys under min-max normalisation: ``(keys, key unit, columns)``.

    ``key * key unit`` is the account's exact score; ``listed`` is not empty.
    """
    return min_max_keys_of(
        len(listed), lambda figure: list(map(attrgetter(figure), listed)), weighted,
        denominator)


def min_max_keys_of(
    n: int, column: Callable[[str], Sequence[Decimal | int]], weighted: list[WeightedFigure],
    denominator: int,
) -> tuple[list[int], Fraction, list[Column]]:
    """:func:`min_max_keys` of ``n`` accounts whose exact figures ``column(figure)`` reads."""
    # (value - min) / (max - min) does not change when every value is scaled alike, so each
    # column is read as integers over its own common denominator; the score times
    # ``denominator * product of the spans`` is then an integer, as under percentiles.
    columns = []
    for figure, weight, integer_weight in weighted:
        values = column(figure)
        if all(type(value) is int for value in values):  # cents: integers already
            whole: Sequence[int] = values  # type: ignore[assignment]
        else:
            ratios = list(map(_as_integer_ratio, values))
            common = math.lcm(*{ratio[1] for ratio in ratios})
            whole = [numerator * (common // den) for numerator, den in ratios]
        low, high = min(whole), max(whole)
        if low == high:  # every account equal: 1/2 each
            offsets: list[int] = [1] * n
            span = 2
        else:
            offsets = list(map(sub, whole, repeat(low)))
            span = high - low
        columns.append((figure, weight, offsets, Fraction(1, span), integer_weight, span))
    spans = math.prod(column_[5] for column_ in columns)
    keys: list[int] = [0] * n
    for _figure, _weight, offsets, _unit, integer_weight, span in columns:
        keys = list(map(add, keys, map(mul, offsets, repeat(integer_weight * (spans // span)))))
    return keys, Fraction(1, denominator * spans), [column_[:4] for column_ in columns]


def _as_integer_ratio(value: Decimal | int) -> tuple[int, int]:
    return value.as_integer_ratio()
