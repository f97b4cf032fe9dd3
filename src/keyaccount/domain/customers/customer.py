"""The customer file (客户档案) of a key account, and the changes it goes through (SPEC §1-3).

A :class:`Customer` is a frozen value: its standard file fields (seeds 002, 003, 004), its
contacts at several levels, its append-only process records, who covers it, and where it stands
in the lifecycle (:mod:`keyaccount.domain.customers.lifecycle`). Every change is a method that
returns the new customer and the events it caused; the customer it was called on is never
changed. The lifecycle steps are inherited from
:class:`~keyaccount.domain.customers._lifecycle_steps.LifecycleSteps`.

>>> from datetime import datetime, timezone
>>> now = datetime(2025, 3, 3, 9, 0, tzinfo=timezone.utc)
>>> prospect = Customer(account_id="C-001", name="华东机械集团", category="industry")
>>> investigated, events = prospect.begin_general_investigation(now=now)
>>> investigated.status.value, prospect.status.value
('general_investigation', 'prospect')
>>> type(events[0]).__name__
'GeneralInvestigationStarted'
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import attrs

from keyaccount._errors import InvalidInput
from keyaccount._validation import (
    instances_of,
    names,
    non_empty,
    optional_date,
    optional_instance_of,
    optional_text,
    require_bool,
    require_day_in_years,
    require_instant_in_years,
    require_non_empty,
    to_items,
)
from keyaccount.domain.customers import _file_fields as _fields
from keyaccount.domain.customers._archive_steps import ArchiveSteps
from keyaccount.domain.customers.archive import DepartureReason, DisposalApproval
from keyaccount.domain.customers.classification import CounterpartRole, CustomerCategory
from keyaccount.domain.customers.contacts import Contact
from keyaccount.domain.customers.contracts import ApplicationReport, Contract
from keyaccount.domain.customers.events import (
    AccountReassigned,
    FileAmended,
    ProcessRecorded,
    StaffAssigned,
)
from keyaccount.domain.customers.lifecycle import AccountStatus
from keyaccount.domain.customers.records import ProcessRecord
from keyaccount.domain.events import DomainEvent
from keyaccount.domain.grading import Tier, TierChanged

__all__ = ["AMENDABLE_FIELDS", "Customer"]


# --- the customer ------------------------------------------------------------------------

#: The file fields :meth:`Customer.amend` may change; everything else has its own step
#: (the tier: :meth:`Customer.regrade`).
AMENDABLE_FIELDS = frozenset(
    {
        "name",
        "category",
        "counterpart_role",
        "legal_representative",
        "address",
        "area",
        "postcode",
        "phone",
        "fax",
        "email",
        "business_scope",
        "registered_capital",
        "credit_rating",
        "profile",
        "trade_secrets",
        "technical_profile",
        "contacts",
        "department",
        "important_dates",
    }
)
_NEEDS_CONTRACTS = frozenset({AccountStatus.APPROVED, AccountStatus.ACTIVE, AccountStatus.DORMANT})
_NEEDS_CODE = frozenset({AccountStatus.ACTIVE, AccountStatus.DORMANT})


@attrs.frozen(kw_only=True)
class Customer(ArchiveSteps):
    """A key account and its file (客户档案, SPEC §1).

    Attributes:
        account_id: the host's stable id of the account.
        name: the customer's name.
        category: industry / regional / potential key account (seed 000).
        counterpart_role: customer, supplier, distributor or special (seed 003).
        legal_representative: 法人代表.
        address: 地址.
        area: where the account's visits go, a plain string the host chooses (a city, a
            district, a sales region); the visit planner groups in-person visits by it.
        postcode: 邮编.
        phone: the switchboard number (总机), which every role may see.
        fax: 传真.
        email: 电子邮箱.
        business_scope: 经营范围.
        registered_capital: 注册资本, a non-negative Decimal (never a float).
        credit_rating: 资信等级, in the host's own scale.
        profile: further file topics as ``(topic, text)`` pairs: organisation structure,
            purchase decision process, purchasing power, brand preferences, history, goals,
            product positioning, competitors, market share (seeds 002, 004).
        contacts: the people at the customer.
        records: process records, oldest first; append-only.
        status: where the account stands in the lifecycle.
        account_code: the code set at activation (seed 003 第十一条).
        tier: the account's tier, if graded.
        account_manager: the key-account manager responsible; always one of ``staff``.
        staff: everyone covering the account, the account manager included.
        department: the account team's department.
        application: the application report, once submitted.
        supply_contract: the supply contract, from approval on.
        quality_contract: the quality-assurance contract, from approval on.
        approved_on: the day of approval.
        activated_on: the day the account last started trading (code assigned or reactivated).
        last_purchase_on: the day of the latest purchase recorded.
        important_dates: the customer's own important dates, which visits avoid; sorted.
        trade_secrets: the customer's trade secrets entrusted to the company, as ``(topic,
            text)`` pairs. **Confidential** (seed 001 一(三)4; SPEC §4).
        technical_profile: the technical file (designs, specifications, processes), as
            ``(topic, text)`` pairs. **Confidential** (seed 003 开发 第四条; SPEC §4).
        departure: why a terminated account left, which decides its archive mark.
        archived_from: the state a terminated account was in, where ``restore`` takes it back.
        disposal: the approval its irrecoverable archived file was disposed of under.

    Raises:
        InvalidInput: a blank id or name, negative or float capital, an unknown category, an
            account manager who is not on the staff, an approved account without both
            contracts, an active or dormant account without a code, ...

    >>> from datetime import datetime, timezone
    >>> acme = Customer(account_id="C-3", name="Acme", category="regional",
    ...                 registered_capital="5000000", staff=("wang", "li"),
    ...                 account_manager="wang")
    >>> acme.registered_capital, acme.status.value
    (Decimal('5000000'), 'prospect')
    >>> now = datetime(2025, 6, 2, 9, 0, tzinfo=timezone.utc)
    >>> amended, (event,) = acme.amend(credit_rating="AA", now=now)
    >>> amended.credit_rating, acme.credit_rating, event.occurred_at == now
    ('AA', None, True)
    >>> Customer(account_id="C-4", name="Acme", category="regional", staff="wang")
    Traceback (most recent call last):
    ...
    keyaccount.InvalidInput: Customer.staff must be a collection of names, got 'wang'
    """

    account_id: str = attrs.field(validator=non_empty)
    name: str = attrs.field(validator=non_empty)
    category: CustomerCategory = attrs.field(converter=_fields.category)
    counterpart_role: CounterpartRole = attrs.field(
        default=CounterpartRole.CUSTOMER,
        converter=_fields.counterpart_role,
    )
    legal_representative: str | None = attrs.field(default=None, validator=optional_text)
    address: str | None = attrs.field(default=None, validator=optional_text)
    area: str | None = attrs.field(default=None, validator=optional_text)
    postcode: str | None = attrs.field(default=None, validator=optional_text)
    phone: str | None = attrs.field(default=None, validator=optional_text)
    fax: str | None = attrs.field(default=None, validator=optional_text)
    email: str | None = attrs.field(default=None, validator=optional_text)
    business_scope: str | None = attrs.field(default=None, validator=optional_text)
    registered_capital: Decimal | None = attrs.field(default=None, converter=_fields.capital)
    credit_rating: str | None = attrs.field(default=None, validator=optional_text)
    profile: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_fields.profile)
    trade_secrets: tuple[tuple[str, str], ...] = attrs.field(
        default=(), converter=_fields.trade_secrets
    )
    technical_profile: tuple[tuple[str, str], ...] = attrs.field(
        default=(), converter=_fields.technical_profile
    )
    contacts: tuple[Contact, ...] = attrs.field(
        default=(), converter=_fields.contacts, validator=instances_of(Contact)
    )
    records: tuple[ProcessRecord, ...] = attrs.field(
        default=(), converter=_fields.records, validator=instances_of(ProcessRecord)
    )
    status: AccountStatus = attrs.field(
        default=AccountStatus.PROSPECT,
        converter=_fields.status,
    )
    account_code: str | None = attrs.field(default=None, validator=optional_text)
    tier: Tier | None = attrs.field(default=None, validator=optional_instance_of(Tier))
    account_manager: str | None = attrs.field(default=None, validator=optional_text)
    staff: tuple[str, ...] = attrs.field(default=(), converter=_fields.staff, validator=names)
    department: str | None = attrs.field(default=None, validator=optional_text)
    application: ApplicationReport | None = attrs.field(
        default=None, validator=optional_instance_of(ApplicationReport)
    )
    supply_contract: Contract | None = attrs.field(
        default=None, validator=optional_instance_of(Contract)
    )
    quality_contract: Contract | None = attrs.field(
        default=None, validator=optional_instance_of(Contract)
    )
    approved_on: date | None = attrs.field(default=None, validator=optional_date)
    activated_on: date | None = attrs.field(default=None, validator=optional_date)
    last_purchase_on: date | None = attrs.field(default=None, validator=optional_date)
    important_dates: tuple[date, ...] = attrs.field(default=(), converter=_fields.dates)
    departure: DepartureReason | None = attrs.field(default=None, converter=_fields.departure)
    archived_from: AccountStatus | None = attrs.field(
        default=None, converter=_fields.archived_from
    )
    disposal: DisposalApproval | None = attrs.field(
        default=None, validator=optional_instance_of(DisposalApproval)
    )

    def __attrs_post_init__(self) -> None:
        where = f"customer {self.account_id!r}"
        if self.account_manager is not None:
            require_non_empty(self.account_manager, field=f"{where} account_manager")
            if self.account_manager not in self.staff:
                raise InvalidInput(
                    f"{where}: account_manager {self.account_manager!r} must be one of the "
                    f"staff covering the account {list(self.staff)}"
                )
        if self.account_code is not None:
            require_non_empty(self.account_code, field=f"{where} account_code")
        if self.status in _NEEDS_CONTRACTS and (
            self.supply_contract is None or self.quality_contract is None
        ):
            raise InvalidInput(
                f"{where} is {self.status.value}: both the supply contract (supply_contract) and "
                f"the quality-assurance contract (quality_contract) must be on file (seed 003 "
                f"第九条, 第十条)"
            )
        if self.status in _NEEDS_CODE and self.account_code is None:
            raise InvalidInput(f"{where} is {self.status.value}: it must have an account_code")
        if self.status is not AccountStatus.TERMINATED:
            archived = {"departure": self.departure, "archived_from": self.archived_from,
                        "disposal": self.disposal}
            given = sorted(name for name, value in archived.items() if value is not None)
            if given:
                raise InvalidInput(
                    f"{where} is {self.status.value}: {given} belong to a terminated account only"
                )
        elif self.archived_from is AccountStatus.TERMINATED:
            raise InvalidInput(f"{where}: archived_from must be a state before termination")

    # --- reading the file -----------------------------------------------------------------

    def amend(self, *, now: datetime, **changes: Any) -> tuple[Customer, tuple[DomainEvent, ...]]:
        """Correct or update file fields, e.g. after the twice-yearly survey (seed 003 第六条).

        Only the fields in ``AMENDABLE_FIELDS`` can be amended this way: the lifecycle,
        the records, the contracts, the tier (:meth:`regrade`) and who covers the account
        change only through their own steps. The values are validated as at construction.
        Values equal to what the file already says change nothing; if nothing changes, no
        event is returned.

        Args:
            now: the caller's now, carried by the event.
            **changes: ``field=new value`` for each field to amend.

        Returns:
            The amended customer, and one :class:`FileAmended` event holding the previous
            value of each field that changed (none if nothing did).

        Raises:
            InvalidInput: no field named, a field that cannot be amended, or a bad value.
        """
        require_instant_in_years(now, field="now")
        if not changes:
            raise InvalidInput(f"amend of customer {self.account_id!r} names no field")
        refused = sorted(set(changes) - AMENDABLE_FIELDS)
        if refused:
            hint = " (a tier changes by regrade)" if "tier" in refused else ""
            raise InvalidInput(
                f"customer fields {refused} cannot be amended{hint}; amendable fields are "
                f"{sorted(AMENDABLE_FIELDS)}"
            )
        customer = attrs.evolve(self, **changes)
        previous = tuple(
            (field.name, getattr(self, field.name))
            for field in attrs.fields(Customer)
            if field.name in changes and getattr(self, field.name) != getattr(customer, field.name)
        )
        if not previous:
            # An event that records no change would make the host's log claim an amendment.
            return self, ()
        event = FileAmended(occurred_at=now, account_id=self.account_id, previous=previous)
        return customer, (event,)

    def regrade(
        self,
        tier: Tier | None,
        *,
        now: datetime,
        reason: str,
        effective_on: date | None = None,
    ) -> tuple[Customer, tuple[DomainEvent, ...]]:
        """Give the account the tier a grading placed it in (SPEC §5d; seed 002 §客户分级).

        ``tier`` is not amendable: a tier changes only through a grading, and the change is
        kept as a :class:`~keyaccount.TierChanged` event (who moved from which tier to which,
        when, why), the same event :func:`~keyaccount.tier_changes` and
        :class:`~keyaccount.TierHistory` give, so the host's tier history and migration
        report (客户异动) read it. Every status may be regraded: a prospect is placed by
        contract amount before approval, and a grading that no longer names an account
        passes ``None``.

        Args:
            tier: the new tier, or ``None`` when the account left the graded portfolio.
            now: the caller's now (aware), carried by the event.
            reason: why, e.g. ``"annual grading 2026"``.
            effective_on: the day the new tier takes effect; default ``now``'s day.

        Returns:
            The regraded customer and one :class:`~keyaccount.TierChanged` event, or the
            customer itself and no event when the tier is unchanged.

        Raises:
            InvalidInput: ``tier`` is neither a Tier nor None, the reason is blank, ``now``
                is naive or ``effective_on`` is not a date.

        >>> from datetime import datetime, timezone
        >>> from keyaccount import TIER_A, TIER_B
        >>> now = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)
        >>> acme = Customer(account_id="C-5", name="Acme", category="regional", tier=TIER_B)
        >>> acme, (event,) = acme.regrade(TIER_A, now=now, reason="annual grading 2025")
        >>> acme.tier.code, event.from_tier.code, event.to_tier.code, event.effective_on
        ('A', 'B', 'A', datetime.date(2026, 1, 5))
        >>> acme.regrade(TIER_A, now=now, reason="annual grading 2025")[1]
        ()
        """
        require_instant_in_years(now, field="now")
        require_non_empty(reason, field=f"regrade reason of customer {self.account_id!r}")
        if tier is not None and not isinstance(tier, Tier):
            raise InvalidInput(
                f"tier of customer {self.account_id!r} must be a Tier or None, got {tier!r}"
            )
        if effective_on is None:
            effective_on = now.date()
        require_day_in_years(effective_on, field="effective_on")
        if tier == self.tier:
            return self, ()
        event = TierChanged(
            occurred_at=now,
            account_id=self.account_id,
            from_tier=self.tier,
            to_tier=tier,
            effective_on=effective_on,
            reason=reason,
        )
        return attrs.evolve(self, tier=tier), (event,)

    # --- the file -------------------------------------------------------------------------

    def add_record(
        self, record: ProcessRecord, *, now: datetime
    ) -> tuple[Customer, tuple[DomainEvent, ...]]:
        """Append a process record; records are never edited or removed (seed 003 第五条).

        Raises:
            InvalidInput: not a :class:`ProcessRecord`, or it happened after ``now``.
        """
        require_instant_in_years(now, field="now")
        if not isinstance(record, ProcessRecord):
            raise InvalidInput(f"record must be a ProcessRecord, got {record!r}")
        if record.occurred_at > now:
            raise InvalidInput(
                f"process record occurred_at {record.occurred_at.isoformat()} is after now "
                f"({now.isoformat()})"
            )
        records: tuple[ProcessRecord, ...] = (*self.records, record)
        event = ProcessRecorded(occurred_at=now, account_id=self.account_id, record=record)
        return attrs.evolve(self, records=records), (event,)

    def assign_staff(
        self, person: str, *, now: datetime, account_manager: bool = False
    ) -> tuple[Customer, tuple[DomainEvent, ...]]:
        """Add someone to the people covering the account, or make them its manager.

        Raises:
            InvalidInput: a blank name, ``account_manager`` not a bool, or someone already
                covering it in the same capacity.
        """
        require_instant_in_years(now, field="now")
        require_non_empty(person, field="person")
        require_bool(account_manager, field="account_manager")
        already = person in self.staff
        if already and (not account_manager or self.account_manager == person):
            raise InvalidInput(f"{person!r} already covers customer {self.account_id!r}")
        staff = self.staff if already else (*self.staff, person)
        manager = person if account_manager else self.account_manager
        event = StaffAssigned(
            occurred_at=now,
            account_id=self.account_id,
            person=person,
            account_manager=account_manager,
        )
        return attrs.evolve(self, staff=staff, account_manager=manager), (event,)

    def reassign(
        self, *, departing: str, successors: Sequence[str], now: datetime
    ) -> tuple[Customer, tuple[DomainEvent, ...]]:
        """Hand a departing staff member's place on the account to successors (SPEC §3).

        The departing person no longer covers the account; each successor does (those already
        on it stay once). If the departing person was the account manager, the first successor
        becomes it. Nothing else in the file changes. Coverage minimums are checked by
        :func:`~keyaccount.hand_over` under a coverage policy, not here.

        Raises:
            InvalidInput: the departing person does not cover the account, no successor is
                named, or the departing person is among the successors.
        """
        require_instant_in_years(now, field="now")
        require_non_empty(departing, field="departing")
        where = f"successors on customer {self.account_id!r}"
        successors = to_items(successors, field=where, expected="names")
        for successor in successors:
            require_non_empty(successor, field=f"a name in {where}")
        if departing not in self.staff:
            raise InvalidInput(
                f"departing {departing!r} does not cover customer {self.account_id!r} "
                f"(staff: {list(self.staff)})"
            )
        if not successors:
            raise InvalidInput(
                f"successors on customer {self.account_id!r} must name someone to take over "
                f"from {departing!r}, got none"
            )
        if departing in successors:
            raise InvalidInput(
                f"{departing!r} cannot succeed themself on customer {self.account_id!r}"
            )
        staff = [person for person in self.staff if person != departing]
        staff += [person for person in dict.fromkeys(successors) if person not in staff]
        manager = successors[0] if self.account_manager == departing else self.account_manager
        event = AccountReassigned(
            occurred_at=now,
            account_id=self.account_id,
            departing=departing,
            successors=tuple(dict.fromkeys(successors)),
            account_manager=manager,
        )
        return attrs.evolve(self, staff=tuple(staff), account_manager=manager), (event,)
