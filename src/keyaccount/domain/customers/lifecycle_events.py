"""The events of the lifecycle: one per step a customer takes (SPEC §2, §10; seed 003).

Each carries the step, the states before and after it, and the caller's ``now``; the
:class:`~keyaccount.Customer` method that takes a step returns its event.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import attrs

from keyaccount._validation import (
    COUNT_LIMIT,
    a_date,
    count,
    non_empty,
    optional_date,
    optional_non_empty,
    require_non_empty,
    to_enum,
    to_items,
)
from keyaccount.domain.customers.archive import DepartureReason
from keyaccount.domain.customers.lifecycle import (
    TRADING_TERMINATED,
    AccountStatus,
    LifecycleStep,
)
from keyaccount.domain.events import DomainEvent

__all__ = [
    "AccountActivated",
    "AccountApproved",
    "AccountReactivated",
    "AccountWentDormant",
    "ApplicationSubmitted",
    "GeneralInvestigationStarted",
    "InvestigationResumed",
    "InvestigationSuspended",
    "LifecycleEvent",
    "OnsiteInvestigationStarted",
    "PurchaseRecorded",
    "TradingTerminated",
]


# mypy's attrs plugin wants named converter functions, hence one per field.
def _step(value: LifecycleStep | str) -> LifecycleStep:
    if type(value) is LifecycleStep:  # the plain case: one type check
        return value
    return to_enum(LifecycleStep, value, field="LifecycleEvent.step")


def _from_status(value: AccountStatus | str) -> AccountStatus:
    if type(value) is AccountStatus:  # the plain case: one type check
        return value
    return to_enum(AccountStatus, value, field="LifecycleEvent.from_status")


def _to_status(value: AccountStatus | str) -> AccountStatus:
    if type(value) is AccountStatus:  # the plain case: one type check
        return value
    return to_enum(AccountStatus, value, field="LifecycleEvent.to_status")


def _departure(value: DepartureReason | str | None) -> DepartureReason | None:
    if value is None or type(value) is DepartureReason:
        return value
    return to_enum(DepartureReason, value, field="TradingTerminated.departure")


def _flags(value: Iterable[str]) -> tuple[str, ...]:
    flags = to_items(value, field="AccountApproved.flags", expected="reasons")
    for flag in flags:
        require_non_empty(flag, field="a flag in AccountApproved.flags")
    return flags


@attrs.frozen(kw_only=True)
class LifecycleEvent(DomainEvent):
    """A customer took a lifecycle step.

    Attributes:
        account_id: the customer's id.
        step: the step taken.
        from_status: the state before the step.
        to_status: the state after it.
    """

    account_id: str = attrs.field(validator=non_empty)
    step: LifecycleStep = attrs.field(converter=_step)
    from_status: AccountStatus = attrs.field(converter=_from_status)
    to_status: AccountStatus = attrs.field(converter=_to_status)


@attrs.frozen(kw_only=True)
class GeneralInvestigationStarted(LifecycleEvent):
    """A prospect's general investigation began (seed 003 第六条)."""


@attrs.frozen(kw_only=True)
class OnsiteInvestigationStarted(LifecycleEvent):
    """The on-site investigation with technical, design and quality staff began (第七条)."""


@attrs.frozen(kw_only=True)
class ApplicationSubmitted(LifecycleEvent):
    """The application report was submitted for approval (seed 003 第八条).

    Attributes:
        reasons: why the company wants to trade with the account.
    """

    reasons: str = attrs.field(validator=non_empty)


@attrs.frozen(kw_only=True)
class AccountApproved(LifecycleEvent):
    """The account was approved; both contracts are on file (seed 003 第九条, 第十条).

    Attributes:
        supply_contract: reference of the supply contract.
        quality_contract: reference of the quality-assurance contract.
        approved_by: who approved.
        flags: what the selection policy flagged without refusing (seed 003 开发 第二-五条).
    """

    supply_contract: str = attrs.field(validator=non_empty)
    quality_contract: str = attrs.field(validator=non_empty)
    approved_by: str | None = attrs.field(default=None, validator=optional_non_empty)
    flags: tuple[str, ...] = attrs.field(default=(), converter=_flags)


@attrs.frozen(kw_only=True)
class AccountActivated(LifecycleEvent):
    """The approved account got its code and is trading (seed 003 第十一条, 第十二条).

    The host tells the relevant departments and files the account's documents (第十二条).

    Attributes:
        account_code: the code assigned.
    """

    account_code: str = attrs.field(validator=non_empty)


@attrs.frozen(kw_only=True)
class PurchaseRecorded(LifecycleEvent):
    """A purchase was recorded; ``to_status`` is active even if the account was dormant.

    Attributes:
        purchased_on: the day of the purchase.
    """

    purchased_on: date = attrs.field(validator=a_date)


@attrs.frozen(kw_only=True)
class AccountWentDormant(LifecycleEvent):
    """An active account has not bought for too long (SPEC §2; seed 003 休眠客户).

    The host draws up a reactivation plan.

    Attributes:
        last_purchase_on: the last purchase, or ``None`` if it never bought.
        days_without_purchase: the days counted by the dormancy policy.
    """

    last_purchase_on: date | None = attrs.field(validator=optional_date)
    days_without_purchase: int = attrs.field(validator=count(maximum=COUNT_LIMIT))


@attrs.frozen(kw_only=True)
class AccountReactivated(LifecycleEvent):
    """A dormant account is trading again.

    Attributes:
        reason: the reactivation plan, or the purchase that ended the dormancy.
    """

    reason: str = attrs.field(validator=non_empty)


@attrs.frozen(kw_only=True)
class InvestigationSuspended(LifecycleEvent):
    """A credit problem stopped the investigation, reported upward (seed 003 开发细则 第十二条).

    Attributes:
        reason: the credit problem found.
        reported_to: the superior it was reported to.
    """

    reason: str = attrs.field(validator=non_empty)
    reported_to: str | None = attrs.field(default=None, validator=optional_non_empty)


@attrs.frozen(kw_only=True)
class InvestigationResumed(LifecycleEvent):
    """A suspended investigation starts over with the general investigation."""


@attrs.frozen(kw_only=True)
class TradingTerminated(LifecycleEvent):
    """The account left the roster; its file is archived with its mark (seed 003 名册 第九条).

    Attributes:
        reason: why trading ended, in words.
        archive_mark: the mark on the archived file, ``"交易终止"`` or ``"交易解除"``; ``None``
            for a prospect that never traded.
        departure: why the account left, when given.
    """

    reason: str = attrs.field(validator=non_empty)
    archive_mark: str | None = attrs.field(default=TRADING_TERMINATED, validator=optional_non_empty)
    departure: DepartureReason | None = attrs.field(default=None, converter=_departure)
