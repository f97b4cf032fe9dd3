"""Rules of the loyalty index and its report (domain/indicators/loyalty.py)."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest

from indicator_builders import EQUAL_LOYALTY, H1, loyalty
from keyaccount import InvalidInput, LoyaltyFacts, LoyaltyReport, loyalty_index


@pytest.mark.parametrize("key", [" ", "", 5])
def test_a_report_keyed_by_a_blank_or_non_text_account_id_is_refused_naming_the_field(
    key: Any,
) -> None:
    report = loyalty_index([loyalty("ACME", 2, "100")], H1, weights=EQUAL_LOYALTY)
    with pytest.raises(InvalidInput, match=r"^LoyaltyReport\.components must be keyed by "
                                           r"account id"):
        LoyaltyReport(report.index, {key: report.components["ACME"]})


def test_weights_naming_an_unknown_component_are_refused_naming_the_function() -> None:
    with pytest.raises(InvalidInput, match=r"^loyalty_index weights name unknown component "
                                           r"'gratitude'"):
        loyalty_index([loyalty("ACME", 2, "100")], H1, weights={"gratitude": Fraction(1)})


@pytest.mark.parametrize(("facts", "message"), [
    ([5], r"^facts must hold LoyaltyFacts records, got 5"),
    (5, r"^facts must be a collection of LoyaltyFacts records, got 5"),
])
def test_facts_that_are_not_loyalty_records_are_refused_naming_the_argument(
    facts: Any, message: str
) -> None:
    with pytest.raises(InvalidInput, match=message):
        loyalty_index(facts, H1, weights=EQUAL_LOYALTY)


class _FaultyFacts(LoyaltyFacts):
    """A host's own record type whose attribute fails: its fault is not a foreign record."""

    __slots__ = ()

    @property
    def account_id(self) -> str:  # type: ignore[override]
        raise AttributeError("the host's own fault")


def test_a_fault_of_a_loyalty_record_of_the_right_kind_propagates_unchanged() -> None:
    faulty = loyalty("ACME", 2, "100")
    object.__setattr__(faulty, "__class__", _FaultyFacts)
    with pytest.raises(AttributeError, match="the host's own fault"):
        loyalty_index([faulty], H1, weights=EQUAL_LOYALTY)
