"""Rules of customers/contact_reports.py found by mutation testing (docs/explanation/testing.md)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from keyaccount import (
    ContactGap,
    ContactReport,
    Contract,
    Customer,
    InvalidInput,
    missing_contact_reports,
)

SINCE = datetime(2025, 7, 1, tzinfo=UTC)
UNTIL = datetime(2025, 10, 1, tzinfo=UTC)
NAIVE = datetime(2025, 8, 1)  # noqa: DTZ001


class Fixed:
    """A host's coverage policy: the same count for every account."""

    def __init__(self, required: object) -> None:
        self.required = required

    def required_staff(self, customer: Customer) -> object:
        return self.required


def account(account_id: str = "C-1") -> Customer:
    return Customer(account_id=account_id, name="Acme", category="regional", status="approved",
                    supply_contract=Contract(reference="S", signed_on=date(2025, 1, 2)),
                    quality_contract=Contract(reference="Q", signed_on=date(2025, 1, 2)),
                    staff=("wang", "li"), account_manager="wang")


def report(account_id: str = "C-1", at: datetime = SINCE) -> ContactReport:
    return ContactReport(account_id=account_id, contacted_by="li", contacted_at=at,
                         summary="price talks")


def test_a_period_that_ends_when_it_starts_is_refused() -> None:
    with pytest.raises(InvalidInput, match=r"^until .* must be after since"):
        missing_contact_reports([account()], Fixed(2), reports=(), since=SINCE, until=SINCE)
    shortest = SINCE + timedelta(microseconds=1)
    assert missing_contact_reports([account()], Fixed(2), reports=[report()], since=SINCE,
                                   until=shortest) == ()


@pytest.mark.parametrize("field", ["since", "until"])
def test_a_naive_or_far_off_instant_is_refused_naming_it(field: str) -> None:
    period = {"since": SINCE, "until": UNTIL}
    for bad in (NAIVE, datetime(2300, 1, 1, tzinfo=UTC)):
        with pytest.raises(InvalidInput, match=rf"^{field} must be "):
            missing_contact_reports([account()], Fixed(2), reports=(),
                                    **{**period, field: bad})  # type: ignore[arg-type]


@pytest.mark.parametrize("from_staff", [True, "2", -1, 10**9 + 1])
def test_a_from_staff_that_is_not_a_count_is_refused_naming_it(from_staff: object) -> None:
    with pytest.raises(InvalidInput, match=r"^from_staff must be an int in 0\.\."):
        missing_contact_reports([account()], Fixed(2), reports=(), since=SINCE, until=UNTIL,
                                from_staff=from_staff)  # type: ignore[arg-type]


@pytest.mark.parametrize("field", ["customers", "reports"])
@pytest.mark.parametrize("lone", ["C-1", None, 7])
def test_customers_or_reports_that_are_not_a_collection_are_refused_naming_them(
    field: str, lone: object,
) -> None:
    expected = {"customers": "Customer files", "reports": "ContactReport values"}[field]
    given: dict[str, object] = {"customers": [account()], "reports": (), field: lone}
    with pytest.raises(InvalidInput, match=rf"^{field} must be a collection of {expected}, got "):
        missing_contact_reports(given["customers"], Fixed(2),  # type: ignore[arg-type]
                                reports=given["reports"],  # type: ignore[arg-type]
                                since=SINCE, until=UNTIL)


def test_an_item_of_the_wrong_kind_is_refused_naming_its_collection() -> None:
    with pytest.raises(InvalidInput, match=r"^customers must hold Customer values, got 'C-2'"):
        missing_contact_reports([account(), "C-2"], Fixed(2),  # type: ignore[list-item]
                                reports=(), since=SINCE, until=UNTIL)
    with pytest.raises(InvalidInput,
                       match=r"^reports must hold ContactReport values, got 'C-2'"):
        missing_contact_reports([account()], Fixed(2), reports=[report(), "C-2"],  # type: ignore[list-item]
                                since=SINCE, until=UNTIL)


@pytest.mark.parametrize("required", [-1, 10**9 + 1, True, "2", None])
def test_a_required_staff_count_that_is_not_a_count_is_refused_naming_the_policy_and_account(
    required: object,
) -> None:
    with pytest.raises(
        InvalidInput,
        match=r"^Fixed\.required_staff of customer 'C-1' must be an int in 0\.\.",
    ) as refused:
        missing_contact_reports([account()], Fixed(required),  # type: ignore[arg-type]
                                reports=(), since=SINCE, until=UNTIL)
    assert str(refused.value).endswith(f"got {required!r}")


def test_a_policy_may_require_up_to_a_billion_staff() -> None:
    assert missing_contact_reports([account()], Fixed(10**9), reports=(), since=SINCE,
                                   until=UNTIL) == (ContactGap("C-1", 10**9, None),)
