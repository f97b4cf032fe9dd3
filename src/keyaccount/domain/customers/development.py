"""The selection of a new key account at approval (seed 003 开发选择制度 第二-五条, 第九条, 第十条).

Seed 003 selects only accounts with a sound business, strong finances and good credit (第二条),
a cooperative attitude (第三条), that keep business and technical secrets (第四条) and whose
costs meet the company's requirements (第五条); the supply contract and the quality-assurance
contract are signed together (第九条, 第十条). Which finding refuses an approval and which only
flags it is a company's rule, a :class:`SelectionPolicy` (default
:class:`keyaccount.policies.SelectionRules`); :func:`approve_account` applies it and approves.

>>> from datetime import date, datetime, timezone
>>> from keyaccount import Contract, Customer, SelectionFindings, SelectionVerdict
>>> class CreditOnly:
...     def judge(self, customer, *, findings, supply_contract, quality_contract):
...         bad = customer.credit_rating == "失信被执行人"
...         return SelectionVerdict(account_id=customer.account_id,
...                                 refusals=("credit: 失信被执行人",) if bad else ())
>>> applying = Customer(account_id="C-1", name="Acme", category="regional",
...                     status="application", credit_rating="失信被执行人")
>>> approve_account(applying, CreditOnly(), findings=SelectionFindings(),  # doctest: +ELLIPSIS
...                 supply_contract=Contract(reference="S-1", signed_on=date(2025, 3, 3)),
...                 quality_contract=Contract(reference="Q-1", signed_on=date(2025, 3, 3)),
...                 approved_by="gao", now=datetime(2025, 3, 4, tzinfo=timezone.utc))
Traceback (most recent call last):
...
keyaccount.InvalidTransition: approval of customer 'C-1' refused ...: credit: 失信被执行人
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol, runtime_checkable

from keyaccount._errors import InvalidInput
from keyaccount.domain.customers.contracts import Contract
from keyaccount.domain.customers.customer import Customer
from keyaccount.domain.customers.selection import SelectionFindings, SelectionVerdict
from keyaccount.domain.events import DomainEvent

__all__ = ["SelectionPolicy", "approve_account"]

#: The credit rating every selection policy refuses (SelectionPolicy's invariant; seed 003 开发
#: 第二条: 较好的信用; SPEC §2: a credit problem found stops the process).
_JUDGMENT_DEFAULTER = "失信被执行人"


@runtime_checkable
class SelectionPolicy(Protocol):
    """Decides whether an account may be approved, refusing or flagging with reasons.

    Default: :class:`keyaccount.policies.SelectionRules` (seed 003 开发 第二-五条, 第九条,
    第十条). Invariant: the verdict names the account judged; an account rated as a judgment
    defaulter (失信被执行人) is refused.
    """

    def judge(
        self,
        customer: Customer,
        *,
        findings: SelectionFindings,
        supply_contract: Contract,
        quality_contract: Contract,
    ) -> SelectionVerdict:
        """The verdict on approving ``customer`` with these findings and contracts."""
        ...


def approve_account(
    customer: Customer,
    policy: SelectionPolicy,
    *,
    findings: SelectionFindings,
    supply_contract: Contract,
    quality_contract: Contract,
    approved_by: str,
    now: datetime,
) -> tuple[Customer, tuple[DomainEvent, ...]]:
    """Judge ``customer`` under ``policy`` and approve it if nothing refuses it.

    The same as ``customer.approve(...)`` with the verdict ``policy`` gives: the
    :class:`~keyaccount.AccountApproved` event names the approver and carries the flags.

    Raises:
        InvalidTransition: the policy refuses (the message gives its reasons), or no
            application is pending.
        InvalidInput: a bad argument, a contract signed after ``now``, or a verdict about
            another account.
    """
    if not callable(getattr(policy, "judge", None)):
        raise InvalidInput(f"policy must be a SelectionPolicy (judge), got {policy!r}")
    if not isinstance(customer, Customer):
        raise InvalidInput(f"customer must be a Customer, got {customer!r}")
    if not isinstance(findings, SelectionFindings):
        raise InvalidInput(f"findings must be SelectionFindings, got {findings!r}")
    for field, contract in (("supply_contract", supply_contract),
                            ("quality_contract", quality_contract)):
        if not isinstance(contract, Contract):
            raise InvalidInput(f"{field} must be a Contract, got {contract!r}")
    verdict = policy.judge(customer, findings=findings, supply_contract=supply_contract,
                           quality_contract=quality_contract)
    if not isinstance(verdict, SelectionVerdict):
        raise InvalidInput(
            f"{type(policy).__name__}.judge must return a SelectionVerdict, got {verdict!r}"
        )
    return customer.approve(
        supply_contract=supply_contract, quality_contract=quality_contract,
        approved_by=approved_by, verdict=verdict, now=now,
    )
