"""The indicators' own converter of money, on the shared checks (private).

Hosts build the indicator records by the million (SPEC §9): the check here passes the plain
case with a type check and a comparison, and only then calls the shared ``require_*``
validator of :mod:`keyaccount._validation`, which builds the message naming the field.
"""

from __future__ import annotations

from decimal import Decimal

from keyaccount._validation import (
    MONEY_LIMIT,
    MONEY_PLACES,
    require_bounded,
    to_decimal,
)


def to_money(value: object, *, field: str) -> Decimal:
    """An exact amount within the bounds of money (10**15, 6 decimal places)."""
    # hosts build records by the million: a plain Decimal below 10**15 (its leading digit's
    # exponent under 15) written with at most 6 places passes without as_tuple()
    if type(value) is Decimal and value.is_finite() and value.adjusted() < _MONEY_DIGITS:
        written = str(value)
        point = written.find(".")
        if "E" not in written and (point < 0 or len(written) - point <= MONEY_PLACES + 1):
            return value
    return require_bounded(to_decimal(value, field=field), field=field)


_MONEY_DIGITS = len(str(MONEY_LIMIT)) - 1

