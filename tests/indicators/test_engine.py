"""The roll-up engine adds money exactly, whatever the order."""

from __future__ import annotations

from datetime import date
from decimal import Context, Decimal, localcontext
from fractions import Fraction

from indicator_builders import H1, volume
from keyaccount import (
    Dimension,
    ReceivableFact,
    SpendingFact,
    cooperation_growth,
    receivables_collection,
    relationship_cost_benefit,
)


def test_money_sums_are_exact_whatever_the_callers_decimal_precision() -> None:
    # Amounts are bounded (10**15, 6 places: 21 digits), so a test cannot exceed the default
    # 28 digits with a few records; a caller's context of 12 digits would round these sums.
    before, after = "999999999999999.999999", "999999999999999.999999"
    volumes = [volume("ACME", date(2024, 9, 1), before), volume("ACME", date(2025, 2, 1), after),
               volume("ACME", date(2025, 3, 1), "0.000001")]
    with localcontext(Context(prec=12)):
        growth = cooperation_growth(volumes, H1)
    for value in (growth.portfolio, growth.of(Dimension.ACCOUNT, "ACME")):
        assert value.numerator == Decimal("0.000001")
        total = Fraction(after) + Fraction("0.000001")
        assert value.normalised == total / (Fraction(before) + total)


def test_receivables_and_spending_add_money_exactly_whatever_the_callers_precision() -> None:
    big, small = Decimal("999999999999999.999999"), Decimal("0.000001")
    dims = ("ACME", "A", "Wang", "KA")
    with localcontext(Context(prec=12)):
        receivables = receivables_collection(
            [ReceivableFact(*dims, due_on=date(2025, 2, 1), amount_due=a, amount_collected=a)
             for a in (big, small)], H1)
        spending = relationship_cost_benefit(
            [SpendingFact(*dims, booked_on=date(2025, 2, 1), spending=a, benefit=a)
             for a in (big, small)], H1)
    for value in (receivables.portfolio, receivables.of(Dimension.ACCOUNT, "ACME"),
                  spending.portfolio, spending.of(Dimension.TIER, "A")):
        # 22 significant digits: a context of 12 would drop the millionth
        assert value.denominator == Decimal("1000000000000000.000000")
