"""Rules of domain/indicators/_engine.py found by mutation testing (docs/explanation/testing.md).

Money is added exactly whatever the caller's decimal context, where the sums are made (per
record key, across accounts, and in a value's own arithmetic); an account's records that
differ from its first record in a dimension are counted under their own values; any
``Period`` is accepted, a subclass included.
"""

from __future__ import annotations

from datetime import date
from decimal import Context, Decimal, localcontext
from fractions import Fraction

from indicator_builders import H1, visit
from keyaccount import (
    Dimension,
    Period,
    ReceivableFact,
    SpendingFact,
    receivables_collection,
    relationship_cost_benefit,
    visit_plan_completion,
)

# 21 significant digits: a caller's context of 12 digits rounds them away
BIG, SMALL = Decimal("123456789012345.678901"), Decimal("0.000001")
EXACT_SUM = Decimal("123456789012345.678902")
ROUGH = Context(prec=12)


def test_the_records_of_one_account_are_added_exactly_under_a_rough_context() -> None:
    dims = ("ACME", "A", "Wang", "KA")
    facts = [ReceivableFact(*dims, due_on=date(2025, 2, 1), amount_due=amount,
                            amount_collected=SMALL) for amount in (BIG, SMALL)]
    with localcontext(ROUGH):
        rate = receivables_collection(facts, H1)
    assert rate.of(Dimension.ACCOUNT, "ACME").denominator == EXACT_SUM
    assert rate.portfolio.denominator == EXACT_SUM


def test_the_accounts_of_a_group_are_added_exactly_under_a_rough_context() -> None:
    facts = [ReceivableFact(account, "A", "Wang", "KA", due_on=date(2025, 2, 1),
                            amount_due=amount, amount_collected=SMALL)
             for account, amount in (("ACME", BIG), ("BETA", SMALL))]
    with localcontext(ROUGH):
        rate = receivables_collection(facts, H1)
    assert rate.portfolio.denominator == EXACT_SUM
    assert rate.of(Dimension.TIER, "A").denominator == EXACT_SUM


def test_a_values_own_arithmetic_is_exact_under_a_rough_context() -> None:
    # the cost-benefit ratio adds cost and benefit: benefit / (cost + benefit) is 1/2 exactly
    fact = SpendingFact("ACME", "A", "Wang", "KA", booked_on=date(2025, 2, 1),
                        spending=EXACT_SUM, benefit=EXACT_SUM)
    with localcontext(ROUGH):
        ratio = relationship_cost_benefit([fact], H1)
        portfolio = ratio.portfolio
    assert portfolio.normalised == Fraction(1, 2)


def test_records_that_left_their_accounts_first_manager_are_all_counted_under_the_new_one() -> None:
    visits = [visit("ACME", "A", "Wang", date(2025, 1, 6), date(2025, 1, 6)),
              visit("ACME", "A", "Li", date(2025, 2, 3)),
              visit("ACME", "A", "Li", date(2025, 3, 3), date(2025, 3, 3)),
              visit("ACME", "B", "Li", date(2025, 4, 7))]
    completion = visit_plan_completion(visits, H1)
    li = completion.of(Dimension.ACCOUNT_MANAGER, "Li")
    assert (li.numerator, li.denominator) == (1, 3)
    wang = completion.of(Dimension.ACCOUNT_MANAGER, "Wang")
    assert (wang.numerator, wang.denominator) == (1, 1)
    tier_b = completion.of(Dimension.TIER, "B")
    assert (tier_b.numerator, tier_b.denominator) == (0, 1)
    assert completion.of(Dimension.DEPARTMENT, "KA").denominator == 4


class Half(Period):
    """A host's own kind of period."""


def test_a_subclass_of_period_is_a_period() -> None:
    half = Half(H1.start, H1.end)
    completion = visit_plan_completion([visit("ACME", "A", "Wang", date(2025, 1, 6))], half)
    assert completion.portfolio.denominator == 1
