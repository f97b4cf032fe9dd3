"""Rules of grading/reading.py found by mutation testing (docs/explanation/testing.md)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from types import SimpleNamespace

import pytest

from keyaccount import TIER_A, TIER_B, InvalidInput, Tier, tiers_of


class HostGrading(Mapping[str, object]):
    """A host's own grading: graded accounts with a ``.tier``, and a bulk read."""

    def __init__(self, tiers: dict[str, Tier]) -> None:
        self._tiers = tiers
        self.bulk_reads = 0

    def __getitem__(self, key: str) -> object:
        raise AssertionError("the bulk read must be used")

    def __iter__(self) -> Iterator[str]:
        return iter(self._tiers)

    def __len__(self) -> int:
        return len(self._tiers)

    def tiers_by_account(self) -> dict[str, Tier]:
        self.bulk_reads += 1
        return dict(self._tiers)


def test_a_mapping_of_tiers_is_read_as_it_is_in_its_order() -> None:
    tiers = tiers_of({"b": TIER_B, "a": TIER_A})
    assert tiers == {"b": TIER_B, "a": TIER_A}
    assert list(tiers) == ["b", "a"]


def test_graded_accounts_are_read_through_their_tier_beside_plain_tiers() -> None:
    grading = {"a": SimpleNamespace(tier=TIER_A), "b": TIER_B}
    assert tiers_of(grading) == {"a": TIER_A, "b": TIER_B}


def test_a_grading_offering_a_bulk_read_is_read_through_it() -> None:
    grading = HostGrading({"a": TIER_A, "b": TIER_B})
    assert tiers_of(grading) == {"a": TIER_A, "b": TIER_B}
    assert grading.bulk_reads == 1


@pytest.mark.parametrize("grading", [[("a", TIER_A)], "a", None])
def test_a_grading_that_is_not_a_mapping_is_refused_naming_it(grading: object) -> None:
    with pytest.raises(
        InvalidInput, match=r"^grading must be a mapping of account id to tier, got "
    ):
        tiers_of(grading)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", ["A", 1, SimpleNamespace(tier="A"), None])
def test_a_value_neither_tier_nor_graded_account_is_refused_naming_its_account(
    value: object,
) -> None:
    with pytest.raises(
        InvalidInput, match=r"^grading\['b'\] must be a Tier or a graded account, got "
    ):
        tiers_of({"a": TIER_A, "b": value})


@pytest.mark.parametrize("account_id", ["", "  ", 7, None])
def test_a_blank_or_non_string_account_id_is_refused(account_id: object) -> None:
    for value in (TIER_A, SimpleNamespace(tier=TIER_A)):
        with pytest.raises(InvalidInput, match=r"^an account id of grading must be") as refused:
            tiers_of({"a": TIER_B, account_id: value})  # type: ignore[dict-item]
        assert str(refused.value).endswith(f"got {account_id!r}")
