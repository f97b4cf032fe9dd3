"""Rules of policies/customers/handover.py found by mutation testing (docs/explanation)."""

from __future__ import annotations

import pytest

from keyaccount import PolicyConfigError
from keyaccount.policies import CoveredHandover


def test_a_handover_setting_with_an_unknown_key_is_refused_naming_the_policy_and_the_key() -> None:
    with pytest.raises(
        PolicyConfigError, match=r"^handover settings have unknown key\(s\) \['coverag'\]"
    ):
        CoveredHandover.from_mapping({"coverag": {}})


def test_handover_settings_that_are_not_a_mapping_are_refused_naming_the_policy() -> None:
    with pytest.raises(PolicyConfigError, match=r"^handover settings must be a mapping"):
        CoveredHandover.from_mapping(["coverage"])  # type: ignore[arg-type]
