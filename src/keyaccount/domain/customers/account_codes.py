"""Account codes: an approved key account gets a unique code and starts trading (SPEC §1-2).

Seed 003 (§开发选择认定 第十一条: 设定大客户代码) asks for a code per approved key account and
leaves the scheme open: the scheme is an :class:`AccountCodePolicy` (default
:class:`keyaccount.policies.SequentialAccountCodes`), and :func:`assign_account_code` gives a
customer the policy's next free code. No counter is kept: the host passes the codes already
taken.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime
from typing import Protocol, runtime_checkable

from keyaccount._errors import InvalidInput
from keyaccount._validation import require_day_in_years
from keyaccount.domain.customers.classification import CustomerCategory
from keyaccount.domain.customers.customer import Customer
from keyaccount.domain.customers.lifecycle import LifecycleStep
from keyaccount.domain.events import DomainEvent

__all__ = ["AccountCodePolicy", "assign_account_code"]


@runtime_checkable
class AccountCodePolicy(Protocol):
    """Gives an approved key account its unique code (SPEC §1; seed 003 第十一条).

    Default: :class:`keyaccount.policies.SequentialAccountCodes` (``"KA-{year}-{seq:05d}"``).
    Invariant: the code returned is non-blank and not in ``taken``; no counter is kept.
    """

    def code_for(
        self,
        *,
        approved_on: date,
        taken: Collection[str],
        category: CustomerCategory | None = None,
        counterpart_role: str = "customer",
    ) -> str:
        """A code not in ``taken`` for an account approved on ``approved_on``."""
        ...


def assign_account_code(
    customer: Customer, policy: AccountCodePolicy, *, taken: Collection[str], now: datetime
) -> tuple[Customer, tuple[DomainEvent, ...]]:
    """Give an approved customer the policy's next free code; it becomes active.

    Args:
        customer: an approved customer.
        policy: an :class:`AccountCodePolicy`.
        taken: every code already issued (a set).
        now: the caller's now.

    Returns:
        The active customer and its :class:`~keyaccount.AccountActivated` event.

    Raises:
        InvalidTransition: the customer is not approved.
        InvalidInput: ``customer`` is not a Customer, or an approved one without its
            ``approved_on`` day.

    >>> from datetime import date, datetime, timezone
    >>> from keyaccount import Contract, Customer
    >>> class Numbered:
    ...     def code_for(self, *, approved_on, taken, category=None, counterpart_role="customer"):
    ...         return f"N-{len(taken) + 1}"
    >>> contract = Contract(reference="S-1", signed_on=date(2025, 3, 28))
    >>> approved = Customer(account_id="C-1", name="Acme", category="regional",
    ...                     status="approved", approved_on=date(2025, 3, 28),
    ...                     supply_contract=contract,
    ...                     quality_contract=Contract(reference="Q-1", signed_on=date(2025, 3, 28)))
    >>> now = datetime(2025, 3, 31, 9, 0, tzinfo=timezone.utc)
    >>> active, (event,) = assign_account_code(approved, Numbered(), taken={"N-1"}, now=now)
    >>> active.status.value, active.account_code, event.occurred_at == now
    ('active', 'N-2', True)
    """
    if not isinstance(customer, Customer):
        raise InvalidInput(f"customer must be a Customer, got {customer!r}")
    if not isinstance(policy, AccountCodePolicy):
        raise InvalidInput(f"policy must be an AccountCodePolicy (code_for), got {policy!r}")
    customer.status_after(LifecycleStep.ASSIGN_CODE)
    # An approved customer always has its approval day (set by Customer.approve); a host that
    # builds one by hand without it gets the named error of require_day_in_years, not a crash.
    code = policy.code_for(
        approved_on=require_day_in_years(
            customer.approved_on, field=f"customer {customer.account_id!r} approved_on"
        ),
        taken=taken,
        category=customer.category,
        counterpart_role=customer.counterpart_role.value,
    )
    return customer.assign_code(code, now=now)
