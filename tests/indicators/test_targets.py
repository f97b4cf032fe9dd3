"""December targets per account and their attainment (seed 002 §2.1 D); seed 001 §六(二))."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from keyaccount import (
    AccountResult,
    AccountTarget,
    InvalidInput,
    Period,
    target_attainment,
)


def target(**changes: object) -> AccountTarget:
    fields: dict[str, object] = {"account_id": "ACME", "year": 2026,
                                 "sales": Decimal("1200000"), "profit": Decimal("144000"),
                                 "visits": 12, "set_on": date(2025, 12, 15)}
    fields.update(changes)
    return AccountTarget(**fields)  # type: ignore[arg-type]


def result(period: Period, sales: str = "600000", profit: str = "72000", visits: int = 6,
           account_id: str = "ACME") -> AccountResult:
    return AccountResult(account_id=account_id, period=period, sales=Decimal(sales),
                         profit=Decimal(profit), visits=visits)


def rates(attained: tuple[object, ...]) -> dict[str, Fraction | None]:
    return {a.measure: a.rate for a in attained}  # type: ignore[attr-defined]


def test_a_target_per_account_gives_sales_profit_and_visits_for_next_year() -> None:
    assert target().set_in_december
    assert not target(set_on=date(2025, 11, 30)).set_in_december


def test_a_target_is_set_before_its_year_starts() -> None:
    with pytest.raises(InvalidInput, match="set_on must be before the year 2026 starts"):
        target(set_on=date(2026, 1, 5))


def test_the_half_year_review_compares_with_half_the_years_target() -> None:
    attained = target_attainment([target()], [result(Period.half_year(2026, 1), "660000")])
    assert rates(attained) == {"sales": Fraction(11, 10), "profit": Fraction(1),
                               "visits": Fraction(1)}
    assert [a.met for a in attained] == [True, True, True]


def test_the_year_review_compares_with_the_whole_target() -> None:
    attained = target_attainment([target()], [result(Period.year(2026), "900000", "72000",
                                                      6)])
    assert rates(attained) == {"sales": Fraction(3, 4), "profit": Fraction(1, 2),
                               "visits": Fraction(1, 2)}
    assert attained[0].met is False


def test_a_target_of_zero_or_a_planned_loss_is_not_applicable() -> None:
    attained = target_attainment([target(profit=Decimal("-10000"), visits=0)],
                                 [result(Period.year(2026))])
    assert rates(attained)["profit"] is None
    assert rates(attained)["visits"] is None
    assert attained[1].met is None


def test_a_result_without_a_target_is_refused() -> None:
    with pytest.raises(InvalidInput, match="has no target for 2027"):
        target_attainment([target()], [result(Period.year(2027))])


def test_a_period_outside_the_targets_year_or_not_whole_months_is_refused() -> None:
    with pytest.raises(InvalidInput, match="whole months of 2026"):
        target().share(Period(date(2026, 1, 5), date(2026, 3, 5)))


def test_two_targets_for_one_account_and_year_are_refused() -> None:
    with pytest.raises(InvalidInput, match="two targets for 2026"):
        target_attainment([target(), target()], [])


@given(sales=st.integers(1, 10**9), actual=st.integers(0, 10**9), half=st.integers(1, 2))
def test_attainment_is_the_result_over_the_share_of_the_target(
    sales: int, actual: int, half: int,
) -> None:
    attained = target_attainment([target(sales=Decimal(sales))],
                                 [result(Period.half_year(2026, half), str(actual))])
    rate = rates(attained)["sales"]
    assert rate == Fraction(actual) / (Fraction(sales) / 2)
    # the half-years of a year add up to the year's attainment when both are equal
    assert attained[0].target * 2 == sales


@given(accounts=st.lists(st.text("ABCDEF", min_size=1, max_size=4), unique=True, max_size=30))
def test_every_measure_of_every_account_is_reported_in_account_order(
    accounts: list[str],
) -> None:
    targets = [target(account_id=a) for a in accounts]
    results = [result(Period.year(2026), account_id=a) for a in reversed(accounts)]
    attained = target_attainment(targets, results)
    assert [a.account_id for a in attained] == [a for a in sorted(accounts) for _ in range(3)]
