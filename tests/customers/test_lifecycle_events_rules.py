"""Rules of customers/lifecycle_events.py found by mutation testing (docs/explanation)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from keyaccount import (
    AccountApproved,
    AccountStatus,
    DepartureReason,
    GeneralInvestigationStarted,
    InvalidInput,
    LifecycleStep,
    TradingTerminated,
)

AT = datetime(2025, 6, 30, 17, tzinfo=UTC)
STEP = {"occurred_at": AT, "account_id": "C-1"}


def started(**changes: object) -> GeneralInvestigationStarted:
    fields: dict[str, object] = {
        **STEP,
        "step": "begin_general_investigation",
        "from_status": "prospect",
        "to_status": "general_investigation",
    }
    fields.update(changes)
    return GeneralInvestigationStarted(**fields)  # type: ignore[arg-type]


def approved(flags: object) -> AccountApproved:
    return AccountApproved(
        **STEP,  # type: ignore[arg-type]
        step=LifecycleStep.APPROVE,
        from_status=AccountStatus.APPLICATION,
        to_status=AccountStatus.APPROVED,
        supply_contract="GY-1",
        quality_contract="ZB-1",
        flags=flags,  # type: ignore[arg-type]
    )


def terminated(departure: object) -> TradingTerminated:
    return TradingTerminated(
        **STEP,  # type: ignore[arg-type]
        step=LifecycleStep.TERMINATE,
        from_status=AccountStatus.ACTIVE,
        to_status=AccountStatus.TERMINATED,
        reason="bankrupt",
        departure=departure,  # type: ignore[arg-type]
    )


def test_a_lifecycle_event_takes_its_step_and_states_as_members_or_by_name() -> None:
    by_name = started()
    by_member = started(
        step=LifecycleStep.BEGIN_GENERAL_INVESTIGATION,
        from_status=AccountStatus.PROSPECT,
        to_status=AccountStatus.GENERAL_INVESTIGATION,
    )
    assert by_name == by_member
    assert by_name.step is LifecycleStep.BEGIN_GENERAL_INVESTIGATION
    assert (by_name.from_status, by_name.to_status) == (
        AccountStatus.PROSPECT,
        AccountStatus.GENERAL_INVESTIGATION,
    )


@pytest.mark.parametrize("field", ["step", "from_status", "to_status"])
def test_an_unknown_step_or_state_is_refused_naming_the_field(field: str) -> None:
    with pytest.raises(InvalidInput, match=rf"^LifecycleEvent\.{field} must be one of \[.*'odd'"):
        started(**{field: "odd"})


@pytest.mark.parametrize(
    ("departure", "expected"),
    [
        (None, None),
        ("customer_dissolved", DepartureReason.CUSTOMER_DISSOLVED),
        (DepartureReason.RELATIONSHIP_DISSOLVED, DepartureReason.RELATIONSHIP_DISSOLVED),
    ],
)
def test_a_departure_is_none_a_member_or_its_name(
    departure: object, expected: DepartureReason | None
) -> None:
    assert terminated(departure).departure is expected


def test_an_unknown_departure_is_refused_naming_the_field() -> None:
    with pytest.raises(
        InvalidInput, match=r"^TradingTerminated\.departure must be one of \[.*'moved'"
    ):
        terminated("moved")


def test_an_approvals_flags_are_kept_in_order() -> None:
    assert approved(["b", "a"]).flags == ("b", "a")


@pytest.mark.parametrize("flags", ["cooperation", 7])
def test_flags_that_are_not_a_collection_are_refused_naming_the_field(flags: object) -> None:
    with pytest.raises(
        InvalidInput, match=r"^AccountApproved\.flags must be a collection of reasons, got "
    ):
        approved(flags)


@pytest.mark.parametrize("flag", ["", "  ", None])
def test_a_blank_flag_is_refused_naming_its_list(flag: object) -> None:
    with pytest.raises(InvalidInput, match=r"^a flag in AccountApproved\.flags must be"):
        approved(["fine", flag])
