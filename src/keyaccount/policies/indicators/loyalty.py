"""The loyalty index weights (seed 002 §忠诚度分析): the seven behaviours, weighted.

:class:`WeightedLoyalty` implements :class:`keyaccount.LoyaltyPolicy` with
:func:`keyaccount.loyalty_index`. Weights are exact fractions, as a scorecard's
(:mod:`keyaccount.policies.indicators.scorecard`): ``>= 0`` and summing to exactly 1.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any

import attrs

from keyaccount._errors import PolicyConfigError
from keyaccount._numeric import check_total
from keyaccount.domain.calendar import Period
from keyaccount.domain.indicators import (
    LOYALTY_COMPONENTS,
    LoyaltyFacts,
    LoyaltyReport,
    loyalty_index,
)
from keyaccount.policies.indicators._weights import WeightPairs, from_settings, named_weights

__all__ = ["DEFAULT_LOYALTY_WEIGHTS", "WeightedLoyalty"]

# seed 002 §忠诚度分析 lists seven behaviours (再次购买次数、数量、金额、转介绍率、活动响应度、
# 价格敏感度、质量事故宽容度) and weighs none above another: our default gives each 1/7.
DEFAULT_LOYALTY_WEIGHTS: tuple[tuple[str, Fraction], ...] = tuple(
    (name, Fraction(1, 7)) for name in LOYALTY_COMPONENTS
)


def _loyalty_weights(value: WeightPairs) -> tuple[tuple[str, Fraction], ...]:
    return named_weights(
        value, known={name: name for name in LOYALTY_COMPONENTS}, policy="WeightedLoyalty",
        kind="component",
    )


@attrs.frozen
class WeightedLoyalty:
    """Weights the seven loyalty behaviours of seed 002 §忠诚度分析 into a loyalty index.

    Attributes:
        weights: ``(component, weight)`` pairs over :data:`keyaccount.LOYALTY_COMPONENTS`;
            components left out weigh nothing. Default: :data:`DEFAULT_LOYALTY_WEIGHTS`
            (1/7 each).

    Raises:
        PolicyConfigError: an unknown component, a negative or inexact weight, or weights
            that do not sum to 1.

    >>> WeightedLoyalty().weights[0]
    ('repeat_purchase_count', Fraction(1, 7))
    >>> WeightedLoyalty.from_mapping({"weights": {"gratitude": 1}})
    Traceback (most recent call last):
    ...
    keyaccount.PolicyConfigError: WeightedLoyalty weights name unknown component 'gratitude'; ...
    """

    weights: tuple[tuple[str, Fraction], ...] = attrs.field(
        default=DEFAULT_LOYALTY_WEIGHTS, converter=_loyalty_weights
    )

    def __attrs_post_init__(self) -> None:
        check_total(self.weights, field="WeightedLoyalty weights", error=PolicyConfigError)

    @classmethod
    def from_mapping(cls, settings: Mapping[str, Any]) -> WeightedLoyalty:
        """Build from a host's settings: ``{"weights": {component: weight}}``.

        Without ``"weights"`` the seed defaults are used.

        Args:
            settings: the host's settings; the only key is ``"weights"``.

        Returns:
            The policy.

        Raises:
            PolicyConfigError: unknown keys or components, bad weights.
        """
        return from_settings(cls, settings, policy="WeightedLoyalty")

    def index(self, facts: Iterable[LoyaltyFacts], period: Period) -> LoyaltyReport:
        """The loyalty index of every account and group (see :func:`keyaccount.loyalty_index`).

        Args:
            facts: one behaviour record per account.
            period: the period the behaviour was observed over (seed 002: yearly).

        Returns:
            The index per account and group, with each account's weighted combination.
        """
        return loyalty_index(facts, period, weights=dict(self.weights))
