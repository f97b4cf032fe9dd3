"""Where a tie block that straddles a tier boundary goes (SPEC §5a; seed 002 三(二)1).

A share cut puts the ``b`` best accounts in a tier or a better one. When accounts with equal
scores (a *tie block*) sit across such a boundary, the scores alone cannot say which of them
are inside it. :class:`TieRule` is the setting that decides:

* :attr:`TieRule.SPLIT` (the default): order the block by a stated secondary key, the
  tie-break figure descending (default contract amount), then account id, and cut it exactly,
  so the realised shares are the targets (A + B stays at 20 %);
* :attr:`TieRule.BETTER`: the whole block goes to the tier of its best position (0.1.0's rule,
  so 40 accounts with all-zero figures are all A);
* :attr:`TieRule.WORSE`: the whole block goes to the tier of its worst position;
* :attr:`TieRule.NEAREST`: the whole block goes to the tier holding its middle position.

The functions here work on a grading's columns for :class:`~keyaccount.Grading`; positions are
1-based places in the ranking, and a block is ``(key, first, last)``.

>>> TieRule("split"), TieRule.NEAREST.value
(<TieRule.SPLIT: 'split'>, 'nearest')
"""

from __future__ import annotations

import enum
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from itertools import compress, pairwise, repeat
from operator import eq
from typing import Any

__all__ = ["TIE_BREAK_FIGURES", "TieRule"]

#: The figures a tie block can be ordered by under :attr:`TieRule.SPLIT` (descending).
TIE_BREAK_FIGURES: tuple[str, ...] = ("contract_amount", "profit_contribution", "purchase_count")

# (key, first position, last position) of a tie block that straddles a boundary.
Block = tuple[Any, int, int]


class TieRule(enum.Enum):
    """Where a tie block that straddles a tier boundary goes (SPEC §5a; seed 002 三(二)1)."""

    #: Ordered by the tie-break figure descending, then account id, and cut exactly (default).
    SPLIT = "split"
    #: Wholly to the tier of the block's best position (0.1.0's rule).
    BETTER = "better"
    #: Wholly to the tier of the block's worst position.
    WORSE = "worse"
    #: Wholly to the tier of the block's middle position (the upper middle of an even block).
    NEAREST = "nearest"


def straddling_blocks(top: Sequence[Any], bounds: Sequence[int], n: int) -> tuple[Block, ...]:
    """The tie blocks that straddle an inner boundary, best first.

    ``top`` holds, sorted, every key at or above the lowest inner cutoff (the ``b``-th
    highest key of the largest inner boundary ``b``).
    """
    size = len(top)
    found: dict[Any, Block] = {}
    for bound in bounds:
        if 0 < bound < n:
            cutoff = top[size - bound]
            above = size - bisect_right(top, cutoff)
            reached = size - bisect_left(top, cutoff)
            if above < bound < reached:
                found[cutoff] = (cutoff, above + 1, reached)
    return tuple(found.values())


def block_tier(bounds: Sequence[int], first: int, last: int, rule: TieRule) -> int:
    """The tier (a position in the tiers) a whole block goes to under a moving rule."""
    if rule is TieRule.BETTER:
        position = first
    elif rule is TieRule.WORSE:
        position = last
    else:
        position = (first + last) // 2
    return bisect_left(bounds, position)


def overrides(
    keys: Sequence[Any],
    tie_value: Callable[[int], Any],
    ids: Sequence[str],
    bounds: Sequence[int],
    blocks: Sequence[Block],
    rule: TieRule,
) -> dict[int, int]:
    """``{input index: tier position}`` for the accounts whose tier a cut by score misplaces.

    The cut by score puts a block with its best position (the ``better`` rule), so only
    the members of straddling blocks under the other rules are listed. ``tie_value(i)`` is
    the tie-break figure of the account at input index ``i``. One C-speed pass over
    the keys per straddling block (at most one per boundary).
    """
    placed: dict[int, int] = {}
    if rule is TieRule.BETTER:
        return placed
    for key, first, last in blocks:
        members = list(compress(range(len(keys)), map(eq, keys, repeat(key))))
        if rule is TieRule.SPLIT:
            members.sort(key=lambda i: (-tie_value(i), ids[i]))
            for offset, index in enumerate(members):
                placed[index] = bisect_left(bounds, first + offset)
        else:
            placed.update(zip(members, repeat(block_tier(bounds, first, last, rule))))
    return placed


def tier_counts(bounds: Sequence[int], blocks: Sequence[Block], rule: TieRule) -> list[int]:
    """How many accounts each tier holds once the straddling blocks are placed by ``rule``."""
    counts = [high - low for low, high in pairwise((0, *bounds))]
    if rule is TieRule.SPLIT:
        return counts  # the exact cut: the rounded targets
    for _key, first, last in blocks:
        for tier, (low, high) in enumerate(pairwise((0, *bounds))):
            counts[tier] -= max(0, min(last, high) - max(first - 1, low))
        counts[block_tier(bounds, first, last, rule)] += last - first + 1
    return counts
