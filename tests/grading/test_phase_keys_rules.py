"""Rules of policies/grading/_phase_keys.py found by mutation testing (docs/explanation).

The score keys of a partition, read from statistics merged over every partition, are the
keys of the single-machine grading, on numpy arrays and on lists alike, and a value the
statistics do not count is refused.
"""

from __future__ import annotations

from typing import Any
from unittest import mock

import pytest

from keyaccount import InvalidInput
from keyaccount.policies import GradingPhases, WeightedScoreGrading, presets
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
