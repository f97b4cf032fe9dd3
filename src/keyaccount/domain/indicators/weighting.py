"""Weighting: normalised values combined by weights, not-applicable weight redistributed.

The combination behind every scorecard (:class:`keyaccount.policies.WeightedScorecard`) and
every account's loyalty index (SPEC §9; seed 001 §七(二)2 考核, seed 002 §忠诚度分析).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction

from keyaccount._errors import InvalidInput
from keyaccount._numeric import (
    exact_weights,
    integer_weights,
    positive_weights,
    redistributed_mean,
)
from keyaccount.domain.calendar import Period
from keyaccount.domain.indicators.appraisal import Appraisal, AppraisalComponent
from keyaccount.domain.indicators.values import check_normalised_decimal

__all__ = ["combine_weighted"]


def combine_weighted(
    normalised: Mapping[str, Fraction | None],
    weights: Mapping[str, Fraction],
    period: Period,
) -> Appraisal:
    """Combine normalised values by weights, redistributing not-applicable weight.

    Args:
        normalised: each component's value in [0, 1], or None when not applicable; a
            component that is weighted but absent counts as not applicable.
        weights: the weight of each component (exact, >= 0; zero weights are left out).
        period: the period the values belong to.

    Raises:
        InvalidInput: a negative or inexact (float) weight, or a normalised value that is
            inexact or outside [0, 1].

    >>> combine_weighted({"a": Fraction(1), "b": None, "c": Fraction(0)},
    ...                  {"a": Fraction(1, 2), "b": Fraction(1, 4), "c": Fraction(1, 4)},
    ...                  Period.half_year(2025, 1)).score
    Fraction(2, 3)
    """
    positive = positive_weights(
        exact_weights(weights.items(), known=None, owner="combine_weighted",
                      kind="component", error=InvalidInput)
    )
    for name, value in normalised.items():
        if isinstance(value, Decimal):
            check_normalised_decimal(value, field=f"normalised value of {name!r}")
        if value is not None and (
            isinstance(value, (bool, float))
            or not isinstance(value, (int, Decimal, Fraction))
            or not 0 <= value <= 1
        ):
            raise InvalidInput(
                f"normalised value of {name!r} must be exact and lie in [0, 1], got {value!r}"
            )
    applicable_weight = sum(
        (w for name, w in positive.items() if normalised.get(name) is not None), Fraction(0)
    )
    units = dict(zip(positive, integer_weights(positive.values())[0], strict=True))
    terms = []
    components = []
    for name, weight in positive.items():
        value = normalised.get(name)
        if value is None:
            components.append(AppraisalComponent(name, weight, Fraction(0), None))
            continue
        exact = Fraction(value)
        terms.append((units[name], units[name] * exact.numerator, exact.denominator))
        components.append(AppraisalComponent(name, weight, weight / applicable_weight, exact))
    return Appraisal(period, redistributed_mean(terms), tuple(components))
