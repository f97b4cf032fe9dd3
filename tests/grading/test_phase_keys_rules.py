"""Rules of policies/grading/_phase_keys.py found by mutation testing (docs/explanation).

The score keys of a partition, read from statistics merged over every partition, are the
keys of the single-machine grading, on numpy arrays and on lists alike, and a value the
statistics do not count is refused.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from unittest import mock

import pytest

from keyaccount import InvalidInput
from keyaccount.policies import (
    GradingPhases,
    GradingStatistics,
    ScoreWeights,
    ValueCounts,
    WeightedScoreGrading,
    presets,
)
from keyaccount.policies.grading import _columnar, _phase_keys

_STAGED = GradingPhases(presets.weighted_grading())
_MIN_MAX = GradingPhases(WeightedScoreGrading(normalisation="min_max"))


def _np() -> Any:
    return pytest.importorskip("numpy")


def _arrays(*columns: list[int]) -> list[Any]:
    np = _np()
    return [np.array(column, dtype=np.int64) for column in columns]


@pytest.mark.parametrize("staged", [_STAGED, _MIN_MAX], ids=["percentile", "min_max"])
def test_numpy_keys_refuse_a_value_the_statistics_do_not_count(staged: GradingPhases) -> None:
    statistics = staged.statistics(*_arrays([1, 2, 4], [0, 0, 0], [1, 1, 1]))
    # between (percentiles only: min-max reads the range), below and above the values
    for missing in ([3], [0], [5]) if staged is _STAGED else ([0], [5]):
        with pytest.raises(InvalidInput, match=r"^contract_amount holds a value"):
            staged.keys(statistics, *_arrays(missing, [0], [1]))
    keys = staged.keys(statistics, *_arrays([4, 1], [0, 0], [1, 1]))
    assert list(keys) == list(staged.keys(statistics, [4, 1], [0, 0], [1, 1]))


def test_numpy_keys_of_an_empty_partition_are_empty() -> None:
    statistics = _STAGED.statistics(*_arrays([1, 2], [0, 0], [1, 1]))
    assert len(_STAGED.keys(statistics, *_arrays([], [], []))) == 0
    empty = _STAGED.statistics(*_arrays([], [], []))
    assert len(_STAGED.keys(empty, *_arrays([], [], []))) == 0


def test_keys_read_from_a_large_merged_table_are_the_keys_of_the_whole() -> None:
    np = _np()
    size = _phase_keys._SMALL_TABLE + 500  # the merged table is searched in value order
    rng = np.random.default_rng(7)
    contract = rng.permutation(size).astype(np.int64) * 3
    profit = rng.integers(-5, 5, size).astype(np.int64)
    count = rng.integers(0, 10**9, size).astype(np.int64)
    half = size // 2
    parts = [(contract[:half], profit[:half], count[:half]),
             (contract[half:], profit[half:], count[half:])]
    statistics = _STAGED.statistics(*parts[0]).merge(_STAGED.statistics(*parts[1]))
    keys = [int(key) for part in parts for key in _STAGED.keys(statistics, *part)]
    with mock.patch.object(_columnar, "numpy_module", return_value=None):
        exact = [int(key) for part in parts
                 for key in _STAGED.keys(statistics, *(c.tolist() for c in part))]
    assert keys == exact
    with pytest.raises(InvalidInput, match=r"^contract_amount holds a value the statistics"):
        _STAGED.keys(statistics, *_arrays([1], [0], [0]))


def test_percentile_keys_past_int64_are_exact_python_ints() -> None:
    np = _np()
    third = Decimal("0.333333333333")  # weights over 10**12
    staged = GradingPhases(WeightedScoreGrading(
        weights=ScoreWeights(third, third, Decimal("0.333333333334"))))
    many = 5_000_000  # 2 x 5e6 x 10**12 = 10**19: past 2**63, within 2**64
    counts = ValueCounts(np.array([1, 2]), np.array([many - 1, 1]))
    statistics = GradingStatistics("percentile", many, [
        ("contract_amount", counts), ("profit_contribution", counts),
        ("purchase_count", counts)])
    keys = staged.keys(statistics, *_arrays([1, 2], [1, 2], [1, 2]))
    assert [type(key) for key in keys] == [int, int]
    assert list(keys) == [10**12 * (many - 1), 10**12 * (2 * many - 1)]


def test_min_max_keys_past_int64_are_exact_python_ints() -> None:
    _np()
    staged = _MIN_MAX  # weights 2/5, 2/5, 1/5
    contract, profit = [0, 10**15], [0, 1_000]  # 5 x 10**15 x 1_000 x 2: past 2**63
    statistics = staged.statistics(*_arrays(contract, profit, [7, 7]))
    keys = staged.keys(statistics, *_arrays(contract, profit, [7, 7]))
    assert [type(key) for key in keys] == [int, int]
    product = 10**15 * 1_000 * 2
    assert list(keys) == [product // 2, 2 * product + 2 * product + product // 2]
