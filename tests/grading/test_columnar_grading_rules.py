"""Rules of domain/grading/columnar.py found by mutation testing (docs/explanation/testing.md)."""

from __future__ import annotations

import pytest

from keyaccount import ColumnarGrading, InvalidInput
from keyaccount.policies import presets


def _grading() -> ColumnarGrading:
    ids = [f"acct-{i}" for i in range(10)]
    values = list(range(10))
    return presets.weighted_grading().grade_columns(ids, values, values, values)


def test_a_columnar_grading_shows_its_size_and_each_tiers_count() -> None:
    assert repr(_grading()) == "<ColumnarGrading of 10 accounts: A=1, B=1, C=3, D=5>"


def test_the_tier_of_an_account_not_graded_is_refused_naming_the_account() -> None:
    with pytest.raises(
        InvalidInput, match=r"^account_id 'nobody' is not graded in this grading$"
    ):
        _grading().tier_of("nobody")


@pytest.mark.parametrize("blank", ["", "  ", None, 7])
def test_the_tier_of_a_blank_or_non_string_id_is_refused_naming_the_field(blank: object) -> None:
    with pytest.raises(InvalidInput, match=r"^account_id must be a non-empty string, got "):
        _grading().tier_of(blank)  # type: ignore[arg-type]
