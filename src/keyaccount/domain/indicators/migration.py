"""Tier migration as an indicator of a period (客户异动, seed 002 §客户的保有率; SPEC §5d, §9).

The migration itself is the grading package's :class:`~keyaccount.MigrationMatrix`; this
module reads tier codes, as the indicator records carry them, and counts the matrix's cells
for a period's report. Nothing is counted twice: every number here is read off the matrix.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from keyaccount._errors import InvalidInput
from keyaccount._validation import instance_of, require_instances, to_items
from keyaccount.domain.calendar import Period
from keyaccount.domain.grading import AMOUNT_TIERS, SCORE_TIERS, MigrationMatrix, Tier
from keyaccount.domain.indicators._engine import _period

__all__ = ["TierMigration", "tier_migration"]


@attrs.frozen
class TierMigration:
    """Tier migration between two gradings, as counts for a period (客户异动, seed 002).

    The words are the matrix's: ``upgraded``, ``downgraded``, ``unchanged``, ``entered``
    (only in the later grading) and ``left`` (only in the earlier one); here each is a count.

    Attributes:
        period: the period between the two gradings.
        matrix: the :class:`~keyaccount.MigrationMatrix` the counts are read from (who
            moved, by account id).

    >>> migration = tier_migration({"X": "B"}, {"X": "A"}, Period.year(2025))
    >>> migration.count("B", "A"), migration.upgraded, migration.downgraded
    (1, 1, 0)
    >>> migration.matrix.upgraded
    ('X',)
    """

    period: Period = attrs.field(validator=instance_of(Period))
    matrix: MigrationMatrix = attrs.field(validator=instance_of(MigrationMatrix))

    @property
    def moves(self) -> tuple[tuple[tuple[str | None, str | None], int], ...]:
        """``((from tier code, to tier code), accounts)`` per pair that occurred.

        In the matrix's order (best tier first, ``None`` last); ``from`` is ``None`` for an
        account that entered, ``to`` is ``None`` for one that left.
        """
        return tuple(
            ((None if src is None else src.code, None if dst is None else dst.code), len(ids))
            for src, dst, ids in self.matrix.cells
        )

    @property
    def upgraded(self) -> int:
        """How many accounts moved to a better-ranked tier."""
        return len(self.matrix.upgraded)

    @property
    def downgraded(self) -> int:
        """How many accounts moved to a worse-ranked tier."""
        return len(self.matrix.downgraded)

    @property
    def unchanged(self) -> int:
        """How many accounts kept their rank."""
        return len(self.matrix.unchanged)

    @property
    def entered(self) -> int:
        """How many accounts are only in the later grading."""
        return len(self.matrix.entered)

    @property
    def left(self) -> int:
        """How many accounts are only in the earlier grading."""
        return len(self.matrix.left)

    def count(self, from_tier: str | Tier | None, to_tier: str | Tier | None) -> int:
        """Accounts that moved from ``from_tier`` to ``to_tier`` (codes; 0 if none).

        Raises:
            InvalidInput: a tier that is neither a :class:`~keyaccount.Tier`, a tier code
                nor ``None``.
        """
        for name, tier in (("from_tier", from_tier), ("to_tier", to_tier)):
            if tier is not None and not isinstance(tier, Tier) and (
                type(tier) is not str or not tier.strip()
            ):
                raise InvalidInput(f"{name} must be a Tier, a tier code or None, got {tier!r}")
        return self.matrix.count(from_tier, to_tier)


def _known(
    grading: Mapping[str, str | Tier], known: Mapping[str, Tier], *, field: str
) -> dict[str, Tier]:
    """Each account's tier among ``known``, found by its code (a Tier is read by its code)."""
    if not isinstance(grading, Mapping):
        raise InvalidInput(
            f"tier_migration: {field} must be a mapping of account id to tier, "
            f"got {grading!r:.200}"
        )
    tiers = {}
    for account, value in grading.items():
        if type(account) is not str or not account.strip():
            raise InvalidInput(
                f"tier_migration: {field} must be keyed by account id, got {account!r}"
            )
        code = value.code if isinstance(value, Tier) else value
        tier = known.get(code) if type(code) is str else None
        if tier is None:
            raise InvalidInput(
                f"tier_migration: tier {code!r} of account {account!r} ({field}) is not "
                f"a known tier; known: {sorted(known)}"
            )
        tiers[account] = tier
    return tiers


def tier_migration(
    before: Mapping[str, str | Tier],
    after: Mapping[str, str | Tier],
    period: Period,
    *,
    tiers: Iterable[Tier] = (*SCORE_TIERS, *AMOUNT_TIERS),
) -> TierMigration:
    """Count the accounts moving between tiers from one grading to the next.

    Args:
        before: account id to tier (or tier code) in the earlier grading; a grading itself
            is read with :func:`~keyaccount.tiers_of`.
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
    _period(period)
    ladder = to_items(tiers, field="tiers", expected="Tier values")
    require_instances(ladder, Tier, field="tiers")
    known = {tier.code: tier for tier in ladder}
    old = _known(before, known, field="before")
    new = _known(after, known, field="after")
    return TierMigration(period, MigrationMatrix.between(old, new))
