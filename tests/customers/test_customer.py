"""The customer file (SPEC §1): its fields, contacts, append-only records and staff."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from keyaccount import (
    AMENDABLE_FIELDS,
    TIER_A,
    TIER_B,
    TIER_C,
    AccountReassigned,
    AccountStatus,
    AccountToPlan,
    Contact,
    ContactRole,
    Contract,
    CounterpartRole,
    Customer,
    CustomerCategory,
    FileAmended,
    InvalidInput,
    KeyAccountError,
    ProcessRecord,
    ProcessRecorded,
    RecordKind,
    StaffAssigned,
    Tier,
    TierChanged,
    apply_grading,
)
from keyaccount.policies import presets
from keyaccount.testing import customers, portfolios, process_records

NOW = datetime(2025, 6, 2, 10, 0, tzinfo=UTC)


def a_customer(**changes: object) -> Customer:
    fields: dict[str, object] = {
        "account_id": "C-1",
        "name": "华东机械集团",
        "category": CustomerCategory.INDUSTRY,
    }
    fields.update(changes)
    return Customer(**fields)  # type: ignore[arg-type]


def a_record(**changes: object) -> ProcessRecord:
    fields: dict[str, object] = {
        "kind": RecordKind.NEGOTIATION,
        "occurred_at": NOW - timedelta(days=1),
        "summary": "price talks for 2025",
        "participants": ("wang", "采购经理 周"),
    }
    fields.update(changes)
    return ProcessRecord(**fields)  # type: ignore[arg-type]


# --- the file's fields -------------------------------------------------------------------


def test_a_new_customer_is_a_prospect_covered_by_nobody_yet() -> None:
    customer = a_customer()
    assert customer.status is AccountStatus.PROSPECT
    assert customer.staff == ()
    assert customer.account_manager is None
    assert customer.counterpart_role is CounterpartRole.CUSTOMER


def test_the_three_categories_of_seed_000_have_their_chinese_names() -> None:
    assert [category.label_zh for category in CustomerCategory] == [
        "行业大客户",
        "区域大客户",
        "潜力大客户",
    ]


def test_category_and_counterpart_role_are_accepted_by_their_values() -> None:
    customer = a_customer(category="potential", counterpart_role="special")
    assert customer.category is CustomerCategory.POTENTIAL
    assert customer.counterpart_role is CounterpartRole.SPECIAL


def test_an_unknown_category_is_refused_naming_the_known_ones() -> None:
    with pytest.raises(InvalidInput, match=r"category must be one of .*'industry'.*'vip'"):
        a_customer(category="vip")


@pytest.mark.parametrize("blank", ["", "   "])
def test_a_blank_account_id_or_name_is_refused(blank: str) -> None:
    with pytest.raises(InvalidInput, match="account_id"):
        a_customer(account_id=blank)
    with pytest.raises(InvalidInput, match="name"):
        a_customer(name=blank)


def test_registered_capital_is_exact_money() -> None:
    assert a_customer(registered_capital="5000000.00").registered_capital == Decimal("5000000.00")
    assert a_customer(registered_capital=3).registered_capital == Decimal(3)


def test_registered_capital_as_a_float_is_refused() -> None:
    with pytest.raises(InvalidInput, match="float"):
        a_customer(registered_capital=5e6)


def test_negative_registered_capital_is_refused() -> None:
    with pytest.raises(InvalidInput, match=r"registered_capital must be >= 0, got -1"):
        a_customer(registered_capital=Decimal(-1))


def test_important_dates_are_kept_sorted_and_once() -> None:
    days = (date(2025, 9, 1), date(2025, 3, 8), date(2025, 9, 1))
    assert a_customer(important_dates=days).important_dates == (
        date(2025, 3, 8),
        date(2025, 9, 1),
    )


def test_an_important_date_must_be_a_plain_date() -> None:
    with pytest.raises(InvalidInput, match="important_dates"):
        a_customer(important_dates=[NOW])


def test_the_account_manager_must_be_one_of_the_staff() -> None:
    with pytest.raises(InvalidInput, match="account_manager 'wang' must be one of the staff"):
        a_customer(staff=("li",), account_manager="wang")


def test_a_staff_member_cannot_be_listed_twice() -> None:
    with pytest.raises(InvalidInput, match=r"Customer\.staff names someone twice: \['li', 'li'\]"):
        a_customer(staff=("li", "li"))


def test_an_approved_account_must_hold_both_contracts() -> None:
    supply = Contract(reference="S-1", signed_on=date(2025, 1, 1))
    with pytest.raises(InvalidInput, match="quality-assurance contract"):
        a_customer(status="approved", supply_contract=supply)


def test_an_active_account_must_have_a_code() -> None:
    contract = Contract(reference="S-1", signed_on=date(2025, 1, 1))
    with pytest.raises(InvalidInput, match="account_code"):
        a_customer(status="active", supply_contract=contract, quality_contract=contract)


def test_profile_topics_are_kept_as_frozen_pairs() -> None:
    customer = a_customer(profile={"competitors": "two local firms", "history": "since 1998"})
    assert customer.profile == (("competitors", "two local firms"), ("history", "since 1998"))


def test_a_customer_file_is_frozen() -> None:
    customer = a_customer()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        customer.name = "other"  # type: ignore[misc]


# --- contacts ------------------------------------------------------------------------------


def test_contacts_have_a_level_of_authority_from_buyer_to_chairman() -> None:
    assert ContactRole.BUYER.level < ContactRole.PURCHASING_DIRECTOR.level
    assert ContactRole.PURCHASING_DIRECTOR.level < ContactRole.CHAIRMAN.level
    assert ContactRole.CFO.label_zh == "财务总监"


def test_a_contact_keeps_every_channel_and_confidential_notes() -> None:
    contact = Contact(
        name="周敏",
        role="purchasing_manager",
        authority="orders up to 2,000,000 CNY",
        phone="021-1",
        mobile="138",
        wechat="zhoumin",
        qq="10001",
        email="zhou@example.com",
        personal_notes="plays golf; daughter starts university in 2025",
    )
    assert contact.role is ContactRole.PURCHASING_MANAGER
    assert (contact.phone, contact.mobile, contact.wechat, contact.qq, contact.email) == (
        "021-1",
        "138",
        "zhoumin",
        "10001",
        "zhou@example.com",
    )
    assert contact.authority == "orders up to 2,000,000 CNY"
    assert contact.personal_notes == "plays golf; daughter starts university in 2025"
    assert Contact.CONFIDENTIAL_FIELDS == ("personal_notes",)


def test_an_unknown_contact_role_is_refused() -> None:
    with pytest.raises(InvalidInput, match=r"Contact\.role"):
        Contact(name="x", role="janitor")


def test_contacts_must_be_contact_values() -> None:
    with pytest.raises(
        InvalidInput, match=r"Customer\.contacts must hold Contact values, got \{'name': 'x'\}"
    ):
        a_customer(contacts=[{"name": "x"}])


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("staff", 5, r"Customer\.staff must be a collection of names, got 5"),
        ("staff", "wang", r"Customer\.staff must be a collection of names, got 'wang'"),
        ("contacts", None, r"Customer\.contacts must be a collection of Contact values, got None"),
        ("records", 3, r"Customer\.records must be a collection of ProcessRecord values, got 3"),
        (
            "important_dates",
            date(2025, 1, 1),
            r"Customer\.important_dates must be a collection of dates, got datetime\.date",
        ),
        (
            "profile",
            7,
            r"Customer\.profile must be a mapping or a collection of \(topic, text\) pairs, got 7",
        ),
    ],
)
def test_a_collection_field_given_a_single_value_is_refused_by_name(
    field: str, value: object, expected: str
) -> None:
    with pytest.raises(InvalidInput, match=expected):
        a_customer(**{field: value})


# --- process records ----------------------------------------------------------------------


def test_adding_a_record_returns_a_new_file_and_an_event() -> None:
    customer = a_customer()
    record = a_record()
    after, events = customer.add_record(record, now=NOW)
    assert after.records == (record,)
    assert customer.records == ()
    assert events == (ProcessRecorded(occurred_at=NOW, account_id="C-1", record=record),)


def test_a_record_from_the_future_is_refused() -> None:
    with pytest.raises(InvalidInput, match="after now"):
        a_customer().add_record(a_record(occurred_at=NOW + timedelta(hours=1)), now=NOW)


def test_a_record_needs_a_timezone_aware_time() -> None:
    with pytest.raises(InvalidInput, match="timezone-aware"):
        a_record(occurred_at=datetime(2025, 1, 1, 9, 0))  # noqa: DTZ001


def test_adding_a_record_refuses_a_naive_now() -> None:
    with pytest.raises(InvalidInput, match="now must be timezone-aware"):
        a_customer().add_record(a_record(), now=datetime(2025, 6, 2, 10, 0))  # noqa: DTZ001


def test_a_record_participant_list_given_as_one_string_is_refused() -> None:
    with pytest.raises(
        InvalidInput, match=r"ProcessRecord\.participants must be a collection of names, got 'wang'"
    ):
        a_record(participants="wang")


def test_a_process_record_cannot_be_edited_once_made() -> None:
    record = a_record()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        record.summary = "rewritten"  # type: ignore[misc]
    customer, _ = a_customer().add_record(record, now=NOW)
    assert isinstance(customer.records, tuple)
    with pytest.raises(InvalidInput, match=r"\['records'\] cannot be amended"):
        customer.amend(records=(), now=NOW)


def test_every_other_change_keeps_the_records_as_they_were() -> None:
    customer, _ = a_customer(staff=("wang",)).add_record(a_record(), now=NOW)
    changes = [
        customer.amend(credit_rating="A", now=NOW)[0],
        customer.assign_staff("li", now=NOW)[0],
        customer.reassign(departing="wang", successors=["li"], now=NOW)[0],
        customer.begin_general_investigation(now=NOW)[0],
    ]
    assert all(changed.records == customer.records for changed in changes)


@given(customers(), st.lists(process_records(), max_size=4))
def test_records_only_grow_and_keep_their_history_in_order(
    customer: Customer, records: list[ProcessRecord]
) -> None:
    before = customer.records
    for record in records:
        customer, _ = customer.add_record(record, now=NOW)
    assert customer.records == before + tuple(records)


# --- staff -------------------------------------------------------------------------------


def test_assigning_staff_adds_them_and_can_make_them_account_manager() -> None:
    customer, events = a_customer().assign_staff("wang", now=NOW, account_manager=True)
    customer, more = customer.assign_staff("li", now=NOW)
    assert customer.staff == ("wang", "li")
    assert customer.account_manager == "wang"
    assert events + more == (
        StaffAssigned(occurred_at=NOW, account_id="C-1", person="wang", account_manager=True),
        StaffAssigned(occurred_at=NOW, account_id="C-1", person="li", account_manager=False),
    )


def test_someone_already_covering_the_account_is_not_assigned_again() -> None:
    customer = a_customer(staff=("wang",))
    with pytest.raises(InvalidInput, match="already covers"):
        customer.assign_staff("wang", now=NOW)


@pytest.mark.parametrize("flag", ["no", 1, None])
def test_only_a_bool_makes_someone_account_manager(flag: object) -> None:
    customer = a_customer(staff=("wang",), account_manager="wang")
    with pytest.raises(InvalidInput, match=rf"account_manager must be a bool .*got {flag!r}"):
        customer.assign_staff("li", now=NOW, account_manager=flag)  # type: ignore[arg-type]


def test_a_staff_member_can_be_promoted_to_account_manager() -> None:
    customer, _ = a_customer(staff=("wang", "li"), account_manager="wang").assign_staff(
        "li", now=NOW, account_manager=True
    )
    assert customer.account_manager == "li"
    assert customer.staff == ("wang", "li")


def test_reassigning_keeps_every_other_part_of_the_file() -> None:
    customer = a_customer(
        tier=TIER_A,
        staff=("wang", "li"),
        account_manager="wang",
        records=(a_record(),),
        credit_rating="AA",
    )
    after, (event,) = customer.reassign(departing="wang", successors=["chen"], now=NOW)
    assert after.staff == ("li", "chen")
    assert after.account_manager == "chen"
    assert attrs.evolve(after, staff=customer.staff, account_manager="wang") == customer
    assert isinstance(event, AccountReassigned)
    assert event.inform_customer


def test_reassigning_someone_who_does_not_cover_the_account_is_refused() -> None:
    with pytest.raises(InvalidInput, match="does not cover"):
        a_customer(staff=("li",)).reassign(departing="wang", successors=["chen"], now=NOW)


def test_every_refusal_is_a_keyaccount_error() -> None:
    with pytest.raises(KeyAccountError):
        a_customer(name="")


# --- amending the file ---------------------------------------------------------------------


def test_amending_the_file_keeps_the_previous_values_in_the_event() -> None:
    customer = a_customer(credit_rating="AA", address="old road 1")
    after, (event,) = customer.amend(credit_rating="A", address="old road 1", now=NOW)
    assert after.credit_rating == "A"
    assert customer.credit_rating == "AA"
    assert isinstance(event, FileAmended)
    assert event.previous == (("credit_rating", "AA"),)


def test_amending_a_field_to_what_it_already_says_changes_nothing_and_tells_nothing() -> None:
    customer = a_customer(credit_rating="AA")
    after, events = customer.amend(credit_rating="AA", now=NOW)
    assert after == customer
    assert events == ()


def test_the_lifecycle_staff_and_records_cannot_be_amended_directly() -> None:
    with pytest.raises(InvalidInput, match=r"\['records', 'status'\] cannot be amended"):
        a_customer().amend(status="active", records=(), now=NOW)


def test_an_amended_value_is_validated_like_at_construction() -> None:
    with pytest.raises(InvalidInput, match="float"):
        a_customer().amend(registered_capital=1.5, now=NOW)
    with pytest.raises(InvalidInput, match="names no field"):
        a_customer().amend(now=NOW)


@pytest.mark.parametrize(
    "field",
    [
        "account_id",
        "status",
        "records",
        "staff",
        "account_manager",
        "account_code",
        "supply_contract",
        "quality_contract",
        "approved_on",
    ],
)
def test_what_has_its_own_step_cannot_be_amended(field: str) -> None:
    assert field not in AMENDABLE_FIELDS
    with pytest.raises(InvalidInput, match=rf"\['{field}'\] cannot be amended"):
        a_customer().amend(now=NOW, **{field: None})


# --- regrading (SPEC §5d) ---------------------------------------------------------------------


def test_a_regraded_customer_has_its_new_tier_and_a_tier_changed_event_says_so() -> None:
    customer = a_customer(tier=TIER_B)
    regraded, events = customer.regrade(TIER_A, now=NOW, reason="annual grading 2025")
    assert regraded.tier == TIER_A
    assert customer.tier == TIER_B
    assert events == (
        TierChanged(
            occurred_at=NOW, account_id="C-1", from_tier=TIER_B, to_tier=TIER_A,
            effective_on=NOW.date(), reason="annual grading 2025",
        ),
    )
    assert attrs.evolve(regraded, tier=TIER_B) == customer


def test_regrading_to_the_tier_it_has_changes_nothing_and_tells_nothing() -> None:
    customer = a_customer(tier=TIER_B)
    assert customer.regrade(TIER_B, now=NOW, reason="annual grading 2025") == (customer, ())


def test_a_customer_first_graded_comes_from_no_tier_and_one_dropped_goes_to_none() -> None:
    graded, (first,) = a_customer().regrade(TIER_C, now=NOW, reason="first grading")
    dropped, (last,) = graded.regrade(None, now=NOW, reason="below the key-account line")
    assert (first.from_tier, first.to_tier) == (None, TIER_C)
    assert (last.from_tier, last.to_tier, dropped.tier) == (TIER_C, None, None)


def test_a_regrade_may_take_effect_on_another_day_than_now() -> None:
    _, (event,) = a_customer().regrade(
        TIER_A, now=NOW, reason="annual grading", effective_on=date(2026, 1, 1)
    )
    assert event.effective_on == date(2026, 1, 1)


def test_a_regrade_refuses_a_blank_reason_a_naive_now_and_a_tier_that_is_not_one() -> None:
    customer = a_customer(tier=TIER_B)
    with pytest.raises(InvalidInput, match="reason"):
        customer.regrade(TIER_B, now=NOW, reason=" ")
    with pytest.raises(InvalidInput, match="now"):
        customer.regrade(TIER_A, now=NOW.replace(tzinfo=None), reason="annual grading")
    with pytest.raises(InvalidInput, match="must be a Tier or None, got 'A'"):
        customer.regrade("A", now=NOW, reason="annual grading")  # type: ignore[arg-type]


def test_the_tier_cannot_be_amended_and_the_refusal_points_to_regrade() -> None:
    assert "tier" not in AMENDABLE_FIELDS
    with pytest.raises(InvalidInput, match="a tier changes by regrade"):
        a_customer().amend(tier=TIER_A, now=NOW)


def test_coverage_and_visit_planning_see_the_tier_of_the_latest_grading() -> None:
    customer = a_customer(tier=TIER_C, staff=("li",), account_manager="li")
    assert presets.coverage().check([customer]) == ()
    regraded, _ = customer.regrade(TIER_A, now=NOW, reason="annual grading 2025")
    (violation,) = presets.coverage().check([regraded])
    assert (violation.required, violation.actual) == (2, 1)
    assert AccountToPlan.from_customer(regraded).tier == TIER_A


def test_applying_a_grading_regrades_the_accounts_it_names_and_keeps_the_others() -> None:
    portfolio = [a_customer(account_id=f"C-{n}", tier=TIER_B) for n in (1, 2, 3)]
    after, events = apply_grading(
        portfolio, {"C-1": TIER_A, "C-3": None}, now=NOW, reason="annual grading 2025"
    )
    assert [customer.tier for customer in after] == [TIER_A, TIER_B, None]
    assert [(event.account_id, event.to_tier) for event in events] == [
        ("C-1", TIER_A),
        ("C-3", None),
    ]


def test_applying_a_grading_reads_a_grading_policys_result() -> None:
    from keyaccount import AccountFigures

    figures = [
        AccountFigures(account_id=f"C-{n}", contract_amount=n * 1000,
                       profit_contribution="0.1", purchase_count=n)
        for n in range(1, 21)
    ]
    grading = presets.weighted_grading().grade(figures)
    portfolio = [a_customer(account_id=f"C-{n}") for n in range(1, 21)]
    after, events = apply_grading(portfolio, grading, now=NOW, reason="annual grading 2025")
    assert {c.account_id: c.tier for c in after} == grading.tiers_by_account()
    assert len(events) == 20


def test_applying_a_grading_that_names_an_unknown_or_duplicate_account_applies_nothing() -> None:
    portfolio = [a_customer(account_id="C-1", tier=TIER_B)]
    with pytest.raises(InvalidInput, match=r"not in the portfolio \(customers\): \['C-2'\]"):
        apply_grading(portfolio, {"C-1": TIER_A, "C-2": TIER_A}, now=NOW, reason="grading")
    with pytest.raises(InvalidInput, match="given twice"):
        apply_grading(portfolio * 2, {"C-1": TIER_A}, now=NOW, reason="grading")
    with pytest.raises(InvalidInput, match="must be a Tier, None or a graded account"):
        apply_grading(portfolio, {"C-1": "A"}, now=NOW, reason="grading")
    assert portfolio[0].tier == TIER_B


@given(portfolios(), st.data())
def test_a_grading_applied_twice_tells_each_change_once(
    portfolio: list[Customer], data: st.DataObject
) -> None:
    tiers: dict[str, Tier | None] = {
        customer.account_id: data.draw(st.sampled_from([None, TIER_A, TIER_B, TIER_C]))
        for customer in portfolio
        if data.draw(st.booleans())
    }
    once, events = apply_grading(portfolio, tiers, now=NOW, reason="annual grading")
    twice, again = apply_grading(once, tiers, now=NOW, reason="annual grading")
    assert twice == once
    assert again == ()
    changed = [
        c.account_id for c in portfolio if c.account_id in tiers and c.tier != tiers[c.account_id]
    ]
    assert [event.account_id for event in events] == changed
    for before, after in zip(portfolio, once, strict=True):
        expected = tiers.get(before.account_id, before.tier)
        assert after == attrs.evolve(before, tier=expected)


@pytest.mark.parametrize(
    ("capital", "expected"),
    [
        (10**16, r"be at most 10\*\*15 in magnitude"),
        (Decimal("1e999999999"), r"be at most 10\*\*15 in magnitude"),
        (Decimal("0.0000001"), r"have at most 6 decimal places"),
    ],
)
def test_registered_capital_is_money_within_the_domains_bounds(
    capital: object, expected: str
) -> None:
    with pytest.raises(InvalidInput, match=rf"Customer\.registered_capital must {expected}"):
        a_customer(registered_capital=capital)
    assert a_customer(registered_capital=10**15).registered_capital == 10**15


@pytest.mark.parametrize(
    "now", [datetime(9999, 12, 31, 23, tzinfo=UTC), datetime(1, 1, 2, tzinfo=UTC)]
)
def test_a_step_taken_at_an_instant_outside_the_years_1900_to_2199_is_refused(
    now: datetime,
) -> None:
    with pytest.raises(InvalidInput, match=r"now must be an instant in the years 1900-2199"):
        a_customer().amend(credit_rating="AA", now=now)
    with pytest.raises(InvalidInput, match=r"occurred_at must be an instant in the years"):
        a_record(occurred_at=now)
    with pytest.raises(InvalidInput, match=r"approved_on must be a date in the years 1900-2199"):
        a_customer(approved_on=date(1, 1, 1))
