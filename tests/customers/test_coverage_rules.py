"""Rules of customers/coverage.py found by mutation testing (docs/explanation/testing.md)."""

from __future__ import annotations

import pytest

from keyaccount import (
    CoverageViolation,
    Customer,
    InvalidInput,
    coverage_violations,
)


class Fixed:
    """A host's coverage policy: the same count for every account."""

    def __init__(self, required: object) -> None:
        self.required = required

    def required_staff(self, customer: Customer) -> object:
        return self.required


def covered_by(*staff: str, account_id: str = "C-1") -> Customer:
    return Customer(
        account_id=account_id,
        name="Acme",
        category="regional",
        staff=staff,
        account_manager=staff[0] if staff else None,
    )


def test_an_account_with_exactly_the_staff_required_violates_nothing() -> None:
    assert coverage_violations([covered_by("wang", "li")], Fixed(2)) == ()
    assert coverage_violations([covered_by("wang", "li")], Fixed(3)) == (
        CoverageViolation("C-1", 3, 2),
    )


def test_a_policy_may_require_from_zero_to_a_billion_staff() -> None:
    assert coverage_violations([covered_by()], Fixed(0)) == ()
    assert coverage_violations([covered_by("wang")], Fixed(10**9)) == (
        CoverageViolation("C-1", 10**9, 1),
    )


@pytest.mark.parametrize("required", [-1, 10**9 + 1, True, "2", 2.0, None])
def test_a_required_staff_count_that_is_not_a_count_is_refused_naming_the_policy_and_account(
    required: object,
) -> None:
    with pytest.raises(
        InvalidInput,
        match=r"^Fixed\.required_staff of customer 'C-1' must be an int in 0\.\.",
    ) as refused:
        coverage_violations([covered_by("wang")], Fixed(required))  # type: ignore[arg-type]
    assert str(refused.value).endswith(f"got {required!r}")


def test_coverage_is_checked_against_a_coverage_policy() -> None:
    with pytest.raises(InvalidInput, match=r"^policy must be a CoveragePolicy, got 2"):
        coverage_violations([covered_by("wang")], 2)  # type: ignore[arg-type]


@pytest.mark.parametrize("customers", [covered_by("wang"), "C-1", 7])
def test_customers_that_are_not_a_collection_are_refused_naming_them(customers: object) -> None:
    with pytest.raises(
        InvalidInput, match=r"^customers must be a collection of Customer files, got "
    ):
        coverage_violations(customers, Fixed(1))  # type: ignore[arg-type]


def test_an_item_that_is_not_a_customer_is_refused_naming_it() -> None:
    with pytest.raises(InvalidInput, match=r"^customers must hold Customer values, got 'C-2'"):
        coverage_violations([covered_by("wang"), "C-2"], Fixed(1))  # type: ignore[list-item]


def test_violations_are_listed_in_input_order_from_any_iterable() -> None:
    portfolio = [covered_by(account_id=f"C-{i}") for i in (3, 1, 2)]
    found = coverage_violations(iter(portfolio), Fixed(1))
    assert [v.account_id for v in found] == ["C-3", "C-1", "C-2"]


@pytest.mark.parametrize(("required", "actual"), [(2, 2), (1, 3), (0, 0)])
def test_a_violation_needs_fewer_staff_than_required(required: int, actual: int) -> None:
    with pytest.raises(InvalidInput, match=r"actual \(\d+\) must be below required"):
        CoverageViolation("C-1", required, actual)
