"""Tier shares: what percentage of a ranked portfolio each tier holds (SPEC §5a; seed 002)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

from keyaccount.domain.grading import TIER_A, TIER_B, TIER_C, TIER_D, Tier

__all__ = ["DEFAULT_TIER_SHARES", "tier_boundaries"]

# seed 002 §客户分级: A + B = 20 %, C + D = 80 %; the split within is our default (SPEC §5a).
DEFAULT_TIER_SHARES: tuple[tuple[Tier, Decimal], ...] = (
    (TIER_A, Decimal(5)),
    (TIER_B, Decimal(15)),
    (TIER_C, Decimal(30)),
    (TIER_D, Decimal(50)),
)



def tier_boundaries(shares: Sequence[tuple[Tier, Decimal]], size: int) -> tuple[int, ...]:
    """How many of ``size`` accounts fall in each tier or a better one (no ties).

    The ``k``-th boundary is ``n * (share_1 + ... + share_k) / 100`` rounded half up to a
    whole account; the last is always ``n``. A tier's count is the difference of two
    neighbouring boundaries, so counts always add up to ``n`` and each is within one account
    of its exact share.

    >>> from keyaccount.policies import DEFAULT_TIER_SHARES
    >>> tier_boundaries(DEFAULT_TIER_SHARES, 10), tier_boundaries(DEFAULT_TIER_SHARES, 1)
    ((1, 2, 5, 10), (0, 0, 1, 1))
    """
    bounds = []
    cumulative = Decimal(0)
    for _tier, share in shares:
        cumulative += share
        exact = Fraction(cumulative) * size / 100
        bounds.append(int(exact + Fraction(1, 2)))  # floor(x + 1/2): round half up
    return tuple(bounds)

