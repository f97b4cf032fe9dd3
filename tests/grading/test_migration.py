"""Tier migration between two gradings: the one matrix (客户异动, seed 002; SPEC §5d, §9).

The indicator that counts it for a period is tested in tests/indicators/test_migration.py.
"""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from grading_portfolios import figures
from keyaccount import (
    AMOUNT_TIERS,
    PARTNER,
    SCORE_TIERS,
    STRATEGIC,
    TIER_A,
    TIER_B,
    TIER_C,
    TIER_D,
    InvalidInput,
    MigrationMatrix,
    Tier,
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
    assert matrix.unchanged == ("a1", "c1")
    assert sum(len(ids) for _, _, ids in matrix.cells) == 5


def test_entered_accounts_come_from_no_tier_and_those_that_left_go_to_no_tier() -> None:
    matrix = MigrationMatrix.between({"old": TIER_C, "kept": TIER_D},
                                     {"kept": TIER_D, "fresh": TIER_B})
    assert matrix.entered == ("fresh",)
    assert matrix.left == ("old",)
    assert matrix.accounts(None, TIER_B) == ("fresh",)
    assert matrix.accounts(TIER_C, None) == ("old",)
    assert matrix.cells[-1][0] is None  # "not graded" sorts last
    # entering and leaving are neither up- nor downgrades
    assert matrix.upgraded == matrix.downgraded == ()
    assert matrix.unchanged == ("kept",)


def test_cells_sort_best_tier_first_and_a_tier_may_be_named_by_its_code() -> None:
    matrix = MigrationMatrix.between({"p": TIER_C, "q": TIER_A, "r": TIER_B},
                                     {"p": TIER_C, "q": TIER_B, "s": TIER_D})
    assert [(f and f.code, t and t.code) for f, t, _ in matrix.cells] == [
        ("A", "B"), ("B", None), ("C", "C"), (None, "D")]
    assert matrix.accounts("A", "B") == ("q",)
    assert matrix.count("B", None) == matrix.count(None, "D") == 1
    assert matrix.count("A", "A") == 0
    assert matrix.count("A", TIER_B) == 1


def test_up_and_down_compare_ranks_so_a_move_between_schemes_at_one_rank_is_unchanged() -> None:
    # TIER_A and STRATEGIC are both rank 1: a company that changes its grading scheme does
    # not up- or downgrade an account it keeps at the top
    matrix = MigrationMatrix.between({"x": TIER_A, "y": TIER_B, "z": TIER_C},
                                     {"x": STRATEGIC, "y": STRATEGIC, "z": PARTNER})
    assert matrix.unchanged == ("x",)
    assert matrix.upgraded == ("y", "z")
    assert matrix.downgraded == ()
    assert matrix.accounts(TIER_A, STRATEGIC) == ("x",)


def test_the_migration_matrix_reads_gradings_directly() -> None:
    portfolio = [figures(f"c{i}", contract_amount=i * 100, purchase_count=i) for i in range(20)]
    first = presets.weighted_grading().grade(portfolio)
    portfolio[0] = figures("c0", contract_amount=10**6, profit_contribution=10**6,
                           purchase_count=10**6)
    second = presets.weighted_grading().grade(portfolio)
    matrix = MigrationMatrix.between(first, second)
    assert matrix.accounts(TIER_D, TIER_A) == ("c0",)
    assert "c19" in matrix.downgraded
    # a mapping of graded accounts is read like the grading itself
    assert MigrationMatrix.between(dict(first.items()), dict(second.items())) == matrix


def test_a_migration_matrix_refuses_values_that_are_not_tiers() -> None:
    with pytest.raises(InvalidInput, match=r"before\['x'\]"):
        MigrationMatrix.between({"x": "A"}, {})
    with pytest.raises(InvalidInput, match=r"after\['y'\]"):
        MigrationMatrix.between({}, {"y": None})


def test_a_migration_matrix_refuses_a_grading_that_is_not_a_mapping() -> None:
    with pytest.raises(InvalidInput, match="after must be a mapping"):
        MigrationMatrix.between({}, [("x", TIER_A)])  # type: ignore[arg-type]


ACCOUNT_IDS = st.text("abcd", min_size=1, max_size=2)
# both seed schemes: ranks 1-3 occur in each, so moves between schemes at one rank occur
ANY_TIER = st.sampled_from([*SCORE_TIERS, *AMOUNT_TIERS])


@given(
    st.dictionaries(ACCOUNT_IDS, st.sampled_from([TIER_A, TIER_B])),
    st.dictionaries(ACCOUNT_IDS, st.sampled_from([TIER_A, TIER_C])),
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


@given(st.dictionaries(ACCOUNT_IDS, ANY_TIER), st.dictionaries(ACCOUNT_IDS, ANY_TIER))
def test_the_migration_counts_add_up(before: dict[str, Tier], after: dict[str, Tier]) -> None:
    matrix = MigrationMatrix.between(before, after)
    up, down, same = matrix.upgraded, matrix.downgraded, matrix.unchanged
    # each account of the earlier grading is unchanged, up, down or left exactly once
    assert sorted([*same, *up, *down, *matrix.left]) == sorted(before)
    # each account of the later grading is unchanged, up, down or entered exactly once
    assert sorted([*same, *up, *down, *matrix.entered]) == sorted(after)
    # and each lands where the ranks say
    assert all(after[i].rank < before[i].rank for i in up)
    assert all(after[i].rank > before[i].rank for i in down)
    assert all(after[i].rank == before[i].rank for i in same)
    assert set(matrix.entered) == after.keys() - before.keys()
    assert set(matrix.left) == before.keys() - after.keys()
    # the cells agree with the counts they are read from
    assert sum(matrix.count(src, dst) for src, dst, _ in matrix.cells) == len(
        before.keys() | after.keys())


@pytest.mark.parametrize("blank", ["", "  ", None, 7])
def test_a_migration_matrix_refuses_account_ids_that_are_not_names(blank: object) -> None:
    # 0.1 placed the blank id in a cell like any account
    with pytest.raises(InvalidInput, match=r"an account id of before must be a non-empty"):
        MigrationMatrix.between({blank: TIER_A, "x": TIER_B}, {"x": TIER_B})
    with pytest.raises(InvalidInput, match=r"an account id of after must be a non-empty"):
        MigrationMatrix.between({"x": TIER_B}, {"x": figures("x"), blank: TIER_A})


# --- issue 12: a matrix built by hand is checked -------------------------------------------


def test_a_migration_matrix_places_each_account_once() -> None:
    with pytest.raises(InvalidInput, match="places account 'x' twice"):
        MigrationMatrix(((TIER_A, TIER_B, ("x",)), (TIER_B, TIER_B, ("x",))))


def test_a_migration_cell_is_graded_in_at_least_one_grading() -> None:
    with pytest.raises(InvalidInput, match="graded in neither grading"):
        MigrationMatrix(((None, None, ("x",)),))


def test_a_migration_matrix_built_by_hand_counts_like_between() -> None:
    by_hand = MigrationMatrix([(TIER_A, TIER_B, ["x"]), (None, TIER_C, ["w"])])
    assert by_hand == MigrationMatrix.between({"x": TIER_A}, {"x": TIER_B, "w": TIER_C})
    assert by_hand.downgraded == ("x",)
    assert by_hand.entered == ("w",)


def test_a_cell_is_asked_for_by_tier_code_or_none_nothing_else() -> None:
    matrix = MigrationMatrix.between({"x": TIER_A}, {"x": TIER_B})
    assert matrix.count("A", TIER_B) == 1
    with pytest.raises(InvalidInput, match="from_tier must be a non-empty string"):
        matrix.count(1, TIER_B)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="to_tier must be a non-empty string"):
        matrix.accounts(TIER_A, " ")
