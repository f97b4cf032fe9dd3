"""The ports of grading: :class:`GradingPolicy` and :class:`EligibilityPolicy` (SPEC §5).

The domain owns it; :mod:`keyaccount.policies` holds the default implementations and
:mod:`keyaccount.testing` the conformance checks a host's own policy can run.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Protocol, runtime_checkable

from keyaccount.domain.grading.eligibility import (
    EligibilityFacts,
    EligibilityVerdict,
    KeyAccountCriterion,
)
from keyaccount.domain.grading.figures import AccountFigures
from keyaccount.domain.grading.graded import GradedAccount
from keyaccount.domain.grading.tiers import Tier

__all__ = ["EligibilityPolicy", "GradingPolicy"]


@runtime_checkable
class GradingPolicy(Protocol):
    """Decides who the key accounts are and at which tier (SPEC §5).

    Defaults: :class:`keyaccount.policies.WeightedScoreGrading` (seed 002) and
    :class:`keyaccount.policies.AmountBandGrading` (seed 004). Invariants a host's own policy
    must keep (checked by ``keyaccount.testing.check_grading_policy``): the result is keyed by
    exactly the graded account ids (a policy may leave out accounts that are not key
    accounts), every tier is one of :attr:`tiers`, duplicate ids are refused, and the result
    does not depend on the order of the input. A share-based policy also keeps its shares and
    monotonicity (``keyaccount.testing.check_grading_configuration``).
    """

    @property
    def tiers(self) -> tuple[Tier, ...]:
        """The tiers this policy grades into, best first."""
        ...

    def grade(self, figures: Iterable[AccountFigures]) -> Mapping[str, GradedAccount]:
        """Grade a portfolio: account id to graded account."""
        ...


@runtime_checkable
class EligibilityPolicy(Protocol):
    """Says whether an account qualifies as a key account, and why (seed 004 第4条).

    Default: :class:`keyaccount.policies.KeyAccountEligibility`. Invariants a host's own policy
    must keep (checked by ``keyaccount.testing.check_eligibility_policy``): the verdict is of
    the facts' account, has one finding per :class:`KeyAccountCriterion` in the seed's order,
    marks as required exactly :attr:`required`, and its eligibility is what
    :func:`~keyaccount.decide_eligibility` gives for its findings; the same facts give the
    same verdict. It reads no grading, so it can run before one.
    """

    @property
    def required(self) -> frozenset[KeyAccountCriterion]:
        """The criteria an account must meet."""
        ...

    def assess(self, facts: EligibilityFacts) -> EligibilityVerdict:
        """The verdict on one account."""
        ...
