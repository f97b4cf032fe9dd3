"""Rules of redacted views found unguarded by mutation testing (SPEC §4).

Each test kills a surviving mutant of keyaccount.domain.customers.access; see
docs/explanation/testing.md ("Surviving mutants").
"""

from __future__ import annotations

import pytest

from keyaccount import Customer, InvalidInput, RedactedView, Viewer, redact
from keyaccount.policies import presets

VIEWER = Viewer("sun", "other_department")


def test_a_view_always_says_which_file_it_is_of() -> None:
    acme = Customer(account_id="C-7", name="Acme", category="regional")
    view = redact(acme, presets.access(), viewer=VIEWER)
    assert view.account_id == "C-7"
    assert view["account_id"] == "C-7"


@pytest.mark.parametrize("fields", [
    (("name",),),                      # not a (field, value) pair
    (("name", "Acme", "extra"),),
    ((["name"], "Acme"),),             # an unhashable name
])
def test_a_view_whose_fields_are_not_field_value_pairs_is_refused_by_name(
    fields: tuple[tuple[object, ...], ...],
) -> None:
    with pytest.raises(InvalidInput, match=r"RedactedView\.fields"):
        RedactedView("C-1", VIEWER, fields, ())  # type: ignore[arg-type]
