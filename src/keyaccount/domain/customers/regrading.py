"""Putting a grading's tiers on the customer files (SPEC §5d; seeds 001-003 annual review).

The key-account list is re-graded every year; :func:`apply_grading` regrades each customer a
grading names (:meth:`~keyaccount.Customer.regrade`), so the change is kept as a
:class:`~keyaccount.TierChanged` event for the tier history and the migration report.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from keyaccount._errors import InvalidInput
from keyaccount._validation import (
    require_day_in_years,
    require_instances,
    require_instant_in_years,
    require_non_empty,
    to_items,
)
from keyaccount.domain.customers._portfolio import account_ids
from keyaccount.domain.customers.customer import Customer
from keyaccount.domain.events import DomainEvent
from keyaccount.domain.grading import Tier

__all__ = ["apply_grading"]


def _grading_tiers(tiers: Mapping[str, object]) -> dict[str, Tier | None]:
    if not isinstance(tiers, Mapping):
        raise InvalidInput(f"tiers must be a mapping of account id to tier, got {tiers!r}")
    bulk = getattr(tiers, "tiers_by_account", None)
    if callable(bulk):
        # a policy's Grading reads every tier in one pass instead of building each account
        return dict(bulk())
    result: dict[str, Tier | None] = {}
    for account_id, value in tiers.items():
        tier = value if value is None or isinstance(value, Tier) else getattr(value, "tier", 0)
        if tier is not None and not isinstance(tier, Tier):
            raise InvalidInput(
                f"tiers[{account_id!r}] must be a Tier, None or a graded account, got {value!r}"
            )
        result[account_id] = tier
    return result


def apply_grading(
    customers: Iterable[Customer],
    tiers: Mapping[str, Tier | None] | Mapping[str, Any],
    *,
    now: datetime,
    reason: str,
    effective_on: date | None = None,
) -> tuple[tuple[Customer, ...], tuple[DomainEvent, ...]]:
    """Put a grading's tiers on the customer files (SPEC §5d; seeds 001-003 annual review).

    Each customer the grading names is regraded (:meth:`~keyaccount.Customer.regrade`);
    ``None`` takes its tier away (no longer a key account). Customers the grading does not
    name keep their tier, so a partial grading (new accounts placed by contract amount) can
    be applied alone. A grading naming an account that is not in ``customers`` is refused,
    since a mistyped id would otherwise change nothing without a word.

    Args:
        customers: the portfolio.
        tiers: ``{account id: Tier or None}``, or a grading policy's result
            (``{account id: GradedAccount}``).
        now: the caller's now (aware), carried by the events.
        reason: why, e.g. ``"annual grading 2025"``.
        effective_on: the day the tiers take effect; default ``now``'s day.

    Returns:
        The whole portfolio in input order (regraded customers replaced), and one
        :class:`~keyaccount.TierChanged` event per customer whose tier changed, in input
        order. Nothing is applied if anything is refused.

    Raises:
        InvalidInput: a customer given twice, a grading naming an account not in
            ``customers``, a value that is not a tier, a blank reason or a naive ``now``.

    >>> from datetime import datetime, timezone
    >>> from keyaccount import TIER_A, TIER_B, TIER_C, Customer
    >>> now = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)
    >>> portfolio = [Customer(account_id=account_id, name=account_id, category="regional",
    ...                       tier=TIER_B) for account_id in ("C-1", "C-2", "C-3")]
    >>> portfolio, events = apply_grading(portfolio, {"C-1": TIER_A, "C-2": TIER_B,
    ...                                               "C-3": None},
    ...                                   now=now, reason="annual grading 2025")
    >>> [(c.account_id, c.tier and c.tier.code) for c in portfolio]
    [('C-1', 'A'), ('C-2', 'B'), ('C-3', None)]
    >>> [(e.account_id, e.from_tier.code, e.to_tier and e.to_tier.code) for e in events]
    [('C-1', 'B', 'A'), ('C-3', 'B', None)]
    >>> apply_grading(portfolio, {"C-9": TIER_C}, now=now, reason="placing new accounts")
    Traceback (most recent call last):
    ...
    keyaccount.InvalidInput: the grading names accounts not in the portfolio (customers): ['C-9']
    """
    require_instant_in_years(now, field="now")
    # checked before any customer: a bad reason is refused even when no tier changes
    require_non_empty(reason, field="regrade reason")
    if effective_on is not None:
        require_day_in_years(effective_on, field="effective_on")
    graded = _grading_tiers(tiers)
    portfolio = to_items(customers, field="customers", expected="Customer files")
    require_instances(portfolio, Customer, field="customers")
    seen = account_ids(portfolio, service="grade")
    unknown = sorted(set(graded) - seen)
    if unknown:
        raise InvalidInput(
            f"the grading names accounts not in the portfolio (customers): {unknown}"
        )
    regraded: list[Customer] = []
    events: list[DomainEvent] = []
    for customer in portfolio:
        if customer.account_id in graded:
            customer, caused = customer.regrade(
                graded[customer.account_id], now=now, reason=reason, effective_on=effective_on
            )
            events.extend(caused)
        regraded.append(customer)
    return tuple(regraded), tuple(events)
