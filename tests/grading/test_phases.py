"""Grading in mergeable phases (issue 17, item 2): any split of a portfolio grades as the whole.

:class:`GradingPhases` runs ``grade`` as per-partition calls whose results merge. Merged over
any split of a portfolio into partitions, in any order, the phases must give the keys and the
tiers of the single-machine grading, on the numpy path and on the pure Python one.
"""

import itertools
from contextlib import ExitStack
from decimal import Decimal
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st

from keyaccount import AccountFigures, InvalidInput, TieRule
from keyaccount.policies import (
    AmountBandGrading,
    BandPhases,
    GradingPhases,
    GradingStatistics,
    Normalisation,
    Straddlers,
    TierCutoffs,
    ValueCounts,
    ValueRange,
    WeightedScoreGrading,
    presets,
)
from keyaccount.policies.grading import _columnar
from keyaccount.testing import amount_band_gradings, weighted_gradings

Columns = tuple[list[str], list[object], list[object], list[int]]


def _path(name: str) -> ExitStack:
    """The numpy path as installed, or turned off as if numpy were absent."""
    stack = ExitStack()
    if name == "python":
        stack.enter_context(mock.patch.object(_columnar, "numpy_module", return_value=None))
    else:
        pytest.importorskip("numpy")
    return stack


_SMALL = st.integers(0, 3)  # heavy ties and zeros


@st.composite
def _portfolios(draw: st.DrawFn) -> Columns:
    """Ids and columns in cents: heavy ties, zeros, negatives, all equal, 0-21 accounts."""
    size = draw(st.integers(0, 21))
    wide = st.integers(0, 10**12)
    if size and draw(st.booleans()):  # every account equal
        row = (draw(_SMALL), draw(st.integers(-3, 3)), draw(_SMALL))
        rows = [row] * size
    else:
        contract, profit = (draw(st.sampled_from([_SMALL, wide])) for _ in range(2))
        count = draw(st.sampled_from([_SMALL, st.integers(0, 10**9)]))
        rows = draw(st.lists(st.tuples(contract, profit.map(lambda p: p - 1), count),
                             min_size=size, max_size=size))
    ids = [f"acct-{i}" for i in draw(st.permutations(range(size)))]
    contract_amount: list[object] = [r[0] for r in rows]
    profit_contribution: list[object] = [r[1] for r in rows]
    if draw(st.booleans()):  # Decimals, in yuan
        contract_amount = [Decimal(c) / 100 for c in contract_amount]  # type: ignore[operator]
        profit_contribution = [Decimal(p) / 100 for p in profit_contribution]  # type: ignore[operator]
    return ids, contract_amount, profit_contribution, [r[2] for r in rows]


def _whole(columns: Columns, policy: WeightedScoreGrading) -> list[int]:
    """Each account's tier position as ``grade`` places it on the whole portfolio."""
    ids, contract, profit, count = columns
    grading = policy.grade([
        AccountFigures(account_id=i, contract_amount=c, profit_contribution=p, purchase_count=n)
        for i, c, p, n in zip(ids, contract, profit, count, strict=True)])
    return [policy.tiers.index(tier) for tier in grading.tiers_by_account().values()]


def _split(columns: Columns, cuts: list[int], as_arrays: bool) -> list[tuple[object, ...]]:
    """The portfolio cut at ``cuts`` into partitions (some possibly empty)."""
    size = len(columns[0])
    edges = [0, *sorted(min(cut, size) for cut in cuts), size]
    parts = []
    for start, end in itertools.pairwise(edges):
        part: list[object] = [column[start:end] for column in columns]
        if as_arrays and all(type(v) is int for column in part[1:] for v in column):  # type: ignore[attr-defined]
            numpy = pytest.importorskip("numpy")
            part[1:] = [numpy.array(column, dtype=numpy.int64) for column in part[1:]]
        parts.append(tuple(part))
    return parts


@pytest.mark.parametrize("path", ["numpy", "python"])
@given(columns=_portfolios(), policy=weighted_gradings(),
       cuts=st.lists(st.integers(0, 21), max_size=5), as_arrays=st.booleans(),
       reverse=st.booleans())
def test_merging_phase_results_over_any_split_gives_the_tiers_of_the_whole(
    path: str, columns: Columns, policy: WeightedScoreGrading, cuts: list[int],
    as_arrays: bool, reverse: bool,
) -> None:
    parts = _split(columns, cuts, as_arrays)
    with _path(path):
        graded = GradingPhases(policy).grade_partitions(
            parts[::-1] if reverse else parts)  # type: ignore[arg-type]
    if reverse:
        graded = graded[::-1]
    assert [int(tier) for part in graded for tier in part] == _whole(columns, policy)


@pytest.mark.parametrize("path", ["numpy", "python"])
@given(columns=_portfolios(), policy=weighted_gradings(),
       cuts=st.lists(st.integers(0, 21), max_size=3))
def test_the_keys_of_a_partition_are_the_single_machine_keys(
    path: str, columns: Columns, policy: WeightedScoreGrading, cuts: list[int]
) -> None:
    ids, contract, profit, count = columns
    grading = policy.grade([
        AccountFigures(account_id=i, contract_amount=c, profit_contribution=p, purchase_count=n)
        for i, c, p, n in zip(ids, contract, profit, count, strict=True)])
    staged = GradingPhases(policy)
    parts = _split(columns, cuts, as_arrays=True)
    with _path(path):
        statistics = staged.statistics(*parts[0][1:])  # type: ignore[arg-type]
        for part in parts[1:]:
            statistics = statistics.merge(staged.statistics(*part[1:]))  # type: ignore[arg-type]
        keys = [int(key) for part in parts
                for key in staged.keys(statistics, *part[1:])]  # type: ignore[arg-type]
    assert keys == [int(key) for key in grading._keys]
    if ids:
        assert staged.key_unit(statistics) == grading._key_unit


@given(tables=st.lists(st.lists(st.integers(-5, 5), max_size=8), min_size=1, max_size=4),
       order=st.randoms())
def test_value_counts_merge_in_any_order_and_grouping(
    tables: list[list[int]], order: object
) -> None:
    counts = [ValueCounts.of(values) for values in tables]
    whole = ValueCounts.of([value for values in tables for value in values])
    order.shuffle(counts)  # type: ignore[attr-defined]
    merged = counts[0]
    for other in counts[1:]:
        merged = other.merge(merged)
    assert merged == whole
    assert counts[0].merge(*counts[1:]) == whole  # many at once
    assert merged.total == sum(map(len, tables))


def test_numpy_and_python_value_counts_are_equal_and_merge() -> None:
    numpy = pytest.importorskip("numpy")
    arrays = ValueCounts.of(numpy.array([3, 1, 3], dtype=numpy.int64))
    assert arrays == ValueCounts.of([1, 3, 3]) == ValueCounts((1, 3), (1, 2))
    assert arrays.merge(ValueCounts.of([2])) == ValueCounts((1, 2, 3), (1, 1, 2))
    assert arrays.merge(arrays) == ValueCounts((1, 3), (2, 4))
    assert arrays.merge(arrays, arrays, ValueCounts.of(numpy.array([0, 3]))) == ValueCounts(
        (0, 1, 3), (1, 3, 7))


def test_value_counts_refuse_unsigned_values_past_int64() -> None:
    numpy = pytest.importorskip("numpy")
    huge = numpy.array([2**63], dtype=numpy.uint64)
    with pytest.raises(InvalidInput, match="fit in int64"):
        ValueCounts.of(huge)
    with pytest.raises(InvalidInput, match="fit in int64"):
        ValueCounts(huge, numpy.array([1], dtype=numpy.int64))


def test_value_range_merges_bounds_and_scale() -> None:
    assert ValueRange(None, None).merge(ValueRange(2, 3)) == ValueRange(2, 3)
    assert ValueRange(Decimal("0.5"), 1, 2).merge(ValueRange(-1, Decimal("0.25"), 4)) == \
        ValueRange(-1, 1, 4)
    assert ValueRange(None, None, 2).merge(ValueRange(None, None, 5)) == ValueRange(None, None,
                                                                                    10)


def test_values_refuse_what_is_not_a_table() -> None:
    with pytest.raises(InvalidInput, match="distinct and rising"):
        ValueCounts((2, 1), (1, 1))
    with pytest.raises(InvalidInput, match="one count per value"):
        ValueCounts((1, 2), (1,))
    with pytest.raises(InvalidInput, match=">= 1"):
        ValueCounts((1,), (0,))
    with pytest.raises(InvalidInput, match="low must be at most high"):
        ValueRange(3, 2)
    with pytest.raises(InvalidInput, match="total 2, not the size 3"):
        GradingStatistics("percentile", 3, [("contract_amount", ValueCounts((1,), (2,)))])
    with pytest.raises(InvalidInput, match="must hold ValueRange"):
        GradingStatistics("min_max", 2, [("contract_amount", ValueCounts((1,), (2,)))])
    with pytest.raises(InvalidInput, match="fall as the bounds rise"):
        TierCutoffs(4, (1, 2, 4), (3, 5, None), (), "better")
    with pytest.raises(InvalidInput, match="each account once"):
        Straddlers([("a", 1, 1), ("a", 1, 1)])


_TIES = (["a", "b", "c", "d"], [5, 5, 5, 5], [0, 0, 0, 0], [1, 1, 1, 1])


def test_keys_refuse_statistics_not_merged_over_every_partition() -> None:
    staged = GradingPhases(presets.weighted_grading())
    statistics = staged.statistics([1, 2], [0, 0], [1, 1])
    with pytest.raises(InvalidInput, match="merge the statistics over every partition"):
        staged.keys(statistics, [3], [0], [1])
    min_max = GradingPhases(WeightedScoreGrading(normalisation="min_max"))
    with pytest.raises(InvalidInput, match="merge the statistics over every partition"):
        min_max.keys(min_max.statistics([1, 2], [0, 0], [1, 1]), [3], [0], [1])
    with pytest.raises(InvalidInput, match="statistics must be the merged"):
        staged.keys(min_max.statistics([1], [0], [1]), [1], [0], [1])


def test_split_refuses_straddlers_not_gathered_from_every_partition() -> None:
    staged = GradingPhases(presets.weighted_grading())
    statistics = staged.statistics(*_TIES[1:])
    keys = staged.keys(statistics, *_TIES[1:])
    cutoffs = staged.cutoffs(staged.histogram(keys))
    assert cutoffs.needs_split
    partial = staged.straddlers(cutoffs, _TIES[0][:2], keys[:2], _TIES[1][:2])
    with pytest.raises(InvalidInput, match="gather them from every partition"):
        staged.split(cutoffs, partial)


def test_classify_refuses_cutoffs_that_wait_for_the_split() -> None:
    staged = GradingPhases(presets.weighted_grading())
    keys = staged.keys(staged.statistics(*_TIES[1:]), *_TIES[1:])
    cutoffs = staged.cutoffs(staged.histogram(keys))
    with pytest.raises(InvalidInput, match="cutoffs must be split first"):
        staged.classify(cutoffs, _TIES[0], keys)
    whole = staged.straddlers(cutoffs, _TIES[0], keys, _TIES[1])
    split = staged.split(cutoffs, whole)
    assert list(staged.classify(split, _TIES[0], keys)) == [1, 2, 3, 3]
    assert split.tier_counts() == (0, 1, 1, 2)


@pytest.mark.parametrize("rule", list(TieRule))
def test_an_all_equal_portfolio_is_cut_by_the_tie_rule(rule: TieRule) -> None:
    policy = WeightedScoreGrading(tie_rule=rule)
    columns: Columns = (_TIES[0], list(_TIES[1]), list(_TIES[2]), _TIES[3])
    graded = GradingPhases(policy).grade_partitions([
        tuple(column[:1] for column in columns), tuple(column[1:] for column in columns)])  # type: ignore[list-item]
    assert [int(t) for part in graded for t in part] == _whole(columns, policy)


@pytest.mark.parametrize("path", ["numpy", "python"])
@given(policy=amount_band_gradings(),
       amounts=st.lists(st.one_of(st.integers(0, 10**9 + 10), st.sampled_from([0, 1, 100])),
                        max_size=30), in_decimals=st.booleans())
def test_band_phases_classify_each_partition_as_grade_does(
    path: str, policy: AmountBandGrading, amounts: list[int], in_decimals: bool
) -> None:
    values: list[object] = [Decimal(a) / 8 if in_decimals else a for a in amounts]
    ids = [f"acct-{i}" for i in range(len(amounts))]
    figures = [AccountFigures(account_id=i, contract_amount=0, profit_contribution=0,
                              purchase_count=0, **{policy.figure: v})  # type: ignore[arg-type]
               if policy.figure == "annual_purchase_amount" else
               AccountFigures(account_id=i, contract_amount=v, profit_contribution=0,  # type: ignore[arg-type]
                              purchase_count=0)
               for i, v in zip(ids, values, strict=True)]
    expected = policy.grade(figures).tiers_by_account()
    with _path(path):
        positions = [int(p) for half in (values[:5], values[5:])
                     for p in BandPhases(policy).classify(half)]
    assert {i: policy.tiers[p] for i, p in zip(ids, positions, strict=True) if p >= 0} == expected


def test_phases_refuse_a_policy_of_the_other_kind() -> None:
    with pytest.raises(InvalidInput, match="policy"):
        GradingPhases(AmountBandGrading())  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="policy"):
        BandPhases(WeightedScoreGrading())  # type: ignore[arg-type]
    assert GradingPhases(WeightedScoreGrading()).statistics([], [], []).normalisation is \
        Normalisation.PERCENTILE
