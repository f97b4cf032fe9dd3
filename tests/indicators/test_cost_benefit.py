"""Relationship-spending cost-benefit ratio (seed 002)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

from keyaccount import Dimension, Period, SpendingFact, relationship_cost_benefit


def test_relationship_cost_benefit_is_spending_over_benefit_for_the_year() -> None:
    year = Period.year(2025)
    spending = [
        SpendingFact("ACME", "A", "Wang", "KA", booked_on=date(2025, 3, 1),
                     spending=Decimal("20000"), benefit=Decimal("100000")),
        SpendingFact("ACME", "A", "Wang", "KA", booked_on=date(2025, 9, 1),
                     spending=Decimal("5000"), benefit=Decimal("0")),
        SpendingFact("BOLT", "C", "Li", "KA", booked_on=date(2025, 9, 1),
                     spending=Decimal("5000"), benefit=Decimal("0")),
    ]
    ratio = relationship_cost_benefit(spending, year)
    assert ratio.of(Dimension.ACCOUNT, "ACME").value == Fraction(1, 4)
    assert ratio.of(Dimension.ACCOUNT, "ACME").normalised == Fraction(4, 5)
    assert ratio.of(Dimension.ACCOUNT, "BOLT").value is None
