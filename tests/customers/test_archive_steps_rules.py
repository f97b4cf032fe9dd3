"""Rules of customers/_archive_steps.py found by mutation testing (docs/explanation)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from keyaccount import (
    AccountStatus,
    Customer,
    DisposalApproval,
    InvalidInput,
    InvalidTransition,
)

NOW = datetime(2026, 3, 2, 9, tzinfo=UTC)
NAIVE = datetime(2026, 3, 2, 9)  # noqa: DTZ001


def prospect() -> Customer:
    return Customer(account_id="C-1", name="Acme", category="regional")


def suspended() -> Customer:
    customer, _ = prospect().begin_general_investigation(now=NOW)
    customer, _ = customer.suspend(reason="credit", reported_to="gao", now=NOW)
    return customer


def terminated() -> Customer:
    customer, _ = suspended().terminate(reason="gone", now=NOW)
    return customer


def approval(at: datetime) -> DisposalApproval:
    return DisposalApproval(
        approved_by="gao", role="key_account_department_manager", approved_at=at,
        reason="deregistered",
    )  # fmt: skip


def test_a_disposal_approved_at_the_very_moment_of_disposal_is_accepted() -> None:
    disposed, _ = terminated().dispose(approval(NOW), now=NOW)
    assert disposed.disposal is not None


def test_a_disposal_approved_after_now_is_refused() -> None:
    with pytest.raises(InvalidInput):
        terminated().dispose(approval(NOW), now=NOW.replace(hour=8))


def test_archive_steps_refuse_a_naive_now_naming_it() -> None:
    with pytest.raises(InvalidInput, match=r"^now must be "):
        terminated().dispose(approval(NOW), now=NAIVE)
    with pytest.raises(InvalidInput, match=r"^now must be "):
        terminated().restore(reason="a mistake", now=NAIVE)


def test_a_blank_reason_is_refused_naming_the_step() -> None:
    with pytest.raises(InvalidInput, match=r"^restore reason must be "):
        terminated().restore(reason=" ", now=NOW)
    with pytest.raises(InvalidInput, match=r"^termination reason must be "):
        suspended().terminate(reason=" ", now=NOW)


def test_restoring_a_file_that_is_not_archived_is_refused_naming_the_step() -> None:
    with pytest.raises(InvalidTransition, match=r"cannot restore its file \(allowed only from"):
        prospect().restore(reason="a mistake", now=NOW)


def test_an_unknown_departure_is_refused_naming_it() -> None:
    with pytest.raises(InvalidInput, match=r"^departure must be one of \[.*'moved'"):
        suspended().terminate(reason="gone", now=NOW, departure="moved")


def test_a_departure_is_taken_by_name() -> None:
    after, _ = suspended().terminate(reason="gone", now=NOW, departure="customer_dissolved")
    assert after.status is AccountStatus.TERMINATED
