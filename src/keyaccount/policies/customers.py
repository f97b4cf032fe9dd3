"""Account codes and dormancy: the customer-file policies of the lifecycle (SPEC §1-2).

- :class:`SequentialAccountCodes` gives an approved key account a unique code
  (seed 003 §开发选择认定 第十一条: 设定大客户代码). The scheme is a policy; a host may plug its
  own :class:`~keyaccount.policies.AccountCodePolicy`.
- :class:`DaysWithoutPurchase` tells which active accounts are dormant (休眠客户, seed 003)
  at a given ``now``: *default* 180 days without a purchase (SPEC §2).
- :func:`apply_grading` puts a grading's tiers on the customer files (SPEC §5d).

Neither keeps a counter or reads a clock: the host passes the codes already taken and ``now``.

>>> from datetime import date
>>> SequentialAccountCodes().code_for(approved_on=date(2025, 4, 1), taken={"KA-2025-00001"})
'KA-2025-00002'
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import attrs

from keyaccount._errors import InvalidInput, PolicyConfigError
from keyaccount._validation import (
    check_settings_keys,
    require_aware,
    require_date,
    require_non_empty,
)
from keyaccount.domain.customers import Customer, CustomerCategory
from keyaccount.domain.events import DomainEvent
from keyaccount.domain.lifecycle import AccountStatus, LifecycleStep
from keyaccount.domain.tiers import Tier

if TYPE_CHECKING:
    from keyaccount.policies._protocols import AccountCodePolicy, DormancyPolicy

__all__ = [
    "DEFAULT_ACCOUNT_CODE_PATTERN",
    "DEFAULT_DORMANCY_DAYS",
    "DaysWithoutPurchase",
    "SequentialAccountCodes",
    "apply_dormancy",
    "apply_grading",
    "assign_account_code",
]

# seed 003 第十一条 asks for a code per approved key account and leaves the scheme open; this
# is our default: year of approval and a five-digit sequence within it.
DEFAULT_ACCOUNT_CODE_PATTERN = "KA-{year}-{seq:05d}"

# SPEC §2 *default* (seed 003 names dormant accounts, 休眠客户, without a number).
DEFAULT_DORMANCY_DAYS = 180


def _format(
    pattern: str,
    *,
    seq: int,
    approved_on: date,
    category: CustomerCategory | None,
    counterpart_role: str,
) -> str:
    return pattern.format(
        year=approved_on.year,
        month=approved_on.month,
        seq=seq,
        category=category.value if category is not None else "",
        role=counterpart_role,
    )


def _check_pattern(_instance: object, _attribute: object, pattern: str) -> None:
    if not isinstance(pattern, str) or "{seq" not in pattern:
        raise PolicyConfigError(
            f"account code pattern must be a string with a {{seq}} placeholder, got {pattern!r}"
        )
    try:
        sample = [
            _format(
                pattern,
                seq=seq,
                approved_on=date(2025, 1, 1),
                category=CustomerCategory.INDUSTRY,
                counterpart_role="customer",
            )
            for seq in (1, 2)
        ]
    except (KeyError, IndexError, ValueError) as error:
        raise PolicyConfigError(
            f"account code pattern {pattern!r} cannot be formatted ({error!r}); placeholders "
            f"are {{year}}, {{month}}, {{seq}}, {{category}}, {{role}}"
        ) from None
    if sample[0] == sample[1] or not sample[0].strip():
        raise PolicyConfigError(
            f"account code pattern {pattern!r} must give a different, non-blank code for each "
            f"sequence number, got {sample}"
        )


def _check_start(_instance: object, _attribute: object, start: int) -> None:
    if isinstance(start, bool) or not isinstance(start, int) or start < 0:
        raise PolicyConfigError(f"account code start must be an int >= 0, got {start!r}")


@attrs.frozen
class SequentialAccountCodes:
    """Codes from a pattern and the lowest sequence number whose code is not yet taken.

    Attributes:
        pattern: a :meth:`str.format` pattern with ``{seq}`` and optionally ``{year}``,
            ``{month}`` (of the approval day), ``{category}`` and ``{role}`` (the customer's
            category and counterpart role values). Default ``"KA-{year}-{seq:05d}"``.
        start: the first sequence number tried. Default 1.

    Uniqueness holds against ``taken``: pass every code ever issued, archived (交易终止)
    accounts' included, so no code is reused. Cost: O(k) look-ups in ``taken`` for the k-th
    free number; pass a set.

    >>> from datetime import date
    >>> codes = SequentialAccountCodes.from_mapping({"pattern": "{role}-{year}{seq:04d}"})
    >>> codes.code_for(approved_on=date(2026, 1, 5), taken=(), counterpart_role="supplier")
    'supplier-20260001'
    """

    pattern: str = attrs.field(default=DEFAULT_ACCOUNT_CODE_PATTERN, validator=_check_pattern)
    start: int = attrs.field(default=1, validator=_check_start)

    @classmethod
    def from_mapping(cls, settings: Mapping[str, Any]) -> SequentialAccountCodes:
        """Build from host settings ``{"pattern": str, "start": int}`` (both optional).

        Raises:
            PolicyConfigError: an unknown key, a pattern without ``{seq}`` or that cannot be
                formatted, a negative start.
        """
        check_settings_keys(settings, allowed={"pattern", "start"}, policy="account codes")
        return cls(**settings)

    def code_for(
        self,
        *,
        approved_on: date,
        taken: Collection[str],
        category: CustomerCategory | None = None,
        counterpart_role: str = "customer",
    ) -> str:
        """The first code of the scheme that is not in ``taken``.

        Args:
            approved_on: the day the account was approved.
            taken: every code already issued.
            category: the customer's category, for patterns that use ``{category}``.
            counterpart_role: the counterpart role's value, for patterns that use ``{role}``.

        Raises:
            InvalidInput: ``approved_on`` is not a date.
        """
        require_date(approved_on, field="approved_on")
        # At most len(taken) numbers can be taken, so one of the next len(taken) + 1 is free
        # (the pattern gives a different code for each number, checked at construction).
        for seq in range(self.start, self.start + len(taken) + 1):
            code = _format(
                self.pattern,
                seq=seq,
                approved_on=approved_on,
                category=category,
                counterpart_role=counterpart_role,
            )
            if code not in taken:
                return code
        raise PolicyConfigError(  # pragma: no cover - the pattern check makes this unreachable
            f"account code pattern {self.pattern!r} found no free code"
        )


def assign_account_code(
    customer: Customer, policy: AccountCodePolicy, *, taken: Collection[str], now: datetime
) -> tuple[Customer, tuple[DomainEvent, ...]]:
    """Give an approved customer the policy's next free code; it becomes active.

    Args:
        customer: an approved customer.
        policy: an :class:`~keyaccount.policies.AccountCodePolicy`.
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
    >>> contract = Contract(reference="S-1", signed_on=date(2025, 3, 28))
    >>> approved = Customer(account_id="C-1", name="Acme", category="regional",
    ...                     status="approved", approved_on=date(2025, 3, 28),
    ...                     supply_contract=contract,
    ...                     quality_contract=Contract(reference="Q-1", signed_on=date(2025, 3, 28)))
    >>> now = datetime(2025, 3, 31, 9, 0, tzinfo=timezone.utc)
    >>> active, (event,) = assign_account_code(approved, SequentialAccountCodes(),
    ...                                        taken={"KA-2025-00001"}, now=now)
    >>> active.status.value, active.account_code, event.occurred_at == now
    ('active', 'KA-2025-00002', True)
    """
    if not isinstance(customer, Customer):
        raise InvalidInput(f"customer must be a Customer, got {customer!r}")
    customer.status_after(LifecycleStep.ASSIGN_CODE)
    # An approved customer always has its approval day (set by Customer.approve); a host that
    # builds one by hand without it gets the named error of require_date, not a crash.
    code = policy.code_for(
        approved_on=require_date(
            customer.approved_on, field=f"customer {customer.account_id!r} approved_on"
        ),
        taken=taken,
        category=customer.category,
        counterpart_role=customer.counterpart_role.value,
    )
    return customer.assign_code(code, now=now)


def _check_days(_instance: object, _attribute: object, days: int) -> None:
    if isinstance(days, bool) or not isinstance(days, int) or days < 1:
        raise PolicyConfigError(f"dormancy days must be an int >= 1, got {days!r}")


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

    days: int = attrs.field(default=DEFAULT_DORMANCY_DAYS, validator=_check_days)

    @classmethod
    def from_mapping(cls, settings: Mapping[str, Any]) -> DaysWithoutPurchase:
        """Build from host settings ``{"days": int}``.

        Raises:
            PolicyConfigError: an unknown key, or days not an int >= 1.
        """
        check_settings_keys(settings, allowed={"days"}, policy="dormancy")
        return cls(**settings)

    def days_without_purchase(self, customer: Customer, *, now: datetime) -> int | None:
        """Days since the account last bought or started trading; ``None`` if not judged."""
        require_aware(now, field="now")
        if customer.status is not AccountStatus.ACTIVE:
            return None
        known = [day for day in (customer.last_purchase_on, customer.activated_on) if day]
        if not known:
            return None
        return (now.date() - max(known)).days

    def is_dormant(self, customer: Customer, *, now: datetime) -> bool:
        """Whether the active account should now be dormant."""
        days = self.days_without_purchase(customer, now=now)
        return days is not None and days >= self.days

    def dormant_accounts(
        self, customers: Iterable[Customer], *, now: datetime
    ) -> tuple[Customer, ...]:
        """The active accounts that are dormant at ``now``, in input order."""
        require_aware(now, field="now")
        return tuple(customer for customer in customers if self.is_dormant(customer, now=now))

    def apply(
        self, customers: Iterable[Customer], *, now: datetime
    ) -> tuple[tuple[Customer, ...], tuple[DomainEvent, ...]]:
        """Mark dormant accounts dormant; see :func:`apply_dormancy`."""
        return apply_dormancy(customers, self, now=now)


def apply_dormancy(
    customers: Iterable[Customer], policy: DormancyPolicy, *, now: datetime
) -> tuple[tuple[Customer, ...], tuple[DomainEvent, ...]]:
    """Mark every account the policy finds dormant at ``now`` as dormant.

    Args:
        customers: the portfolio.
        policy: a :class:`~keyaccount.policies.DormancyPolicy`.
        now: the caller's now.

    Returns:
        The whole portfolio in input order (dormant accounts replaced), and one
        :class:`~keyaccount.AccountWentDormant` event per account that went dormant.

    >>> from datetime import date, datetime, timezone
    >>> from keyaccount import Contract, Customer
    >>> contract = Contract(reference="S-1", signed_on=date(2024, 1, 2))
    >>> idle = Customer(account_id="C-1", name="Acme", category="regional", status="active",
    ...                 account_code="KA-2024-00001", supply_contract=contract,
    ...                 quality_contract=Contract(reference="Q-1", signed_on=date(2024, 1, 2)),
    ...                 activated_on=date(2024, 1, 3), last_purchase_on=date(2025, 1, 10))
    >>> now = datetime(2025, 7, 9, 8, 0, tzinfo=timezone.utc)
    >>> (after,), (event,) = apply_dormancy([idle], DaysWithoutPurchase(), now=now)
    >>> after.status.value, event.days_without_purchase
    ('dormant', 180)
    """
    require_aware(now, field="now")
    portfolio: list[Customer] = []
    events: list[DomainEvent] = []
    for customer in customers:
        if not isinstance(customer, Customer):
            raise InvalidInput(f"customers must hold Customer values, got {customer!r}")
        if policy.is_dormant(customer, now=now):
            days = policy.days_without_purchase(customer, now=now)
            customer, caused = customer.go_dormant(now=now, days_without_purchase=days or 0)
            events.extend(caused)
        portfolio.append(customer)
    return tuple(portfolio), tuple(events)


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
    keyaccount.InvalidInput: the grading names accounts not in the portfolio: ['C-9']
    """
    require_aware(now, field="now")
    # checked before any customer: a bad reason is refused even when no tier changes
    require_non_empty(reason, field="regrade reason")
    if effective_on is not None:
        require_date(effective_on, field="effective_on")
    graded = _grading_tiers(tiers)
    portfolio = tuple(customers)
    seen: set[str] = set()
    for customer in portfolio:
        if not isinstance(customer, Customer):
            raise InvalidInput(f"customers must hold Customer values, got {customer!r}")
        if customer.account_id in seen:
            raise InvalidInput(f"customer {customer.account_id!r} is given twice to grade")
        seen.add(customer.account_id)
    unknown = sorted(set(graded) - seen)
    if unknown:
        raise InvalidInput(f"the grading names accounts not in the portfolio: {unknown}")
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
