"""The account a visit plan is made for: its tier, staff, blackout dates and area (SPEC §6).

:class:`AccountToPlan` is the planner's view of a customer file
(:meth:`AccountToPlan.from_customer`); the area groups in-person visits so that one person's
visits on one day stay in one area (issue 13; seed 001 三(三) 合理安排走访行程).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import attrs

from keyaccount._errors import InvalidInput
from keyaccount._validation import (
    instance_of,
    non_empty,
    optional_text,
    require_day_in_years,
    require_names,
    to_items,
)
from keyaccount.domain.customers import Customer
from keyaccount.domain.grading import Tier

__all__ = ["AccountToPlan"]


def _staff_names(value: Iterable[str]) -> tuple[str, ...]:
    return to_items(value, field="AccountToPlan.staff", expected="names")


def _blackout(value: Iterable[date]) -> frozenset[date]:
    days = frozenset(to_items(value, field="AccountToPlan.blackout_dates", expected="dates"))
    for day in days:
        require_day_in_years(day, field="a day in AccountToPlan.blackout_dates")
    return days


def _staff(_instance: object, _attribute: object, value: tuple[str, ...]) -> None:
    if not value:
        raise InvalidInput("AccountToPlan.staff must name at least one visitor, got ()")
    require_names(value, field="AccountToPlan.staff")


@attrs.frozen
class AccountToPlan:
    """What the planner needs to know of one account (a Customer adapts to this).

    Attributes:
        account_id: the account.
        tier: its current tier.
        staff: the staff covering it, in the order visits rotate through them.
        blackout_dates: the customer's own important dates, on which no visit is planned.
        area: where the customer is, a plain string the host chooses (a city, a district,
            a sales region), or None; the planner keeps one person's in-person visits of a
            day in one area whenever the plan allows.

    >>> from keyaccount import TIER_A
    >>> AccountToPlan("ACME", TIER_A, staff=["li", "wang"]).staff
    ('li', 'wang')
    """

    account_id: str = attrs.field(validator=non_empty)
    tier: Tier = attrs.field(validator=instance_of(Tier))
    staff: tuple[str, ...] = attrs.field(converter=_staff_names, validator=_staff)
    blackout_dates: frozenset[date] = attrs.field(default=frozenset(), converter=_blackout)
    area: str | None = attrs.field(default=None, validator=optional_text, kw_only=True)

    @classmethod
    def from_customer(cls, customer: Customer) -> AccountToPlan:
        """The planner's view of a customer file (its tier, staff and important dates).

        Visits rotate through the account manager first, then the other staff covering it;
        the customer's important dates become blackout dates and its ``area`` is passed on.

        Raises:
            InvalidInput: ``customer`` is not a Customer, has no tier yet, or nobody covers it.
        """
        if not isinstance(customer, Customer):
            raise InvalidInput(
                f"AccountToPlan.from_customer customer must be a Customer, got {customer!r}"
            )
        if customer.tier is None:
            raise InvalidInput(
                f"customer {customer.account_id!r} has no tier yet; grade it before planning"
            )
        staff = [customer.account_manager] if customer.account_manager else []
        staff.extend(name for name in customer.staff if name not in staff)
        return cls(
            customer.account_id,
            customer.tier,
            staff,
            customer.important_dates,
            area=customer.area,
        )
