"""Rules of December targets and their attainment (domain/indicators/targets.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from keyaccount import (
    AccountResult,
    AccountTarget,
    InvalidInput,
    Period,
    target_attainment,
    target_attainment_indicator,
)

YEAR = Period.year(2026)


def target(year: int = 2026, set_on: date | None = None, **money: Any) -> AccountTarget:
    fields = {"sales": Decimal(100), "profit": Decimal(10), **money}
    return AccountTarget(account_id="ACME", year=year, visits=4,
                         set_on=set_on or date(year - 1, 12, 15), **fields)


def result(period: Period = YEAR, **money: Any) -> AccountResult:
    fields = {"sales": Decimal(50), "profit": Decimal(5), **money}
    return AccountResult(account_id="ACME", period=period, visits=2, **fields)


def test_a_target_may_be_for_the_years_1901_to_2199() -> None:
    assert target(1901).year == 1901
    assert target(2199).year == 2199
    with pytest.raises(InvalidInput, match=r"^AccountTarget\.year must be an int from 1901"):
        target(1900, set_on=date(1900, 1, 1))


def test_a_target_is_set_before_its_year_starts() -> None:
    assert target(set_on=date(2025, 12, 31)).set_on == date(2025, 12, 31)
    with pytest.raises(InvalidInput):
        target(set_on=date(2026, 1, 1))


def test_attainment_over_whole_months_of_two_years_is_refused() -> None:
    with pytest.raises(InvalidInput, match=r"^period must be whole months of 2025"):
        target_attainment_indicator([target()], [], Period(date(2025, 12, 1), date(2026, 2, 1)))


def test_results_of_another_period_do_not_stop_the_others_counting() -> None:
    breakdown = target_attainment_indicator(
        [target()], [result(Period.half_year(2026, 1)), result()], YEAR)
    assert (breakdown.portfolio.numerator, breakdown.portfolio.denominator) == (50, 100)


@pytest.mark.parametrize(("build", "name"), [
    (lambda: target(sales="lots"), "AccountTarget.sales"),
    (lambda: target(profit="lots"), "AccountTarget.profit"),
    (lambda: result(sales="lots"), "AccountResult.sales"),
    (lambda: result(profit="lots"), "AccountResult.profit"),
])
def test_an_amount_that_is_not_money_is_refused_naming_its_field(
    build: Callable[[], Any], name: str
) -> None:
    with pytest.raises(InvalidInput, match=rf"^{name} must"):
        build()


@pytest.mark.parametrize(("call", "message"), [
    (lambda: target_attainment(5, []), r"^targets must be a collection of AccountTarget values"),
    (lambda: target_attainment([], 5), r"^results must be a collection of AccountResult values"),
    (lambda: target_attainment_indicator([], 5, YEAR),
     r"^results must be a collection of AccountResult values"),
    (lambda: target_attainment_indicator([], [], YEAR, measure="nonsense"),
     r"^measure must be one of \["),
])
def test_arguments_of_the_wrong_kind_are_refused_naming_them(
    call: Callable[[], Any], message: str
) -> None:
    with pytest.raises(InvalidInput, match=message):
        call()
