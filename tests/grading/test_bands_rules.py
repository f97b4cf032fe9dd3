"""Rules of policies/grading/bands.py found by mutation testing (docs/explanation/testing.md)."""

from __future__ import annotations

import pytest

from keyaccount import InvalidInput
from keyaccount.policies import AmountBandGrading


def test_columns_on_the_lower_bound_of_a_band_inclusive_of_it_are_in_that_band() -> None:
    pytest.importorskip("numpy")  # whole amounts take the int64 thresholds
    policy = AmountBandGrading()  # inclusive of the lower bound
    columnar = policy.grade_columns(["a", "b", "c"], [5_000_000, 4_999_999, 20_000_000])
    assert {i: t.code for i, t in columnar.tiers_by_account().items()} == {
        "a": "ORDINARY", "c": "PARTNER"}


@pytest.mark.parametrize("amount", ["abc", None, 1.5])
def test_an_amount_to_classify_that_is_not_a_number_is_refused_naming_it(amount: object) -> None:
    with pytest.raises(InvalidInput, match=r"^amount must be "):
        AmountBandGrading().classify(amount)  # type: ignore[arg-type]
