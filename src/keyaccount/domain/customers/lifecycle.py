"""The lifecycle of a key account, from prospect to trading terminated (SPEC §2, seed 003).

Seed 003 (大客户开发选择 and 客户名册管理制度) describes the path a company takes with a new key
account: a prospect list, a general investigation (history, overview, last annual accounts,
catalogue), an on-site investigation, an application report, approval with the supply contract
and the quality-assurance contract signed together, a code, and then trading. A credit problem
found on the way stops the investigation and is reported upward. Trading accounts that stop
buying become dormant and need a reactivation plan; accounts that dissolve or stop trading are
archived marked "trading terminated" (交易终止).

:data:`TRANSITIONS` is the whole state machine: every step a
:class:`~keyaccount.Customer` can take, the states it may be taken from and the state it
leads to. Anything else is refused with :class:`~keyaccount.InvalidTransition`. The
:class:`~keyaccount.Customer` takes the steps; each returns its event
(:mod:`keyaccount.domain.customers.lifecycle_events`).

>>> TRANSITIONS[LifecycleStep.APPROVE].target
<AccountStatus.APPROVED: 'approved'>
>>> sorted(status.value for status in TRANSITIONS[LifecycleStep.TERMINATE].sources)
['active', 'approved', 'dormant', 'suspended']
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from types import MappingProxyType

import attrs

from keyaccount._validation import to_enum, to_items

__all__ = [
    "RELATIONSHIP_DISSOLVED",
    "TRADING_TERMINATED",
    "TRANSITIONS",
    "AccountStatus",
    "LifecycleStep",
    "Transition",
]

# seed 003 §客户名册管理制度 第九条: the files of accounts that left are marked 交易终止 (trading
# terminated) or 交易解除 (the relationship dissolved), by why they left.
TRADING_TERMINATED = "交易终止"
RELATIONSHIP_DISSOLVED = "交易解除"


class AccountStatus(enum.Enum):
    """Where a customer stands in the lifecycle (SPEC §2)."""

    PROSPECT = "prospect"
    GENERAL_INVESTIGATION = "general_investigation"
    ONSITE_INVESTIGATION = "onsite_investigation"
    APPLICATION = "application"
    APPROVED = "approved"
    ACTIVE = "active"
    DORMANT = "dormant"
    SUSPENDED = "suspended"
    TERMINATED = "terminated"

    @property
    def label_zh(self) -> str:
        """The Chinese name the seed documents use for the state."""
        return _STATUS_ZH[self]

    @property
    def on_roster(self) -> bool:
        """Whether the account is on the active roster (approved, trading or dormant)."""
        return self in _ROSTER


_STATUS_ZH = {
    AccountStatus.PROSPECT: "潜在大客户",
    AccountStatus.GENERAL_INVESTIGATION: "一般调查",
    AccountStatus.ONSITE_INVESTIGATION: "实地调查",
    AccountStatus.APPLICATION: "认定申请",
    AccountStatus.APPROVED: "已认定",
    AccountStatus.ACTIVE: "交易往来",
    AccountStatus.DORMANT: "休眠客户",
    AccountStatus.SUSPENDED: "中止调查",
    AccountStatus.TERMINATED: TRADING_TERMINATED,
}
_ROSTER = frozenset({AccountStatus.APPROVED, AccountStatus.ACTIVE, AccountStatus.DORMANT})


class LifecycleStep(enum.Enum):
    """A step of the lifecycle.

    The value is the name of the :class:`~keyaccount.Customer` method that takes it.
    """

    BEGIN_GENERAL_INVESTIGATION = "begin_general_investigation"
    BEGIN_ONSITE_INVESTIGATION = "begin_onsite_investigation"
    SUBMIT_APPLICATION = "submit_application"
    APPROVE = "approve"
    ASSIGN_CODE = "assign_code"
    RECORD_PURCHASE = "record_purchase"
    GO_DORMANT = "go_dormant"
    REACTIVATE = "reactivate"
    SUSPEND = "suspend"
    RESUME_INVESTIGATION = "resume_investigation"
    TERMINATE = "terminate"


# mypy's attrs plugin wants named converter functions, hence one per field.
def _sources(value: Iterable[AccountStatus | str]) -> frozenset[AccountStatus]:
    states = to_items(value, field="Transition.sources", expected="account states")
    return frozenset(
        to_enum(AccountStatus, state, field="a state in Transition.sources") for state in states
    )


def _target(value: AccountStatus | str) -> AccountStatus:
    if type(value) is AccountStatus:  # the plain case: one type check
        return value
    return to_enum(AccountStatus, value, field="Transition.target")


@attrs.frozen
class Transition:
    """The states a step may be taken from, and the state it leads to.

    Attributes:
        sources: the states in which the step is allowed.
        target: the state after the step.
    """

    sources: frozenset[AccountStatus] = attrs.field(converter=_sources)
    target: AccountStatus = attrs.field(converter=_target)


_S = AccountStatus
_INVESTIGATING = frozenset({_S.GENERAL_INVESTIGATION, _S.ONSITE_INVESTIGATION, _S.APPLICATION})

TRANSITIONS: Mapping[LifecycleStep, Transition] = MappingProxyType(
    {
        # seed 003 §大客户选择程序 第六条, 第七条: general, then on-site investigation.
        LifecycleStep.BEGIN_GENERAL_INVESTIGATION: Transition(
            frozenset({_S.PROSPECT}), _S.GENERAL_INVESTIGATION
        ),
        LifecycleStep.BEGIN_ONSITE_INVESTIGATION: Transition(
            frozenset({_S.GENERAL_INVESTIGATION}), _S.ONSITE_INVESTIGATION
        ),
        # seed 003 §开发选择认定 第八条: the application report follows the investigations.
        LifecycleStep.SUBMIT_APPLICATION: Transition(
            frozenset({_S.ONSITE_INVESTIGATION}), _S.APPLICATION
        ),
        # seed 003 §开发选择认定 第九条, 第十条: supply and quality contracts signed together.
        LifecycleStep.APPROVE: Transition(frozenset({_S.APPLICATION}), _S.APPROVED),
        # seed 003 §开发选择认定 第十一条: a code is set for the new key account.
        LifecycleStep.ASSIGN_CODE: Transition(frozenset({_S.APPROVED}), _S.ACTIVE),
        # A dormant account that buys again is trading again.
        LifecycleStep.RECORD_PURCHASE: Transition(frozenset({_S.ACTIVE, _S.DORMANT}), _S.ACTIVE),
        # seed 003 (大客户经理职责 6): dormant accounts need a reactivation plan.
        LifecycleStep.GO_DORMANT: Transition(frozenset({_S.ACTIVE}), _S.DORMANT),
        LifecycleStep.REACTIVATE: Transition(frozenset({_S.DORMANT}), _S.ACTIVE),
        # seed 003 §大客户开发实施 第十二条: a credit problem found while investigating is
        # reported upward and the investigation is suspended.
        LifecycleStep.SUSPEND: Transition(_INVESTIGATING, _S.SUSPENDED),
        # The credit problem cleared: the investigation starts over from the general one.
        LifecycleStep.RESUME_INVESTIGATION: Transition(
            frozenset({_S.SUSPENDED}), _S.GENERAL_INVESTIGATION
        ),
        # seed 003 §客户名册管理制度 第八条, 第九条: dissolved or no longer trading.
        LifecycleStep.TERMINATE: Transition(
            frozenset({_S.APPROVED, _S.ACTIVE, _S.DORMANT, _S.SUSPENDED}), _S.TERMINATED
        ),
    }
)
del _S
