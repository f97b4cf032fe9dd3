"""More rules of policies/grading/_columnar.py found by mutation testing (docs/explanation).

The numpy path's key sizes (int32 or int64, or the exact path when even int64 is too small),
the explained figures of amount bands, and the type of ``tier_indices``.
"""

from __future__ import annotations

from decimal import Decimal
from unittest import mock

import pytest

from keyaccount import Tier
from keyaccount.policies import AmountBandGrading, WeightedScoreGrading
from keyaccount.policies.grading import _columnar
from keyaccount.policies.grading.bands import AmountBand
from keyaccount.policies.grading.weights import ScoreWeights

PATHS = ["numpy", "python"]


def _path(name: str) -> mock._patch[object]:
    """The numpy path as installed, or turned off as if numpy were absent."""
    if name == "numpy":
        pytest.importorskip("numpy")
        return mock.patch.object(_columnar, "numpy_module", _columnar.numpy_module)
    return mock.patch.object(_columnar, "numpy_module", return_value=None)


def _fine_weights(places: int) -> WeightedScoreGrading:
    third = Decimal(1).scaleb(-places) * (10**places // 3)
    return WeightedScoreGrading(weights=ScoreWeights(third, third, 1 - 2 * third))


_N = 20
_IDS = [f"acct-{i:02}" for i in range(_N)]
_CONTRACT = [(i * 7919) % 101 for i in range(_N)]
_PROFIT = [(i * 104729) % 97 - 40 for i in range(_N)]
_COUNT = [(i * 31) % 17 for i in range(_N)]


def test_weights_of_nine_places_past_int32_keys_grade_the_same_on_the_numpy_and_exact_path(
) -> None:
    """2n times the weights' denominator (here 40 * 10**9) bounds the keys: past int32 the
    numpy keys are int64, never keys that wrap round."""
    policy = _fine_weights(9)
    with _path("python"):
        exact = policy.grade_columns(_IDS, _CONTRACT, _PROFIT, _COUNT).tiers_by_account()
    with _path("numpy"):
        fast = policy.grade_columns(_IDS, _CONTRACT, _PROFIT, _COUNT).tiers_by_account()
    assert fast == exact
    assert len(set(exact.values())) > 1


@pytest.mark.parametrize("room", [0, 1])
def test_percentile_keys_past_int64_are_left_to_the_exact_path(room: int) -> None:
    """The largest key is 2n times the weights' denominator (10**12 for 12 places); when it
    would not fit in int64 (here made smaller, so 20 accounts reach it) the kernel is not
    used and the exact path grades."""
    pytest.importorskip("numpy")
    from keyaccount.policies.grading import _columnar_numpy

    policy = _fine_weights(12)
    with _path("python"):
        exact = policy.grade_columns(_IDS, _CONTRACT, _PROFIT, _COUNT).tiers_by_account()
    kernel = mock.Mock(wraps=_columnar_numpy.percentile_keys)
    with _path("numpy"), mock.patch.object(_columnar_numpy, "INT64_LIMIT",
                                           2 * _N * 10**12 + room), \
            mock.patch.object(_columnar_numpy, "percentile_keys", kernel):
        fast = policy.grade_columns(_IDS, _CONTRACT, _PROFIT, _COUNT).tiers_by_account()
    assert fast == exact
    assert kernel.called is bool(room)


def _bands(count: int) -> AmountBandGrading:
    tiers = [Tier(f"T{i}", i + 1, f"级{i}", f"tier {i}") for i in range(count)]
    bands = [AmountBand(tier, (count - 1 - i) * 10, None if i == 0 else (count - i) * 10)
             for i, tier in enumerate(tiers)]
    return AmountBandGrading(list(reversed(bands)))


@pytest.mark.parametrize("path", PATHS)
def test_an_amount_band_explanation_shows_the_amount_and_zero_for_the_figures_not_read(
    path: str,
) -> None:
    amounts: object = [5, 15]
    if path == "numpy":
        numpy = pytest.importorskip("numpy")
        amounts = numpy.array([5, 15], dtype=numpy.int64)
    with _path(path):
        grading = _bands(3).grade_columns(["a", "b"], amounts)  # type: ignore[arg-type]
    figures = grading["b"].figures
    amount = getattr(figures, _bands(3).figure)
    assert amount == 15
    others = {"contract_amount", "profit_contribution", "purchase_count"} - {_bands(3).figure}
    assert {name: getattr(figures, name) for name in others} == dict.fromkeys(others, 0)


@pytest.mark.parametrize("path", PATHS)
def test_tier_indices_are_signed_bytes_for_up_to_127_tiers_and_wider_beyond(path: str) -> None:
    with _path(path):
        few = _bands(4).grade_columns(["a", "b"], [5, 35]).tier_indices
        many = _bands(200).grade_columns(["a", "b"], [5, 1995]).tier_indices
        weighted = WeightedScoreGrading().grade_columns(["a", "b"], [1, 2], [1, 2], [1, 2])
    for small in (few, weighted.tier_indices):
        kind = getattr(small, "typecode", None) or small.dtype.char  # type: ignore[attr-defined]
        assert kind == "b", kind
    assert list(few) == [3, 0]
    assert list(many) == [199, 0]
