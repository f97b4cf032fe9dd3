"""Rules of grading/tiers.py found by mutation testing (docs/explanation/testing.md)."""

from __future__ import annotations

import pytest

from keyaccount import TIER_A, TIER_B, InvalidInput, PolicyConfigError, Tier, TierLadder
from keyaccount.domain.grading.tiers import tiers_by_code


def test_a_tier_is_at_least_itself_and_ordered_by_rank_then_code() -> None:
    assert TIER_A >= TIER_A
    assert TIER_B >= TIER_A
    assert not TIER_A >= TIER_B
    assert Tier("Z", 1) >= Tier("Y", 1)


def test_ladder_levels_that_are_not_pairs_are_refused_naming_the_field_and_the_entry() -> None:
    with pytest.raises(
        InvalidInput,
        match=r"^TierLadder\.levels must be a mapping or a collection of "
        r"\(tier code, VisitLevel\) pairs, got 'A'",
    ):
        TierLadder(levels="A")  # type: ignore[arg-type]


@pytest.mark.parametrize("code", ["", "  "])
def test_a_blank_tier_code_of_a_ladder_is_refused_naming_it(code: str) -> None:
    with pytest.raises(InvalidInput, match=r"^a tier code of TierLadder\.levels must be"):
        TierLadder(levels=[(code, "core")])  # type: ignore[list-item]
    with pytest.raises(PolicyConfigError, match=r"^a tier code of tier ladder settings must be"):
        TierLadder.from_mapping({code: "core"})


@pytest.mark.parametrize("tiers", ["A", 7])
def test_tiers_that_are_not_a_collection_are_refused_naming_them(tiers: object) -> None:
    with pytest.raises(InvalidInput, match=r"^tiers must be a collection of Tier values, got "):
        tiers_by_code(tiers)  # type: ignore[arg-type]
