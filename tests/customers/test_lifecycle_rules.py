"""Rules of the lifecycle steps found unguarded by mutation testing (SPEC §2; seed 003).

Each test kills a surviving mutant of keyaccount.domain.customers._lifecycle_steps; see
docs/explanation/testing.md ("Surviving mutants").
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from keyaccount import (
    AccountStatus,
    ApplicationReport,
    Contract,
    Customer,
    InvalidInput,
    SelectionVerdict,
)

NOW = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
BOUGHT = date(2025, 3, 20)
DORMANT_FROM = NOW + timedelta(days=200)


def _dormant_after_buying_on(day: date) -> Customer:
    customer = Customer(account_id="C-1", name="Acme", category="industry")
    customer, _ = customer.begin_general_investigation(now=NOW)
    customer, _ = customer.begin_onsite_investigation(now=NOW)
    customer, _ = customer.submit_application(ApplicationReport(reasons="sound"), now=NOW)
    customer, _ = customer.approve(
        supply_contract=Contract(reference="GY-1", signed_on=NOW.date()),
        quality_contract=Contract(reference="ZB-1", signed_on=NOW.date()),
        approved_by="gao", verdict=SelectionVerdict(account_id="C-1"), now=NOW)
    customer, _ = customer.assign_code("KA-2025-00001", now=NOW)
    customer, _ = customer.record_purchase(on=day, now=NOW + timedelta(days=30))
    customer, _ = customer.go_dormant(now=DORMANT_FROM, days_without_purchase=180)
    return customer


def test_a_purchase_on_the_day_of_the_last_one_does_not_end_a_dormancy() -> None:
    with pytest.raises(InvalidInput, match=r"must be after its last purchase or activation "
                                           r"\(2025-03-20\) to end the dormancy"):
        _dormant_after_buying_on(BOUGHT).record_purchase(on=BOUGHT, now=DORMANT_FROM)


def test_a_dormant_account_that_buys_starts_trading_again_on_the_day_of_the_entry() -> None:
    later = DORMANT_FROM + timedelta(days=3)
    customer, _ = _dormant_after_buying_on(BOUGHT).record_purchase(
        on=BOUGHT + timedelta(days=1), now=later)
    assert customer.status is AccountStatus.ACTIVE
    assert customer.activated_on == later.date()
    assert customer.last_purchase_on == BOUGHT + timedelta(days=1)
