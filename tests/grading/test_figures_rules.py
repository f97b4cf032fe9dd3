"""Rules of domain/grading/figures.py found by mutation testing (docs/explanation/testing.md).

A score component holds a value within the money bound and a weight from 0 to 1 with up to
12 decimal places, both bounds included; an attrs subclass of the figures keeps every figure
it is given.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import attrs
import pytest

from keyaccount import AccountFigures, InvalidInput, ScoreComponent


@pytest.mark.parametrize("value", [Fraction(10**15), Fraction(-(10**15)), Fraction(0)])
def test_a_component_value_may_reach_the_money_bound_itself(value: Fraction) -> None:
    assert ScoreComponent("contract_amount", value, 1).value == value
    beyond = value + (1 if value > 0 else -1)
    if value:
        with pytest.raises(InvalidInput, match=r"^ScoreComponent\.value must be a Fraction of "):
            ScoreComponent("contract_amount", beyond, 1)


@pytest.mark.parametrize("weight", ["0", "1", "0.000000000001", "0.999999999999"])
def test_a_component_weight_runs_from_0_to_1_with_twelve_places(weight: str) -> None:
    assert ScoreComponent("contract_amount", Fraction(1, 2), weight).weight == Decimal(weight)


@pytest.mark.parametrize("weight", ["-0.000000000001", "1.000000000001", "0.0000000000001"])
def test_a_component_weight_past_its_bounds_or_places_is_refused(weight: str) -> None:
    with pytest.raises(InvalidInput, match=r"^ScoreComponent\.weight must "):
        ScoreComponent("contract_amount", Fraction(1, 2), weight)


def test_an_attrs_subclass_keeps_the_annual_purchase_amount_it_is_given() -> None:
    @attrs.frozen(kw_only=True)
    class SegmentFigures(AccountFigures):
        segment: str = "retail"

    built = SegmentFigures(account_id="acme", contract_amount=1, profit_contribution=1,
                           purchase_count=3, annual_purchase_amount="7.25")
    assert built.annual_purchase_amount == Decimal("7.25")
    assert type(built.annual_purchase_amount) is Decimal
