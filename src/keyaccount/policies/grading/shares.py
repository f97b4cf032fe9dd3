"""Tier shares: what percentage of a ranked portfolio each tier holds (SPEC §5a; seed 002)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction

from keyaccount._errors import InvalidInput
from keyaccount._validation import (
    COUNT_LIMIT,
    RATE_PLACES,
    require_bounded,
    require_count,
    to_decimal,
    to_pairs,
)
from keyaccount.domain.grading import TIER_A, TIER_B, TIER_C, TIER_D, Tier

__all__ = ["DEFAULT_TIER_SHARES", "seed_departures", "tier_boundaries"]

# seed 002 §客户分级: A + B = 20 %, C + D = 80 %; the split within is our default (SPEC §5a).
DEFAULT_TIER_SHARES: tuple[tuple[Tier, Decimal], ...] = (
    (TIER_A, Decimal(5)),
    (TIER_B, Decimal(15)),
    (TIER_C, Decimal(30)),
    (TIER_D, Decimal(50)),
)


def check_share(tier: object, share: object) -> Decimal:
    """One tier's share: a percent from 0 to 100 with at most 12 decimal places."""
    if not isinstance(tier, Tier):
        raise InvalidInput(f"shares must be keyed by Tier, got {tier!r}")
    field = f"share of tier {tier.code!r}"
    percent = to_decimal(share, field=field)
    if not 0 <= percent <= 100:
        raise InvalidInput(f"{field} must be from 0 to 100 %, got {percent}")
    return require_bounded(percent, field=field, limit=100, places=RATE_PLACES)


def tier_boundaries(
    shares: Sequence[tuple[Tier, Decimal]] | Mapping[Tier, Decimal], size: int
) -> tuple[int, ...]:
    """How many of ``size`` accounts fall in each tier or a better one (no ties).

    The ``k``-th boundary is ``n * (share_1 + ... + share_k) / 100`` rounded half up to a
    whole account; the last is always ``n``. A tier's count is the difference of two
    neighbouring boundaries, so counts always add up to ``n`` and each is within one account
    of its exact share.

    >>> from keyaccount.policies import DEFAULT_TIER_SHARES
    >>> tier_boundaries(DEFAULT_TIER_SHARES, 10), tier_boundaries(DEFAULT_TIER_SHARES, 1)
    ((1, 2, 5, 10), (0, 0, 1, 1))
    >>> tier_boundaries([(TIER_A, 120), (TIER_B, -20)], 10)
    Traceback (most recent call last):
    ...
    keyaccount.InvalidInput: share of tier 'A' must be from 0 to 100 %, got 120

    Raises:
        InvalidInput: ``size`` is not an int from 0 to ``10**9`` (a bool or a float is not a
            size); a share is not a percent from 0 to 100 with at most 12 decimal places, is
            not keyed by a :class:`Tier`, or the shares do not sum to 100.
    """
    require_count(size, field="size", maximum=COUNT_LIMIT, note=" (accounts)")
    checked = [
        (tier, check_share(tier, share))
        for tier, share in to_pairs(shares, field="shares", entry="(tier, share)")
    ]
    total = sum((share for _, share in checked), Decimal(0))
    if total != 100:
        listed = ", ".join(f"{tier.code}={share}" for tier, share in checked)
        raise InvalidInput(f"tier shares must sum to 100 %, got {total} % ({listed})")
    bounds = []
    cumulative = Decimal(0)
    for _tier, share in checked:
        cumulative += share
        exact = Fraction(cumulative) * size / 100
        bounds.append(int(exact + Fraction(1, 2)))  # floor(x + 1/2): round half up
    return tuple(bounds)



def seed_departures(
    shares: Sequence[tuple[Tier, Decimal]] | Mapping[Tier, Decimal],
) -> tuple[str, ...]:
    """Where tier shares leave seed 002 三(二)1 (A + B = 20 %, C + D = 80 %); empty if nowhere.

    The rule speaks of the seed tiers A-D; shares over other tiers are named as such. Such
    shares stay possible for a host; this only says so.

    >>> from keyaccount.policies import DEFAULT_TIER_SHARES
    >>> seed_departures(DEFAULT_TIER_SHARES)
    ()
    >>> seed_departures([(TIER_A, 10), (TIER_B, 20), (TIER_C, 30), (TIER_D, 40)])
    ('A + B = 30 %, but seed 002 三(二)1 puts A + B at 20 % (C + D at 80 %)',)

    Raises:
        InvalidInput: a share that is not a percent from 0 to 100 keyed by a :class:`Tier`.
    """
    checked = [
        (tier, check_share(tier, share))
        for tier, share in to_pairs(shares, field="shares", entry="(tier, share)")
    ]
    tiers = tuple(tier for tier, _ in checked)
    if tiers != (TIER_A, TIER_B, TIER_C, TIER_D):
        codes = ", ".join(tier.code for tier in tiers)
        return (f"the tiers are {codes}, not seed 002's A, B, C, D: its rule A + B = 20 % "
                "(C + D = 80 %) cannot be checked",)
    top = checked[0][1] + checked[1][1]
    if top == 20:
        return ()
    return (f"A + B = {top.normalize():f} %, but seed 002 三(二)1 puts A + B at 20 % "
            "(C + D at 80 %)",)
