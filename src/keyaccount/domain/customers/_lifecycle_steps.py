"""The lifecycle steps a customer takes, one method each (SPEC §2; seed 003).

:class:`LifecycleSteps` is the part of :class:`~keyaccount.Customer` that moves it through
:data:`~keyaccount.TRANSITIONS`: the customer inherits these methods, so each is called on the
customer (``customer.approve(...)``) and returns the new customer and the step's event. They
live apart from the file's fields only to keep each module to one concern: the customer file
(:mod:`keyaccount.domain.customers.customer`) and the steps of its lifecycle (here).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Self, cast

import attrs

from keyaccount._errors import InvalidInput, InvalidTransition
from keyaccount._validation import (
    require_count,
    require_day_in_years,
    require_instant_in_years,
    require_non_empty,
    to_enum,
)
from keyaccount.domain.customers.contracts import ApplicationReport, Contract
from keyaccount.domain.customers.lifecycle import TRANSITIONS, AccountStatus, LifecycleStep
from keyaccount.domain.customers.lifecycle_events import (
    AccountActivated,
    AccountApproved,
    AccountReactivated,
    AccountWentDormant,
    ApplicationSubmitted,
    GeneralInvestigationStarted,
    InvestigationResumed,
    InvestigationSuspended,
    OnsiteInvestigationStarted,
    PurchaseRecorded,
)
from keyaccount.domain.customers.selection import SelectionVerdict
from keyaccount.domain.events import DomainEvent

__all__ = ["LifecycleSteps"]


class LifecycleSteps:
    """The lifecycle steps of :class:`~keyaccount.Customer` (a base class it inherits).

    Holds no state of its own (empty ``__slots__``): it reads and changes the customer's
    ``status`` and the fields the steps set.
    """

    __slots__ = ()

    # The customer fields the steps read (declared for the type checker; Customer has them).
    account_id: str
    status: AccountStatus
    activated_on: date | None
    last_purchase_on: date | None

    def _evolve(self, **changes: Any) -> Self:
        # attrs.evolve works on the attrs class that inherits these steps (Customer); the
        # type checker cannot see that this base class is only ever used that way.
        changed: Self = attrs.evolve(cast(Any, self), **changes)
        return changed

    def status_after(self, step: LifecycleStep) -> AccountStatus:
        """The state ``step`` would lead to, if the lifecycle allows it from the current one.

        A host can ask before it collects what the step needs (a code, contracts).

        Raises:
            InvalidTransition: the step is not allowed from the current state; the message
                names the state, the step and the states it is allowed from.

        >>> from keyaccount import Customer
        >>> prospect = Customer(account_id="C-1", name="Acme", category="regional")
        >>> prospect.status_after(LifecycleStep.BEGIN_GENERAL_INVESTIGATION).value
        'general_investigation'
        >>> prospect.status_after(LifecycleStep.ASSIGN_CODE)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        keyaccount.InvalidTransition: customer 'C-1' is prospect; cannot assign_code (allowed ...
        """
        if type(step) is not LifecycleStep:
            step = to_enum(LifecycleStep, step, field="step")
        transition = TRANSITIONS[step]
        if self.status not in transition.sources:
            allowed = sorted(status.value for status in transition.sources)
            raise InvalidTransition(
                f"customer {self.account_id!r} is {self.status.value}; cannot {step.value} "
                f"(allowed only from {allowed})"
            )
        return transition.target

    def _common(self, step: LifecycleStep, now: datetime) -> dict[str, Any]:
        after = self.status_after(step)
        require_instant_in_years(now, field="now")
        return {
            "occurred_at": now,
            "account_id": self.account_id,
            "step": step,
            "from_status": self.status,
            "to_status": after,
        }

    def begin_general_investigation(
        self, *, now: datetime
    ) -> tuple[Self, tuple[DomainEvent, ...]]:
        """Start the general investigation of a prospect (seed 003 第六条).

        Raises:
            InvalidTransition: the customer is not a prospect.
        """
        common = self._common(LifecycleStep.BEGIN_GENERAL_INVESTIGATION, now)
        return (
            self._evolve(status=common["to_status"]),
            (GeneralInvestigationStarted(**common),),
        )

    def begin_onsite_investigation(
        self, *, now: datetime
    ) -> tuple[Self, tuple[DomainEvent, ...]]:
        """Start the on-site investigation after the general one (seed 003 第七条).

        Raises:
            InvalidTransition: the general investigation is not under way.
        """
        common = self._common(LifecycleStep.BEGIN_ONSITE_INVESTIGATION, now)
        return (
            self._evolve(status=common["to_status"]),
            (OnsiteInvestigationStarted(**common),),
        )

    def submit_application(
        self, report: ApplicationReport, *, now: datetime
    ) -> tuple[Self, tuple[DomainEvent, ...]]:
        """File the application report after the on-site investigation (seed 003 第八条).

        Raises:
            InvalidTransition: the on-site investigation is not under way.
            InvalidInput: ``report`` is not an :class:`ApplicationReport`.
        """
        common = self._common(LifecycleStep.SUBMIT_APPLICATION, now)
        if not isinstance(report, ApplicationReport):
            raise InvalidInput(f"report must be an ApplicationReport, got {report!r}")
        return (
            self._evolve(status=common["to_status"], application=report),
            (ApplicationSubmitted(**common, reasons=report.reasons),),
        )

    def approve(
        self,
        *,
        supply_contract: Contract,
        quality_contract: Contract,
        approved_by: str,
        verdict: SelectionVerdict,
        now: datetime,
    ) -> tuple[Self, tuple[DomainEvent, ...]]:
        """Approve the application; both contracts are recorded together (第九条, 第十条).

        The approval needs the verdict of a selection policy on this account that refuses
        nothing (seed 003 开发 第二-五条); :func:`~keyaccount.approve_account` judges and
        approves in one call. The event names the approver and carries the verdict's flags.

        Raises:
            InvalidTransition: no application is pending, or the verdict refuses (its reasons
                are in the message).
            InvalidInput: a contract is missing, both carry the same reference, one is
                signed after ``now``, the approver is blank, or the verdict is about another
                account.
        """
        common = self._common(LifecycleStep.APPROVE, now)
        require_non_empty(approved_by, field="approved_by")
        for field, contract in (
            ("supply_contract", supply_contract),
            ("quality_contract", quality_contract),
        ):
            if not isinstance(contract, Contract):
                raise InvalidInput(
                    f"{field} must be a Contract: approval records the supply and the "
                    f"quality-assurance contract together (seed 003 第十条), got {contract!r}"
                )
            if contract.signed_on > now.date():
                raise InvalidInput(
                    f"{field}.signed_on {contract.signed_on} is after now ({now.isoformat()}); "
                    f"a contract on file has been signed"
                )
        if supply_contract.reference == quality_contract.reference:
            raise InvalidInput(
                f"supply_contract and quality_contract must be two contracts, both are "
                f"{supply_contract.reference!r}"
            )
        if not isinstance(verdict, SelectionVerdict):
            raise InvalidInput(f"verdict must be a SelectionVerdict, got {verdict!r}")
        if verdict.account_id != self.account_id:
            raise InvalidInput(
                f"verdict is about customer {verdict.account_id!r}, not {self.account_id!r}"
            )
        if verdict.refusals:
            raise InvalidTransition(
                f"approval of customer {self.account_id!r} refused by the selection rules "
                f"(seed 003 开发 第二-五条): {'; '.join(verdict.refusals)}"
            )
        customer = self._evolve(
            status=common["to_status"],
            supply_contract=supply_contract,
            quality_contract=quality_contract,
            approved_on=now.date(),
        )
        event = AccountApproved(
            **common,
            supply_contract=supply_contract.reference,
            quality_contract=quality_contract.reference,
            approved_by=approved_by,
            flags=verdict.flags,
        )
        return customer, (event,)

    def assign_code(self, code: str, *, now: datetime) -> tuple[Self, tuple[DomainEvent, ...]]:
        """Give the approved account its code; it becomes active (seed 003 第十一条).

        The code usually comes from an account-code policy through
        :func:`~keyaccount.assign_account_code`, which makes it unique.

        Raises:
            InvalidTransition: the account is not approved.
            InvalidInput: the code is blank.
        """
        common = self._common(LifecycleStep.ASSIGN_CODE, now)
        require_non_empty(code, field="account code")
        customer = self._evolve(
            status=common["to_status"], account_code=code, activated_on=now.date()
        )
        return customer, (AccountActivated(**common, account_code=code),)

    def record_purchase(
        self, *, on: date, now: datetime
    ) -> tuple[Self, tuple[DomainEvent, ...]]:
        """Record a purchase; a dormant account that buys is active again.

        ``last_purchase_on`` only moves forward: a late entry of an older purchase keeps the
        latest day.

        Raises:
            InvalidTransition: the account is neither active nor dormant.
            InvalidInput: ``on`` is not a date, or is after ``now``'s day; or the account is
                dormant and ``on`` is not after its last purchase (or activation): a late entry
                of a purchase that was already counted cannot end the dormancy.
        """
        common = self._common(LifecycleStep.RECORD_PURCHASE, now)
        require_day_in_years(on, field="purchase day (on)")
        if on > now.date():
            raise InvalidInput(f"purchase day (on) {on} is after now ({now.isoformat()})")
        if self.status is AccountStatus.DORMANT:
            known = [day for day in (self.last_purchase_on, self.activated_on) if day]
            if known and on <= max(known):
                raise InvalidInput(
                    f"purchase day (on) {on} on dormant customer {self.account_id!r} must be after "
                    f"its last purchase or activation ({max(known)}) to end the dormancy"
                )
        latest = on if self.last_purchase_on is None else max(on, self.last_purchase_on)
        changes: dict[str, Any] = {"status": common["to_status"], "last_purchase_on": latest}
        events: tuple[DomainEvent, ...] = (PurchaseRecorded(**common, purchased_on=on),)
        if self.status is AccountStatus.DORMANT:
            changes["activated_on"] = now.date()
            events += (AccountReactivated(**common, reason=f"purchase on {on.isoformat()}"),)
        return self._evolve(**changes), events

    def go_dormant(
        self, *, now: datetime, days_without_purchase: int
    ) -> tuple[Self, tuple[DomainEvent, ...]]:
        """Mark an active account dormant; a dormancy policy decides when (SPEC §2).

        Args:
            now: the caller's now.
            days_without_purchase: the days the policy counted, carried by the event.

        Raises:
            InvalidTransition: the account is not active.
        """
        common = self._common(LifecycleStep.GO_DORMANT, now)
        require_count(days_without_purchase, field="days_without_purchase")
        event = AccountWentDormant(
            **common,
            last_purchase_on=self.last_purchase_on,
            days_without_purchase=days_without_purchase,
        )
        return self._evolve(status=common["to_status"]), (event,)

    def reactivate(self, *, plan: str, now: datetime) -> tuple[Self, tuple[DomainEvent, ...]]:
        """Bring a dormant account back under its reactivation plan (seed 003, 休眠客户).

        Raises:
            InvalidTransition: the account is not dormant.
            InvalidInput: the plan is blank.
        """
        common = self._common(LifecycleStep.REACTIVATE, now)
        require_non_empty(plan, field="reactivation plan")
        customer = self._evolve(status=common["to_status"], activated_on=now.date())
        return customer, (AccountReactivated(**common, reason=plan),)

    def suspend(
        self, *, reason: str, reported_to: str, now: datetime
    ) -> tuple[Self, tuple[DomainEvent, ...]]:
        """Suspend the investigation over a credit problem (seed 003 开发细则 第十二条).

        The key-account manager who finds a credit problem reports it to their superior and
        asks to suspend the investigation and the talks; the event records to whom.

        Args:
            reason: the credit problem found.
            reported_to: the superior it was reported to.
            now: the caller's now.

        Raises:
            InvalidTransition: no investigation or application is under way.
            InvalidInput: the reason or ``reported_to`` is blank.
        """
        common = self._common(LifecycleStep.SUSPEND, now)
        require_non_empty(reason, field="suspension reason")
        require_non_empty(reported_to, field="reported_to")
        return (
            self._evolve(status=common["to_status"]),
            (InvestigationSuspended(**common, reason=reason, reported_to=reported_to),),
        )

    def resume_investigation(self, *, now: datetime) -> tuple[Self, tuple[DomainEvent, ...]]:
        """Start a suspended investigation over, from the general investigation.

        Raises:
            InvalidTransition: the account is not suspended.
        """
        common = self._common(LifecycleStep.RESUME_INVESTIGATION, now)
        return self._evolve(status=common["to_status"]), (InvestigationResumed(**common),)
