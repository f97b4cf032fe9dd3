"""The archive of files whose account left (seed 003 §客户名册管理制度 第八条, 第九条)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from keyaccount import (
    RELATIONSHIP_DISSOLVED,
    TRADING_TERMINATED,
    AccountStatus,
    Contract,
    Customer,
    DepartureReason,
    DisposalApproval,
    FileDisposed,
    FileRestored,
    InvalidInput,
    InvalidTransition,
    TradingTerminated,
)

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
LATER = NOW + timedelta(days=30)
CONTRACT = Contract(reference="S-1", signed_on=date(2024, 1, 2))
ACTIVE = Customer(
    account_id="C-1", name="Acme", category="regional", status="active",
    account_code="KA-2024-00001", supply_contract=CONTRACT,
    quality_contract=Contract(reference="Q-1", signed_on=date(2024, 1, 2)),
    approved_on=date(2024, 1, 2), activated_on=date(2024, 1, 3),
)
SUSPENDED_PROSPECT = Customer(account_id="C-2", name="Bolt", category="regional",
                              status="suspended")


def _approval(role: str = "key_account_department_manager") -> DisposalApproval:
    return DisposalApproval(approved_by="gao", role=role, approved_at=NOW,
                            reason="deregistered in 2019")


@pytest.mark.parametrize(
    ("departure", "mark"),
    [
        ("trading_ended", TRADING_TERMINATED),
        ("customer_dissolved", TRADING_TERMINATED),
        ("relationship_dissolved", RELATIONSHIP_DISSOLVED),
    ],
)
def test_the_archive_mark_is_chosen_by_why_the_account_left(departure: str, mark: str) -> None:
    archived, (event,) = ACTIVE.terminate(reason="left", now=NOW, departure=departure)
    assert archived.archive_mark == mark
    assert isinstance(event, TradingTerminated)
    assert event.archive_mark == mark
    assert event.departure is DepartureReason(departure)


def test_termination_without_a_reason_of_departure_is_marked_trading_terminated() -> None:
    assert ACTIVE.terminate(reason="left", now=NOW)[0].archive_mark == "交易终止"


@given(st.sampled_from(DepartureReason))
def test_a_prospect_that_never_traded_gets_no_mark(departure: DepartureReason) -> None:
    archived, (event,) = SUSPENDED_PROSPECT.terminate(
        reason="credit problem", now=NOW, departure=departure)
    assert archived.archive_mark is None
    assert isinstance(event, TradingTerminated)
    assert event.archive_mark is None


def test_an_irrecoverable_file_is_disposed_of_with_the_department_managers_approval() -> None:
    archived, _ = ACTIVE.terminate(reason="rescinded", now=NOW, departure="relationship_dissolved")
    disposed, (event,) = archived.dispose(_approval(), now=LATER)
    assert disposed.disposal == _approval()
    assert event == FileDisposed(occurred_at=LATER, account_id="C-1", approved_by="gao",
                                 reason="deregistered in 2019", archive_mark="交易解除")
    assert archived.disposal is None


@pytest.mark.parametrize("role", ["key_account_manager", "general_manager", "other"])
def test_disposal_without_the_department_managers_approval_is_refused(role: str) -> None:
    archived, _ = ACTIVE.terminate(reason="rescinded", now=NOW)
    with pytest.raises(InvalidInput, match="大客户部经理"):
        archived.dispose(_approval(role), now=LATER)


def test_only_an_archived_file_is_disposed_of_and_only_once() -> None:
    with pytest.raises(InvalidTransition, match="active; cannot dispose"):
        ACTIVE.dispose(_approval(), now=LATER)
    archived, _ = ACTIVE.terminate(reason="rescinded", now=NOW)
    disposed, _ = archived.dispose(_approval(), now=LATER)
    with pytest.raises(InvalidTransition, match="was disposed of"):
        disposed.dispose(_approval(), now=LATER)


def test_an_approval_after_now_is_refused() -> None:
    archived, _ = ACTIVE.terminate(reason="rescinded", now=NOW)
    with pytest.raises(InvalidInput, match=r"approved_at .* is after now"):
        archived.dispose(_approval(), now=NOW - timedelta(minutes=1))


@pytest.mark.parametrize("customer", [ACTIVE, attrs.evolve(ACTIVE, status="dormant"),
                                      SUSPENDED_PROSPECT])
def test_a_file_archived_by_mistake_is_restored_where_it_stood(customer: Customer) -> None:
    archived, _ = customer.terminate(reason="wrong account", now=NOW)
    restored, (event,) = archived.restore(reason="archived by mistake", now=LATER)
    assert restored == customer
    assert event == FileRestored(occurred_at=LATER, account_id=customer.account_id,
                                 restored_to=customer.status, reason="archived by mistake")


def test_a_disposed_file_cannot_be_restored() -> None:
    archived, _ = ACTIVE.terminate(reason="rescinded", now=NOW)
    disposed, _ = archived.dispose(_approval(), now=LATER)
    with pytest.raises(InvalidTransition, match="disposed of"):
        disposed.restore(reason="mistake", now=LATER)


def test_a_file_built_terminated_without_its_earlier_state_cannot_be_restored() -> None:
    built = attrs.evolve(ACTIVE, status=AccountStatus.TERMINATED)
    assert built.archive_mark == "交易终止"
    with pytest.raises(InvalidTransition, match="archived_from is None"):
        built.restore(reason="mistake", now=LATER)


def test_archive_fields_belong_to_a_terminated_account_only() -> None:
    with pytest.raises(InvalidInput, match=r"\['departure'\] belong to a terminated account"):
        attrs.evolve(ACTIVE, departure="trading_ended")
    with pytest.raises(InvalidInput, match="archived_from must be a state before termination"):
        attrs.evolve(ACTIVE, status="terminated", archived_from="terminated")
