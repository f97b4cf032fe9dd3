"""Tier migration as an indicator of a period (seed 002; SPEC §5d, §9).

The rules of the migration itself (who moved which way) are the grading package's: see
tests/grading/test_migration.py. Here: tier codes in, counts out, read off the one matrix.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from keyaccount import (
    AMOUNT_TIERS,
    SCORE_TIERS,
    TIER_A,
    AccountFigures,
    InvalidInput,
    MigrationMatrix,
    Period,
    Tier,
    tier_migration,
    tiers_of,
)
from keyaccount.policies import presets


def test_tier_migration_counts_moves_ups_downs_entries_and_exits() -> None:
    before = {"X": "A", "Y": "C", "Z": "D", "U": "B"}
    after = {"X": "B", "Y": "C", "W": "D", "U": "A"}
    migration = tier_migration(before, after, Period.year(2025))
    assert migration.count("A", "B") == 1
    assert migration.count("B", "A") == 1
    assert migration.count("D", None) == 1
    assert migration.count(None, "D") == 1
    assert migration.count("C", "D") == 0
    assert (migration.upgraded, migration.downgraded, migration.unchanged) == (1, 1, 1)
    assert (migration.entered, migration.left) == (1, 1)
    assert migration.period == Period.year(2025)
    assert migration.moves == (
        (("A", "B"), 1), (("B", "A"), 1), (("C", "C"), 1), (("D", None), 1), ((None, "D"), 1))


def test_tier_migration_refuses_an_unknown_tier() -> None:
    with pytest.raises(InvalidInput, match="'Z'"):
        tier_migration({"X": "Z"}, {}, Period.year(2025))
    with pytest.raises(InvalidInput, match=r"'Q' of account 'Y' \(after\)"):
        tier_migration({}, {"Y": "Q"}, Period.year(2025))


def test_a_tier_is_read_by_its_code_among_the_tiers_given() -> None:
    gold, silver = Tier("GOLD", 1), Tier("SILVER", 2)
    migration = tier_migration({"X": gold, "Y": "SILVER"}, {"X": "SILVER", "Y": gold},
                               Period.year(2025), tiers=[gold, silver])
    assert (migration.upgraded, migration.downgraded) == (1, 1)
    assert migration.count(gold, "SILVER") == 1
    with pytest.raises(InvalidInput, match="'GOLD'"):
        tier_migration({"X": gold}, {}, Period.year(2025))  # not among the seed tiers


def test_two_gradings_give_the_tier_migration_input() -> None:
    figures = [AccountFigures(account_id=f"c{i}", contract_amount=1000 * i,
                              profit_contribution=i, purchase_count=i) for i in range(1, 11)]
    grading = presets.weighted_grading().grade(figures)
    migration = tier_migration(tiers_of(grading), tiers_of(grading), Period.year(2025))
    assert migration.unchanged == 10
    assert migration.upgraded == migration.downgraded == 0
    assert migration.matrix == MigrationMatrix.between(grading, grading)


CODES = st.sampled_from([tier.code for tier in (*SCORE_TIERS, *AMOUNT_TIERS)])
ACCOUNTS = st.text("abcd", min_size=1, max_size=2)


@given(st.dictionaries(ACCOUNTS, CODES), st.dictionaries(ACCOUNTS, CODES))
def test_the_indicator_agrees_with_the_matrix_and_its_counts_add_up(
    before: dict[str, str], after: dict[str, str]
) -> None:
    migration = tier_migration(before, after, Period.year(2025))
    by_code = {tier.code: tier for tier in (*SCORE_TIERS, *AMOUNT_TIERS)}
    matrix = MigrationMatrix.between({i: by_code[c] for i, c in before.items()},
                                     {i: by_code[c] for i, c in after.items()})
    assert migration.matrix == matrix
    assert (migration.upgraded, migration.downgraded, migration.unchanged,
            migration.entered, migration.left) == (
        len(matrix.upgraded), len(matrix.downgraded), len(matrix.unchanged),
        len(matrix.entered), len(matrix.left))
    kept = migration.upgraded + migration.downgraded + migration.unchanged
    assert kept + migration.left == len(before)
    assert kept + migration.entered == len(after)
    assert sum(n for _, n in migration.moves) == len(before.keys() | after.keys())
    for (src, dst), n in migration.moves:
        assert migration.count(src, dst) == n == matrix.count(src, dst)


def test_a_tier_of_another_scheme_at_the_same_rank_is_no_move() -> None:
    migration = tier_migration({"X": TIER_A}, {"X": "STRATEGIC"}, Period.year(2025))
    assert (migration.unchanged, migration.upgraded, migration.downgraded) == (1, 0, 0)


def test_every_upgrade_and_every_downgrade_counts() -> None:
    # five upgrades (two of them the same move, C to B), two downgrades, one unchanged
    before = {"P": "D", "Q": "C", "W": "C", "R": "B", "S": "D", "T": "A", "U": "B", "V": "C"}
    after = {"P": "A", "Q": "B", "W": "B", "R": "A", "S": "C", "T": "D", "U": "C", "V": "C"}
    migration = tier_migration(before, after, Period.year(2025))
    assert (migration.upgraded, migration.downgraded, migration.unchanged) == (5, 2, 1)
    assert migration.count("C", "B") == 2
    assert migration.count("D", "A") == migration.count("B", "A") == 1
    assert migration.matrix.upgraded == ("P", "Q", "R", "S", "W")
    assert sum(accounts for _, accounts in migration.moves) == 8
