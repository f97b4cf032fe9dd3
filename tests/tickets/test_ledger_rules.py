"""Rules of policies/tickets/ledger.py found by mutation testing (docs/explanation)."""

from __future__ import annotations

import pytest

from keyaccount import InvalidInput, PolicyConfigError
from keyaccount.policies import LedgerRules


@pytest.mark.parametrize("threshold", [2, 3, 4, 5])
def test_the_satisfied_threshold_may_be_any_score_from_2_to_5(threshold: int) -> None:
    rules = LedgerRules(satisfied_from=threshold)
    assert [rules.satisfied_by(score) for score in range(1, 6)] == [
        score >= threshold for score in range(1, 6)
    ]


@pytest.mark.parametrize("threshold", [1, 6, 0, True, "4", 4.0, None])
def test_a_satisfied_threshold_off_the_scale_is_refused_naming_it(threshold: object) -> None:
    with pytest.raises(PolicyConfigError, match=r"^satisfied_from must be a score from 2 to 5"):
        LedgerRules(satisfied_from=threshold)  # type: ignore[arg-type]


@pytest.mark.parametrize("flag", ["allow_other_leads", "allow_contradiction"])
@pytest.mark.parametrize("value", [1, "yes", None])
def test_a_flag_that_is_not_a_bool_is_refused_naming_it(flag: str, value: object) -> None:
    with pytest.raises(PolicyConfigError, match=rf"^{flag} must be true or false"):
        LedgerRules(**{flag: value})  # type: ignore[arg-type]


@pytest.mark.parametrize("department", ["", "  ", None])
def test_a_blank_lead_department_is_refused(department: object) -> None:
    with pytest.raises(PolicyConfigError, match=r"^lead_department must "):
        LedgerRules(lead_department=department)  # type: ignore[arg-type]


@pytest.mark.parametrize("score", [0, 6, True, "4", 4.0, None])
def test_a_satisfaction_off_the_scale_is_refused(score: object) -> None:
    with pytest.raises(InvalidInput, match=r"^satisfaction must be an int from 1 to 5"):
        LedgerRules().satisfied_by(score)  # type: ignore[arg-type]


def test_ledger_settings_keep_the_defaults_they_leave_out() -> None:
    rules = LedgerRules.from_mapping({"satisfied_from": 3, "allow_other_leads": True})
    assert rules == LedgerRules(satisfied_from=3, allow_other_leads=True)
    assert LedgerRules.from_mapping({}) == LedgerRules()
    custom = LedgerRules.from_mapping({"lead_department": "marketing", "allow_contradiction": True})
    assert (custom.lead_department, custom.allow_contradiction) == ("marketing", True)


def test_a_ledger_setting_with_an_unknown_key_is_refused_naming_the_policy() -> None:
    with pytest.raises(PolicyConfigError, match=r"^ledger settings have unknown key\(s\)"):
        LedgerRules.from_mapping({"satisfied": 3})


def test_a_bad_ledger_setting_is_a_policy_configuration_error() -> None:
    with pytest.raises(PolicyConfigError, match="satisfied_from"):
        LedgerRules.from_mapping({"satisfied_from": 9})
