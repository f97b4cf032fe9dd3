"""Grading figures held in columns (private; issue 17): checks, the Python and numpy paths.

``grade_columns`` of :class:`~keyaccount.policies.WeightedScoreGrading` and
:class:`~keyaccount.policies.AmountBandGrading` read ids and figures as columns (sequences of
ints or Decimals, or numpy integer arrays) and return a
:class:`~keyaccount.ColumnarGrading`. Each column is checked as a whole (its types once, its
bounds by min and max), never one :class:`~keyaccount.AccountFigures` per account.

Two paths give the same tiers as the object path. With numpy importable (the ``columnar``
extra), the vectorised kernels of ``_columnar_numpy`` rank and score in int32 or int64 (a
Decimal column read as ints over its common denominator), when the values and the largest
key fit. Otherwise the exact score engine runs on the columns as the object path runs on
objects, and the tier cut is :class:`~keyaccount.Grading`'s own. Explanations always come
from that exact :class:`~keyaccount.Grading`, built once on the first read of an account.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Callable, Sequence
from decimal import Decimal
from fractions import Fraction
from itertools import compress, islice
from operator import lt
from types import ModuleType
from typing import Any

from keyaccount._errors import InvalidInput
from keyaccount._numeric import integer_weights
from keyaccount._validation import (
    COUNT_LIMIT,
    MONEY_LIMIT,
    MONEY_PLACES,
    RATE_PLACES,
    require_bounded,
    require_non_empty,
    to_items,
)
from keyaccount.domain.grading import AccountFigures, ColumnarGrading, Grading, Tier, TieRule
from keyaccount.policies.grading._engine import (
    Column,
    SortableColumn,
    WeightedFigure,
    min_max_keys_of,
    percentile_keys_of,
)
from keyaccount.policies.grading.weights import FIGURES

#: (least value, decimal places, whether Decimals are accepted) per figure read in columns.
_LIMITS: dict[str, tuple[int, int, bool]] = {
    "contract_amount": (0, MONEY_PLACES, True),
    "profit_contribution": (-MONEY_LIMIT, RATE_PLACES, True),
    "purchase_count": (0, 0, False),
    "annual_purchase_amount": (0, MONEY_PLACES, True),
}


def numpy_module() -> ModuleType | None:
    """Numpy when it is importable, else ``None`` (the tests turn the numpy path off here)."""
    try:
        import numpy
    except ImportError:  # the kernel without the columnar extra
        return None
    return numpy


def _is_array(value: object) -> bool:
    return type(value).__module__.split(".")[0] == "numpy" and hasattr(value, "dtype")


def _as_array(value: Any, np: ModuleType | None) -> Any:
    """A column that converts to a numpy array (a pandas Series, say) as that array.

    Read item by item, a Series would give Python ints and miss the int64 kernels.
    """
    if np is not None and not _is_array(value) and hasattr(value, "dtype") \
            and hasattr(value, "__array__"):
        return np.asarray(value)
    return value


def read_ids(ids: Any, np: ModuleType | None = None) -> tuple[str, ...]:
    """The account ids: non-empty strings, unique (``np``: numpy, to check uniqueness).

    Each check is one C-speed pass over the ids; the message names the first wrong one.
    """
    ids = _as_array(ids, np)
    listed = tuple(to_items(ids.tolist() if _is_array(ids) else ids,
                           field="ids", expected="account ids"))
    for kind in set(map(type, listed)):
        if not issubclass(kind, str):
            wrong = next(item for item in listed if type(item) is kind)
            raise InvalidInput(f"ids must hold account ids (strings), got {wrong!r:.80}")
    if not all(map(str.strip, listed)):
        require_non_empty(next(i for i in listed if not i.strip()), field="ids")
    if not _surely_unique(listed, np):
        seen = Counter(listed)
        duplicates = sorted(account for account, times in seen.items() if times > 1)[:10]
        if duplicates:
            raise InvalidInput(f"ids must be unique in a portfolio, got duplicates {duplicates}")
    return listed


#: The hash of an id (a name the tests replace to force collisions).
_hash = hash


def _surely_unique(listed: tuple[str, ...], np: ModuleType | None) -> bool:
    """Whether the ids are unique for sure; ``False`` means "count them" (maybe a duplicate).

    Ids in increasing order (a table read by its key) are unique: one comparison pass, no
    memory. Otherwise, with numpy, the ids' hashes are sorted in an int64 array (9 B per id,
    against about 50 B for a set of them) and no two equal hashes mean no two equal ids;
    equal hashes (a duplicate, or a collision) leave it to the exact count.
    """
    if all(map(lt, listed, islice(listed, 1, None))):
        return True
    if np is None:
        return len(set(listed)) == len(listed)
    hashes = np.fromiter(map(_hash, listed), dtype=np.int64, count=len(listed))
    hashes.sort()
    return not bool((hashes[1:] == hashes[:-1]).any())


def read_column(
    value: Any, *, figure: str, size: int, use_numpy: bool, field: str | None = None
) -> tuple[Any, bool, list[tuple[int, int]] | None]:
    """A checked column of ``size`` exact values of ``figure``: ``(values, whole, ratios)``.

    ``field`` names the argument in messages (default: the figure).

    ``values`` is a numpy int64 array (a numpy integer array given while ``use_numpy``) or a
    list; ``whole`` says every value is an int; ``ratios`` are the values' integer ratios
    (``None`` when whole). Floats are refused: money is never float.
    """
    least, places, decimals = _LIMITS[figure]
    most = COUNT_LIMIT if figure == "purchase_count" else MONEY_LIMIT
    field = field or figure
    exact = "ints" if not decimals else "ints (such as cents) or Decimals"
    value = _as_array(value, numpy_module() if use_numpy else None)
    if _is_array(value):
        kind = value.dtype.kind
        if kind in "fc":
            raise InvalidInput(f"{field} must hold exact values, {exact}, not floats "
                               f"(money is never float), got a {value.dtype} array")
        if kind not in "iuO" or value.ndim != 1:
            raise InvalidInput(f"{field} must hold {exact}, got a {value.dtype} array "
                               f"of shape {value.shape}")
        if kind in "iu":
            if len(value) != size:
                raise InvalidInput(f"{field} must hold one value per account of ids "
                                   f"({size}), got {len(value)}")
            if size and (int(value.min()) < least or int(value.max()) > most):
                low, high = int(value.min()), int(value.max())
                raise InvalidInput(f"{field} must lie within {least}..{most}, "
                                   f"got values from {low} to {high}")
            if use_numpy:
                return value.astype("int64", copy=False), True, None
        value = value.tolist()
    values = list(to_items(value, field=field, expected=exact))
    if len(values) != size:
        raise InvalidInput(f"{field} must hold one value per account of ids ({size}), "
                           f"got {len(values)}")
    kinds = set(map(type, values))
    for kind in kinds:
        if issubclass(kind, int) and not issubclass(kind, bool):
            continue
        if decimals and issubclass(kind, Decimal):
            continue
        wrong = next(item for item in values if type(item) is kind)
        why = " (money is never float)" if issubclass(kind, float) else ""
        raise InvalidInput(f"{field} must hold {exact}{why}, got {wrong!r:.80}")
    whole = all(issubclass(kind, int) for kind in kinds)
    ratios = None if whole else _checked_ratios(values, field=field, limit=most, places=places)
    if values and (min(values) < least or max(values) > most):
        wrong = min(values) if min(values) < least else max(values)
        raise InvalidInput(f"{field} must lie within {least}..{most}, got {wrong!r:.80}")
    return values, whole, ratios


def _checked_ratios(
    values: list[Any], *, field: str, limit: int, places: int
) -> list[tuple[int, int]]:
    """The integer ratios of a column of ints and Decimals, checked as a whole.

    Finite (a ratio exists), within ``limit`` in magnitude (by min and max), at most
    ``places`` decimal places (each distinct denominator divides ``10**places``); when one of
    these fails, the values are checked one by one so the message names the first wrong one.
    """
    try:
        ratios = [number.as_integer_ratio() for number in values]
    except (ValueError, OverflowError):  # NaN, infinity
        ratios = []
    unit = 10**places
    if (not ratios or min(values) < -limit or max(values) > limit
            or any(unit % denominator for denominator in {den for _num, den in ratios})):
        for number in values:
            if isinstance(number, Decimal):
                if not number.is_finite():
                    raise InvalidInput(f"{field} must hold finite numbers, got {number!r}")
                require_bounded(number, field=field, limit=limit, places=places)
    return ratios


class _Figures(Sequence[AccountFigures]):
    """The :class:`AccountFigures` of columns, each built when it is read (explanations only)."""

    def __init__(self, ids: Sequence[str], columns: dict[str, Any]) -> None:
        self._ids = ids
        self._columns = columns

    def __len__(self) -> int:
        return len(self._ids)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        values = {figure: _python(column[index]) for figure, column in self._columns.items()}
        values.setdefault("contract_amount", 0)  # amount bands read one figure only
        values.setdefault("profit_contribution", 0)
        values.setdefault("purchase_count", 0)
        return AccountFigures(account_id=self._ids[index], **values)


def _python(number: Any) -> Any:
    return number if isinstance(number, (int, Decimal)) else int(number)


def _tier_type(tiers: Sequence[Tier]) -> str:
    return "b" if len(tiers) < 128 else "l"


def _identity(value: Any) -> Any:
    return value


def grade_weighted(
    *,
    ids: Any,
    figures: dict[str, Any],
    percentile: bool,
    weights: tuple[Decimal, ...],
    tiers: tuple[Tier, ...],
    bounds: Callable[[int], tuple[int, ...]],
    tie_rule: TieRule,
    tie_break: str,
) -> ColumnarGrading:
    """``WeightedScoreGrading.grade_columns`` (the policy's settings passed in)."""
    np = numpy_module()
    listed = read_ids(ids, np)
    n = len(listed)
    columns: dict[str, Any] = {}
    whole: dict[str, bool] = {}
    ratios: dict[str, list[tuple[int, int]] | None] = {}
    for figure in FIGURES:
        columns[figure], whole[figure], ratios[figure] = read_column(
            figures[figure], figure=figure, size=n, use_numpy=np is not None)
    integers, denominator = integer_weights(weights)
    weighted: list[WeightedFigure] = [
        (figure, weight, integer)
        for figure, weight, integer in zip(FIGURES, weights, integers, strict=True) if weight
    ]

    def exact() -> Grading:
        as_lists = {figure: column if isinstance(column, list) else column.tolist()
                    for figure, column in columns.items()}
        return _exact_grading(listed, as_lists, whole, weighted, denominator, percentile,
                              tiers, bounds(n), tie_rule, tie_break)

    tier_type = _tier_type(tiers)
    if np is not None and n:
        # Decimal columns as ints over a common power of ten: a column's percentile ranks and
        # min-max offsets do not change when all of it is scaled alike
        kernel = {figure: _whole_numbers(ratios[figure]) or columns[figure]
                  for figure, _weight, _integer in weighted}
        keys = _numpy_keys(np, kernel, weighted, denominator, percentile, n)
        if keys is not None:
            from keyaccount.policies.grading import _columnar_numpy

            positions, counts = _columnar_numpy.cut(
                keys, bounds(n), tie_rule, columns[tie_break], listed, tier_type)
            return ColumnarGrading(ids=listed, tier_indices=positions, tiers=tiers,
                                   counts=counts, explain=exact)
    grading = exact()
    return ColumnarGrading(ids=listed, tier_indices=array(tier_type, grading._tier_positions()),
                           tiers=tiers, counts=list(grading.tier_counts().values()),
                           explain=lambda: grading)


def _numpy_keys(
    np: ModuleType, columns: dict[str, Any], weighted: list[WeightedFigure], denominator: int,
    percentile: bool, n: int,
) -> Any:
    """The int64 score keys, or ``None`` when a value or the largest key would not fit in int64."""
    from keyaccount.policies.grading import _columnar_numpy

    try:
        arrays = {figure: np.asarray(columns[figure], dtype=np.int64)
                  for figure, _weight, _integer in weighted}
    except OverflowError:  # Decimals of many places, scaled to ints past 2**63
        return None
    if percentile:
        if not _columnar_numpy.fits(2 * n * denominator):
            return None
        return _columnar_numpy.percentile_keys(
            [(arrays[figure], integer) for figure, _weight, integer in weighted],
            _columnar_numpy.key_type(2 * n * denominator))
    spans = []  # the weights sum to 1, so at least one figure is weighted
    for figure, _weight, _integer in weighted:
        low, high = int(arrays[figure].min()), int(arrays[figure].max())
        spans.append((low, high - low if high != low else 2))
    product = math.prod(span for _low, span in spans)
    if not _columnar_numpy.fits(denominator * product):
        return None
    return _columnar_numpy.min_max_keys([
        (arrays[figure], low, span, integer * (product // span))
        for (figure, _weight, integer), (low, span) in zip(weighted, spans, strict=True)])


def _whole_numbers(ratios: list[tuple[int, int]] | None) -> list[int] | None:
    """A column given as integer ratios, as ints over the common denominator of its values.

    The denominators divide ``10**12`` (the places allowed), so their lcm does too. ``None``
    (a column of ints, needing no scaling) gives ``None``.
    """
    if not ratios:
        return None
    common = math.lcm(*{denominator for _numerator, denominator in ratios})
    return [numerator * (common // denominator) for numerator, denominator in ratios]


def _exact_grading(
    ids: Sequence[str], columns: dict[str, list[Any]], whole: dict[str, bool],
    weighted: list[WeightedFigure], denominator: int, percentile: bool,
    tiers: tuple[Tier, ...], bounds: tuple[int, ...], tie_rule: TieRule, tie_break: str,
) -> Grading:
    """The exact :class:`Grading` of the columns, as the object path builds it."""
    n = len(ids)
    if not n:
        keys: list[int] = []
        unit, scored = Fraction(0), list[Column]()
    elif percentile:
        def sortable(figure: str) -> SortableColumn:
            values = columns[figure]
            if figure == "purchase_count":
                return values, None
            if whole[figure]:  # at most 10**15 < 2**53: exact as floats, which sort faster
                return list(map(float, values)), None
            return list(map(float, values)), (values, _identity)

        keys, unit, scored = percentile_keys_of(n, sortable, weighted, denominator)
    else:
        keys, unit, scored = min_max_keys_of(n, columns.__getitem__, weighted, denominator)
    return Grading._trusted(
        figures=_Figures(ids, columns), ids=ids, keys=keys, key_unit=unit, columns=scored,
        tiers=tiers, bounds=bounds, tie_rule=tie_rule, tie_break=tie_break,
        tie_values=columns[tie_break])


def band_thresholds(lowers: Sequence[Decimal], inclusive_lower: bool) -> list[int]:
    """The bands' lower bounds as whole numbers, for int amounts.

    An int amount is >= lower exactly when it is >= ceil(lower), and > lower when it is
    >= floor(lower) + 1: whole-number thresholds, so the band search runs on int64.
    """
    return [math.ceil(lower) if inclusive_lower else math.floor(lower) + 1 for lower in lowers]


def grade_bands(
    *,
    ids: Any,
    amounts: Any,
    figure: str,
    lowers: Sequence[Decimal],
    inclusive_lower: bool,
    classify: Callable[[Any], Tier | None],
    tiers: tuple[Tier, ...],
) -> ColumnarGrading:
    """``AmountBandGrading.grade_columns`` (the policy's settings passed in)."""
    np = numpy_module()
    listed = read_ids(ids, np)
    values, whole, _ratios = read_column(amounts, figure=figure, size=len(listed),
                                         use_numpy=np is not None, field=f"amounts ({figure})")
    tier_type = _tier_type(tiers)
    if np is not None and whole:
        from keyaccount.policies.grading import _columnar_numpy

        kept_at, indices = _columnar_numpy.band_positions(
            np.asarray(values, dtype=np.int64), band_thresholds(lowers, inclusive_lower),
            tier_type)
        kept_list: list[int] = kept_at.tolist()
        kept_ids = [listed[i] for i in kept_list]
        counts: list[int] = np.bincount(indices, minlength=len(tiers)).tolist()
        kept_values = [_python(values[i]) for i in kept_list]
    else:
        position_of = {tier: i for i, tier in enumerate(tiers)}
        found = list(map(classify, values))
        keep = [tier is not None for tier in found]
        kept_ids = list(compress(listed, keep))
        kept_values = list(compress(values, keep))
        indices = array(tier_type, (position_of[tier] for tier in found if tier is not None))
        counted = Counter(indices)
        counts = [counted[i] for i in range(len(tiers))]

    def exact() -> Grading:
        return Grading._trusted(
            figures=_Figures(kept_ids, {figure: kept_values}), ids=kept_ids, keys=kept_values,
            key_unit=Fraction(1), columns=[(figure, Decimal(1), kept_values, Fraction(1))],
            tiers=tiers, tier_list=indices.tolist())

    return ColumnarGrading(ids=kept_ids, tier_indices=indices, tiers=tiers, counts=counts,
                           explain=exact)
