"""Account figures: the values a grading reads (SPEC §5a, §5b)."""

from decimal import Decimal

import pytest

from grading_portfolios import figures
from keyaccount import (
    InvalidInput,
)


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
