"""Rules of policies/customers/coverage.py found by mutation testing (docs/explanation/testing.md).

The count validators of ``MinimumStaffByTier`` are built when the class is defined, before
mutmut forks a process per mutant, so mutmut never sees them fail; their bounds are tested in
tests/customers/test_coverage.py and test_bad_input.py, checked by hand against each mutant.
"""

from __future__ import annotations

import pytest

from keyaccount import PolicyConfigError
from keyaccount.policies import MinimumStaffByTier


@pytest.mark.parametrize("blank", ["", "  ", None])
def test_a_blank_known_tier_is_a_configuration_error_naming_it(blank: object) -> None:
    with pytest.raises(PolicyConfigError, match=r"^a code in coverage known_tiers must be "):
        MinimumStaffByTier.from_mapping({"known_tiers": ["A", blank]})


def test_a_setting_with_an_unknown_key_is_refused_naming_the_policy() -> None:
    with pytest.raises(PolicyConfigError, match=r"^coverage settings have unknown key\(s\) "):
        MinimumStaffByTier.from_mapping({"top_minmum": 3})
