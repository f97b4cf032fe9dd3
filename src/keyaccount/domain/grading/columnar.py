"""A grading of figures held in columns, read lazily (issue 17; SPEC §5).

``WeightedScoreGrading.grade_columns`` and ``AmountBandGrading.grade_columns`` (in
:mod:`keyaccount.policies`) grade figures a host holds as columns (a DataFrame's, a warehouse
table's) without building an :class:`~keyaccount.AccountFigures` per account. They return a
:class:`ColumnarGrading`: the same reading interface as :class:`~keyaccount.Grading`
(``grading[account_id].tier``, :meth:`~ColumnarGrading.tier_counts`,
:meth:`~ColumnarGrading.tiers_by_account`), backed by one small integer per account, each
account's tier as a position in :attr:`~ColumnarGrading.tiers`
(:attr:`~ColumnarGrading.tier_indices`, in input order). An account's
:class:`~keyaccount.GradedAccount` (score, rank, components) is built only when it is read.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from keyaccount._errors import InvalidInput
from keyaccount._validation import require_non_empty
from keyaccount.domain.grading.graded import GradedAccount, Grading, _ByAccountId
from keyaccount.domain.grading.tiers import Tier

__all__ = ["ColumnarGrading"]


class ColumnarGrading(_ByAccountId):
    """A graded portfolio held as tier indices: a read-only mapping to :class:`GradedAccount`.

    Built by a policy's ``grade_columns`` only (its constructor is internal). Iteration
    follows the input order. Reading an account (``grading[account_id]``) builds, once, the
    exact :class:`~keyaccount.Grading` of the same columns behind the explanations (O(n log n),
    about as long as the object path's grading); :meth:`tier_of`, :meth:`tier_counts`,
    :meth:`tiers_by_account` and :attr:`tier_indices` never do.
    """

    __slots__ = ("_counts", "_explain", "_explained", "_ids", "_index", "_indices", "_tiers")

    def __init__(
        self,
        *,
        ids: Sequence[str],
        tier_indices: Sequence[int],
        tiers: Sequence[Tier],
        counts: Sequence[int],
        explain: Callable[[], Grading],
    ) -> None:
        """A view of checked columns (what ``grade_columns`` builds; not checked again).

        Args:
            ids: the account ids, in input order (unique).
            tier_indices: each account's tier as a position in ``tiers`` (an ``array`` or a
                numpy array).
            tiers: the policy's tiers, best first.
            counts: how many accounts each tier holds.
            explain: builds the :class:`~keyaccount.Grading` of the same accounts that
                explains each one (called once, on the first read of an account).
        """
        self._ids = ids
        self._indices = tier_indices
        self._tiers = tuple(tiers)
        self._counts = tuple(counts)
        self._explain = explain
        self._explained: Grading | None = None
        self._index: dict[str, int] | None = None

    @property
    def tiers(self) -> tuple[Tier, ...]:
        """The tiers of the policy that graded, best first (some may hold no account)."""
        return self._tiers

    @property
    def tier_indices(self) -> Sequence[int]:
        """Each account's tier as a position in :attr:`tiers`, in input order.

        A numpy ``int8`` array when numpy graded, else an ``array('b')``; read-only by
        contract (the view does not copy it).
        """
        return self._indices

    def __getitem__(self, account_id: str) -> GradedAccount:
        self._position_of()[account_id]  # a KeyError for an unknown id, as a mapping gives
        if self._explained is None:
            self._explained = self._explain()
        return self._explained[account_id]

    def tier_of(self, account_id: str) -> Tier:
        """The tier of one account, without building its :class:`GradedAccount`.

        Raises:
            InvalidInput: ``account_id`` is not an account of this grading.
        """
        position = self._position_of().get(account_id) if type(account_id) is str else None
        if position is None:
            require_non_empty(account_id, field="account_id")
            raise InvalidInput(f"account_id {account_id!r} is not graded in this grading")
        return self._tiers[int(self._indices[position])]

    def tier_counts(self) -> dict[Tier, int]:
        """How many accounts each tier holds, best tier first (empty tiers count 0)."""
        return dict(zip(self._tiers, self._counts, strict=True))

    def tiers_by_account(self) -> dict[str, Tier]:
        """Every account's tier, ``{account id: Tier}`` in input order, in one bulk pass."""
        tier_at = self._tiers.__getitem__
        positions: list[int] = self._indices.tolist()  # type: ignore[attr-defined]
        return dict(zip(self._ids, map(tier_at, positions), strict=True))

    def __repr__(self) -> str:
        counts = ", ".join(f"{tier.code}={count}" for tier, count in self.tier_counts().items())
        return f"<ColumnarGrading of {len(self)} accounts: {counts}>"
