"""Rules of the receivables collection rate (domain/indicators/receivables.py)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from indicator_builders import H1
from keyaccount import InvalidInput, ReceivableFact, receivables_collection


@pytest.mark.parametrize(("receivables", "message"), [
    ([5], r"^receivables must hold ReceivableFact records, got 5"),
    (5, r"^receivables must be a collection of ReceivableFact records, got 5"),
])
def test_receivables_that_are_not_receivable_records_are_refused_naming_the_argument(
    receivables: Any, message: str
) -> None:
    with pytest.raises(InvalidInput, match=message):
        receivables_collection(receivables, H1)


class _FaultyFact(ReceivableFact):
    """A host's own record type whose attribute fails: its fault is not a foreign record."""

    __slots__ = ()

    @property
    def amount_due(self) -> Decimal:  # type: ignore[override]
        raise AttributeError("the host's own fault")


def test_a_fault_of_a_receivable_record_of_the_right_kind_propagates_unchanged() -> None:
    faulty = ReceivableFact("ACME", "A", "Wang", "KA", due_on=date(2025, 2, 1),
                            amount_due=Decimal(1), amount_collected=Decimal(1))
    object.__setattr__(faulty, "__class__", _FaultyFact)
    with pytest.raises(AttributeError, match="the host's own fault"):
        receivables_collection([faulty], H1)
