"""Rules of policies/grading/phases.py found by mutation testing (docs/explanation)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from keyaccount import InvalidInput
from keyaccount.policies import (
    GradingPhases,
    Straddlers,
    TierCutoffs,
    ValueCounts,
    WeightedScoreGrading,
    presets,
)

_TIES = (["a", "b", "c", "d"], [5, 5, 5, 5], [0, 0, 0, 0], [1, 1, 1, 1])
_STAGED = GradingPhases(presets.weighted_grading())


def _split_cutoffs() -> tuple[TierCutoffs, object]:
    keys = _STAGED.keys(_STAGED.statistics(*_TIES[1:]), *_TIES[1:])
    return _STAGED.cutoffs(_STAGED.histogram(keys)), keys


@pytest.mark.parametrize("normalisation", ["percentile", "min_max"])
def test_the_key_unit_of_no_account_is_zero(normalisation: str) -> None:
    staged = GradingPhases(WeightedScoreGrading(normalisation=normalisation))
    assert staged.key_unit(staged.statistics([], [], [])) == Fraction(0)
    assert staged.key_unit(staged.statistics([1], [0], [1])) > 0


def test_keys_refuse_statistics_of_fewer_accounts_than_the_partition() -> None:
    statistics = _STAGED.statistics([5], [0], [1])
    with pytest.raises(InvalidInput, match=r"^statistics count 1 accounts, fewer than the "
                                           r"partition's 2"):
        _STAGED.keys(statistics, [5, 5], [0, 0], [1, 1])
    both = _STAGED.statistics([5, 5], [0, 0], [1, 1])
    assert list(_STAGED.keys(both, [5], [0], [1])) == list(_STAGED.keys(both, [5, 5], [0, 0],
                                                                        [1, 1]))[:1]


def test_cutoffs_refuse_a_histogram_of_keys_that_are_not_ints() -> None:
    with pytest.raises(InvalidInput, match=r"^histogram must count int keys"):
        _STAGED.cutoffs(ValueCounts((Decimal("0.5"), 2), (1, 1)))
    with pytest.raises(InvalidInput, match=r"^histogram must be ValueCounts, got"):
        _STAGED.cutoffs(((1, 2), (1, 1)))  # type: ignore[arg-type]


def test_a_histogram_counts_int_keys_only() -> None:
    assert _STAGED.histogram([3, 1, 3]) == ValueCounts((1, 3), (1, 2))
    for wrong in (True, 1.0, Decimal(1)):
        with pytest.raises(InvalidInput, match=r"^keys must hold ints, got"):
            _STAGED.histogram([1, wrong])  # type: ignore[list-item]


def test_numpy_keys_that_are_not_a_column_of_ints_are_refused() -> None:
    numpy = pytest.importorskip("numpy")
    cutoffs, _keys = _split_cutoffs()
    for keys in (numpy.array([1.0, 2.0, 3.0, 4.0]), numpy.array([[1, 2, 3, 4]])):
        with pytest.raises(InvalidInput, match=r"^keys must hold ints, got a "):
            _STAGED.straddlers(cutoffs, _TIES[0], keys, _TIES[1])
    with pytest.raises(InvalidInput, match=r"^keys must hold one key per account of ids \(4\), "
                                           r"got 3"):
        _STAGED.straddlers(cutoffs, _TIES[0], numpy.array([1, 2, 3]), _TIES[1])


def test_keys_given_as_a_list_hold_ints_one_per_id() -> None:
    cutoffs, keys = _split_cutoffs()
    listed = [int(key) for key in keys]  # type: ignore[attr-defined]
    with pytest.raises(InvalidInput, match=r"^keys must hold ints, got 1\.0"):
        _STAGED.straddlers(cutoffs, _TIES[0], [1.0, *listed[1:]], _TIES[1])
    with pytest.raises(InvalidInput, match=r"^keys must hold one key per account of ids \(4\), "
                                           r"got 3"):
        _STAGED.straddlers(cutoffs, _TIES[0], listed[1:], _TIES[1])


def test_no_straddler_is_gathered_and_nothing_split_when_no_block_straddles() -> None:
    columns = (["a", "b", "c", "d"], [1, 2, 3, 4], [0, 0, 0, 0], [1, 1, 1, 1])
    keys = _STAGED.keys(_STAGED.statistics(*columns[1:]), *columns[1:])
    cutoffs = _STAGED.cutoffs(_STAGED.histogram(keys))
    assert not cutoffs.needs_split
    assert _STAGED.straddlers(cutoffs, columns[0], keys, columns[1]) == Straddlers(())
    assert _STAGED.split(cutoffs, Straddlers([("x", 1, 1)])) is cutoffs


def test_split_refuses_what_is_not_straddlers() -> None:
    cutoffs, _keys = _split_cutoffs()
    with pytest.raises(InvalidInput, match=r"^straddlers must be Straddlers, got"):
        _STAGED.split(cutoffs, [("a", 1, 1)])  # type: ignore[arg-type]


def test_cutoffs_of_another_policy_or_tie_rule_are_refused() -> None:
    cutoffs, keys = _split_cutoffs()
    other = GradingPhases(WeightedScoreGrading(tie_rule="better"))
    with pytest.raises(InvalidInput, match=r"^cutoffs must be the TierCutoffs of this policy"):
        other.classify(cutoffs, _TIES[0], keys)
    with pytest.raises(InvalidInput, match=r"^cutoffs must be the TierCutoffs of this policy"):
        _STAGED.classify(TierCutoffs(4, (1, 4), (5, None), (), "split"), _TIES[0], keys)


@pytest.mark.parametrize("as_array", [False, True])
def test_classify_refuses_a_straddling_account_the_split_did_not_place(as_array: bool) -> None:
    cutoffs, keys = _split_cutoffs()
    gathered = _STAGED.straddlers(cutoffs, _TIES[0], keys, _TIES[1])
    split = _STAGED.split(cutoffs, gathered)
    if not as_array:
        keys = [int(key) for key in keys]  # type: ignore[attr-defined]
    else:
        pytest.importorskip("numpy")
    with pytest.raises(InvalidInput, match=r"^ids holds 'z', a straddling account that split "
                                           r"did not place"):
        _STAGED.classify(split, ["a", "b", "c", "z"], keys)  # type: ignore[arg-type]
    assert list(_STAGED.classify(split, _TIES[0], keys)) == [1, 2, 3, 3]  # type: ignore[arg-type]


def test_partitions_are_four_tuples_of_columns() -> None:
    for wrong in (["a"], (["a"], [1], [0]), [["a"], [1], [0], [1]]):
        with pytest.raises(InvalidInput, match=r"^partitions must hold \(ids, contract_amount"):
            _STAGED.grade_partitions([wrong])  # type: ignore[list-item]
    assert _STAGED.grade_partitions([]) == []


def test_columns_of_one_partition_have_one_length() -> None:
    with pytest.raises(InvalidInput, match=r"^contract_amount, profit_contribution, "
                                           r"purchase_count must be columns of one length, "
                                           r"got 2, 1, 2"):
        _STAGED.statistics([1, 2], [0], [1, 1])


@pytest.mark.parametrize("partitions", ["acme", None, 7])
def test_partitions_that_are_not_a_collection_are_refused_naming_them(
    partitions: object
) -> None:
    with pytest.raises(InvalidInput, match=r"^partitions must be a collection of \(ids, "
                                           r"contract_amount, profit_contribution, "
                                           r"purchase_count\) tuples, got "):
        _STAGED.grade_partitions(partitions)  # type: ignore[arg-type]
