"""What an indicator is and what it yields: its value for one group, and its breakdown (SPEC §9).

A value carries its numerator and denominator so a reviewer can audit it; when the
denominator is empty the value is *not applicable* (``value is None``), never 0, 1 or an
exception (SPEC §9). Values are exact: numerators and denominators are ``int`` (counts) or
``Decimal`` (money), and ``value`` is a :class:`fractions.Fraction`. Round only for display
(:meth:`IndicatorValue.rounded`).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import Generic, TypeVar

import attrs

from keyaccount._errors import InvalidInput
from keyaccount._validation import (
    COUNT_LIMIT,
    MONEY_LIMIT,
    RATE_PLACES,
    require_bounded,
    require_count,
    to_enum,
)
from keyaccount.domain.calendar import Period
from keyaccount.domain.indicators._lazy import _LazyValues

__all__ = ["Breakdown", "Dimension", "Indicator", "IndicatorValue"]

Quantity = int | Decimal | Fraction
"""An exact amount: a count (``int``), money (``Decimal``) or a derived ratio (``Fraction``)."""

GroupKey = str | None
V = TypeVar("V")


class Indicator(enum.Enum):
    """The indicators of SPEC §9; the value is the stable name hosts use in settings.

    Each indicator maps its value onto [0, 1] for scorecards (``IndicatorValue.normalised``),
    higher always better, never clamped:

    * the rates (completion, resolution, on-time, retention, conversion, collection) and
      loyalty: the value itself;
    * churn and high-value churn: ``1 - churn``;
    * satisfaction: ``(mean - low) / (high - low)`` on the survey's declared scale;
    * both growth rates: ``current / (before + current)`` (1/2 is no growth);
    * relationship cost-benefit (spending / benefit): ``benefit / (spending + benefit)``;
    * the three target attainments (actual / the target's share of the period):
      ``actual / (target + actual)`` (1/2 is the target met, as for growth); a loss against a
      profit target normalises to 0, as no profit would.
    """

    VISIT_PLAN_COMPLETION = "visit_plan_completion"
    SATISFACTION = "satisfaction"
    PROBLEM_RESOLUTION = "problem_resolution"
    ON_TIME_RESOLUTION = "on_time_resolution"
    COOPERATION_GROWTH = "cooperation_growth"
    COOPERATION_GROWTH_AFTER_VISITS = "cooperation_growth_after_visits"
    RETENTION = "retention"
    CHURN = "churn"
    HIGH_VALUE_CHURN = "high_value_churn"
    LOYALTY = "loyalty"
    PROSPECT_CONVERSION = "prospect_conversion"
    RELATIONSHIP_COST_BENEFIT = "relationship_cost_benefit"
    RECEIVABLES_COLLECTION = "receivables_collection"
    SALES_TARGET_ATTAINMENT = "sales_target_attainment"
    PROFIT_TARGET_ATTAINMENT = "profit_target_attainment"
    VISITS_TARGET_ATTAINMENT = "visits_target_attainment"


class Dimension(enum.Enum):
    """What a :class:`Breakdown` groups by (SPEC §9: per account, tier, manager, department)."""

    ACCOUNT = "account"
    TIER = "tier"
    ACCOUNT_MANAGER = "account_manager"
    DEPARTMENT = "department"


# Cells are keyed by a record's four dimension values in this order; the roll-up pairs each
# position with its dimension.
_DIMENSIONS = (Dimension.ACCOUNT, Dimension.TIER, Dimension.ACCOUNT_MANAGER, Dimension.DEPARTMENT)


def _indicator(value: object) -> Indicator:
    """The :class:`Indicator` that ``value`` is or names (its settings name)."""
    if type(value) is Indicator:
        return value
    return to_enum(Indicator, value, field="indicator")


def _group_key_order(key: GroupKey) -> tuple[bool, str]:
    return (key is None, key or "")


# A numerator or denominator sums at most 10**9 records of at most 10**15 each, with at most
# 12 decimal places (the domain's bounds, SPEC §11): past them, the exact ratio of
# ``Decimal("1e999999999")`` would not finish.
_QUANTITY_LIMIT = MONEY_LIMIT * COUNT_LIMIT


def _quantity(value: object, *, field: str) -> Quantity:
    if isinstance(value, bool) or not isinstance(value, (int, Decimal, Fraction)):
        raise InvalidInput(f"{field} must be an int, Decimal or Fraction, got {value!r}")
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise InvalidInput(f"{field} must be finite, got {value!r}")
        require_bounded(value, field=field, limit=_QUANTITY_LIMIT, places=RATE_PLACES)
    elif not -_QUANTITY_LIMIT <= value <= _QUANTITY_LIMIT:
        raise InvalidInput(f"{field} must be at most 10**24 in magnitude, got {value!r}")
    return value


def _fraction_or_none(value: object) -> Fraction | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, Decimal, Fraction)):
        raise InvalidInput(f"IndicatorValue.normalised must be exact (not float), got {value!r}")
    if isinstance(value, Decimal):
        check_normalised_decimal(value, field="IndicatorValue.normalised")
    return Fraction(value)


def check_normalised_decimal(value: Decimal, *, field: str) -> None:
    """A normalised value given as a Decimal: finite, within 1, at most 12 places.

    Checked before any exact conversion or comparison, which would not finish for
    ``Decimal("1e-999999999")`` (or trap for NaN). A Fraction is exact already.
    """
    if not value.is_finite():
        raise InvalidInput(f"{field} must be a finite number in [0, 1], got {value!r}")
    require_bounded(value, field=field, limit=1, places=RATE_PLACES)
    if value < 0:
        raise InvalidInput(f"{field} must be a finite number in [0, 1], got {value!r}")


def _places(value: object, *, field: str) -> int:
    """Decimal places to round to for display: an int in 0..12."""
    return require_count(value, field=field, maximum=RATE_PLACES)


def _display(value: Fraction, places: int = 4) -> Decimal:
    """Round half-even to ``places`` decimals exactly (``round`` of a Fraction is exact).

    ``places`` is an int from 0 to 12, the places a rate has (the domain's bounds, SPEC §11):
    ``10**places`` of a huge count would not finish. Every caller checks it first with
    :func:`_places` (or passes the default), so it is not checked again here.
    """
    return Decimal(f"{round(value * 10**places)}E-{places}")


@attrs.frozen
class IndicatorValue:
    """One indicator for one group and period, with what it was computed from.

    Attributes:
        indicator: which indicator this is (its name is accepted).
        period: the period it was measured over (an indicator always states its period).
        numerator: the exact numerator (a count, an amount or a sum of scores).
        denominator: the exact denominator; 0 means *not applicable*.
        normalised: the value mapped onto [0, 1] for scorecards (see :class:`Indicator`
            and the reference page), ``None`` exactly when not applicable.

    Raises:
        InvalidInput: a negative denominator, a normalised value outside [0, 1], or a
            normalised value given for a not-applicable indicator (or missing for an
            applicable one).

    >>> v = IndicatorValue.rate(Indicator.PROBLEM_RESOLUTION, Period.half_year(2025, 1), 9, 12)
    >>> v.value, v.applicable, v.rounded(2)
    (Fraction(3, 4), True, Decimal('0.75'))
    >>> IndicatorValue.rate(Indicator.PROBLEM_RESOLUTION, Period.half_year(2025, 1), 0, 0).value
    """

    indicator: Indicator = attrs.field(converter=_indicator)
    period: Period
    numerator: Quantity = attrs.field()
    denominator: Quantity = attrs.field()
    normalised: Fraction | None = attrs.field(default=None, converter=_fraction_or_none)

    @numerator.validator
    def _check_numerator(self, _attribute: object, value: object) -> None:
        _quantity(value, field="IndicatorValue.numerator")

    @denominator.validator
    def _check_denominator(self, _attribute: object, value: object) -> None:
        _quantity(value, field="IndicatorValue.denominator")
        if value < 0:  # type: ignore[operator]
            raise InvalidInput(f"IndicatorValue.denominator must be >= 0, got {value!r}")

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.indicator, Indicator):
            raise InvalidInput(
                f"IndicatorValue.indicator must be an Indicator, got {self.indicator!r}"
            )
        if not isinstance(self.period, Period):
            raise InvalidInput(f"IndicatorValue.period must be a Period, got {self.period!r}")
        if self.denominator == 0:
            if self.normalised is not None:
                raise InvalidInput(
                    f"{self.indicator.value} is not applicable (denominator 0), "
                    f"so normalised must be None, got {self.normalised}"
                )
        elif self.normalised is None:
            raise InvalidInput(
                f"{self.indicator.value} is applicable, so normalised must be given"
            )
        elif not 0 <= self.normalised <= 1:
            raise InvalidInput(
                f"{self.indicator.value} normalised must lie in [0, 1], got {self.normalised}"
            )

    @classmethod
    def rate(
        cls, indicator: Indicator, period: Period, numerator: Quantity, denominator: Quantity
    ) -> IndicatorValue:
        """A share of a whole (``0 <= numerator <= denominator``); it normalises to itself.

        Raises:
            InvalidInput: the numerator is negative or larger than the denominator.
        """
        indicator = _indicator(indicator)
        _quantity(numerator, field="IndicatorValue.numerator")
        _quantity(denominator, field="IndicatorValue.denominator")
        if not 0 <= numerator <= denominator:
            raise InvalidInput(
                f"{indicator.value} is a rate: numerator must lie in [0, denominator "
                f"{denominator}], got {numerator}"
            )
        normalised = Fraction(numerator) / Fraction(denominator) if denominator else None
        return cls(indicator, period, numerator, denominator, normalised)

    @classmethod
    def _trusted(
        cls,
        indicator: Indicator,
        period: Period,
        numerator: Quantity,
        denominator: Quantity,
        normalised: Fraction | None,
    ) -> IndicatorValue:
        # The indicator functions build hundreds of thousands of group values from counters
        # they summed themselves; validating each again would dominate their cost.
        value = object.__new__(cls)
        set_field = object.__setattr__
        set_field(value, "indicator", indicator)
        set_field(value, "period", period)
        set_field(value, "numerator", numerator)
        set_field(value, "denominator", denominator)
        set_field(value, "normalised", normalised)
        return value

    @property
    def applicable(self) -> bool:
        """False when the denominator is empty (no visit planned, no ticket opened, ...)."""
        return self.denominator != 0

    @property
    def value(self) -> Fraction | None:
        """``numerator / denominator`` exactly, or ``None`` when not applicable."""
        if self.denominator == 0:
            return None
        return Fraction(self.numerator) / Fraction(self.denominator)

    def rounded(self, places: int = 4) -> Decimal | None:
        """The value rounded half-even to ``places`` decimals (0..12), for display only."""
        places = _places(places, field="places")
        value = self.value
        return None if value is None else _display(value, places)

    def __str__(self) -> str:
        head = f"{self.indicator.value} {self.period}:"
        fraction = f"{self.numerator}/{self.denominator}"
        value = self.value
        if value is None:
            return f"{head} not applicable ({fraction})"
        return f"{head} {fraction} = {_display(value)}"


def _ratio(numerator: Quantity, denominator: Quantity) -> Fraction:
    if type(numerator) is int and type(denominator) is int:
        return Fraction(numerator, denominator)
    return Fraction(numerator) / Fraction(denominator)



def _frozen_groups(
    value: Mapping[Dimension, Mapping[GroupKey, V]],
) -> Mapping[Dimension, Mapping[GroupKey, V]]:
    if not isinstance(value, Mapping):
        raise InvalidInput(
            f"Breakdown.groups must be a mapping of Dimension to groups, got {value!r:.200}"
        )
    given: dict[Dimension, Mapping[GroupKey, V]] = {}
    for key, group in value.items():
        dimension = key if type(key) is Dimension else _dimension(key, field="Breakdown.groups")
        if isinstance(group, _LazyValues):  # the engine's own groups
            given[dimension] = group
            continue
        if not isinstance(group, Mapping):
            raise InvalidInput(
                f"Breakdown.groups[{dimension.value!r}] must be a mapping of group key to "
                f"value, got {group!r:.200}"
            )
        for group_key in group:
            if group_key is not None and (type(group_key) is not str or not group_key.strip()):
                raise InvalidInput(
                    f"Breakdown.groups[{dimension.value!r}] keys must be non-empty strings or "
                    f"None, got {group_key!r}"
                )
        given[dimension] = MappingProxyType(dict(group))
    empty: Mapping[GroupKey, V] = MappingProxyType({})
    return MappingProxyType({dimension: given.get(dimension, empty) for dimension in _DIMENSIONS})


#: What a breakdown holds per group: an :class:`IndicatorValue`, or a kind of value another
#: module of the package registers (the satisfaction's score distribution).
_BREAKDOWN_VALUES: list[type] = [IndicatorValue]


@attrs.frozen(eq=True, hash=False)
class Breakdown(Generic[V]):
    """An indicator for the portfolio and for every group of every dimension.

    Attributes:
        indicator: which indicator.
        period: the period it was measured over.
        portfolio: the value over all records.
        not_applicable: the value a group with no records gets (:meth:`of` returns it).
        groups: per :class:`Dimension`, the value of each group key that had records. Tier
            keys are tier codes; a record without a tier (a prospect) groups under ``None``.
            A dimension may be given by its name (``{"tier": {...}}``).

    Raises:
        InvalidInput: an indicator or dimension that is neither the member nor its name, a
            group key that is neither a non-blank string nor ``None``, or a value that is not
            of the portfolio's kind, indicator and period.

    >>> from datetime import date
    >>> from keyaccount import VisitFact, visit_plan_completion
    >>> completion = visit_plan_completion(
    ...     [VisitFact("ACME", "A", "Wang", "KA", planned_on=date(2025, 3, 3))],
    ...     Period.half_year(2025, 1))
    >>> list(completion.by(Dimension.TIER)), completion.of(Dimension.TIER, "B").applicable
    (['A'], False)
    """

    indicator: Indicator = attrs.field(converter=_indicator)
    period: Period
    portfolio: V
    not_applicable: V
    groups: Mapping[Dimension, Mapping[GroupKey, V]] = attrs.field(converter=_frozen_groups)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.period, Period):
            raise InvalidInput(f"Breakdown.period must be a Period, got {self.period!r:.200}")
        kind = type(self.portfolio)
        if kind not in _BREAKDOWN_VALUES:
            raise InvalidInput(
                f"Breakdown.portfolio must be one of "
                f"{[k.__name__ for k in _BREAKDOWN_VALUES]}, got {self.portfolio!r:.200}"
            )
        self._check("portfolio", self.portfolio, kind)
        self._check("not_applicable", self.not_applicable, kind)
        for dimension, group in self.groups.items():
            if isinstance(group, _LazyValues):
                continue  # the engine made them from its own counters
            for value in group.values():
                self._check(f"groups[{dimension.value!r}]", value, kind)

    def _check(self, field: str, value: object, kind: type) -> None:
        if type(value) is not kind:
            raise InvalidInput(
                f"Breakdown.{field} must hold {kind.__name__} values, got {value!r:.200}"
            )
        if isinstance(value, IndicatorValue) and (
            value.indicator is not self.indicator or value.period != self.period
        ):
            raise InvalidInput(
                f"Breakdown.{field} must be {self.indicator.value} of {self.period}, got "
                f"{value.indicator.value} of {value.period}"
            )

    def by(self, dimension: Dimension | str) -> Mapping[GroupKey, V]:
        """Every group of ``dimension`` (or its name, ``"tier"``) that had records, by key.

        Raises:
            InvalidInput: ``dimension`` is neither a :class:`Dimension` nor its name.
        """
        try:
            return self.groups[dimension]  # type: ignore[index]
        except (KeyError, TypeError):
            return self.groups[_dimension(dimension)]

    def of(self, dimension: Dimension | str, key: str | None) -> V:
        """The value of one group; a group without records is not applicable.

        Raises:
            InvalidInput: ``key`` is neither a string nor ``None`` (no group has it).
        """
        if key is not None and type(key) is not str:
            raise InvalidInput(f"Breakdown.of key must be a group key (a str or None), got {key!r}")
        return self.by(dimension).get(key, self.not_applicable)


def _dimension(value: object, *, field: str = "dimension") -> Dimension:
    """The :class:`Dimension` that ``value`` is or names; anything else is refused by name."""
    return to_enum(Dimension, value, field=field)
