"""Graded accounts, and the graded portfolio a grading policy returns (SPEC §5).

A :class:`GradedAccount` says where a grading placed one account and why; a :class:`Grading`
is the whole graded portfolio, a read-only mapping from account id to :class:`GradedAccount`
held as columns, so that a million accounts cost a few columns of numbers rather than a
million objects. The policies in :mod:`keyaccount.policies` build it; everything that reads
a grading (history, migration, calibration, the customer files) reads it through the
mapping, or in bulk through :meth:`Grading.tiers_by_account`; :func:`tiers_of` reads any
grading, a policy's or a host's own, as ``{account id: Tier}``.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from itertools import compress, repeat
from operator import attrgetter, le, neg, sub
from typing import Any, TypeVar

import attrs

from keyaccount._errors import InvalidInput
from keyaccount._validation import (
    COUNT_LIMIT,
    MONEY_LIMIT,
    count,
    instance_of,
    instances_of,
    non_empty,
    require_non_empty,
    to_items,
)
from keyaccount.domain.grading import ties
from keyaccount.domain.grading._columns import checked_columns
from keyaccount.domain.grading.figures import AccountFigures, ScoreComponent
from keyaccount.domain.grading.tiers import Tier
from keyaccount.domain.grading.ties import Block, TieRule

__all__ = ["GradedAccount", "Grading"]


def _components(value: Iterable[ScoreComponent]) -> tuple[ScoreComponent, ...]:
    return to_items(value, field="GradedAccount.components", expected="ScoreComponent values")


def _score(_instance: object, _attribute: object, value: Fraction) -> None:
    if not isinstance(value, Fraction) or not -MONEY_LIMIT <= value <= MONEY_LIMIT:
        raise InvalidInput(
            f"GradedAccount.score must be a Fraction of at most 10**15 in magnitude, "
            f"got {value!r}"
        )


_position = count(1, maximum=COUNT_LIMIT)


@attrs.frozen(kw_only=True)
class GradedAccount:
    """An account as a grading placed it.

    Attributes:
        account_id: the account.
        tier: the tier it was placed in.
        score: the exact score the ranking compared (a :class:`~fractions.Fraction`, so equal
            scores are real ties and unequal ones never collapse).
        rank: competition rank, ``1 + the number of accounts with a strictly higher score``;
            tied accounts share a rank (1, 2, 2, 4).
        portfolio_size: how many accounts were graded together.
        components: the normalised figures behind the score, one :class:`ScoreComponent`
            each (figures with weight zero are left out).
        figures: the :class:`AccountFigures` that were graded (of the same account).

    Raises:
        InvalidInput: a field of the wrong type, a rank outside ``1..portfolio_size``, a
            score that is not a Fraction of at most ``10**15`` in magnitude, or figures of
            another account.
    """

    account_id: str = attrs.field(validator=non_empty)
    tier: Tier = attrs.field(validator=instance_of(Tier))
    score: Fraction = attrs.field(validator=_score)
    rank: int = attrs.field(validator=_position)
    portfolio_size: int = attrs.field(validator=_position)
    components: tuple[ScoreComponent, ...] = attrs.field(
        converter=_components, validator=instances_of(ScoreComponent)
    )
    figures: AccountFigures = attrs.field(validator=instance_of(AccountFigures))

    def __attrs_post_init__(self) -> None:
        if self.rank > self.portfolio_size:
            raise InvalidInput(
                f"GradedAccount.rank of {self.account_id!r} must be at most its "
                f"portfolio_size {self.portfolio_size}, got {self.rank}"
            )
        if self.figures.account_id != self.account_id:
            raise InvalidInput(
                f"GradedAccount.figures must be the figures of its account_id "
                f"{self.account_id!r}, got the figures of {self.figures.account_id!r}"
            )

    def explain(self) -> str:
        """One line saying why the account has its tier, for a report or a tooltip."""
        parts = " + ".join(
            f"{c.weight} x {c.figure} {float(c.value):.4f}" for c in self.components
        )
        return (
            f"{self.account_id}: tier {self.tier.code} ({self.tier.label_zh}), "
            f"rank {self.rank} of {self.portfolio_size}, "
            f"score {float(self.score):.4f} = {parts}"
        )



V = TypeVar("V")


def _unchecked(kind: type[V], **fields: object) -> V:
    """A frozen attrs value of ``kind`` from fields already checked (no validator runs)."""
    value = object.__new__(kind)
    for name, field_value in fields.items():
        object.__setattr__(value, name, field_value)
    return value


class _ByAccountId(Mapping[str, GradedAccount]):
    """A grading as a mapping over its account ids, in input order.

    ``Grading`` and the columnar view share it; ``_ids`` and a lazy ``_index`` are the
    subclass's slots.
    """

    __slots__ = ()
    _ids: Sequence[str]
    _index: dict[str, int] | None

    def __len__(self) -> int:
        return len(self._ids)

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __contains__(self, account_id: object) -> bool:
        return account_id in self._position_of()

    def _position_of(self) -> dict[str, int]:
        # the bulk reads follow input order, so a million-account grading pays for this
        # dict only when an account is looked up
        if self._index is None:
            self._index = dict(zip(self._ids, range(len(self._ids)), strict=True))
        return self._index


class Grading(_ByAccountId):
    """A graded portfolio: a read-only mapping from account id to :class:`GradedAccount`.

    The ranking is held as columns (one exact sort key per account), and each
    :class:`GradedAccount` is built when it is read, so grading a million accounts does not
    build a million objects. Iteration follows the input order. The keys are sorted only
    when needed: the tier cut sorts just the keys at or above the last inner boundary (about
    the top half under the default shares), a rank lookup sorts them all, once.
    """

    __slots__ = (
        "_bounds",
        "_columns",
        "_figures",
        "_ids",
        "_index",
        "_key_unit",
        "_keys",
        "_sorted_keys",
        "_tie_break",
        "_tie_rule",
        "_tie_state",
        "_tie_values",
        "_tier_list",
        "_tiers",
        "_top_keys",
    )

    def __init__(
        self,
        *,
        figures: Sequence[AccountFigures],
        ids: Sequence[str],
        keys: Sequence[Any],
        key_unit: Fraction,
        columns: Sequence[tuple[str, Decimal, Sequence[Any], Fraction]],
        tiers: Sequence[Tier],
        bounds: Sequence[int] | None = None,
        tier_list: Sequence[int] | None = None,
        tie_rule: TieRule | str = TieRule.SPLIT,
        tie_break: str = "contract_amount",
    ) -> None:
        """A grading from its columns (what a grading policy builds; every column checked).

        Args:
            figures: the graded :class:`AccountFigures`, in input order.
            ids: their account ids, in the same order (unique).
            keys: one exact sort key per account (an int, Fraction or finite Decimal);
                ``key * key_unit`` is the account's score.
            key_unit: a Fraction from 0 to 1.
            columns: ``(figure, weight, values, unit)`` per figure behind the score, one
                value per account.
            tiers: the policy's tiers, best first.
            bounds: for a share cut, how many accounts each tier or a better one holds
                (rising, the last is the number of accounts); or else
            tier_list: each account's tier as a position in ``tiers``.
            tie_rule: with ``bounds``, where a tie block that straddles a boundary goes
                (:class:`TieRule`, default ``split``).
            tie_break: with ``split``, the figure that orders a tie block, descending, before
                the account id (one of :data:`TIE_BREAK_FIGURES`).

        Raises:
            InvalidInput: a column of the wrong type or length, ids that are not the
                figures' ids, neither or both of ``bounds`` and ``tier_list``, bounds
                that fall or do not end at the number of accounts, an unknown tie rule or
                tie-break figure.
        """
        self._set(**checked_columns(
            figures=figures, ids=ids, keys=keys, key_unit=key_unit, columns=columns,
            tiers=tiers, bounds=bounds, tier_list=tier_list, tie_rule=tie_rule,
            tie_break=tie_break,
        ))

    @classmethod
    def _trusted(
        cls,
        *,
        figures: Sequence[AccountFigures],
        ids: Sequence[str],
        keys: Sequence[Any],
        key_unit: Fraction,
        columns: Sequence[tuple[str, Decimal, Sequence[Any], Fraction]],
        tiers: Sequence[Tier],
        bounds: Sequence[int] | None = None,
        tier_list: Sequence[int] | None = None,
        tie_rule: TieRule = TieRule.SPLIT,
        tie_break: str = "contract_amount",
        tie_values: Sequence[Any] | None = None,
    ) -> Grading:
        """A grading a policy of this library built from checked figures, not checked again.

        Grading a million accounts must not pay for a second check of its columns.
        ``tie_values`` is the tie-break figure's column when the figures are built on demand.
        """
        grading = cls.__new__(cls)
        grading._set(
            figures=figures, ids=ids, keys=keys, key_unit=key_unit, columns=columns,
            tiers=tiers, bounds=bounds, tier_list=tier_list, tie_rule=tie_rule,
            tie_break=tie_break,
        )
        grading._tie_values = tie_values
        return grading

    def _set(
        self,
        *,
        figures: Sequence[AccountFigures],
        ids: Sequence[str],
        keys: Sequence[Any],
        key_unit: Fraction,
        columns: Sequence[tuple[str, Decimal, Sequence[Any], Fraction]],
        tiers: Sequence[Tier],
        bounds: Sequence[int] | None,
        tier_list: Sequence[int] | None,
        tie_rule: TieRule,
        tie_break: str,
    ) -> None:
        self._figures = figures
        self._ids = ids
        self._index: dict[str, int] | None = None  # built on the first lookup by id
        self._keys = keys
        self._sorted_keys: list[Any] | None = None  # every key, sorted on the first rank read
        self._top_keys: list[Any] | None = None  # the highest keys, sorted, for the tier cut
        self._key_unit = key_unit
        self._columns = columns
        self._tiers = tuple(tiers)
        self._bounds = bounds
        self._tier_list = tier_list
        self._tie_rule = tie_rule
        self._tie_break = tie_break
        self._tie_state: tuple[tuple[Block, ...], dict[int, int]] | None = None
        self._tie_values: Sequence[Any] | None = None

    @property
    def tiers(self) -> tuple[Tier, ...]:
        """The tiers of the policy that graded, best first (some may hold no account)."""
        return self._tiers


    def _all_sorted(self) -> list[Any]:
        if self._sorted_keys is None:
            self._sorted_keys = sorted(self._keys)
        return self._sorted_keys

    def _top_sorted(self, needed: int) -> list[Any]:
        """Sorted keys holding every key ``>=`` the first one, and at least ``needed`` keys.

        A sorted sample of every 64th key says, with a wide margin, which key about
        ``needed`` keys lie above; only the keys at or above it are sorted. Should the sample
        mislead (fewer than ``needed`` kept), every key is sorted: the result is exact either
        way, the sample only decides the cost.
        """
        if self._sorted_keys is not None:
            return self._sorted_keys
        if self._top_keys is not None and len(self._top_keys) >= needed:
            return self._top_keys
        keys = self._keys
        n = len(keys)
        step = 64
        if n < 256 * step or 4 * needed > 3 * n:  # small, or most keys needed: sort them all
            return self._all_sorted()
        sample = sorted(keys[::step])
        share = needed / n
        margin = 8 + int(6 * math.sqrt(len(sample) * share * (1 - share)))  # 6 sigma
        start = len(sample) - math.ceil(needed / step) - margin
        if start <= 0:
            return self._all_sorted()
        low = sample[start]
        top = sorted(compress(keys, map(le, repeat(low), keys)))
        if len(top) < needed:
            return self._all_sorted()
        self._top_keys = top
        return top

    def _inner_cutoffs(self) -> list[Any]:
        """For each boundary ``0 < b < n``: the ``b``-th highest key.

        Boundaries 0 (no account) and ``n`` (every account) need no key.
        """
        assert self._bounds is not None
        n = len(self._keys)
        inner = [bound for bound in self._bounds if 0 < bound < n]
        if not inner:
            return []
        top = self._top_sorted(max(inner))
        size = len(top)
        return [top[size - bound] for bound in inner]

    def _ties(self) -> tuple[tuple[Block, ...], dict[int, int]]:
        """The straddling tie blocks, and the accounts the rule places off the cut by score."""
        if self._tie_state is None:
            assert self._bounds is not None
            n = len(self._keys)
            inner = [bound for bound in self._bounds if 0 < bound < n]
            blocks = ties.straddling_blocks(self._top_sorted(max(inner)), self._bounds, n) \
                if inner else ()
            values = self._tie_values
            tie_value = values.__getitem__ if values is not None else (
                lambda i: getattr(self._figures[i], self._tie_break))
            self._tie_state = blocks, ties.overrides(
                self._keys, tie_value, self._ids, self._bounds, blocks, self._tie_rule)
        return self._tie_state

    @property
    def tie_rule(self) -> TieRule | None:
        """Where straddling tie blocks went (:class:`TieRule`); ``None`` for a tier list."""
        return None if self._bounds is None else self._tie_rule

    @property
    def tie_blocks_split(self) -> int:
        """How many tie blocks straddled a boundary and were cut (rule ``split``)."""
        if self._bounds is None or self._tie_rule is not TieRule.SPLIT:
            return 0
        return len(self._ties()[0])

    @property
    def tie_blocks_moved(self) -> int:
        """How many tie blocks straddled a boundary and went wholly to one tier."""
        if self._bounds is None or self._tie_rule is TieRule.SPLIT:
            return 0
        return len(self._ties()[0])

    def realised_shares(self) -> dict[Tier, Decimal]:
        """Each tier's share of the accounts in percent, rounded half even to 0.01, best first.

        Under the ``split`` rule these are the policy's target shares as the rounding to whole
        accounts allows; :meth:`tier_counts` has the exact counts.
        """
        n = len(self._ids)
        return {tier: (Decimal(100 * held) / n if n else Decimal(0)).quantize(Decimal("0.01"))
                for tier, held in self.tier_counts().items()}

    def _rank(self, position: int) -> int:
        # competition rank: 1 + the number of accounts with a strictly higher key.
        keys = self._all_sorted()
        return 1 + len(keys) - bisect_right(keys, self._keys[position])

    def _tier_at(self, position: int, rank: int) -> Tier:
        if self._tier_list is not None:
            return self._tiers[self._tier_list[position]]
        assert self._bounds is not None
        placed = self._ties()[1].get(position)
        return self._tiers[bisect_left(self._bounds, rank) if placed is None else placed]

    def tier_of(self, account_id: str) -> Tier:
        """The tier of one account, without building its :class:`GradedAccount`.

        Raises:
            InvalidInput: ``account_id`` is not an account of this grading.
        """
        position = self._position_of().get(account_id) if type(account_id) is str else None
        if position is None:
            require_non_empty(account_id, field="account_id")
            raise InvalidInput(f"account_id {account_id!r} is not graded in this grading")
        return self._tier_at(position, self._rank(position))

    def __getitem__(self, account_id: str) -> GradedAccount:
        position = self._position_of()[account_id]
        rank = self._rank(position)
        # built from checked columns: the values' validators would only repeat the checks
        return _unchecked(
            GradedAccount,
            account_id=account_id,
            tier=self._tier_at(position, rank),
            score=self._key_unit * Fraction(self._keys[position]),
            rank=rank,
            portfolio_size=len(self._ids),
            components=tuple(
                _unchecked(ScoreComponent, figure=figure,
                           value=Fraction(values[position]) * unit, weight=weight)
                for figure, weight, values, unit in self._columns
            ),
            figures=self._figures[position],
        )

    def ranked(self) -> tuple[str, ...]:
        """Account ids best first (O(n log n)).

        Accounts with equal scores follow in id order; under the ``split`` tie rule by the
        tie-break figure descending first, the order the tier cut follows.
        """
        keys = self._keys  # ints, Fractions or Decimals: all negate exactly
        if self._bounds is not None and self._tie_rule is TieRule.SPLIT:
            broken = map(neg, map(attrgetter(self._tie_break), self._figures))
            rows = sorted(zip(map(neg, keys), broken, self._ids, strict=True))
            return tuple(row[2] for row in rows)
        return tuple(
            account_id
            for _key, account_id in sorted(zip(map(neg, keys), self._ids, strict=True))
        )

    def _tier_positions(self) -> Iterable[int]:
        """Each account's tier as a position in :attr:`tiers`, in input order (C-speed passes)."""
        if self._tier_list is not None:
            return self._tier_list
        assert self._bounds is not None
        # rank <= bound exactly when the key is >= the bound-th highest key (the cutoff); an
        # account's tier position is the number of boundaries it is not within (every
        # account is within a boundary n, none within a boundary 0).
        empty = sum(1 for bound in self._bounds if bound == 0)
        cutoffs = sorted(self._inner_cutoffs())
        outside = len(cutoffs) + empty
        by_score = map(sub, repeat(outside), map(bisect_right, repeat(cutoffs), self._keys))
        placed = self._ties()[1]
        if not placed:
            return by_score
        positions = list(by_score)
        for index, tier in placed.items():
            positions[index] = tier
        return positions

    def tiers_by_account(self) -> dict[str, Tier]:
        """Every account's tier, ``{account id: Tier}`` in input order, in one bulk pass.

        The fast way to read a large grading (no :class:`GradedAccount` is built); the result
        is what :func:`tiers_of` reads, and so what :class:`~keyaccount.MigrationMatrix` and
        :func:`~keyaccount.tier_changes` compare.
        """
        tier_at = self._tiers.__getitem__
        return dict(zip(self._ids, map(tier_at, self._tier_positions()), strict=True))

    def figures_in_order(self) -> Sequence[AccountFigures]:
        """The graded :class:`AccountFigures`, in the order of iteration."""
        return self._figures

    def tier_counts(self) -> dict[Tier, int]:
        """How many accounts each tier holds, best tier first (empty tiers count 0)."""
        if self._tier_list is not None:
            counted = Counter(self._tier_list)
            return {tier: counted[i] for i, tier in enumerate(self._tiers)}
        assert self._bounds is not None
        counts = ties.tier_counts(self._bounds, self._ties()[0], self._tie_rule)
        return dict(zip(self._tiers, counts, strict=True))

    def __repr__(self) -> str:
        counts = ", ".join(f"{tier.code}={count}" for tier, count in self.tier_counts().items())
        return f"<Grading of {len(self)} accounts: {counts}>"
