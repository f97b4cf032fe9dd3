"""Bad input to the customers subdomain: each refusal a named error (SPEC §11).

The robustness suite (tests/robustness/test_customers.py) spoils every argument of every call;
these tests name the domain rules its findings guard.
"""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from keyaccount import (
    TIER_B,
    AccountReassigned,
    AccountStatus,
    AccountWentDormant,
    Contract,
    CoverageViolation,
    Customer,
    FileAmended,
    InvalidInput,
    LifecycleEvent,
    LifecycleStep,
    PolicyConfigError,
    ProcessRecord,
    RedactedView,
    StaffAssigned,
    Transition,
    Viewer,
    apply_dormancy,
    apply_grading,
    assign_account_code,
    coverage_violations,
    hand_over,
    redact,
)
from keyaccount.policies import (
    DaysWithoutPurchase,
    MinimumStaffByTier,
    RoleBasedAccess,
    SequentialAccountCodes,
)

NOW = datetime(2025, 6, 2, 10, 0, tzinfo=UTC)
DAY = date(2025, 3, 28)
CONTRACT = Contract(reference="S-1", signed_on=DAY)


def a_customer(**changes: object) -> Customer:
    fields: dict[str, object] = {
        "account_id": "C-1",
        "name": "Acme",
        "category": "regional",
        "staff": ("wang", "li"),
        "account_manager": "wang",
    }
    return Customer(**{**fields, **changes})


def an_approved_customer() -> Customer:
    return a_customer(status="approved", approved_on=DAY, supply_contract=CONTRACT,
                      quality_contract=CONTRACT)


def test_a_coverage_violation_is_an_account_below_its_coverage() -> None:
    assert CoverageViolation("C-1", 2, 1).actual == 1
    with pytest.raises(InvalidInput, match=r"actual \(2\) must be below required \(2\)"):
        CoverageViolation("C-1", 2, 2)
    with pytest.raises(InvalidInput, match=r"CoverageViolation.required must be an int"):
        CoverageViolation("C-1", True, 0)  # type: ignore[arg-type]


@pytest.mark.parametrize("answer", ["2", -1, True, 2.5, None])
def test_a_coverage_policy_must_answer_a_count_of_staff(answer: object) -> None:
    class Sloppy:
        def required_staff(self, customer: Customer) -> object:
            return answer

    with pytest.raises(InvalidInput, match=r"Sloppy.required_staff of customer 'C-1'"):
        coverage_violations([a_customer()], Sloppy())  # type: ignore[arg-type]


def test_a_redacted_view_never_both_shows_and_withholds_a_field() -> None:
    viewer = Viewer("li", "department_staff")
    with pytest.raises(InvalidInput, match=r"both shows and withholds field\(s\) \['name'\]"):
        RedactedView("C-1", viewer, (("account_id", "C-1"), ("name", "Acme")), ("name",))


@pytest.mark.parametrize(
    ("fields", "withheld", "message"),
    [
        ((("nmae", "Acme"),), (), r"RedactedView.fields names unknown field\(s\) \['nmae'\]"),
        ((("name", "A"), ("name", "B")), (), r"RedactedView.fields names a field twice"),
        ((), ("fxa",), r"RedactedView.withheld names unknown field\(s\) \['fxa'\]"),
        ((), "fax", r"RedactedView.withheld must be a collection of field names, got 'fax'"),
    ],
)
def test_a_redacted_view_names_each_field_of_a_customer_file_once(
    fields: object, withheld: object, message: str
) -> None:
    with pytest.raises(InvalidInput, match=message):
        RedactedView("C-1", Viewer("li", "department_staff"), fields, withheld)  # type: ignore[arg-type]


def test_successors_on_one_account_are_a_collection_of_names_not_a_lone_string() -> None:
    with pytest.raises(InvalidInput, match=r"successors on customer 'C-1' must be a collection"):
        a_customer().reassign(departing="li", successors="zhao", now=NOW)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match=r"successors on customer 'C-1' must name someone"):
        a_customer().reassign(departing="li", successors=(), now=NOW)


def test_a_departing_person_is_named_as_departing() -> None:
    with pytest.raises(InvalidInput, match=r"departing must be a non-empty string, got None"):
        a_customer().reassign(departing=None, successors=("zhao",), now=NOW)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match=r"departing 'sun' does not cover customer 'C-1'"):
        a_customer().reassign(departing="sun", successors=("zhao",), now=NOW)


def test_a_listed_taken_code_must_be_a_code_or_the_next_free_code_would_skip_nothing() -> None:
    codes = SequentialAccountCodes()
    with pytest.raises(InvalidInput, match=r"taken must hold str values, got None"):
        codes.code_for(approved_on=DAY, taken=["KA-2025-00001", None])  # type: ignore[list-item]


def test_a_lifecycle_event_holds_a_real_step_and_states() -> None:
    event = LifecycleEvent(occurred_at=NOW, account_id="C-1", step="approve",  # type: ignore[arg-type]
                           from_status="application", to_status="approved")  # type: ignore[arg-type]
    assert (event.step, event.to_status) == (LifecycleStep.APPROVE, AccountStatus.APPROVED)
    with pytest.raises(InvalidInput, match=r"LifecycleEvent.step must be one of .*, got 'bogus'"):
        LifecycleEvent(occurred_at=NOW, account_id="C-1", step="bogus",  # type: ignore[arg-type]
                       from_status="application", to_status="approved")  # type: ignore[arg-type]


def test_a_transition_holds_states_of_the_lifecycle() -> None:
    transition = Transition(["approved"], "active")  # type: ignore[arg-type]
    assert transition == Transition(frozenset({AccountStatus.APPROVED}), AccountStatus.ACTIVE)
    with pytest.raises(InvalidInput, match=r"a state in Transition.sources must be one of"):
        Transition(["approved", None], "active")  # type: ignore[list-item]


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: StaffAssigned(occurred_at=NOW, account_id="C-1", person="li",
                               account_manager="no"),
         r"StaffAssigned.account_manager must be a bool"),
        (lambda: AccountReassigned(occurred_at=NOW, account_id="C-1", departing="li",
                                   successors=(), account_manager=None),
         r"AccountReassigned.successors must name at least one person"),
        (lambda: AccountReassigned(occurred_at=NOW, account_id="C-1", departing="li",
                                   successors="zhao", account_manager=None),
         r"AccountReassigned.successors must be a collection of names, got 'zhao'"),
        (lambda: FileAmended(occurred_at=NOW, account_id="C-1", previous=()),
         r"FileAmended.previous must name at least one field amended"),
        (lambda: AccountWentDormant(occurred_at=NOW, account_id="C-1", step="go_dormant",
                                    from_status="active", to_status="dormant",
                                    last_purchase_on=None, days_without_purchase=True),
         r"AccountWentDormant.days_without_purchase must be an int"),
    ],
)
def test_an_event_refuses_fields_a_reloaded_log_would_carry_wrong(
    build: object, message: str
) -> None:
    with pytest.raises(InvalidInput, match=message):
        build()  # type: ignore[operator]


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Contract(reference="S-1", signed_on=date(1, 1, 1)),
         r"Contract.signed_on must be a date in the years 1900-2199, got 0001-01-01"),
        (lambda: ProcessRecord(kind="order", summary="o", occurred_at=datetime(9999, 1, 1,
                                                                               tzinfo=UTC)),
         r"ProcessRecord.occurred_at must be an instant in the years 1900-2199"),
        (lambda: a_customer(last_purchase_on=date(9999, 12, 31)),
         r"Customer.last_purchase_on must be a date in the years 1900-2199"),
        (lambda: a_customer(important_dates=[date(1, 1, 1)]),
         r"a day in Customer.important_dates must be a date in the years 1900-2199"),
        (lambda: a_customer().regrade(TIER_B, now=NOW, reason="r", effective_on=date(1, 1, 1)),
         r"effective_on must be a date in the years 1900-2199"),
        (lambda: SequentialAccountCodes().code_for(approved_on=date(9999, 1, 1), taken=()),
         r"approved_on must be a date in the years 1900-2199"),
        (lambda: apply_dormancy([], DaysWithoutPurchase(),
                                now=datetime(9999, 12, 31, tzinfo=UTC)),
         r"now must be an instant in the years 1900-2199"),
    ],
)
def test_days_and_instants_lie_within_the_years_1900_to_2199(build: object, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        build()  # type: ignore[operator]


@pytest.mark.parametrize("capital", [Decimal("1e20"), Decimal("1.0000001"), 2**70])
def test_registered_capital_is_money_within_its_bounds(capital: object) -> None:
    with pytest.raises(InvalidInput, match=r"Customer.registered_capital must"):
        a_customer(registered_capital=capital)


def test_a_service_refuses_a_policy_that_is_not_one_by_name() -> None:
    with pytest.raises(InvalidInput, match=r"policy must be an AccessPolicy"):
        redact(a_customer(), None, viewer=Viewer("li", "department_staff"))  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match=r"policy must be an AccountCodePolicy"):
        assign_account_code(an_approved_customer(), "x", taken=set(), now=NOW)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match=r"coverage must be a CoveragePolicy"):
        hand_over([a_customer()], None, departing="li", successors="zhao",  # type: ignore[arg-type]
                  now=NOW)


@pytest.mark.parametrize("customers", [None, a_customer(), "abc", 3])
def test_a_portfolio_is_a_collection_of_customer_files(customers: object) -> None:
    with pytest.raises(InvalidInput, match=r"customers must be a collection of Customer files"):
        apply_grading(customers, {}, now=NOW, reason="r")  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match=r"customers must"):
        DaysWithoutPurchase().dormant_accounts(customers, now=NOW)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "build",
    [
        lambda: MinimumStaffByTier(top_rank=2**70),
        lambda: MinimumStaffByTier(top_minimum=10**10),
        lambda: SequentialAccountCodes(start=10**10),
    ],
)
def test_counts_in_customer_policies_are_at_most_a_billion(build: object) -> None:
    with pytest.raises(PolicyConfigError, match=r"must be an int in \d\.\.10\*\*9"):
        build()  # type: ignore[operator]


def test_dormancy_days_are_at_most_ten_years() -> None:
    assert DaysWithoutPurchase(days=3660).days == 3660
    with pytest.raises(PolicyConfigError, match=r"dormancy days must be an int in 1\.\.3660"):
        DaysWithoutPurchase(days=3661)


def test_a_lifecycle_step_asked_about_is_a_step_of_the_lifecycle() -> None:
    assert a_customer().status_after("begin_general_investigation") is (  # type: ignore[arg-type]
        AccountStatus.GENERAL_INVESTIGATION
    )
    with pytest.raises(InvalidInput, match=r"step must be one of .*, got 'bogus'"):
        a_customer().status_after("bogus")  # type: ignore[arg-type]


@pytest.mark.parametrize("fields", [[["name"]], [None], [""]])
def test_access_settings_name_fields_by_their_names(fields: object) -> None:
    with pytest.raises(PolicyConfigError, match=r"a field in access department_staff must be"):
        RoleBasedAccess.from_mapping({"department_staff": fields})
