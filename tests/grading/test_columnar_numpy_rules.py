"""Rules of policies/grading/_columnar_numpy.py found by mutation testing (docs/explanation)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from keyaccount import AccountFigures
from keyaccount.policies import ScoreWeights, WeightedScoreGrading

numpy = pytest.importorskip("numpy")

from keyaccount.policies.grading import _columnar_numpy  # noqa: E402


def test_a_key_of_exactly_two_to_the_63_does_not_fit_in_int64() -> None:
    assert _columnar_numpy.fits(2**63 - 1)
    assert not _columnar_numpy.fits(2**63)
    # min-max with spans of 2**31 and weights 1/2, 1/2: the best account's key is 2**63
    policy = WeightedScoreGrading(normalisation="min_max", tie_rule="better",
                                  weights=ScoreWeights(Decimal("0.5"), Decimal("0.5"), 0))
    ids = [f"a{i}" for i in range(20)]
    contract = [2**31 if i == 7 else i for i in range(20)]
    profit = [2**31 if i == 7 else (i * 3) % 20 for i in range(20)]
    count = [0] * 20
    columnar = policy.grade_columns(ids, numpy.array(contract), numpy.array(profit),
                                    numpy.array(count))
    objects = policy.grade([
        AccountFigures(account_id=i, contract_amount=c, profit_contribution=p,
                       purchase_count=n) for i, c, p, n in zip(ids, contract, profit, count,
                                                                strict=True)])
    assert columnar.tier_of("a7").code == "A"
    assert columnar.tiers_by_account() == objects.tiers_by_account()


@pytest.mark.parametrize("values", [[3, 1, 3, 2], [10**12, 5, 10**12, 7]])  # counted, sorted
@pytest.mark.parametrize("dtype", ["int32", "int64"])
def test_percentile_keys_are_exact_integers_of_the_key_type(values: list[int],
                                                            dtype: str) -> None:
    keys = _columnar_numpy.percentile_keys([(numpy.array(values, dtype=numpy.int64), 3)],
                                           dtype)
    assert keys.dtype == numpy.dtype(dtype)
    ranked = sorted(values)
    assert keys.tolist() == [3 * (2 * ranked.index(v) + values.count(v)) for v in values]


def test_tier_positions_of_the_int64_kernels_are_held_in_the_narrow_type() -> None:
    policy = WeightedScoreGrading()
    columnar = policy.grade_columns([f"a{i}" for i in range(8)], numpy.arange(8),
                                    numpy.arange(8), numpy.arange(8))
    assert columnar.tier_indices.dtype == numpy.int8  # type: ignore[attr-defined]


def test_min_max_keys_add_each_offset_from_the_low_and_one_half_for_an_all_equal_column(
) -> None:
    equal, spread = numpy.array([5, 5, 5]), numpy.array([1, 3, 2])
    keys = _columnar_numpy.min_max_keys([(equal, 5, 2, 7), (spread, 1, 2, 4)])
    assert keys.tolist() == [7, 7 + 2 * 4, 7 + 1 * 4]
    assert _columnar_numpy.min_max_keys([(spread, 1, 2, 4), (equal, 5, 2, 7)]).tolist() == \
        [7, 15, 11]
