"""Grading in mergeable phases: the same tiers on one machine, on Dask or on Spark (issue 17).

:class:`GradingPhases` of a :class:`~keyaccount.policies.WeightedScoreGrading` splits
:meth:`~keyaccount.policies.WeightedScoreGrading.grade` into calls on *partitions* of a
portfolio (any split of its accounts; each partition's ids and figures as columns) whose
results are small values that *merge* (:mod:`~keyaccount.policies.grading.phase_values`).
An engine that maps partitions and reduces results runs them in order and grades exactly
like one machine:

1. :meth:`GradingPhases.statistics` per partition, merged with
   :meth:`~keyaccount.policies.GradingStatistics.merge`;
2. :meth:`GradingPhases.keys` per partition, given the merged statistics: the exact integer
   score keys, the very integers of the single-machine grading (``key * key_unit`` is the
   score, :meth:`GradingPhases.key_unit`); then :meth:`GradingPhases.histogram`, merged
   with :meth:`~keyaccount.policies.ValueCounts.merge`;
3. :meth:`GradingPhases.cutoffs` once, from the merged histogram;
4. under the ``split`` tie rule, when a tie block straddles a boundary
   (:attr:`~keyaccount.policies.TierCutoffs.needs_split`): :meth:`GradingPhases.straddlers`
   per partition, merged with :meth:`~keyaccount.policies.Straddlers.merge`, then
   :meth:`GradingPhases.split` once;
5. :meth:`GradingPhases.classify` per partition: each account's tier as a position in
   :attr:`GradingPhases.tiers`.

:meth:`GradingPhases.grade_partitions` runs them all over partitions held in memory.
Amount bands need no global phase: an account's band depends on its own amount only, so
:meth:`~keyaccount.policies.BandPhases.classify` grades each partition alone.

>>> from keyaccount.policies import presets
>>> phases = GradingPhases(presets.weighted_grading())
>>> first = (["a", "b", "c"], [900, 300, 100], [3, 2, -1], [9, 5, 1])
>>> second = (["d", "e"], [300, 50], [2, 0], [5, 0])
>>> [[phases.tiers[i].code for i in part] for part in phases.grade_partitions([first, second])]
[['B', 'C', 'D'], ['C', 'D']]
>>> whole = presets.weighted_grading().grade_columns(*(a + b for a, b in zip(first, second)))
>>> [tier.code for tier in whole.tiers_by_account().values()]
['B', 'C', 'D', 'C', 'D']
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from itertools import accumulate, repeat
from typing import Any

import attrs

from keyaccount._errors import InvalidInput
from keyaccount._numeric import integer_weights
from keyaccount._validation import instance_of, to_items
from keyaccount.domain.grading import Tier, TieRule
from keyaccount.domain.grading.ties import block_tier
from keyaccount.policies.grading import _columnar, _tables
from keyaccount.policies.grading._columnar import read_column, read_ids
from keyaccount.policies.grading._phase_keys import min_max_keys, percentile_keys, whole
from keyaccount.policies.grading.phase_values import (
    GradingStatistics,
    Straddlers,
    TierCutoffs,
    ValueCounts,
    ValueRange,
    _trusted_counts,
)
from keyaccount.policies.grading.weighted import Normalisation, WeightedScoreGrading
from keyaccount.policies.grading.weights import FIGURES

__all__ = ["GradingPhases"]

_EXACT = "ints (such as cents) or Decimals"
# One partition: (ids, contract_amount, profit_contribution, purchase_count).
Partition = tuple[Sequence[str], Sequence[int | Decimal], Sequence[int | Decimal], Sequence[int]]


def _python(value: Any) -> int | Decimal:
    return value if isinstance(value, (int, Decimal)) else int(value)


def tier_positions(values: Iterable[int], tiers: int) -> Sequence[int]:
    """Tier positions in an ``array`` of the smallest type that holds them."""
    return array("b" if tiers < 128 else "q", values)


@attrs.frozen
class GradingPhases:
    """A :class:`~keyaccount.policies.WeightedScoreGrading` as mergeable phases (module doc).

    Every call takes columns as ``grade_columns`` does (sequences of ints or Decimals, or
    numpy integer arrays; floats refused) and checks them alike. With numpy importable and
    int64 columns the statistics, keys and classification are vectorised; otherwise they are
    exact Python. Either way the keys and the tiers are those of
    :meth:`~keyaccount.policies.WeightedScoreGrading.grade` on the whole portfolio. Ids must be
    unique across partitions (each call checks its own partition).

    Attributes:
        policy: the grading whose weights, normalisation, shares and tie settings apply.

    Raises:
        InvalidInput: ``policy`` is not a :class:`~keyaccount.policies.WeightedScoreGrading`.
    """

    policy: WeightedScoreGrading = attrs.field(validator=instance_of(WeightedScoreGrading))

    @property
    def tiers(self) -> tuple[Tier, ...]:
        """The tiers :meth:`classify` gives positions in, best first."""
        return self.policy.tiers

    @property
    def weighted(self) -> tuple[tuple[str, int], ...]:
        """``(figure, integer weight)`` of each weighted figure; weights over a denominator."""
        weights = self.policy.weights.as_tuple()
        integers, _denominator = integer_weights(weights)
        return tuple((figure, integer) for figure, weight, integer
                     in zip(FIGURES, weights, integers, strict=True) if weight)

    def _denominator(self) -> int:
        return integer_weights(self.policy.weights.as_tuple())[1]

    def _percentile(self) -> bool:
        return self.policy.normalisation is Normalisation.PERCENTILE

    def _read(self, *columns: Any) -> tuple[int, dict[str, Any], dict[str, bool]]:
        use_numpy = _columnar.numpy_module() is not None
        given = [column if _tables.is_numpy(column) else to_items(column, field=figure,
                                                                 expected=_EXACT)
                 for figure, column in zip(FIGURES, columns, strict=True)]
        size = len(given[0])
        if any(len(column) != size for column in given):
            raise InvalidInput(f"{', '.join(FIGURES)} must be columns of one length, got "
                               f"{', '.join(str(len(column)) for column in given)}")
        read: dict[str, Any] = {}
        whole: dict[str, bool] = {}
        for figure, column in zip(FIGURES, given, strict=True):
            read[figure], whole[figure], _ratios = read_column(
                column, figure=figure, size=size, use_numpy=use_numpy)
        return size, read, whole

    def statistics(
        self,
        contract_amount: Sequence[int | Decimal],
        profit_contribution: Sequence[int | Decimal],
        purchase_count: Sequence[int],
    ) -> GradingStatistics:
        """Phase 1, per partition: the statistics of its weighted figures.

        Raises:
            InvalidInput: a column as ``grade_columns`` refuses it (a float, a value out of
                bounds, columns of different lengths).
        """
        size, columns, whole = self._read(contract_amount, profit_contribution, purchase_count)
        found: list[tuple[str, ValueCounts | ValueRange]] = []
        for figure, _integer in self.weighted:
            column = columns[figure]
            found.append((figure, _trusted_counts(_tables.counted(column))
                          if self._percentile() else ValueRange._of(column, whole[figure])))
        return GradingStatistics(self.policy.normalisation, size, found)

    def _check_statistics(self, statistics: object) -> GradingStatistics:
        if (not isinstance(statistics, GradingStatistics)
                or statistics.normalisation is not self.policy.normalisation
                or [f for f, _ in statistics.columns] != [f for f, _ in self.weighted]):
            raise InvalidInput(f"statistics must be the merged GradingStatistics of this "
                               f"policy's phases, got {statistics!r:.200}")
        return statistics

    def key_unit(self, statistics: GradingStatistics) -> Fraction:
        """The score of a key of 1: an account's exact score is ``key * key_unit``.

        Raises:
            InvalidInput: ``statistics`` are not this policy's.
        """
        statistics = self._check_statistics(statistics)
        if not statistics.size:
            return Fraction(0)
        if self._percentile():
            return Fraction(1, 2 * statistics.size * self._denominator())
        return Fraction(1, self._denominator() * math.prod(
            span for _low, span in self._spans(statistics)))

    def _spans(self, statistics: GradingStatistics) -> list[tuple[int, int]]:
        """``(low, span)`` per weighted figure, both as ints over the figure's scale."""
        spans = []
        for _figure, statistic in statistics.columns:
            assert isinstance(statistic, ValueRange)
            if statistic.low is None or statistic.high is None or statistic.low == statistic.high:
                spans.append((0, 2))  # every account equal: 1/2 each
                continue
            low = whole(statistic.low, statistic.scale)
            spans.append((low, whole(statistic.high, statistic.scale) - low))
        return spans

    def keys(
        self,
        statistics: GradingStatistics,
        contract_amount: Sequence[int | Decimal],
        profit_contribution: Sequence[int | Decimal],
        purchase_count: Sequence[int],
    ) -> Sequence[int]:
        """Phase 2, per partition: each account's exact integer score key, in input order.

        The same integers as the single-machine grading's keys, given the statistics merged
        over every partition. A numpy int64 array when numpy read int64 columns and the
        largest key fits, else a list of ints.

        Raises:
            InvalidInput: statistics that are not this policy's, or that do not count a
                value of the partition (they were not merged over every partition); a column
                ``grade_columns`` refuses.
        """
        statistics = self._check_statistics(statistics)
        size, columns, _whole = self._read(contract_amount, profit_contribution, purchase_count)
        if size > statistics.size:
            raise InvalidInput(f"statistics count {statistics.size} accounts, fewer than the "
                               f"partition's {size}: merge them over every partition")
        if self._percentile():
            return percentile_keys(self.weighted, self._denominator(), statistics, columns, size)
        return min_max_keys(self.weighted, self._denominator(), self._spans(statistics),
                            statistics, columns, size)

    def histogram(self, keys: Sequence[int]) -> ValueCounts:
        """Phase 2, per partition: the histogram of its keys, merged with ``merge``.

        Raises:
            InvalidInput: keys that are not ints.
        """
        if _tables.is_numpy(keys):
            return ValueCounts.of(keys)
        listed = to_items(keys, field="keys", expected="ints")
        for key in listed:
            if type(key) is not int:
                raise InvalidInput(f"keys must hold ints, got {key!r:.80}")
        return _trusted_counts(_tables.counted(listed))

    def cutoffs(self, histogram: ValueCounts) -> TierCutoffs:
        """Phase 3, once: the tier cut of the whole portfolio from its merged key histogram.

        Raises:
            InvalidInput: ``histogram`` is not a :class:`ValueCounts` of int keys.
        """
        if not isinstance(histogram, ValueCounts):
            raise InvalidInput(f"histogram must be ValueCounts, got {histogram!r:.80}")
        size = histogram.total
        bounds = self.policy._boundaries(size)
        values: Sequence[Any] = histogram.values
        from_top: Sequence[int]
        if _tables.is_numpy(values):  # int64 keys: one C pass instead of a list of ints
            from_top = histogram.counts[::-1].cumsum()  # type: ignore[attr-defined]
        else:
            if any(type(value) is not int for value in values):
                raise InvalidInput("histogram must count int keys (GradingPhases.keys)")
            from_top = list(accumulate(reversed(histogram.counts)))
        cutoffs: list[int | None] = []
        blocks: dict[int, tuple[int, int, int]] = {}
        for bound in bounds:
            if bound in (0, size):
                cutoffs.append(None)
                continue
            at = bisect_left(from_top, bound)  # the bound-th best key's place from the top
            key = int(values[len(values) - 1 - at])
            above, reached = int(from_top[at - 1]) if at else 0, int(from_top[at])
            cutoffs.append(key)
            if above < bound < reached:
                blocks[key] = (key, above + 1, reached)
        return TierCutoffs(size, bounds, cutoffs, tuple(blocks.values()), self.policy.tie_rule)

    def _read_keys(self, ids: Sequence[str], keys: Sequence[int]) -> tuple[
            tuple[str, ...], Any]:
        listed = read_ids(ids)
        if _tables.is_numpy(keys):
            if keys.dtype.kind not in "iu" or keys.ndim != 1:  # type: ignore[attr-defined]
                raise InvalidInput(f"keys must hold ints, got a {keys.dtype} array")  # type: ignore[attr-defined]
            read: Any = keys
        else:
            read = to_items(keys, field="keys", expected="ints")
            for key in read:
                if type(key) is not int:
                    raise InvalidInput(f"keys must hold ints, got {key!r:.80}")
        if len(read) != len(listed):
            raise InvalidInput(f"keys must hold one key per account of ids ({len(listed)}), "
                               f"got {len(read)}")
        return listed, read

    def _check_cutoffs(self, cutoffs: object) -> TierCutoffs:
        if (not isinstance(cutoffs, TierCutoffs) or cutoffs.tie_rule is not self.policy.tie_rule
                or len(cutoffs.bounds) != len(self.tiers)):
            raise InvalidInput(f"cutoffs must be the TierCutoffs of this policy's phases, "
                               f"got {cutoffs!r:.200}")
        return cutoffs

    def straddlers(
        self,
        cutoffs: TierCutoffs,
        ids: Sequence[str],
        keys: Sequence[int],
        tie_values: Sequence[int | Decimal],
    ) -> Straddlers:
        """Phase 4, per partition, under ``split``: its accounts in straddling tie blocks.

        ``tie_values`` is the partition's column of the policy's ``tie_break`` figure.
        Empty unless :attr:`TierCutoffs.needs_split`.

        Raises:
            InvalidInput: cutoffs that are not this policy's, columns of other lengths,
                keys that are not ints, a tie value ``grade_columns`` refuses.
        """
        cutoffs = self._check_cutoffs(cutoffs)
        listed, read = self._read_keys(ids, keys)
        values, _whole, _ratios = read_column(tie_values, figure=self.policy.tie_break,
                                              size=len(listed), use_numpy=True,
                                              field="tie_values")
        if not cutoffs.needs_split:
            return Straddlers(())
        wanted = {key for key, _first, _last in cutoffs.blocks}
        members = [i for i, key in enumerate(_tables.as_list(read)) if key in wanted]
        return Straddlers([(listed[i], int(read[i]), _python(values[i])) for i in members])

    def split(self, cutoffs: TierCutoffs, straddlers: Straddlers) -> TierCutoffs:
        """Phase 4, once, under ``split``: the cutoffs with every straddling account placed.

        Each block is ordered by the tie-break figure descending, then account id, and cut
        exactly, as :class:`~keyaccount.Grading` does. Other rules return ``cutoffs`` as is.

        Raises:
            InvalidInput: cutoffs that are not this policy's; straddlers that are not every
                account of the blocks (they were not gathered from every partition).
        """
        cutoffs = self._check_cutoffs(cutoffs)
        if not isinstance(straddlers, Straddlers):
            raise InvalidInput(f"straddlers must be Straddlers, got {straddlers!r:.80}")
        if not cutoffs.needs_split:
            return cutoffs
        placed: list[tuple[str, int]] = []
        for key, first, last in cutoffs.blocks:
            members = [row for row in straddlers.accounts if row[1] == key]
            if len(members) != last - first + 1:
                raise InvalidInput(f"straddlers must hold the {last - first + 1} accounts of "
                                   f"the block of key {key}, got {len(members)}: gather them "
                                   f"from every partition")
            members.sort(key=lambda row: (-row[2], row[0]))
            placed.extend((row[0], bisect_left(cutoffs.bounds, first + offset))
                          for offset, row in enumerate(members))
        return attrs.evolve(cutoffs, placed=placed)

    def classify(self, cutoffs: TierCutoffs, ids: Sequence[str], keys: Sequence[int]
                 ) -> Sequence[int]:
        """Phase 5, per partition: each account's tier as a position in :attr:`tiers`.

        A numpy ``int8`` array for numpy keys, else an ``array('b')``, in input order.

        Raises:
            InvalidInput: cutoffs that are not this policy's, or still waiting for
                :meth:`split`; keys that are not ints, one per id; a straddling account
                :meth:`split` did not place.
        """
        cutoffs = self._check_cutoffs(cutoffs)
        if cutoffs.needs_split:
            raise InvalidInput("cutoffs must be split first: tie blocks straddle a boundary "
                               "under the split rule (GradingPhases.straddlers, then split)")
        listed, read = self._read_keys(ids, keys)
        inner = sorted(cutoff for cutoff in cutoffs.cutoffs if cutoff is not None)
        outside = len(inner) + sum(1 for bound in cutoffs.bounds if bound == 0)
        np: Any = _columnar.numpy_module()
        numpy_keys = np is not None and _tables.is_numpy(read)
        if numpy_keys:
            positions: Any = outside - np.searchsorted(np.array(inner, dtype=np.int64), read,
                                                       side="right")
            positions = positions.astype(np.int8 if len(self.tiers) < 128 else np.int64)
        else:
            positions = tier_positions(
                map(int.__sub__, repeat(outside), map(bisect_right, repeat(inner), read)),
                len(self.tiers))
        if cutoffs.tie_rule is TieRule.BETTER or not cutoffs.blocks:
            return positions  # type: ignore[no-any-return]  # the cut by score puts a block with its best position
        blocks = {key: (first, last) for key, first, last in cutoffs.blocks}
        placed = dict(cutoffs.placed)
        members = (np.flatnonzero(np.isin(read, list(blocks))).tolist() if numpy_keys
                   else [i for i, key in enumerate(read) if key in blocks])
        for i in members:
            if cutoffs.tie_rule is TieRule.SPLIT:
                if listed[i] not in placed:
                    raise InvalidInput(f"ids holds {listed[i]!r}, a straddling account that "
                                       f"split did not place: gather the straddlers of every "
                                       f"partition")
                positions[i] = placed[listed[i]]
            else:
                first, last = blocks[int(read[i])]
                positions[i] = block_tier(cutoffs.bounds, first, last, cutoffs.tie_rule)
        return positions  # type: ignore[no-any-return]

    def grade_partitions(self, partitions: Iterable[Partition]) -> list[Sequence[int]]:
        """Every phase over partitions held in memory: each partition's tier positions.

        Each partition is ``(ids, contract_amount, profit_contribution, purchase_count)``.
        The reference for an engine's own run of the phases: the tiers equal those of
        ``grade`` on all the accounts together.

        Raises:
            InvalidInput: a partition that is not such a 4-tuple, or a column refused.
        """
        listed = to_items(partitions, field="partitions",
                          expected="(ids, contract_amount, profit_contribution, "
                                   "purchase_count) tuples")
        for partition in listed:
            if not isinstance(partition, tuple) or len(partition) != 4:
                raise InvalidInput(f"partitions must hold (ids, contract_amount, "
                                   f"profit_contribution, purchase_count) tuples, "
                                   f"got {partition!r:.80}")
        found = [self.statistics(*partition[1:]) for partition in listed]
        statistics = (found[0] if found else self.statistics([], [], [])).merge(*found[1:])
        keys = [self.keys(statistics, *partition[1:]) for partition in listed]
        histogram = ValueCounts((), ()).merge(*map(self.histogram, keys))
        cutoffs = self.cutoffs(histogram)
        if cutoffs.needs_split:
            tie = FIGURES.index(self.policy.tie_break) + 1
            straddlers = Straddlers(()).merge(*(
                self.straddlers(cutoffs, partition[0], partition_keys, partition[tie])  # type: ignore[arg-type]
                for partition, partition_keys in zip(listed, keys, strict=True)))
            cutoffs = self.split(cutoffs, straddlers)
        return [self.classify(cutoffs, partition[0], partition_keys)
                for partition, partition_keys in zip(listed, keys, strict=True)]
