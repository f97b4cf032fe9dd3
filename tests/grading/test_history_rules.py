"""Rules of domain/grading/history.py found by mutation testing (docs/explanation/testing.md)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest

from keyaccount import TIER_A, TIER_B, InvalidInput, TierChanged, TierHistory, tier_changes

NOW = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
DAY = date(2026, 1, 1)


def test_a_second_tier_change_on_the_day_of_the_last_one_is_recorded() -> None:
    history, _ = TierHistory("acme").record(TIER_B, effective_on=DAY, reason="grading", now=NOW)
    history, events = history.record(TIER_A, effective_on=DAY, reason="corrected", now=NOW)
    assert [change.to_tier for change in history.changes] == [TIER_B, TIER_A]
    assert history.tier_on(DAY) == TIER_A
    assert len(events) == 1


def test_an_event_on_the_day_of_the_last_change_is_applied_and_rebuilt() -> None:
    events = [
        TierChanged(occurred_at=NOW, account_id="acme", from_tier=None, to_tier=TIER_B,
                    effective_on=DAY, reason="grading"),
        TierChanged(occurred_at=NOW, account_id="acme", from_tier=TIER_B, to_tier=TIER_A,
                    effective_on=DAY, reason="corrected"),
    ]
    applied = TierHistory("acme").apply(events[0]).apply(events[1])
    assert applied.current == TIER_A
    assert TierHistory.from_events("acme", events) == applied


@pytest.mark.parametrize(("call", "message"), [
    (lambda: TierHistory("acme", changes="x"),  # type: ignore[arg-type]
     r"^TierHistory\.changes must be a collection of TierChange values, got 'x'$"),
    (lambda: TierHistory("acme").record(TIER_A, effective_on=DAY, reason=" ", now=NOW),
     r"^reason must be a non-empty string"),
    (lambda: tier_changes({}, {}, effective_on=DAY, reason="", now=NOW),
     r"^reason must be a non-empty string"),
    (lambda: tier_changes("x", {}, effective_on=DAY, reason="r", now=NOW),  # type: ignore[arg-type]
     r"^before must be a mapping of account id to tier"),
    (lambda: tier_changes({}, "x", effective_on=DAY, reason="r", now=NOW),  # type: ignore[arg-type]
     r"^after must be a mapping of account id to tier"),
    (lambda: tier_changes({}, {}, effective_on="x", reason="r", now=NOW),  # type: ignore[arg-type]
     r"^effective_on must be a datetime\.date"),
    (lambda: TierHistory("acme").apply("x"),  # type: ignore[arg-type]
     r"^event must be a TierChanged, got 'x'$"),
    (lambda: TierHistory.from_events("acme", "x"),  # type: ignore[arg-type]
     r"^events must be a collection of TierChanged events, got 'x'$"),
])
def test_a_refused_history_value_is_named_by_its_field(
    call: Callable[[], object], message: str
) -> None:
    with pytest.raises(InvalidInput, match=message):
        call()
