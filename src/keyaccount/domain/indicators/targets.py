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
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from fractions import Fraction

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
    require_bounded,
    to_decimal,
    to_items,
)
from keyaccount.domain.calendar import Period

__all__ = ["AccountResult", "AccountTarget", "TargetAttainment", "target_attainment"]

MEASURES = ("sales", "profit", "visits")


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
        if not isinstance(period, Period):
            raise InvalidInput(f"period must be a Period, got {period!r}")
        months = period.whole_months
        if months is None or period.start.day != 1 or period.start.year != self.year or (
            period.last_day.year != self.year
        ):
            raise InvalidInput(
                f"period must be whole months of {self.year} (a half-year or the year), got "
                f"{period}"
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
    """

    account_id: str = attrs.field(validator=non_empty)
    period: Period = attrs.field(validator=instance_of(Period))
    sales: Decimal = attrs.field(converter=_result_sales)
    profit: Decimal = attrs.field(converter=_result_profit)
    visits: int = attrs.field(validator=count(maximum=COUNT_LIMIT))

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
    by_key: dict[tuple[str, int], AccountTarget] = {}
    for target in to_items(targets, field="targets", expected="AccountTarget values"):
        if not isinstance(target, AccountTarget):
            raise InvalidInput(f"targets must hold AccountTarget values, got {target!r}")
        key = (target.account_id, target.year)
        if key in by_key:
            raise InvalidInput(f"targets give account {key[0]!r} two targets for {key[1]}")
        by_key[key] = target
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


def _result_key(result: object) -> tuple[str, date]:
    if not isinstance(result, AccountResult):
        raise InvalidInput(f"results must hold AccountResult values, got {result!r}")
    return (result.account_id, result.period.start)
