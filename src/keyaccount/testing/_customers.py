"""Hypothesis strategies for customer files, lifecycles, handovers and viewers (SPEC §1-4).

The library's own tests draw from these, and so can a host's tests of its own policies:

>>> from hypothesis import given, settings
>>> @settings(max_examples=20, deadline=None)
... @given(customers(statuses=[AccountStatus.ACTIVE]))
... def test_active_accounts_have_a_code(customer):
...     assert customer.account_code is not None
>>> test_active_accounts_have_a_code()
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import attrs
from hypothesis import strategies as st

from keyaccount._errors import KeyAccountError
from keyaccount.domain.customers import (
    CONTACT_PERSONAL_NOTES,
    CUSTOMER_FIELDS,
    FILE_CONFIDENTIAL_PARTS,
    NEGOTIATION_RECORDS,
    AccessPolicy,
    AccountCodePolicy,
    AccountReassigned,
    AccountStatus,
    ApplicationReport,
    Contact,
    ContactRole,
    Contract,
    CounterpartRole,
    CoveragePolicy,
    Customer,
    CustomerCategory,
    DormancyPolicy,
    LifecycleStep,
    ProcessRecord,
    RecordKind,
    SelectionVerdict,
    Successors,
    Viewer,
    ViewerRole,
    coverage_violations,
    redact,
)
from keyaccount.domain.events import DomainEvent
from keyaccount.domain.grading import AMOUNT_TIERS, SCORE_TIERS, Tier
from keyaccount.policies.customers import CoveredHandover

__all__ = [
    "STAFF_POOL",
    "aware_datetimes",
    "check_access_policy",
    "check_account_code_policy",
    "check_coverage_policy",
    "check_dormancy_policy",
    "check_handover_policy",
    "contacts",
    "customer_steps",
    "customers",
    "files_and_viewers",
    "handover_scenarios",
    "portfolios",
    "process_records",
    "take_customer_step",
    "viewers",
]

#: The staff names the strategies draw from; small, so that accounts share staff.
STAFF_POOL: tuple[str, ...] = ("wang", "li", "zhang", "liu", "chen", "yang", "zhao", "huang")

_BEIJING = timezone(timedelta(hours=8), "CST")
# A fixed vocabulary keeps generation cheap; the rules never read the text itself.
_TEXT = st.sampled_from(
    ["华东机械集团", "采购经理 周敏", "Acme Ltd", "gears", "21 Nanjing Rd", "golf, family", "x"]
)
_OPTIONAL_TEXT = st.none() | _TEXT


def aware_datetimes(
    min_value: datetime = datetime(2020, 1, 1),  # noqa: DTZ001 - hypothesis bounds are naive
    max_value: datetime = datetime(2030, 12, 31),  # noqa: DTZ001
) -> st.SearchStrategy[datetime]:
    """Timezone-aware datetimes (UTC or UTC+8) between two naive bounds."""
    return st.datetimes(
        min_value=min_value,
        max_value=max_value,
        timezones=st.sampled_from([UTC, _BEIJING]),
    )


def contacts() -> st.SearchStrategy[Contact]:
    """Contacts at any level, some with confidential personal notes."""
    return st.builds(
        Contact,
        name=_TEXT,
        role=st.sampled_from(ContactRole),
        authority=st.just("") | _TEXT,
        phone=_OPTIONAL_TEXT,
        mobile=_OPTIONAL_TEXT,
        wechat=_OPTIONAL_TEXT,
        qq=_OPTIONAL_TEXT,
        email=_OPTIONAL_TEXT,
        personal_notes=st.just("") | _TEXT,
    )


def process_records(
    max_value: datetime = datetime(2025, 1, 1),  # noqa: DTZ001 - hypothesis bounds are naive
) -> st.SearchStrategy[ProcessRecord]:
    """Process records that happened no later than ``max_value``."""
    return st.builds(
        ProcessRecord,
        kind=st.sampled_from(RecordKind),
        occurred_at=aware_datetimes(datetime(2020, 1, 1), max_value),  # noqa: DTZ001
        summary=_TEXT,
        participants=st.lists(st.sampled_from(STAFF_POOL), unique=True, max_size=3),
        department=_OPTIONAL_TEXT,
        reported_by=st.none() | st.sampled_from(STAFF_POOL),
    )


_CONTRACT_DAYS = st.dates(date(2020, 1, 1), date(2024, 12, 31))
# Strategies built on first use and then kept: cheap to draw again. The kit's tests clear it
# before each test, so that mutation testing sees the builders run inside the tests
# (tests/customers/conftest.py).
_CACHE: dict[str, st.SearchStrategy[dict[str, Any]]] = {}


def _file_fields() -> st.SearchStrategy[dict[str, Any]]:
    """The parts of a file that no rule depends on, drawn in one go."""
    if "file fields" in _CACHE:
        return _CACHE["file fields"]
    fields = _CACHE["file fields"] = st.fixed_dictionaries(
        {
            "name": _TEXT,
            "category": st.sampled_from(CustomerCategory),
            "counterpart_role": st.sampled_from(CounterpartRole),
            "legal_representative": _OPTIONAL_TEXT,
            "address": _OPTIONAL_TEXT,
            "postcode": st.sampled_from([None, "200001", "100080"]),
            "phone": _OPTIONAL_TEXT,
            "fax": _OPTIONAL_TEXT,
            "email": _OPTIONAL_TEXT,
            "business_scope": _OPTIONAL_TEXT,
            "registered_capital": st.none() | st.decimals(min_value=0, max_value=10**10, places=2),
            "credit_rating": st.sampled_from([None, "AAA", "AA", "A", "B"]),
            "profile": st.dictionaries(st.sampled_from(["history", "goals", "competitors"]), _TEXT),
            "trade_secrets": st.dictionaries(st.sampled_from(["formula", "prices"]), _TEXT),
            "technical_profile": st.dictionaries(st.sampled_from(["drawings", "process"]), _TEXT),
            "contacts": st.lists(contacts(), max_size=3),
            "records": st.lists(process_records(), max_size=2),
            "department": st.sampled_from([None, "大客户部", "sales", "marketing"]),
            "important_dates": st.lists(_CONTRACT_DAYS, max_size=3),
        }
    )
    return fields


_CODES = st.integers(1, 99999).map(lambda seq: f"KA-2024-{seq:05d}")
_IDS = st.integers(1, 999999).map(lambda number: f"C-{number}")
_ALL_TIERS: tuple[Tier | None, ...] = (None, *SCORE_TIERS, *AMOUNT_TIERS)


@st.composite
def customers(
    draw: st.DrawFn,
    *,
    statuses: Sequence[AccountStatus] = tuple(AccountStatus),
    tiers: Sequence[Tier | None] = _ALL_TIERS,
    account_id: str | None = None,
    min_staff: int = 0,
    max_staff: int | None = None,
) -> Customer:
    """Valid customer files in any of ``statuses``, with contacts, records and staff.

    Files that their status requires to hold both contracts or a code hold them. Dates lie
    in 2020-2024, so ``now`` from 2025 on is after all of them. The staff number between
    ``min_staff`` and ``max_staff`` (at most the size of :data:`STAFF_POOL`).
    """
    status = draw(st.sampled_from(statuses))
    staff = draw(
        st.lists(st.sampled_from(STAFF_POOL), unique=True, min_size=min_staff, max_size=max_staff)
    )
    manager = draw(st.sampled_from((None, *staff))) if staff else None
    approved = status in {AccountStatus.APPROVED, AccountStatus.ACTIVE, AccountStatus.DORMANT}
    trading = status in {AccountStatus.ACTIVE, AccountStatus.DORMANT}
    contract_day = draw(_CONTRACT_DAYS)
    return Customer(
        **draw(_file_fields()),
        account_id=account_id or draw(_IDS),
        status=status,
        account_code=draw(_CODES) if trading else None,
        tier=draw(st.sampled_from(tiers)),
        account_manager=manager,
        staff=staff,
        supply_contract=Contract(reference="S-1", signed_on=contract_day) if approved else None,
        quality_contract=Contract(reference="Q-1", signed_on=contract_day) if approved else None,
        approved_on=contract_day if approved else None,
        activated_on=contract_day if trading else None,
        last_purchase_on=draw(st.none() | _CONTRACT_DAYS) if trading else None,
    )


@st.composite
def portfolios(
    draw: st.DrawFn,
    *,
    statuses: Sequence[AccountStatus] = tuple(AccountStatus),
    max_size: int = 6,
    min_staff: int = 0,
) -> list[Customer]:
    """Lists of customers with distinct account ids."""
    size = draw(st.integers(0, max_size))
    return [
        draw(customers(statuses=statuses, account_id=f"C-{index}", min_staff=min_staff))
        for index in range(size)
    ]


def customer_steps(max_size: int = 12) -> st.SearchStrategy[list[LifecycleStep]]:
    """Sequences of lifecycle steps, legal or not."""
    return st.lists(st.sampled_from(LifecycleStep), max_size=max_size)


def take_customer_step(
    customer: Customer, step: LifecycleStep, *, now: datetime
) -> tuple[Customer, tuple[DomainEvent, ...]]:
    """Take ``step`` with plausible arguments (reports, contracts, a code, a reason).

    Raises whatever the customer raises for the step, e.g. InvalidTransition.
    """
    arguments: dict[str, Any] = {"now": now}
    if step is LifecycleStep.SUBMIT_APPLICATION:
        arguments["report"] = ApplicationReport(reasons="sound finances, good credit")
    elif step is LifecycleStep.APPROVE:
        arguments["supply_contract"] = Contract(reference="S-9", signed_on=now.date())
        arguments["quality_contract"] = Contract(reference="Q-9", signed_on=now.date())
        arguments["approved_by"] = "gao"
        arguments["verdict"] = SelectionVerdict(account_id=customer.account_id)
    elif step is LifecycleStep.ASSIGN_CODE:
        arguments["code"] = f"KA-{now.year}-00001"
    elif step is LifecycleStep.RECORD_PURCHASE:
        arguments["on"] = now.date()
    elif step is LifecycleStep.GO_DORMANT:
        arguments["days_without_purchase"] = 180
    elif step is LifecycleStep.REACTIVATE:
        arguments["plan"] = "quarterly visits and a trial order"
    elif step is LifecycleStep.SUSPEND:
        arguments["reason"] = "credit problem found"
        arguments["reported_to"] = "the key-account department's manager"
    elif step is LifecycleStep.TERMINATE:
        arguments["reason"] = "credit problem found"
    method = getattr(customer, step.value)
    result: tuple[Customer, tuple[DomainEvent, ...]] = method(**arguments)
    return result


@st.composite
def handover_scenarios(
    draw: st.DrawFn, *, max_size: int = 6
) -> tuple[list[Customer], str, str | tuple[str, ...] | Mapping[str, str | tuple[str, ...]]]:
    """``(portfolio, departing, successors)`` for a handover, sometimes one it must refuse.

    Successors come as one name, several names, or a mapping per account (which may miss an
    account or name the departing person).
    """
    portfolio = draw(portfolios(max_size=max_size))
    covering = sorted({person for customer in portfolio for person in customer.staff})
    departing = draw(st.sampled_from(covering)) if covering else draw(st.sampled_from(STAFF_POOL))
    affected = [customer.account_id for customer in portfolio if departing in customer.staff]
    # Successors who already cover the account add nobody to it: drawing them often is what
    # makes some handovers fall short of coverage and be refused.
    colleagues = sorted(
        {person for c in portfolio if departing in c.staff for person in c.staff} - {departing}
    )
    names = st.sampled_from(STAFF_POOL)
    if colleagues:
        names = names | st.sampled_from(colleagues)
    several = st.lists(names, min_size=1, max_size=3, unique=True).map(tuple)
    mapping = st.fixed_dictionaries(dict.fromkeys(affected, names | several))
    one_colleague = st.sampled_from(colleagues) if colleagues else names
    successors = draw(names | several | mapping | one_colleague)
    return portfolio, departing, successors


def viewers(people: Sequence[str] = STAFF_POOL) -> st.SearchStrategy[Viewer]:
    """Viewers of any role, named from ``people``."""
    return st.builds(Viewer, person=st.sampled_from(people), role=st.sampled_from(ViewerRole))


@st.composite
def files_and_viewers(draw: st.DrawFn) -> tuple[Customer, Viewer]:
    """A customer file and a viewer, who is often the file's own account manager."""
    customer = draw(customers(min_staff=1))
    people = (customer.account_manager or customer.staff[0], *STAFF_POOL)
    person = draw(st.sampled_from(people))
    return customer, Viewer(person, draw(st.sampled_from(ViewerRole)))


# --- conformance checks a host's own policy can run -----------------------------------------
# They raise AssertionError explicitly rather than with assert, so they still check under
# python -O.


def _snapshot(customers: Sequence[Customer]) -> list[Customer]:
    return [attrs.evolve(customer) for customer in customers]


def check_account_code_policy(
    policy: AccountCodePolicy, *, approved_on: date, taken: Collection[str]
) -> str:
    """Check that ``policy`` gives a non-blank code that is not taken; return the code.

    Raises:
        AssertionError: an invariant is broken.
    """
    code = policy.code_for(approved_on=approved_on, taken=taken)
    if not isinstance(code, str):
        raise AssertionError(f"account code {code!r} is not a string")
    if not code.strip():
        raise AssertionError(f"blank account code {code!r}")
    if code in taken:
        raise AssertionError(f"account code {code!r} is already taken")
    return code


def check_dormancy_policy(
    policy: DormancyPolicy, customer: Customer, moments: Sequence[datetime]
) -> None:
    """Check ``policy`` on ``customer`` at each of ``moments``.

    Only active accounts are dormant, and once dormant at a day, an account stays dormant at
    every later day.

    Raises:
        AssertionError: an invariant is broken.
    """
    dormant_since: datetime | None = None
    for moment in sorted(moments):
        dormant = policy.is_dormant(customer, now=moment)
        if dormant and customer.status is not AccountStatus.ACTIVE:
            raise AssertionError(f"{customer.status.value} account judged dormant at {moment}")
        if dormant_since is not None and moment.date() > dormant_since.date() and not dormant:
            raise AssertionError(f"dormant at {dormant_since} but not at the later {moment}")
        if dormant and dormant_since is None:
            dormant_since = moment


def check_coverage_policy(policy: CoveragePolicy, customers: Sequence[Customer]) -> None:
    """Check that ``policy`` requires no negative coverage, and lists the accounts below it.

    The accounts below coverage are those :func:`~keyaccount.coverage_violations` finds from
    ``required_staff``; a policy that also offers its own ``check`` (as
    :class:`~keyaccount.policies.MinimumStaffByTier` does) must list exactly those.

    Raises:
        AssertionError: an invariant is broken.
    """
    expected = []
    for customer in customers:
        required = policy.required_staff(customer)
        if required < 0:
            raise AssertionError(f"negative coverage {required} for {customer.account_id}")
        if len(customer.staff) < required:
            expected.append((customer.account_id, required, len(customer.staff)))
    own_check = getattr(policy, "check", None)
    violations = own_check(customers) if callable(own_check) else coverage_violations(
        customers, policy
    )
    found = [(v.account_id, v.required, v.actual) for v in violations]
    if found != expected:
        raise AssertionError(f"coverage check found {found}, expected {expected}")


def check_handover_policy(
    policy: CoveredHandover,
    customers: Sequence[Customer],
    *,
    departing: str,
    successors: Successors,
    now: datetime,
    coverage: CoveragePolicy | None = None,
) -> bool:
    """Run ``policy.hand_over`` and check its invariants; return whether it was applied.

    ``policy`` is a :class:`~keyaccount.policies.CoveredHandover`, or a host's own object with
    the same ``hand_over`` method (around :func:`~keyaccount.hand_over`, say).

    Applied: every account is still there in order; the leaver covers nothing; each account
    they covered has an owner, meets ``coverage`` (if given) and is otherwise unchanged, and
    has one ``AccountReassigned`` event at ``now``; other accounts are untouched. Refused
    (any :class:`~keyaccount.KeyAccountError`): the inputs are unchanged.

    Raises:
        AssertionError: an invariant is broken.
    """
    before = _snapshot(customers)
    try:
        after, events = policy.hand_over(
            customers, departing=departing, successors=successors, now=now
        )
    except KeyAccountError as refusal:
        if list(customers) != before:
            raise AssertionError("a refused handover changed its input") from refusal
        return False
    if [c.account_id for c in after] != [c.account_id for c in before]:
        raise AssertionError("accounts lost")
    covered = [c.account_id for c in before if departing in c.staff]
    reassigned = [event for event in events if isinstance(event, AccountReassigned)]
    if [event.account_id for event in reassigned] != covered:
        raise AssertionError(
            f"events for {[event.account_id for event in reassigned]}, covered {covered}"
        )
    if not all(event.occurred_at == now for event in events):
        raise AssertionError("an event does not carry now")
    for old, new in zip(before, after, strict=True):
        if departing in new.staff:
            raise AssertionError(f"{departing!r} still covers {new.account_id}")
        if old.account_id not in covered:
            if new != old:
                raise AssertionError(
                    f"{new.account_id} changed though {departing!r} did not cover it"
                )
            continue
        if not new.staff:
            raise AssertionError(f"{new.account_id} is left without anyone covering it")
        if old.account_manager is not None and new.account_manager is None:
            raise AssertionError(f"{new.account_id} lost its manager")
        if coverage is not None:
            required = coverage.required_staff(new)
            if len(new.staff) < required:
                raise AssertionError(f"{new.account_id} below coverage {required}")
        unchanged = attrs.evolve(new, staff=old.staff, account_manager=old.account_manager)
        if unchanged != old:
            raise AssertionError(f"{new.account_id}: the handover changed more than its staff")
    return True


def check_access_policy(policy: AccessPolicy, customer: Customer, viewer: Viewer) -> None:
    """Check the view ``policy`` gives ``viewer`` of ``customer`` (built by ``redact``).

    A view never holds a field it lists as withheld, names every field one way or the other,
    shows personal notes only to the account's own manager, and shows no confidential part
    (trade secrets, technical profile, negotiation records) to anyone who does not cover the
    account (SPEC §4; seed 003 信息 第七条).

    Raises:
        AssertionError: an invariant is broken.
    """
    view = redact(customer, policy, viewer=viewer)
    visible, withheld = set(view.visible), set(view.withheld)
    if visible & withheld:
        raise AssertionError(f"fields both visible and withheld: {visible & withheld}")
    unnamed = set(CUSTOMER_FIELDS) - visible - withheld
    if unnamed:
        raise AssertionError(f"fields neither visible nor withheld: {sorted(unnamed)}")
    for name in withheld:
        if name in view:
            raise AssertionError(f"withheld field {name!r} is readable")
    own_manager = (
        viewer.role is ViewerRole.ACCOUNT_MANAGER and viewer.person == customer.account_manager
    )
    if not own_manager:
        if CONTACT_PERSONAL_NOTES not in withheld:
            raise AssertionError("personal notes shown beyond the manager")
        if "contacts" in visible and any(
            contact.personal_notes is not None for contact in view["contacts"]
        ):
            raise AssertionError("a contact's personal notes are in the view")
        if viewer.person not in customer.staff:
            leaked = sorted(set(FILE_CONFIDENTIAL_PARTS) - withheld)
            if leaked:
                raise AssertionError(f"confidential part(s) {leaked} shown off the account")
    if "records" in visible:
        expected = tuple(
            record for record in customer.records
            if NEGOTIATION_RECORDS not in withheld or record.kind is not RecordKind.NEGOTIATION
        )
        if view["records"] != expected:
            raise AssertionError("the records in the view are not the file's readable ones")
    for name in visible - {"contacts", "records"}:
        if view[name] != getattr(customer, name):
            raise AssertionError(f"{name!r} differs from the file")
