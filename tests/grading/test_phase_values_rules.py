"""Rules of policies/grading/phase_values.py found by mutation testing (docs/explanation).

The values the grading phases exchange are checked at construction and on merge, so that a
value received from another process is a valid one; each refusal names what it refused.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from keyaccount import InvalidInput
from keyaccount.policies import (
    GradingStatistics,
    Straddlers,
    TierCutoffs,
    ValueCounts,
    ValueRange,
)
from keyaccount.policies.grading.phase_values import _optional_exact

_PERCENTILE = GradingStatistics("percentile", 2, [("contract_amount", ValueCounts((1,), (2,)))])


@pytest.mark.parametrize("value", [Decimal("1e16"), Decimal("0.0000000000001")])
def test_value_counts_refuse_a_decimal_past_the_bounds_naming_the_field(value: Decimal) -> None:
    with pytest.raises(InvalidInput, match=r"^ValueCounts\.values must"):
        ValueCounts((value,), (1,))
    assert ValueCounts((Decimal("0.000000000001"),), (1,)).total == 1


def test_value_counts_of_a_numpy_column_take_ints_or_decimals_only() -> None:
    numpy = pytest.importorskip("numpy")
    with pytest.raises(InvalidInput, match=r"^values must hold ints or Decimals, got a float64"):
        ValueCounts.of(numpy.array([1.5]))
    with pytest.raises(InvalidInput, match=r"^values must hold ints or Decimals, got a int64"):
        ValueCounts.of(numpy.array([[1, 2]], dtype=numpy.int64))
    decimals = numpy.array([Decimal("0.5"), 2, Decimal("0.5")], dtype=object)
    assert ValueCounts.of(decimals) == ValueCounts((Decimal("0.5"), 2), (2, 1))
    assert ValueCounts.of(numpy.array([2**63 - 1], dtype=numpy.uint64)).total == 1


@pytest.mark.parametrize("value", [True, 1.5, "1", None])
def test_value_counts_of_a_column_refuse_what_is_not_an_int_or_a_decimal(value: object) -> None:
    with pytest.raises(InvalidInput, match=r"^values must hold ints or Decimals, got"):
        ValueCounts.of([1, value])  # type: ignore[list-item]


def test_value_counts_merge_only_value_counts_up_to_a_billion_accounts() -> None:
    with pytest.raises(InvalidInput, match=r"^others must be ValueCounts, got ValueRange"):
        ValueCounts((1,), (1,)).merge(ValueRange(1, 1))  # type: ignore[arg-type]
    half = ValueCounts((1,), (500_000_000,))
    assert half.merge(half).total == 10**9
    with pytest.raises(InvalidInput, match=r"^others would bring the total past 1000000000"):
        half.merge(half, ValueCounts((2,), (1,)))


def test_value_counts_equal_only_value_counts_and_have_one_length_per_distinct_value() -> None:
    counts = ValueCounts((1, 5), (2, 1))
    assert counts != ((1, 5), (2, 1))
    assert counts.__eq__(((1, 5), (2, 1))) is NotImplemented
    assert len(counts) == 2
    assert counts != ValueCounts((1, 5), (1, 2))
    assert counts != ValueCounts((1, 6), (2, 1))
    assert hash(counts) == hash(ValueCounts.of([5, 1, 1]))


def test_a_long_value_counts_repr_shows_twenty_values_then_an_ellipsis() -> None:
    counts = ValueCounts.of(list(range(21)))
    assert repr(counts) == (f"ValueCounts(values={tuple(range(20))}, ..., "
                            f"counts={(1,) * 20}, ...)")
    assert repr(ValueCounts.of(list(range(20)))).count("...") == 0


@pytest.mark.parametrize("scale", [3, 7, 2 * 10**12, 0, True])
def test_a_value_range_scale_must_divide_ten_to_the_twelfth(scale: int) -> None:
    with pytest.raises(InvalidInput, match=r"^ValueRange\.scale must"):
        ValueRange(1, 2, scale)
    assert ValueRange(1, 2, 10**12).scale == 10**12
    assert ValueRange(1, 2, 5**12).scale == 5**12


@pytest.mark.parametrize(("low", "high"), [(None, 1), (1, None)])
def test_a_value_range_has_both_bounds_or_neither(low: int | None, high: int | None) -> None:
    with pytest.raises(InvalidInput, match=r"^ValueRange\.low and high must both be None"):
        ValueRange(low, high)
    assert ValueRange(2, 2).low == 2


@pytest.mark.parametrize(("value", "why"), [
    (True, "an int or a Decimal"), (1.5, "an int or a Decimal"), (Decimal("NaN"), "finite"),
    (Decimal("Infinity"), "finite"), (10**15 + 1, "at most 10"), (-(10**15) - 1, "at most 10"),
    (Decimal("1e-13"), "places"),
])
def test_a_value_range_bound_is_an_exact_number_within_the_money_bounds(
    value: object, why: str
) -> None:
    with pytest.raises(InvalidInput, match=rf"^ValueRange\.low must (be|have) .*{why}"):
        ValueRange(value, value)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match=r"^ValueRange\.high must"):
        ValueRange(0, value)  # type: ignore[arg-type]
    assert ValueRange(-(10**15), 10**15).high == 10**15


def test_value_ranges_merge_only_value_ranges() -> None:
    with pytest.raises(InvalidInput, match=r"^others must be ValueRange, got ValueCounts"):
        ValueRange(1, 2).merge(ValueCounts((1,), (1,)))  # type: ignore[arg-type]
    assert ValueRange(1, 2).merge() == ValueRange(1, 2)
    assert ValueRange(None, None).merge(ValueRange(None, None)) == ValueRange(None, None)


@pytest.mark.parametrize("figure", ["revenue", 7, "contract_amount"])
def test_statistics_name_each_known_figure_at_most_once(figure: object) -> None:
    columns = [("contract_amount", ValueCounts((1,), (2,))), (figure, ValueCounts((1,), (2,)))]
    with pytest.raises(InvalidInput, match=r"^GradingStatistics\.columns must name each of"):
        GradingStatistics("percentile", 2, columns)


@pytest.mark.parametrize("pair", [("contract_amount",), "contract_amount", None,
                                  ("contract_amount", ValueCounts((1,), (2,)), 1)])
def test_statistics_columns_are_figure_statistic_pairs(pair: object) -> None:
    with pytest.raises(InvalidInput, match=r"^GradingStatistics\.columns must hold"):
        GradingStatistics("percentile", 2, [pair])  # type: ignore[list-item]


def test_statistics_merge_only_statistics_of_the_same_policy_up_to_a_billion_accounts() -> None:
    with pytest.raises(InvalidInput, match=r"^others must be GradingStatistics, got 2"):
        _PERCENTILE.merge(2)  # type: ignore[arg-type]
    min_max = GradingStatistics("min_max", 2, [("contract_amount", ValueRange(1, 1))])
    with pytest.raises(InvalidInput, match=r"^others must be the statistics of the same"):
        _PERCENTILE.merge(min_max)
    other_figure = GradingStatistics("percentile", 2, [("purchase_count", ValueCounts((1,),
                                                                                      (2,)))])
    with pytest.raises(InvalidInput, match=r"^others must be the statistics of the same"):
        _PERCENTILE.merge(other_figure)
    half = GradingStatistics("min_max", 500_000_000, [("contract_amount", ValueRange(1, 1))])
    assert half.merge(half).size == 10**9
    with pytest.raises(InvalidInput, match=r"^others would bring the size past 1000000000"):
        half.merge(half, GradingStatistics("min_max", 1, [("contract_amount",
                                                           ValueRange(1, 1))]))


def test_the_statistic_of_a_figure_not_weighted_is_refused_naming_the_figure() -> None:
    assert _PERCENTILE.statistic("contract_amount") == ValueCounts((1,), (2,))
    with pytest.raises(InvalidInput, match=r"^figure must be one of \['contract_amount'\], "
                                           r"got 'purchase_count'"):
        _PERCENTILE.statistic("purchase_count")


@pytest.mark.parametrize(("bounds", "cutoffs"), [
    ((0, 1, 4), (0, 5, None)),  # a cutoff for a bound of 0
    ((1, 2, 4), (None, 5, None)),  # no cutoff for an inner bound
    ((1, 2, 4), (5, 5, 3)),  # a cutoff for the bound of every account
])
def test_a_cutoff_is_given_exactly_for_a_bound_strictly_inside_the_portfolio(
    bounds: tuple[int, ...], cutoffs: tuple[int | None, ...]
) -> None:
    with pytest.raises(InvalidInput, match=r"^TierCutoffs\.cutoffs must be None exactly"):
        TierCutoffs(4, bounds, cutoffs, (), "better")


@pytest.mark.parametrize(("bounds", "why"), [
    ((1, 3, 2, 4), "rise from 0"), ((1, 5), "rise from 0"), ((1, 3), "end at size"),
    ((), "end at size"), ((-1, 4), "be an int >= 0"), ((True, 4), "be an int >= 0"),
])
def test_cutoff_bounds_rise_from_zero_to_the_size(bounds: tuple[int, ...], why: str) -> None:
    with pytest.raises(InvalidInput, match=rf"^TierCutoffs\.bounds (must )?{why}"):
        TierCutoffs(4, bounds, (None,) * len(bounds), (), "better")


def test_cutoffs_hold_one_int_key_per_bound_and_equal_keys_may_repeat() -> None:
    with pytest.raises(InvalidInput, match=r"^TierCutoffs\.cutoffs must hold one key per bound"):
        TierCutoffs(4, (1, 2, 4), (5, None), (), "better")
    with pytest.raises(InvalidInput, match=r"^TierCutoffs\.cutoffs must be an int"):
        TierCutoffs(4, (1, 2, 4), (5, 4.0, None), (), "better")
    assert TierCutoffs(4, (0, 1, 2, 4), (None, 5, 5, None), (), "better").cutoffs[2] == 5


@pytest.mark.parametrize(("block", "why"), [
    ((5, 1, 5), r"TierCutoffs\.blocks must lie within 1\.\.size 4"),
    ((5, 0, 2), r"TierCutoffs\.blocks first must be an int >= 1"),
    ((5, 2, 2), r"TierCutoffs\.blocks last must be an int >= 3"),
    ((5.0, 1, 2), r"TierCutoffs\.blocks key must be an int"),
    ((5, 1), r"TierCutoffs\.blocks must hold \(key, first, last\) triples"),
    ([5, 1, 2], r"TierCutoffs\.blocks must hold \(key, first, last\) triples"),
])
def test_a_straddling_block_spans_two_positions_or_more_of_the_ranking(
    block: object, why: str
) -> None:
    with pytest.raises(InvalidInput, match=rf"^{why}"):
        TierCutoffs(4, (1, 4), (5, None), (block,), "split")  # type: ignore[arg-type]
    assert TierCutoffs(4, (1, 4), (5, None), ((5, 1, 4),), "split").needs_split


@pytest.mark.parametrize("pair", [("a", 2), ("a", -1), (" ", 0), ("a", True), (1, 0),
                                  ("a", 0, 1), ["a", 0]])
def test_a_placed_account_goes_to_a_tier_of_the_cut(pair: object) -> None:
    with pytest.raises(InvalidInput, match=r"^TierCutoffs\.placed must hold \(account id, tier "
                                           r"position 0\.\.1\) pairs"):
        TierCutoffs(4, (1, 4), (5, None), ((5, 1, 4),), "split", [pair])  # type: ignore[list-item]
    placed = TierCutoffs(4, (1, 4), (5, None), ((5, 1, 4),), "split", [("a", 1)])
    assert not placed.needs_split


def test_only_the_split_rule_with_straddling_blocks_waits_for_the_split() -> None:
    assert not TierCutoffs(4, (1, 4), (5, None), ((5, 1, 4),), "better").needs_split
    assert not TierCutoffs(4, (1, 4), (5, None), (), "split").needs_split
    assert TierCutoffs(4, (1, 4), (5, None), ((5, 1, 4),), "worse").tier_counts() == (0, 4)


@pytest.mark.parametrize(("row", "why"), [
    (("", 1, 1), "account ids"), ((" ", 1, 1), "account ids"), ((1, 1, 1), "account ids"),
    (("a", 1.0, 1), r" key must be an int"),
    (("a", 1, 1.5), r" tie value must be an int or a Decimal"),
    (("a", 1), r"\(account id, key, tie value\) triples"),
    (["a", 1, 1], r"\(account id, key, tie value\) triples"),
])
def test_a_straddler_is_a_non_blank_id_an_int_key_and_an_exact_tie_value(
    row: object, why: str
) -> None:
    with pytest.raises(InvalidInput, match=rf"^Straddlers\.accounts.*{why}"):
        Straddlers([row])  # type: ignore[list-item]


def test_straddlers_merge_only_straddlers_and_keep_key_then_id_order() -> None:
    with pytest.raises(InvalidInput, match=r"^others must be Straddlers, got \(\)"):
        Straddlers(()).merge(())  # type: ignore[arg-type]
    merged = Straddlers([("b", 2, 1)]).merge(Straddlers([("a", 2, 3), ("c", 1, 2)]))
    assert merged.accounts == (("c", 1, 2), ("a", 2, 3), ("b", 2, 1))
    with pytest.raises(InvalidInput, match=r"\['a'\] twice"):
        Straddlers([("a", 2, 1)]).merge(Straddlers([("a", 3, 1)]))


def test_an_optional_bound_of_a_value_range_may_be_none_and_is_refused_by_name() -> None:
    # built here: ValueRange's own validators are built at import, out of sight of mutation
    # testing (it switches a mutant on after the import)
    check = _optional_exact("low")
    check(None, None, None)
    check(None, None, Decimal("0.5"))
    message = r"^ValueRange\.low must be an int or a Decimal, got 'x'$"
    with pytest.raises(InvalidInput, match=message):
        check(None, None, "x")
    with pytest.raises(InvalidInput, match=r"^ValueRange\.high must be an int or a Decimal"):
        ValueRange(low=0, high=1.5)  # type: ignore[arg-type]
