"""Appraisals (考核, SPEC §9): weighted combinations of normalised values, and their port.

An :class:`Appraisal` is what a scorecard gives a group (or a loyalty index an account): the
combined score and every component with the weight it carried. :class:`AppraisalPolicy` is
the port a scorecard implements (default: :class:`keyaccount.policies.WeightedScorecard`).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Protocol, runtime_checkable

import attrs

from keyaccount._errors import InvalidInput
from keyaccount._numeric import WEIGHT_LIMIT
from keyaccount._validation import instance_of, non_empty, require_instances, to_items
from keyaccount.domain.calendar import Period
from keyaccount.domain.indicators.indicator_set import IndicatorSet
from keyaccount.domain.indicators.values import Dimension, GroupKey, _display, _places

__all__ = ["Appraisal", "AppraisalComponent", "AppraisalPolicy"]


def _exact(value: object, *, field: str, maximum: int = 1) -> Fraction:
    """An exact value in [0, maximum] (an int, finite Decimal or Fraction), as a Fraction."""
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, Decimal, Fraction))
        or (isinstance(value, Decimal) and not value.is_finite())
        or not 0 <= value <= maximum
    ):
        raise InvalidInput(f"{field} must be an exact number in [0, {maximum}], got {value!r:.200}")
    return Fraction(value)


def _weight(value: object) -> Fraction:
    return _exact(value, field="AppraisalComponent.weight", maximum=WEIGHT_LIMIT)


def _effective_weight(value: object) -> Fraction:
    return _exact(value, field="AppraisalComponent.effective_weight")


def _normalised(value: object) -> Fraction | None:
    return None if value is None else _exact(value, field="AppraisalComponent.normalised")


def _score(value: object) -> Fraction | None:
    return None if value is None else _exact(value, field="Appraisal.score")


def _components(value: object) -> tuple[AppraisalComponent, ...]:
    components: tuple[AppraisalComponent, ...] = to_items(
        value,  # type: ignore[arg-type]
        field="Appraisal.components",
        expected="AppraisalComponent values",
    )
    require_instances(components, AppraisalComponent, field="Appraisal.components")
    return components


@attrs.frozen
class AppraisalComponent:
    """One weighted component of an :class:`Appraisal`.

    Attributes:
        name: the component (an :class:`Indicator` value, or a loyalty component name).
        weight: its configured weight.
        effective_weight: the weight it actually carried after redistribution (0 when not
            applicable).
        normalised: its normalised value in [0, 1], or None when not applicable.
    """

    name: str = attrs.field(validator=non_empty)
    weight: Fraction = attrs.field(converter=_weight)
    effective_weight: Fraction = attrs.field(converter=_effective_weight)
    normalised: Fraction | None = attrs.field(converter=_normalised)


@attrs.frozen
class Appraisal:
    """A weighted combination of normalised values, with the redistribution it needed.

    The weight of every not-applicable component is redistributed over the applicable ones
    **in proportion to their own weights**: each applicable component carries
    ``weight / (sum of applicable weights)``. So the score is the weighted mean of the
    applicable values and always lies between the lowest and the highest of them.

    Attributes:
        period: the period appraised.
        score: the combined score in [0, 1], or None when no component was applicable.
        components: every component with a positive weight, in weight-setting order.

    >>> from keyaccount import combine_weighted
    >>> appraisal = combine_weighted({"completion": Fraction(1, 2), "growth": None},
    ...                              {"completion": Fraction(3, 4), "growth": Fraction(1, 4)},
    ...                              Period.half_year(2025, 1))
    >>> appraisal.score, appraisal.not_applicable, appraisal.redistributed_weight
    (Fraction(1, 2), ('growth',), Fraction(1, 4))
    """

    period: Period = attrs.field(validator=instance_of(Period))
    score: Fraction | None = attrs.field(converter=_score)
    components: tuple[AppraisalComponent, ...] = attrs.field(converter=_components)

    @property
    def not_applicable(self) -> tuple[str, ...]:
        """The components whose weight was redistributed."""
        return tuple(c.name for c in self.components if c.normalised is None)

    @property
    def redistributed_weight(self) -> Fraction:
        """The total weight that moved from not-applicable components to the others."""
        return sum((c.weight for c in self.components if c.normalised is None), Fraction(0))

    def rounded(self, places: int = 4) -> Decimal | None:
        """The score rounded half-even to ``places`` decimals (0..12), for display only."""
        places = _places(places, field="places")
        return None if self.score is None else _display(self.score, places)


@runtime_checkable
class AppraisalPolicy(Protocol):
    """Combines a period's indicators into appraisal scores (SPEC §9 考核; seeds 001, 003).

    Default: :class:`keyaccount.policies.WeightedScorecard` (``presets.scorecard()``).
    Invariants a host's own policy must keep (checked by
    ``keyaccount.testing.check_appraisal_policy``): every score lies between the lowest and
    the highest normalised indicator it combines, or is None when none was applicable; the
    weights actually carried sum to 1; every not-applicable indicator is listed; the result
    does not depend on the order of the records.
    """

    def appraise(
        self, indicators: IndicatorSet, dimension: Dimension
    ) -> Mapping[GroupKey, Appraisal]:
        """The appraisal of every group of ``dimension`` (each account manager, say)."""
        ...

    def appraise_portfolio(self, indicators: IndicatorSet) -> Appraisal:
        """The appraisal of the whole portfolio."""
        ...
