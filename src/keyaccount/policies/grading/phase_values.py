"""The values the mergeable grading phases exchange (issue 17): small, frozen, mergeable.

:mod:`keyaccount.policies.grading.phases` runs the phases; these are their results:
:class:`ValueCounts` (a column's value counts, or a key histogram), :class:`ValueRange`
(a column's least and greatest value), :class:`GradingStatistics` (one of those per weighted
figure), :class:`TierCutoffs` (where a whole portfolio's tiers are cut) and
:class:`Straddlers` (the accounts of tie blocks that straddle a boundary). Each is checked
at construction, so a value received from another process is valid before it is merged, and
each ``merge`` gives equal values whatever the order or grouping of the partitions.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from decimal import Decimal
from itertools import pairwise
from typing import Any

import attrs

from keyaccount._errors import InvalidInput
from keyaccount._validation import (
    COUNT_LIMIT,
    MONEY_LIMIT,
    RATE_PLACES,
    count,
    require_bounded,
    require_count,
    to_enum,
    to_items,
)
from keyaccount.domain.grading import TieRule
from keyaccount.policies.grading import _tables
from keyaccount.policies.grading.weighted import Normalisation
from keyaccount.policies.grading.weights import FIGURES

__all__ = [
    "GradingStatistics",
    "Straddlers",
    "TierCutoffs",
    "ValueCounts",
    "ValueRange",
]

_SCALE_LIMIT = 10**RATE_PLACES  # values have at most 12 decimal places


# --- the values the phases exchange ----------------------------------------------------------


@attrs.frozen(eq=False, init=False)
class ValueCounts:
    """How many times each distinct value occurs: a column's value counts, or a key histogram.

    ``values`` rise strictly, ``counts[i]`` is how often ``values[i]`` occurs. Held as tuples
    of exact numbers, or as read-only numpy int64 arrays when numpy counted them (equal
    either way). :meth:`merge` adds the counts of equal values, so the value counts of a whole
    portfolio are the merge of its partitions', in any order and grouping.

    >>> ValueCounts.of([5, 1, 5]).merge(ValueCounts.of([1, 2]))
    ValueCounts(values=(1, 2, 5), counts=(2, 1, 2))

    Raises:
        InvalidInput: values that are not ints or finite Decimals (at most ``10**15`` with 12
            decimal places) or do not rise strictly, counts that are not ints ``>= 1`` or
            total more than ``10**9``, or not one count per value.
    """

    values: Sequence[int | Decimal]
    counts: Sequence[int]

    def __init__(self, values: Sequence[int | Decimal], counts: Sequence[int]) -> None:
        checked_values, checked_counts = _tables.checked(values, counts, field="ValueCounts")
        for value in checked_values if not _tables.is_numpy(checked_values) else ():
            if isinstance(value, Decimal):
                require_bounded(value, field="ValueCounts.values", places=RATE_PLACES)
        self.__attrs_init__(checked_values, checked_counts)

    @classmethod
    def of(cls, values: Sequence[int | Decimal]) -> ValueCounts:
        """The value counts of one column: ints or Decimals, or a numpy integer array."""
        if _tables.is_numpy(values):
            kind = values.dtype.kind  # type: ignore[attr-defined]
            if kind not in "iuO" or values.ndim != 1:  # type: ignore[attr-defined]
                raise InvalidInput(f"values must hold ints or Decimals, got a "
                                   f"{values.dtype} array")  # type: ignore[attr-defined]
            if kind in "iu":
                if kind == "u" and len(values) and int(values.max()) >= 2**63:  # type: ignore[attr-defined]
                    raise InvalidInput(f"values must fit in int64, got {int(values.max())}")  # type: ignore[attr-defined]
                return _trusted_counts(_tables.counted(values.astype("int64")))  # type: ignore[attr-defined]
            values = values.tolist()  # type: ignore[attr-defined]
        listed = to_items(values, field="values", expected="ints or Decimals")
        for value in listed:
            if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
                raise InvalidInput(f"values must hold ints or Decimals, got {value!r:.80}")
        return cls(*_tables.counted(listed))

    @property
    def total(self) -> int:
        """How many values are counted (the number of accounts)."""
        return _tables.total((self.values, self.counts))

    def merge(self, *others: ValueCounts) -> ValueCounts:
        """The counts of these and ``others`` together: equal values' counts added.

        Merging many at once (``first.merge(*rest)``) is one pass over them all.

        Raises:
            InvalidInput: one of ``others`` is not a :class:`ValueCounts`, or the total
                passes ``10**9``.
        """
        for other in others:
            if not isinstance(other, ValueCounts):
                raise InvalidInput(f"others must be ValueCounts, got {other!r:.80}")
        if sum(counts.total for counts in (self, *others)) > COUNT_LIMIT:
            raise InvalidInput(f"others would bring the total past {COUNT_LIMIT} accounts")
        return _trusted_counts(_tables.merged_all(
            [(counts.values, counts.counts) for counts in (self, *others)]))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ValueCounts):
            return NotImplemented
        return _tables.same((self.values, self.counts), (other.values, other.counts))

    def __hash__(self) -> int:
        return hash((len(self.values), self.total))

    def __len__(self) -> int:
        return len(self.values)

    def __repr__(self) -> str:
        shown = [tuple(_tables.as_list(column)[:20]) for column in (self.values, self.counts)]
        more = ", ..." if len(self.values) > 20 else ""
        return f"ValueCounts(values={shown[0]}{more}, counts={shown[1]}{more})"


def _trusted_counts(table: _tables.Table) -> ValueCounts:
    counts = object.__new__(ValueCounts)
    counts.__attrs_init__(*table)
    return counts


def _exact(value: object, field: str) -> int | Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise InvalidInput(f"{field} must be an int or a Decimal, got {value!r:.80}")
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise InvalidInput(f"{field} must be finite, got {value!r}")
        require_bounded(value, field=field, places=RATE_PLACES)
    elif not -MONEY_LIMIT <= value <= MONEY_LIMIT:
        raise InvalidInput(f"{field} must be at most 10**15 in magnitude, got {value!r}")
    return value


def _optional_exact(name: str) -> Any:
    def check(_instance: object, _attribute: object, value: object) -> None:
        if value is not None:
            _exact(value, f"ValueRange.{name}")
    return check


def _scale(_instance: object, _attribute: object, value: object) -> None:
    require_count(value, field="ValueRange.scale", minimum=1, maximum=_SCALE_LIMIT)
    if _SCALE_LIMIT % value:
        raise InvalidInput(f"ValueRange.scale must divide 10**12 (a power of ten's divisor: "
                           f"values have at most 12 decimal places), got {value!r}")


@attrs.frozen
class ValueRange:
    """The least and greatest value of a column, and the scale that makes its values whole.

    ``scale`` is the least common denominator of the values (1 for ints): every value times
    it is an int. ``low`` and ``high`` are ``None`` for a partition with no account.
    :meth:`merge` takes the least low, the greatest high and the common scale.

    >>> ValueRange(Decimal("0.5"), 3, 2).merge(ValueRange(-1, 2))
    ValueRange(low=-1, high=3, scale=2)

    Raises:
        InvalidInput: a bound that is not an int or a finite Decimal of at most ``10**15``
            with 12 decimal places, ``low`` above ``high``, one bound ``None`` and not the
            other, a scale that is not an int dividing ``10**12``.
    """

    low: int | Decimal | None = attrs.field(validator=_optional_exact("low"))
    high: int | Decimal | None = attrs.field(validator=_optional_exact("high"))
    scale: int = attrs.field(default=1, validator=_scale)

    def __attrs_post_init__(self) -> None:
        if (self.low is None) != (self.high is None):
            raise InvalidInput(f"ValueRange.low and high must both be None (no value) or both "
                               f"be set, got low={self.low!r}, high={self.high!r}")
        if self.low is not None and self.low > self.high:  # type: ignore[operator]
            raise InvalidInput(f"ValueRange.low must be at most high {self.high!r}, "
                               f"got {self.low!r}")

    @classmethod
    def _of(cls, column: Any, whole: bool) -> ValueRange:
        if not len(column):
            return cls(None, None)
        if _tables.is_numpy(column):
            return cls(int(column.min()), int(column.max()))
        scale = 1 if whole else math.lcm(*(value.as_integer_ratio()[1] for value in column))
        return cls(min(column), max(column), scale)

    def merge(self, *others: ValueRange) -> ValueRange:
        """The range of these columns and the ``others`` together.

        Raises:
            InvalidInput: one of ``others`` is not a :class:`ValueRange`.
        """
        for other in others:
            if not isinstance(other, ValueRange):
                raise InvalidInput(f"others must be ValueRange, got {other!r:.80}")
        ranges = (self, *others)
        scale = math.lcm(*(found.scale for found in ranges))
        lows = [found.low for found in ranges if found.low is not None]
        highs = [found.high for found in ranges if found.high is not None]
        if not lows:
            return ValueRange(None, None, scale)
        return ValueRange(min(lows), max(highs), scale)


Statistic = ValueCounts | ValueRange


def _normalisation(value: Normalisation | str) -> Normalisation:
    return to_enum(Normalisation, value, field="GradingStatistics.normalisation")


def _statistic_pairs(value: Iterable[tuple[str, Statistic]]) -> tuple[tuple[str, Statistic], ...]:
    pairs = to_items(value, field="GradingStatistics.columns",
                     expected="(figure, ValueCounts or ValueRange) pairs")
    for pair in pairs:
        if not isinstance(pair, tuple) or len(pair) != 2:
            raise InvalidInput(f"GradingStatistics.columns must hold (figure, statistic) "
                               f"pairs, got {pair!r:.80}")
    return pairs


@attrs.frozen
class GradingStatistics:
    """The merged statistics the score keys need: one per weighted figure, and the size.

    Under percentile normalisation each figure has its :class:`ValueCounts` (an account's
    percentile is read from the counts of smaller and equal values), under min-max its
    :class:`ValueRange`. :meth:`merge` merges figure by figure.

    Raises:
        InvalidInput: a size that is not an int from 0 to ``10**9``, an unknown or repeated
            figure, a statistic of the other normalisation's kind, value counts whose total
            is not the size.
    """

    normalisation: Normalisation = attrs.field(converter=_normalisation)
    size: int = attrs.field(validator=count(maximum=COUNT_LIMIT))
    columns: tuple[tuple[str, Statistic], ...] = attrs.field(converter=_statistic_pairs)

    def __attrs_post_init__(self) -> None:
        kind = ValueCounts if self.normalisation is Normalisation.PERCENTILE else ValueRange
        seen: set[str] = set()
        for figure, statistic in self.columns:
            if not isinstance(figure, str) or figure not in FIGURES or figure in seen:
                raise InvalidInput(f"GradingStatistics.columns must name each of {list(FIGURES)}"
                                   f" at most once, got {figure!r:.80}")
            seen.add(figure)
            if not isinstance(statistic, kind):
                raise InvalidInput(f"GradingStatistics.columns must hold {kind.__name__} "
                                   f"under {self.normalisation.value} normalisation, got "
                                   f"{statistic!r:.80} for {figure}")
            if isinstance(statistic, ValueCounts) and statistic.total != self.size:
                raise InvalidInput(f"GradingStatistics.columns: the value counts of {figure} "
                                   f"total {statistic.total}, not the size {self.size}")

    def merge(self, *others: GradingStatistics) -> GradingStatistics:
        """The statistics of these partitions and the ``others`` together (one pass).

        Raises:
            InvalidInput: one of ``others`` is not a :class:`GradingStatistics` of the same
                normalisation and figures, or the sizes total more than ``10**9``.
        """
        figures = [f for f, _ in self.columns]
        for other in others:
            if not isinstance(other, GradingStatistics):
                raise InvalidInput(f"others must be GradingStatistics, got {other!r:.80}")
            if (other.normalisation is not self.normalisation
                    or [f for f, _ in other.columns] != figures):
                raise InvalidInput("others must be the statistics of the same policy "
                                   f"(normalisation and weighted figures), got {other!r:.200}")
        size = sum(statistics.size for statistics in (self, *others))
        if size > COUNT_LIMIT:
            raise InvalidInput(f"others would bring the size past {COUNT_LIMIT} accounts")
        merged = [(figure, mine.merge(*(other.columns[i][1] for other in others)))  # type: ignore[arg-type]
                  for i, (figure, mine) in enumerate(self.columns)]
        return GradingStatistics(self.normalisation, size, merged)

    def statistic(self, figure: str) -> Statistic:
        """The statistic of one weighted figure.

        Raises:
            InvalidInput: ``figure`` is not a weighted figure of these statistics.
        """
        for name, statistic in self.columns:
            if name == figure:
                return statistic
        raise InvalidInput(f"figure must be one of {[f for f, _ in self.columns]}, "
                           f"got {figure!r:.80}")


def _bounds(value: Iterable[int]) -> tuple[int, ...]:
    return to_items(value, field="TierCutoffs.bounds", expected="ints")


def _keys_or_none(value: Iterable[int | None]) -> tuple[int | None, ...]:
    return to_items(value, field="TierCutoffs.cutoffs", expected="ints or None")


def _blocks(value: Iterable[tuple[int, int, int]]) -> tuple[tuple[int, int, int], ...]:
    return to_items(value, field="TierCutoffs.blocks", expected="(key, first, last) triples")


def _placed(value: Iterable[tuple[str, int]]) -> tuple[tuple[str, int], ...]:
    return to_items(value, field="TierCutoffs.placed", expected="(account id, tier) pairs")


def _tie_rule(value: TieRule | str) -> TieRule:
    return to_enum(TieRule, value, field="TierCutoffs.tie_rule")


def _an_int(value: object, field: str, minimum: int | None = None) -> int:
    if type(value) is not int or (minimum is not None and value < minimum):
        at_least = "" if minimum is None else f" >= {minimum}"
        raise InvalidInput(f"{field} must be an int{at_least}, got {value!r:.80}")
    return value


@attrs.frozen
class TierCutoffs:
    """Where the tiers of a whole portfolio are cut, from its merged key histogram.

    Attributes:
        size: how many accounts were graded.
        bounds: the policy's tier boundaries for ``size`` accounts (``tier_boundaries``):
            how many accounts each tier or a better one holds.
        cutoffs: per boundary, the key of the ``b``-th best account (an account is within
            the boundary when its key is at least this), ``None`` for a boundary of 0 or of
            every account.
        blocks: ``(key, first, last)`` per tie block that straddles a boundary: the accounts
            with this key hold positions ``first..last`` of the ranking.
        tie_rule: where such a block goes (:class:`TieRule`).
        placed: under ``split``, ``(account id, tier position)`` of every straddling
            account (:meth:`GradingPhases.split` fills it).

    Raises:
        InvalidInput: bounds that fall, pass ``size`` or do not end at it, a cutoff missing
            or given where it must not be, or rising with the bounds, a block outside the
            ranking, a placement to no tier.
    """

    size: int = attrs.field(validator=count(maximum=COUNT_LIMIT))
    bounds: tuple[int, ...] = attrs.field(converter=_bounds)
    cutoffs: tuple[int | None, ...] = attrs.field(converter=_keys_or_none)
    blocks: tuple[tuple[int, int, int], ...] = attrs.field(converter=_blocks)
    tie_rule: TieRule = attrs.field(converter=_tie_rule)
    placed: tuple[tuple[str, int], ...] = attrs.field(default=(), converter=_placed)

    def __attrs_post_init__(self) -> None:
        previous = 0
        for bound in self.bounds:
            _an_int(bound, "TierCutoffs.bounds", 0)
            if bound < previous or bound > self.size:
                raise InvalidInput(f"TierCutoffs.bounds must rise from 0 to size {self.size}, "
                                   f"got {self.bounds!r:.200}")
            previous = bound
        if not self.bounds or self.bounds[-1] != self.size:
            raise InvalidInput(f"TierCutoffs.bounds must end at size {self.size}, "
                               f"got {self.bounds!r:.200}")
        if len(self.cutoffs) != len(self.bounds):
            raise InvalidInput(f"TierCutoffs.cutoffs must hold one key per bound "
                               f"({len(self.bounds)}), got {len(self.cutoffs)}")
        keys: list[int] = []
        for bound, cutoff in zip(self.bounds, self.cutoffs, strict=True):
            if (cutoff is None) != (bound in (0, self.size)):
                raise InvalidInput(f"TierCutoffs.cutoffs must be None exactly for a bound of 0 "
                                   f"or size, got {cutoff!r:.80} for bound {bound}")
            if cutoff is not None:
                keys.append(_an_int(cutoff, "TierCutoffs.cutoffs"))
        if any(later > earlier for earlier, later in pairwise(keys)):
            raise InvalidInput(f"TierCutoffs.cutoffs must fall as the bounds rise, "
                               f"got {self.cutoffs!r:.200}")
        for block in self.blocks:
            if not isinstance(block, tuple) or len(block) != 3:
                raise InvalidInput(f"TierCutoffs.blocks must hold (key, first, last) triples, "
                                   f"got {block!r:.80}")
            _an_int(block[0], "TierCutoffs.blocks key")
            first = _an_int(block[1], "TierCutoffs.blocks first", 1)
            last = _an_int(block[2], "TierCutoffs.blocks last", first + 1)
            if last > self.size:
                raise InvalidInput(f"TierCutoffs.blocks must lie within 1..size {self.size}, "
                                   f"got {block!r:.80}")
        for pair in self.placed:
            if (not isinstance(pair, tuple) or len(pair) != 2 or not isinstance(pair[0], str)
                    or not pair[0].strip() or type(pair[1]) is not int
                    or not 0 <= pair[1] < len(self.bounds)):
                raise InvalidInput(f"TierCutoffs.placed must hold (account id, tier position "
                                   f"0..{len(self.bounds) - 1}) pairs, got {pair!r:.80}")

    @property
    def needs_split(self) -> bool:
        """Whether straddling blocks wait for :meth:`GradingPhases.split` (rule ``split``)."""
        return self.tie_rule is TieRule.SPLIT and bool(self.blocks) and not self.placed

    def tier_counts(self) -> tuple[int, ...]:
        """How many accounts each tier holds, best first (the policy's tiers)."""
        from keyaccount.domain.grading import ties

        return tuple(ties.tier_counts(self.bounds, self.blocks, self.tie_rule))


def _straddler(row: object) -> tuple[str, int, int | Decimal]:
    if not isinstance(row, tuple) or len(row) != 3:
        raise InvalidInput(f"Straddlers.accounts must hold (account id, key, tie value) "
                           f"triples, got {row!r:.80}")
    account, key, tie = row
    if not isinstance(account, str) or not account.strip():
        raise InvalidInput(f"Straddlers.accounts must hold account ids, got {account!r:.80}")
    return account, _an_int(key, "Straddlers.accounts key"), _exact(
        tie, "Straddlers.accounts tie value")


def _straddlers(value: Iterable[tuple[str, int, int | Decimal]]) -> tuple[
        tuple[str, int, int | Decimal], ...]:
    rows = to_items(value, field="Straddlers.accounts",
                    expected="(account id, key, tie value) triples")
    return tuple(sorted(map(_straddler, rows), key=lambda row: (row[1], row[0])))


@attrs.frozen
class Straddlers:
    """The accounts of the tie blocks that straddle a boundary: ``(id, key, tie value)``.

    Under the ``split`` rule they are gathered from every partition (few unless the data is
    degenerate) and ordered by the tie-break figure descending, then id. Kept sorted by key
    and id, so merging in any order gives equal values.

    Raises:
        InvalidInput: a row that is not ``(non-blank id, int key, exact tie value)``, an
            account listed twice.
    """

    accounts: tuple[tuple[str, int, int | Decimal], ...] = attrs.field(converter=_straddlers)

    def __attrs_post_init__(self) -> None:
        ids = [row[0] for row in self.accounts]
        if len(set(ids)) != len(ids):
            repeated = sorted({i for i in ids if ids.count(i) > 1})[:10]
            raise InvalidInput(f"Straddlers.accounts must list each account once, got "
                               f"{repeated} twice (ids must be unique across partitions)")

    def merge(self, *others: Straddlers) -> Straddlers:
        """The straddlers of these partitions and the ``others`` together.

        Raises:
            InvalidInput: one of ``others`` is not :class:`Straddlers`, or two list an account.
        """
        for other in others:
            if not isinstance(other, Straddlers):
                raise InvalidInput(f"others must be Straddlers, got {other!r:.80}")
        return Straddlers([row for found in (self, *others) for row in found.accounts])
