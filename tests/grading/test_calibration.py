"""Calibration: contract-amount bands that reproduce a grading (SPEC §5a)."""

import itertools
from collections import Counter
from fractions import Fraction

import pytest
from hypothesis import given

from grading_portfolios import (
    CONTRACT_ONLY,
    DEFAULT,
    account,
    ladder,
)
from keyaccount import (
    TIER_A,
    AccountFigures,
    InvalidInput,
    TieRule,
)
from keyaccount.policies import (
    Calibration,
    WeightedScoreGrading,
    calibrate,
)
from keyaccount.testing import (
    portfolio_figures,
    weighted_gradings,
)


@given(portfolio_figures(min_size=1, max_size=40), weighted_gradings())
def test_calibration_reproduces_the_grading_exactly_when_only_contract_amount_counts(
    portfolio: list[AccountFigures], policy: WeightedScoreGrading
) -> None:
    # a rule that moves a tie block wholly keeps equal amounts in one tier, so bands can
    # reproduce it; a split tie block is the one thing amount bands cannot reproduce
    rule = policy.tie_rule
    contract_only = WeightedScoreGrading(CONTRACT_ONLY, policy.normalisation, policy.shares,
                                         tie_rule=rule)
    grading = contract_only.grade(portfolio)
    calibration = calibrate(grading)
    if grading.tie_blocks_split:
        assert rule is TieRule.SPLIT
        tied = Counter(f.contract_amount for f in portfolio)
        for account_id in calibration.mismatched:
            assert tied[grading[account_id].figures.contract_amount] > 1
        return
    assert calibration.mismatch_count == 0
    assert calibration.agreement == 1
    for graded in grading.values():
        assert calibration.bands.classify(graded.figures.contract_amount) == graded.tier


@given(portfolio_figures(min_size=1, max_size=40))
def test_calibration_misplaces_exactly_the_accounts_it_reports(
    portfolio: list[AccountFigures],
) -> None:
    grading = DEFAULT.grade(portfolio)
    calibration = calibrate(grading)
    misplaced = sorted(
        i for i, g in grading.items()
        if calibration.bands.classify(g.figures.contract_amount) != g.tier
    )
    assert list(calibration.mismatched) == misplaced
    assert calibration.bands.bands[0].lower == 0
    # a plain mapping of graded accounts (any policy's result) calibrates the same
    assert calibrate(dict(grading)) == calibration


@given(portfolio_figures(min_size=1, max_size=8), weighted_gradings())
def test_no_contract_amount_thresholds_misplace_fewer_accounts_than_calibration(
    portfolio: list[AccountFigures], policy: WeightedScoreGrading
) -> None:
    # Brute force: every assignment of the graded tiers to the distinct amounts in which a
    # larger amount never gets a worse tier is a set of thresholds; none may do better.
    grading = policy.grade(portfolio)
    calibration = calibrate(grading)
    levels = sorted({g.tier for g in grading.values()}, reverse=True)  # worst first
    amounts_seen = sorted({f.contract_amount for f in portfolio})
    fewest = min(
        sum(1 for g in grading.values()
            if levels[assigned[amounts_seen.index(g.figures.contract_amount)]] != g.tier)
        for assigned in itertools.combinations_with_replacement(
            range(len(levels)), len(amounts_seen))
    )
    assert calibration.mismatch_count == fewest


def test_calibration_turns_a_grading_into_contract_amount_thresholds() -> None:
    grading = DEFAULT.grade(ladder(20))
    calibration = calibrate(grading)
    assert [(tier.code, int(lower)) for tier, lower in calibration.bands.thresholds] == [
        ("A", 19000), ("B", 16000), ("C", 10000), ("D", 0),
    ]
    assert calibration.mismatch_count == 0
    assert calibration.bands.figure == "contract_amount"


def test_calibration_reports_the_accounts_it_cannot_place_as_graded() -> None:
    # "rich" has the top contract amount but the worst other figures, so it is not tier A.
    portfolio = [*ladder(19), account("rich", 10**9, -100, 0)]
    grading = DEFAULT.grade(portfolio)
    calibration = calibrate(grading)
    assert grading["rich"].tier != TIER_A
    assert calibration.mismatch_count >= 1
    assert calibration.agreement == Fraction(20 - calibration.mismatch_count, 20)


def test_calibration_needs_at_least_one_account() -> None:
    with pytest.raises(InvalidInput, match="empty"):
        calibrate(DEFAULT.grade([]))


# --- issue 12: a calibration built by hand is checked ------------------------------------------


def test_a_calibration_mismatches_no_more_accounts_than_it_calibrated_on() -> None:
    bands = calibrate(DEFAULT.grade(ladder(4))).bands
    assert Calibration(bands, ["c1"], 4).mismatched == ("c1",)
    with pytest.raises(InvalidInput, match="more than its portfolio_size 1"):
        Calibration(bands, ("c1", "c2"), 1)
    with pytest.raises(InvalidInput, match="mismatched names an account twice"):
        Calibration(bands, ("c1", "c1"), 4)


def test_calibrate_refuses_a_mapping_of_anything_but_graded_accounts_by_key() -> None:
    with pytest.raises(InvalidInput, match=r"grading\['c1'\] must be a GradedAccount"):
        calibrate({"c1": TIER_A})  # type: ignore[dict-item]
    with pytest.raises(InvalidInput, match="grading must be a mapping"):
        calibrate(None)  # type: ignore[arg-type]
