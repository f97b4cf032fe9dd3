"""The numeric helpers of the indicators: weights, their redistributed mean, mid-rank percentiles.

Private. One home for each:

* :func:`exact_weights` validates named weights (exact, ``>= 0``, known names, each once) for
  :func:`~keyaccount.combine_weighted`, :func:`~keyaccount.loyalty_index` and the weight
  policies of :mod:`keyaccount.policies.indicators` (they differ only in the error they
  raise and in whether a weight may be written as text);
* :func:`redistributed_mean` is the weighted mean with redistribution behind every
  :class:`~keyaccount.Appraisal` score and every loyalty index: the weight of a
  not-applicable component goes to the applicable ones in proportion to their own weights.
  It sums in integers over a common denominator (:func:`weight_units`), one ``Fraction`` per
  mean instead of some fifty: the loyalty index of 20,000 accounts costs seconds otherwise;
* :func:`mid_rank_numerators` ranks the repeat purchases of the loyalty index.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from math import lcm
from typing import Any, TypeVar

from keyaccount._errors import KeyAccountError

K = TypeVar("K")

_EXACT_TYPES = (int, Decimal, Fraction)


def _label(name: object) -> str:
    return str(name.value) if isinstance(name, enum.Enum) else str(name)


def exact_weight(
    value: object, *, field: str, error: type[KeyAccountError], text: bool
) -> Fraction:
    """One weight as an exact ``Fraction >= 0``.

    Args:
        value: the weight as given: an ``int``, ``Decimal`` or ``Fraction`` (and, when
            ``text``, a string like ``"0.2"`` or ``"1/7"``); floats are refused, a weight of
            ``0.1`` is not exactly 1/10.
        field: what the weight is, for the message.
        error: the error to raise (``InvalidInput`` for a call, ``PolicyConfigError`` for
            a policy's settings).
        text: whether a string is accepted.

    Raises:
        KeyAccountError: of type ``error``: an inexact, non-numeric or negative weight.
    """
    exact = (*_EXACT_TYPES, str) if text else _EXACT_TYPES
    if isinstance(value, bool) or not isinstance(value, exact):
        kinds = (
            "int, Decimal, Fraction or a string like '0.2' or '1/7'" if text
            else "int, Decimal or Fraction"
        )
        raise error(f"{field} must be exact ({kinds}), got {value!r}")
    try:
        weight = Fraction(value)
    except (ValueError, ZeroDivisionError, ArithmeticError):
        raise error(f"{field} must be a number, got {value!r}") from None
    if weight < 0:
        raise error(f"{field} must be >= 0, got {value!r}")
    return weight


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


def positive_weights(weights: Mapping[K, Fraction]) -> dict[K, Fraction]:
    """The positive weights, in order; a weight of 0 leaves its component out."""
    return {name: weight for name, weight in weights.items() if weight > 0}


def weight_units(weights: Mapping[K, Fraction]) -> dict[K, int]:
    """The weights as integers over their common denominator (their proportions kept)."""
    scale = lcm(*(weight.denominator for weight in weights.values()))
    return {name: int(weight * scale) for name, weight in weights.items()}


def redistributed_mean(terms: Iterable[tuple[int, int, int]]) -> Fraction | None:
    """The weighted mean of the applicable terms, exactly; None when none is applicable.

    Each term is ``(units, weighted_part, whole)``: a component carrying ``units`` of weight
    whose value is ``part / whole`` gives ``weighted_part = units * part`` (terms that share
    a ``whole`` may be given as one, their units and weighted parts summed). A term with no
    units or an empty ``whole`` is not applicable: its units are redistributed, so the mean
    is ``sum(weighted_part / whole) / sum(units of the applicable terms)``.

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


def mid_rank_numerators(values: Sequence[Any]) -> list[int]:
    """Mid-rank percentiles as numerators over ``2 * len(values)``.

    The mid-rank percentile is (accounts below + half the accounts equal) / accounts: ties
    get the same rank and the result does not depend on the input order. The numerators are
    kept as ints so that the loyalty index can add them without a Fraction per account.

    >>> mid_rank_numerators([30, 10, 30])    # over 6: 10 is 1/6, each 30 is 4/6
    [4, 1, 4]
    """
    ordered = sorted(values)
    below: dict[Any, int] = {}
    equal: dict[Any, int] = {}
    for position, value in enumerate(ordered):
        if value not in below:
            below[value] = position
        equal[value] = equal.get(value, 0) + 1
    return [2 * below[v] + equal[v] for v in values]
