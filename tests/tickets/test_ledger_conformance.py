"""check_ledger_policy: every ledger policy's invariants, and the policies that break them.

LedgerPolicy (seed 001 §五(二)2-3; SPEC §7): ``lead_department`` is a non-blank name, the two
permissions are bools, and ``satisfied_by`` answers a bool for every score of the five-point
scale and never turns from satisfied to unsatisfied as the score grows.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from keyaccount import SATISFACTION_SCALE
from keyaccount.policies import LedgerRules, presets
from keyaccount.testing import check_ledger_policy


def exactly(message: str) -> str:
    """A pattern that matches ``message`` whole, and nothing else."""
    return f"^{re.escape(message)}$"


@attrs.frozen
class Ledger:
    """A host's own ledger policy; each part can be set to something that breaks the rules."""

    lead_department: object = "大客户部"
    allow_other_leads: object = False
    allow_contradiction: object = True
    satisfied: Callable[[int], object] = lambda score: score >= 4

    def satisfied_by(self, satisfaction: int) -> object:
        return self.satisfied(satisfaction)


# --- every valid policy passes ------------------------------------------------------------

_NAMES = st.sampled_from(["key-account department", "大客户部", "marketing", " sales "]) | st.text(
    min_size=1, max_size=20
).filter(str.strip)
_SETTINGS = st.fixed_dictionaries(
    {},
    optional={
        "lead_department": _NAMES,
        "allow_other_leads": st.booleans(),
        "satisfied_from": st.integers(SATISFACTION_SCALE.start + 1, SATISFACTION_SCALE.stop - 1),
        "allow_contradiction": st.booleans(),
    },
)


def test_the_default_ledger_rules_keep_the_ledger_invariants() -> None:
    check_ledger_policy(presets.ledger())
    check_ledger_policy(LedgerRules())


@given(_SETTINGS)
def test_ledger_rules_from_any_valid_settings_keep_the_invariants(
    ledger_settings: dict[str, Any],
) -> None:
    check_ledger_policy(LedgerRules.from_mapping(ledger_settings))


@pytest.mark.parametrize("threshold", [1, 2, 3, 4, 5, 6])
def test_a_threshold_anywhere_on_the_scale_or_past_it_passes(threshold: int) -> None:
    # 1: everyone satisfied; 6: nobody. Neither turns from satisfied to unsatisfied.
    check_ledger_policy(Ledger(satisfied=lambda score: score >= threshold))  # type: ignore[arg-type]


def test_a_correct_policy_of_the_hosts_own_passes() -> None:
    check_ledger_policy(Ledger(allow_other_leads=True, allow_contradiction=False))  # type: ignore[arg-type]
    check_ledger_policy(Ledger(lead_department="x"))  # type: ignore[arg-type]


# --- each invariant broken ------------------------------------------------------------------


@pytest.mark.parametrize(("lead", "message"), [
    ("", "lead_department must be a non-blank name, got ''"),
    ("  ", "lead_department must be a non-blank name, got '  '"),
    (None, "lead_department must be a non-blank name, got None"),
    (7, "lead_department must be a non-blank name, got 7"),
])
def test_the_check_catches_a_blank_or_missing_lead_department(lead: object, message: str) -> None:
    with pytest.raises(AssertionError, match=exactly(message)):
        check_ledger_policy(Ledger(lead_department=lead))  # type: ignore[arg-type]


@pytest.mark.parametrize(("changes", "message"), [
    ({"allow_other_leads": 0}, "allow_other_leads must be a bool, got 0"),
    ({"allow_other_leads": "no"}, "allow_other_leads must be a bool, got 'no'"),
    ({"allow_contradiction": 1}, "allow_contradiction must be a bool, got 1"),
    ({"allow_contradiction": None}, "allow_contradiction must be a bool, got None"),
])
def test_the_check_catches_a_permission_that_is_not_a_bool(
    changes: dict[str, object], message: str
) -> None:
    with pytest.raises(AssertionError, match=exactly(message)):
        check_ledger_policy(Ledger(**changes))  # type: ignore[arg-type]


@pytest.mark.parametrize(("satisfied", "message"), [
    (lambda score: int(score >= 4), "satisfied_by(1) must be a bool, got 0"),
    (lambda score: None if score == 5 else score >= 4, "satisfied_by(5) must be a bool, got None"),
    (lambda score: "yes" if score >= 3 else False, "satisfied_by(3) must be a bool, got 'yes'"),
])
def test_the_check_catches_an_answer_that_is_not_a_bool(
    satisfied: Callable[[int], object], message: str
) -> None:
    with pytest.raises(AssertionError, match=exactly(message)):
        check_ledger_policy(Ledger(satisfied=satisfied))  # type: ignore[arg-type]


@pytest.mark.parametrize(("satisfied", "message"), [
    # satisfied at 4, not at 5: the boundary at the top of the scale
    (lambda score: score == 4,
     "satisfied_by(5) is False, though the lower score 4 counts as satisfied"),
    # the message names the lowest satisfied score, not the last one
    (lambda score: score in (1, 2),
     "satisfied_by(3) is False, though the lower score 1 counts as satisfied"),
    # an inverted scale: satisfied at the bottom
    (lambda score: score <= 2,
     "satisfied_by(3) is False, though the lower score 1 counts as satisfied"),
])
def test_the_check_catches_a_customer_who_turns_unsatisfied_as_the_score_grows(
    satisfied: Callable[[int], object], message: str
) -> None:
    with pytest.raises(AssertionError, match=exactly(message)):
        check_ledger_policy(Ledger(satisfied=satisfied))  # type: ignore[arg-type]


def test_every_score_of_the_scale_is_asked() -> None:
    asked: list[int] = []

    def recording(score: int) -> bool:
        asked.append(score)
        return score >= 4

    check_ledger_policy(Ledger(satisfied=recording))  # type: ignore[arg-type]
    assert asked == list(SATISFACTION_SCALE) == [1, 2, 3, 4, 5]
