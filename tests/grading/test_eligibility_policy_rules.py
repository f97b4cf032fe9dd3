"""Rules of policies/grading/eligibility.py found by mutation testing (docs/explanation/testing.md).

Each finding of a verdict says why, naming the facts it read (seed 004 第4条): the reasons
below are the policy's words for each criterion met, not met and unknown.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from keyaccount import EligibilityFacts, InvalidInput, PolicyConfigError
from keyaccount.policies import KeyAccountEligibility

ALL_MET = EligibilityFacts(
    account_id="met", well_known_brand=True, sales_rank=10, sales_share="5",
    profit_share="12.5", daily_contact=True, sales_support=True, priority_supply=True,
    prompt_listing=True)
NONE_MET = EligibilityFacts(
    account_id="unmet", well_known_brand=False, sales_rank=11, sales_share="4.99",
    daily_contact=False, priority_supply=False, prompt_listing=False)
SUPPORT_ONLY_UNMET = EligibilityFacts(
    account_id="support", daily_contact=True, sales_support=False, profit_share="1")
NOTHING_KNOWN = EligibilityFacts(account_id="unknown")


def _reasons(facts: EligibilityFacts) -> list[str]:
    verdict = KeyAccountEligibility().assess(facts)
    return [finding.reason.removesuffix(f" (seed 004 第4条 {position})")
            for position, finding in enumerate(verdict.findings, start=1)]


def test_each_finding_met_gives_its_reason_naming_the_facts() -> None:
    assert _reasons(ALL_MET) == [
        "the brand is well known",
        "sales rank 10 is within the top 10",
        "sales share 5 %, profit share 12.5 %, against 5 %",
        "daily contact yes, sales support yes",
        "it gives priority to our supply",
        "it lists our first sales and new products promptly",
    ]


def test_each_finding_not_met_gives_its_reason_naming_the_facts() -> None:
    assert _reasons(NONE_MET) == [
        "the brand is not well known",
        "sales rank 11 is below the top 10",
        "sales share 4.99 %, profit share unknown, against 5 %",
        "daily contact no, sales support unknown",
        "it does not give priority to our supply",
        "it does not list our first sales and new products promptly",
    ]
    assert _reasons(SUPPORT_ONLY_UNMET)[2:4] == [
        "sales share unknown, profit share 1 %, against 5 %",
        "daily contact yes, sales support no",
    ]


def test_each_finding_unknown_gives_its_reason_naming_what_is_missing() -> None:
    assert _reasons(NOTHING_KNOWN) == [
        "no fact on the brand's renown",
        "no sales rank given",
        "sales share unknown, profit share unknown, against 5 %",
        "daily contact unknown, sales support unknown",
        "no fact on priority of supply",
        "no fact on listing our first sales and new products",
    ]


@pytest.mark.parametrize("share", ["0", "100", "4.123456789012"])
def test_the_large_share_is_a_percent_from_0_to_100_both_included(share: str) -> None:
    assert KeyAccountEligibility(large_share=share).large_share == Decimal(share)


@pytest.mark.parametrize(("share", "message"), [
    ("-0.000000000001", r"must be a percent from 0 to 100, got -1E-12$"),
    ("100.000000000001", r"must be at most 100 in magnitude"),
    ("4.1234567890123", r"must have at most 12 decimal places"),
])
def test_a_large_share_outside_0_to_100_or_too_fine_is_refused_naming_it(
    share: str, message: str
) -> None:
    with pytest.raises(InvalidInput, match=r"^KeyAccountEligibility\.large_share " + message):
        KeyAccountEligibility(large_share=share)


@pytest.mark.parametrize(("build", "error", "message"), [
    (lambda: KeyAccountEligibility(required="x"), InvalidInput,  # type: ignore[arg-type]
     r"^KeyAccountEligibility\.required must be a collection of criteria, got 'x'$"),
    (lambda: KeyAccountEligibility(required=["x"]), InvalidInput,  # type: ignore[list-item]
     r"^KeyAccountEligibility\.required must be one of \["),
    (lambda: KeyAccountEligibility.from_mapping({"x": 1}), PolicyConfigError,
     r"^KeyAccountEligibility settings have unknown key\(s\) \['x'\]"),
    (lambda: KeyAccountEligibility.from_mapping({"large_share": "abc"}), PolicyConfigError,
     r"^large_share must be a number, got 'abc'$"),
])
def test_a_refused_eligibility_setting_is_named(
    build: Callable[[], object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        build()
