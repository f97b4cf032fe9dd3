"""Rules of the receivables collection rate (domain/indicators/receivables.py)."""

from __future__ import annotations

from typing import Any

import pytest

from indicator_builders import H1
from keyaccount import InvalidInput, receivables_collection


@pytest.mark.parametrize(("receivables", "message"), [
    ([5], r"^receivables must hold ReceivableFact records, got 5"),
    (5, r"^receivables must be a collection of ReceivableFact records, got 5"),
])
def test_receivables_that_are_not_receivable_records_are_refused_naming_the_argument(
    receivables: Any, message: str
) -> None:
    with pytest.raises(InvalidInput, match=message):
        receivables_collection(receivables, H1)
