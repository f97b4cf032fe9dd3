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

from decimal import Context, Decimal
from fractions import Fraction

import attrs

from keyaccount._errors import InvalidInput
from keyaccount._validation import (
    COUNT_LIMIT,
    MONEY_LIMIT,
    MONEY_PLACES,
    RATE_PLACES,
    non_empty,
    require_bounded,
    require_count,
    require_non_empty,
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


# The fast path (issue 17): a host builds figures by the million, almost all of them a str id,
# Decimals (or ints) already within bounds and an int count. Those are accepted by a few type()
# checks and comparisons; anything else (a subclass, a string, a float, a value past a bound)
# takes the general path above, which gives the same value or the same refusal.
_ZERO = Decimal(0)
_LIMIT = Decimal(MONEY_LIMIT)
_LOWEST = -_LIMIT
_MONEY_QUANTUM = Decimal(1).scaleb(-MONEY_PLACES)
_RATE_QUANTUM = Decimal(1).scaleb(-RATE_PLACES)
#: Wide enough that quantizing a bounded figure (at most 16 + 12 digits) is exact; nothing
#: trapped, so an odd operand gives NaN (never equal) and falls to the general path. A figure
#: has at most its places when quantizing it to them keeps it equal (arguments passed by
#: position: a C method's keywords cost more than the quantize itself).
_EXACT = Context(prec=60, traps=[])


@attrs.frozen(kw_only=True, init=False)
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

    account_id: str
    contract_amount: Decimal
    profit_contribution: Decimal
    purchase_count: int
    annual_purchase_amount: Decimal | None = None

    def __init__(
        self,
        *,
        account_id: str,
        contract_amount: Decimal | int | str,
        profit_contribution: Decimal | int | str,
        purchase_count: int,
        annual_purchase_amount: Decimal | int | str | None = None,
    ) -> None:
        # Written by hand rather than by attrs: one call, no converter or validator calls,
        # each field set once (building a million figures is a host's first cost).
        set_field = object.__setattr__
        # an int is exact: Decimal(int) is what the general path would make of it
        if type(contract_amount) is int:
            contract_amount = Decimal(contract_amount)
        if type(profit_contribution) is int:
            profit_contribution = Decimal(profit_contribution)
        if (
            type(account_id) is str
            and account_id
            and not account_id.isspace()
            and type(purchase_count) is int
            and 0 <= purchase_count <= COUNT_LIMIT
            and type(contract_amount) is Decimal
            and contract_amount.is_finite()
            and _ZERO <= contract_amount <= _LIMIT
            and contract_amount == contract_amount.quantize(_MONEY_QUANTUM, None, _EXACT)
            and type(profit_contribution) is Decimal
            and profit_contribution.is_finite()
            and _LOWEST <= profit_contribution <= _LIMIT
            and profit_contribution == profit_contribution.quantize(_RATE_QUANTUM, None, _EXACT)
            and (
                annual_purchase_amount is None
                or (
                    type(annual_purchase_amount) is Decimal
                    and annual_purchase_amount.is_finite()
                    and _ZERO <= annual_purchase_amount <= _LIMIT
                    and annual_purchase_amount
                    == annual_purchase_amount.quantize(_MONEY_QUANTUM, None, _EXACT)
                )
            )
        ):
            set_field(self, "account_id", account_id)
            set_field(self, "contract_amount", contract_amount)
            set_field(self, "profit_contribution", profit_contribution)
            set_field(self, "purchase_count", purchase_count)
            set_field(self, "annual_purchase_amount", annual_purchase_amount)
            return
        _set_checked(
            self,
            account_id,
            contract_amount,
            profit_contribution,
            purchase_count,
            annual_purchase_amount,
        )

    def __attrs_post_init__(self) -> None:
        # Never called by the constructor above. An attrs subclass's generated __init__ sets
        # the fields as given and then calls this: the general path checks them there too.
        _set_checked(
            self,
            self.account_id,
            self.contract_amount,
            self.profit_contribution,
            self.purchase_count,
            self.annual_purchase_amount,
        )


def _set_checked(
    figures: AccountFigures,
    account_id: object,
    contract_amount: object,
    profit_contribution: object,
    purchase_count: object,
    annual_purchase_amount: object,
) -> None:
    """The general path: convert and check every field, then set them on ``figures``.

    The checks run in the order they always ran: the conversions field by field, then the id,
    then the signs and the count. The fast path of ``AccountFigures.__init__`` accepts only
    values this path accepts unchanged (tests/grading/test_figures.py compares the two).
    """
    set_field = object.__setattr__
    contract = _contract_amount(contract_amount)
    profit = _profit_contribution(profit_contribution)
    annual = _optional_money(annual_purchase_amount)
    who = require_non_empty(account_id, field="AccountFigures.account_id")
    if contract < 0:
        raise InvalidInput(
            f"AccountFigures.contract_amount of {who!r} must be >= 0, got {contract!r}"
        )
    count = require_count(
        purchase_count, field=f"AccountFigures.purchase_count of {who!r}", maximum=COUNT_LIMIT
    )
    if annual is not None and annual < 0:
        raise InvalidInput(
            f"AccountFigures.annual_purchase_amount of {who!r} must be >= 0, got {annual!r}"
        )
    set_field(figures, "account_id", who)
    set_field(figures, "contract_amount", contract)
    set_field(figures, "profit_contribution", profit)
    set_field(figures, "purchase_count", count)
    set_field(figures, "annual_purchase_amount", annual)


def _component_value(_instance: object, _attribute: object, value: Fraction) -> None:
    if not isinstance(value, Fraction) or not -MONEY_LIMIT <= value <= MONEY_LIMIT:
        raise InvalidInput(
            f"ScoreComponent.value must be a Fraction of at most 10**15 in magnitude, "
            f"got {value!r}"
        )


def _component_weight(value: object) -> Decimal:
    field = "ScoreComponent.weight"
    weight = to_decimal(value, field=field)
    if not 0 <= weight <= 1:
        raise InvalidInput(f"{field} must be from 0 to 1, got {value!r}")
    return require_bounded(weight, field=field, limit=1, places=RATE_PLACES)


@attrs.frozen
class ScoreComponent:
    """One figure's part in a score: why an account got its tier.

    Attributes:
        figure: the figure's name, e.g. ``"contract_amount"``.
        value: the normalised figure (a percentile rank or min-max value in ``[0, 1]``, or
            the raw amount for amount bands), exact.
        weight: the figure's weight in the score, from 0 to 1 with at most 12 decimal places
            (an int or a numeric string is converted).

    Raises:
        InvalidInput: a blank figure, a value that is not a Fraction of at most ``10**15`` in
            magnitude, or a weight outside 0..1.
    """

    figure: str = attrs.field(validator=non_empty)
    value: Fraction = attrs.field(validator=_component_value)
    weight: Decimal = attrs.field(converter=_component_weight)

    @property
    def contribution(self) -> Fraction:
        """``weight * value``: this figure's share of the score."""
        return self.value * Fraction(self.weight)

