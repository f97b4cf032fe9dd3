"""The account ids of a portfolio handed to a service, each at most once (private)."""

from __future__ import annotations

from collections.abc import Iterable

from keyaccount._errors import InvalidInput
from keyaccount.domain.customers.customer import Customer


def account_ids(portfolio: Iterable[Customer], *, service: str) -> set[str]:
    """The portfolio's account ids; a customer given twice is refused by name.

    A service applies one change per account, so a second copy of a file would apply it twice
    (two dormancy events, two grading changes) or hand one account over twice.
    """
    seen: set[str] = set()
    for customer in portfolio:
        if customer.account_id in seen:
            raise InvalidInput(f"customer {customer.account_id!r} is given twice to {service}")
        seen.add(customer.account_id)
    return seen
