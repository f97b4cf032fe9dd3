"""The port a grading policy implements: :class:`GradingPolicy` (SPEC §5).

The domain owns it; :mod:`keyaccount.policies` holds the default implementations and
:mod:`keyaccount.testing` the conformance checks a host's own policy can run.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Protocol, runtime_checkable

from keyaccount.domain.grading.figures import AccountFigures
from keyaccount.domain.grading.graded import GradedAccount
from keyaccount.domain.grading.tiers import Tier

__all__ = ["GradingPolicy"]


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
