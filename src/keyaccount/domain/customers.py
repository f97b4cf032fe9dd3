"""The customer file (客户档案) of a key account, and the changes it goes through (SPEC §1-3).

A :class:`Customer` is a frozen value: its standard file fields (seeds 002, 003, 004), its
contacts at several levels, its append-only process records, who covers it, and where it stands
in the lifecycle (:mod:`keyaccount.domain.lifecycle`). Every change is a method that returns the
new customer and the events it caused; the customer it was called on is never changed.

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

import enum
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar

import attrs

from keyaccount._errors import InvalidInput, InvalidTransition
from keyaccount._validation import (
    require_aware,
    require_date,
    require_non_empty,
    to_decimal,
)
from keyaccount.domain.events import DomainEvent
from keyaccount.domain.grading import TierChanged
from keyaccount.domain.lifecycle import (
    TRADING_TERMINATED,
    TRANSITIONS,
    AccountActivated,
    AccountApproved,
    AccountReactivated,
    AccountStatus,
    AccountWentDormant,
    ApplicationSubmitted,
    GeneralInvestigationStarted,
    InvestigationResumed,
    InvestigationSuspended,
    LifecycleStep,
    OnsiteInvestigationStarted,
    PurchaseRecorded,
    TradingTerminated,
)
from keyaccount.domain.tiers import Tier

__all__ = [
    "AMENDABLE_FIELDS",
    "AccountReassigned",
    "ApplicationReport",
    "Contact",
    "ContactRole",
    "Contract",
    "CounterpartRole",
    "Customer",
    "CustomerCategory",
    "FileAmended",
    "ProcessRecord",
    "ProcessRecorded",
    "RecordKind",
    "StaffAssigned",
]

E = TypeVar("E", bound=enum.Enum)


class CustomerCategory(enum.Enum):
    """The three kinds of key account of seed 000 §大客户的分类."""

    INDUSTRY = "industry"
    REGIONAL = "regional"
    POTENTIAL = "potential"

    @property
    def label_zh(self) -> str:
        """The Chinese name: 行业大客户 / 区域大客户 / 潜力大客户."""
        return {"industry": "行业大客户", "regional": "区域大客户", "potential": "潜力大客户"}[
            self.value
        ]


class CounterpartRole(enum.Enum):
    """What the account is to the company (seed 003 §客户界定 第二条, 第三条; seed 004).

    Advisers, banks, insurers, PR and financing agencies are kept as *special* accounts.
    """

    CUSTOMER = "customer"
    SUPPLIER = "supplier"
    DISTRIBUTOR = "distributor"
    SPECIAL = "special"


class ContactRole(enum.Enum):
    """The levels of contact person in a customer's organisation (seeds 002, 004).

    ``level`` orders them by purchase authority, 1 the lowest.
    """

    BUYER = "buyer"
    PURCHASING_MANAGER = "purchasing_manager"
    PURCHASING_DIRECTOR = "purchasing_director"
    CFO = "cfo"
    SALES_MANAGER = "sales_manager"
    DISTRIBUTION_MANAGER = "distribution_manager"
    GENERAL_MANAGER = "general_manager"
    CHAIRMAN = "chairman"

    @property
    def level(self) -> int:
        """Authority level, 1 (buyer) to 6 (chairman)."""
        return _CONTACT_LEVEL[self]

    @property
    def label_zh(self) -> str:
        """The Chinese title."""
        return _CONTACT_ZH[self]


_CONTACT_LEVEL = {
    ContactRole.BUYER: 1,
    ContactRole.PURCHASING_MANAGER: 2,
    ContactRole.SALES_MANAGER: 2,
    ContactRole.DISTRIBUTION_MANAGER: 2,
    ContactRole.PURCHASING_DIRECTOR: 3,
    ContactRole.CFO: 4,
    ContactRole.GENERAL_MANAGER: 5,
    ContactRole.CHAIRMAN: 6,
}
_CONTACT_ZH = {
    ContactRole.BUYER: "采购员",
    ContactRole.PURCHASING_MANAGER: "采购经理",
    ContactRole.PURCHASING_DIRECTOR: "采购总监",
    ContactRole.CFO: "财务总监",
    ContactRole.SALES_MANAGER: "销售经理",
    ContactRole.DISTRIBUTION_MANAGER: "分销经理",
    ContactRole.GENERAL_MANAGER: "总经理",
    ContactRole.CHAIRMAN: "董事长",
}


class RecordKind(enum.Enum):
    """Kinds of process record kept in the file (seed 004 过程记录; seed 003 第五条, 第九条)."""

    NEGOTIATION = "negotiation"
    AGREEMENT = "agreement"
    SIGNIFICANT_CONTACT = "significant_contact"
    ORDER = "order"
    STOCK_CHANGE = "stock_change"
    CORRESPONDENCE = "correspondence"


# --- converters and validators -----------------------------------------------------------


def _to_enum(enum_type: type[E], value: object, field: str) -> E:
    if isinstance(value, enum_type):
        return value
    try:
        return enum_type(value)
    except ValueError:
        raise InvalidInput(
            f"{field} must be one of {[member.value for member in enum_type]}, got {value!r}"
        ) from None


# mypy's attrs plugin wants named converter functions, hence one per field.
def _contact_role(value: object) -> ContactRole:
    return _to_enum(ContactRole, value, "Contact.role")


def _record_kind(value: object) -> RecordKind:
    return _to_enum(RecordKind, value, "ProcessRecord.kind")


def _category(value: object) -> CustomerCategory:
    return _to_enum(CustomerCategory, value, "Customer.category")


def _counterpart_role(value: object) -> CounterpartRole:
    return _to_enum(CounterpartRole, value, "Customer.counterpart_role")


def _status(value: object) -> AccountStatus:
    return _to_enum(AccountStatus, value, "Customer.status")


def _non_empty(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    require_non_empty(value, field=f"{type(instance).__name__}.{attribute.name}")


def _optional_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, str):
        raise InvalidInput(
            f"{type(instance).__name__}.{attribute.name} must be a string or None, got {value!r}"
        )


def _text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        raise InvalidInput(
            f"{type(instance).__name__}.{attribute.name} must be a string, got {value!r}"
        )


def _frozen(value: Iterable[Any], field: str, expected: str) -> tuple[Any, ...]:
    # A lone string or date would be iterated character by character or not at all; refuse
    # it by name rather than let tuple() raise a bare TypeError (SPEC §11).
    if isinstance(value, (str, bytes, date, Mapping)) or not isinstance(value, Iterable):
        raise InvalidInput(f"{field} must be a sequence of {expected}, got {value!r}")
    return tuple(value)


def _staff(value: Iterable[str]) -> tuple[str, ...]:
    return _frozen(value, "Customer.staff", "names")


def _participants(value: Iterable[str]) -> tuple[str, ...]:
    return _frozen(value, "ProcessRecord.participants", "names")


def _signatories(value: Iterable[str]) -> tuple[str, ...]:
    return _frozen(value, "Contract.signatories", "names")


def _check_names(instance: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    field = f"{type(instance).__name__}.{attribute.name}"
    for name in value:
        require_non_empty(name, field=f"a name in {field}")
    if len(set(value)) != len(value):
        raise InvalidInput(f"{field} names someone twice: {list(value)}")


def _aware(instance: object, attribute: attrs.Attribute[Any], value: datetime) -> None:
    require_aware(value, field=f"{type(instance).__name__}.{attribute.name}")


def _a_date(instance: object, attribute: attrs.Attribute[Any], value: date) -> None:
    require_date(value, field=f"{type(instance).__name__}.{attribute.name}")


def _optional_date(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        require_date(value, field=f"{type(instance).__name__}.{attribute.name}")


def _capital(value: object) -> Decimal | None:
    if value is None:
        return None
    amount = to_decimal(value, field="Customer.registered_capital")
    if amount < 0:
        raise InvalidInput(f"Customer.registered_capital must be >= 0, got {amount}")
    return amount


def _dates(value: Iterable[date]) -> tuple[date, ...]:
    days = _frozen(value, "Customer.important_dates", "dates")
    for day in days:
        require_date(day, field="a day in Customer.important_dates")
    return tuple(sorted(set(days)))


def _profile(value: Mapping[str, str] | Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    if isinstance(value, Mapping):
        pairs = tuple(value.items())
    else:
        pairs = _frozen(value, "Customer.profile", "(topic, text) pairs or a mapping")
    for pair in pairs:
        if not (isinstance(pair, tuple) and len(pair) == 2):
            raise InvalidInput(f"Customer.profile entries must be (topic, text), got {pair!r}")
        require_non_empty(pair[0], field="a topic in Customer.profile")
        if not isinstance(pair[1], str):
            raise InvalidInput(f"Customer.profile[{pair[0]!r}] must be text, got {pair[1]!r}")
    topics = [topic for topic, _ in pairs]
    if len(set(topics)) != len(topics):
        raise InvalidInput(f"Customer.profile has a topic twice: {topics}")
    return pairs


def _contacts(value: Iterable[Contact]) -> tuple[Contact, ...]:
    return _frozen(value, "Customer.contacts", "Contact values")


def _records(value: Iterable[ProcessRecord]) -> tuple[ProcessRecord, ...]:
    return _frozen(value, "Customer.records", "ProcessRecord values")


def _instances(kind: type[Any], field: str) -> Any:
    def check(_instance: object, _attribute: object, value: tuple[Any, ...]) -> None:
        for item in value:
            if not isinstance(item, kind):
                raise InvalidInput(f"{field} must hold {kind.__name__} values, got {item!r}")

    return check


def _optional_instance(kind: type[Any]) -> Any:
    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None and not isinstance(value, kind):
            raise InvalidInput(
                f"{type(instance).__name__}.{attribute.name} must be a {kind.__name__} "
                f"or None, got {value!r}"
            )

    return check


# --- the parts of a file -----------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Contact:
    """A person at the customer (SPEC §1 contacts; seeds 002, 004).

    Attributes:
        name: the person's name.
        role: their level in the customer's organisation.
        authority: what they decide (e.g. "signs orders up to 2,000,000 CNY").
        phone: office phone.
        mobile: mobile phone.
        wechat: WeChat id.
        qq: QQ number.
        email: email address.
        personal_notes: interests, habits, family. **Confidential** (SPEC §4): only the
            account's own manager sees them. ``None`` only in a redacted view, where the notes
            were withheld.

    >>> zhou = Contact(name="周敏", role="purchasing_director", wechat="zhoumin",
    ...                personal_notes="golf on Saturdays")
    >>> zhou.role.label_zh, zhou.role.level, zhou.wechat
    ('采购总监', 3, 'zhoumin')
    """

    # The fields a redacted view may withhold from a contact (SPEC §4).
    CONFIDENTIAL_FIELDS = ("personal_notes",)

    name: str = attrs.field(validator=_non_empty)
    role: ContactRole = attrs.field(converter=_contact_role)
    authority: str = attrs.field(default="", validator=_text)
    phone: str | None = attrs.field(default=None, validator=_optional_text)
    mobile: str | None = attrs.field(default=None, validator=_optional_text)
    wechat: str | None = attrs.field(default=None, validator=_optional_text)
    qq: str | None = attrs.field(default=None, validator=_optional_text)
    email: str | None = attrs.field(default=None, validator=_optional_text)
    personal_notes: str | None = attrs.field(default="", validator=_optional_text)


@attrs.frozen(kw_only=True)
class ProcessRecord:
    """One entry of the file's process records (seed 004; seed 003 第五条).

    Any department's significant contact with the account is reported and kept here, not with
    one person.

    Attributes:
        kind: negotiation, agreement, significant contact, order, stock change, correspondence.
        occurred_at: when it happened (timezone-aware).
        summary: what happened or was agreed.
        participants: who took part, on both sides.
        department: the reporting department.
        reported_by: the person who reported it.

    >>> from datetime import datetime, timezone
    >>> talks = ProcessRecord(kind="negotiation", summary="2026 price frame",
    ...                       occurred_at=datetime(2025, 6, 2, 9, 0, tzinfo=timezone.utc),
    ...                       participants=["wang", "周敏"], department="大客户部")
    >>> talks.kind, talks.participants
    (<RecordKind.NEGOTIATION: 'negotiation'>, ('wang', '周敏'))
    """

    kind: RecordKind = attrs.field(converter=_record_kind)
    occurred_at: datetime = attrs.field(validator=_aware)
    summary: str = attrs.field(validator=_non_empty)
    participants: tuple[str, ...] = attrs.field(
        default=(), converter=_participants, validator=_check_names
    )
    department: str | None = attrs.field(default=None, validator=_optional_text)
    reported_by: str | None = attrs.field(default=None, validator=_optional_text)


@attrs.frozen(kw_only=True)
class Contract:
    """A signed contract on file (seed 003 第九条, 第十条).

    Attributes:
        reference: the contract's number or reference.
        signed_on: the day it was signed.
        signatories: who signed, in principle both legal representatives.
    """

    reference: str = attrs.field(validator=_non_empty)
    signed_on: date = attrs.field(validator=_a_date)
    signatories: tuple[str, ...] = attrs.field(
        default=(), converter=_signatories, validator=_check_names
    )


@attrs.frozen(kw_only=True)
class ApplicationReport:
    """The key-account application report (seed 003 第八条).

    Attributes:
        reasons: reasons for trading with the account and the basic trading policy.
        goods_and_amounts: the goods and amounts expected.
        findings: the findings of the investigations.
    """

    reasons: str = attrs.field(validator=_non_empty)
    goods_and_amounts: str = attrs.field(default="", validator=_text)
    findings: str = attrs.field(default="", validator=_text)


# --- events that are not lifecycle steps --------------------------------------------------


@attrs.frozen(kw_only=True)
class ProcessRecorded(DomainEvent):
    """A process record was appended to the file.

    Attributes:
        account_id: the customer's id.
        record: the record appended.
    """

    account_id: str
    record: ProcessRecord


@attrs.frozen(kw_only=True)
class FileAmended(DomainEvent):
    """Fields of the file were corrected or brought up to date (e.g. the twice-yearly survey).

    Attributes:
        account_id: the customer's id.
        previous: ``(field, value before)`` for each field changed, so the host's event log
            keeps what the file said before.
    """

    account_id: str
    previous: tuple[tuple[str, Any], ...]


@attrs.frozen(kw_only=True)
class StaffAssigned(DomainEvent):
    """Someone now covers the account.

    Attributes:
        account_id: the customer's id.
        person: who was assigned.
        account_manager: whether they became its account manager.
    """

    account_id: str
    person: str
    account_manager: bool


@attrs.frozen(kw_only=True)
class AccountReassigned(DomainEvent):
    """A departing staff member's place on the account went to successors (SPEC §3).

    The host tells the customer promptly and the successors get in touch (seed 003 第十一条);
    ``inform_customer`` is always true for a departure.

    Attributes:
        account_id: the customer's id.
        departing: who left.
        successors: who took over.
        account_manager: the account manager after the handover.
        inform_customer: the customer must be told of the change.
    """

    account_id: str
    departing: str
    successors: tuple[str, ...]
    account_manager: str | None
    inform_customer: bool = True


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
        "postcode",
        "phone",
        "fax",
        "email",
        "business_scope",
        "registered_capital",
        "credit_rating",
        "profile",
        "contacts",
        "department",
        "important_dates",
    }
)
_NEEDS_CONTRACTS = frozenset({AccountStatus.APPROVED, AccountStatus.ACTIVE, AccountStatus.DORMANT})
_NEEDS_CODE = frozenset({AccountStatus.ACTIVE, AccountStatus.DORMANT})


@attrs.frozen(kw_only=True)
class Customer:
    """A key account and its file (客户档案, SPEC §1).

    Attributes:
        account_id: the host's stable id of the account.
        name: the customer's name.
        category: industry / regional / potential key account (seed 000).
        counterpart_role: customer, supplier, distributor or special (seed 003).
        legal_representative: 法人代表.
        address: 地址.
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
    keyaccount.InvalidInput: Customer.staff must be a sequence of names, got 'wang'
    """

    account_id: str = attrs.field(validator=_non_empty)
    name: str = attrs.field(validator=_non_empty)
    category: CustomerCategory = attrs.field(converter=_category)
    counterpart_role: CounterpartRole = attrs.field(
        default=CounterpartRole.CUSTOMER,
        converter=_counterpart_role,
    )
    legal_representative: str | None = attrs.field(default=None, validator=_optional_text)
    address: str | None = attrs.field(default=None, validator=_optional_text)
    postcode: str | None = attrs.field(default=None, validator=_optional_text)
    phone: str | None = attrs.field(default=None, validator=_optional_text)
    fax: str | None = attrs.field(default=None, validator=_optional_text)
    email: str | None = attrs.field(default=None, validator=_optional_text)
    business_scope: str | None = attrs.field(default=None, validator=_optional_text)
    registered_capital: Decimal | None = attrs.field(default=None, converter=_capital)
    credit_rating: str | None = attrs.field(default=None, validator=_optional_text)
    profile: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_profile)
    contacts: tuple[Contact, ...] = attrs.field(
        default=(), converter=_contacts, validator=_instances(Contact, "Customer.contacts")
    )
    records: tuple[ProcessRecord, ...] = attrs.field(
        default=(), converter=_records, validator=_instances(ProcessRecord, "Customer.records")
    )
    status: AccountStatus = attrs.field(
        default=AccountStatus.PROSPECT,
        converter=_status,
    )
    account_code: str | None = attrs.field(default=None, validator=_optional_text)
    tier: Tier | None = attrs.field(default=None, validator=_optional_instance(Tier))
    account_manager: str | None = attrs.field(default=None, validator=_optional_text)
    staff: tuple[str, ...] = attrs.field(default=(), converter=_staff, validator=_check_names)
    department: str | None = attrs.field(default=None, validator=_optional_text)
    application: ApplicationReport | None = attrs.field(
        default=None, validator=_optional_instance(ApplicationReport)
    )
    supply_contract: Contract | None = attrs.field(
        default=None, validator=_optional_instance(Contract)
    )
    quality_contract: Contract | None = attrs.field(
        default=None, validator=_optional_instance(Contract)
    )
    approved_on: date | None = attrs.field(default=None, validator=_optional_date)
    activated_on: date | None = attrs.field(default=None, validator=_optional_date)
    last_purchase_on: date | None = attrs.field(default=None, validator=_optional_date)
    important_dates: tuple[date, ...] = attrs.field(default=(), converter=_dates)

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
                f"{where} is {self.status.value}: both the supply contract and the "
                f"quality-assurance contract must be on file (seed 003 第九条, 第十条)"
            )
        if self.status in _NEEDS_CODE and self.account_code is None:
            raise InvalidInput(f"{where} is {self.status.value}: it must have an account_code")

    # --- reading the file -----------------------------------------------------------------

    @property
    def archive_mark(self) -> str | None:
        """``"交易终止"`` once trading is terminated (seed 003 第九条), else ``None``."""
        return TRADING_TERMINATED if self.status is AccountStatus.TERMINATED else None

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
        require_aware(now, field="now")
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
        require_aware(now, field="now")
        require_non_empty(reason, field=f"regrade reason of customer {self.account_id!r}")
        if tier is not None and not isinstance(tier, Tier):
            raise InvalidInput(
                f"tier of customer {self.account_id!r} must be a Tier or None, got {tier!r}"
            )
        if effective_on is None:
            effective_on = now.date()
        require_date(effective_on, field="effective_on")
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

    # --- the lifecycle (SPEC §2) ----------------------------------------------------------

    def status_after(self, step: LifecycleStep) -> AccountStatus:
        """The state ``step`` would lead to, if the lifecycle allows it from the current one.

        A host can ask before it collects what the step needs (a code, contracts).

        Raises:
            InvalidTransition: the step is not allowed from the current state; the message
                names the state, the step and the states it is allowed from.

        >>> prospect = Customer(account_id="C-1", name="Acme", category="regional")
        >>> prospect.status_after(LifecycleStep.BEGIN_GENERAL_INVESTIGATION).value
        'general_investigation'
        >>> prospect.status_after(LifecycleStep.ASSIGN_CODE)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        keyaccount.InvalidTransition: customer 'C-1' is prospect; cannot assign_code (allowed ...
        """
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
        require_aware(now, field="now")
        return {
            "occurred_at": now,
            "account_id": self.account_id,
            "step": step,
            "from_status": self.status,
            "to_status": after,
        }

    def begin_general_investigation(
        self, *, now: datetime
    ) -> tuple[Customer, tuple[DomainEvent, ...]]:
        """Start the general investigation of a prospect (seed 003 第六条).

        Raises:
            InvalidTransition: the customer is not a prospect.
        """
        common = self._common(LifecycleStep.BEGIN_GENERAL_INVESTIGATION, now)
        return (
            attrs.evolve(self, status=common["to_status"]),
            (GeneralInvestigationStarted(**common),),
        )

    def begin_onsite_investigation(
        self, *, now: datetime
    ) -> tuple[Customer, tuple[DomainEvent, ...]]:
        """Start the on-site investigation after the general one (seed 003 第七条).

        Raises:
            InvalidTransition: the general investigation is not under way.
        """
        common = self._common(LifecycleStep.BEGIN_ONSITE_INVESTIGATION, now)
        return (
            attrs.evolve(self, status=common["to_status"]),
            (OnsiteInvestigationStarted(**common),),
        )

    def submit_application(
        self, report: ApplicationReport, *, now: datetime
    ) -> tuple[Customer, tuple[DomainEvent, ...]]:
        """File the application report after the on-site investigation (seed 003 第八条).

        Raises:
            InvalidTransition: the on-site investigation is not under way.
            InvalidInput: ``report`` is not an :class:`ApplicationReport`.
        """
        common = self._common(LifecycleStep.SUBMIT_APPLICATION, now)
        if not isinstance(report, ApplicationReport):
            raise InvalidInput(f"report must be an ApplicationReport, got {report!r}")
        return (
            attrs.evolve(self, status=common["to_status"], application=report),
            (ApplicationSubmitted(**common, reasons=report.reasons),),
        )

    def approve(
        self, *, supply_contract: Contract, quality_contract: Contract, now: datetime
    ) -> tuple[Customer, tuple[DomainEvent, ...]]:
        """Approve the application; both contracts are recorded together (第九条, 第十条).

        Raises:
            InvalidTransition: no application is pending.
            InvalidInput: a contract is missing, or both carry the same reference.
        """
        common = self._common(LifecycleStep.APPROVE, now)
        for field, contract in (
            ("supply_contract", supply_contract),
            ("quality_contract", quality_contract),
        ):
            if not isinstance(contract, Contract):
                raise InvalidInput(
                    f"{field} must be a Contract: approval records the supply and the "
                    f"quality-assurance contract together (seed 003 第十条), got {contract!r}"
                )
        if supply_contract.reference == quality_contract.reference:
            raise InvalidInput(
                f"supply_contract and quality_contract must be two contracts, both are "
                f"{supply_contract.reference!r}"
            )
        customer = attrs.evolve(
            self,
            status=common["to_status"],
            supply_contract=supply_contract,
            quality_contract=quality_contract,
            approved_on=now.date(),
        )
        event = AccountApproved(
            **common,
            supply_contract=supply_contract.reference,
            quality_contract=quality_contract.reference,
        )
        return customer, (event,)

    def assign_code(self, code: str, *, now: datetime) -> tuple[Customer, tuple[DomainEvent, ...]]:
        """Give the approved account its code; it becomes active (seed 003 第十一条).

        The code usually comes from an account-code policy
        (:class:`keyaccount.policies.SequentialAccountCodes`), which makes it unique.

        Raises:
            InvalidTransition: the account is not approved.
            InvalidInput: the code is blank.
        """
        common = self._common(LifecycleStep.ASSIGN_CODE, now)
        require_non_empty(code, field="account code")
        customer = attrs.evolve(
            self, status=common["to_status"], account_code=code, activated_on=now.date()
        )
        return customer, (AccountActivated(**common, account_code=code),)

    def record_purchase(
        self, *, on: date, now: datetime
    ) -> tuple[Customer, tuple[DomainEvent, ...]]:
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
        require_date(on, field="purchase day (on)")
        if on > now.date():
            raise InvalidInput(f"purchase day {on} is after now ({now.isoformat()})")
        if self.status is AccountStatus.DORMANT:
            known = [day for day in (self.last_purchase_on, self.activated_on) if day]
            if known and on <= max(known):
                raise InvalidInput(
                    f"purchase day {on} on dormant customer {self.account_id!r} must be after "
                    f"its last purchase or activation ({max(known)}) to end the dormancy"
                )
        latest = on if self.last_purchase_on is None else max(on, self.last_purchase_on)
        changes: dict[str, Any] = {"status": common["to_status"], "last_purchase_on": latest}
        events: tuple[DomainEvent, ...] = (PurchaseRecorded(**common, purchased_on=on),)
        if self.status is AccountStatus.DORMANT:
            changes["activated_on"] = now.date()
            events += (AccountReactivated(**common, reason=f"purchase on {on.isoformat()}"),)
        return attrs.evolve(self, **changes), events

    def go_dormant(
        self, *, now: datetime, days_without_purchase: int
    ) -> tuple[Customer, tuple[DomainEvent, ...]]:
        """Mark an active account dormant; a dormancy policy decides when (SPEC §2).

        Args:
            now: the caller's now.
            days_without_purchase: the days the policy counted, carried by the event.

        Raises:
            InvalidTransition: the account is not active.
        """
        common = self._common(LifecycleStep.GO_DORMANT, now)
        if (
            isinstance(days_without_purchase, bool)
            or not isinstance(days_without_purchase, int)
            or days_without_purchase < 0
        ):
            raise InvalidInput(
                f"days_without_purchase must be an int >= 0, got {days_without_purchase!r}"
            )
        event = AccountWentDormant(
            **common,
            last_purchase_on=self.last_purchase_on,
            days_without_purchase=days_without_purchase,
        )
        return attrs.evolve(self, status=common["to_status"]), (event,)

    def reactivate(self, *, plan: str, now: datetime) -> tuple[Customer, tuple[DomainEvent, ...]]:
        """Bring a dormant account back under its reactivation plan (seed 003, 休眠客户).

        Raises:
            InvalidTransition: the account is not dormant.
            InvalidInput: the plan is blank.
        """
        common = self._common(LifecycleStep.REACTIVATE, now)
        require_non_empty(plan, field="reactivation plan")
        customer = attrs.evolve(self, status=common["to_status"], activated_on=now.date())
        return customer, (AccountReactivated(**common, reason=plan),)

    def suspend(self, *, reason: str, now: datetime) -> tuple[Customer, tuple[DomainEvent, ...]]:
        """Suspend the investigation over a credit problem (seed 003 第十二条).

        The event tells the host to report it upward.

        Raises:
            InvalidTransition: no investigation or application is under way.
            InvalidInput: the reason is blank.
        """
        common = self._common(LifecycleStep.SUSPEND, now)
        require_non_empty(reason, field="suspension reason")
        return (
            attrs.evolve(self, status=common["to_status"]),
            (InvestigationSuspended(**common, reason=reason),),
        )

    def resume_investigation(self, *, now: datetime) -> tuple[Customer, tuple[DomainEvent, ...]]:
        """Start a suspended investigation over, from the general investigation.

        Raises:
            InvalidTransition: the account is not suspended.
        """
        common = self._common(LifecycleStep.RESUME_INVESTIGATION, now)
        return attrs.evolve(self, status=common["to_status"]), (InvestigationResumed(**common),)

    def terminate(self, *, reason: str, now: datetime) -> tuple[Customer, tuple[DomainEvent, ...]]:
        """Take the account off the roster; the file stays, marked 交易终止 (seed 003 第九条).

        Nothing of the file is dropped: disposing of an irrecoverable file is the host's act
        and needs the key-account manager's approval (seed 003 第九条).

        Raises:
            InvalidTransition: the account is already terminated, or was never approved and
                is not suspended.
            InvalidInput: the reason is blank.
        """
        common = self._common(LifecycleStep.TERMINATE, now)
        require_non_empty(reason, field="termination reason")
        return (
            attrs.evolve(self, status=common["to_status"]),
            (TradingTerminated(**common, reason=reason),),
        )

    # --- the file -------------------------------------------------------------------------

    def add_record(
        self, record: ProcessRecord, *, now: datetime
    ) -> tuple[Customer, tuple[DomainEvent, ...]]:
        """Append a process record; records are never edited or removed (seed 003 第五条).

        Raises:
            InvalidInput: not a :class:`ProcessRecord`, or it happened after ``now``.
        """
        require_aware(now, field="now")
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
            InvalidInput: a blank name, or someone already covering it in the same capacity.
        """
        require_aware(now, field="now")
        require_non_empty(person, field="person")
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
        becomes it. Nothing else in the file changes. Coverage minimums are checked by the
        handover policy (:class:`keyaccount.policies.CoveredHandover`), not here.

        Raises:
            InvalidInput: the departing person does not cover the account, no successor is
                named, or the departing person is among the successors.
        """
        require_aware(now, field="now")
        successors = (
            (successors,)
            if isinstance(successors, str)
            else _frozen(successors, f"successors on customer {self.account_id!r}", "names")
        )
        for successor in successors:
            require_non_empty(successor, field=f"successor on customer {self.account_id!r}")
        if departing not in self.staff:
            raise InvalidInput(
                f"{departing!r} does not cover customer {self.account_id!r} "
                f"(staff: {list(self.staff)})"
            )
        if not successors:
            raise InvalidInput(f"customer {self.account_id!r} needs a successor for {departing!r}")
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
