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
from keyaccount.domain.indicators._engine import _period
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
        normalised: each weighted component's value in [0, 1], or None when not
            applicable; every component with a positive weight must be given (a misspelt
            name would otherwise move its weight silently).
        weights: the weight of each component (exact, >= 0; zero weights are left out).
        period: the period the values belong to.

    Raises:
        InvalidInput: a negative or inexact (float) weight, a normalised value that is
            inexact or outside [0, 1], one of a component that has no weight, or a weighted
            component that ``normalised`` does not give.

    >>> combine_weighted({"a": Fraction(1), "b": None, "c": Fraction(0)},
    ...                  {"a": Fraction(1, 2), "b": Fraction(1, 4), "c": Fraction(1, 4)},
    ...                  Period.half_year(2025, 1)).score
    Fraction(2, 3)
    """
    _period(period)
    for name, given in (("normalised", normalised), ("weights", weights)):
        if not isinstance(given, Mapping):
            raise InvalidInput(
                f"{name} must be a mapping of component name to value, got {given!r:.200}"
            )
    for name, given in (("normalised", normalised), ("weights", weights)):
        for key in given:
            if type(key) is not str or not key.strip():
                raise InvalidInput(f"{name} must be keyed by component name, got {key!r}")
    try:
        positive = positive_weights(
            exact_weights(weights.items(), known=None, owner="combine_weighted",
                          kind="component", error=InvalidInput)
        )
    except InvalidInput as error:
        raise InvalidInput(f"weights: {error}") from None
    for name, value in normalised.items():
        if isinstance(value, Decimal):
            check_normalised_decimal(value, field=f"normalised value of {name!r}")
        if name not in weights:
            raise InvalidInput(
                f"normalised names {name!r}, which the weights do not weigh; "
                f"weighted: {list(weights)}"
            )
        if value is not None and (
            isinstance(value, (bool, float))
            or not isinstance(value, (int, Decimal, Fraction))
            or (isinstance(value, Decimal) and not value.is_finite())
            or not 0 <= value <= 1
        ):
            raise InvalidInput(
                f"normalised value of {name!r} must be exact and lie in [0, 1], got {value!r}"
            )
    missing = [name for name in positive if name not in normalised]
    if missing:
        raise InvalidInput(
            f"weights name {missing}, which normalised does not give (None when not applicable)"
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
