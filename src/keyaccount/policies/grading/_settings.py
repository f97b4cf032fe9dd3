"""Reading a host's settings into the values of the grading policies (private)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

from keyaccount._validation import require_non_empty, to_decimal, to_pairs
from keyaccount.domain.grading import Tier


def to_shares(
    value: Mapping[Tier, object] | Iterable[tuple[Tier, object]],
) -> tuple[tuple[Tier, Decimal], ...]:
    return tuple(
        (tier, to_decimal(share, field=f"share of tier {getattr(tier, 'code', tier)!r}"))
        for tier, share in to_pairs(value, field="shares", entry="(tier, share)")
    )



def setting_number(value: object, field: str) -> Decimal:
    if isinstance(value, float):
        value = repr(value)  # settings files give floats; their shortest repr is what was meant
    return to_decimal(value, field=field)


def tiers_for_codes(codes: Sequence[object], known: Sequence[Tier]) -> list[Tier]:
    """Tiers for settings codes listed best first: the seed tier where it fits, else a new one."""
    by_code = {tier.code: tier for tier in known}
    tiers = []
    for position, code in enumerate(codes, start=1):
        code = require_non_empty(code, field="tier code")
        seed = by_code.get(code)
        tiers.append(seed if seed is not None and seed.rank == position else Tier(code, position))
    return tiers

