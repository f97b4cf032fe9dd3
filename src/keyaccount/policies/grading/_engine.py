"""The exact score engine of :class:`~keyaccount.policies.WeightedScoreGrading` (private).

One job: turn a portfolio's figures into one exact integer sort key per account, the score
times a common unit, plus the normalised columns that explain it. It is the hot path of
grading a million accounts, so it works on plain columns of numbers (see STYLE.md, "Hot paths
are plain and columnar").

Exactness. Percentile ranks are whole-number counts: the percentile of a value is
``(lower + upper) / 2n`` where ``lower`` accounts have a strictly smaller value and
``upper`` a smaller-or-equal one. With the weights written as integers over a common power of
ten, ``score * 2n * 10**k`` is an integer, so the ranking compares exact integers: equal scores
are real ties and unequal ones never collapse, at the speed of integer sorting. Under min-max
normalisation the score times ``denominator * product of the spans`` is an integer likewise.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter, deque
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from itertools import accumulate, compress, islice, repeat
from operator import add, attrgetter, eq, itemgetter, mul, setitem, sub
from typing import Any

from keyaccount.domain.grading import AccountFigures

# A column of a Grading: (figure, weight, values in input order, unit of a value).
Column = tuple[str, Decimal, Sequence[Any], Fraction]
# A weighted figure: (figure, its Decimal weight, its weight as an integer over a denominator).
WeightedFigure = tuple[str, Decimal, int]


def midranks_by_counting(keys: Sequence[Any], weight: int) -> list[int]:
    """``weight * (lower + upper)`` per key, from a count of each distinct key.

    Fast when there are few distinct keys (purchase counts, heavily tied amounts): one
    counting pass, a sort of the distinct keys, one lookup per key.
    """
    counts = Counter(keys)
    distinct = sorted(counts)
    uppers = list(accumulate(map(counts.__getitem__, distinct)))
    lowers = [0, *uppers[:-1]]
    table = dict(zip(distinct, map(mul, map(add, lowers, uppers), repeat(weight)), strict=True))
    return list(map(table.__getitem__, keys))


_INT64_LIMIT = 2**63  # array typecode "q" holds -2**63 .. 2**63 - 1


def midranks_by_sorting(
    keys: Sequence[Any],
    weight: int,
    exact: tuple[Sequence[Any], Callable[[Any], Any]] | None = None,
) -> Sequence[int]:
    """``weight * (lower + upper)`` per key: its mid-rank percentile times 2n.

    ``keys`` are either the exact values or, with ``exact = (items, read)``, the ``float``
    images of ``read(item)``, which sort several times faster than Decimals. ``float()`` of
    a Decimal is correctly rounded, hence monotone: it never reverses two values, it can only
    merge distinct ones (beyond 15 significant digits, or beyond the float range). So the
    float order is exact unless two neighbours in it are equal floats of unequal Decimals;
    only those tie positions are read back exactly, and if one is a false tie the column is
    sorted again on its Decimals.

    O(n log n): one sort, one gather, one scatter; tie runs are patched by a second scatter
    over the tied positions only. The scatter writes into a machine-integer array where the
    values fit (they do unless a weight needs more than about 12 decimal places): it costs
    the same as a list, but the result is read back in input order from contiguous memory
    rather than from a million int objects strewn in sorted order, so summing the columns
    runs about twice as fast, and it keeps 8 bytes per account instead of about 40.
    """
    n = len(keys)
    # as machine integers: the gather and the scatter then read the order from contiguous
    # memory, not from int objects laid out in input order but visited in sorted order.
    order = array("q", sorted(range(n), key=keys.__getitem__))
    # itemgetter gathers in one C call (a third faster than map); with one index it
    # returns the item itself, not a tuple.
    ordered = itemgetter(*order)(keys) if n > 1 else keys
    ties = list(compress(range(n - 1), map(eq, islice(ordered, 1, None), ordered)))
    if ties:
        if exact is not None:
            items, read = exact
            at = order.__getitem__
            left = map(read, map(items.__getitem__, map(at, ties)))
            right = map(read, map(items.__getitem__, map(at, map(add, ties, repeat(1)))))
            if not all(map(eq, left, right)):
                return midranks_by_sorting(list(map(read, items)), weight)
        if len(ties) > n // 4:
            return midranks_by_counting(keys, weight)
    scaled: list[int] | array[int] = (
        array("q", [0]) * n if 2 * n * weight < _INT64_LIMIT else [0] * n
    )
    # a scatter in C of 2p + 1 for sorted position p: the mid-rank where nothing is tied
    deque(map(setitem, repeat(scaled), order, range(weight, 2 * n * weight, 2 * weight)),
          maxlen=0)
    if ties:  # a second scatter over the tied positions only
        positions: list[int] = []
        mids: list[int] = []
        start = previous = ties[0]
        for position in (*islice(ties, 1, None), n):  # n closes the last run
            if position != previous + 1:
                # a run of equal keys at sorted positions first .. last
                first, last = start, previous + 1
                positions.extend(range(first, last + 1))
                mids.extend(repeat((first + last + 1) * weight, last + 1 - first))
                start = position
            previous = position
        deque(map(setitem, repeat(scaled), map(order.__getitem__, positions), mids), maxlen=0)
    return scaled


def integer_weights(weights: Sequence[Decimal]) -> tuple[list[int], int]:
    """Weights as integers over one common denominator: ``w_i = W_i / denominator``."""
    fractions = [Fraction(weight) for weight in weights]
    denominator = math.lcm(*(fraction.denominator for fraction in fractions))
    return [int(fraction * denominator) for fraction in fractions], denominator


def percentile_keys(
    listed: list[AccountFigures], weighted: list[WeightedFigure], denominator: int
) -> tuple[list[int], Fraction, list[Column]]:
    """Score keys under percentile normalisation: ``(keys, key unit, columns)``.

    ``key * key unit`` is the account's exact score; ``listed`` is not empty.
    """
    n = len(listed)
    columns: list[Column] = []
    for figure, weight, integer_weight in weighted:
        read = attrgetter(figure)
        scaled: Sequence[int]
        if figure == "purchase_count":  # whole numbers, usually few distinct ones
            scaled = midranks_by_counting(list(map(read, listed)), integer_weight)
        else:
            # floats straight from the accounts: no list of Decimals unless a tie needs it
            scaled = midranks_by_sorting(
                list(map(float, map(read, listed))), integer_weight, (listed, read))
        # scaled / (integer_weight * 2n) is the percentile rank
        columns.append((figure, weight, scaled, Fraction(1, integer_weight * 2 * n)))
    summed: Iterable[int] = columns[0][2] if columns else repeat(0, n)
    for column in columns[1:]:
        summed = map(add, summed, column[2])  # one list for all the sums, not one per figure
    keys = summed if isinstance(summed, list) else list(summed)
    return keys, Fraction(1, 2 * n * denominator), columns


def min_max_keys(
    listed: list[AccountFigures], weighted: list[WeightedFigure], denominator: int
) -> tuple[list[int], Fraction, list[Column]]:
    """Score keys under min-max normalisation: ``(keys, key unit, columns)``.

    ``key * key unit`` is the account's exact score; ``listed`` is not empty.
    """
    # (value - min) / (max - min) does not change when every value is scaled alike, so each
    # column is read as integers over its own common denominator; the score times
    # ``denominator * product of the spans`` is then an integer, as under percentiles.
    n = len(listed)
    columns = []
    for figure, weight, integer_weight in weighted:
        ratios = list(map(_as_integer_ratio, map(attrgetter(figure), listed)))
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
    spans = math.prod(column[5] for column in columns)
    keys: list[int] = [0] * n
    for _figure, _weight, offsets, _unit, integer_weight, span in columns:
        keys = list(map(add, keys, map(mul, offsets, repeat(integer_weight * (spans // span)))))
    return keys, Fraction(1, denominator * spans), [column[:4] for column in columns]


def _as_integer_ratio(value: Decimal | int) -> tuple[int, int]:
    return value.as_integer_ratio()
