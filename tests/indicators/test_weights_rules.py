"""Rules of the weight policies' shared reading of weights (policies/indicators/_weights.py)."""

from __future__ import annotations

from typing import Any

import pytest

from keyaccount import InvalidInput, PolicyConfigError
from keyaccount.policies import WeightedLoyalty


@pytest.mark.parametrize("weights", [[5], [("referral_rate", 1, 2)], ["ab"]])
def test_a_weight_entry_that_is_not_a_pair_is_a_policy_error_naming_the_pair_it_expects(
    weights: Any,
) -> None:
    with pytest.raises(PolicyConfigError, match=r"^WeightedLoyalty weights entries must be "
                                                r"\(name, weight\) pairs, got ") as caught:
        WeightedLoyalty(weights=weights)
    assert not isinstance(caught.value, InvalidInput)
