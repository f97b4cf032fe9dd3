"""Rules of archive.py found by mutation testing (docs/explanation/testing.md)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from keyaccount import (
    AccountStatus,
    ApproverRole,
    DisposalApproval,
    FileRestored,
    InvalidInput,
)

AT = datetime(2026, 3, 2, 9, tzinfo=UTC)


def approval(role: object) -> DisposalApproval:
    return DisposalApproval(
        approved_by="gao",
        role=role,
        approved_at=AT,
        reason="deregistered in 2019",  # type: ignore[arg-type]
    )


def restored(to: object) -> FileRestored:
    return FileRestored(occurred_at=AT, account_id="C-1", restored_to=to, reason="a mistake")  # type: ignore[arg-type]


def test_an_approvers_role_is_taken_as_a_member_or_by_its_name() -> None:
    manager = ApproverRole.KEY_ACCOUNT_DEPARTMENT_MANAGER
    assert approval(manager).role is manager
    assert approval("key_account_department_manager").role is manager


def test_an_unknown_approver_role_is_refused_naming_the_field() -> None:
    with pytest.raises(InvalidInput, match=r"^DisposalApproval\.role must be one of \[.*'boss'"):
        approval("boss")


def test_the_state_a_file_is_restored_to_is_taken_as_a_member_or_by_its_name() -> None:
    assert restored(AccountStatus.DORMANT).restored_to is AccountStatus.DORMANT
    assert restored("active").restored_to is AccountStatus.ACTIVE
    assert restored("suspended").restored_to is AccountStatus.SUSPENDED


def test_an_unknown_state_to_restore_a_file_to_is_refused_naming_the_field() -> None:
    with pytest.raises(
        InvalidInput, match=r"^FileRestored\.restored_to must be one of \[.*'revived'"
    ):
        restored("revived")


@pytest.mark.parametrize("to", ["terminated", AccountStatus.TERMINATED])
def test_a_file_is_never_restored_to_terminated(to: object) -> None:
    with pytest.raises(InvalidInput, match="restored_to must be a state before termination"):
        restored(to)
