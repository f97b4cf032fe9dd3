"""The vectorised kernels of ``grade_columns`` (private; numpy is an optional extra).

Nothing here imports numpy at module level: :mod:`keyaccount` imports and works without it
(``keyaccount[columnar]`` installs it), and ``_columnar`` calls these only once it has found
numpy. Every kernel is exact: ranks are counts, scores are int64 sums of integer-weighted
counts (or offsets), computed only when :func:`fits` says the largest possible key fits in
int64; otherwise ``_columnar`` takes the exact Python path.

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


def fits(largest_key: int) -> bool:
    """Whether every score key (at most ``largest_key``) fits in int64."""
    return largest_key < INT64_LIMIT


def midranks(values: Any) -> Any:
    """``lower + upper`` per value (its mid-rank percentile times ``2n``), as int64.

    One argsort, one gather, a scan for the runs of equal values, one scatter.
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
    run = np.cumsum(starts_run, dtype=np.int64)  # 1 + the run of each sorted position
    del starts_run
    run -= 1
    ends = np.empty_like(starts)
    ends[:-1] = starts[1:]
    ends[-1:] = n
    ends += starts  # lower + upper of each run of equal values
    del starts
    np.take(ends, run, out=run)  # in place: at most five 8-byte columns alive at once
    del ends
    scaled = np.empty(n, dtype=np.int64)
    scaled[order] = run
    return scaled


def percentile_keys(columns: Sequence[tuple[Any, int]]) -> Any:
    """``sum(weight * (lower + upper))`` per account over ``(int64 column, integer weight)``."""
    import numpy as np

    keys: Any = None
    for values, weight in columns:
        scaled = midranks(values)
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
    ordered = np.sort(keys)
    inner = [bound for bound in bounds if 0 < bound < n]
    empty = sum(1 for bound in bounds if bound == 0)
    cutoffs = sorted(int(ordered[n - bound]) for bound in inner)
    outside = len(cutoffs) + empty
    positions = np.searchsorted(np.array(cutoffs, dtype=np.int64), keys, side="right")
    positions = (outside - positions).astype(tier_type)
    found: dict[int, Block] = {}
    for bound in inner:
        cutoff = int(ordered[n - bound])
        above = n - int(np.searchsorted(ordered, cutoff, side="right"))
        reached = n - int(np.searchsorted(ordered, cutoff, side="left"))
        if above < bound < reached:
            found[cutoff] = (cutoff, above + 1, reached)
    del ordered
    if rule is not TieRule.BETTER:
        for key, first, last in found.values():
            members: list[int] = np.flatnonzero(keys == key).tolist()
            if rule is TieRule.SPLIT:
                members.sort(key=lambda i: (-tie_values[i], ids[i]))
                places = np.arange(first, first + len(members))
                positions[members] = np.searchsorted(np.array(bounds), places, side="left")
            else:
                positions[members] = ties.block_tier(bounds, first, last, rule)
    counts: list[int] = np.bincount(positions, minlength=len(bounds)).tolist()
    return positions, counts


def band_positions(values: Any, thresholds: Sequence[int], tier_type: str) -> tuple[Any, Any]:
    """``(kept, tier positions of the kept)``: the band of each value by integer thresholds.

    Band ``i`` holds the values ``>= thresholds[i]`` and below the next threshold; a value
    below every threshold is left out; the best tier (position 0) is the top band.
    """
    import numpy as np

    band = np.searchsorted(np.array(thresholds, dtype=np.int64), values, side="right") - 1
    kept = np.flatnonzero(band >= 0)
    return kept, (len(thresholds) - 1 - band[kept]).astype(tier_type)
