"""The lifecycle (SPEC §2, seed 003), account codes and dormancy."""

from datetime import UTC, date, datetime, timedelta, timezone
from random import Random
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from keyaccount import (
    TRADING_TERMINATED,
    TRANSITIONS,
    AccountActivated,
    AccountApproved,
    AccountCodePolicy,
    AccountReactivated,
    AccountStatus,
    AccountWentDormant,
    ApplicationReport,
    Contract,
    Customer,
    DormancyPolicy,
    InvalidInput,
    InvalidTransition,
    LifecycleEvent,
    LifecycleStep,
    PolicyConfigError,
    PurchaseRecorded,
    SelectionVerdict,
    TradingTerminated,
    apply_dormancy,
    assign_account_code,
)
from keyaccount.policies import DaysWithoutPurchase, SequentialAccountCodes, presets
from keyaccount.testing import (
    aware_datetimes,
    check_account_code_policy,
    check_dormancy_policy,
    customers,
    portfolios,
    take_customer_step,
)

NOW = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
LATER = NOW + timedelta(days=30)
# who approves, and a selection verdict that refuses nothing (seed 003 开发 第二-五条)
APPROVAL: dict[str, Any] = {"approved_by": "gao", "verdict": SelectionVerdict(account_id="C-1")}


def prospect() -> Customer:
    return Customer(account_id="C-1", name="华东机械集团", category="industry")


def supply() -> Contract:
    return Contract(reference="GY-2025-017", signed_on=date(2025, 3, 3))


def quality() -> Contract:
    return Contract(reference="ZB-2025-017", signed_on=date(2025, 3, 3))


def approved() -> Customer:
    customer, _ = prospect().begin_general_investigation(now=NOW)
    customer, _ = customer.begin_onsite_investigation(now=NOW)
    customer, _ = customer.submit_application(ApplicationReport(reasons="sound"), now=NOW)
    customer, _ = customer.approve(supply_contract=supply(), quality_contract=quality(), now=NOW,
                                   **APPROVAL)
    return customer


def active(on: datetime = NOW) -> Customer:
    customer, _ = approved().assign_code("KA-2025-00001", now=on)
    return customer


# --- the path of seed 003 ------------------------------------------------------------------


def test_a_prospect_becomes_an_active_key_account_step_by_step() -> None:
    customer = prospect()
    customer, _ = customer.begin_general_investigation(now=NOW)
    assert customer.status is AccountStatus.GENERAL_INVESTIGATION
    customer, _ = customer.begin_onsite_investigation(now=NOW)
    assert customer.status is AccountStatus.ONSITE_INVESTIGATION
    report = ApplicationReport(reasons="sound finances", goods_and_amounts="gears, 8,000,000")
    customer, _ = customer.submit_application(report, now=NOW)
    assert customer.application == report
    customer, (approval,) = customer.approve(
        supply_contract=supply(), quality_contract=quality(), now=NOW, **APPROVAL
    )
    assert customer.status is AccountStatus.APPROVED
    assert (customer.supply_contract, customer.quality_contract) == (supply(), quality())
    assert approval == AccountApproved(
        occurred_at=NOW,
        account_id="C-1",
        step=LifecycleStep.APPROVE,
        from_status=AccountStatus.APPLICATION,
        to_status=AccountStatus.APPROVED,
        supply_contract="GY-2025-017",
        quality_contract="ZB-2025-017",
        approved_by="gao",
    )
    customer, (activation,) = customer.assign_code("KA-2025-00001", now=LATER)
    assert customer.status is AccountStatus.ACTIVE
    assert customer.account_code == "KA-2025-00001"
    assert customer.activated_on == LATER.date()
    assert isinstance(activation, AccountActivated)
    assert activation.occurred_at == LATER


def test_a_prospect_cannot_be_approved_before_its_onsite_investigation() -> None:
    customer, _ = prospect().begin_general_investigation(now=NOW)
    with pytest.raises(
        InvalidTransition,
        match=r"'C-1' is general_investigation; cannot approve \(allowed only from "
        r"\['application'\]\)",
    ):
        customer.approve(supply_contract=supply(), quality_contract=quality(), now=NOW,
                                   **APPROVAL)


def test_the_onsite_investigation_follows_the_general_one() -> None:
    with pytest.raises(InvalidTransition, match="prospect; cannot begin_onsite_investigation"):
        prospect().begin_onsite_investigation(now=NOW)


def test_approval_needs_both_contracts_at_once() -> None:
    customer, _ = prospect().begin_general_investigation(now=NOW)
    customer, _ = customer.begin_onsite_investigation(now=NOW)
    pending, _ = customer.submit_application(ApplicationReport(reasons="sound"), now=NOW)
    with pytest.raises(InvalidInput, match="quality_contract must be a Contract"):
        pending.approve(
            supply_contract=supply(),
            quality_contract=None,  # type: ignore[arg-type]
            now=NOW,
            **APPROVAL,
        )


def test_the_two_contracts_of_an_approval_must_be_two_contracts() -> None:
    customer, _ = prospect().begin_general_investigation(now=NOW)
    customer, _ = customer.begin_onsite_investigation(now=NOW)
    customer, _ = customer.submit_application(ApplicationReport(reasons="sound"), now=NOW)
    with pytest.raises(InvalidInput, match="must be two contracts"):
        customer.approve(supply_contract=supply(), quality_contract=supply(), now=NOW,
                         **APPROVAL)


def test_a_code_is_assigned_only_to_an_approved_account() -> None:
    with pytest.raises(InvalidTransition, match="cannot assign_code"):
        prospect().assign_code("KA-1", now=NOW)


def test_a_credit_problem_found_during_investigation_suspends_it() -> None:
    customer, _ = prospect().begin_general_investigation(now=NOW)
    customer, _ = customer.begin_onsite_investigation(now=NOW)
    suspended, (event,) = customer.suspend(reason="overdue debts with two banks",
                                             reported_to="gao", now=NOW)
    assert suspended.status is AccountStatus.SUSPENDED
    assert event.reason == "overdue debts with two banks"
    resumed, _ = suspended.resume_investigation(now=LATER)
    assert resumed.status is AccountStatus.GENERAL_INVESTIGATION


def test_an_active_account_cannot_be_suspended_as_an_investigation() -> None:
    with pytest.raises(InvalidTransition, match="active; cannot suspend"):
        active().suspend(reason="late payment", reported_to="gao", now=NOW)


def test_a_terminated_account_is_archived_as_trading_terminated_with_its_file() -> None:
    customer = active()
    terminated, (event,) = customer.terminate(reason="dissolved", now=LATER)
    assert terminated.status is AccountStatus.TERMINATED
    assert terminated.archive_mark == TRADING_TERMINATED == "交易终止"
    assert isinstance(event, TradingTerminated)
    assert event.archive_mark == "交易终止"
    assert terminated.account_code == customer.account_code
    assert terminated.supply_contract == customer.supply_contract


def test_a_terminated_account_cannot_be_terminated_again_or_trade() -> None:
    terminated, _ = active().terminate(reason="dissolved", now=LATER)
    with pytest.raises(InvalidTransition, match="terminated; cannot terminate"):
        terminated.terminate(reason="again", now=LATER)
    with pytest.raises(InvalidTransition, match="terminated; cannot record_purchase"):
        terminated.record_purchase(on=LATER.date(), now=LATER)


def test_a_prospect_never_approved_cannot_be_terminated() -> None:
    with pytest.raises(InvalidTransition, match="prospect; cannot terminate"):
        prospect().terminate(reason="lost interest", now=NOW)


def test_lifecycle_steps_refuse_a_naive_now() -> None:
    with pytest.raises(InvalidInput, match="timezone-aware"):
        prospect().begin_general_investigation(now=datetime(2025, 3, 3))  # noqa: DTZ001


def test_reasons_and_plans_must_not_be_blank() -> None:
    with pytest.raises(InvalidInput, match="reactivation plan"):
        _dormant().reactivate(plan=" ", now=LATER)
    with pytest.raises(InvalidInput, match="termination reason"):
        active().terminate(reason="", now=LATER)


# --- purchases and dormancy ----------------------------------------------------------------


def _dormant() -> Customer:
    customer, _ = active().go_dormant(now=LATER, days_without_purchase=180)
    return customer


def test_a_purchase_moves_the_last_purchase_day_only_forward() -> None:
    customer, (event,) = active().record_purchase(on=date(2025, 3, 2), now=LATER)
    assert isinstance(event, PurchaseRecorded)
    customer, _ = customer.record_purchase(on=date(2025, 3, 1), now=LATER)
    assert customer.last_purchase_on == date(2025, 3, 2)


def test_a_purchase_after_now_is_refused() -> None:
    with pytest.raises(InvalidInput, match="after now"):
        active().record_purchase(on=LATER.date() + timedelta(days=1), now=LATER)


def test_a_purchase_day_must_be_a_date_not_a_datetime() -> None:
    with pytest.raises(InvalidInput, match=r"datetime\.date"):
        active().record_purchase(on=LATER, now=LATER)


def test_a_dormant_account_that_buys_is_active_again() -> None:
    customer, events = _dormant().record_purchase(on=LATER.date(), now=LATER)
    assert customer.status is AccountStatus.ACTIVE
    assert [type(event) for event in events] == [PurchaseRecorded, AccountReactivated]


def test_a_late_entry_of_an_old_purchase_does_not_end_a_dormancy() -> None:
    customer, _ = active().record_purchase(on=date(2025, 3, 20), now=LATER)
    dormant, _ = customer.go_dormant(now=LATER + timedelta(days=200), days_without_purchase=200)
    with pytest.raises(
        InvalidInput,
        match=r"purchase day \(on\) 2025-03-10 on dormant customer 'C-1' must be after its last "
        r"purchase or activation \(2025-03-20\)",
    ):
        dormant.record_purchase(on=date(2025, 3, 10), now=LATER + timedelta(days=201))


def test_a_dormant_account_is_reactivated_with_a_plan() -> None:
    customer, (event,) = _dormant().reactivate(plan="visit monthly, trial order", now=LATER)
    assert customer.status is AccountStatus.ACTIVE
    assert customer.activated_on == LATER.date()
    assert isinstance(event, AccountReactivated)
    assert event.reason == "visit monthly, trial order"


def test_an_account_is_dormant_after_180_days_without_a_purchase_by_default() -> None:
    customer, _ = active().record_purchase(on=date(2025, 3, 3), now=NOW)
    policy = presets.dormancy()
    day_179 = datetime(2025, 8, 29, 12, 0, tzinfo=UTC)
    assert policy.days_without_purchase(customer, now=day_179) == 179
    assert not policy.is_dormant(customer, now=day_179)
    assert policy.is_dormant(customer, now=day_179 + timedelta(days=1))


def test_an_account_that_never_bought_counts_from_its_activation() -> None:
    customer = active(on=NOW)
    assert DaysWithoutPurchase(days=30).is_dormant(customer, now=NOW + timedelta(days=30))
    assert not DaysWithoutPurchase(days=31).is_dormant(customer, now=NOW + timedelta(days=30))


def test_dormancy_counts_days_in_the_zone_of_now() -> None:
    customer, _ = active().record_purchase(on=date(2025, 3, 3), now=NOW)
    beijing = timezone(timedelta(hours=8))
    # 2025-03-03 23:30 in UTC is already 2025-03-04 in Beijing.
    late = datetime(2025, 3, 3, 23, 30, tzinfo=UTC)
    policy = DaysWithoutPurchase(days=1)
    assert not policy.is_dormant(customer, now=late)
    assert policy.is_dormant(customer, now=late.astimezone(beijing))


def test_only_active_accounts_are_judged_dormant() -> None:
    policy = DaysWithoutPurchase(days=1)
    far = NOW + timedelta(days=1000)
    assert not policy.is_dormant(prospect(), now=far)
    assert not policy.is_dormant(_dormant(), now=far)
    assert policy.days_without_purchase(approved(), now=far) is None


def test_applying_dormancy_marks_the_dormant_and_keeps_the_rest() -> None:
    bought, _ = active().record_purchase(
        on=date(2025, 9, 1), now=datetime(2025, 9, 1, tzinfo=UTC)
    )
    idle = Customer(**{**_fields(active()), "account_id": "C-2"})
    now = datetime(2025, 10, 1, tzinfo=UTC)
    newcomer = Customer(**{**_fields(prospect()), "account_id": "C-3"})
    portfolio, events = apply_dormancy([bought, idle, newcomer], presets.dormancy(), now=now)
    assert [customer.status for customer in portfolio] == [
        AccountStatus.ACTIVE,
        AccountStatus.DORMANT,
        AccountStatus.PROSPECT,
    ]
    assert events == (
        AccountWentDormant(
            occurred_at=now,
            account_id="C-2",
            step=LifecycleStep.GO_DORMANT,
            from_status=AccountStatus.ACTIVE,
            to_status=AccountStatus.DORMANT,
            last_purchase_on=None,
            days_without_purchase=212,
        ),
    )
    assert presets.dormancy().dormant_accounts([bought, idle], now=now) == (idle,)
    assert presets.dormancy().apply([bought, idle], now=now) == apply_dormancy(
        [bought, idle], presets.dormancy(), now=now
    )


def test_a_customer_is_judged_for_dormancy_at_most_once_at_a_time() -> None:
    idle = active()
    with pytest.raises(InvalidInput, match=r"customer 'C-1' is given twice to apply_dormancy"):
        apply_dormancy([idle, idle], presets.dormancy(), now=NOW + timedelta(days=400))


def test_days_without_purchase_refuse_a_now_before_the_last_purchase() -> None:
    customer, _ = active().record_purchase(on=date(2025, 3, 3), now=NOW)
    with pytest.raises(
        InvalidInput,
        match=r"now 2024-01-03T00:00:00\+00:00 is before the last purchase or activation "
        r"\(2025-03-03\) of customer 'C-1'",
    ):
        presets.dormancy().days_without_purchase(customer, now=datetime(2024, 1, 3, tzinfo=UTC))
    with pytest.raises(InvalidInput,
                       match=r"is before the last purchase or activation .* of customer 'C-1'"):
        apply_dormancy([customer], presets.dormancy(), now=datetime(2024, 1, 3, tzinfo=UTC))


@pytest.mark.parametrize("method", ["days_without_purchase", "is_dormant"])
def test_dormancy_is_judged_of_a_customer_file_only(method: str) -> None:
    with pytest.raises(InvalidInput, match=r"customer must be a Customer, got 'C-1'"):
        getattr(presets.dormancy(), method)("C-1", now=NOW)


def test_dormancy_is_applied_by_a_dormancy_policy_only() -> None:
    with pytest.raises(InvalidInput, match=r"policy must be a DormancyPolicy, got 180"):
        apply_dormancy([active()], 180, now=NOW)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"days": 0}, r"dormancy days must be an int in 1\.\.3660, got 0"),
        ({"days": "180"}, r"dormancy days must be an int in 1\.\.3660, got '180'"),
        ({"days": True}, r"dormancy days must be an int in 1\.\.3660, got True"),
        ({"days": 3661}, r"dormancy days must be an int in 1\.\.3660, got 3661"),
        ({"days": 2**70}, r"dormancy days must be an int in 1\.\.3660, got 1180591620717411303424"),
        ({"dayz": 9}, r"dormancy settings have unknown key\(s\) \['dayz'\]"),
    ],
)
def test_dormancy_days_are_a_duration_of_at_most_ten_years_and_bad_settings_are_refused(
    settings: dict[str, object], message: str
) -> None:
    with pytest.raises(PolicyConfigError, match=message):
        DaysWithoutPurchase.from_mapping(settings)


@given(
    customers(),
    st.integers(1, 2000),
    aware_datetimes(datetime(2025, 1, 1), datetime(2027, 12, 31)),  # noqa: DTZ001
)
def test_an_active_account_is_dormant_exactly_when_its_quiet_days_reach_the_setting(
    customer: Customer, days: int, now: datetime
) -> None:
    policy = DaysWithoutPurchase(days=days)
    known = [day for day in (customer.last_purchase_on, customer.activated_on) if day]
    # SPEC §2: days without a purchase, counted to now's own calendar day.
    quiet = (now.date() - max(known)).days if known else None
    expected = customer.status is AccountStatus.ACTIVE and quiet is not None and quiet >= days
    assert policy.is_dormant(customer, now=now) is expected
    if customer.status is AccountStatus.ACTIVE:
        assert policy.days_without_purchase(customer, now=now) == quiet


@given(customers(statuses=[AccountStatus.ACTIVE]), st.integers(1, 400), st.integers(0, 800))
def test_once_dormant_an_account_stays_dormant_at_every_later_day(
    customer: Customer, days: int, later: int
) -> None:
    policy = DaysWithoutPurchase(days=days)
    now = datetime(2025, 1, 1, tzinfo=UTC)
    if policy.is_dormant(customer, now=now):
        assert policy.is_dormant(customer, now=now + timedelta(days=later))


@given(portfolios(), aware_datetimes(datetime(2025, 1, 1), datetime(2027, 1, 1)))  # noqa: DTZ001
def test_applying_dormancy_changes_only_accounts_the_policy_finds_dormant(
    portfolio: list[Customer], now: datetime
) -> None:
    policy = presets.dormancy()
    after, events = apply_dormancy(portfolio, policy, now=now)
    assert len(after) == len(portfolio)
    dormant = {customer.account_id for customer in policy.dormant_accounts(portfolio, now=now)}
    assert {event.account_id for event in events} == dormant  # type: ignore[attr-defined]
    for before, now_customer in zip(portfolio, after, strict=True):
        if before.account_id in dormant:
            assert now_customer.status is AccountStatus.DORMANT
        else:
            assert now_customer == before
    assert policy.dormant_accounts(after, now=now) == ()


# --- account codes -----------------------------------------------------------------------


def test_the_default_code_is_the_approval_year_and_a_five_digit_sequence() -> None:
    codes = presets.account_codes()
    assert codes.code_for(approved_on=date(2025, 3, 20), taken=set()) == "KA-2025-00001"
    assert codes.code_for(approved_on=date(2025, 3, 20), taken={"KA-2025-00001"}) == (
        "KA-2025-00002"
    )


def test_assigning_a_code_by_policy_activates_the_account_with_a_free_code() -> None:
    customer, (event,) = assign_account_code(
        approved(), SequentialAccountCodes(), taken={"KA-2025-00001"}, now=LATER
    )
    assert customer.account_code == "KA-2025-00002"
    assert isinstance(event, AccountActivated)


def test_a_code_policy_cannot_activate_an_account_that_is_not_approved() -> None:
    with pytest.raises(InvalidTransition, match="prospect; cannot assign_code"):
        assign_account_code(prospect(), SequentialAccountCodes(), taken=set(), now=NOW)


def test_a_host_can_plug_its_own_code_scheme() -> None:
    class BranchCodes:
        def code_for(self, *, approved_on: date, taken: object, **_: object) -> str:
            return f"SH-{approved_on:%y%m}"

    assert isinstance(BranchCodes(), AccountCodePolicy)
    customer, _ = assign_account_code(approved(), BranchCodes(), taken=set(), now=LATER)
    assert customer.account_code == "SH-2503"


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"pattern": "KA-{year}"}, r"\{seq\}"),
        ({"pattern": "KA-{seq}-{branch}"}, "cannot be formatted"),
        ({"pattern": "KA-{seq:.0s}"}, "cannot be formatted"),
        ({"pattern": "KA-{seq[0]}"}, "cannot be formatted"),
        ({"pattern": "KA-{seq.size}"}, "cannot be formatted"),
        ({"start": -1}, "start"),
        ({"prefix": "KA"}, "unknown key"),
    ],
)
def test_bad_account_code_settings_are_refused(settings: dict[str, object], message: str) -> None:
    with pytest.raises(PolicyConfigError, match=message):
        SequentialAccountCodes.from_mapping(settings)


@pytest.mark.parametrize(
    "pattern",
    [
        "{seq:0999999999d}",
        "KA-{seq:021d}",
        "{year:>40}-{seq}",
        "{seq:.99}",
        "{seq:" + "9" * 5000 + "d}",
    ],
)
def test_an_account_code_field_is_at_most_twenty_characters_wide(pattern: str) -> None:
    with pytest.raises(
        PolicyConfigError,
        match=r"account code pattern .* sets a width or precision of \d+ in \{\w+:.*\}; "
        r"a placeholder is at most 20 characters wide",
    ):
        SequentialAccountCodes.from_mapping({"pattern": pattern})
    assert SequentialAccountCodes(pattern="KA-{seq:020d}").code_for(
        approved_on=date(2025, 4, 1), taken=()
    ) == "KA-" + "1".zfill(20)


def test_an_account_code_pattern_cannot_nest_placeholders_in_a_format() -> None:
    with pytest.raises(PolicyConfigError, match=r"nests a placeholder in the format of \{seq:"):
        SequentialAccountCodes.from_mapping({"pattern": "{seq:{year}d}"})


@given(
    st.sets(st.from_regex(r"KA-2025-0000[0-9]", fullmatch=True), max_size=10),
    st.dates(date(2025, 1, 1), date(2025, 12, 31)),
)
def test_a_new_code_is_never_one_already_taken(taken: set[str], approved_on: date) -> None:
    code = SequentialAccountCodes().code_for(approved_on=approved_on, taken=taken)
    assert code not in taken
    assert code.startswith("KA-2025-")


@pytest.mark.parametrize("taken", ["KA-2025-00001", b"KA-2025-00001", None, date(2025, 1, 1)])
def test_the_codes_taken_must_be_a_collection_of_codes(taken: object) -> None:
    with pytest.raises(InvalidInput, match=r"taken must be a collection of account codes, got"):
        SequentialAccountCodes().code_for(
            approved_on=date(2025, 4, 1), taken=taken  # type: ignore[arg-type]
        )


def test_a_category_is_read_from_its_value_as_on_the_customer_file() -> None:
    codes = SequentialAccountCodes(pattern="{category}-{seq}")
    day = date(2025, 4, 1)
    code = codes.code_for(approved_on=day, taken=(), category="industry")  # type: ignore[arg-type]
    assert code == "industry-1"
    with pytest.raises(InvalidInput, match=r"category must be one of \['industry'"):
        codes.code_for(approved_on=day, taken=(), category="x")  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match=r"counterpart_role must be one of \['customer'"):
        codes.code_for(approved_on=day, taken=(), counterpart_role="buyer")


# --- properties of the whole lifecycle -----------------------------------------------------

_S = AccountStatus
_L = LifecycleStep
# SPEC §2 and seed 003, written out here independently of TRANSITIONS so that a wrong edge in
# the library's table fails a test: state -> {step: next state}. Nothing leaves terminated.
SEED_003_LIFECYCLE: dict[AccountStatus, dict[LifecycleStep, AccountStatus]] = {
    _S.PROSPECT: {_L.BEGIN_GENERAL_INVESTIGATION: _S.GENERAL_INVESTIGATION},
    _S.GENERAL_INVESTIGATION: {
        _L.BEGIN_ONSITE_INVESTIGATION: _S.ONSITE_INVESTIGATION,
        _L.SUSPEND: _S.SUSPENDED,
    },
    _S.ONSITE_INVESTIGATION: {_L.SUBMIT_APPLICATION: _S.APPLICATION, _L.SUSPEND: _S.SUSPENDED},
    _S.APPLICATION: {_L.APPROVE: _S.APPROVED, _L.SUSPEND: _S.SUSPENDED},
    _S.APPROVED: {_L.ASSIGN_CODE: _S.ACTIVE, _L.TERMINATE: _S.TERMINATED},
    _S.ACTIVE: {
        _L.RECORD_PURCHASE: _S.ACTIVE,
        _L.GO_DORMANT: _S.DORMANT,
        _L.TERMINATE: _S.TERMINATED,
    },
    _S.DORMANT: {
        _L.RECORD_PURCHASE: _S.ACTIVE,
        _L.REACTIVATE: _S.ACTIVE,
        _L.TERMINATE: _S.TERMINATED,
    },
    _S.SUSPENDED: {
        _L.RESUME_INVESTIGATION: _S.GENERAL_INVESTIGATION,
        _L.TERMINATE: _S.TERMINATED,
    },
    _S.TERMINATED: {},
}


def test_the_transition_table_is_the_lifecycle_of_seed_003() -> None:
    table: dict[AccountStatus, dict[LifecycleStep, AccountStatus]] = {s: {} for s in _S}
    for step, transition in TRANSITIONS.items():
        for source in transition.sources:
            table[source][step] = transition.target
    assert table == SEED_003_LIFECYCLE


def test_an_active_account_is_reached_only_through_approval_with_both_contracts() -> None:
    # Every path from a prospect to active passes approved, which needs both contracts.
    reachable = {_S.PROSPECT}
    frontier = [_S.PROSPECT]
    while frontier:
        state = frontier.pop()
        for step, target in SEED_003_LIFECYCLE[state].items():
            if step is _L.APPROVE:
                continue
            if target not in reachable:
                reachable.add(target)
                frontier.append(target)
    assert _S.ACTIVE not in reachable
    assert _S.APPROVED not in reachable


@st.composite
def _walks(draw: st.DrawFn) -> tuple[Customer, list[LifecycleStep | None]]:
    """A customer and a walk: ``None`` means "take a step the lifecycle allows"."""
    start = draw(st.just(prospect()) | customers())
    # Three in four are allowed steps, so walks reach the far states (active, dormant,
    # terminated) often; the rest are any step, illegal ones included.
    step = st.tuples(st.integers(0, 3), st.sampled_from(LifecycleStep)).map(
        lambda pair: None if pair[0] else pair[1]
    )
    return start, draw(st.lists(step, max_size=15))


@given(_walks(), st.randoms(use_true_random=False), aware_datetimes(datetime(2025, 1, 1)))  # noqa: DTZ001
def test_allowed_steps_stay_in_the_lifecycle_and_illegal_ones_raise_and_change_nothing(
    walk: tuple[Customer, list[LifecycleStep | None]], random: Random, now: datetime
) -> None:
    customer, steps = walk
    for wanted in steps:
        # Each step happens a day after the last, as in life: a dormant account's purchase must
        # come after its activation, which a walk at one fixed instant could never give.
        now += timedelta(days=1)
        allowed = SEED_003_LIFECYCLE[customer.status]
        if wanted is None:
            if not allowed:
                continue
            wanted = random.choice(sorted(allowed, key=lambda step: step.value))
        before = Customer(**_fields(customer))
        if wanted in allowed:
            after, events = take_customer_step(customer, wanted, now=now)
            assert after.status is allowed[wanted]
            # The new file is valid by every rule of construction (contracts, code, staff).
            assert Customer(**_fields(after)) == after
            assert after.records == customer.records
            assert events
            for event in events:
                assert event.occurred_at == now
                assert event.occurred_at.utcoffset() == now.utcoffset()
            lifecycle = [event for event in events if isinstance(event, LifecycleEvent)]
            assert (lifecycle[0].step, lifecycle[0].from_status, lifecycle[0].to_status) == (
                wanted,
                customer.status,
                after.status,
            )
            assert customer == before  # the input is a value: the step did not change it
            customer = after
        else:
            with pytest.raises(
                InvalidTransition, match=f"is {customer.status.value}; cannot {wanted.value} "
            ):
                take_customer_step(customer, wanted, now=now)
            assert customer == before


def test_a_default_dormancy_policy_satisfies_the_protocol() -> None:
    assert isinstance(DaysWithoutPurchase(), DormancyPolicy)


def _fields(customer: Customer) -> dict[str, object]:
    return {field.name: getattr(customer, field.name) for field in attrs.fields(Customer)}


# --- the conformance checks a host's own policy can run ------------------------------------


@given(
    customers(),
    st.lists(aware_datetimes(datetime(2025, 1, 1), datetime(2026, 12, 31)), max_size=5),  # noqa: DTZ001
)
def test_the_default_dormancy_policy_passes_its_conformance_check(
    customer: Customer, moments: list[datetime]
) -> None:
    check_dormancy_policy(presets.dormancy(), customer, moments)


@given(st.sets(st.sampled_from([f"KA-2025-{seq:05d}" for seq in range(1, 20)])))
def test_the_default_code_policy_passes_its_conformance_check(taken: set[str]) -> None:
    check_account_code_policy(presets.account_codes(), approved_on=date(2025, 5, 5), taken=taken)


def test_the_code_check_catches_a_policy_that_reuses_a_code() -> None:
    class FixedCode:
        def code_for(self, **_: object) -> str:
            return "KA-1"

    with pytest.raises(AssertionError, match="already taken"):
        check_account_code_policy(
            FixedCode(),  # type: ignore[arg-type]
            approved_on=date(2025, 5, 5),
            taken={"KA-1"},
        )


def test_states_carry_the_seed_names_and_say_whether_they_are_on_the_roster() -> None:
    assert AccountStatus.DORMANT.label_zh == "休眠客户"
    assert AccountStatus.TERMINATED.label_zh == "交易终止"
    assert [status.value for status in AccountStatus if status.on_roster] == [
        "approved",
        "active",
        "dormant",
    ]


def test_dormancy_days_carried_by_the_event_must_be_a_count() -> None:
    with pytest.raises(InvalidInput, match="days_without_purchase"):
        active().go_dormant(now=LATER, days_without_purchase=-1)


@pytest.mark.parametrize("start", [10**9 + 1, 2**70])
def test_an_account_code_sequence_starts_at_a_count_of_at_most_a_billion(start: int) -> None:
    with pytest.raises(
        PolicyConfigError, match=rf"account code start must be an int in 0\.\.10\*\*9, got {start}"
    ):
        SequentialAccountCodes.from_mapping({"start": start})
