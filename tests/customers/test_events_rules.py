"""Rules of customers/events.py found by mutation testing (docs/explanation/testing.md)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from keyaccount import (
    AccountReassigned,
    FileAmended,
    InvalidInput,
    StaffAssigned,
    TicketHandedOver,
)

AT = datetime(2025, 6, 30, 17, tzinfo=UTC)


def amended(previous: object) -> FileAmended:
    return FileAmended(occurred_at=AT, account_id="C-1", previous=previous)  # type: ignore[arg-type]


def handed(roles: object, successor: str = "chen") -> TicketHandedOver:
    return TicketHandedOver(
        occurred_at=AT,
        account_id="C-1",
        ticket_id="T-1",
        departing="li",
        successor=successor,
        roles=roles,  # type: ignore[arg-type]
    )


def reassigned(successors: object, **changes: object) -> AccountReassigned:
    fields: dict[str, object] = {
        "occurred_at": AT,
        "account_id": "C-1",
        "departing": "li",
        "successors": successors,
        "account_manager": "chen",
    }
    fields.update(changes)
    return AccountReassigned(**fields)  # type: ignore[arg-type]


def test_an_amendment_keeps_each_field_and_its_value_before_in_order() -> None:
    event = amended({"phone": "010-1", "email": None})
    assert event.previous == (("phone", "010-1"), ("email", None))
    assert amended([("phone", "010-1")]).previous == (("phone", "010-1"),)


@pytest.mark.parametrize("previous", [{}, []])
def test_an_amendment_naming_no_field_is_refused(previous: object) -> None:
    with pytest.raises(InvalidInput, match=r"^FileAmended\.previous must name at least one field"):
        amended(previous)


@pytest.mark.parametrize("field", ["", "  ", None])
def test_a_blank_field_in_an_amendment_is_refused_naming_it(field: object) -> None:
    with pytest.raises(InvalidInput, match=r"^a field in FileAmended\.previous must be"):
        amended([("phone", "010-1"), (field, "x")])


def test_an_amendment_that_is_not_pairs_is_refused_naming_the_field_and_the_entry() -> None:
    with pytest.raises(
        InvalidInput,
        match=r"^FileAmended\.previous must be a mapping or a collection of "
        r"\(field, value before\) pairs, got 'phone'",
    ):
        amended("phone")
    with pytest.raises(
        InvalidInput,
        match=r"^FileAmended\.previous entries must be \(field, value before\) pairs, got",
    ):
        amended([("phone",)])


@pytest.mark.parametrize("value", [1, "yes", None])
def test_a_flag_of_a_staffing_event_that_is_not_a_bool_is_refused_naming_it(value: object) -> None:
    with pytest.raises(InvalidInput, match=r"^StaffAssigned\.account_manager must be "):
        StaffAssigned(occurred_at=AT, account_id="C-1", person="chen", account_manager=value)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match=r"^AccountReassigned\.inform_customer must be "):
        reassigned(["chen"], inform_customer=value)


def test_a_reassignment_keeps_its_successors_in_order_and_tells_the_customer() -> None:
    event = reassigned(["chen", "zhao"])
    assert event.successors == ("chen", "zhao")
    assert event.inform_customer is True


@pytest.mark.parametrize("successors", [[], ()])
def test_a_reassignment_to_nobody_is_refused(successors: object) -> None:
    with pytest.raises(
        InvalidInput, match=r"^AccountReassigned\.successors must name at least one person"
    ):
        reassigned(successors)


@pytest.mark.parametrize("successors", ["chen", 7])
def test_successors_that_are_not_a_collection_are_refused_naming_them(successors: object) -> None:
    with pytest.raises(
        InvalidInput, match=r"^AccountReassigned\.successors must be a collection of names"
    ):
        reassigned(successors)


@pytest.mark.parametrize(
    "roles",
    [["responsible_person"], ["lead_coordinator"], ["lead_coordinator", "responsible_person"]],
)
def test_a_ticket_handover_moves_one_or_both_roles(roles: list[str]) -> None:
    assert handed(roles).roles == tuple(roles)


@pytest.mark.parametrize(
    "roles",
    [[], ["owner"], ["responsible_person", "responsible_person"], ["responsible_person", "x"]],
)
def test_a_ticket_handover_naming_no_role_an_unknown_one_or_one_twice_is_refused(
    roles: list[str],
) -> None:
    with pytest.raises(
        InvalidInput, match=r"^TicketHandedOver\.roles must name each of \['responsible_person'"
    ):
        handed(roles)


@pytest.mark.parametrize("roles", ["responsible_person", 7])
def test_ticket_roles_that_are_not_a_collection_are_refused_naming_them(roles: object) -> None:
    with pytest.raises(
        InvalidInput, match=r"^TicketHandedOver\.roles must be a collection of role names"
    ):
        handed(roles)


def test_a_ticket_is_never_handed_over_to_the_person_leaving() -> None:
    with pytest.raises(InvalidInput, match=r"successor 'li' must not be the departing person"):
        handed(["responsible_person"], successor="li")
