"""Rules of the indicator set and compute_indicators (domain/indicators/indicator_set.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from indicator_builders import FIVE_POINT, H1, two_managers, visit
from keyaccount import Indicator, IndicatorSet, InvalidInput, compute_indicators


def test_target_attainment_is_computed_along_with_the_other_indicators() -> None:
    indicators = compute_indicators(
        H1, visits=[visit("ACME", "A", "Wang", date(2025, 3, 3))], targets=[], results=[]
    )
    assert set(indicators.breakdowns) == {
        Indicator.VISIT_PLAN_COMPLETION, Indicator.SALES_TARGET_ATTAINMENT,
        Indicator.PROFIT_TARGET_ATTAINMENT, Indicator.VISITS_TARGET_ATTAINMENT,
    }


@pytest.mark.parametrize(("inputs", "message"), [
    ({"targets": 5, "results": []}, r"^targets must be a collection of AccountTarget records"),
    ({"targets": [], "results": 5}, r"^results must be a collection of AccountResult records"),
    ({"surveys": [5], "satisfaction_scale": FIVE_POINT},
     r"^surveys must hold SurveyResponse records"),
    ({"volumes": 5}, r"^volumes must be a collection of VolumeFact records"),
])
def test_records_of_the_wrong_kind_are_refused_naming_the_argument(
    inputs: dict[str, Any], message: str
) -> None:
    with pytest.raises(InvalidInput, match=message):
        compute_indicators(H1, **inputs)


def test_a_set_keyed_by_an_unknown_indicator_is_refused_naming_the_field() -> None:
    breakdown = next(iter(two_managers().breakdowns.values()))
    with pytest.raises(InvalidInput, match=r"^IndicatorSet\.breakdowns must be one of \["):
        IndicatorSet(H1, {"nonsense": breakdown})  # type: ignore[dict-item]


def test_a_set_keyed_by_indicator_or_by_its_name_is_the_same() -> None:
    indicators = two_managers()
    by_name = {indicator.value: b for indicator, b in indicators.breakdowns.items()}
    assert IndicatorSet(H1, by_name) == indicators  # type: ignore[arg-type]


def test_a_set_of_no_period_is_refused_naming_the_field() -> None:
    with pytest.raises(InvalidInput, match=r"^IndicatorSet\.period must be a Period, got 5"):
        IndicatorSet(5, {})  # type: ignore[arg-type]


def test_adding_something_else_than_a_breakdown_is_refused_naming_the_argument() -> None:
    with pytest.raises(InvalidInput, match=r"^breakdowns must hold Breakdowns of IndicatorValue"):
        two_managers().including(5)  # type: ignore[arg-type]
