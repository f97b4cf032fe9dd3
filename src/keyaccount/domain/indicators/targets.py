"""Next year's targets per account, set in December, and their attainment (SPEC §5d, §9).

Seed 002 §2.1 D) (每年12月 ... 制定下一年度的目标): every December the account team sets each key
account's target for the next year: sales, profit and visits. The half-year and year reviews
(seed 001 §六(二) 每半年) compare the results with it: the *attainment* of a measure is the
result over the target's share for the period reviewed (half of the year's target for a
half-year, all of it for the year), exact, and *not applicable* (``None``) when that share is
zero or less. An attainment of 1 is the target met.

>>> from datetime import date
>>> from decimal import Decimal
>>> from keyaccount import Period
>>> target = AccountTarget(account_id="ACME", year=2026, sales=Decimal("1200000"),
...                        profit=Decimal("144000"), visits=12, set_on=date(2025, 12, 15))
>>> result = AccountResult(account_id="ACME", period=Period.half_year(2026, 1),
...                        sales=Decimal("660000"), profit=Decimal("60000"), visits=6)
>>> [(a.measure, str(a.rate)) for a in target_attainment([target], [result])]
[('sales', '11/10'), ('profit', '5/6'), ('visits', '1')]

Attainment is also an indicator a scorecard weighs (目标达成率, one per measure:
:attr:`~keyaccount.Indicator.SALES_TARGET_ATTAINMENT`, ``PROFIT_...``, ``VISITS_...``), per
account, tier, account manager and department: :func:`target_attainment_indicator`, or
:func:`~keyaccount.compute_indicators` given ``targets=`` and ``results=``.

>>> sales = target_attainment_indicator([target], [result], Period.half_year(2026, 1))
>>> str(sales.portfolio), sales.portfolio.normalised
('sales_target_attainment 2026-H1: 660000/600000 = 1.1000', Fraction(11, 21))
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from keyaccount._errors import InvalidInput
from keyaccount._validation import (
    COUNT_LIMIT,
    FIRST_YEAR,
    LAST_YEAR,
    a_date,
    count,
    instance_of,
    non_empty,
    optional_instance_of,
    optional_non_empty,
    require_bounded,
    to_decimal,
    to_enum,
    to_items,
)
from keyaccount.domain.calendar import Period
from keyaccount.domain.indicators._engine import _breakdown, _Cells, _period
from keyaccount.domain.indicators.records import _tier_code
from keyaccount.domain.indicators.values import Breakdown, Indicator, IndicatorValue

__all__ = [
    "AccountResult",
    "AccountTarget",
    "TargetAttainment",
    "target_attainment",
    "target_attainment_indicator",
]

MEASURES = ("sales", "profit", "visits")

#: The indicator of each measure's attainment (目标达成率), in the order of :data:`MEASURES`.
ATTAINMENT_INDICATORS: dict[str, Indicator] = {
    "sales": Indicator.SALES_TARGET_ATTAINMENT,
    "profit": Indicator.PROFIT_TARGET_ATTAINMENT,
    "visits": Indicator.VISITS_TARGET_ATTAINMENT,
}
_MEASURE_OF = {indicator: measure for measure, indicator in ATTAINMENT_INDICATORS.items()}


def _money(value: object, field: str) -> Decimal:
    return require_bounded(to_decimal(value, field=field), field=field)


def _target_sales(value: object) -> Decimal:
    return _money(value, "AccountTarget.sales")


def _target_profit(value: object) -> Decimal:
    return _money(value, "AccountTarget.profit")


def _result_sales(value: object) -> Decimal:
    return _money(value, "AccountResult.sales")


def _result_profit(value: object) -> Decimal:
    return _money(value, "AccountResult.profit")


def _measure(_instance: object, _attribute: attrs.Attribute[str], value: object) -> None:
    if value not in MEASURES:
        raise InvalidInput(f"TargetAttainment.measure must be one of {MEASURES}, got {value!r}")


def _year(_instance: object, _attribute: attrs.Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not (
        FIRST_YEAR < value <= LAST_YEAR
    ):
        raise InvalidInput(
            f"AccountTarget.year must be an int from {FIRST_YEAR + 1} to {LAST_YEAR}, got "
            f"{value!r}"
        )


@attrs.frozen(kw_only=True)
class AccountTarget:
    """One account's target for a year (seed 002 §2.1 D): set the December before).

    Attributes:
        account_id: the account.
        year: the year the target is for.
        sales: the sales target (money, at least 0).
        profit: the profit target (money; a loss may be planned, then it is not applicable).
        visits: the visits planned (a count).
        set_on: the day it was set, before the year starts (in December by the seed:
            :attr:`set_in_december`).
    """

    account_id: str = attrs.field(validator=non_empty)
    year: int = attrs.field(validator=_year)
    sales: Decimal = attrs.field(converter=_target_sales)
    profit: Decimal = attrs.field(converter=_target_profit)
    visits: int = attrs.field(validator=count(maximum=COUNT_LIMIT))
    set_on: date = attrs.field(validator=a_date)

    def __attrs_post_init__(self) -> None:
        if self.sales < 0:
            raise InvalidInput(f"AccountTarget.sales must be at least 0, got {self.sales}")
        if self.set_on >= date(self.year, 1, 1):
            raise InvalidInput(
                f"AccountTarget.set_on must be before the year {self.year} starts (next "
                f"year's targets are set in December, seed 002), got {self.set_on.isoformat()}"
            )

    @property
    def set_in_december(self) -> bool:
        """Whether it was set in the December before its year, as the seed asks."""
        return (self.set_on.year, self.set_on.month) == (self.year - 1, 12)

    def share(self, period: Period) -> Fraction:
        """The share of the year's target that falls in ``period`` (whole months of the year).

        Raises:
            InvalidInput: ``period`` is not whole months inside the target's year.
        """
        return _share(period, self.year)


def _share(period: object, year: int) -> Fraction:
    """The share of a year's target that ``period`` (whole months of ``year``) takes."""
    if not isinstance(period, Period):
        raise InvalidInput(f"period must be a Period, got {period!r}")
    months = period.whole_months
    if months is None or period.start.day != 1 or period.start.year != year or (
        period.last_day.year != year
    ):
        raise InvalidInput(
            f"period must be whole months of {year} (a half-year or the year), got {period}"
        )
    return Fraction(months, 12)


@attrs.frozen(kw_only=True)
class AccountResult:
    """What an account achieved in a period: sales, profit and visits done.

    Attributes:
        account_id: the account.
        period: the period reviewed.
        sales: sales in the period (money, at least 0).
        profit: profit in the period (money).
        visits: visits done in the period.
        tier: the account's tier code (a :class:`~keyaccount.Tier` is accepted), or ``None``:
            the attainment indicator groups by it.
        account_manager: who is appraised for the account, or ``None``.
        department: the department appraised for the account, or ``None``.
    """

    account_id: str = attrs.field(validator=non_empty)
    period: Period = attrs.field(validator=instance_of(Period))
    sales: Decimal = attrs.field(converter=_result_sales)
    profit: Decimal = attrs.field(converter=_result_profit)
    visits: int = attrs.field(validator=count(maximum=COUNT_LIMIT))
    tier: str | None = attrs.field(
        default=None, converter=_tier_code, validator=optional_non_empty
    )
    account_manager: str | None = attrs.field(default=None, validator=optional_non_empty)
    department: str | None = attrs.field(default=None, validator=optional_non_empty)

    def __attrs_post_init__(self) -> None:
        if self.sales < 0:
            raise InvalidInput(f"AccountResult.sales must be at least 0, got {self.sales}")


@attrs.frozen(kw_only=True)
class TargetAttainment:
    """How far one measure of one account reached its target in a period.

    Attributes:
        account_id: the account.
        period: the period reviewed.
        measure: ``"sales"``, ``"profit"`` or ``"visits"``.
        target: the target's share for the period.
        actual: the result.
        rate: ``actual / target``, exact; ``None`` (not applicable) when the target is 0
            or less.
    """

    account_id: str = attrs.field(validator=non_empty)
    period: Period = attrs.field(validator=instance_of(Period))
    measure: str = attrs.field(validator=_measure)
    target: Fraction = attrs.field(validator=instance_of(Fraction))
    actual: Fraction = attrs.field(validator=instance_of(Fraction))
    rate: Fraction | None = attrs.field(validator=optional_instance_of(Fraction))

    @property
    def met(self) -> bool | None:
        """Whether the target was met (rate at least 1); ``None`` when not applicable."""
        return None if self.rate is None else self.rate >= 1


def target_attainment(
    targets: Iterable[AccountTarget], results: Iterable[AccountResult]
) -> tuple[TargetAttainment, ...]:
    """The attainment of every measure of every result against its account's target.

    Each result is compared with the target of its account for the year of its period, by
    the target's share of that period; by account id, then in the order sales, profit,
    visits.

    Raises:
        InvalidInput: a target given twice for an account and year, a result without a
            target, or a result's period that is not whole months of the target's year.
    """
    by_key = _targets_by_key(targets)
    attained = []
    listed = to_items(results, field="results", expected="AccountResult values")
    for result in sorted(listed, key=_result_key):
        key = (result.account_id, result.period.start.year)
        found = by_key.get(key)
        if found is None:
            raise InvalidInput(
                f"results: account {key[0]!r} has no target for {key[1]} among the targets "
                f"(set it in December)"
            )
        share = found.share(result.period)
        for measure in MEASURES:
            goal = Fraction(getattr(found, measure)) * share
            actual = Fraction(getattr(result, measure))
            attained.append(TargetAttainment(
                account_id=result.account_id, period=result.period, measure=measure,
                target=goal, actual=actual, rate=actual / goal if goal > 0 else None))
    return tuple(attained)


def target_attainment_indicator(
    targets: Iterable[AccountTarget],
    results: Iterable[AccountResult],
    period: Period,
    *,
    measure: Indicator | str = Indicator.SALES_TARGET_ATTAINMENT,
) -> Breakdown[IndicatorValue]:
    """Target attainment (目标达成率) as an indicator of ``period``, for a scorecard to weigh.

    Per account: the result of the measure over the target's share of ``period`` (half of
    the year's target for a half-year review, all of it for the year), exact. A group
    (tier, account manager, department, the portfolio) adds up the results and the shares of
    its accounts. An account without a target for the period's year, or whose share is zero
    or less (no visits planned, a planned loss), is *not applicable* and adds nothing to its
    groups. Only the results of ``period`` are read. Normalised for a scorecard as
    ``actual / (target + actual)`` (1/2 is the target met); a loss normalises to 0.

    Args:
        targets: the December targets (of any years).
        results: what the accounts achieved; those of other periods are ignored.
        period: the period reviewed: whole months of one year (a half-year, the year).
        measure: :attr:`~keyaccount.Indicator.SALES_TARGET_ATTAINMENT` (the default),
            ``PROFIT_TARGET_ATTAINMENT`` or ``VISITS_TARGET_ATTAINMENT`` (or its name).

    Returns:
        The breakdown per account, tier, account manager and department.

    Raises:
        InvalidInput: ``period`` is not whole months of one year, ``measure`` is not an
            attainment indicator, two targets for an account and year, or two results for
            an account in ``period``.
    """
    indicator = measure if type(measure) is Indicator else to_enum(
        Indicator, measure, field="measure"
    )
    field = _MEASURE_OF.get(indicator)
    if field is None:
        raise InvalidInput(
            f"measure must be one of {[i.value for i in ATTAINMENT_INDICATORS.values()]}, "
            f"got {measure!r}"
        )
    year = _period(period).start.year
    share = _share(period, year)
    goals = {key[0]: target for key, target in _targets_by_key(targets).items()
             if key[1] == year}
    cells: _Cells = {}
    seen: set[str] = set()
    listed = to_items(results, field="results", expected="AccountResult values")
    # an account's cell is keyed by its id first, and a second result of it in the period is
    # refused: each cell holds one result, and no Decimal is added here (_breakdown sums)
    for result in listed:
        _result_key(result)
        if result.period != period:
            continue
        if result.account_id in seen:
            raise InvalidInput(
                f"results give account {result.account_id!r} two results for {period}"
            )
        seen.add(result.account_id)
        target = goals.get(result.account_id)
        goal = Fraction(getattr(target, field)) * share if target is not None else 0
        counted = [getattr(result, field), goal] if goal > 0 else [0, 0]
        cells[(result.account_id, result.tier, result.account_manager, result.department)] = (
            counted
        )
    return _breakdown(indicator, period, cells, 2, _attainment_maker(indicator, period))


def _attainment_maker(
    indicator: Indicator, period: Period
) -> Callable[[list[Any]], IndicatorValue]:
    trusted = IndicatorValue._trusted

    def make(counters: list[Any]) -> IndicatorValue:
        actual, goal = counters[0], counters[1]
        if not goal:
            return trusted(indicator, period, actual, goal, None)
        reached = max(Fraction(actual), Fraction(0))
        return trusted(indicator, period, actual, goal, reached / (goal + reached))

    return make


def _targets_by_key(targets: Iterable[AccountTarget]) -> dict[tuple[str, int], AccountTarget]:
    by_key: dict[tuple[str, int], AccountTarget] = {}
    for target in to_items(targets, field="targets", expected="AccountTarget values"):
        if not isinstance(target, AccountTarget):
            raise InvalidInput(f"targets must hold AccountTarget values, got {target!r}")
        key = (target.account_id, target.year)
        if key in by_key:
            raise InvalidInput(f"targets give account {key[0]!r} two targets for {key[1]}")
        by_key[key] = target
    return by_key


def _result_key(result: object) -> tuple[str, date]:
    if not isinstance(result, AccountResult):
        raise InvalidInput(f"results must hold AccountResult values, got {result!r}")
    return (result.account_id, result.period.start)
