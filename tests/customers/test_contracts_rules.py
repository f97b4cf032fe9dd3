"""Rules of contracts.py found by mutation testing (docs/explanation/testing.md)."""

from __future__ import annotations

from datetime import date

import pytest

from keyaccount import Contract, InvalidInput


@pytest.mark.parametrize("signatories", ["Li Wei", 7])
def test_signatories_that_are_not_a_collection_are_refused_naming_the_field_and_names(
    signatories: object,
) -> None:
    with pytest.raises(
        InvalidInput, match=r"^Contract\.signatories must be a collection of names, got "
    ):
        Contract(reference="QA-7", signed_on=date(2025, 3, 1), signatories=signatories)  # type: ignore[arg-type]


def test_signatories_are_kept_in_order_as_a_tuple() -> None:
    contract = Contract(reference="QA-7", signed_on=date(2025, 3, 1), signatories=["Li", "Wang"])
    assert contract.signatories == ("Li", "Wang")
