"""Rules of customers/regrading.py found by mutation testing (docs/explanation/testing.md)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from keyaccount import (
    TIER_A,
    TIER_B,
    AccountFigures,
    Customer,
    InvalidInput,
    TierChanged,
    apply_grading,
)
from keyaccount.policies import presets

NOW = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
NAIVE = datetime(2026, 1, 5, 9, 0)  # noqa: DTZ001


def a_customer(account_id: str = "C-1") -> Customer:
    return Customer(account_id=account_id, name="Acme", category="regional", tier=TIER_B)


def test_a_plain_mapping_of_graded_accounts_is_read_by_their_tiers() -> None:
    figures = [AccountFigures(account_id=f"C-{n}", contract_amount=n * 1000,
                              profit_contribution="0.1", purchase_count=n)
               for n in range(1, 21)]
    grading = presets.weighted_grading().grade(figures)
    plain = dict(grading)  # GradedAccount values, without the grading's bulk read
    portfolio = [a_customer(f"C-{n}") for n in range(1, 21)]
    after, _ = apply_grading(portfolio, plain, now=NOW, reason="annual grading 2025")
    assert {c.account_id: c.tier for c in after} == grading.tiers_by_account()


def test_a_value_that_is_neither_a_tier_nor_graded_is_refused_naming_its_account() -> None:
    with pytest.raises(InvalidInput, match=r"^tiers\['C-1'\] must be a Tier, None or a graded"):
        apply_grading([a_customer()], {"C-1": object()}, now=NOW, reason="grading")


def test_the_tiers_take_effect_on_the_day_given() -> None:
    _, (event,) = apply_grading([a_customer()], {"C-1": TIER_A}, now=NOW, reason="grading",
                                effective_on=date(2026, 1, 1))
    assert isinstance(event, TierChanged)
    assert event.effective_on == date(2026, 1, 1)


def test_a_refused_grading_names_what_it_refused() -> None:
    with pytest.raises(InvalidInput, match=r"^now must be "):
        apply_grading([a_customer()], {}, now=NAIVE, reason="grading")
    with pytest.raises(InvalidInput, match=r"^regrade reason must be "):
        apply_grading([a_customer()], {}, now=NOW, reason=" ")
    with pytest.raises(InvalidInput, match=r"^effective_on must be "):
        apply_grading([a_customer()], {}, now=NOW, reason="grading",
                      effective_on=date(1800, 1, 1))
    with pytest.raises(InvalidInput, match=r"^customers must hold Customer values, got 'C-2'"):
        apply_grading([a_customer(), "C-2"], {}, now=NOW,  # type: ignore[list-item]
                      reason="grading")
    with pytest.raises(InvalidInput, match=r"^customer 'C-1' is given twice to grade$"):
        apply_grading([a_customer(), a_customer()], {}, now=NOW, reason="grading")
