"""Rules of policies/customers/dormancy.py found by mutation testing (docs/explanation)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import attrs
import pytest

from keyaccount import AccountStatus, Contract, Customer, InvalidInput, PolicyConfigError
from keyaccount.policies import DaysWithoutPurchase

NOW = datetime(2025, 7, 9, 8, tzinfo=UTC)


def active(
    account_id: str = "C-1",
    activated_on: date | None = date(2024, 1, 3),
    last_purchase_on: date | None = None,
) -> Customer:
    signed = date(2024, 1, 2)
    return Customer(
        account_id=account_id,
        name="Acme",
        category="regional",
        status="active",
        account_code=f"KA-{account_id}",
        supply_contract=Contract(reference="S-1", signed_on=signed),
        quality_contract=Contract(reference="Q-1", signed_on=signed),
        activated_on=activated_on,
        last_purchase_on=last_purchase_on,
    )


@pytest.mark.parametrize("days", [1, 3_660])
def test_dormancy_days_run_from_1_to_3660(days: int) -> None:
    assert DaysWithoutPurchase(days).days == days


@pytest.mark.parametrize("days", [0, 3_661, True, "90", 90.0])
def test_dormancy_days_off_the_range_are_refused_naming_them(days: object) -> None:
    with pytest.raises(PolicyConfigError, match=r"^dormancy days must be an int in 1\.\."):
        DaysWithoutPurchase(days)  # type: ignore[arg-type]


def test_dormancy_settings_with_an_unknown_key_are_refused_naming_the_policy() -> None:
    with pytest.raises(PolicyConfigError, match=r"^dormancy settings have unknown key\(s\)"):
        DaysWithoutPurchase.from_mapping({"day": 90})
    assert DaysWithoutPurchase.from_mapping({}) == DaysWithoutPurchase(180)


def test_days_are_counted_from_the_later_of_the_last_purchase_and_the_activation() -> None:
    policy = DaysWithoutPurchase(30)
    bought_later = active(activated_on=date(2025, 1, 1), last_purchase_on=date(2025, 7, 1))
    assert policy.days_without_purchase(bought_later, now=NOW) == 8
    activated_later = active(activated_on=date(2025, 7, 4), last_purchase_on=date(2025, 1, 1))
    assert policy.days_without_purchase(activated_later, now=NOW) == 5
    never_bought = active(activated_on=date(2025, 6, 9))
    assert policy.days_without_purchase(never_bought, now=NOW) == 30


def test_an_account_is_dormant_once_the_count_reaches_the_days() -> None:
    policy = DaysWithoutPurchase(30)
    assert policy.is_dormant(active(activated_on=date(2025, 6, 9)), now=NOW)
    assert not policy.is_dormant(active(activated_on=date(2025, 6, 10)), now=NOW)


def test_the_day_of_now_is_taken_in_nows_own_zone() -> None:
    policy = DaysWithoutPurchase(30)
    customer = active(activated_on=date(2025, 6, 9))
    # 2025-07-09 08:00 UTC is still 2025-07-08 in UTC-10
    west = NOW.astimezone(timezone(timedelta(hours=-10)))
    assert policy.days_without_purchase(customer, now=west) == 29
    assert not policy.is_dormant(customer, now=west)


def test_only_active_accounts_with_a_day_on_file_are_judged() -> None:
    policy = DaysWithoutPurchase(1)
    dormant = attrs.evolve(active(), status=AccountStatus.DORMANT)
    assert policy.days_without_purchase(dormant, now=NOW) is None
    assert not policy.is_dormant(dormant, now=NOW)
    unknown = active(activated_on=None)
    assert policy.days_without_purchase(unknown, now=NOW) is None
    assert not policy.is_dormant(unknown, now=NOW)


def test_a_now_before_the_last_purchase_is_refused_naming_the_account() -> None:
    customer = active(last_purchase_on=date(2025, 7, 10))
    with pytest.raises(
        InvalidInput,
        match=r"is before the last purchase or activation \(2025-07-10\) of customer 'C-1'",
    ):
        DaysWithoutPurchase().days_without_purchase(customer, now=NOW)


def test_judging_something_that_is_not_a_customer_is_refused() -> None:
    with pytest.raises(InvalidInput, match=r"^customer must be a Customer, got 'C-1'"):
        DaysWithoutPurchase().days_without_purchase("C-1", now=NOW)  # type: ignore[arg-type]


NAIVE = datetime(2025, 7, 9)  # noqa: DTZ001


def test_a_naive_now_is_refused_naming_it() -> None:
    with pytest.raises(InvalidInput, match=r"^now must be "):
        DaysWithoutPurchase().days_without_purchase(active(), now=NAIVE)
    with pytest.raises(InvalidInput, match=r"^now must be "):
        DaysWithoutPurchase().dormant_accounts([active()], now=NAIVE)


def test_the_dormant_accounts_are_listed_in_input_order() -> None:
    policy = DaysWithoutPurchase(30)
    portfolio = [
        active("C-3", activated_on=date(2025, 1, 1)),
        active("C-1", activated_on=date(2025, 7, 1)),
        active("C-2", activated_on=date(2025, 2, 1)),
    ]
    found = policy.dormant_accounts(iter(portfolio), now=NOW)
    assert [customer.account_id for customer in found] == ["C-3", "C-2"]


@pytest.mark.parametrize("customers", ["C-1", 7])
def test_customers_that_are_not_a_collection_are_refused_naming_them(customers: object) -> None:
    with pytest.raises(
        InvalidInput, match=r"^customers must be a collection of Customer files, got "
    ):
        DaysWithoutPurchase().dormant_accounts(customers, now=NOW)  # type: ignore[arg-type]


def test_an_item_that_is_not_a_customer_is_refused_naming_it() -> None:
    with pytest.raises(InvalidInput, match=r"^customers must hold Customer values, got 'C-2'"):
        DaysWithoutPurchase().dormant_accounts([active(), "C-2"], now=NOW)  # type: ignore[list-item]


def test_applying_the_policy_marks_the_dormant_accounts() -> None:
    portfolio, events = DaysWithoutPurchase(30).apply(
        [active("C-1", activated_on=date(2025, 1, 1))], now=NOW
    )
    assert portfolio[0].status is AccountStatus.DORMANT
    assert len(events) == 1
