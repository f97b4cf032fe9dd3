"""Rules of the weighted scorecard (policies/indicators/scorecard.py): errors name the policy."""

from __future__ import annotations

from typing import Any

import pytest

from indicator_builders import H1, two_managers
from keyaccount import Indicator, IndicatorValue, InvalidInput, PolicyConfigError
from keyaccount.policies import WeightedScorecard


@pytest.mark.parametrize(("settings", "message"), [
    ({"weigths": {}}, r"^WeightedScorecard settings have unknown key\(s\) \['weigths'\]"),
    ({"weights": 5}, r"^WeightedScorecard setting 'weights' must be a mapping"),
    ({"weights": {"satisfaction": "0.5"}}, r"^WeightedScorecard weights must sum to 1"),
])
def test_scorecard_settings_that_are_wrong_are_refused_naming_the_policy(
    settings: dict[str, Any], message: str
) -> None:
    with pytest.raises(PolicyConfigError, match=message):
        WeightedScorecard.from_mapping(settings)


def test_an_appraisal_by_an_unknown_dimension_is_refused_naming_the_argument() -> None:
    with pytest.raises(InvalidInput,
                       match=r"^WeightedScorecard\.appraise dimension must be one of \["):
        WeightedScorecard().appraise(two_managers(), "nonsense")


def test_values_keyed_by_an_unknown_indicator_are_refused_naming_the_argument() -> None:
    completion = IndicatorValue.rate(Indicator.VISIT_PLAN_COMPLETION, H1, 3, 4)
    with pytest.raises(InvalidInput, match=r"^values must be one of \['visit_plan_completion'"):
        WeightedScorecard().appraise_values({"nonsense": completion}, H1)  # type: ignore[dict-item]


def test_values_keyed_by_indicator_or_by_its_name_appraise_alike() -> None:
    completion = IndicatorValue.rate(Indicator.VISIT_PLAN_COMPLETION, H1, 3, 4)
    policy = WeightedScorecard({"visit_plan_completion": "0.6", "problem_resolution": "0.4"})
    by_member = policy.appraise_values({Indicator.VISIT_PLAN_COMPLETION: completion}, H1)
    by_name = policy.appraise_values({"visit_plan_completion": completion}, H1)  # type: ignore[dict-item]
    assert by_member == by_name
