"""Rules of policies/grading/calibration.py found by mutation testing (docs/explanation)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from keyaccount import TIER_A, TIER_B, AccountFigures, Grading, InvalidInput
from keyaccount.policies import AmountBandGrading, calibrate
from keyaccount.policies.grading.calibration import Calibration


def _figures(account_id: str, contract: int) -> AccountFigures:
    return AccountFigures(account_id=account_id, contract_amount=Decimal(contract),
                          profit_contribution=Decimal(0), purchase_count=0)


def test_among_equally_good_thresholds_the_lowest_win() -> None:
    # x and y share the amount 10 but not the tier: 10 in A or in B misplaces one account
    figures = [_figures("x", 10), _figures("y", 10), _figures("z", 20)]
    grading = Grading(figures=figures, ids=["x", "y", "z"], keys=[1, 1, 2],
                      key_unit=Fraction(1), columns=[], tiers=(TIER_A, TIER_B),
                      tier_list=[0, 1, 0])
    calibration = calibrate(grading)
    assert [(band.tier, band.lower) for band in calibration.bands.bands] == [(TIER_A, 0)]
    assert calibration.mismatched == ("y",)


def test_every_account_of_a_portfolio_may_be_mismatched() -> None:
    calibration = Calibration(AmountBandGrading(), ("a",), 1)
    assert calibration.mismatched == ("a",)


def test_mismatched_ids_that_are_not_a_collection_are_refused_naming_the_field() -> None:
    with pytest.raises(InvalidInput, match=r"^Calibration\.mismatched must be a collection of "
                                           r"account ids, got 'a'$"):
        Calibration(AmountBandGrading(), "a", 1)  # type: ignore[arg-type]
