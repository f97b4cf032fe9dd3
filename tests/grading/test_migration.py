"""The migration matrix between two gradings (客户异动, SPEC §5d, §9)."""


import pytest
from hypothesis import given
from hypothesis import strategies as st

from grading_portfolios import figures
from keyaccount import (
    TIER_A,
    TIER_B,
    TIER_C,
    TIER_D,
    InvalidInput,
    MigrationMatrix,
)
from keyaccount.policies import presets


def test_the_migration_matrix_counts_and_names_who_moved_from_each_tier_to_each_tier() -> None:
    before = {"a1": TIER_A, "a2": TIER_A, "b1": TIER_B, "c1": TIER_C, "c2": TIER_C}
    after = {"a1": TIER_A, "a2": TIER_B, "b1": TIER_A, "c1": TIER_C, "c2": TIER_B}
    matrix = MigrationMatrix.between(before, after)
    assert matrix.count(TIER_A, TIER_A) == 1
    assert matrix.accounts(TIER_A, TIER_B) == ("a2",)
    assert matrix.accounts(TIER_C, TIER_B) == ("c2",)
    assert matrix.count(TIER_D, TIER_A) == 0
    assert matrix.upgraded == ("b1", "c2")
    assert matrix.downgraded == ("a2",)
    assert sum(len(ids) for _, _, ids in matrix.cells) == 5


def test_new_accounts_come_from_no_tier_and_dropped_ones_go_to_no_tier() -> None:
    matrix = MigrationMatrix.between({"old": TIER_C, "kept": TIER_D},
                                     {"kept": TIER_D, "fresh": TIER_B})
    assert matrix.new == ("fresh",)
    assert matrix.dropped == ("old",)
    assert matrix.accounts(None, TIER_B) == ("fresh",)
    assert matrix.accounts(TIER_C, None) == ("old",)
    assert matrix.cells[-1][0] is None  # "not graded" sorts last


def test_the_migration_matrix_reads_gradings_directly() -> None:
    portfolio = [figures(f"c{i}", contract_amount=i * 100, purchase_count=i) for i in range(20)]
    first = presets.weighted_grading().grade(portfolio)
    portfolio[0] = figures("c0", contract_amount=10**6, profit_contribution=10**6,
                           purchase_count=10**6)
    second = presets.weighted_grading().grade(portfolio)
    matrix = MigrationMatrix.between(first, second)
    assert matrix.accounts(TIER_D, TIER_A) == ("c0",)
    assert "c19" in matrix.downgraded


def test_a_migration_matrix_refuses_values_that_are_not_tiers() -> None:
    with pytest.raises(InvalidInput, match=r"before\['x'\]"):
        MigrationMatrix.between({"x": "A"}, {})


@given(
    st.dictionaries(st.text("abc", min_size=1, max_size=3), st.sampled_from([TIER_A, TIER_B])),
    st.dictionaries(st.text("abc", min_size=1, max_size=3), st.sampled_from([TIER_A, TIER_C])),
)
def test_every_account_of_either_grading_is_in_exactly_one_cell(
    before: dict[str, object], after: dict[str, object]
) -> None:
    matrix = MigrationMatrix.between(before, after)
    placed = [i for _, _, ids in matrix.cells for i in ids]
    assert sorted(placed) == sorted(before.keys() | after.keys())
    for src, dst, ids in matrix.cells:
        for account_id in ids:
            assert before.get(account_id) == src
            assert after.get(account_id) == dst
