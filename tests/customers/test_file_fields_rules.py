"""Rules of customers/_file_fields.py (the conversions of a customer file's fields) found by
mutation testing (docs/explanation/testing.md)."""

from __future__ import annotations

from typing import Any

import pytest

from keyaccount import AccountStatus, Customer, DepartureReason, InvalidInput


def a_file(**changes: Any) -> Customer:
    return Customer(**{"account_id": "C-1", "name": "Acme", "category": "regional", **changes})


@pytest.mark.parametrize("field", ["profile", "trade_secrets", "technical_profile"])
def test_a_topic_is_named_and_its_text_may_be_empty(field: str) -> None:
    assert getattr(a_file(**{field: {"history": ""}}), field) == (("history", ""),)
    with pytest.raises(InvalidInput, match=rf"^a topic in Customer\.{field} must be "):
        a_file(**{field: {" ": "the text"}})


def test_a_departure_given_by_its_value_is_read_as_its_reason() -> None:
    terminated = a_file(status="terminated", departure="customer_dissolved",
                        archived_from="active")
    assert terminated.departure is DepartureReason.CUSTOMER_DISSOLVED
    assert terminated.archived_from is AccountStatus.ACTIVE


@pytest.mark.parametrize("field", ["category", "counterpart_role", "status", "departure",
                                   "archived_from"])
def test_an_unknown_value_of_an_enum_field_is_refused_naming_the_field(field: str) -> None:
    changes: dict[str, Any] = {"status": "terminated", field: "bogus"}
    with pytest.raises(InvalidInput, match=rf"^Customer\.{field} must be one of "):
        a_file(**changes)
