"""How accounts moved between two gradings (客户异动, SPEC §5d, §9)."""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from keyaccount.domain.grading._tier_map import tiers_of_grading
from keyaccount.domain.grading.tiers import Tier

__all__ = ["MigrationMatrix"]


def _tier_sort_key(tier: Tier | None) -> tuple[int, int, str]:
    # "not graded" (new or dropped) sorts after every tier.
    return (1, 0, "") if tier is None else (0, tier.rank, tier.code)


@attrs.frozen
class MigrationMatrix:
    """How accounts moved between two gradings (客户异动, SPEC §5d, §9).

    A cell ``(from_tier, to_tier)`` holds the ids of the accounts that moved so. Accounts only
    in the later grading are *new* (``from_tier`` is ``None``); accounts only in the earlier
    one are *dropped* (``to_tier`` is ``None``). Accounts that stayed are on the diagonal.

    Attributes:
        cells: ``((from_tier, to_tier, account ids), ...)``, non-empty cells only, sorted
            best tier first with ``None`` last; ids sorted.

    >>> from keyaccount import TIER_A, TIER_B, TIER_C
    >>> matrix = MigrationMatrix.between({"x": TIER_A, "y": TIER_B, "z": TIER_C},
    ...                                  {"x": TIER_B, "y": TIER_B, "w": TIER_C})
    >>> matrix.count(TIER_A, TIER_B), matrix.accounts(TIER_A, TIER_B)
    (1, ('x',))
    >>> matrix.new, matrix.dropped, matrix.downgraded
    (('w',), ('z',), ('x',))
    """

    cells: tuple[tuple[Tier | None, Tier | None, tuple[str, ...]], ...]

    @classmethod
    def between(
        cls, before: Mapping[str, object], after: Mapping[str, object]
    ) -> MigrationMatrix:
        """Compare two gradings, ``{account id: Tier or GradedAccount}`` each."""
        old = tiers_of_grading(before, field="before")
        new = tiers_of_grading(after, field="after")
        cells: dict[tuple[Tier | None, Tier | None], list[str]] = {}
        for account_id in old.keys() | new.keys():
            move = (old.get(account_id), new.get(account_id))
            cells.setdefault(move, []).append(account_id)
        ordered = sorted(
            cells.items(),
            key=lambda item: (_tier_sort_key(item[0][0]), _tier_sort_key(item[0][1])),
        )
        return cls(tuple((src, dst, tuple(sorted(ids))) for (src, dst), ids in ordered))

    def accounts(self, from_tier: Tier | None, to_tier: Tier | None) -> tuple[str, ...]:
        """The ids that moved from ``from_tier`` to ``to_tier`` (``None``: not graded)."""
        for src, dst, ids in self.cells:
            if src == from_tier and dst == to_tier:
                return ids
        return ()

    def count(self, from_tier: Tier | None, to_tier: Tier | None) -> int:
        """How many accounts moved from ``from_tier`` to ``to_tier``."""
        return len(self.accounts(from_tier, to_tier))

    def _where(self, moved: str) -> tuple[str, ...]:
        found: list[str] = []
        for src, dst, ids in self.cells:
            if src is None or dst is None:
                continue
            if (moved == "up" and dst < src) or (moved == "down" and dst > src):
                found.extend(ids)
        return tuple(sorted(found))

    @property
    def upgraded(self) -> tuple[str, ...]:
        """Accounts graded into a better tier (lower rank number)."""
        return self._where("up")

    @property
    def downgraded(self) -> tuple[str, ...]:
        """Accounts graded into a worse tier; high-value churn starts here (seed 002)."""
        return self._where("down")

    @property
    def new(self) -> tuple[str, ...]:
        """Accounts graded now but not before."""
        return tuple(sorted(i for src, _dst, ids in self.cells if src is None for i in ids))

    @property
    def dropped(self) -> tuple[str, ...]:
        """Accounts graded before but not now."""
        return tuple(sorted(i for _src, dst, ids in self.cells if dst is None for i in ids))
