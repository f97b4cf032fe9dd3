"""Checking the columns of a :class:`~keyaccount.Grading` built by hand (private).

A grading policy of this library builds its :class:`~keyaccount.Grading` from checked
figures and skips this (``Grading._trusted``): grading a million accounts must not pay for a
second pass. A host that builds one itself gets every column checked here.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from keyaccount._errors import InvalidInput
from keyaccount._validation import require_count, require_non_empty, to_enum, to_items
from keyaccount.domain.grading.figures import AccountFigures, ScoreComponent
from keyaccount.domain.grading.tiers import Tier
from keyaccount.domain.grading.ties import TIE_BREAK_FIGURES, TieRule


def _numbers(value: Any, *, field: str, size: int) -> tuple[Any, ...]:
    """A column of ``size`` exact numbers: ints (not bools), Fractions or finite Decimals."""
    numbers = to_items(value, field=field, expected="exact numbers")
    if len(numbers) != size:
        raise InvalidInput(f"{field} must hold one number per account ({size}), "
                           f"got {len(numbers)}")
    for number in numbers:
        if (
            isinstance(number, bool)
            or not isinstance(number, (int, Fraction, Decimal))
            or (isinstance(number, Decimal) and not number.is_finite())
        ):
            raise InvalidInput(
                f"{field} must hold ints, Fractions or finite Decimals, got {number!r}"
            )
    return numbers


def _unit(value: Any, *, field: str) -> Fraction:
    if not isinstance(value, Fraction) or not 0 <= value <= 1:
        raise InvalidInput(f"{field} must be a Fraction from 0 to 1, got {value!r}")
    return value


def checked_columns(
    *,
    figures: Any,
    ids: Any,
    keys: Any,
    key_unit: Any,
    columns: Any,
    tiers: Any,
    bounds: Any,
    tier_list: Any,
    tie_rule: Any,
    tie_break: Any,
) -> dict[str, Any]:
    """The arguments of :class:`Grading`, checked and frozen (see its ``__init__``)."""
    listed = to_items(figures, field="figures", expected="AccountFigures")
    for item in listed:
        if not isinstance(item, AccountFigures):
            raise InvalidInput(f"figures must hold AccountFigures, got {item!r}")
    n = len(listed)
    id_list = to_items(ids, field="ids", expected="account ids")
    if list(id_list) != [item.account_id for item in listed]:
        raise InvalidInput(f"ids must be the figures' account ids in order, got {id_list!r:.200}")
    if len(set(id_list)) != n:
        raise InvalidInput(f"ids must be unique, got {id_list!r:.200}")
    tier_tuple = to_items(tiers, field="tiers", expected="Tier values")
    if not tier_tuple:
        raise InvalidInput("tiers must name at least one Tier")
    for tier in tier_tuple:
        if not isinstance(tier, Tier):
            raise InvalidInput(f"tiers must hold Tier values, got {tier!r}")
    checked_columns = []
    for column in to_items(columns, field="columns", expected="(figure, weight, values, unit)"):
        if not isinstance(column, tuple) or len(column) != 4:
            raise InvalidInput(
                f"columns must hold (figure, weight, values, unit) tuples, got {column!r:.200}"
            )
        figure, weight, values, unit = column
        require_non_empty(figure, field="a figure of columns")
        component = ScoreComponent(str(figure), Fraction(0), weight)  # checks the weight
        checked_columns.append((
            figure, component.weight,
            _numbers(values, field=f"columns values of {figure!r}", size=n),
            _unit(unit, field=f"columns unit of {figure!r}"),
        ))
    if (bounds is None) == (tier_list is None):
        raise InvalidInput(
            f"a Grading takes either bounds or tier_list, got bounds={bounds!r:.80} and "
            f"tier_list={tier_list!r:.80}"
        )
    checked_bounds = checked_list = None
    if bounds is not None:
        checked_bounds = to_items(bounds, field="bounds", expected="counts")
        if len(checked_bounds) != len(tier_tuple):
            raise InvalidInput(f"bounds must hold one count per tier ({len(tier_tuple)}), "
                               f"got {checked_bounds!r}")
        previous = 0
        for bound in checked_bounds:
            require_count(bound, field="bounds", minimum=previous, maximum=n,
                          note=" (rising, at most the number of accounts)")
            previous = bound
        if checked_bounds[-1] != n:
            raise InvalidInput(f"bounds must end at the number of accounts {n}, "
                               f"got {checked_bounds!r}")
    else:
        checked_list = to_items(tier_list, field="tier_list", expected="tier positions")
        if len(checked_list) != n:
            raise InvalidInput(f"tier_list must hold one tier position per account ({n}), "
                               f"got {len(checked_list)}")
        for position in checked_list:
            require_count(position, field="tier_list", maximum=len(tier_tuple) - 1,
                          note=" (a position in tiers)")
    rule = to_enum(TieRule, tie_rule, field="tie_rule")
    if not isinstance(tie_break, str) or tie_break not in TIE_BREAK_FIGURES:
        raise InvalidInput(f"tie_break must be one of {list(TIE_BREAK_FIGURES)}, "
                           f"got {tie_break!r:.80}")
    return {
        "tie_rule": rule,
        "tie_break": tie_break,
        "figures": listed,
        "ids": id_list,
        "keys": _numbers(keys, field="keys", size=n),
        "key_unit": _unit(key_unit, field="key_unit"),
        "columns": checked_columns,
        "tiers": tier_tuple,
        "bounds": checked_bounds,
        "tier_list": checked_list,
    }
