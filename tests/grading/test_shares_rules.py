"""Rules of policies/grading/shares.py found by mutation testing (docs/explanation/testing.md)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from keyaccount import TIER_A, TIER_B, TIER_C, InvalidInput
from keyaccount.policies import seed_departures


def test_shares_over_other_tiers_than_a_to_d_are_noted_as_leaving_the_seed_rule_unchecked() -> None:
    notes = seed_departures([(TIER_A, Decimal(20)), (TIER_B, Decimal(30)), (TIER_C, Decimal(50))])
    assert notes == (
        "the tiers are A, B, C, not seed 002's A, B, C, D: its rule A + B = 20 % "
        "(C + D = 80 %) cannot be checked",
    )


@pytest.mark.parametrize("shares", ["A", [(TIER_A,)]])
def test_shares_that_are_not_tier_share_pairs_are_refused_naming_the_field_and_the_entry(
    shares: object,
) -> None:
    with pytest.raises(
        InvalidInput, match=r"^shares (must be a mapping or a collection of|entries must be) "
        r"\(tier, share\) pairs, got "
    ):
        seed_departures(shares)  # type: ignore[arg-type]
