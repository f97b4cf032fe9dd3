"""Rules of the loyalty weights policy (policies/indicators/loyalty.py): errors name it."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest

from keyaccount import PolicyConfigError
from keyaccount.policies import WeightedLoyalty


@pytest.mark.parametrize(("settings", "message"), [
    ({"weigths": {}}, r"^WeightedLoyalty settings have unknown key\(s\) \['weigths'\]"),
    ({"weights": 5}, r"^WeightedLoyalty setting 'weights' must be a mapping"),
])
def test_loyalty_settings_that_are_wrong_are_refused_naming_the_policy(
    settings: dict[str, Any], message: str
) -> None:
    with pytest.raises(PolicyConfigError, match=message):
        WeightedLoyalty.from_mapping(settings)


@pytest.mark.parametrize(("weights", "message"), [
    (5, r"^WeightedLoyalty weights must be a mapping or a collection"),
    ({"gratitude": 1}, r"^WeightedLoyalty weights name unknown component 'gratitude'"),
    ({"repeat_purchase_count": Fraction(1, 2)}, r"^WeightedLoyalty weights must sum to 1"),
])
def test_loyalty_weights_that_are_wrong_are_refused_naming_the_policy(
    weights: Any, message: str
) -> None:
    with pytest.raises(PolicyConfigError, match=message):
        WeightedLoyalty(weights=weights)
