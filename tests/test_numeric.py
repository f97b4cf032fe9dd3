"""The shared numeric helpers (keyaccount._numeric), each against a plain reference.

Mid-rank percentiles against a brute-force count, the redistributed mean against the Fraction
formula, integer weights against the Fractions they stand for, and the weight validation
family against the rules it states (exact, ``>= 0``, known names once, a total of 1).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from math import lcm
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from keyaccount import Indicator, InvalidInput, PolicyConfigError
from keyaccount._errors import KeyAccountError
from keyaccount._numeric import (
    check_total,
    exact_weight,
    exact_weights,
    integer_weights,
    midranks_by_counting,
    midranks_by_sorting,
    positive_weights,
    redistributed_mean,
    unit_fraction,
)


def brute_midranks(values: Sequence[Any], weight: int = 1) -> list[int]:
    """``weight * (lower + upper)`` per value by counting every other value."""
    return [
        weight * (sum(1 for v in values if v < own) + sum(1 for v in values if v <= own))
        for own in values
    ]


# --- mid-rank percentiles ---


WEIGHTS = st.one_of(st.integers(1, 10**6), st.integers(2**62, 2**70))  # array and list paths
# few distinct values (ties) and many (the tie patches and the counting fallback)
SMALL_INTS = st.lists(st.integers(-3, 3), max_size=60)
WIDE_INTS = st.lists(st.integers(-(10**6), 10**6), max_size=60)


@given(st.one_of(SMALL_INTS, WIDE_INTS), WEIGHTS)
def test_midranks_by_sorting_are_the_brute_force_count(values: list[int], weight: int) -> None:
    assert list(midranks_by_sorting(values, weight)) == brute_midranks(values, weight)


@given(st.one_of(SMALL_INTS, WIDE_INTS), WEIGHTS)
def test_midranks_by_counting_are_the_brute_force_count(values: list[int], weight: int) -> None:
    assert midranks_by_counting(values, weight) == brute_midranks(values, weight)


@given(st.lists(st.decimals(allow_nan=False, allow_infinity=False, places=2,
                            min_value=-10, max_value=10), max_size=40))
def test_the_default_weight_is_one(values: list[Decimal]) -> None:
    expected = brute_midranks(values)
    assert list(midranks_by_sorting(values)) == expected
    assert midranks_by_counting(values) == expected


# Decimals that floats cannot tell apart (cents at 10**15, beyond the float range) mixed with
# ones they can: the float keys are read back exactly wherever they tie.
HARD_DECIMALS = st.one_of(
    st.integers(0, 20).map(lambda k: Decimal(10**15) + Decimal(k) / 100),
    st.sampled_from([Decimal("1e400"), Decimal("2e400"), Decimal("-1e400"), Decimal("1e-400")]),
    st.integers(-5, 5).map(Decimal),
)


@given(st.lists(HARD_DECIMALS, max_size=60), st.integers(1, 1000))
def test_midranks_of_float_images_are_exact_for_the_decimals_they_stand_for(
    values: list[Decimal], weight: int
) -> None:
    def read(value: Decimal) -> Decimal:
        return value

    floats = [float(value) for value in values]
    assert list(midranks_by_sorting(floats, weight, (values, read))) == brute_midranks(
        values, weight)


@pytest.mark.parametrize("pool", [
    # a few real ties among many distinct values: tie runs are patched
    [Decimal(k) for k in range(300)] + [Decimal(7)] * 3,
    # floats cannot tell these apart: the Decimals are sorted instead
    [Decimal(10**15) + Decimal(k) / 100 for k in range(6)],
    # mostly ties: distinct values are counted
    [Decimal(0), Decimal(1), Decimal("0.5")],
    # no ties at all
    [Decimal(k) / 7 for k in range(10_000)],
])
def test_midranks_are_exact_on_every_path_of_the_fast_sort(pool: list[Decimal]) -> None:
    rng = random.Random(len(pool))
    values = [rng.choice(pool) for _ in range(400)]
    floats = [float(value) for value in values]
    expected = brute_midranks(values, 5)
    assert list(midranks_by_sorting(floats, 5, (values, Decimal))) == expected
    assert list(midranks_by_sorting(values, 5)) == expected
    assert midranks_by_counting(values, 5) == expected


def test_midranks_of_nothing_and_of_one_value() -> None:
    assert list(midranks_by_sorting([], 3)) == midranks_by_counting([], 3) == []
    assert list(midranks_by_sorting([Decimal(9)], 3)) == midranks_by_counting([9], 3) == [3]


def test_a_mid_rank_percentile_is_the_result_over_2n_times_the_weight() -> None:
    # seed 002's percentile: (accounts below + half the accounts equal) / accounts
    values = [30, 10, 30, 20]
    ranks = midranks_by_sorting(values, 1)
    assert [Fraction(r, 2 * len(values)) for r in ranks] == [
        Fraction(3, 4), Fraction(1, 8), Fraction(3, 4), Fraction(3, 8)]


# --- the weighted mean with redistribution ---


TERM = st.tuples(st.integers(0, 12), st.integers(0, 8), st.integers(0, 8)).map(
    lambda t: (t[0], min(t[1], t[2]), t[2]))  # (units, part, whole), part <= whole


@given(st.lists(TERM, max_size=8))
def test_the_redistributed_mean_is_the_fraction_formula(
    drawn: list[tuple[int, int, int]],
) -> None:
    applicable = [(units, Fraction(part, whole)) for units, part, whole in drawn
                  if units and whole]
    carried = sum(units for units, _ in applicable)
    expected = (
        sum((units * value for units, value in applicable), Fraction(0)) / carried
        if carried else None
    )
    terms = [(units, units * part, whole) for units, part, whole in drawn]
    assert redistributed_mean(terms) == expected


def test_terms_sharing_a_whole_may_be_given_as_one() -> None:
    separate = [(2, 2 * 1, 4), (3, 3 * 2, 4), (1, 1 * 1, 3)]
    merged = [(5, 2 * 1 + 3 * 2, 4), (1, 1 * 1, 3)]
    assert redistributed_mean(separate) == redistributed_mean(merged) == Fraction(
        2 * Fraction(1, 4) + 3 * Fraction(2, 4) + Fraction(1, 3), 6)


def test_a_mean_with_nothing_applicable_is_none() -> None:
    assert redistributed_mean([]) is None
    assert redistributed_mean([(0, 0, 5), (3, 0, 0)]) is None


# --- weights as integers ---


EXACT_WEIGHTS = st.one_of(
    st.fractions(min_value=0, max_value=1, max_denominator=1000),
    st.decimals(min_value=0, max_value=1, places=4),
    st.integers(0, 3),
)


@given(st.lists(EXACT_WEIGHTS, max_size=7))
def test_integer_weights_reproduce_the_fractions(weights: list[Any]) -> None:
    integers, denominator = integer_weights(weights)
    assert all(type(integer) is int for integer in integers)
    assert [Fraction(integer, denominator) for integer in integers] == [
        Fraction(weight) for weight in weights]
    # the least common denominator: the integers stay as small as the proportions allow
    assert denominator == lcm(*(Fraction(weight).denominator for weight in weights))


def test_integer_weights_of_the_grading_default() -> None:
    weights = [Decimal("0.4"), Decimal("0.4"), Decimal("0.2")]
    assert integer_weights(weights) == ([2, 2, 1], 5)
    assert integer_weights([]) == ([], 1)


# --- weight validation ---


@given(st.fractions(min_value=0, max_value=10, max_denominator=100))
def test_an_exact_weight_is_kept_exactly_whatever_its_spelling(weight: Fraction) -> None:
    assert exact_weight(weight, field="w", error=InvalidInput) == weight
    assert exact_weight(str(weight), field="w", error=PolicyConfigError, text=True) == weight
    if weight.denominator == 1:
        assert exact_weight(int(weight), field="w", error=InvalidInput) == weight


@given(st.fractions(max_value=0, max_denominator=100).filter(lambda w: w < 0),
       st.sampled_from([InvalidInput, PolicyConfigError]))
def test_a_negative_weight_is_refused_with_the_callers_error(
    weight: Fraction, error: type[KeyAccountError]
) -> None:
    with pytest.raises(error, match=r"^ScoreWeights\.x must be >= 0, got Fraction\("):
        exact_weight(weight, field="ScoreWeights.x", error=error)


@pytest.mark.parametrize(("value", "text", "message"), [
    (0.5, False, r"^w must be exact \(int, Decimal or Fraction\), got 0\.5$"),
    (True, False, r"^w must be exact \(int, Decimal or Fraction\), got True$"),
    ("0.5", False, r"^w must be exact \(int, Decimal or Fraction\), got '0\.5'$"),
    (0.5, True, r"^w must be exact \(int, Decimal, Fraction or a string like '0\.2' or '1/7'\)"),
    ("half", True, r"^w must be a number, got 'half'$"),
    ("1/0", True, r"^w must be a number, got '1/0'$"),
    (Decimal("NaN"), False, r"^w must be a number, got Decimal\('NaN'\)$"),
    (Decimal("Infinity"), False, r"^w must be a number, got Decimal\('Infinity'\)$"),
    ("-1/7", True, r"^w must be >= 0, got '-1/7'$"),
    (Decimal("-0.2"), False, r"^w must be >= 0, got Decimal\('-0\.2'\)$"),
])
def test_a_weight_that_is_not_an_exact_number_at_least_zero_is_refused(
    value: object, text: bool, message: str
) -> None:
    for error in (InvalidInput, PolicyConfigError):
        with pytest.raises(error, match=message):
            exact_weight(value, field="w", error=error, text=text)


def test_named_weights_keep_their_order_and_map_aliases_to_one_name() -> None:
    known = {key: i for i in Indicator for key in (i, i.value)}
    weights = exact_weights(
        [("satisfaction", "1/2"), (Indicator.CHURN, Decimal("0.5"))], known=known,
        owner="WeightedScorecard", kind="indicator", error=PolicyConfigError, text=True)
    assert list(weights.items()) == [
        (Indicator.SATISFACTION, Fraction(1, 2)), (Indicator.CHURN, Fraction(1, 2))]
    assert exact_weights([("b", 1), ("a", 0)], known=None, owner="f", kind="component",
                         error=InvalidInput) == {"b": 1, "a": 0}


def test_named_weights_refuse_unknown_names_names_given_twice_and_bad_weights() -> None:
    known = {key: i for i in Indicator for key in (i, i.value)}
    with pytest.raises(PolicyConfigError, match=r"^P weights name unknown indicator 'x'; "
                                                r"expected some of \[.*'satisfaction'"):
        exact_weights([("x", 1)], known=known, owner="P", kind="indicator",
                      error=PolicyConfigError)
    with pytest.raises(InvalidInput, match=r"^P weights name 'satisfaction' twice$"):
        exact_weights([(Indicator.SATISFACTION, 1), ("satisfaction", 0)], known=known,
                      owner="P", kind="indicator", error=InvalidInput)
    with pytest.raises(InvalidInput, match=r"^f weight of a must be >= 0, got -1$"):
        exact_weights([("a", -1)], known=None, owner="f", kind="component", error=InvalidInput)


@given(st.lists(st.fractions(min_value=0, max_value=1, max_denominator=12), max_size=6))
def test_weights_must_sum_to_exactly_one(weights: list[Fraction]) -> None:
    pairs = [(f"c{i}", weight) for i, weight in enumerate(weights)]
    if sum(weights) == 1:
        check_total(pairs, field="P weights", error=PolicyConfigError)
    else:
        with pytest.raises(PolicyConfigError,
                           match=rf"^P weights must sum to 1, got {sum(weights, Fraction(0))} "):
            check_total(pairs, field="P weights", error=PolicyConfigError)


def test_a_total_is_shown_in_the_type_of_the_weights() -> None:
    decimals = [("contract_amount", Decimal("0.4")), ("profit_contribution", Decimal("0.4")),
                ("purchase_count", Decimal("0.1"))]
    listed = r"\(contract_amount=0\.4, profit_contribution=0\.4, purchase_count=0\.1\)$"
    with pytest.raises(InvalidInput, match=r"^weights must sum to 1, got 0\.9 " + listed):
        check_total(decimals, field="weights", error=InvalidInput)
    fractions = [(Indicator.SATISFACTION, Fraction(1, 2)), (Indicator.CHURN, Fraction(2, 5))]
    with pytest.raises(PolicyConfigError, match=r"^S weights must sum to 1, got 9/10 "
                                                r"\(satisfaction=1/2, churn=2/5\)$"):
        check_total(fractions, field="S weights", error=PolicyConfigError)


def test_positive_weights_leave_out_the_zero_weights_in_order() -> None:
    weights = {"c": Fraction(1, 2), "a": Fraction(0), "b": Fraction(1, 2)}
    assert list(positive_weights(weights).items()) == [("c", Fraction(1, 2)),
                                                       ("b", Fraction(1, 2))]


# --- rules found by mutation testing (docs/explanation/testing.md) ---


@pytest.mark.parametrize("weight", [
    Decimal("1e-12"), Decimal("0.000000000001"), Fraction(1, 10**12), "1e-12",
    "0.000000000001", "1/1000000000000", Decimal("123.000000000001"),
])
def test_a_weight_of_exactly_twelve_decimal_places_is_accepted(weight: object) -> None:
    assert exact_weight(weight, field="w", error=InvalidInput, text=True) == Fraction(
        Decimal(weight) if isinstance(weight, str) and "/" not in weight else weight)


@pytest.mark.parametrize("weight", [
    Decimal("1e-13"), Decimal("0.0000000000001"), Fraction(1, 10**12 + 1), "1e-13",
    "1/1000000000001", Decimal("123.0000000000001"),
])
def test_a_weight_finer_than_twelve_decimal_places_is_refused(weight: object) -> None:
    with pytest.raises(InvalidInput, match=r"^w must have at most 12 decimal places, got "):
        exact_weight(weight, field="w", error=InvalidInput, text=True)


def test_a_weight_is_read_from_text_only_where_the_caller_allows_it() -> None:
    for read in (exact_weight, unit_fraction):
        with pytest.raises(InvalidInput, match=r"^w must be exact \(int, Decimal or Fraction\), "
                                               r"got '0\.5'$"):
            read("0.5", field="w", error=InvalidInput)


@pytest.mark.parametrize("error", [InvalidInput, PolicyConfigError])
@pytest.mark.parametrize(("text", "message"), [
    ("-0.5", r"^w must be >= 0, got '-0\.5'$"),
    ("NaN", r"^w must be a number, got 'NaN'$"),
    ("2e13", r"^w must be <= 1000000000000, got '2e13'$"),
    ("1e-13", r"^w must have at most 12 decimal places, got '1e-13'$"),
])
def test_a_weight_written_as_decimal_text_is_refused_with_the_callers_error_naming_the_text(
    error: type[KeyAccountError], text: str, message: str
) -> None:
    with pytest.raises(error, match=message):
        exact_weight(text, field="w", error=error, text=True)


@pytest.mark.parametrize("text", ["1000000000000", "1e12", "1E+12", "99999.5", "1000000000000.0"])
def test_a_weight_up_to_ten_to_the_twelve_may_be_written_as_decimal_text(text: str) -> None:
    assert exact_weight(text, field="w", error=PolicyConfigError, text=True) == Fraction(
        Decimal(text))


@pytest.mark.parametrize("value", [Decimal("1.5"), Fraction(3, 2), 2, "1.000000000001"])
def test_a_rate_or_share_is_at_most_one(value: object) -> None:
    with pytest.raises(InvalidInput, match=r"^r must be <= 1, got "):
        unit_fraction(value, field="r", error=InvalidInput, text=True)
    assert unit_fraction(Decimal(1), field="r", error=InvalidInput) == 1
    assert unit_fraction("1/3", field="r", error=InvalidInput, text=True) == Fraction(1, 3)
