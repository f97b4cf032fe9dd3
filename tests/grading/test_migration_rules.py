"""Rules of domain/grading/migration.py found by mutation testing (docs/explanation/testing.md)."""

from __future__ import annotations

import pytest

from keyaccount import TIER_A, TIER_B, TIER_C, InvalidInput, MigrationMatrix


def test_cells_from_one_tier_sort_by_the_tier_moved_to_best_first_and_left_last() -> None:
    matrix = MigrationMatrix.between(
        {"x": TIER_A, "y": TIER_A, "z": TIER_A, "w": TIER_A},
        {"x": TIER_C, "z": TIER_B, "w": TIER_A},
    )
    assert [(src, dst) for src, dst, _ in matrix.cells] == [
        (TIER_A, TIER_A), (TIER_A, TIER_B), (TIER_A, TIER_C), (TIER_A, None)]


@pytest.mark.parametrize(("cells", "message"), [
    ("x", r"^MigrationMatrix\.cells must be a collection of \(from_tier, to_tier, account ids\), "
          r"got 'x'$"),
    ([(TIER_A, None, "x")],
     r"^account ids of MigrationMatrix\.cells must be a collection of account ids, got 'x'$"),
    ([(TIER_A, None, ("",))],
     r"^an account id of MigrationMatrix\.cells must be a non-empty string, got ''$"),
])
def test_refused_cells_are_named_by_their_field(cells: object, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        MigrationMatrix(cells)  # type: ignore[arg-type]
