"""Tier migration between two gradings (客户异动, seed 002 §客户的保有率; SPEC §5d, §9).

The one home of the concept: :class:`MigrationMatrix` places every account of either grading
once, and every count of a migration is read off it (the indicator
:func:`~keyaccount.tier_migration` too). The words, one set everywhere: an account is
**upgraded** (to a tier of a better rank), **downgraded** (to a worse rank), **unchanged**
(same rank), **entered** (graded only in the later grading: it entered the key-account
list) or **left** (graded only in the earlier one: it left the list; not the same as lost,
流失, which :func:`~keyaccount.retention_and_churn` counts).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import Any

import attrs

from keyaccount._errors import InvalidInput
from keyaccount._validation import require_non_empty, to_items
from keyaccount.domain.grading.reading import _read_tiers
from keyaccount.domain.grading.tiers import Tier

__all__ = ["MigrationMatrix"]


def _tier_sort_key(tier: Tier | None) -> tuple[int, int, str]:
    # "not graded" (entered or left) sorts after every tier.
    return (1, 0, "") if tier is None else (0, tier.rank, tier.code)


def _moved(from_tier: Tier | None, to_tier: Tier | None) -> str:
    """Which way a cell moved: the one rule behind every count of a migration."""
    if from_tier is None:
        return "entered"
    if to_tier is None:
        return "left"
    if to_tier.rank < from_tier.rank:
        return "upgraded"
    if to_tier.rank > from_tier.rank:
        return "downgraded"
    return "unchanged"


def _wanted(value: object, *, field: str) -> Tier | str | None:
    """A tier asked for: a :class:`Tier`, its code, or ``None`` (not graded)."""
    if value is None or isinstance(value, Tier):
        return value
    return require_non_empty(value, field=field)


Cell = tuple[Tier | None, Tier | None, tuple[str, ...]]


def _cells(value: Any) -> tuple[Cell, ...]:
    field = "MigrationMatrix.cells"
    cells = to_items(value, field=field, expected="(from_tier, to_tier, account ids)")
    checked: list[Cell] = []
    seen: set[str] = set()
    for cell in cells:
        if not isinstance(cell, tuple) or len(cell) != 3:
            raise InvalidInput(
                f"{field} must hold (from_tier, to_tier, account ids) triples, got {cell!r:.200}"
            )
        src, dst, ids = cell
        for tier in (src, dst):
            if tier is not None and not isinstance(tier, Tier):
                raise InvalidInput(f"{field} must hold Tier values or None, got {tier!r}")
        if src is None and dst is None:
            raise InvalidInput(f"{field} has a cell graded in neither grading: {cell!r:.200}")
        account_ids = to_items(ids, field=f"account ids of {field}", expected="account ids")
        for account_id in account_ids:
            require_non_empty(account_id, field=f"an account id of {field}")
            if account_id in seen:
                raise InvalidInput(f"{field} places account {account_id!r} twice")
            seen.add(account_id)
        checked.append((src, dst, account_ids))
    return tuple(checked)


def _is(tier: Tier | None, wanted: Tier | str | None) -> bool:
    if isinstance(wanted, str):
        return tier is not None and tier.code == wanted
    return tier == wanted


@attrs.frozen
class MigrationMatrix:
    """How accounts moved between two gradings (客户异动, SPEC §5d, §9).

    A cell ``(from_tier, to_tier)`` holds the ids of the accounts that moved so. An account
    only in the later grading *entered* (``from_tier`` is ``None``); one only in the earlier
    grading *left* (``to_tier`` is ``None``). Every account of either grading is in exactly
    one cell, and exactly one of :attr:`upgraded`, :attr:`downgraded`, :attr:`unchanged`,
    :attr:`entered` and :attr:`left`. Up and down compare tier ranks (1 is best), so an
    account moved between two schemes' tiers of the same rank is unchanged.

    Attributes:
        cells: ``((from_tier, to_tier, account ids), ...)``, non-empty cells only, sorted
            best tier first with ``None`` last; ids sorted.

    >>> from keyaccount import TIER_A, TIER_B, TIER_C
    >>> matrix = MigrationMatrix.between({"x": TIER_A, "y": TIER_B, "z": TIER_C},
    ...                                  {"x": TIER_B, "y": TIER_B, "w": TIER_C})
    >>> matrix.count(TIER_A, TIER_B), matrix.accounts(TIER_A, TIER_B), matrix.count("B", "B")
    (1, ('x',), 1)
    >>> matrix.downgraded, matrix.unchanged, matrix.entered, matrix.left
    (('x',), ('y',), ('w',), ('z',))
    """

    cells: tuple[Cell, ...] = attrs.field(converter=_cells)

    @classmethod
    def between(
        cls, before: Mapping[str, object], after: Mapping[str, object]
    ) -> MigrationMatrix:
        """Compare two gradings, each read by :func:`~keyaccount.tiers_of`.

        Args:
            before: the earlier grading: a :class:`~keyaccount.Grading`, a mapping of graded
                accounts or ``{account id: Tier}``.
            after: the later grading, likewise.

        Raises:
            InvalidInput: a grading is not a mapping, holds a blank account id, or holds a
                value that is neither a tier nor a graded account.
        """
        old = _read_tiers(before, field="before")
        new = _read_tiers(after, field="after")
        # Grouped by the tier objects' identity first (a Tier hashes all its fields, an id
        # does not), then the few groups merged by equality.
        by_identity: dict[tuple[int, int], tuple[Tier | None, Tier | None, list[str]]] = {}
        stayed_or_left = zip(old.items(), map(new.get, old), strict=True)
        entered = (((i, None), new[i]) for i in new.keys() - old.keys())
        for (account_id, src), dst in itertools.chain(stayed_or_left, entered):
            key = (id(src), id(dst))
            group = by_identity.get(key)
            if group is None:
                group = by_identity[key] = (src, dst, [])
            group[2].append(account_id)
        cells: dict[tuple[Tier | None, Tier | None], list[str]] = {}
        for src, dst, ids in by_identity.values():
            cells.setdefault((src, dst), []).extend(ids)
        ordered = sorted(
            cells.items(),
            key=lambda item: (_tier_sort_key(item[0][0]), _tier_sort_key(item[0][1])),
        )
        cells_built = tuple((src, dst, tuple(sorted(ids))) for (src, dst), ids in ordered)
        # built from two checked gradings: the cells are not checked a second time
        matrix = object.__new__(cls)
        object.__setattr__(matrix, "cells", cells_built)
        return matrix

    def accounts(
        self, from_tier: Tier | str | None, to_tier: Tier | str | None
    ) -> tuple[str, ...]:
        """The ids that moved from ``from_tier`` to ``to_tier``.

        A tier is given as a :class:`~keyaccount.Tier` or its code; ``None`` means not
        graded (entered from, or left to).

        Raises:
            InvalidInput: a tier that is neither a Tier, a non-blank code nor ``None``.
        """
        from_tier = _wanted(from_tier, field="from_tier")
        to_tier = _wanted(to_tier, field="to_tier")
        for src, dst, ids in self.cells:
            if _is(src, from_tier) and _is(dst, to_tier):
                return ids
        return ()

    def count(self, from_tier: Tier | str | None, to_tier: Tier | str | None) -> int:
        """How many accounts moved from ``from_tier`` to ``to_tier`` (0 if none)."""
        return len(self.accounts(from_tier, to_tier))

    def _where(self, moved: str) -> tuple[str, ...]:
        return tuple(sorted(
            account_id
            for src, dst, ids in self.cells if _moved(src, dst) == moved
            for account_id in ids
        ))

    @property
    def upgraded(self) -> tuple[str, ...]:
        """Accounts graded into a better tier (lower rank number)."""
        return self._where("upgraded")

    @property
    def downgraded(self) -> tuple[str, ...]:
        """Accounts graded into a worse tier; high-value churn starts here (seed 002)."""
        return self._where("downgraded")

    @property
    def unchanged(self) -> tuple[str, ...]:
        """Accounts graded at the same rank in both gradings."""
        return self._where("unchanged")

    @property
    def entered(self) -> tuple[str, ...]:
        """Accounts graded now but not before: they entered the key-account list."""
        return self._where("entered")

    @property
    def left(self) -> tuple[str, ...]:
        """Accounts graded before but not now: they left the key-account list."""
        return self._where("left")
