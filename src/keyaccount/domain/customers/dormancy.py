"""Dormancy: active accounts that stopped buying (休眠客户; SPEC §2, seed 003).

Trading accounts that stop buying become dormant and need a reactivation plan. When an
account is dormant is a company's rule, a :class:`DormancyPolicy` (default
:class:`keyaccount.policies.DaysWithoutPurchase`, 180 days); :func:`apply_dormancy` marks the
accounts it finds dormant at the caller's ``now``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Protocol, runtime_checkable

from keyaccount._errors import InvalidInput
from keyaccount._validation import require_instances, require_instant_in_years, to_items
from keyaccount.domain.customers._portfolio import account_ids
from keyaccount.domain.customers.customer import Customer
from keyaccount.domain.events import DomainEvent

__all__ = ["DormancyPolicy", "apply_dormancy"]


@runtime_checkable
class DormancyPolicy(Protocol):
    """Tells which active accounts are dormant at a given now (SPEC §2; seed 003 休眠客户).

    Default: :class:`keyaccount.policies.DaysWithoutPurchase` (180 days).
    Invariant: only active accounts are dormant; the answer depends on ``now`` only through
    its day, and once dormant at a day, an account is dormant at every later day with no new
    purchase.
    """

    def days_without_purchase(self, customer: Customer, *, now: datetime) -> int | None:
        """Days the account has gone without a purchase; ``None`` if it is not judged."""
        ...

    def is_dormant(self, customer: Customer, *, now: datetime) -> bool:
        """Whether the account should now be dormant."""
        ...


def apply_dormancy(
    customers: Iterable[Customer], policy: DormancyPolicy, *, now: datetime
) -> tuple[tuple[Customer, ...], tuple[DomainEvent, ...]]:
    """Mark every account the policy finds dormant at ``now`` as dormant.

    Args:
        customers: the portfolio.
        policy: a :class:`DormancyPolicy`.
        now: the caller's now.

    Returns:
        The whole portfolio in input order (dormant accounts replaced), and one
        :class:`~keyaccount.AccountWentDormant` event per account that went dormant.
        Nothing is applied if anything is refused.

    Raises:
        InvalidInput: a customer given twice (by account id), a value that is not a
            :class:`~keyaccount.Customer`, a policy that is not a :class:`DormancyPolicy`,
            or a naive ``now``.

    >>> from datetime import date, datetime, timezone
    >>> from keyaccount import Contract, Customer
    >>> class QuietSinceActivation:
    ...     def days_without_purchase(self, customer, *, now):
    ...         return (now.date() - customer.activated_on).days
    ...     def is_dormant(self, customer, *, now):
    ...         return customer.status.value == "active" and customer.last_purchase_on is None
    >>> contract = Contract(reference="S-1", signed_on=date(2024, 1, 2))
    >>> idle = Customer(account_id="C-1", name="Acme", category="regional", status="active",
    ...                 account_code="KA-2024-00001", supply_contract=contract,
    ...                 quality_contract=Contract(reference="Q-1", signed_on=date(2024, 1, 2)),
    ...                 activated_on=date(2024, 1, 3))
    >>> now = datetime(2025, 7, 9, 8, 0, tzinfo=timezone.utc)
    >>> (after,), (event,) = apply_dormancy([idle], QuietSinceActivation(), now=now)
    >>> after.status.value, event.days_without_purchase
    ('dormant', 553)
    """
    require_instant_in_years(now, field="now")
    if not isinstance(policy, DormancyPolicy):
        raise InvalidInput(f"policy must be a DormancyPolicy, got {policy!r}")
    customers = to_items(customers, field="customers", expected="Customer files")
    require_instances(customers, Customer, field="customers")
    account_ids(customers, service="apply_dormancy")
    portfolio: list[Customer] = []
    events: list[DomainEvent] = []
    for customer in customers:
        if policy.is_dormant(customer, now=now):
            days = policy.days_without_purchase(customer, now=now)
            customer, caused = customer.go_dormant(now=now, days_without_purchase=days or 0)
            events.extend(caused)
        portfolio.append(customer)
    return tuple(portfolio), tuple(events)
