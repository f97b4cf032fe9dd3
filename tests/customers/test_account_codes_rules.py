"""Rules of account_codes.py found by mutation testing (docs/explanation/testing.md)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, date, datetime

import pytest

from keyaccount import (
    Contract,
    CounterpartRole,
    Customer,
    CustomerCategory,
    InvalidInput,
    assign_account_code,
)

NOW = datetime(2025, 3, 31, 9, tzinfo=UTC)


class Recording:
    """A host's code policy that keeps what it was handed."""

    def __init__(self) -> None:
        self.calls: list[dict[str, object]] = []

    def code_for(
        self,
        *,
        approved_on: date,
        taken: Collection[str],
        category: CustomerCategory | None = None,
        counterpart_role: str = "customer",
    ) -> str:
        self.calls.append(
            {
                "approved_on": approved_on,
                "taken": taken,
                "category": category,
                "counterpart_role": counterpart_role,
            }
        )
        return "D-1"


def approved(**fields: object) -> Customer:
    return Customer(  # type: ignore[arg-type]
        account_id="C-1",
        name="Acme",
        status="approved",
        supply_contract=Contract(reference="S-1", signed_on=date(2025, 3, 28)),
        quality_contract=Contract(reference="Q-1", signed_on=date(2025, 3, 28)),
        **fields,
    )


def test_the_code_policy_is_handed_the_approval_day_category_and_counterpart_role() -> None:
    policy = Recording()
    customer = approved(
        category="industry", counterpart_role="distributor", approved_on=date(2025, 3, 28)
    )
    active, _ = assign_account_code(customer, policy, taken={"D-0"}, now=NOW)
    assert active.account_code == "D-1"
    assert policy.calls == [
        {
            "approved_on": date(2025, 3, 28),
            "taken": {"D-0"},
            "category": CustomerCategory.INDUSTRY,
            "counterpart_role": CounterpartRole.DISTRIBUTOR.value,
        }
    ]


def test_an_approved_customer_without_its_approval_day_is_refused_naming_it() -> None:
    customer = approved(category="regional")
    assert customer.approved_on is None
    with pytest.raises(InvalidInput, match=r"^customer 'C-1' approved_on must be "):
        assign_account_code(customer, Recording(), taken=set(), now=NOW)
