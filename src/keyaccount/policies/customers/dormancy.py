"""Dormancy after a number of days without a purchase (SPEC §2; seed 003 休眠客户).

:class:`DaysWithoutPurchase` tells which active accounts are dormant (休眠客户) at a given
``now``: *default* 180 days without a purchase (SPEC §2). It implements
:class:`~keyaccount.DormancyPolicy`; :func:`~keyaccount.apply_dormancy` marks the accounts it
finds. It reads no clock: the host passes ``now``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

import attrs

from keyaccount._errors import InvalidInput, PolicyConfigError
from keyaccount._validation import (
    DURATION_DAYS_LIMIT,
    check_settings_keys,
    count,
    require_instances,
    require_instant_in_years,
    to_items,
)
from keyaccount.domain.customers import AccountStatus, Customer, apply_dormancy
from keyaccount.domain.events import DomainEvent

__all__ = ["DEFAULT_DORMANCY_DAYS", "DaysWithoutPurchase"]

# SPEC §2 *default* (seed 003 names dormant accounts, 休眠客户, without a number).
DEFAULT_DORMANCY_DAYS = 180


@attrs.frozen
class DaysWithoutPurchase:
    """An active account is dormant after ``days`` days without a purchase (SPEC §2).

    Days are counted from the later of the last purchase and the day the account last
    started trading (activation or reactivation), to the day of ``now`` in ``now``'s own time
    zone. An account is dormant once that count reaches ``days``. Only active accounts are
    judged; an active account with neither day on file cannot be judged and is not dormant.

    Attributes:
        days: *default* 180 (SPEC §2).

    >>> DaysWithoutPurchase.from_mapping({"days": 90}).days
    90
    """

    days: int = attrs.field(
        default=DEFAULT_DORMANCY_DAYS,
        validator=count(
            1, maximum=DURATION_DAYS_LIMIT, field="dormancy days", error=PolicyConfigError
        ),
    )

    @classmethod
    def from_mapping(cls, settings: Mapping[str, Any]) -> DaysWithoutPurchase:
        """Build from host settings ``{"days": int}``.

        Raises:
            PolicyConfigError: an unknown key, or days not an int from 1 to 3,660 (10 years).
        """
        check_settings_keys(settings, allowed={"days"}, policy="dormancy")
        return cls(**settings)

    def days_without_purchase(self, customer: Customer, *, now: datetime) -> int | None:
        """Days since the account last bought or started trading; ``None`` if not judged.

        Raises:
            InvalidInput: ``customer`` is not a :class:`~keyaccount.Customer`, ``now`` is
                naive, or ``now``'s day is before the last purchase or activation (the count
                would be negative: a wrong ``now``, or a file dated in the future).
        """
        require_instant_in_years(now, field="now")
        if not isinstance(customer, Customer):
            raise InvalidInput(f"customer must be a Customer, got {customer!r}")
        if customer.status is not AccountStatus.ACTIVE:
            return None
        known = [day for day in (customer.last_purchase_on, customer.activated_on) if day]
        if not known:
            return None
        since = max(known)
        if now.date() < since:
            raise InvalidInput(
                f"now {now.isoformat()} is before the last purchase or activation "
                f"({since.isoformat()}) of customer {customer.account_id!r}"
            )
        return (now.date() - since).days

    def is_dormant(self, customer: Customer, *, now: datetime) -> bool:
        """Whether the active account should now be dormant."""
        days = self.days_without_purchase(customer, now=now)
        return days is not None and days >= self.days

    def dormant_accounts(
        self, customers: Iterable[Customer], *, now: datetime
    ) -> tuple[Customer, ...]:
        """The active accounts that are dormant at ``now``, in input order."""
        require_instant_in_years(now, field="now")
        portfolio = to_items(customers, field="customers", expected="Customer files")
        require_instances(portfolio, Customer, field="customers")
        return tuple(customer for customer in portfolio if self.is_dormant(customer, now=now))

    def apply(
        self, customers: Iterable[Customer], *, now: datetime
    ) -> tuple[tuple[Customer, ...], tuple[DomainEvent, ...]]:
        """Mark dormant accounts dormant; see :func:`~keyaccount.apply_dormancy`."""
        return apply_dormancy(customers, self, now=now)
