"""Rules of the relationship cost-benefit ratio (domain/indicators/cost_benefit.py)."""

from __future__ import annotations

from typing import Any

import pytest

from keyaccount import InvalidInput, Period, relationship_cost_benefit


@pytest.mark.parametrize(("spending", "message"), [
    ([5], r"^spending must hold SpendingFact records, got 5"),
    (5, r"^spending must be a collection of SpendingFact records, got 5"),
])
def test_spending_that_is_not_spending_records_is_refused_naming_the_argument(
    spending: Any, message: str
) -> None:
    with pytest.raises(InvalidInput, match=message):
        relationship_cost_benefit(spending, Period.year(2025))
