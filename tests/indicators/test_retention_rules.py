"""Rules of retention and churn (domain/indicators/retention.py)."""

from __future__ import annotations

from typing import Any

import pytest

from indicator_builders import H1
from keyaccount import Dimension, InvalidInput, RetentionFact, retention_and_churn


@pytest.mark.parametrize(("roster", "message"), [
    ([5], r"^roster must hold RetentionFact records, got 5"),
    (5, r"^roster must be a collection of RetentionFact records, got 5"),
])
def test_a_roster_that_is_not_of_retention_records_is_refused_naming_it(
    roster: Any, message: str
) -> None:
    with pytest.raises(InvalidInput, match=message):
        retention_and_churn(roster, H1)


def test_each_group_counts_every_account_on_the_roster_once() -> None:
    roster = [RetentionFact(f"K{i}", tier, "Wang", "KA", retained=i % 3 != 0)
              for i, tier in enumerate("AABBCCA")]
    report = retention_and_churn(roster, H1)
    a = report.retention.of(Dimension.TIER, "A")
    assert (a.numerator, a.denominator) == (1, 3)  # K0 and K6 lost, K1 kept
    churn = report.high_value_churn.of(Dimension.ACCOUNT_MANAGER, "Wang")
    assert (churn.numerator, churn.denominator) == (3, 5)  # K0, K3 and K6 lost of A and B
    assert report.churn.of(Dimension.ACCOUNT, "K3").numerator == 1


class _FaultyFact(RetentionFact):
    """A host's own record type whose attribute fails: its fault is not a foreign record."""

    __slots__ = ()

    @property
    def retained(self) -> bool:  # type: ignore[override]
        raise AttributeError("the host's own fault")


def test_a_fault_of_a_roster_record_of_the_right_kind_propagates_unchanged() -> None:
    faulty = RetentionFact("ACME", "A", "Wang", "KA", retained=True)
    object.__setattr__(faulty, "__class__", _FaultyFact)
    with pytest.raises(AttributeError, match="the host's own fault"):
        retention_and_churn([faulty], H1)
