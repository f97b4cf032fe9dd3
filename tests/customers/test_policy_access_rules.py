"""Rules of policies/customers/access.py found by mutation testing (docs/explanation/testing.md)."""

from __future__ import annotations

import pytest

from keyaccount import PolicyConfigError
from keyaccount.policies import RoleBasedAccess


@pytest.mark.parametrize("name", ["department_staff", "other_department", "on_account"])
def test_fields_that_are_not_a_collection_or_blank_are_refused_naming_the_setting(
    name: str,
) -> None:
    with pytest.raises(PolicyConfigError,
                       match=rf"^access {name} must be a collection of field names, got 'name'"):
        RoleBasedAccess.from_mapping({name: "name"})
    with pytest.raises(PolicyConfigError, match=rf"^a field in access {name} must be "):
        RoleBasedAccess.from_mapping({name: [" "]})


def test_a_setting_with_an_unknown_key_is_refused_naming_the_policy() -> None:
    with pytest.raises(PolicyConfigError, match=r"^access settings have unknown key\(s\) "):
        RoleBasedAccess.from_mapping({"departments": ["name"]})
