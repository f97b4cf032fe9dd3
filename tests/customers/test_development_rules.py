"""Rules of development.py found by mutation testing (docs/explanation/testing.md)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from keyaccount import (
    ApplicationReport,
    Contract,
    Customer,
    InvalidInput,
    SelectionFindings,
    approve_account,
)
from keyaccount.policies import presets

NOW = datetime(2025, 3, 28, 15, tzinfo=UTC)
SIGNED = Contract(reference="GY-1", signed_on=date(2025, 3, 28))


def applying() -> Customer:
    customer = Customer(account_id="C-1", name="Acme", category="industry", credit_rating="AA")
    customer, _ = customer.begin_general_investigation(now=NOW)
    customer, _ = customer.begin_onsite_investigation(now=NOW)
    customer, _ = customer.submit_application(ApplicationReport(reasons="sound"), now=NOW)
    return customer


@pytest.mark.parametrize("field", ["supply_contract", "quality_contract"])
def test_a_contract_that_is_not_a_contract_is_refused_naming_which_one(field: str) -> None:
    contracts: dict[str, object] = {"supply_contract": SIGNED, "quality_contract": SIGNED}
    contracts[field] = "GY-1"
    with pytest.raises(InvalidInput, match=rf"^{field} must be a Contract, got 'GY-1'"):
        approve_account(
            applying(),
            presets.selection(),
            findings=SelectionFindings(),
            approved_by="gao",
            now=NOW,
            **contracts,  # type: ignore[arg-type]
        )
