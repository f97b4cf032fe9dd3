"""Rules of the customer file found unguarded by mutation testing (SPEC §1-3).

Each test kills surviving mutants of keyaccount.domain.customers.customer; see
docs/explanation/testing.md ("Surviving mutants").
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from keyaccount import (
    TIER_A,
    Customer,
    DisposalApproval,
    InvalidInput,
    ProcessRecord,
)

NOW = datetime(2025, 6, 2, 9, 0, tzinfo=UTC)


def a_customer() -> Customer:
    return Customer(account_id="C-1", name="Acme", category="regional", staff=("wang",),
                    account_manager="wang")


def test_a_manager_off_the_staff_is_refused_naming_the_customer() -> None:
    with pytest.raises(InvalidInput, match=r"^customer 'C-1': account_manager 'li' must be one "
                                           r"of the staff covering the account \['wang'\]$"):
        Customer(account_id="C-1", name="Acme", category="regional", staff=("wang",),
                 account_manager="li")


def test_archive_fields_on_an_account_not_terminated_are_refused_by_name() -> None:
    approval = DisposalApproval(approved_by="zhou", role="key_account_department_manager",
                                approved_at=NOW, reason="flooded archive")
    with pytest.raises(InvalidInput, match=r"^customer 'C-1' is prospect: \['archived_from', "
                                           r"'departure', 'disposal'\] belong to a terminated "
                                           r"account only$"):
        Customer(account_id="C-1", name="Acme", category="regional", departure="trading_ended",
                 archived_from="prospect", disposal=approval)


def test_a_process_record_may_be_added_at_the_moment_it_happened() -> None:
    record = ProcessRecord(kind="order", occurred_at=NOW, summary="order 12")
    customer, _ = a_customer().add_record(record, now=NOW)
    assert customer.records == (record,)


def test_a_refused_amendment_points_to_regrade_only_for_the_tier() -> None:
    with pytest.raises(InvalidInput, match=r"^customer fields \['status'\] cannot be amended; "
                                           r"amendable fields are \["):
        a_customer().amend(status="active", now=NOW)
    with pytest.raises(InvalidInput, match=r"^customer fields \['tier'\] cannot be amended "
                                           r"\(a tier changes by regrade\); amendable fields "):
        a_customer().amend(tier=TIER_A, now=NOW)
