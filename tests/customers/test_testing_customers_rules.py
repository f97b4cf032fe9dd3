"""Rules of testing/_customers.py (the customer strategies and conformance checks) found by
mutation testing (docs/explanation/testing.md): the checks are run on broken policies too."""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, date, datetime, timedelta
from functools import partial

import attrs
import pytest
from hypothesis import find

from keyaccount import (
    AccountStatus,
    Contract,
    Customer,
    InvalidInput,
    LifecycleStep,
    Viewer,
    ViewerRole,
    hand_over,
)
from keyaccount.domain.customers import CUSTOMER_FIELDS, FILE_CONFIDENTIAL_PARTS
from keyaccount.testing import (
    STAFF_POOL,
    check_access_policy,
    check_account_code_policy,
    check_coverage_policy,
    check_dormancy_policy,
    check_handover_policy,
    contacts,
    customer_steps,
    customers,
    process_records,
    take_customer_step,
    viewers,
)
from strategy_search import reaches as reaches_within
from strategy_search import search_settings

NOW = datetime(2025, 7, 1, 9, tzinfo=UTC)
DAY = date(2025, 7, 1)


def a_file(status: str = "active", **changes: object) -> Customer:
    contracts = {}
    if status in ("approved", "active", "dormant"):
        contracts = {"supply_contract": Contract(reference="S", signed_on=date(2024, 1, 2)),
                     "quality_contract": Contract(reference="Q", signed_on=date(2024, 1, 2)),
                     "approved_on": date(2024, 1, 2)}
    if status in ("active", "dormant"):
        contracts |= {"activated_on": date(2024, 1, 3), "account_code": "KA-2024-00001"}
    fields: dict[str, object] = {"account_id": "C-1", "name": "Acme", "category": "regional",
                                 "status": status, "staff": ("wang", "li"),
                                 "account_manager": "wang", **contracts, **changes}
    return Customer(**fields)  # type: ignore[arg-type]


class Codes:
    def __init__(self, code: object) -> None:
        self.code = code

    def code_for(self, *, approved_on: date, taken: Collection[str]) -> object:
        return self.code


@pytest.mark.parametrize(("code", "message"), [
    (7, r"^account code 7 is not a string$"),
    ("  ", r"^blank account code '  '$"),
    ("KA-1", r"^account code 'KA-1' is already taken$"),
])
def test_the_code_check_catches_a_code_that_is_no_string_blank_or_taken(
    code: object, message: str,
) -> None:
    with pytest.raises(AssertionError, match=message):
        check_account_code_policy(Codes(code), approved_on=DAY, taken={"KA-1"})  # type: ignore[arg-type]
    assert check_account_code_policy(Codes("KA-2"), approved_on=DAY,  # type: ignore[arg-type]
                                     taken={"KA-1"}) == "KA-2"


class Dormancy:
    def __init__(self, dormant_at: set[datetime]) -> None:
        self.dormant_at = dormant_at

    def days_without_purchase(self, customer: Customer, *, now: datetime) -> int | None:
        return None

    def is_dormant(self, customer: Customer, *, now: datetime) -> bool:
        return now in self.dormant_at


def test_the_dormancy_check_catches_an_account_that_is_not_active_judged_dormant() -> None:
    with pytest.raises(AssertionError, match=r"^approved account judged dormant at "):
        check_dormancy_policy(Dormancy({NOW}), a_file("approved"), [NOW])  # type: ignore[arg-type]
    check_dormancy_policy(Dormancy({NOW}), a_file("active"), [NOW])  # type: ignore[arg-type]


def test_the_dormancy_check_catches_an_account_that_wakes_on_a_later_day_only() -> None:
    later_that_day, next_day = NOW + timedelta(hours=6), NOW + timedelta(days=1)
    check_dormancy_policy(Dormancy({NOW}), a_file(), [NOW, later_that_day])  # type: ignore[arg-type]
    with pytest.raises(AssertionError, match=r"^dormant at .* but not at the later "):
        check_dormancy_policy(Dormancy({NOW}), a_file(),  # type: ignore[arg-type]
                              [next_day, NOW])


class Coverage:
    def __init__(self, required: int) -> None:
        self.required = required

    def required_staff(self, customer: Customer) -> int:
        return self.required


class CoverageWithItsOwnCheck(Coverage):
    def check(self, customers: object) -> tuple[()]:
        return ()


def test_the_coverage_check_catches_a_negative_requirement_or_a_wrong_list() -> None:
    with pytest.raises(AssertionError, match=r"^negative coverage -1 for C-1$"):
        check_coverage_policy(Coverage(-1), [a_file()])  # type: ignore[arg-type]
    check_coverage_policy(Coverage(2), [a_file()])  # type: ignore[arg-type]
    check_coverage_policy(Coverage(3), [a_file()])  # type: ignore[arg-type]
    with pytest.raises(AssertionError,
                       match=r"^coverage check found \[\], expected \[\('C-1', 3, 2\)\]$"):
        check_coverage_policy(CoverageWithItsOwnCheck(3), [a_file()])  # type: ignore[arg-type]


class Everything:
    """A host's access policy that shows every field to everyone."""

    def visible_fields(self, customer: Customer, *, viewer: Viewer) -> frozenset[str]:
        return frozenset((*CUSTOMER_FIELDS, *FILE_CONFIDENTIAL_PARTS, "contacts.personal_notes"))


def test_the_access_check_catches_a_policy_that_shows_too_much() -> None:
    manager = Viewer("wang", "account_manager")
    check_access_policy(Everything(), a_file(), manager)  # type: ignore[arg-type]
    with pytest.raises(AssertionError, match=r"^personal notes shown beyond the manager$"):
        check_access_policy(Everything(), a_file(), Viewer("li", "department_staff"))  # type: ignore[arg-type]


class Handover:
    """A host's handover policy around the default one, broken one way at a time."""

    def __init__(self, broken: str = "") -> None:
        self.broken = broken

    def hand_over(self, customers: list[Customer], *, departing: str, successors: object,
                  now: datetime) -> tuple[tuple[Customer, ...], tuple[object, ...]]:
        if self.broken == "refuses after changing its input":
            customers.pop()
            raise InvalidInput("refused")
        after, events = hand_over(customers, Coverage(1), departing=departing,  # type: ignore[arg-type]
                                  successors=successors, now=now)
        if self.broken == "keeps the leaver":
            after = tuple(customers)
        elif self.broken == "drops an account":
            after = after[:-1]
        elif self.broken == "tells no event":
            events = ()
        elif self.broken == "dates its events late":
            events = tuple(attrs.evolve(event, occurred_at=now + timedelta(hours=1))
                           for event in events)
        elif self.broken == "touches another account":
            after = (*after[:-1], attrs.evolve(after[-1], name="Other"))
        elif self.broken == "renames the account":
            after = (attrs.evolve(after[0], name="Renamed"), *after[1:])
        elif self.broken == "drops the manager":
            after = (attrs.evolve(after[0], account_manager=None), *after[1:])
        return after, events


@pytest.mark.parametrize(("broken", "message"), [
    ("refuses after changing its input", r"^a refused handover changed its input$"),
    ("keeps the leaver", r"^'wang' still covers C-1$"),
    ("drops an account", r"^accounts lost$"),
    ("tells no event", r"^events for \[\], covered \['C-1'\]$"),
    ("dates its events late", r"^an event does not carry now$"),
    ("touches another account", r"^C-2 changed though 'wang' did not cover it$"),
    ("renames the account", r"^C-1: the handover changed more than its staff$"),
    ("drops the manager", r"^C-1 lost its manager$"),
])
def test_the_handover_check_catches_a_broken_handover(broken: str, message: str) -> None:
    portfolio = [a_file(), a_file(account_id="C-2", staff=("li",), account_manager="li")]
    assert check_handover_policy(Handover(), list(portfolio), departing="wang",  # type: ignore[arg-type]
                                 successors="zhao", now=NOW)
    with pytest.raises(AssertionError, match=message):
        check_handover_policy(Handover(broken), list(portfolio), departing="wang",  # type: ignore[arg-type]
                              successors="zhao", now=NOW)


def test_the_handover_check_catches_an_account_left_below_coverage() -> None:
    portfolio = [a_file()]
    check_handover_policy(Handover(), portfolio, departing="wang",  # type: ignore[arg-type]
                          successors="zhao", now=NOW, coverage=Coverage(2))  # type: ignore[arg-type]
    with pytest.raises(AssertionError, match=r"^C-1 below coverage 3$"):
        check_handover_policy(Handover(), portfolio, departing="wang",  # type: ignore[arg-type]
                              successors="zhao", now=NOW, coverage=Coverage(3))  # type: ignore[arg-type]


def test_a_refused_handover_that_leaves_its_input_alone_passes_as_not_applied() -> None:
    assert not check_handover_policy(Handover(), [a_file()], departing="wang",  # type: ignore[arg-type]
                                     successors="wang", now=NOW)


FIND = search_settings(60)
# customer files are dear to draw: a smaller search than the default
reaches = partial(reaches_within, max_examples=60)



def test_customer_steps_are_at_most_twelve_by_default_and_at_most_max_size() -> None:
    assert len(find(customer_steps(), lambda steps: len(steps) >= 12, settings=FIND)) == 12
    assert not reaches(customer_steps(), lambda steps: len(steps) > 12)
    assert not reaches(customer_steps(max_size=2), lambda steps: len(steps) > 2)


def test_drawn_files_have_from_min_staff_to_max_staff_people() -> None:
    files = customers(min_staff=2, max_staff=3)
    assert reaches(files, lambda file: len(file.staff) == 2)
    assert reaches(files, lambda file: len(file.staff) == 3)
    assert not reaches(files, lambda file: not 2 <= len(file.staff) <= 3)



class ManagerLast(Handover):
    """The default handover, but the last account it returns loses its manager."""

    def hand_over(self, customers: list[Customer], *, departing: str, successors: object,
                  now: datetime) -> tuple[tuple[Customer, ...], tuple[object, ...]]:
        after, events = super().hand_over(customers, departing=departing,
                                          successors=successors, now=now)
        return (*after[:-1], attrs.evolve(after[-1], account_manager=None)), events


def test_the_handover_check_goes_on_past_an_account_the_leaver_did_not_cover() -> None:
    portfolio = [a_file(account_id="C-0", staff=("li",), account_manager="li"), a_file()]
    with pytest.raises(AssertionError, match=r"^C-1 lost its manager$"):
        check_handover_policy(ManagerLast(), portfolio, departing="wang",  # type: ignore[arg-type]
                              successors="zhao", now=NOW)


@pytest.mark.parametrize("viewer", [Viewer("wang", "department_staff"),
                                    Viewer("li", "account_manager")])
def test_personal_notes_are_for_the_account_manager_who_manages_this_account(
    viewer: Viewer,
) -> None:
    # wang manages C-1 but reads as department staff; li is an account manager, not C-1's
    with pytest.raises(AssertionError, match=r"^personal notes shown beyond the manager$"):
        check_access_policy(Everything(), a_file(), viewer)  # type: ignore[arg-type]


class AllButNotes(Everything):
    """Shows everything but the contacts' personal notes, to everyone."""

    def visible_fields(self, customer: Customer, *, viewer: Viewer) -> frozenset[str]:
        return super().visible_fields(customer, viewer=viewer) - {"contacts.personal_notes"}


def test_the_access_check_catches_confidential_parts_shown_off_the_account() -> None:
    check_access_policy(AllButNotes(), a_file(), Viewer("li", "department_staff"))  # type: ignore[arg-type]
    with pytest.raises(AssertionError, match=r"^confidential part\(s\) \[.*'trade_secrets'.*\] "
                                             r"shown off the account$"):
        check_access_policy(AllButNotes(), a_file(), Viewer("zhao", "department_staff"))  # type: ignore[arg-type]


def test_a_customer_can_be_taken_through_every_step_with_the_kits_arguments() -> None:
    customer = a_file("prospect")
    taken = []
    for step in (LifecycleStep.BEGIN_GENERAL_INVESTIGATION, LifecycleStep.SUSPEND,
                 LifecycleStep.RESUME_INVESTIGATION, LifecycleStep.BEGIN_ONSITE_INVESTIGATION,
                 LifecycleStep.SUBMIT_APPLICATION, LifecycleStep.APPROVE,
                 LifecycleStep.ASSIGN_CODE, LifecycleStep.RECORD_PURCHASE,
                 LifecycleStep.GO_DORMANT, LifecycleStep.REACTIVATE, LifecycleStep.TERMINATE):
        customer, events = take_customer_step(customer, step, now=NOW)
        taken.append((step, [event.step for event in events]))  # type: ignore[attr-defined]
    assert taken == [(step, [step]) for step, _ in taken]
    assert customer.status is AccountStatus.TERMINATED
    assert customer.account_code == "KA-2025-00001"
    assert customer.last_purchase_on == NOW.date()


def test_viewers_are_named_from_the_people_given_in_every_role() -> None:
    drawn = viewers(["zhou"])
    assert not reaches(drawn, lambda viewer: viewer.person != "zhou")
    for role in ViewerRole:
        assert reaches(drawn, lambda viewer, role=role: viewer.role is role)
    assert reaches(viewers(), lambda viewer: viewer.person == "huang")


def test_contacts_come_with_and_without_authority_and_personal_notes() -> None:
    # "some with confidential personal notes": the others have none
    drawn = contacts()
    assert reaches(drawn, lambda contact: contact.personal_notes == "")
    assert reaches(drawn, lambda contact: contact.personal_notes != "")
    assert reaches(drawn, lambda contact: contact.authority == "")
    assert reaches(drawn, lambda contact: contact.authority != "")


def test_process_records_are_sometimes_reported_by_the_staff_and_start_in_2020() -> None:
    drawn = process_records()
    assert reaches(drawn, lambda record: record.reported_by is None)
    assert reaches(drawn, lambda record: record.reported_by in STAFF_POOL)
    assert reaches(drawn, lambda record: record.occurred_at.replace(tzinfo=None)
                   < datetime(2020, 1, 2))  # noqa: DTZ001 - the strategy's naive bound
    assert not reaches(drawn, lambda record: record.occurred_at.replace(tzinfo=None)
                       < datetime(2020, 1, 1))  # noqa: DTZ001
