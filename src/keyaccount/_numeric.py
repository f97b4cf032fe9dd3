"""The numeric helpers shared by the domain and the policies (private): one home for each.

* **Weight validation** -- :func:`exact_weight` (one weight: exact, a number ``>= 0``, at
  most 12 decimal places: :func:`unit_fraction`, which also reads rates and shares),
  :func:`exact_weights` (named weights: known names, each once) and :func:`check_total`
  (weights that must sum to exactly 1). Grading's :class:`~keyaccount.policies.ScoreWeights`,
  the scorecard and loyalty settings of :mod:`keyaccount.policies.indicators`,
  :func:`~keyaccount.combine_weighted` and :func:`~keyaccount.loyalty_index` all use them;
  each caller chooses its error (``InvalidInput`` for a call or a value,
  ``PolicyConfigError`` for a policy's settings) and whether a weight may be written as text.
* **Weights as integers** -- :func:`integer_weights`: the weights over their common
  denominator, so that weighted sums are integer sums (the grading's exact sort keys, the
  redistributed mean below).
* **The weighted mean with redistribution** -- :func:`redistributed_mean`, behind every
  :class:`~keyaccount.Appraisal` score and every loyalty index: the weight of a
  not-applicable component goes to the applicable ones in proportion to their own weights.
  It sums in integers, one ``Fraction`` per mean instead of some fifty: the loyalty index of
  20,000 accounts costs seconds otherwise.
* **Mid-rank percentiles** -- :func:`midranks_by_sorting` and :func:`midranks_by_counting`:
  ``weight * (lower + upper)`` per value, the mid-rank percentile ``(lower + upper) / 2n``
  times ``2n * weight`` as an exact int. They are the hot path of grading a million accounts
  (the weighted score, ``weight`` its integer weight) and rank the repeat purchases of the
  loyalty index (``weight`` 1).

It imports only the errors and the standard library, so any layer may use it.
"""

from __future__ import annotations

import enum
from array import array
from collections import Counter, deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from itertools import accumulate, compress, islice, repeat
from math import lcm
from operator import add, eq, itemgetter, mul, setitem
from typing import Any, TypeVar

from keyaccount._errors import KeyAccountError
from keyaccount._validation import RATE_PLACES as PLACES

K = TypeVar("K")


# --- weight validation -----------------------------------------------------------------------


def _label(name: object) -> str:
    return str(name.value) if isinstance(name, enum.Enum) else str(name)


# Rates, shares and weights are exact to at most RATE_PLACES (12) decimal places: as a
# fraction, a denominator of at most 10**12 (so ``1/7`` is a weight, ``1e-20`` is not).
_DENOMINATOR_LIMIT = 10**PLACES
#: The largest weight (weights are proportions; those that must sum to 1 are at most 1).
WEIGHT_LIMIT = 10**12


def _decimal_fraction(
    number: Decimal, value: object, *, field: str, error: type[KeyAccountError], maximum: int
) -> Fraction:
    # Fraction(Decimal("1e999999999")) computes 10**999999999 and hangs: the magnitude is
    # refused from the exponent first, then the exact conversion is cheap.
    if not number.is_finite():  # NaN or infinite
        raise error(f"{field} must be a number, got {value!r}")
    if number:
        if number < 0:
            raise error(f"{field} must be >= 0, got {value!r}")
        if number.adjusted() >= len(str(maximum)):
            raise error(f"{field} must be <= {maximum}, got {value!r}")
        if number.adjusted() < -PLACES:
            raise error(f"{field} must have at most {PLACES} decimal places, got {value!r}")
    return Fraction(number)


def unit_fraction(
    value: object,
    *,
    field: str,
    error: type[KeyAccountError],
    text: bool = False,
    maximum: int = 1,
) -> Fraction:
    """A rate or share (or a weight) as an exact ``Fraction`` in [0, maximum], 12 places at most.

    Args:
        value: an ``int``, ``Decimal`` or ``Fraction`` (and, when ``text``, a string like
            ``"0.2"`` or ``"1/7"``); floats and bools are refused.
        field: what the value is, for the message.
        error: the error to raise.
        text: whether a string is accepted.
        maximum: the largest value accepted (a power of ten): 1 for a rate or a share.

    Raises:
        KeyAccountError: of type ``error``: not exact, not a number (NaN included), outside
            [0, maximum], or finer than 12 decimal places (a denominator above ``10**12``).

    >>> from keyaccount import InvalidInput
    >>> unit_fraction("1e999999999", field="r", error=InvalidInput, text=True)
    Traceback (most recent call last):
    ...
    keyaccount.InvalidInput: r must be <= 1, got '1e999999999'
    """
    if isinstance(value, str) and text:  # "1/7" (no exponent in that form) or a decimal
        try:
            parsed: Fraction | Decimal = Fraction(value) if "/" in value else Decimal(value)
        except (ValueError, ZeroDivisionError, ArithmeticError):
            raise error(f"{field} must be a number, got {value!r}") from None
        result = (
            parsed if isinstance(parsed, Fraction)
            else _decimal_fraction(parsed, value, field=field, error=error, maximum=maximum)
        )
    elif isinstance(value, Decimal):
        result = _decimal_fraction(value, value, field=field, error=error, maximum=maximum)
    elif isinstance(value, (int, Fraction)) and not isinstance(value, bool):
        result = Fraction(value)
    else:
        kinds = (
            "int, Decimal, Fraction or a string like '0.2' or '1/7'" if text
            else "int, Decimal or Fraction"
        )
        raise error(f"{field} must be exact ({kinds}), got {value!r}")
    if result < 0:
        raise error(f"{field} must be >= 0, got {value!r}")
    if result > maximum:
        raise error(f"{field} must be <= {maximum}, got {value!r}")
    if result.denominator > _DENOMINATOR_LIMIT:
        raise error(f"{field} must have at most {PLACES} decimal places, got {value!r}")
    return result


def exact_weight(
    value: object, *, field: str, error: type[KeyAccountError], text: bool = False
) -> Fraction:
    """One weight as an exact ``Fraction`` in [0, 10**12], at most 12 decimal places.

    Args:
        value: the weight as given: an ``int``, ``Decimal`` or ``Fraction`` (and, when
            ``text``, a string like ``"0.2"`` or ``"1/7"``); floats are refused, a weight of
            ``0.1`` is not exactly 1/10.
        field: what the weight is, for the message (``"ScoreWeights.contract_amount"``).
        error: the error to raise (``InvalidInput`` for a call or a value,
            ``PolicyConfigError`` for a policy's settings).
        text: whether a string is accepted.

    Raises:
        KeyAccountError: of type ``error``: an inexact, non-numeric (NaN included) or
            negative weight, a weight above ``10**12``, or one finer than 12 decimal places
            (:func:`unit_fraction`): ``"1e999999999"`` is refused before it is expanded.

    >>> from keyaccount import InvalidInput
    >>> exact_weight("1/7", field="w", error=InvalidInput, text=True)
    Fraction(1, 7)
    >>> exact_weight(0.1, field="w", error=InvalidInput)
    Traceback (most recent call last):
    ...
    keyaccount.InvalidInput: w must be exact (int, Decimal or Fraction), got 0.1
    """
    return unit_fraction(value, field=field, error=error, text=text, maximum=WEIGHT_LIMIT)


def exact_weights(
    pairs: Iterable[tuple[Any, object]],
    *,
    known: Mapping[Any, Any] | None,
    owner: str,
    kind: str,
    error: type[KeyAccountError],
    text: bool = False,
) -> dict[Any, Fraction]:
    """Validate ``(name, weight)`` pairs; the weights by name, in the order given.

    Args:
        pairs: the weights as given.
        known: the names accepted, each key mapped to the name it stands for (an indicator
            may be named by its member or by its settings name); ``None`` accepts any name.
        owner: who reads the weights, for the messages (a function or a policy).
        kind: what a name names (``"indicator"``, ``"component"``), for the messages.
        error: the error to raise.
        text: whether a weight may be written as a string.

    Raises:
        KeyAccountError: of type ``error``: an unknown name, a name given twice, or a bad
            weight (see :func:`exact_weight`).
    """
    weights: dict[Any, Fraction] = {}
    for key, raw in pairs:
        name = key if known is None else known.get(key)
        if name is None:
            expected = sorted({_label(n) for n in known.values()}) if known is not None else []
            raise error(
                f"{owner} weights name unknown {kind} {key!r}; expected some of {expected}"
            )
        if name in weights:
            raise error(f"{owner} weights name {_label(name)!r} twice")
        weights[name] = exact_weight(
            raw, field=f"{owner} weight of {_label(name)}", error=error, text=text
        )
    return weights


def check_total(
    weights: Iterable[tuple[Any, Any]], *, field: str, error: type[KeyAccountError]
) -> None:
    """Refuse weights that do not sum to exactly 1, listing them.

    The weights are summed in their own type (Decimals as Decimals, Fractions as Fractions),
    so the message shows the total as the caller wrote its weights.

    Args:
        weights: ``(name, weight)`` pairs, already validated (:func:`exact_weight`).
        field: what the weights are, for the message (``"WeightedScorecard weights"``).
        error: the error to raise.

    Raises:
        KeyAccountError: of type ``error``: the weights do not sum to 1.

    >>> from keyaccount import InvalidInput
    >>> check_total([("a", Fraction(1, 2)), ("b", Fraction(2, 5))], field="w", error=InvalidInput)
    Traceback (most recent call last):
    ...
    keyaccount.InvalidInput: w must sum to 1, got 9/10 (a=1/2, b=2/5)
    """
    pairs = list(weights)
    total = sum(weight for _, weight in pairs)
    if total != 1:
        listed = ", ".join(f"{_label(name)}={weight}" for name, weight in pairs)
        raise error(f"{field} must sum to 1, got {total} ({listed})")


def positive_weights(weights: Mapping[K, Fraction]) -> dict[K, Fraction]:
    """The positive weights, in order; a weight of 0 leaves its component out."""
    return {name: weight for name, weight in weights.items() if weight > 0}


# --- weights as integers, the weighted mean with redistribution ------------------------------


def integer_weights(weights: Iterable[Fraction | Decimal | int]) -> tuple[list[int], int]:
    """Weights as integers over their common denominator: ``w_i = integers[i] / denominator``.

    The proportions are kept, so a weighted sum may be computed in integers.

    >>> integer_weights([Fraction(1, 2), Decimal("0.2"), 0])
    ([5, 2, 0], 10)
    """
    # ints and Fractions are read as they are (a Fraction per weight would double the cost of
    # a scorecard's combination); a Decimal becomes its exact Fraction
    ratios = [w if isinstance(w, (int, Fraction)) else Fraction(w) for w in weights]
    denominator = lcm(*(ratio.denominator for ratio in ratios))
    return [ratio.numerator * (denominator // ratio.denominator) for ratio in ratios], denominator


def redistributed_mean(terms: Iterable[tuple[int, int, int]]) -> Fraction | None:
    """The weighted mean of the applicable terms, exactly; None when none is applicable.

    Each term is ``(units, weighted_part, whole)``: a component carrying ``units`` of weight
    (:func:`integer_weights`) whose value is ``part / whole`` gives
    ``weighted_part = units * part`` (terms that share a ``whole`` may be given as one, their
    units and weighted parts summed). A term with no units or an empty ``whole`` is not
    applicable: its units are redistributed, so the mean is
    ``sum(weighted_part / whole) / sum(units of the applicable terms)``.

    >>> redistributed_mean([(2, 2 * 1, 2), (1, 0, 0), (1, 1 * 0, 1)])   # (2 * 1/2 + 0) / 3
    Fraction(1, 3)
    >>> redistributed_mean([(1, 0, 0)]) is None
    True
    """
    numerator, denominator, carried = 0, 1, 0
    for units, weighted_part, whole in terms:
        if units and whole:
            numerator = numerator * whole + weighted_part * denominator
            denominator *= whole
            carried += units
    return Fraction(numerator, denominator * carried) if carried else None


# --- mid-rank percentiles --------------------------------------------------------------------
#
# The mid-rank percentile of a value is (lower + upper) / 2n, where ``lower`` values are
# strictly smaller and ``upper`` smaller or equal: ties share a rank and the result does not
# depend on the input order. Both functions return ``weight * (lower + upper)`` per value, in
# input order, as exact ints: grading adds its weighted columns without a Fraction per
# account, the loyalty index its three ranks likewise.


def midranks_by_counting(keys: Sequence[Any], weight: int = 1) -> list[int]:
    """``weight * (lower + upper)`` per key, from a count of each distinct key.

    Fast when there are few distinct keys (purchase counts, heavily tied amounts): one
    counting pass, a sort of the distinct keys, one lookup per key.

    >>> midranks_by_counting([30, 10, 30])    # over 2n = 6: 10 is 1/6, each 30 is 4/6
    [4, 1, 4]
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
    weight: int = 1,
    exact: tuple[Sequence[Any], Callable[[Any], Any]] | None = None,
) -> Sequence[int]:
    """``weight * (lower + upper)`` per key: its mid-rank percentile times ``2n * weight``.

    ``weight`` is a positive int. ``keys`` are either the exact values or, with
    ``exact = (items, read)``, the ``float`` images of ``read(item)``, which sort several
    times faster than Decimals. ``float()`` of a Decimal is correctly rounded, hence monotone:
    it never reverses two values, it can only merge distinct ones (beyond 15 significant
    digits, or beyond the float range). So the float order is exact unless two neighbours in
    it are equal floats of unequal Decimals; only those tie positions are read back exactly,
    and if one is a false tie the column is sorted again on its Decimals.

    O(n log n): one sort, one gather, one scatter; tie runs are patched by a second scatter
    over the tied positions only. The scatter writes into a machine-integer array where the
    values fit (they do unless a weight needs more than about 12 decimal places): it costs
    the same as a list, but the result is read back in input order from contiguous memory
    rather than from a million int objects strewn in sorted order, so summing the columns
    runs about twice as fast, and it keeps 8 bytes per account instead of about 40.

    >>> list(midranks_by_sorting([Decimal("2.5"), Decimal(1), Decimal("2.5")], 3))
    [12, 3, 12]
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
