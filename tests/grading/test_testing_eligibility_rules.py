"""Rules of testing/_eligibility.py found by mutation testing (docs/explanation/testing.md).

The conformance check must fail a policy that breaks one of its invariants: each host policy
below breaks exactly one.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs
import pytest

from keyaccount import (
    EligibilityFacts,
    EligibilityVerdict,
    KeyAccountCriterion,
)
from keyaccount.policies import presets
from keyaccount.testing import check_eligibility_policy

DEFAULT = presets.key_account_eligibility()
FACTS = EligibilityFacts(account_id="acme", well_known_brand=True, sales_rank=3)


class _HostPolicy:
    """The default policy, with its verdict passed through ``alter``."""

    def __init__(self, alter: Callable[[object, EligibilityVerdict], object],
                 required: frozenset[KeyAccountCriterion] = DEFAULT.required) -> None:
        self._alter = alter
        self._required = required
        self.calls = 0

    @property
    def required(self) -> frozenset[KeyAccountCriterion]:
        return self._required

    def assess(self, facts: EligibilityFacts) -> object:
        self.calls += 1
        if isinstance(facts, str):  # a host that looks an account up by its id
            facts = attrs.evolve(FACTS, account_id=facts)
        return self._alter(facts, DEFAULT.assess(facts))


def test_a_policy_that_takes_an_account_id_in_place_of_the_facts_fails_the_check() -> None:
    policy = _HostPolicy(lambda _facts, verdict: verdict)
    with pytest.raises(AssertionError,
                       match=r"^an account id in place of the facts was not refused$"):
        check_eligibility_policy(policy, FACTS)  # type: ignore[arg-type]


def _second_ask_differs(policy: _HostPolicy) -> Callable[[object, EligibilityVerdict], object]:
    return lambda _facts, verdict: (
        verdict if policy.calls == 1 else attrs.evolve(verdict, account_id="other"))


@pytest.mark.parametrize(("broken", "message"), [
    (lambda: _HostPolicy(lambda _facts, _verdict: None),
     r"^assess must return an EligibilityVerdict, got None$"),
    (lambda: _HostPolicy(lambda _facts, verdict: attrs.evolve(verdict, account_id="other")),
     r"^the verdict is of 'other', the facts of 'acme'$"),
    (lambda: _HostPolicy(lambda _facts, verdict: verdict, required=frozenset()),
     r"^the findings mark \['good_cooperation', .*\] required, the policy requires \[\]$"),
])
def test_a_policy_breaking_an_invariant_fails_the_check_naming_it(
    broken: Callable[[], _HostPolicy], message: str
) -> None:
    with pytest.raises(AssertionError, match=message):
        check_eligibility_policy(broken(), FACTS)  # type: ignore[arg-type]


def test_a_policy_giving_another_verdict_on_asking_again_fails_the_check() -> None:
    policy = _HostPolicy(lambda _facts, verdict: verdict)
    policy._alter = _second_ask_differs(policy)
    with pytest.raises(AssertionError, match=r"^the same facts gave another verdict$"):
        check_eligibility_policy(policy, FACTS)  # type: ignore[arg-type]
