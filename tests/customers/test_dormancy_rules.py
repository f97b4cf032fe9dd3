"""Rules of customers/dormancy.py found by mutation testing (docs/explanation/testing.md)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from tests.customers.test_policy_dormancy_rules import active

from keyaccount import (
    AccountStatus,
    AccountWentDormant,
    Customer,
    InvalidInput,
    apply_dormancy,
)

NOW = datetime(2025, 7, 9, 8, tzinfo=UTC)


class Listed:
    """A host's dormancy policy: the accounts it names are dormant, after ``days``."""

    def __init__(self, *dormant: str, days: int | None = 200) -> None:
        self.dormant = set(dormant)
        self.days = days
        self.asked: list[tuple[str, datetime]] = []

    def days_without_purchase(self, customer: Customer, *, now: datetime) -> int | None:
        self.asked.append((customer.account_id, now))
        return self.days

    def is_dormant(self, customer: Customer, *, now: datetime) -> bool:
        return customer.account_id in self.dormant


def test_only_the_accounts_the_policy_finds_dormant_go_dormant_in_input_order() -> None:
    policy = Listed("C-2", days=200)
    portfolio, events = apply_dormancy(iter([active("C-1"), active("C-2")]), policy, now=NOW)
    assert [(c.account_id, c.status) for c in portfolio] == [
        ("C-1", AccountStatus.ACTIVE),
        ("C-2", AccountStatus.DORMANT),
    ]
    (event,) = events
    assert isinstance(event, AccountWentDormant)
    assert (event.account_id, event.days_without_purchase, event.occurred_at) == ("C-2", 200, NOW)
    assert policy.asked == [("C-2", NOW)]


def test_an_account_the_policy_cannot_count_goes_dormant_after_zero_days() -> None:
    _, (event,) = apply_dormancy([active("C-1")], Listed("C-1", days=None), now=NOW)
    assert isinstance(event, AccountWentDormant)
    assert event.days_without_purchase == 0


def test_a_customer_given_twice_is_refused_naming_it_and_the_service() -> None:
    with pytest.raises(InvalidInput, match=r"^customer 'C-1' is given twice to apply_dormancy"):
        apply_dormancy([active("C-1"), active("C-1")], Listed(), now=NOW)


NAIVE = datetime(2025, 7, 9)  # noqa: DTZ001


@pytest.mark.parametrize("now", [NAIVE, "2025-07-09", None])
def test_a_naive_or_missing_now_is_refused_naming_it(now: object) -> None:
    with pytest.raises(InvalidInput, match=r"^now must be "):
        apply_dormancy([active("C-1")], Listed(), now=now)  # type: ignore[arg-type]


def test_dormancy_is_applied_under_a_dormancy_policy() -> None:
    with pytest.raises(InvalidInput, match=r"^policy must be a DormancyPolicy, got 180"):
        apply_dormancy([active("C-1")], 180, now=NOW)  # type: ignore[arg-type]


@pytest.mark.parametrize("customers", ["C-1", 7])
def test_customers_that_are_not_a_collection_are_refused_naming_them(customers: object) -> None:
    with pytest.raises(
        InvalidInput, match=r"^customers must be a collection of Customer files, got "
    ):
        apply_dormancy(customers, Listed(), now=NOW)  # type: ignore[arg-type]


def test_an_item_that_is_not_a_customer_is_refused_naming_it() -> None:
    with pytest.raises(InvalidInput, match=r"^customers must hold Customer values, got 'C-2'"):
        apply_dormancy([active("C-1"), "C-2"], Listed(), now=NOW)  # type: ignore[list-item]
