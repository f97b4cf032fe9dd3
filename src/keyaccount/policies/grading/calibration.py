"""Calibration: contract-amount bands that reproduce a grading (SPEC §5a).

Seed 002: 以"客户合同额"拟定可衡量的等级划分标准 — from a graded portfolio, derive the
contract-amount thresholds that reproduce its tiers as closely as possible, so that next
year's new accounts can be placed by contract amount alone. The result is an
:class:`~keyaccount.policies.AmountBandGrading`, a policy, which is why calibration lives
with the policies rather than in the domain.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from itertools import compress
from operator import attrgetter, ne
from typing import Any

import attrs

from keyaccount._errors import InvalidInput
from keyaccount._validation import COUNT_LIMIT, count, instance_of, require_non_empty, to_items
from keyaccount.domain.grading import GradedAccount, Grading, Tier
from keyaccount.policies.grading.bands import AmountBand, AmountBandGrading

__all__ = ["Calibration", "calibrate"]


def _mismatched(value: Any) -> tuple[str, ...]:
    field = "Calibration.mismatched"
    ids: tuple[str, ...] = to_items(value, field=field, expected="account ids")
    for account_id in ids:
        require_non_empty(account_id, field=f"an account id of {field}")
    return ids


@attrs.frozen
class Calibration:
    """Contract-amount bands derived from a grading, and how well they reproduce it.

    Attributes:
        bands: an :class:`AmountBandGrading` on ``contract_amount``; the lowest band starts
            at 0, so every account gets a tier.
        mismatched: ids of the accounts the bands place in a different tier than the
            grading did, sorted.
        portfolio_size: how many accounts were calibrated on.

    Raises:
        InvalidInput: bands that are not an :class:`AmountBandGrading`, a blank or repeated
            mismatched id, a size that is not an int from 0 to ``10**9``, or more mismatched
            accounts than the portfolio holds.
    """

    bands: AmountBandGrading = attrs.field(validator=instance_of(AmountBandGrading))
    mismatched: tuple[str, ...] = attrs.field(converter=_mismatched)
    portfolio_size: int = attrs.field(validator=count(maximum=COUNT_LIMIT))

    def __attrs_post_init__(self) -> None:
        if len(set(self.mismatched)) != len(self.mismatched):
            raise InvalidInput(f"Calibration.mismatched names an account twice: "
                               f"{self.mismatched!r:.200}")
        if len(self.mismatched) > self.portfolio_size:
            raise InvalidInput(
                f"Calibration.mismatched holds {len(self.mismatched)} accounts, more than its "
                f"portfolio_size {self.portfolio_size}"
            )

    @property
    def mismatch_count(self) -> int:
        """How many accounts the bands place differently (0 means an exact reproduction)."""
        return len(self.mismatched)

    @property
    def agreement(self) -> Fraction:
        """Share of accounts the bands place as the grading did (1 for an empty portfolio)."""
        if not self.portfolio_size:
            return Fraction(1)
        return Fraction(self.portfolio_size - self.mismatch_count, self.portfolio_size)


def calibrate(grading: Mapping[str, GradedAccount]) -> Calibration:
    """Derive contract-amount thresholds that reproduce ``grading`` as closely as possible.

    Among all threshold sets (a better tier never below a worse one), the one that misplaces
    the fewest accounts is chosen, by dynamic programming over the distinct contract amounts
    (O(n log n + n * tiers)). Each tier's lower bound is the smallest contract amount it
    keeps; among equally good threshold sets the lowest thresholds win. Tiers that keep no
    account get no band.

    Args:
        grading: a graded portfolio (from any :class:`GradingPolicy`).

    Returns:
        A :class:`Calibration`.

    Raises:
        InvalidInput: the grading is empty (there is nothing to calibrate on), is not a
            mapping, or holds a value that is not a :class:`GradedAccount`.
    """
    if isinstance(grading, Grading):  # columns: no GradedAccount built per account
        tier_of = grading.tiers_by_account()
        ids: Sequence[str] = list(tier_of)
        tiers: Sequence[Tier] = list(tier_of.values())
        contract = list(map(attrgetter("contract_amount"), grading.figures_in_order()))
    else:
        if not isinstance(grading, Mapping):
            raise InvalidInput(f"grading must be a mapping of account id to GradedAccount, "
                               f"got {grading!r}")
        graded = list(grading.values())
        for key, account in grading.items():
            if not isinstance(account, GradedAccount):
                raise InvalidInput(
                    f"grading[{key!r}] must be a GradedAccount, got {account!r:.200}"
                )
        ids = [account.account_id for account in graded]
        tiers = [account.tier for account in graded]
        contract = [account.figures.contract_amount for account in graded]
    if not ids:
        raise InvalidInput("cannot calibrate on an empty grading: no account to learn from")
    # Tier hashes run in Python (attrs), so tiers are told apart by object first (C-speed);
    # equal tiers that are distinct objects still share one level.
    distinct = {id(tier): tier for tier in tiers}
    levels = sorted(set(distinct.values()), reverse=True)  # worst first
    level_of = {tier: level for level, tier in enumerate(levels)}
    level_by_object = {key: level_of[tier] for key, tier in distinct.items()}
    account_levels = list(map(level_by_object.__getitem__, map(id, tiers)))
    per_amount: dict[Decimal, list[int]] = {}
    for amount, level in zip(contract, account_levels, strict=True):
        counts = per_amount.get(amount)
        if counts is None:
            counts = per_amount[amount] = [0] * len(levels)
        counts[level] += 1
    # Sorted on float keys first (fast), then on the Decimals themselves: the second sort
    # finds the list already (almost) in order, so it costs one pass and makes it exact.
    amounts = sorted(sorted(per_amount, key=float))
    level_count = len(levels)
    # cost[l]: fewest misplaced accounts so far with the current amount at level l.
    cost = [0] * level_count
    choices: list[list[int]] = []
    for amount in amounts:
        counts = per_amount[amount]
        size = sum(counts)
        best_before, best_level = cost[0], 0
        new_cost = []
        choice = []
        for level in range(level_count):
            if cost[level] <= best_before:  # ties go to the higher level: lower thresholds
                best_before, best_level = cost[level], level
            new_cost.append(best_before + size - counts[level])
            choice.append(best_level)
        cost = new_cost
        choices.append(choice)
    level = max(range(level_count), key=lambda candidate: (-cost[candidate], candidate))
    assigned = [0] * len(amounts)
    for position in range(len(amounts) - 1, -1, -1):
        assigned[position] = level
        level = choices[position][level]
    lowest: dict[int, Decimal] = {}
    for amount, assigned_level in zip(amounts, assigned, strict=True):
        lowest.setdefault(assigned_level, amount)
    used = sorted(lowest)
    bounds = [Decimal(0), *(lowest[level] for level in used[1:])]
    bands = [
        AmountBand(levels[level], lower, bounds[i + 1] if i + 1 < len(used) else None)
        for i, (level, lower) in enumerate(zip(used, bounds, strict=True))
    ]
    result = AmountBandGrading(bands, figure="contract_amount")
    level_at = dict(zip(amounts, assigned, strict=True))
    mismatched = tuple(sorted(compress(
        ids, map(ne, map(level_at.__getitem__, contract), account_levels)
    )))
    return Calibration(result, mismatched, len(ids))
