"""Scorecards (考核, SPEC §9; seed 001 §七(二)2, seed 003): indicators combined by weights.

:class:`WeightedScorecard` combines the normalised indicators of a period into an appraisal
score per account manager, per department (or per any :class:`~keyaccount.Dimension`).

Weights are exact fractions: a host may write them as ``"0.2"``, ``"1/7"``, ``Decimal``,
``Fraction`` or ``int`` (floats are refused: a weight of ``0.1`` is not exactly 1/10). They
must be ``>= 0`` and sum to exactly 1.

**Normalisation.** Each indicator reaches the scorecard already mapped onto [0, 1] by the
indicator that computed it (:attr:`keyaccount.IndicatorValue.normalised`): rates as they
are; churn as ``1 - churn``; satisfaction as ``(mean - low) / (high - low)`` on its declared
scale; growth as ``current / (previous + current)``; the cost-benefit ratio as
``benefit / (spending + benefit)``. No value is clamped.

**Not applicable.** An indicator that is not applicable for a group (its denominator was
empty) gives its weight to the others **in proportion to their own weights**, so the score is
the weighted mean of the applicable indicators, and it always lies between the lowest and the
highest of them. The :class:`~keyaccount.Appraisal` lists which indicators were not
applicable and the weight each one actually carried. A group with no applicable indicator
has no score (``None``), never 0.

>>> from datetime import date
>>> from keyaccount import (Dimension, Period, VisitFact, TicketFact, compute_indicators)
>>> h1 = Period.half_year(2025, 1)
>>> indicators = compute_indicators(h1,
...     visits=[VisitFact("ACME", "A", "Wang", "KA", planned_on=date(2025, 3, 1),
...                       done_on=date(2025, 3, 1))],
...     tickets=[TicketFact("ACME", "A", "Wang", "KA", opened_on=date(2025, 4, 1))])
>>> policy = WeightedScorecard.from_mapping(
...     {"weights": {"visit_plan_completion": "0.6", "problem_resolution": "0.4"}})
>>> wang = policy.appraise(indicators, Dimension.ACCOUNT_MANAGER)["Wang"]
>>> wang.score, wang.rounded(2)
(Fraction(3, 5), Decimal('0.60'))
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from types import MappingProxyType
from typing import Any

import attrs

from keyaccount._errors import InvalidInput, PolicyConfigError
from keyaccount._numeric import check_total
from keyaccount._validation import to_enum
from keyaccount.domain.calendar import Period
from keyaccount.domain.indicators import (
    Appraisal,
    Dimension,
    Indicator,
    IndicatorSet,
    IndicatorValue,
    combine_weighted,
)
from keyaccount.policies.indicators._weights import WeightPairs, from_settings, named_weights

__all__ = ["DEFAULT_SCORECARD_WEIGHTS", "WeightedScorecard"]

# seed 001 §七(二)2 考核指标: 走访计划完成率、客户满意度、问题解决率、业务合作增长率, which
# seed 001 §六(一)2 measures by 对比走访前后的业务合作量; seed 003 (大客户经理职责) adds that
# the manager keeps 销售回款率 at the company's level. The seeds give no weights: our default
# weighs the five equally.
DEFAULT_SCORECARD_WEIGHTS: tuple[tuple[Indicator, Fraction], ...] = (
    (Indicator.VISIT_PLAN_COMPLETION, Fraction(1, 5)),
    (Indicator.SATISFACTION, Fraction(1, 5)),
    (Indicator.PROBLEM_RESOLUTION, Fraction(1, 5)),
    (Indicator.COOPERATION_GROWTH_AFTER_VISITS, Fraction(1, 5)),
    (Indicator.RECEIVABLES_COLLECTION, Fraction(1, 5)),
)

# A scorecard's weights may name an indicator by its enum member or by its settings name.
_INDICATORS_BY_KEY: Mapping[Any, Indicator] = MappingProxyType(
    {key: indicator for indicator in Indicator for key in (indicator, indicator.value)}
)


def _indicator_set(value: object) -> IndicatorSet:
    if not isinstance(value, IndicatorSet):
        raise InvalidInput(f"indicators must be an IndicatorSet, got {value!r:.200}")
    return value


def _values_by_indicator(values: object) -> dict[Indicator, IndicatorValue]:
    """A group's values by :class:`~keyaccount.Indicator` (or its name), each checked."""
    if not isinstance(values, Mapping):
        raise InvalidInput(
            f"values must be a mapping of Indicator to IndicatorValue, got {values!r:.200}"
        )
    by_indicator: dict[Indicator, IndicatorValue] = {}
    for key, value in values.items():
        indicator = key if type(key) is Indicator else to_enum(Indicator, key, field="values")
        if not isinstance(value, IndicatorValue) or value.indicator is not indicator:
            raise InvalidInput(
                f"values[{indicator.value!r}] must be an IndicatorValue of {indicator.value}, "
                f"got {value!r:.200}"
            )
        by_indicator[indicator] = value
    return by_indicator


def _scorecard_weights(value: WeightPairs) -> tuple[tuple[Indicator, Fraction], ...]:
    return named_weights(
        value, known=_INDICATORS_BY_KEY, policy="WeightedScorecard", kind="indicator"
    )


@attrs.frozen
class WeightedScorecard:
    """Combines a period's indicators by weights into appraisal scores (SPEC §9 考核).

    Attributes:
        weights: ``(indicator, weight)`` pairs; a mapping (by :class:`~keyaccount.Indicator`
            or its name) is accepted. Indicators left out weigh nothing. Default:
            :data:`DEFAULT_SCORECARD_WEIGHTS` (seed 001 §七(二)2 and seed 003, 1/5 each).

    Raises:
        PolicyConfigError: an unknown indicator, a negative or inexact weight, or weights
            that do not sum to 1.

    >>> [indicator.value for indicator in WeightedScorecard().weighted_indicators][:2]
    ['visit_plan_completion', 'satisfaction']
    >>> WeightedScorecard({"satisfaction": "0.5", "churn": "0.4"})
    Traceback (most recent call last):
    ...
    keyaccount.PolicyConfigError: WeightedScorecard weights must sum to 1, got 9/10 (...)
    """

    weights: tuple[tuple[Indicator, Fraction], ...] = attrs.field(
        default=DEFAULT_SCORECARD_WEIGHTS, converter=_scorecard_weights
    )

    def __attrs_post_init__(self) -> None:
        check_total(self.weights, field="WeightedScorecard weights", error=PolicyConfigError)

    @classmethod
    def from_mapping(cls, settings: Mapping[str, Any]) -> WeightedScorecard:
        """Build from a host's settings: ``{"weights": {indicator name: weight}}``.

        Without ``"weights"`` the seed defaults are used.

        Args:
            settings: the host's settings; the only key is ``"weights"``.

        Returns:
            The policy.

        Raises:
            PolicyConfigError: unknown keys or indicators, bad weights.
        """
        return from_settings(cls, settings, policy="WeightedScorecard")

    @property
    def weighted_indicators(self) -> tuple[Indicator, ...]:
        """The indicators with a positive weight, in setting order."""
        return tuple(indicator for indicator, weight in self.weights if weight > 0)

    def appraise_values(
        self, values: Mapping[Indicator, IndicatorValue], period: Period
    ) -> Appraisal:
        """Appraise one group from its indicator values.

        A weighted indicator missing from ``values`` counts as not applicable.

        Args:
            values: the group's value of each indicator (keyed by Indicator or its name).
            period: the period appraised; every value must state it.

        Returns:
            The weighted score with each component's weight after redistribution.

        Raises:
            InvalidInput: a value states another period than ``period``.

        >>> h1 = Period.half_year(2025, 1)
        >>> policy = WeightedScorecard(
        ...     {"visit_plan_completion": "0.6", "problem_resolution": "0.4"})
        >>> completion = IndicatorValue.rate(Indicator.VISIT_PLAN_COMPLETION, h1, 3, 4)
        >>> appraisal = policy.appraise_values({Indicator.VISIT_PLAN_COMPLETION: completion}, h1)
        >>> appraisal.score, appraisal.not_applicable, appraisal.redistributed_weight
        (Fraction(3, 4), ('problem_resolution',), Fraction(2, 5))
        """
        if not isinstance(period, Period):
            raise InvalidInput(f"period must be a Period, got {period!r:.200}")
        values = _values_by_indicator(values)
        for indicator, value in values.items():
            if value.period != period:
                raise InvalidInput(
                    f"scorecard for {period}: {indicator.value} states period {value.period}"
                )
        normalised = {
            indicator.value: (value.normalised if value is not None else None)
            for indicator in self.weighted_indicators
            for value in (values.get(indicator),)
        }
        weights = {indicator.value: weight for indicator, weight in self.weights}
        return combine_weighted(normalised, weights, period)

    def _require(self, indicators: IndicatorSet) -> None:
        missing = [i.value for i in self.weighted_indicators if i not in indicators]
        if missing:
            raise InvalidInput(
                f"the scorecard weighs {missing} but the indicator set of {indicators.period} "
                "does not hold them; compute them or give them no weight"
            )

    def appraise(
        self, indicators: IndicatorSet, dimension: Dimension | str
    ) -> Mapping[str | None, Appraisal]:
        """Appraise every group of ``dimension`` (e.g. each account manager) for the period.

        The groups are those any weighted indicator has; in a group where an indicator had no
        records, it is not applicable and its weight is redistributed.

        Args:
            indicators: the period's indicators.
            dimension: what to appraise, e.g. :attr:`Dimension.ACCOUNT_MANAGER` (or its
                name, ``"account_manager"``).

        Returns:
            The appraisal of each group key (see the module example).

        Raises:
            InvalidInput: a weighted indicator is not in ``indicators`` at all (a forgotten
                input is not silently redistributed), or ``dimension`` is not a
                :class:`~keyaccount.Dimension` or its name.
        """
        dimension = to_enum(Dimension, dimension, field="WeightedScorecard.appraise dimension")
        _indicator_set(indicators)
        self._require(indicators)
        keys: set[str | None] = set()
        for indicator in self.weighted_indicators:
            keys.update(indicators[indicator].by(dimension))
        appraisals = {}
        for key in indicators.group_keys(dimension):
            if key in keys:
                values = {
                    indicator: indicators[indicator].of(dimension, key)
                    for indicator in self.weighted_indicators
                }
                appraisals[key] = self.appraise_values(values, indicators.period)
        return MappingProxyType(appraisals)

    def appraise_portfolio(self, indicators: IndicatorSet) -> Appraisal:
        """Appraise the whole portfolio for the period.

        Args:
            indicators: the period's indicators.

        Returns:
            The portfolio's appraisal.

        Raises:
            InvalidInput: a weighted indicator is not in ``indicators``.
        """
        _indicator_set(indicators)
        self._require(indicators)
        values = {i: indicators[i].portfolio for i in self.weighted_indicators}
        return self.appraise_values(values, indicators.period)
