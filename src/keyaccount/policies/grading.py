"""Grading policies: who the key accounts are, and at which tier (SPEC §5a, §5b).

* :class:`WeightedScoreGrading` (seed 002 §客户分级): normalise contract amount, profit
  contribution and purchase count over the portfolio, weight them 40/40/20, rank the
  portfolio and cut it into tiers A 5 %, B 15 %, C 30 %, D 50 %.
* :class:`AmountBandGrading` (seed 004 第5条): fixed bands of annual purchase amount.
* :func:`calibrate` turns a graded portfolio into contract-amount bands that reproduce it
  as closely as possible (seed 002: 以"客户合同额"拟定可衡量的等级划分标准).

Exactness. Percentile ranks are whole-number counts: the percentile of a value is
``(lower + upper) / 2n`` where ``lower`` accounts have a strictly smaller value and
``upper`` a smaller-or-equal one. With the weights written as integers over a common power of
ten, ``score * 2n * 10**k`` is an integer, so the ranking compares exact integers: equal scores
are real ties and unequal ones never collapse, at the speed of integer sorting.

>>> from keyaccount import AccountFigures
>>> from keyaccount.policies import presets
>>> grading = presets.weighted_grading().grade([
...     AccountFigures(account_id=f"c{i}", contract_amount=1000 * i,
...                    profit_contribution=i, purchase_count=i)
...     for i in range(1, 21)])
>>> [grading[f"c{i}"].tier.code for i in (20, 19, 17, 16, 11, 10, 1)]
['A', 'B', 'B', 'C', 'C', 'D', 'D']
"""

from __future__ import annotations

import enum
import math
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from itertools import accumulate, compress, islice, pairwise, repeat
from operator import add, attrgetter, eq, itemgetter, le, mul, ne, neg, setitem, sub
from typing import Any

import attrs

from keyaccount._errors import InvalidInput, PolicyConfigError
from keyaccount._validation import check_settings_keys, to_decimal
from keyaccount.domain.grading import AccountFigures, GradedAccount, ScoreComponent
from keyaccount.domain.tiers import (
    AMOUNT_TIERS,
    ORDINARY,
    PARTNER,
    SCORE_TIERS,
    STRATEGIC,
    TIER_A,
    TIER_B,
    TIER_C,
    TIER_D,
    Tier,
)

__all__ = [
    "DEFAULT_AMOUNT_BANDS",
    "DEFAULT_TIER_SHARES",
    "DEFAULT_WEIGHTS",
    "AmountBand",
    "AmountBandGrading",
    "Calibration",
    "Grading",
    "Normalisation",
    "ScoreWeights",
    "WeightedScoreGrading",
    "calibrate",
    "tier_boundaries",
]

FIGURES = ("contract_amount", "profit_contribution", "purchase_count")


# --- settings values ---------------------------------------------------------------------------


def _contract_weight(value: object) -> Decimal:
    return to_decimal(value, field="ScoreWeights.contract_amount")


def _profit_weight(value: object) -> Decimal:
    return to_decimal(value, field="ScoreWeights.profit_contribution")


def _count_weight(value: object) -> Decimal:
    return to_decimal(value, field="ScoreWeights.purchase_count")


@attrs.frozen
class ScoreWeights:
    """How much each figure counts in the weighted score (SPEC §5a).

    Attributes:
        contract_amount: weight of contract amount 合同额.
        profit_contribution: weight of profit contribution 利润贡献率.
        purchase_count: weight of purchase frequency 消费频次.

    Weights are Decimals ``>= 0`` that sum to exactly 1.

    Raises:
        InvalidInput: a negative weight, a float, or weights that do not sum to 1.
    """

    contract_amount: Decimal = attrs.field(converter=_contract_weight)
    profit_contribution: Decimal = attrs.field(converter=_profit_weight)
    purchase_count: Decimal = attrs.field(converter=_count_weight)

    def __attrs_post_init__(self) -> None:
        for figure, weight in self.items():
            if weight < 0:
                raise InvalidInput(f"ScoreWeights.{figure} must be >= 0, got {weight}")
        total = sum(self.as_tuple(), Decimal(0))
        if total != 1:
            listed = ", ".join(f"{figure}={weight}" for figure, weight in self.items())
            raise InvalidInput(f"weights must sum to 1, got {total} ({listed})")

    def as_tuple(self) -> tuple[Decimal, Decimal, Decimal]:
        """The weights in figure order: contract amount, profit contribution, purchase count."""
        return (self.contract_amount, self.profit_contribution, self.purchase_count)

    def items(self) -> tuple[tuple[str, Decimal], ...]:
        """``(figure name, weight)`` pairs in figure order."""
        return tuple(zip(FIGURES, self.as_tuple(), strict=True))


# seed 002 §客户分级: 合同额 40 %, 利润贡献率 40 %, 消费频次 20 %.
DEFAULT_WEIGHTS = ScoreWeights(Decimal("0.4"), Decimal("0.4"), Decimal("0.2"))

# seed 002 §客户分级: A + B = 20 %, C + D = 80 %; the split within is our default (SPEC §5a).
DEFAULT_TIER_SHARES: tuple[tuple[Tier, Decimal], ...] = (
    (TIER_A, Decimal(5)),
    (TIER_B, Decimal(15)),
    (TIER_C, Decimal(30)),
    (TIER_D, Decimal(50)),
)


class Normalisation(enum.Enum):
    """How each figure is put on a common 0..1 scale before weighting (SPEC §5a)."""

    #: Percentile rank ``(lower + upper) / 2n`` (mid-rank): order-only, so scale-invariant.
    PERCENTILE = "percentile"
    #: ``(value - min) / (max - min)``; ``1/2`` for every account when all values are equal.
    MIN_MAX = "min_max"


def _shares(
    value: Mapping[Tier, object] | Iterable[tuple[Tier, object]],
) -> tuple[tuple[Tier, Decimal], ...]:
    pairs = value.items() if isinstance(value, Mapping) else value
    return tuple(
        (tier, to_decimal(share, field=f"share of tier {getattr(tier, 'code', tier)!r}"))
        for tier, share in pairs
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


def _tier_count_text(tiers: Sequence[Tier]) -> str:
    return ", ".join(tier.code for tier in tiers)


# --- the result: a lazy mapping -------------------------------------------------------------


class Grading(Mapping[str, GradedAccount]):
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
        "_tier_list",
        "_tiers",
        "_top_keys",
    )

    def __init__(
        self,
        *,
        figures: Sequence[AccountFigures],
        ids: list[str],
        keys: Sequence[Any],
        key_unit: Fraction,
        columns: Sequence[tuple[str, Decimal, Sequence[Any], Fraction]],
        tiers: Sequence[Tier],
        bounds: Sequence[int] | None = None,
        tier_list: Sequence[int] | None = None,
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

    @property
    def tiers(self) -> tuple[Tier, ...]:
        """The tiers of the policy that graded, best first (some may hold no account)."""
        return self._tiers

    def __len__(self) -> int:
        return len(self._ids)

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __contains__(self, account_id: object) -> bool:
        return account_id in self._position_of()

    def _position_of(self) -> dict[str, int]:
        # Grading itself needs no lookup by id (the bulk reads follow input order), so a
        # million-account grading pays for this dict only when an account is looked up.
        if self._index is None:
            self._index = dict(zip(self._ids, range(len(self._ids)), strict=True))
        return self._index

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

    def _inner_cutoffs(self) -> tuple[list[Any], list[int]]:
        """For each boundary ``0 < b < n``: the ``b``-th highest key, and how many keys reach it.

        Boundaries 0 (no account) and ``n`` (every account) need no key.
        """
        assert self._bounds is not None
        n = len(self._keys)
        inner = [bound for bound in self._bounds if 0 < bound < n]
        if not inner:
            return [], []
        top = self._top_sorted(max(inner))
        size = len(top)
        cutoffs = [top[size - bound] for bound in inner]
        return cutoffs, [size - bisect_left(top, cutoff) for cutoff in cutoffs]

    def _rank(self, position: int) -> int:
        # competition rank: 1 + the number of accounts with a strictly higher key.
        keys = self._all_sorted()
        return 1 + len(keys) - bisect_right(keys, self._keys[position])

    def _tier_at(self, position: int, rank: int) -> Tier:
        if self._tier_list is not None:
            return self._tiers[self._tier_list[position]]
        assert self._bounds is not None
        return self._tiers[bisect_left(self._bounds, rank)]

    def tier_of(self, account_id: str) -> Tier:
        """The tier of one account, without building its :class:`GradedAccount`."""
        position = self._position_of()[account_id]
        return self._tier_at(position, self._rank(position))

    def __getitem__(self, account_id: str) -> GradedAccount:
        position = self._position_of()[account_id]
        rank = self._rank(position)
        return GradedAccount(
            account_id=account_id,
            tier=self._tier_at(position, rank),
            score=self._key_unit * Fraction(self._keys[position]),
            rank=rank,
            portfolio_size=len(self._ids),
            components=[
                ScoreComponent(figure, Fraction(values[position]) * unit, weight)
                for figure, weight, values, unit in self._columns
            ],
            figures=self._figures[position],
        )

    def ranked(self) -> tuple[str, ...]:
        """Account ids best first; accounts with equal scores in id order (O(n log n))."""
        keys = self._keys  # ints, Fractions or Decimals: all negate exactly
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
        cutoffs = sorted(self._inner_cutoffs()[0])
        outside = len(cutoffs) + empty
        return map(sub, repeat(outside), map(bisect_right, repeat(cutoffs), self._keys))

    def tiers_by_account(self) -> dict[str, Tier]:
        """Every account's tier, ``{account id: Tier}`` in input order, in one bulk pass.

        The fast way to read a large grading (no :class:`GradedAccount` is built); the result
        feeds :class:`~keyaccount.MigrationMatrix` and :func:`~keyaccount.tier_changes`.
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
        n = len(self._keys)
        reached = iter(self._inner_cutoffs()[1])
        counts: dict[Tier, int] = {}
        previous = 0
        for tier, bound in zip(self._tiers, self._bounds, strict=True):
            # accounts of rank <= bound: every key >= the bound-th highest key.
            within = 0 if bound == 0 else n if bound == n else next(reached)
            within = max(within, previous)
            counts[tier] = within - previous
            previous = within
        return counts

    def __repr__(self) -> str:
        counts = ", ".join(f"{tier.code}={count}" for tier, count in self.tier_counts().items())
        return f"<Grading of {len(self)} accounts: {counts}>"


# --- column helpers (the hot path) ----------------------------------------------------------


def _midranks_by_counting(keys: Sequence[Any], weight: int) -> list[int]:
    """``weight * (lower + upper)`` per key, from a count of each distinct key.

    Fast when there are few distinct keys (purchase counts, heavily tied amounts): one
    counting pass, a sort of the distinct keys, one lookup per key.
    """
    counts = Counter(keys)
    distinct = sorted(counts)
    uppers = list(accumulate(map(counts.__getitem__, distinct)))
    lowers = [0, *uppers[:-1]]
    table = dict(zip(distinct, map(mul, map(add, lowers, uppers), repeat(weight)), strict=True))
    return list(map(table.__getitem__, keys))


_INT64_LIMIT = 2**63  # array typecode "q" holds -2**63 .. 2**63 - 1


def _midranks_by_sorting(
    keys: Sequence[Any],
    weight: int,
    exact: tuple[Sequence[Any], Callable[[Any], Any]] | None = None,
) -> Sequence[int]:
    """``weight * (lower + upper)`` per key: its mid-rank percentile times 2n.

    ``keys`` are either the exact values or, with ``exact = (items, read)``, the ``float``
    images of ``read(item)``, which sort several times faster than Decimals. ``float()`` of
    a Decimal is correctly rounded, hence monotone: it never reverses two values, it can only
    merge distinct ones (beyond 15 significant digits, or beyond the float range). So the
    float order is exact unless two neighbours in it are equal floats of unequal Decimals;
    only those tie positions are read back exactly, and if one is a false tie the column is
    sorted again on its Decimals.

    O(n log n): one sort, one gather, one scatter; tie runs are patched by a second scatter
    over the tied positions only. The scatter writes into a machine-integer array where the
    values fit (they do unless a weight needs more than about 12 decimal places): it costs
    the same as a list, but the result is read back in input order from contiguous memory
    rather than from a million int objects strewn in sorted order, so summing the columns
    runs about twice as fast, and it keeps 8 bytes per account instead of about 40.
    """
    n = len(keys)
    # as machine integers: the gather and the scatter then read the order from contiguous
    # memory, not from int objects laid out in input order but visited in sorted order.
    order = array("q", sorted(range(n), key=keys.__getitem__))
    # itemgetter gathers in one C call (a third faster than map); with one index it
    # returns the item itself, not a tuple.
    ordered = itemgetter(*order)(keys) if n > 1 else keys
    ties = list(compress(range(n - 1), map(eq, islice(ordered, 1, None), ordered)))
    if ties:
        if exact is not None:
            items, read = exact
            at = order.__getitem__
            left = map(read, map(items.__getitem__, map(at, ties)))
            right = map(read, map(items.__getitem__, map(at, map(add, ties, repeat(1)))))
            if not all(map(eq, left, right)):
                return _midranks_by_sorting(list(map(read, items)), weight)
        if len(ties) > n // 4:
            return _midranks_by_counting(keys, weight)
    scaled: list[int] | array[int] = (
        array("q", [0]) * n if 2 * n * weight < _INT64_LIMIT else [0] * n
    )
    # a scatter in C of 2p + 1 for sorted position p: the mid-rank where nothing is tied
    deque(map(setitem, repeat(scaled), order, range(weight, 2 * n * weight, 2 * weight)),
          maxlen=0)
    if ties:  # a second scatter over the tied positions only
        positions: list[int] = []
        mids: list[int] = []
        start = previous = ties[0]
        for position in (*islice(ties, 1, None), n):  # n closes the last run
            if position != previous + 1:
                # a run of equal keys at sorted positions first .. last
                first, last = start, previous + 1
                positions.extend(range(first, last + 1))
                mids.extend(repeat((first + last + 1) * weight, last + 1 - first))
                start = position
            previous = position
        deque(map(setitem, repeat(scaled), map(order.__getitem__, positions), mids), maxlen=0)
    return scaled


def _integer_weights(weights: Sequence[Decimal]) -> tuple[list[int], int]:
    """Weights as integers over one common denominator: ``w_i = W_i / denominator``."""
    fractions = [Fraction(weight) for weight in weights]
    denominator = math.lcm(*(fraction.denominator for fraction in fractions))
    return [int(fraction * denominator) for fraction in fractions], denominator


def _ids_of(figures: Sequence[AccountFigures]) -> list[str]:
    """The account ids in input order; duplicates are refused (a set is cheaper than a dict)."""
    ids = list(map(attrgetter("account_id"), figures))
    if len(set(ids)) != len(ids):
        duplicates = sorted(account for account, seen in Counter(ids).items() if seen > 1)
        shown = duplicates[:10]
        more = f" and {len(duplicates) - 10} more" if len(duplicates) > 10 else ""
        raise InvalidInput(
            f"account ids must be unique in a portfolio, got duplicates {shown}{more}"
        )
    return ids


def _as_list(figures: Iterable[AccountFigures]) -> list[AccountFigures]:
    listed = list(figures)
    # one pass over the types, not one isinstance call per account
    for kind in set(map(type, listed)):
        if not issubclass(kind, AccountFigures):
            wrong = next(item for item in listed if type(item) is kind)
            raise InvalidInput(f"figures must be AccountFigures, got {wrong!r}")
    return listed


# --- weighted score ---------------------------------------------------------------------------


def _normalisation(value: Normalisation | str) -> Normalisation:
    if isinstance(value, Normalisation):
        return value
    try:
        return Normalisation(value)
    except ValueError:
        raise InvalidInput(
            f"normalisation must be one of {[n.value for n in Normalisation]}, got {value!r}"
        ) from None


@attrs.frozen
class WeightedScoreGrading:
    """Weighted-score grading of seed 002 (SPEC §5a).

    Each figure is normalised over the portfolio, the weighted sum is the score, the
    portfolio is ranked by score, and the ranking is cut into tiers by their shares.

    Attributes:
        weights: the :class:`ScoreWeights` (default 0.4 / 0.4 / 0.2, seed 002).
        normalisation: :attr:`Normalisation.PERCENTILE` (default) or ``MIN_MAX``.
        shares: ``(tier, percent)`` pairs, best tier first, summing to 100
            (default A 5, B 15, C 30, D 50). A mapping is accepted.

    Ranking rules (the reference page has the worked examples):

    * percentile of a value = ``(lower + upper) / 2n``: ``lower`` accounts have a strictly
      smaller value, ``upper`` a smaller-or-equal one (so a lone account, or a figure where
      all accounts are equal, sits at 1/2);
    * ``rank`` is the competition rank, ``1 +`` the number of accounts with a strictly higher
      score; equal scores share a rank, so input order never splits a tie;
    * tier boundaries are :func:`tier_boundaries` (cumulative shares rounded half up to whole
      accounts); an account is in the first tier whose boundary is ``>= rank``. A tie that
      straddles a boundary therefore goes wholly to the better tier.

    Raises:
        InvalidInput: shares that are negative, out of rank order, repeat a tier or do not
            sum to 100.
    """

    weights: ScoreWeights = DEFAULT_WEIGHTS
    normalisation: Normalisation = attrs.field(
        default=Normalisation.PERCENTILE, converter=_normalisation
    )
    shares: tuple[tuple[Tier, Decimal], ...] = attrs.field(
        default=DEFAULT_TIER_SHARES, converter=_shares
    )

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.weights, ScoreWeights):
            raise InvalidInput(f"weights must be ScoreWeights, got {self.weights!r}")
        if not self.shares:
            raise InvalidInput("shares must name at least one tier")
        tiers = [tier for tier, _ in self.shares]
        for tier, share in self.shares:
            if not isinstance(tier, Tier):
                raise InvalidInput(f"shares must be keyed by Tier, got {tier!r}")
            if share < 0:
                raise InvalidInput(f"share of tier {tier.code!r} must be >= 0 %, got {share}")
        if len({tier.code for tier in tiers}) != len(tiers):
            raise InvalidInput(f"shares name a tier twice: {_tier_count_text(tiers)}")
        if any(better.rank >= worse.rank for better, worse in pairwise(tiers)):
            raise InvalidInput(
                f"shares must list tiers best first (rising rank), got {_tier_count_text(tiers)}"
            )
        total = sum((share for _, share in self.shares), Decimal(0))
        if total != 100:
            listed = ", ".join(f"{tier.code}={share}" for tier, share in self.shares)
            raise InvalidInput(f"tier shares must sum to 100 %, got {total} % ({listed})")

    @property
    def tiers(self) -> tuple[Tier, ...]:
        """The tiers this policy grades into, best first."""
        return tuple(tier for tier, _ in self.shares)

    @classmethod
    def from_mapping(cls, settings: Mapping[str, Any]) -> WeightedScoreGrading:
        """Build from a host's settings; missing keys keep the seed default.

        Settings: ``weights`` (``{figure: weight}``; figures left out weigh 0),
        ``normalisation`` (``"percentile"`` or ``"min_max"``), ``shares``
        (``{tier code: percent}``, best tier first). Numbers may be ints, numeric strings,
        Decimals or floats (a float is read by its shortest repr, ``0.4`` -> ``"0.4"``).
        A code A-D listed at its seed rank is the seed tier; other codes make new tiers ranked
        in the order given.

        >>> WeightedScoreGrading.from_mapping({"weights": {"contract_amount": 0.5,
        ...                                                "profit_contribution": 0.5}})
        ... # doctest: +ELLIPSIS
        WeightedScoreGrading(weights=ScoreWeights(contract_amount=Decimal('0.5'), ...
        >>> WeightedScoreGrading.from_mapping({"weights": {"contract_amount": "0.5"}})
        Traceback (most recent call last):
        ...
        keyaccount.PolicyConfigError: weights must sum to 1, got 0.5 (contract_amount=0.5, ...)

        Raises:
            PolicyConfigError: an unknown key or figure, a negative weight, weights that do
                not sum to 1, shares that do not sum to 100 %, an unknown normalisation.
        """
        policy = "WeightedScoreGrading"
        check_settings_keys(settings, allowed=("weights", "normalisation", "shares"),
                            policy=policy)
        try:
            arguments: dict[str, Any] = {}
            if "weights" in settings:
                weights = settings["weights"]
                check_settings_keys(weights, allowed=FIGURES, policy=f"{policy} weights")
                arguments["weights"] = ScoreWeights(
                    *(_setting_number(weights.get(figure, 0), f"weights.{figure}")
                      for figure in FIGURES)
                )
            if "normalisation" in settings:
                arguments["normalisation"] = settings["normalisation"]
            if "shares" in settings:
                shares = settings["shares"]
                if not isinstance(shares, Mapping):
                    raise InvalidInput(f"shares must be a mapping of tier code to percent, "
                                       f"got {shares!r}")
                tiers = _tiers_for_codes(list(shares), SCORE_TIERS)
                arguments["shares"] = [
                    (tier, _setting_number(shares[tier.code], f"shares.{tier.code}"))
                    for tier in tiers
                ]
            return cls(**arguments)
        except InvalidInput as error:
            raise PolicyConfigError(str(error)) from None

    def grade(self, figures: Iterable[AccountFigures]) -> Grading:
        """Grade a portfolio.

        Args:
            figures: one :class:`AccountFigures` per account; ids must be unique.

        Returns:
            A :class:`Grading` (``Mapping[str, GradedAccount]``), empty for an empty portfolio.

        Raises:
            InvalidInput: two figures share an account id.

        Cost: O(n log n) time (three sorts of numbers and one of integer keys) and a few
        hundred bytes per account; the :class:`GradedAccount` values are built on access.
        """
        listed = _as_list(figures)
        ids = _ids_of(listed)
        if not listed:
            return Grading(figures=listed, ids=ids, keys=[], key_unit=Fraction(0),
                           columns=[], tiers=self.tiers, bounds=self._boundaries(0))
        integer_weights, denominator = _integer_weights(self.weights.as_tuple())
        weighted = [
            (figure, weight, integer_weight)
            for figure, weight, integer_weight in zip(
                FIGURES, self.weights.as_tuple(), integer_weights, strict=True
            )
            if weight
        ]
        if self.normalisation is Normalisation.PERCENTILE:
            return self._grade_percentile(listed, ids, weighted, denominator)
        return self._grade_min_max(listed, ids, weighted, denominator)

    def _boundaries(self, n: int) -> tuple[int, ...]:
        return tier_boundaries(self.shares, n)

    def _grade_percentile(
        self,
        listed: list[AccountFigures],
        ids: list[str],
        weighted: list[tuple[str, Decimal, int]],
        denominator: int,
    ) -> Grading:
        n = len(listed)
        columns = []
        for figure, weight, integer_weight in weighted:
            read = attrgetter(figure)
            scaled: Sequence[int]
            if figure == "purchase_count":  # whole numbers, usually few distinct ones
                scaled = _midranks_by_counting(list(map(read, listed)), integer_weight)
            else:
                # floats straight from the accounts: no list of Decimals unless a tie needs it
                scaled = _midranks_by_sorting(
                    list(map(float, map(read, listed))), integer_weight, (listed, read))
            # scaled / (integer_weight * 2n) is the percentile rank
            columns.append((figure, weight, scaled, Fraction(1, integer_weight * 2 * n)))
        summed: Iterable[int] = columns[0][2] if columns else repeat(0, n)
        for column in columns[1:]:
            summed = map(add, summed, column[2])  # one list for all the sums, not one per figure
        keys = summed if isinstance(summed, list) else list(summed)
        key_unit = Fraction(1, 2 * n * denominator)
        return Grading(
            figures=listed, ids=ids, keys=keys,
            key_unit=key_unit, columns=columns, tiers=self.tiers, bounds=self._boundaries(n),
        )

    def _grade_min_max(
        self,
        listed: list[AccountFigures],
        ids: list[str],
        weighted: list[tuple[str, Decimal, int]],
        denominator: int,
    ) -> Grading:
        # (value - min) / (max - min) does not change when every value is scaled alike, so each
        # column is read as integers over its own common denominator; the score times
        # ``denominator * product of the spans`` is then an integer, as under percentiles.
        n = len(listed)
        columns = []
        for figure, weight, integer_weight in weighted:
            ratios = list(map(_as_integer_ratio, map(attrgetter(figure), listed)))
            common = math.lcm(*{ratio[1] for ratio in ratios})
            whole = [numerator * (common // den) for numerator, den in ratios]
            low, high = min(whole), max(whole)
            if low == high:  # every account equal: 1/2 each
                offsets: list[int] = [1] * n
                span = 2
            else:
                offsets = list(map(sub, whole, repeat(low)))
                span = high - low
            columns.append((figure, weight, offsets, Fraction(1, span), integer_weight, span))
        spans = math.prod(column[5] for column in columns)
        keys: list[int] = [0] * n
        for _figure, _weight, offsets, _unit, integer_weight, span in columns:
            keys = list(map(add, keys, map(mul, offsets, repeat(integer_weight * (spans // span)))))
        return Grading(
            figures=listed, ids=ids, keys=keys, key_unit=Fraction(1, denominator * spans),
            columns=[column[:4] for column in columns], tiers=self.tiers,
            bounds=self._boundaries(n),
        )


def _as_integer_ratio(value: Decimal | int) -> tuple[int, int]:
    return value.as_integer_ratio()


def _setting_number(value: object, field: str) -> Decimal:
    if isinstance(value, float):
        value = repr(value)  # settings files give floats; their shortest repr is what was meant
    return to_decimal(value, field=field)


def _tiers_for_codes(codes: Sequence[object], known: Sequence[Tier]) -> list[Tier]:
    """Tiers for settings codes listed best first: the seed tier where it fits, else a new one."""
    by_code = {tier.code: tier for tier in known}
    tiers = []
    for position, code in enumerate(codes, start=1):
        if not isinstance(code, str) or not code.strip():
            raise InvalidInput(f"tier code must be a non-empty string, got {code!r}")
        seed = by_code.get(code)
        tiers.append(seed if seed is not None and seed.rank == position else Tier(code, position))
    return tiers


# --- amount bands ------------------------------------------------------------------------------


def _optional_bound(value: object) -> Decimal | None:
    return None if value is None else to_decimal(value, field="AmountBand.upper")


def _lower_bound(value: object) -> Decimal:
    return to_decimal(value, field="AmountBand.lower")


@attrs.frozen
class AmountBand:
    """One band of amounts and its tier; ``upper`` is ``None`` for the open top band."""

    tier: Tier
    lower: Decimal = attrs.field(converter=_lower_bound)
    upper: Decimal | None = attrs.field(default=None, converter=_optional_bound)

    def __attrs_post_init__(self) -> None:
        if self.lower < 0:
            raise InvalidInput(f"band of {self.tier.code!r}: lower must be >= 0, got {self.lower}")
        if self.upper is not None and self.upper <= self.lower:
            raise InvalidInput(
                f"band of {self.tier.code!r}: upper {self.upper} must be above lower {self.lower}"
            )


def _bands(value: Iterable[AmountBand]) -> tuple[AmountBand, ...]:
    return tuple(value)


# seed 004 第5条: 普通 500万-2000万, 伙伴式 2000万-5000万, 战略性 5000万以上 (annual purchase, CNY).
DEFAULT_AMOUNT_BANDS: tuple[AmountBand, ...] = (
    AmountBand(ORDINARY, Decimal(5_000_000), Decimal(20_000_000)),
    AmountBand(PARTNER, Decimal(20_000_000), Decimal(50_000_000)),
    AmountBand(STRATEGIC, Decimal(50_000_000)),
)

_AMOUNT_FIGURES = ("annual_purchase_amount", "contract_amount")


@attrs.frozen
class AmountBandGrading:
    """Amount-band grading of seed 004 (SPEC §5b), also what :func:`calibrate` returns.

    Attributes:
        bands: contiguous :class:`AmountBand` values, lowest first; each band's ``upper`` is
            the next band's ``lower``; only the top band is open; better tiers sit higher.
        figure: which amount is read, ``"annual_purchase_amount"`` (default, seed 004) or
            ``"contract_amount"`` (calibrated bands, seed 002).
        inclusive: ``"lower"`` (default: ``lower <= amount < upper``) or ``"upper"``
            (``lower < amount <= upper``).

    Amounts below the lowest band are not key accounts: :meth:`classify` returns ``None``
    and :meth:`grade` leaves them out.

    >>> bands = AmountBandGrading()
    >>> [getattr(bands.classify(amount), "code", None)
    ...  for amount in (4_999_999, 5_000_000, 20_000_000, 50_000_000)]
    [None, 'ORDINARY', 'PARTNER', 'STRATEGIC']

    Raises:
        InvalidInput: no band, overlapping bands, a gap, an open band below the top, a better
            tier below a worse one, a tier twice, or an unknown figure / inclusive setting.
    """

    bands: tuple[AmountBand, ...] = attrs.field(default=DEFAULT_AMOUNT_BANDS, converter=_bands)
    figure: str = "annual_purchase_amount"
    inclusive: str = "lower"

    def __attrs_post_init__(self) -> None:
        if self.figure not in _AMOUNT_FIGURES:
            raise InvalidInput(f"figure must be one of {list(_AMOUNT_FIGURES)}, got "
                               f"{self.figure!r}")
        if self.inclusive not in ("lower", "upper"):
            raise InvalidInput(f"inclusive must be 'lower' or 'upper', got {self.inclusive!r}")
        if not self.bands:
            raise InvalidInput("AmountBandGrading needs at least one band")
        for band in self.bands:
            if not isinstance(band, AmountBand):
                raise InvalidInput(f"bands must be AmountBand values, got {band!r}")
        codes = [band.tier.code for band in self.bands]
        if len(set(codes)) != len(codes):
            raise InvalidInput(f"bands name a tier twice: {codes}")
        for below, above in pairwise(self.bands):
            if below.upper is None:
                raise InvalidInput(
                    f"band of {below.tier.code!r} is open-ended but band of "
                    f"{above.tier.code!r} lies above it; only the top band may be open"
                )
            if above.lower < below.upper:
                raise InvalidInput(
                    f"bands overlap or are unordered: {below.tier.code!r} "
                    f"{below.lower}..{below.upper} and {above.tier.code!r} from {above.lower}"
                )
            if above.lower > below.upper:
                raise InvalidInput(
                    f"bands leave a gap: {below.tier.code!r} ends at {below.upper}, "
                    f"{above.tier.code!r} starts at {above.lower}"
                )
            if not above.tier < below.tier:
                raise InvalidInput(
                    f"a higher band must have a better tier: {above.tier.code!r} "
                    f"(rank {above.tier.rank}) is above {below.tier.code!r} "
                    f"(rank {below.tier.rank})"
                )
        if self.bands[-1].upper is not None:
            raise InvalidInput(
                f"the top band ({self.bands[-1].tier.code!r}) must be open-ended (upper None) "
                "so every amount above it is graded"
            )

    @property
    def tiers(self) -> tuple[Tier, ...]:
        """The tiers of the bands, best (highest) first."""
        return tuple(band.tier for band in reversed(self.bands))

    @property
    def thresholds(self) -> tuple[tuple[Tier, Decimal], ...]:
        """``(tier, lower bound)`` pairs, best tier first: the measurable standard."""
        return tuple((band.tier, band.lower) for band in reversed(self.bands))

    def classify(self, amount: Decimal | int | str) -> Tier | None:
        """The tier of ``amount``, or ``None`` below the lowest band (not a key account).

        Raises:
            InvalidInput: a negative amount or a float.
        """
        value = to_decimal(amount, field="amount")
        if value < 0:
            raise InvalidInput(f"amount must be >= 0, got {value}")
        return self._classifier()(value)

    def _classifier(self) -> Callable[[Decimal], Tier | None]:
        """Classify many amounts with one precomputed list of lower bounds (O(log bands))."""
        lowers = [band.lower for band in self.bands]
        tiers = [band.tier for band in self.bands]
        search = bisect_right if self.inclusive == "lower" else bisect_left

        def tier_of(value: Decimal) -> Tier | None:
            position = search(lowers, value) - 1
            return tiers[position] if position >= 0 else None

        return tier_of

    @classmethod
    def from_mapping(cls, settings: Mapping[str, Any]) -> AmountBandGrading:
        """Build from ``{"bands": {code: {"from": x, "to": y}}, "figure": ..., "inclusive": ...}``.

        Bands may be listed in any order; the top band has no ``"to"``. Codes ORDINARY,
        PARTNER, STRATEGIC (and A-D) mean the seed tiers when they sit at the seed's rank;
        other codes make new tiers ranked from the top band down.

        >>> AmountBandGrading.from_mapping({"bands": {
        ...     "SILVER": {"from": 0, "to": 100}, "GOLD": {"from": 90}}})
        Traceback (most recent call last):
        ...
        keyaccount.PolicyConfigError: bands overlap or are unordered: 'SILVER' 0..100 and 'GOLD' ...

        Raises:
            PolicyConfigError: unknown keys, overlapping, unordered or gapped bands, negative
                bounds.
        """
        policy = "AmountBandGrading"
        check_settings_keys(settings, allowed=("bands", "figure", "inclusive"), policy=policy)
        try:
            arguments: dict[str, Any] = {
                key: settings[key] for key in ("figure", "inclusive") if key in settings
            }
            if "bands" in settings:
                raw = settings["bands"]
                if not isinstance(raw, Mapping) or not raw:
                    raise InvalidInput(f"bands must be a non-empty mapping of tier code to "
                                       f"{{'from': ..., 'to': ...}}, got {raw!r}")
                parsed = []
                for code, bounds in raw.items():
                    check_settings_keys(bounds, allowed=("from", "to"),
                                        policy=f"{policy} band {code!r}")
                    if "from" not in bounds:
                        raise InvalidInput(f"band {code!r} needs a 'from' amount")
                    lower = _setting_number(bounds["from"], f"bands.{code}.from")
                    upper = (None if bounds.get("to") is None
                             else _setting_number(bounds["to"], f"bands.{code}.to"))
                    parsed.append((code, lower, upper))
                parsed.sort(key=lambda band: band[1], reverse=True)  # top band first
                tiers = _tiers_for_codes([code for code, _, _ in parsed],
                                         (*AMOUNT_TIERS, *SCORE_TIERS))
                arguments["bands"] = [
                    AmountBand(tier, lower, upper)
                    for tier, (_code, lower, upper) in reversed(
                        list(zip(tiers, parsed, strict=True))
                    )
                ]
            return cls(**arguments)
        except InvalidInput as error:
            raise PolicyConfigError(str(error)) from None

    def grade(self, figures: Iterable[AccountFigures]) -> Grading:
        """Grade by amount band; accounts below the lowest band are left out.

        ``score`` is the amount, ``rank`` the competition rank by amount among the key
        accounts.

        Raises:
            InvalidInput: duplicate ids, or an account without the amount :attr:`figure`
                names (``annual_purchase_amount`` left ``None``).
        """
        listed = _as_list(figures)
        _ids_of(listed)
        kept: list[AccountFigures] = []
        tier_list: list[int] = []
        tiers = self.tiers
        position_of = {tier: i for i, tier in enumerate(tiers)}
        tier_of = self._classifier()
        for item in listed:
            amount = getattr(item, self.figure)
            if amount is None:
                raise InvalidInput(
                    f"account {item.account_id!r} has no {self.figure}; amount bands need it"
                )
            tier = tier_of(amount)
            if tier is not None:
                kept.append(item)
                tier_list.append(position_of[tier])
        amounts = [getattr(item, self.figure) for item in kept]
        return Grading(
            figures=kept, ids=_ids_of(kept), keys=amounts, key_unit=Fraction(1),
            columns=[(self.figure, Decimal(1), amounts, Fraction(1))], tiers=tiers,
            tier_list=tier_list,
        )


# --- calibration (seed 002: 以"客户合同额"拟定可衡量的等级划分标准) ------------------------------


@attrs.frozen
class Calibration:
    """Contract-amount bands derived from a grading, and how well they reproduce it.

    Attributes:
        bands: an :class:`AmountBandGrading` on ``contract_amount``; the lowest band starts
            at 0, so every account gets a tier.
        mismatched: ids of the accounts the bands place in a different tier than the
            grading did, sorted.
        portfolio_size: how many accounts were calibrated on.
    """

    bands: AmountBandGrading
    mismatched: tuple[str, ...]
    portfolio_size: int

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
        InvalidInput: the grading is empty (there is nothing to calibrate on).
    """
    if isinstance(grading, Grading):  # columns: no GradedAccount built per account
        tier_of = grading.tiers_by_account()
        ids: Sequence[str] = list(tier_of)
        tiers: Sequence[Tier] = list(tier_of.values())
        contract = list(map(attrgetter("contract_amount"), grading.figures_in_order()))
    else:
        graded = list(grading.values())
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
