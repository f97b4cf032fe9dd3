"""Account figures: the values a grading reads (SPEC §5a, §5b)."""

import time
from decimal import Decimal
from fractions import Fraction

import pytest

from grading_portfolios import account, figures
from keyaccount import (
    InvalidInput,
)
from keyaccount.policies import WeightedScoreGrading


def test_figures_hold_money_as_decimals_and_accept_ints_and_strings() -> None:
    account = figures(contract_amount=1200, profit_contribution="-3.50")
    assert account.contract_amount == Decimal(1200)
    assert account.profit_contribution == Decimal("-3.50")
    assert account.annual_purchase_amount is None


def test_a_negative_contract_amount_is_refused_naming_the_account() -> None:
    with pytest.raises(InvalidInput, match=r"contract_amount of 'acme' must be >= 0"):
        figures(contract_amount="-0.01")


def test_a_negative_purchase_count_is_refused() -> None:
    with pytest.raises(InvalidInput, match="purchase_count"):
        figures(purchase_count=-1)


def test_a_purchase_count_must_be_a_whole_number() -> None:
    with pytest.raises(InvalidInput, match="purchase_count"):
        figures(purchase_count=Decimal("2.5"))
    with pytest.raises(InvalidInput, match="purchase_count"):
        figures(purchase_count=True)


def test_a_negative_annual_purchase_amount_is_refused() -> None:
    with pytest.raises(InvalidInput, match="annual_purchase_amount"):
        figures(annual_purchase_amount=-5)


def test_zero_and_negative_profit_are_accepted() -> None:
    assert figures(profit_contribution=0).profit_contribution == 0
    assert figures(profit_contribution="-1E+6").profit_contribution < 0


def test_float_money_is_refused_because_it_is_not_exact() -> None:
    with pytest.raises(InvalidInput, match="float"):
        figures(contract_amount=0.1)


def test_a_blank_account_id_is_refused() -> None:
    with pytest.raises(InvalidInput, match="account_id"):
        figures(account_id="  ")


def test_figures_are_frozen() -> None:
    account = figures()
    with pytest.raises(AttributeError):
        account.contract_amount = Decimal(1)  # type: ignore[misc]


@pytest.mark.parametrize("field", ["contract_amount", "profit_contribution",
                                   "annual_purchase_amount"])
@pytest.mark.parametrize("value", ["1e999999999", "-1e999999999", "1000000000000000.000001"])
def test_a_figure_beyond_ten_to_the_fifteen_is_refused_by_name(field: str, value: str) -> None:
    # Decimal("1e999999999") is finite: once accepted, min-max grading built its integer
    with pytest.raises(InvalidInput, match=rf"{field} must be at most 10\*\*15 in magnitude"):
        figures(**{field: value})


@pytest.mark.parametrize("field", ["contract_amount", "annual_purchase_amount"])
def test_money_has_at_most_six_decimal_places(field: str) -> None:
    assert getattr(figures(**{field: "1.000001"}), field) == Decimal("1.000001")
    assert getattr(figures(**{field: "1.5000000000"}), field) == Decimal("1.5")
    with pytest.raises(InvalidInput, match=rf"{field} must have at most 6 decimal places"):
        figures(**{field: "1.0000001"})
    with pytest.raises(InvalidInput, match=rf"{field} must have at most 6 decimal places"):
        figures(**{field: "1e-999999999"})


def test_a_profit_contribution_has_at_most_twelve_decimal_places() -> None:
    assert figures(profit_contribution="-0.000000000001").profit_contribution < 0
    with pytest.raises(InvalidInput, match="profit_contribution must have at most 12 decimal"):
        figures(profit_contribution="0.0000000000001")


def test_a_purchase_count_is_at_most_a_billion() -> None:
    assert figures(purchase_count=10**9).purchase_count == 10**9
    with pytest.raises(
        InvalidInput,
        match=r"purchase_count of 'acme' must be an int in 0\.\.10\*\*9, got 1000000001",
    ):
        figures(purchase_count=10**9 + 1)
    with pytest.raises(InvalidInput, match=r"purchase_count of 'acme' must be an int in 0\.\."):
        figures(purchase_count=2**70)


def test_min_max_grading_at_the_bounds_is_exact_and_quick() -> None:
    extremes = [
        account("top", "1000000000000000", "1000000000000000", 10**9),
        account("fine", "0.000001", "-999999999999999.999999999999", 1),
        account("low", 0, "-1000000000000000", 0),
    ]
    started = time.perf_counter()
    grading = WeightedScoreGrading(normalisation="min_max").grade(extremes)
    assert time.perf_counter() - started < 1
    assert grading["top"].score == 1
    assert grading["low"].score == 0
    fine = grading["fine"]
    assert fine.score == (
        Fraction(4, 10) * Fraction("0.000001") / 10**15
        + Fraction(4, 10) * Fraction("0.000000000001") / (2 * 10**15)
        + Fraction(2, 10) * Fraction(1, 10**9)
    )
