"""Hypothesis strategies for key-account eligibility, and its conformance check (seed 004 第4条).

Apart from ``_grading`` (grading's strategies and checks fill that module): eligibility is
one concept of the grading subdomain with its own facts and verdicts.

>>> from hypothesis import given, settings
>>> from keyaccount.policies import presets
>>> @settings(max_examples=5)
... @given(eligibility_facts())
... def test_the_default_eligibility_keeps_the_invariants(facts):
...     check_eligibility_policy(presets.key_account_eligibility(), facts)
>>> test_the_default_eligibility_keeps_the_invariants()
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from keyaccount._errors import InvalidInput
from keyaccount.domain.grading import (
    EligibilityFacts,
    EligibilityPolicy,
    EligibilityVerdict,
    KeyAccountCriterion,
    decide_eligibility,
)
from keyaccount.policies.grading import KeyAccountEligibility

__all__ = ["check_eligibility_policy", "eligibility_facts", "eligibility_policies"]

_FLAGS = st.sampled_from([None, True, False])
_SHARES = st.one_of(
    st.none(),
    st.sampled_from([Decimal(0), Decimal(5), Decimal("4.99"), Decimal(100), Decimal(-3)]),
    st.integers(-10_000, 10_000).map(lambda hundredths: Decimal(hundredths) / 100),
)
_RANKS = st.one_of(st.none(), st.integers(1, 30), st.integers(1, 10**9))


@st.composite
def eligibility_facts(draw: st.DrawFn, account_id: str = "acct-0") -> EligibilityFacts:
    """What a host may know of an account: each fact known or ``None``.

    Ranks and shares fall near the defaults' thresholds (rank 10, 5 %) as often as far from
    them.

    Args:
        draw: supplied by hypothesis.
        account_id: the account's id.
    """
    return EligibilityFacts(
        account_id=account_id,
        well_known_brand=draw(_FLAGS), sales_rank=draw(_RANKS), sales_share=draw(_SHARES),
        profit_share=draw(_SHARES), daily_contact=draw(_FLAGS), sales_support=draw(_FLAGS),
        priority_supply=draw(_FLAGS), prompt_listing=draw(_FLAGS))


@st.composite
def eligibility_policies(draw: st.DrawFn) -> KeyAccountEligibility:
    """Valid :class:`~keyaccount.policies.KeyAccountEligibility` policies built from settings.

    Any set of required criteria (none too), a top rank from 1 to 50, a large share.
    """
    required = draw(st.sets(st.sampled_from([c.value for c in KeyAccountCriterion])))
    return KeyAccountEligibility.from_mapping({
        "required": sorted(required),
        "top_rank": draw(st.integers(1, 50)),
        "large_share": str(draw(st.integers(0, 10_000)) / 100),
    })


def check_eligibility_policy(policy: EligibilityPolicy, facts: EligibilityFacts) -> None:
    """Assert the invariants every :class:`~keyaccount.EligibilityPolicy` must keep.

    * the verdict is an :class:`~keyaccount.EligibilityVerdict` of the facts' account, with
      one finding per :class:`~keyaccount.KeyAccountCriterion` in the seed's order, each with
      a reason (an :class:`~keyaccount.EligibilityVerdict` holds only
      :class:`~keyaccount.CriterionFinding` values, which refuse a blank reason);
    * exactly the criteria in ``policy.required`` are marked required;
    * the eligibility is what :func:`~keyaccount.decide_eligibility` gives for the findings:
      a required criterion not met makes it not eligible, else a required one unknown makes
      it undetermined, else it is eligible; so a criterion not required never changes it;
    * the same facts give the same verdict, and a value that is not facts is refused with
      :class:`~keyaccount.InvalidInput`.

    Run it from your own hypothesis test over :func:`eligibility_facts`.

    Raises:
        AssertionError: an invariant does not hold; the message says which.
    """
    verdict = policy.assess(facts)
    if not isinstance(verdict, EligibilityVerdict):
        raise AssertionError(f"assess must return an EligibilityVerdict, got {verdict!r:.80}")
    if verdict.account_id != facts.account_id:
        raise AssertionError(f"the verdict is of {verdict.account_id!r}, the facts of "
                             f"{facts.account_id!r}")
    named = tuple(finding.criterion for finding in verdict.findings)
    if named != tuple(KeyAccountCriterion):
        raise AssertionError(f"the findings must name each criterion once in the seed's order, "
                             f"got {[c.value for c in named]}")
    required = {finding.criterion for finding in verdict.findings if finding.required}
    if required != set(policy.required):
        raise AssertionError(
            f"the findings mark {sorted(c.value for c in required)} required, the policy "
            f"requires {sorted(c.value for c in policy.required)}")
    expected = decide_eligibility(verdict.findings)
    if verdict.eligibility is not expected:
        raise AssertionError(f"{facts.account_id!r} is {verdict.eligibility.value}, but its "
                             f"findings make it {expected.value}")
    if policy.assess(facts) != verdict:
        raise AssertionError("the same facts gave another verdict")
    try:
        policy.assess(facts.account_id)  # type: ignore[arg-type]
    except InvalidInput:
        pass
    else:
        raise AssertionError("an account id in place of the facts was not refused")
