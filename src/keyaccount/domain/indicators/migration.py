"""Tier migration between two gradings (客户异动, seed 002 §客户的保有率; SPEC §5d)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from keyaccount._errors import InvalidInput
from keyaccount.domain.calendar import Period
from keyaccount.domain.grading import AMOUNT_TIERS, SCORE_TIERS, Tier
from keyaccount.domain.indicators.values import _group_key_order

__all__ = ["TierMigration", "tier_migration"]


@attrs.frozen
class TierMigration:
    """Tier migration between two gradings (客户异动, seed 002 §客户的保有率; SPEC §5d).

    Attributes:
        period: the period between the two gradings.
        moves: ``((from tier, to tier), accounts)`` for every pair that occurred, sorted;
            ``from`` is None for an account new in the second grading, ``to`` is None for
            an account that left.
        upgraded: accounts that moved to a better-ranked tier.
        downgraded: accounts that moved to a worse-ranked tier.
        unchanged: accounts in the same tier in both gradings.
        entered: accounts only in the second grading.
        left: accounts only in the first grading.

    >>> migration = tier_migration({"X": "B"}, {"X": "A"}, Period.year(2025))
    >>> migration.count("B", "A"), migration.upgraded, migration.downgraded
    (1, 1, 0)
    """

    period: Period
    moves: tuple[tuple[tuple[str | None, str | None], int], ...]
    upgraded: int
    downgraded: int
    unchanged: int
    entered: int
    left: int

    def count(self, from_tier: str | None, to_tier: str | None) -> int:
        """Accounts that moved from ``from_tier`` to ``to_tier`` (0 if none)."""
        for pair, accounts in self.moves:
            if pair == (from_tier, to_tier):
                return accounts
        return 0


def _code_of(tier: str | Tier) -> str:
    return tier.code if isinstance(tier, Tier) else tier


def _migration_key(pair: tuple[str | None, str | None]) -> tuple[tuple[bool, str], ...]:
    return tuple(_group_key_order(code) for code in pair)


def tier_migration(
    before: Mapping[str, str | Tier],
    after: Mapping[str, str | Tier],
    period: Period,
    *,
    tiers: Iterable[Tier] = (*SCORE_TIERS, *AMOUNT_TIERS),
) -> TierMigration:
    """Count the accounts moving between tiers from one grading to the next.

    Args:
        before: account id to tier (or tier code) in the earlier grading.
        after: account id to tier (or tier code) in the later grading.
        period: the period between the gradings.
        tiers: the tiers whose ranks decide up- or downgrades (both seed schemes by default).

    Raises:
        InvalidInput: a tier code is not among ``tiers``.

    >>> m = tier_migration({"X": "A", "Y": "C", "Z": "D"}, {"X": "B", "Y": "C", "W": "D"},
    ...                    Period.year(2025))
    >>> m.downgraded, m.unchanged, m.entered, m.left, m.count("A", "B")
    (1, 1, 1, 1, 1)
    """
    rank = {tier.code: tier.rank for tier in tiers}
    old = {account: _code_of(code) for account, code in before.items()}
    new = {account: _code_of(code) for account, code in after.items()}
    for grading, codes in (("before", old), ("after", new)):
        for account, code in codes.items():
            if code not in rank:
                raise InvalidInput(
                    f"tier_migration: tier {code!r} of account {account!r} ({grading}) is not "
                    f"a known tier; known: {sorted(rank)}"
                )
    moves: dict[tuple[str | None, str | None], int] = {}
    upgraded = downgraded = unchanged = 0
    for account in old.keys() | new.keys():
        pair = (old.get(account), new.get(account))
        moves[pair] = moves.get(pair, 0) + 1
        if pair[0] is None or pair[1] is None:
            continue
        if rank[pair[1]] < rank[pair[0]]:
            upgraded += 1
        elif rank[pair[1]] > rank[pair[0]]:
            downgraded += 1
        else:
            unchanged += 1
    entered = sum(n for (source, _), n in moves.items() if source is None)
    left = sum(n for (_, target), n in moves.items() if target is None)
    ordered = tuple(sorted(moves.items(), key=lambda item: _migration_key(item[0])))
    return TierMigration(period, ordered, upgraded, downgraded, unchanged, entered, left)
