"""Rules of domain/grading/graded.py found by mutation testing (docs/explanation/testing.md)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from grading_portfolios import account
from keyaccount import TIER_A, TIER_B, Grading


@pytest.mark.parametrize("rule", ["split", "better", "worse"])
def test_the_tier_of_an_account_is_the_tier_its_graded_account_and_the_bulk_read_show(
    rule: str,
) -> None:
    # four equal scores across the boundary after the first account: under "split" one
    # account stays in A and three are placed in B, off the tier their shared rank 1 gives
    figures = [account(f"z{i:02d}") for i in range(4)]
    grading = Grading(figures=figures, ids=[f.account_id for f in figures], keys=[0] * 4,
                      key_unit=Fraction(1), columns=[], tiers=(TIER_A, TIER_B),
                      bounds=(1, 4), tie_rule=rule)
    bulk = grading.tiers_by_account()
    for account_id in grading:
        assert grading.tier_of(account_id) == grading[account_id].tier == bulk[account_id]
    expected = {"split": [TIER_A, TIER_B, TIER_B, TIER_B], "better": [TIER_A] * 4,
                "worse": [TIER_B] * 4}[rule]
    assert [grading.tier_of(account_id) for account_id in grading] == expected
