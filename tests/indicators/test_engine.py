"""The roll-up engine adds money exactly, whatever the order."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, localcontext
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


def test_money_sums_are_exact_beyond_the_callers_decimal_precision() -> None:
    # 17 significant digits (money stays within 10**15, 6 places): a caller's context of 12
    # digits would round them away; a portfolio's sums reach beyond the default 28 the same way.
    before, after = "9" * 15, "9" * 15 + ".99"
    volumes = [volume("ACME", date(2024, 9, 1), before), volume("ACME", date(2025, 2, 1), after)]
    with localcontext(prec=12):
        growth = cooperation_growth(volumes, H1)
    for value in (growth.portfolio, growth.of(Dimension.ACCOUNT, "ACME")):
        assert value.numerator == Decimal("0.99")
        assert value.normalised == Fraction(after) / (Fraction(before) + Fraction(after))


def test_receivables_and_spending_add_money_exactly_beyond_the_callers_precision() -> None:
    big, cent = Decimal("1" + "0" * 15), Decimal("0.01")
    dims = ("ACME", "A", "Wang", "KA")
    with localcontext(prec=12):
        receivables = receivables_collection(
            [ReceivableFact(*dims, due_on=date(2025, 2, 1), amount_due=a, amount_collected=a)
             for a in (big, cent)], H1)
        spending = relationship_cost_benefit(
            [SpendingFact(*dims, booked_on=date(2025, 2, 1), spending=a, benefit=a)
             for a in (big, cent)], H1)
    for value in (receivables.portfolio, receivables.of(Dimension.ACCOUNT, "ACME"),
                  spending.portfolio, spending.of(Dimension.TIER, "A")):
        # 18 significant digits: the caller's context keeps 12 and would drop the cent
        assert value.denominator == Decimal("1" + "0" * 15 + ".01")
