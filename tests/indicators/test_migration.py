"""Tier migration between two gradings (seed 002; SPEC §5d)."""

from __future__ import annotations

import pytest

from keyaccount import InvalidInput, Period, tier_migration


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


def test_tier_migration_refuses_an_unknown_tier() -> None:
    with pytest.raises(InvalidInput, match="'Z'"):
        tier_migration({"X": "Z"}, {}, Period.year(2025))
