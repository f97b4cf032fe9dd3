"""Rules of policies/grading/_columnar.py found by mutation testing (docs/explanation)."""

from __future__ import annotations

from decimal import Decimal
from unittest import mock

import pytest

from keyaccount import InvalidInput
from keyaccount.policies import presets
from keyaccount.policies.grading import _columnar

PATHS = ["numpy", "python"]
_POLICY = presets.weighted_grading()


def _path(name: str) -> mock._patch[object]:
    """The numpy path as installed, or turned off as if numpy were absent."""
    if name == "numpy":
        pytest.importorskip("numpy")
        return mock.patch.object(_columnar, "numpy_module", _columnar.numpy_module)
    return mock.patch.object(_columnar, "numpy_module", return_value=None)


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("blank", ["", "  "])
def test_a_blank_account_id_is_refused_naming_the_ids(path: str, blank: str) -> None:
    refused = rf"^ids must be a non-empty string, got {blank!r}"
    with _path(path), pytest.raises(InvalidInput, match=refused):
        _POLICY.grade_columns(["a", blank], [1, 2], [1, 2], [1, 2])


def test_a_numpy_column_of_another_length_than_the_ids_is_refused_naming_it() -> None:
    numpy = pytest.importorskip("numpy")
    with pytest.raises(InvalidInput, match=r"^contract_amount must hold one value per account "
                                           r"of ids \(2\), got 3"):
        _POLICY.grade_columns(["a", "b"], numpy.array([1, 2, 3]), [1, 2], [1, 2])
    empty = _POLICY.grade_columns([], numpy.array([], dtype=numpy.int64), [], [])
    assert list(empty.tier_indices) == []


@pytest.mark.parametrize("path", PATHS)
def test_an_int_past_the_bounds_in_a_column_of_decimals_is_refused_naming_it(path: str) -> None:
    with _path(path), pytest.raises(InvalidInput, match=r"^profit_contribution must lie within "
                                                         r"-10+\.\.10+, got 10+1$"):
        _POLICY.grade_columns(["a", "b"], [1, 2], [Decimal("1.5"), 10**15 + 1], [1, 2])
    with _path(path), pytest.raises(InvalidInput, match=r"^contract_amount must lie within "
                                                         r"0\.\.10+, got -1$"):
        _POLICY.grade_columns(["a", "b"], [Decimal("1.5"), -1], [1, 2], [1, 2])
