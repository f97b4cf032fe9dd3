"""Receivables collection rate (seed 003)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from indicator_builders import H1
from keyaccount import Dimension, InvalidInput, ReceivableFact, receivables_collection


def test_receivables_collection_rate_of_an_account_manager() -> None:
    receivables = [
        ReceivableFact("ACME", "A", "Wang", "KA", due_on=date(2025, 2, 1),
                       amount_due=Decimal("1000"), amount_collected=Decimal("800")),
        ReceivableFact("BOLT", "B", "Wang", "KA", due_on=date(2025, 3, 1),
                       amount_due=Decimal("1000"), amount_collected=Decimal("1000")),
        ReceivableFact("BOLT", "B", "Wang", "KA", due_on=date(2025, 9, 1),
                       amount_due=Decimal("5000"), amount_collected=Decimal("0")),
    ]
    rate = receivables_collection(receivables, H1).of(Dimension.ACCOUNT_MANAGER, "Wang")
    assert rate.value == Fraction(9, 10)


def test_collecting_more_than_was_due_is_refused() -> None:
    with pytest.raises(InvalidInput, match="exceeds amount_due"):
        ReceivableFact("ACME", "A", "Wang", "KA", due_on=date(2025, 2, 1),
                       amount_due=Decimal("10"), amount_collected=Decimal("11"))
