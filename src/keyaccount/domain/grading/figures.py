"""The figures a grading reads, one account at a time (SPEC §5a, §5b).

A grading policy (:mod:`keyaccount.policies`) reads :class:`AccountFigures` and explains each
account's score by its :class:`ScoreComponent` values.

>>> figures = AccountFigures(account_id="acme", contract_amount="1200000.00",
...                          profit_contribution="0.18", purchase_count=7)
>>> figures.contract_amount
Decimal('1200000.00')
>>> AccountFigures(account_id="acme", contract_amount=-1, profit_contribution=0,
...                purchase_count=0)
Traceback (most recent call last):
...
keyaccount.InvalidInput: AccountFigures.contract_amount of 'acme' must be >= 0, got Decimal('-1')
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import attrs

from keyaccount._errors import InvalidInput
from keyaccount._validation import (
    COUNT_LIMIT,
    RATE_PLACES,
    non_empty,
    require_bounded,
    require_count,
    to_decimal,
)

__all__ = ["AccountFigures", "ScoreComponent"]


def _contract_amount(value: object) -> Decimal:
    field = "AccountFigures.contract_amount"
    return require_bounded(to_decimal(value, field=field), field=field)


def _profit_contribution(value: object) -> Decimal:
    # a rate, or a host's profit in CNY: money's magnitude, a rate's decimal places
    field = "AccountFigures.profit_contribution"
    return require_bounded(to_decimal(value, field=field), field=field, places=RATE_PLACES)


def _optional_money(value: object) -> Decimal | None:
    if value is None:
        return None
    field = "AccountFigures.annual_purchase_amount"
    return require_bounded(to_decimal(value, field=field), field=field)


@attrs.frozen(kw_only=True)
class AccountFigures:
    """One account's figures for a grading period (SPEC §5a, §5b).

    Attributes:
        account_id: the host's account id (non-empty).
        contract_amount: contract amount 合同额 in CNY, ``>= 0``.
        profit_contribution: profit contribution 利润贡献率; may be zero or negative (a loss).
        purchase_count: purchase frequency 消费频次, an ``int`` from 0 to ``10**9``.
        annual_purchase_amount: annual purchase amount 年采购金额 in CNY, ``>= 0``; only the
            amount-band grading of seed 004 reads it, so it may be left ``None``.

    Money is :class:`~decimal.Decimal`; ints and numeric strings are converted, floats are
    refused (they are not exact). Amounts are at most ``10**15`` with at most 6 decimal
    places; the profit contribution at most ``10**15`` in magnitude with at most 12.

    Raises:
        InvalidInput: a blank id, a negative contract amount, purchase count or annual purchase
            amount, a float, a count that is not an int, or a figure past its bounds.
    """

    account_id: str = attrs.field(validator=non_empty)
    contract_amount: Decimal = attrs.field(converter=_contract_amount)
    profit_contribution: Decimal = attrs.field(converter=_profit_contribution)
    purchase_count: int = attrs.field()
    annual_purchase_amount: Decimal | None = attrs.field(
        default=None, converter=_optional_money
    )

    def __attrs_post_init__(self) -> None:
        who = self.account_id
        if self.contract_amount < 0:
            raise InvalidInput(
                f"AccountFigures.contract_amount of {who!r} must be >= 0, "
                f"got {self.contract_amount!r}"
            )
        require_count(
            self.purchase_count,
            field=f"AccountFigures.purchase_count of {who!r}",
            maximum=COUNT_LIMIT,
        )
        annual = self.annual_purchase_amount
        if annual is not None and annual < 0:
            raise InvalidInput(
                f"AccountFigures.annual_purchase_amount of {who!r} must be >= 0, got {annual!r}"
            )


@attrs.frozen
class ScoreComponent:
    """One figure's part in a score: why an account got its tier.

    Attributes:
        figure: the figure's name, e.g. ``"contract_amount"``.
        value: the normalised figure (a percentile rank or min-max value in ``[0, 1]``, or
            the raw amount for amount bands), exact.
        weight: the figure's weight in the score.
    """

    figure: str
    value: Fraction
    weight: Decimal

    @property
    def contribution(self) -> Fraction:
        """``weight * value``: this figure's share of the score."""
        return self.value * Fraction(self.weight)

