"""The handover of a departing staff member's accounts (SPEC §3; seed 003 第六条, 第十一条).

When a staff member leaves, every account they cover is reassigned promptly, the customer is
told, and the leaver takes no data; no account is left below its coverage. :func:`hand_over`
does it for a whole portfolio, all or nothing, under the caller's :class:`CoveragePolicy`
(the one company rule in it); :class:`keyaccount.policies.CoveredHandover` holds a
configured coverage policy and calls it.

>>> from datetime import datetime, timezone
>>> from keyaccount import Customer
>>> class OneEach:
...     def required_staff(self, customer):
...         return 1
>>> now = datetime(2025, 6, 30, 17, 0, tzinfo=timezone.utc)
>>> account = Customer(account_id="C-9", name="Acme", category="regional",
...                    staff=("li", "zhao"), account_manager="li")
>>> (after,), (event,) = hand_over([account], OneEach(), departing="li", successors="chen",
...                                now=now)
>>> after.staff, after.account_manager, event.inform_customer
(('zhao', 'chen'), 'chen', True)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import TypeAlias

from keyaccount._errors import InvalidInput, InvalidTransition
from keyaccount._validation import (
    require_instances,
    require_instant_in_years,
    require_non_empty,
    to_items,
    to_names,
)
from keyaccount.domain.customers._portfolio import account_ids
from keyaccount.domain.customers.coverage import CoveragePolicy, coverage_violations
from keyaccount.domain.customers.customer import Customer
from keyaccount.domain.events import DomainEvent

__all__ = ["Successors", "hand_over"]

#: Who takes over: one name or several for every account the leaver covers, or a mapping
#: ``account_id -> name(s)`` that names each of those accounts.
Successors: TypeAlias = str | Sequence[str] | Mapping[str, str | Sequence[str]]


def hand_over(
    customers: Iterable[Customer],
    coverage: CoveragePolicy,
    *,
    departing: str,
    successors: Successors,
    now: datetime,
) -> tuple[tuple[Customer, ...], tuple[DomainEvent, ...]]:
    """Reassign every account ``departing`` covers without losing coverage; all or nothing.

    The leaver's place on each account goes to its successors (successors already on the
    account stay once); where the leaver was account manager, the first successor becomes
    it. Nothing else in any file changes, and accounts the leaver did not cover are
    returned as they were.

    Args:
        customers: the portfolio (unique account ids).
        coverage: the coverage every reassigned account must still meet.
        departing: the staff member who leaves.
        successors: one successor (or several) for every account, or a mapping
            ``account_id -> successor(s)`` that names every account the leaver covers.
        now: the caller's now; the events carry it.

    Returns:
        The whole portfolio in input order, and one
        :class:`~keyaccount.AccountReassigned` event per reassigned account, each telling
        the host to inform the customer (seed 003 第十一条).

    Raises:
        InvalidInput: a blank name, duplicate account ids, a mapping that misses an account
            the leaver covers or names one they do not, a leaver among their successors.
        InvalidTransition: the handover would leave accounts below their coverage; the
            message names them. Nothing is applied.
    """
    require_instant_in_years(now, field="now")
    if not isinstance(coverage, CoveragePolicy):
        raise InvalidInput(f"coverage must be a CoveragePolicy (required_staff), got {coverage!r}")
    require_non_empty(departing, field="departing")
    portfolio = to_items(customers, field="customers", expected="Customer values")
    require_instances(portfolio, Customer, field="customers")
    account_ids(portfolio, service="hand_over")
    covered = [customer.account_id for customer in portfolio if departing in customer.staff]
    if isinstance(successors, Mapping):
        missing = [account for account in covered if account not in successors]
        stray = sorted(set(successors) - set(covered))
        if missing or stray:
            raise InvalidInput(
                f"successors must name exactly the accounts departing {departing!r} covers "
                f"in customers {covered}; missing {missing}, not covered by them {stray}"
            )
        named = {
            account: to_names(successors[account], field=f"successors for customer {account!r}")
            for account in covered
        }
    else:
        names = to_names(successors, field="successors for every account")
        named = dict.fromkeys(covered, names)

    result: list[Customer] = []
    reassigned: list[Customer] = []
    events: list[DomainEvent] = []
    for customer in portfolio:
        if customer.account_id in named:
            customer, caused = customer.reassign(
                departing=departing, successors=named[customer.account_id], now=now
            )
            reassigned.append(customer)
            events.extend(caused)
        result.append(customer)
    # Only the accounts the leaver covered are judged: one already thin before the
    # handover and not touched by it is the coverage check's business, not a reason to
    # keep the leaver on their own accounts.
    below = coverage_violations(reassigned, coverage)
    if below:
        raise InvalidTransition(
            f"handover of {departing!r} refused: it would leave accounts below their "
            f"coverage: "
            + ", ".join(
                f"{violation.account_id} (needs {violation.required}, would have "
                f"{violation.actual})"
                for violation in below
            )
            + "; name more successors"
        )
    return tuple(result), tuple(events)
