"""The vectorised kernels of ``grade_columns`` (private; numpy is an optional extra).

Nothing here imports numpy at module level: :mod:`keyaccount` imports and works without it
(``keyaccount[columnar]`` installs it), and ``_columnar`` calls these only once it has found
numpy. Every kernel is exact: ranks are counts, scores are int64 sums of integer-weighted
counts (or offsets), computed only when :func:`fits` says the largest possible key fits in
int64 (in int32 when it fits there: 4 bytes an account instead of 8); otherwise
``_columnar`` takes the exact Python path.

The tier cut mirrors :class:`~keyaccount.Grading` step by step (cutoffs are the ``b``-th
highest keys, straddling tie blocks are placed by :mod:`keyaccount.domain.grading.ties`), so
the two paths give the same tiers; the property tests compare them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from keyaccount.domain.grading import ties
from keyaccount.domain.grading.ties import Block, TieRule

#: One past the largest int64.
INT64_LIMIT = 2**63
#: One past the largest int32: keys below it are held in 4 bytes an account, not 8.
INT32_LIMIT = 2**31


def fits(largest_key: int) -> bool:
    """Whether every score key (at most ``largest_key``) fits in int64."""
    return largest_key < INT64_LIMIT


def key_type(largest_key: int) -> str:
    """The narrowest of int32 and int64 that holds every key up to ``largest_key``."""
    return "int32" if largest_key < INT32_LIMIT else "int64"


def midranks(values: Any, dtype: str = "int64") -> Any:
    """``lower + upper`` per value (its mid-rank percentile times ``2n``), as ``dtype``.

    Values spanning fewer than ``n`` whole numbers (purchase counts, say) are counted
    (:func:`midranks_by_counting`, O(n)); others sorted (:func:`midranks_by_sorting`).
    ``dtype`` must hold ``2n``.
    """
    n = len(values)
    if n and int(values.max()) - int(values.min()) < n:
        return midranks_by_counting(values, dtype)
    return midranks_by_sorting(values, dtype)


def midranks_by_counting(values: Any, dtype: str = "int64") -> Any:
    """:func:`midranks` of values spanning fewer than ``n`` whole numbers: one bincount.

    A value ``v`` has ``lower = cum[v] - count[v]`` and ``upper = cum[v]`` (``cum`` the
    running count), so ``lower + upper = 2 cum[v] - count[v]``, gathered per account.
    """
    import numpy as np

    low = int(values.min())
    offsets = values if low == 0 else values - low
    counts = np.bincount(offsets)
    sums = np.cumsum(counts)
    sums *= 2
    sums -= counts
    del counts
    return np.take(sums.astype(dtype, copy=False), offsets)


def midranks_by_sorting(values: Any, dtype: str = "int64") -> Any:
    """:func:`midranks` of any int64 values.

    One argsort, one gather, a scan for the runs of equal values, one scatter. Besides the
    argsort's 8-byte order, the arrays are of ``dtype`` (4 bytes when it is int32).
    """
    import numpy as np

    n = len(values)
    order = np.argsort(values)
    ordered = values[order]
    starts_run = np.empty(n, dtype=bool)
    starts_run[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=starts_run[1:])
    del ordered
    starts = np.flatnonzero(starts_run)
    run = np.cumsum(starts_run, dtype=dtype)  # 1 + the run of each sorted position
    del starts_run
    run -= 1
    ends = np.empty(len(starts), dtype=dtype)  # lower + upper of each run of equal values
    np.add(starts[:-1], starts[1:], out=ends[:-1], casting="same_kind")
    ends[-1:] = starts[-1:] + n
    del starts
    np.take(ends, run, out=run)  # in place
    del ends
    scaled = np.empty(n, dtype=dtype)
    scaled[order] = run
    return scaled


def percentile_keys(columns: Sequence[tuple[Any, int]], dtype: str = "int64") -> Any:
    """``sum(weight * (lower + upper))`` per account over ``(int64 column, integer weight)``.

    ``dtype`` must hold ``2n`` times the sum of the weights (the largest key).
    """
    import numpy as np

    keys: Any = None
    for values, weight in columns:
        scaled = midranks(values, dtype)
        scaled *= weight
        keys = scaled if keys is None else np.add(keys, scaled, out=keys)
    return keys


def min_max_keys(columns: Sequence[tuple[Any, int, int, int]]) -> Any:
    """``sum(offset * multiplier)`` over ``(int64 column, low, span, multiplier)``.

    The offset is ``value - low``, or 1 where the column is all equal (span 2, the 1/2 rule).
    """
    import numpy as np

    keys: Any = None
    for values, low, span, multiplier in columns:
        if span == 2 and not (values != low).any():  # every account equal
            term = np.full(len(values), multiplier, dtype=np.int64)
        else:
            term = values - low
            term *= multiplier
        keys = term if keys is None else np.add(keys, term, out=keys)
    return keys


def cut(
    keys: Any,
    bounds: Sequence[int],
    rule: TieRule,
    tie_values: Sequence[Any],
    ids: Sequence[str],
    tier_type: str,
) -> tuple[Any, list[int]]:
    """Each account's tier position (as :class:`~keyaccount.Grading` places it), and counts."""
    import numpy as np

    n = len(keys)
    inner = [bound for bound in bounds if 0 < bound < n]
    empty = sum(1 for bound in bounds if bound == 0)
    cutoff_of = _highest(keys, inner)
    # a key's tier is the number of cutoffs above it, plus the empty tiers before the first:
    # one 1-byte mask per cutoff (a policy has a few tiers), no 8-byte search result
    positions = np.full(n, len(inner) + empty, dtype=tier_type)
    for bound in inner:
        np.subtract(positions, keys >= cutoff_of[bound], out=positions, casting="unsafe")
    found: dict[int, Block] = {}
    for bound in inner:
        cutoff = cutoff_of[bound]
        above = int(np.count_nonzero(keys > cutoff))
        reached = int(np.count_nonzero(keys >= cutoff))
        if above < bound < reached:
            found[cutoff] = (cutoff, above + 1, reached)
    if rule is not TieRule.BETTER:
        for key, first, last in found.values():
            members: list[int] = np.flatnonzero(keys == key).tolist()
            if rule is TieRule.SPLIT:
                members.sort(key=lambda i: (-tie_values[i], ids[i]))
                places = np.arange(first, first + len(members))
                positions[members] = np.searchsorted(np.array(bounds), places, side="left")
            else:
                positions[members] = ties.block_tier(bounds, first, last, rule)
    return positions, ties.tier_counts(bounds, tuple(found.values()), rule)


def _highest(keys: Any, bounds: Sequence[int]) -> dict[int, int]:
    """``{b: the b-th highest key}`` for each ``0 < b < n``: one partition, not a sort."""
    import numpy as np

    if not bounds:
        return {}
    n = len(keys)
    picked = np.partition(keys, sorted({n - bound for bound in bounds}))
    return {bound: int(picked[n - bound]) for bound in bounds}


def band_positions(values: Any, thresholds: Sequence[int], tier_type: str) -> tuple[Any, Any]:
    """``(kept, tier positions of the kept)``: the band of each value by integer thresholds.

    Band ``i`` holds the values ``>= thresholds[i]`` and below the next threshold; a value
    below every threshold is left out; the best tier (position 0) is the top band.
    """
    import numpy as np

    band = bands(values, thresholds)
    kept = np.flatnonzero(band >= 0)
    return kept, (len(thresholds) - 1 - band[kept]).astype(tier_type)


def bands(values: Any, thresholds: Sequence[int]) -> Any:
    """Each value's band by integer thresholds (``-1`` below every one; 0 the lowest band)."""
    import numpy as np

    return np.searchsorted(np.array(thresholds, dtype=np.int64), values, side="right") - 1
