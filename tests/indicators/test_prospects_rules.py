"""Rules of the prospect conversion rate (domain/indicators/prospects.py)."""

from __future__ import annotations

from typing import Any

import pytest

from indicator_builders import H1
from keyaccount import InvalidInput, prospect_conversion


@pytest.mark.parametrize(("prospects", "message"), [
    ([5], r"^prospects must hold ProspectFact records, got 5"),
    (5, r"^prospects must be a collection of ProspectFact records, got 5"),
])
def test_prospects_that_are_not_prospect_records_are_refused_naming_the_argument(
    prospects: Any, message: str
) -> None:
    with pytest.raises(InvalidInput, match=message):
        prospect_conversion(prospects, H1)
