"""Rules of visits/accounts.py found by mutation testing (docs/explanation/testing.md)."""

from __future__ import annotations

from datetime import date

import pytest

from keyaccount import TIER_A, AccountToPlan, Customer, CustomerCategory, InvalidInput


def customer(**changes: object) -> Customer:
    fields: dict[str, object] = {
        "account_id": "ACME",
        "name": "ACME Ltd",
        "category": CustomerCategory.INDUSTRY,
        "tier": TIER_A,
        "account_manager": "wang",
        "staff": ("li", "wang"),
        "area": "华东",
    }
    fields.update(changes)
    return Customer(**fields)  # type: ignore[arg-type]


def test_a_customer_files_area_is_passed_on_to_the_planner() -> None:
    assert AccountToPlan.from_customer(customer()).area == "华东"
    assert AccountToPlan.from_customer(customer(area=None)).area is None


def test_a_customer_without_an_account_manager_is_visited_by_its_staff_in_their_order() -> None:
    account = AccountToPlan.from_customer(customer(account_manager=None))
    assert account.staff == ("li", "wang")


@pytest.mark.parametrize("staff", [None, "li", 7])
def test_staff_that_are_not_a_collection_are_refused_naming_them_and_the_value(
    staff: object,
) -> None:
    expected = rf"^AccountToPlan\.staff must be a collection of names, got {staff!r}$"
    with pytest.raises(InvalidInput, match=expected):
        AccountToPlan("ACME", TIER_A, staff=staff)  # type: ignore[arg-type]


def test_a_blank_visitor_is_refused_naming_the_staff() -> None:
    with pytest.raises(InvalidInput, match=r"^a name in AccountToPlan\.staff must be"):
        AccountToPlan("ACME", TIER_A, staff=["li", " "])


@pytest.mark.parametrize("blackout", ["2026-03-02", date(2026, 3, 2), 20260302])
def test_blackout_dates_that_are_not_a_collection_are_refused_naming_them(
    blackout: object,
) -> None:
    expected = r"^AccountToPlan\.blackout_dates must be a collection of dates, got "
    with pytest.raises(InvalidInput, match=expected):
        AccountToPlan("ACME", TIER_A, ["li"], blackout)  # type: ignore[arg-type]


@pytest.mark.parametrize("day", [date(1899, 12, 31), "2026-03-02"])
def test_a_blackout_date_that_is_no_day_in_the_years_is_refused_naming_its_list(
    day: object,
) -> None:
    with pytest.raises(InvalidInput, match=r"^a day in AccountToPlan\.blackout_dates must be"):
        AccountToPlan("ACME", TIER_A, ["li"], [date(2026, 3, 2), day])  # type: ignore[list-item]
