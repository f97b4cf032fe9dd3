"""Tier history and the tier changes between two gradings (SPEC §5d)."""

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from keyaccount import (
    TIER_A,
    TIER_B,
    TIER_C,
    TIER_D,
    InvalidInput,
    TierChange,
    TierChanged,
    TierHistory,
    tier_changes,
)

NOW = datetime(2026, 1, 5, 9, 30, tzinfo=timezone(timedelta(hours=8)))

def test_recording_a_new_tier_returns_a_tier_changed_event_with_date_and_reason() -> None:
    history, events = TierHistory("acme").record(
        TIER_B, effective_on=date(2026, 1, 1), reason="annual grading 2025", now=NOW
    )
    assert events == (
        TierChanged(occurred_at=NOW, account_id="acme", from_tier=None, to_tier=TIER_B,
                    effective_on=date(2026, 1, 1), reason="annual grading 2025"),
    )
    assert history.current == TIER_B


def test_recording_the_tier_an_account_already_has_changes_nothing() -> None:
    history, _ = TierHistory("acme").record(
        TIER_B, effective_on=date(2026, 1, 1), reason="grading", now=NOW
    )
    again, events = history.record(TIER_B, effective_on=date(2027, 1, 1), reason="grading",
                                   now=NOW)
    assert events == ()
    assert again is history


def test_the_history_answers_which_tier_was_in_force_on_a_day() -> None:
    history = TierHistory("acme")
    for tier, year in ((TIER_C, 2024), (TIER_B, 2025), (TIER_A, 2026)):
        history, _ = history.record(tier, effective_on=date(year, 1, 1), reason="annual",
                                    now=NOW)
    assert history.tier_on(date(2023, 12, 31)) is None
    assert history.tier_on(date(2024, 1, 1)) == TIER_C
    assert history.tier_on(date(2025, 7, 1)) == TIER_B
    assert history.current == TIER_A
    assert [change.to_tier for change in history.changes] == [TIER_C, TIER_B, TIER_A]


def test_history_is_append_only_a_change_before_the_last_is_refused() -> None:
    history, _ = TierHistory("acme").record(TIER_B, effective_on=date(2026, 1, 1),
                                            reason="annual", now=NOW)
    with pytest.raises(InvalidInput, match="append-only"):
        history.record(TIER_A, effective_on=date(2025, 6, 1), reason="late", now=NOW)


def test_a_history_built_from_changes_out_of_date_order_is_refused() -> None:
    later = TierChange(from_tier=None, to_tier=TIER_B, effective_on=date(2026, 1, 1),
                       reason="annual")
    earlier = TierChange(from_tier=TIER_B, to_tier=TIER_A, effective_on=date(2025, 1, 1),
                         reason="annual")
    with pytest.raises(InvalidInput, match="date order"):
        TierHistory("acme", (later, earlier))


def test_a_tier_change_needs_a_reason_and_an_aware_now() -> None:
    with pytest.raises(InvalidInput, match="reason"):
        TierHistory("acme").record(TIER_B, effective_on=date(2026, 1, 1), reason=" ",
                                   now=NOW)
    with pytest.raises(InvalidInput, match="naive"):
        TierHistory("acme").record(TIER_B, effective_on=date(2026, 1, 1), reason="x",
                                   now=datetime(2026, 1, 1))  # noqa: DTZ001


def test_an_account_that_leaves_the_list_moves_to_no_tier() -> None:
    history, _ = TierHistory("acme").record(TIER_D, effective_on=date(2026, 1, 1),
                                            reason="annual", now=NOW)
    history, events = history.record(None, effective_on=date(2026, 9, 1),
                                     reason="trading terminated", now=NOW)
    assert events[0].from_tier == TIER_D
    assert events[0].to_tier is None
    assert history.current is None


def test_tier_changes_between_two_gradings_name_new_and_dropped_accounts() -> None:
    events = tier_changes(
        {"x": TIER_A, "y": TIER_B, "z": TIER_C},
        {"x": TIER_B, "y": TIER_B, "w": TIER_D},
        effective_on=date(2026, 1, 1), reason="annual grading", now=NOW,
    )
    assert [(e.account_id, e.from_tier, e.to_tier) for e in events] == [
        ("w", None, TIER_D), ("x", TIER_A, TIER_B), ("z", TIER_C, None),
    ]
    assert all(e.occurred_at == NOW and e.reason == "annual grading" for e in events)


@pytest.mark.parametrize("tier", [1, "A", True])
def test_a_history_records_a_tier_or_none_and_nothing_else(tier: object) -> None:
    history = TierHistory("acme")
    with pytest.raises(InvalidInput, match=r"tier of 'acme' must be a Tier or None"):
        history.record(tier, effective_on=date(2026, 1, 1), reason="annual",  # type: ignore[arg-type]
                       now=NOW)
    assert history.changes == ()


def test_a_tier_change_holds_tiers_a_day_and_a_reason() -> None:
    with pytest.raises(InvalidInput, match=r"TierChange\.to_tier must be a Tier or None"):
        TierChange(from_tier=None, to_tier=1, effective_on=date(2026, 1, 1),  # type: ignore[arg-type]
                   reason="annual")
    with pytest.raises(InvalidInput, match=r"TierChange\.effective_on must be a datetime\.date"):
        TierChange(from_tier=None, to_tier=TIER_A, effective_on="2026-01-01",  # type: ignore[arg-type]
                   reason="annual")
    with pytest.raises(InvalidInput, match=r"TierChange\.reason must be a non-empty string"):
        TierChange(from_tier=None, to_tier=TIER_A, effective_on=date(2026, 1, 1), reason="")
    with pytest.raises(InvalidInput, match=r"TierHistory\.changes must hold TierChange"):
        TierHistory("acme", ("not a change",))  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match=r"TierHistory\.changes must be a collection"):
        TierHistory("acme", None)  # type: ignore[arg-type]


def test_a_tier_change_and_a_day_asked_about_lie_within_the_years_1900_to_2199() -> None:
    with pytest.raises(InvalidInput, match=r"effective_on must be a date in the years 1900-2199"):
        TierHistory("acme").record(TIER_B, effective_on=date(1, 1, 1), reason="x", now=NOW)
    with pytest.raises(InvalidInput, match=r"now must be an instant in the years 1900-2199"):
        TierHistory("acme").record(
            TIER_B, effective_on=date(2026, 1, 1), reason="x",
            now=datetime(9999, 12, 31, 23, tzinfo=UTC),
        )
    with pytest.raises(InvalidInput, match=r"day must be a date in the years 1900-2199"):
        TierHistory("acme").tier_on(date(9999, 12, 31))
