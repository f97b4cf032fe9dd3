"""Rules of policies/grading/_tables.py found by mutation testing (docs/explanation).

The count tables behind :class:`~keyaccount.policies.ValueCounts`: values distinct and
rising, one count >= 1 per value, at most 10**9 in all, whether given as tuples or as numpy
arrays; merging adds the counts of equal values, in numpy and in Python alike.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from keyaccount import InvalidInput
from keyaccount.policies import ValueCounts
from keyaccount.policies.grading import _tables


def _np() -> Any:
    return pytest.importorskip("numpy")


@pytest.mark.parametrize("name", ["values", "counts"])
def test_numpy_tables_are_one_dimensional_integer_arrays(name: str) -> None:
    np = _np()
    good = {"values": np.array([1, 2]), "counts": np.array([1, 1])}
    for wrong in (np.array([1.0, 2.0]), np.array([[1, 2]]), np.array([True, True])):
        given = {**good, name: wrong}
        with pytest.raises(InvalidInput, match=rf"^ValueCounts\.{name} must be a "
                                               rf"one-dimensional integer array"):
            ValueCounts(given["values"], given["counts"])
    huge = {**good, name: np.array([1, 2**63], dtype=np.uint64)}
    with pytest.raises(InvalidInput, match=rf"^ValueCounts\.{name} must fit in int64"):
        ValueCounts(huge["values"], huge["counts"])
    fitting = ValueCounts(np.array([1, 2**63 - 1], dtype=np.uint64), np.array([1, 1],
                                                                               dtype=np.uint64))
    assert fitting.values.dtype == np.int64  # type: ignore[attr-defined]


def test_numpy_tables_hold_one_count_per_distinct_rising_value() -> None:
    np = _np()
    with pytest.raises(InvalidInput, match=r"^ValueCounts must hold one count per value, got 2 "
                                           r"values and 1 counts"):
        ValueCounts(np.array([1, 2]), np.array([1]))
    for values in ([2, 1], [1, 1], [1, 3, 2]):
        with pytest.raises(InvalidInput, match=r"^ValueCounts\.values must be distinct and "
                                               r"rising"):
            ValueCounts(np.array(values), np.array([1] * len(values)))
    for counts in ([1, 0], [-1, 1], [10**9, 1]):
        with pytest.raises(InvalidInput, match=r"^ValueCounts\.counts must be >= 1 and total "
                                               r"at most 1000000000"):
            ValueCounts(np.array([1, 2]), np.array(counts))
    assert ValueCounts(np.array([1, 2]), np.array([10**9 - 1, 1])).total == 10**9
    assert ValueCounts(np.array([], dtype=np.int64), np.array([], dtype=np.int64)).total == 0


def test_numpy_tables_are_read_only_copies() -> None:
    np = _np()
    values, counts = np.array([1, 2]), np.array([3, 4])
    table = ValueCounts(values, counts)
    values[0], counts[0] = 0, 9
    assert table == ValueCounts((1, 2), (3, 4))
    with pytest.raises(ValueError):
        table.values[0] = 5  # type: ignore[index]


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity")])
def test_table_values_are_finite(value: Decimal) -> None:
    with pytest.raises(InvalidInput, match=r"^ValueCounts\.values must hold finite numbers"):
        ValueCounts((value,), (1,))


@pytest.mark.parametrize("value", [True, 1.5, "1", None])
def test_table_values_are_ints_or_decimals(value: object) -> None:
    with pytest.raises(InvalidInput, match=r"^ValueCounts\.values must hold ints or Decimals"):
        ValueCounts((value,), (1,))  # type: ignore[arg-type]


@pytest.mark.parametrize("number", [0, -1, True, 1.0, None])
def test_table_counts_are_ints_of_at_least_one(number: object) -> None:
    with pytest.raises(InvalidInput, match=r"^ValueCounts\.counts must hold ints >= 1"):
        ValueCounts((1,), (number,))  # type: ignore[arg-type]


def test_table_counts_total_at_most_a_billion() -> None:
    assert ValueCounts((1, 2), (10**9 - 1, 1)).total == 10**9
    with pytest.raises(InvalidInput, match=r"^ValueCounts\.counts must total at most "
                                           r"1000000000, got 1000000001"):
        ValueCounts((1, 2), (10**9, 1))


def test_a_table_of_lists_and_one_of_arrays_are_checked_alike() -> None:
    np = _np()
    mixed = ValueCounts(np.array([1, 2]), (1, 1))  # one array, one tuple: the Python checks
    assert mixed == ValueCounts((1, 2), (1, 1))
    with pytest.raises(InvalidInput, match=r"^ValueCounts must hold one count per value"):
        ValueCounts(np.array([1, 2]), (1,))
    with pytest.raises(InvalidInput, match=r"^ValueCounts\.values must be distinct and rising"):
        ValueCounts((2, 2), np.array([1, 1]))


@pytest.mark.parametrize("numpy_first", [False, True])
@pytest.mark.parametrize("numpy_second", [False, True])
def test_merging_with_an_empty_table_gives_the_other(numpy_first: bool,
                                                     numpy_second: bool) -> None:
    np = _np()
    table = ValueCounts((1, 4), (2, 1))
    empty = ValueCounts((), ())
    first = ValueCounts.of(np.array([1, 1, 4])) if numpy_first else table
    nothing = ValueCounts.of(np.array([], dtype=np.int64)) if numpy_second else empty
    assert first.merge(nothing) == table
    assert nothing.merge(first) == table
    assert nothing.merge(nothing) == empty
    assert nothing.merge(nothing, nothing) == empty
    assert nothing.merge(first, nothing, first) == ValueCounts((1, 4), (4, 2))


def test_numpy_merges_add_the_counts_of_equal_values_and_insert_the_others() -> None:
    np = _np()
    first = ValueCounts.of(np.array([1, 3, 3, 9]))
    second = ValueCounts.of(np.array([0, 3, 5, 9, 12]))
    expected = ValueCounts((0, 1, 3, 5, 9, 12), (1, 1, 3, 1, 2, 1))
    assert first.merge(second) == expected
    assert second.merge(first) == expected
    third = ValueCounts.of(np.array([12, 13]))
    assert first.merge(second, third) == ValueCounts((0, 1, 3, 5, 9, 12, 13),
                                                     (1, 1, 3, 1, 2, 2, 1))
    assert _tables.same(_tables.merged((np.array([5]), np.array([2])),
                                       (np.array([7]), np.array([1]))), ((5, 7), (2, 1)))


def test_tables_differ_by_length_values_or_counts() -> None:
    assert not _tables.same(((1,), (1,)), ((1, 2), (1, 1)))
    assert not _tables.same(((1,), (1,)), ((2,), (1,)))
    assert not _tables.same(((1,), (1,)), ((1,), (2,)))
    assert _tables.same(((1,), (1,)), ([1], [1]))
    assert _tables.total(((1, 2), (3, 4))) == 7
    assert _tables.as_list((1, 2)) == [1, 2]


@pytest.mark.parametrize("wrong", ["ab", None, 5])
def test_table_columns_that_are_not_collections_are_refused_naming_them(wrong: object) -> None:
    with pytest.raises(InvalidInput, match=r"^ValueCounts\.values must be a collection of "
                                           r"ints or Decimals, got "):
        ValueCounts(wrong, (1,))  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match=r"^ValueCounts\.counts must be a collection of "
                                           r"ints, got "):
        ValueCounts((1,), wrong)  # type: ignore[arg-type]
