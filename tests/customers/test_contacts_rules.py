"""Rules of contacts.py found by mutation testing (docs/explanation/testing.md)."""

from __future__ import annotations

import pytest

from keyaccount import Contact, ContactRole, InvalidInput


def test_a_contact_role_is_taken_as_a_member_or_by_its_name() -> None:
    assert Contact(name="周敏", role=ContactRole.CFO).role is ContactRole.CFO
    assert Contact(name="周敏", role="cfo").role is ContactRole.CFO


def test_an_unknown_contact_role_is_refused_naming_the_field() -> None:
    with pytest.raises(InvalidInput, match=r"^Contact\.role must be one of \[.*'boss'"):
        Contact(name="周敏", role="boss")
