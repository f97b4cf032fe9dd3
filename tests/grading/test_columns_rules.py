"""Rules of domain/grading/_columns.py found by mutation testing (docs/explanation/testing.md).

A :class:`~keyaccount.Grading` a host builds by hand has every column checked.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from grading_portfolios import ladder
from keyaccount import TIER_A, TIER_B, Grading, InvalidInput


def _columns(**changes: object) -> dict[str, object]:
    arguments: dict[str, object] = {
        "figures": ladder(3), "ids": ["c0", "c1", "c2"], "keys": [1, 2, 3],
        "key_unit": Fraction(1, 3),
        "columns": [("contract_amount", Decimal(1), [1, 2, 3], Fraction(1, 3))],
        "tiers": (TIER_A, TIER_B), "bounds": (1, 3),
    }
    arguments.update(changes)
    return arguments


def _column(values: list[object], unit: Fraction = Fraction(1, 3)) -> object:
    return [("contract_amount", Decimal(1), values, unit)]


@pytest.mark.parametrize("wrong", [1.5, True, Decimal("NaN"), Decimal("Infinity"), "2"])
def test_a_column_holds_ints_fractions_or_finite_decimals_only(wrong: object) -> None:
    with pytest.raises(InvalidInput, match=r"^columns values of 'contract_amount' must hold "
                                           r"ints, Fractions or finite Decimals, got "):
        Grading(**_columns(columns=_column([1, wrong, 3])))  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match=r"^keys must hold ints, Fractions or finite "):
        Grading(**_columns(keys=[1, wrong, 3]))  # type: ignore[arg-type]


def test_a_column_of_decimals_and_fractions_is_accepted() -> None:
    grading = Grading(**_columns(columns=_column(  # type: ignore[arg-type]
        [Decimal("0.5"), Fraction(2, 3), 3])))
    assert grading.tiers_by_account()["c2"] == TIER_A


@pytest.mark.parametrize("unit", [Fraction(0), Fraction(1)])
def test_a_unit_is_a_fraction_from_0_to_1_both_included(unit: Fraction) -> None:
    Grading(**_columns(key_unit=unit, columns=_column([1, 2, 3], unit)))  # type: ignore[arg-type]


@pytest.mark.parametrize("unit", [Fraction(-1, 3), Fraction(3, 2), Fraction(2), 1, 0.5])
def test_a_unit_outside_0_to_1_or_not_a_fraction_is_refused_naming_it(unit: object) -> None:
    with pytest.raises(InvalidInput, match=r"^key_unit must be a Fraction from 0 to 1, got "):
        Grading(**_columns(key_unit=unit))  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match=r"^columns unit of 'contract_amount' must be a "
                                           r"Fraction from 0 to 1, got "):
        Grading(**_columns(columns=_column([1, 2, 3], unit)))  # type: ignore[arg-type]


def test_a_tier_position_is_a_position_in_the_tiers() -> None:
    grading = Grading(**_columns(bounds=None, tier_list=[1, 0, 1]))  # type: ignore[arg-type]
    assert grading.tier_of("c1") == TIER_A
    with pytest.raises(InvalidInput, match=r"^tier_list must be an int in 0\.\.1 "
                                           r"\(a position in tiers\), got 2$"):
        Grading(**_columns(bounds=None, tier_list=[1, 2, 1]))  # type: ignore[arg-type]


@pytest.mark.parametrize("tie_break", ["bogus", 7, None])
def test_a_tie_break_that_is_not_a_figure_is_refused(tie_break: object) -> None:
    with pytest.raises(InvalidInput, match=r"^tie_break must be one of \["):
        Grading(**_columns(tie_break=tie_break))  # type: ignore[arg-type]


@pytest.mark.parametrize(("changes", "message"), [
    ({"figures": "x"}, r"^figures must be a collection of AccountFigures, got 'x'$"),
    ({"ids": "x"}, r"^ids must be a collection of account ids, got 'x'$"),
    ({"tiers": "x"}, r"^tiers must be a collection of Tier values, got 'x'$"),
    ({"columns": "x"}, r"^columns must be a collection of \(figure, weight, values, unit\), "
                       r"got 'x'$"),
    ({"columns": [(" ", Decimal(1), [1, 2, 3], Fraction(1))]},
     r"^a figure of columns must be a non-empty string"),
    ({"columns": _column("x")},  # type: ignore[arg-type]
     r"^columns values of 'contract_amount' must be a collection of exact numbers, got 'x'$"),
    ({"bounds": "x"}, r"^bounds must be a collection of counts, got 'x'$"),
    ({"bounds": (2, 1)}, r"^bounds must be an int in 2\.\.3 \(rising, at most the number of "
                         r"accounts\), got 1$"),
    ({"bounds": None, "tier_list": "x"},
     r"^tier_list must be a collection of tier positions, got 'x'$"),
])
def test_a_refused_column_of_a_grading_is_named(changes: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        Grading(**_columns(**changes))  # type: ignore[arg-type]
