"""Relationship coverage: how many staff must cover each account (SPEC §3; seeds 002, 003).

Important accounts have at least two staff in contact with them (seed 002 §客户管理 3; seed 003
§大客户信息管理办法 第十条). How many each account needs is a company's rule, a
:class:`CoveragePolicy` (default :class:`keyaccount.policies.MinimumStaffByTier`);
:func:`coverage_violations` lists the accounts below it.

>>> from keyaccount import Customer
>>> class TwoForEveryone:
...     def required_staff(self, customer):
...         return 2
>>> account = Customer(account_id="C-7", name="Acme", category="regional",
...                    staff=("wang",), account_manager="wang")
>>> coverage_violations([account], TwoForEveryone())
(CoverageViolation(account_id='C-7', required=2, actual=1),)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, runtime_checkable

import attrs

from keyaccount._errors import InvalidInput
from keyaccount._validation import (
    COUNT_LIMIT,
    count,
    non_empty,
    require_count,
    require_instances,
    to_items,
)
from keyaccount.domain.customers.customer import Customer

__all__ = ["CoveragePolicy", "CoverageViolation", "coverage_violations"]


@attrs.frozen
class CoverageViolation:
    """An account covered by fewer staff than its tier requires.

    Attributes:
        account_id: the account.
        required: the staff its tier requires.
        actual: the staff covering it.
    """

    account_id: str = attrs.field(validator=non_empty)
    required: int = attrs.field(validator=count(maximum=COUNT_LIMIT))
    actual: int = attrs.field(validator=count(maximum=COUNT_LIMIT))

    def __attrs_post_init__(self) -> None:
        if self.actual >= self.required:
            raise InvalidInput(
                f"CoverageViolation of {self.account_id!r}: actual ({self.actual}) must be below "
                f"required ({self.required}); an account that has its staff violates nothing"
            )


@runtime_checkable
class CoveragePolicy(Protocol):
    """The fewest staff that must cover each account (SPEC §3; seeds 002, 003).

    Default: :class:`keyaccount.policies.MinimumStaffByTier` (2 for tier rank <= 2, else 1).
    Invariant: the count is an int >= 0. Which accounts fall short is worked out from it by
    :func:`coverage_violations`.
    """

    def required_staff(self, customer: Customer) -> int:
        """How many staff must cover ``customer``."""
        ...


def coverage_violations(
    customers: Iterable[Customer], policy: CoveragePolicy
) -> tuple[CoverageViolation, ...]:
    """Every account covered by fewer staff than ``policy`` requires, in input order.

    A batch check: it never raises on the first account below its coverage, it lists them all.

    Args:
        customers: the portfolio.
        policy: a :class:`CoveragePolicy`.

    Returns:
        One :class:`CoverageViolation` per account below its coverage.

    Raises:
        InvalidInput: ``customers`` is not a collection of :class:`~keyaccount.Customer`
            files, or ``policy`` is not a :class:`CoveragePolicy`.
    """
    if not isinstance(policy, CoveragePolicy):
        raise InvalidInput(f"policy must be a CoveragePolicy, got {policy!r}")
    customers = to_items(customers, field="customers", expected="Customer files")
    require_instances(customers, Customer, field="customers")
    violations = []
    for customer in customers:
        required = policy.required_staff(customer)
        if type(required) is not int or not 0 <= required <= COUNT_LIMIT:  # the plain case
            required = require_count(
                required,
                field=f"{type(policy).__name__}.required_staff of customer "
                f"{customer.account_id!r}",
                maximum=COUNT_LIMIT,
            )
        if len(customer.staff) < required:
            violations.append(CoverageViolation(customer.account_id, required, len(customer.staff)))
    return tuple(violations)
