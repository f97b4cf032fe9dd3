"""Rules of the indicator records (domain/indicators/records.py): money errors name the field."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from indicator_builders import loyalty
from keyaccount import InvalidInput, ReceivableFact, SpendingFact

DAY = date(2025, 3, 3)


def _receivable(**money: Any) -> Any:
    fields = {"amount_due": 100, "amount_collected": 50, **money}
    return ReceivableFact("ACME", "A", "Wang", "KA", due_on=DAY, **fields)


def _spending(**money: Any) -> Any:
    fields = {"spending": 10, "benefit": 50, **money}
    return SpendingFact("ACME", "A", "Wang", "KA", booked_on=DAY, **fields)


def _loyalty(**money: Any) -> Any:
    return loyalty("ACME", 2, "100", **money)


@pytest.mark.parametrize(("build", "field", "name"), [
    (_receivable, "amount_due", "ReceivableFact.amount_due"),
    (_receivable, "amount_collected", "ReceivableFact.amount_collected"),
    (_spending, "spending", "SpendingFact.spending"),
    (_spending, "benefit", "SpendingFact.benefit"),
    (_loyalty, "repeat_purchase_quantity", "LoyaltyFacts.repeat_purchase_quantity"),
    (_loyalty, "repeat_purchase_amount", "LoyaltyFacts.repeat_purchase_amount"),
])
@pytest.mark.parametrize("bad", ["lots", 1.5, "1.0000001", 10**16])
def test_an_amount_of_a_record_that_is_not_money_is_refused_naming_its_field(
    build: Callable[..., Any], field: str, name: str, bad: object
) -> None:
    with pytest.raises(InvalidInput, match=rf"^{name} must"):
        build(**{field: bad})
