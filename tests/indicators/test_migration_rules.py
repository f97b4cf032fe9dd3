"""Rules of tier migration as an indicator (domain/indicators/migration.py)."""

from __future__ import annotations

from typing import Any

import pytest

from keyaccount import InvalidInput, Period, tier_migration

YEAR = Period.year(2025)


@pytest.mark.parametrize("account", [" ", "", 5, None])
@pytest.mark.parametrize("side", ["before", "after"])
def test_a_grading_keyed_by_a_blank_or_non_text_account_id_is_refused_naming_the_side(
    account: Any, side: str
) -> None:
    gradings = {"before": {"X": "B"}, "after": {"X": "A"}}
    gradings[side] = {account: "B"}
    with pytest.raises(InvalidInput, match=rf"^tier_migration: {side} must be keyed by account id"):
        tier_migration(gradings["before"], gradings["after"], YEAR)


@pytest.mark.parametrize("side", ["before", "after"])
def test_an_unknown_tier_code_is_refused_naming_the_side_it_is_in(side: str) -> None:
    gradings = {"before": {"X": "B"}, "after": {"X": "A"}}
    gradings[side] = {"X": "Q"}
    with pytest.raises(InvalidInput, match=rf"^tier_migration: tier 'Q' of account 'X' \({side}\)"):
        tier_migration(gradings["before"], gradings["after"], YEAR)


@pytest.mark.parametrize(("tiers", "message"), [
    (5, r"^tiers must be a collection of Tier values, got 5"),
    ([5], r"^tiers must hold Tier values, got 5"),
])
def test_tiers_that_are_not_tiers_are_refused_naming_the_argument(tiers: Any, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        tier_migration({"X": "B"}, {"X": "A"}, YEAR, tiers=tiers)


def test_a_count_asked_with_a_tier_that_is_no_tier_is_refused_naming_the_side() -> None:
    migration = tier_migration({"X": "B"}, {"X": "A"}, YEAR)
    with pytest.raises(InvalidInput, match=r"^from_tier must be a Tier, a tier code or None"):
        migration.count(5, "A")  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match=r"^to_tier must be a Tier, a tier code or None"):
        migration.count("B", 5)  # type: ignore[arg-type]
