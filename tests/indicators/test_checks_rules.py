"""Rules of the indicators' money converter (domain/indicators/_checks.py)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from keyaccount import InvalidInput, VolumeFact


def _volume(amount: object) -> VolumeFact:
    return VolumeFact("ACME", "A", "Wang", "KA", booked_on=date(2025, 3, 3), amount=amount)


@pytest.mark.parametrize("amount", ["1000000000000000.000001", "1000000000000001",
                                    "9999999999999999", "1000000000000000.5"])
def test_an_amount_above_the_money_limit_is_refused_as_a_plain_decimal(amount: str) -> None:
    with pytest.raises(InvalidInput, match=r"VolumeFact\.amount must be at most"):
        _volume(Decimal(amount))


@pytest.mark.parametrize("amount", ["1000000000000000", "999999999999999.999999", "0.000001",
                                    "12.5", "7"])
def test_an_amount_up_to_the_money_limit_with_six_places_is_kept_as_given(amount: str) -> None:
    given = Decimal(amount)
    assert _volume(given).amount is given


@pytest.mark.parametrize("amount", ["1.0000001", "999999999999999.9999991", "1E-7"])
def test_an_amount_with_more_than_six_places_is_refused(amount: str) -> None:
    with pytest.raises(InvalidInput, match=r"VolumeFact\.amount must have at most 6 decimal"):
        _volume(Decimal(amount))
