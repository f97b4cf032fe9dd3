"""Tier plumbing: one lookup by code, and a history rebuilt from its events (issue 14)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from keyaccount import (
    AMOUNT_TIERS,
    SCORE_TIERS,
    TIER_A,
    TIER_B,
    TIER_C,
    InvalidInput,
    Tier,
    TierChanged,
    TierHistory,
    tier_changes,
    tiers_by_code,
)

NOW = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
GOLD = Tier("GOLD", 1, "金牌客户", "gold")


def changed(from_tier: Tier | None, to_tier: Tier | None, day: date,
            account_id: str = "acme") -> TierChanged:
    return TierChanged(occurred_at=NOW, account_id=account_id, from_tier=from_tier,
                       to_tier=to_tier, effective_on=day, reason="annual grading")


def test_the_lookup_knows_every_seed_tier_by_code() -> None:
    lookup = tiers_by_code()
    assert {code: lookup[code] for code in lookup} == {
        tier.code: tier for tier in SCORE_TIERS + AMOUNT_TIERS}


def test_a_host_tier_joins_the_lookup_and_may_replace_a_seed_tier() -> None:
    vip_a = Tier("A", 1, "贵宾", "vip")
    lookup = tiers_by_code([GOLD, vip_a])
    assert lookup["GOLD"] is GOLD
    assert lookup["A"] is vip_a
    assert lookup["B"] is TIER_B


def test_the_lookup_refuses_one_code_for_two_tiers_and_non_tiers() -> None:
    with pytest.raises(InvalidInput, match="code 'GOLD' twice"):
        tiers_by_code([GOLD, Tier("GOLD", 2, "金", "gold 2")])
    with pytest.raises(InvalidInput, match=r"tiers\[0\] must be a Tier"):
        tiers_by_code(["GOLD"])  # type: ignore[list-item]
    with pytest.raises(InvalidInput, match="tiers"):
        tiers_by_code("GOLD")  # type: ignore[arg-type]


def test_applying_the_events_of_record_rebuilds_the_same_history() -> None:
    history, recorded = TierHistory("acme"), []
    for tier, day in ((TIER_B, date(2025, 1, 1)), (TIER_A, date(2026, 1, 1)),
                      (None, date(2027, 1, 1))):
        history, events = history.record(tier, effective_on=day, reason="annual grading",
                                         now=NOW)
        recorded += events
    assert TierHistory.from_events("acme", recorded) == history


def test_applying_a_tier_changed_emits_nothing_and_records_it_once() -> None:
    (event,) = tier_changes({"acme": TIER_B}, {"acme": TIER_A}, effective_on=date(2026, 1, 1),
                            reason="annual grading", now=NOW)
    history = TierHistory.from_events("acme", [changed(None, TIER_B, date(2025, 1, 1))])
    applied = history.apply(event)
    assert isinstance(applied, TierHistory)
    assert applied.current is TIER_A
    assert len(applied.changes) == 2


@given(st.lists(st.sampled_from([None, *SCORE_TIERS]), max_size=8))
def test_from_events_of_a_random_history_equals_the_recorded_history(
    tiers: list[Tier | None],
) -> None:
    history, recorded = TierHistory("acme"), []
    for year, tier in enumerate(tiers, start=2020):
        history, events = history.record(tier, effective_on=date(year, 1, 1),
                                         reason="annual grading", now=NOW)
        recorded += events
    assert TierHistory.from_events("acme", recorded) == history


def test_an_event_of_another_account_is_refused() -> None:
    with pytest.raises(InvalidInput, match="must be 'acme'"):
        TierHistory("acme").apply(changed(None, TIER_B, date(2025, 1, 1), account_id="beta"))


def test_an_event_from_a_tier_other_than_the_current_one_is_refused() -> None:
    history = TierHistory.from_events("acme", [changed(None, TIER_B, date(2025, 1, 1))])
    with pytest.raises(InvalidInput, match="missing or out of order"):
        history.apply(changed(TIER_C, TIER_A, date(2026, 1, 1)))


def test_an_event_before_the_last_change_is_refused() -> None:
    history = TierHistory.from_events("acme", [changed(None, TIER_B, date(2025, 1, 1))])
    with pytest.raises(InvalidInput, match="before its last tier change"):
        history.apply(changed(TIER_B, TIER_A, date(2024, 1, 1)))


def test_from_events_refuses_what_is_not_a_list_of_tier_changed() -> None:
    with pytest.raises(InvalidInput, match="TierChanged"):
        TierHistory.from_events("acme", ["B"])  # type: ignore[list-item]
    with pytest.raises(InvalidInput, match="events"):
        TierHistory.from_events("acme", None)  # type: ignore[arg-type]
