"""Count tables for the mergeable grading phases (private; issue 17).

A count table is two parallel columns: distinct values, strictly rising, and how many times
each occurs. The phases use it twice: the value counts of a figure's column (percentile
ranks) and the histogram of score keys (cutoffs). It is held either as tuples of Python
numbers (exact ints or Decimals, no numpy needed) or, when numpy counted int64 columns, as
read-only int64 arrays; merging two numpy tables stays in numpy, any other pair is merged
in Python. Nothing here imports numpy at module level.

The checks that every table passes at construction are here, so that a table received from
another process (a Dask worker, a Spark executor) is a valid one before it is merged.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from decimal import Decimal
from itertools import islice
from operator import lt
from typing import Any

from keyaccount._errors import InvalidInput
from keyaccount._validation import COUNT_LIMIT, to_items

Table = tuple[Sequence[Any], Sequence[int]]


def is_numpy(value: object) -> bool:
    """Whether ``value`` is a numpy array."""
    return type(value).__module__.split(".")[0] == "numpy" and hasattr(value, "dtype")


def _frozen_array(value: Any) -> Any:
    copied = value.astype("int64", copy=True)
    copied.setflags(write=False)
    return copied


def checked(values: Any, counts: Any, *, field: str) -> Table:
    """A valid table from ``values`` and ``counts`` as given (``field`` names it)."""
    if is_numpy(values) and is_numpy(counts):
        for name, column in (("values", values), ("counts", counts)):
            kind = column.dtype.kind
            if kind not in "iu" or column.ndim != 1:
                raise InvalidInput(f"{field}.{name} must be a one-dimensional integer array, "
                                   f"got a {column.dtype} array")
            if kind == "u" and len(column) and int(column.max()) >= 2**63:
                raise InvalidInput(f"{field}.{name} must fit in int64, got {int(column.max())}")
        if len(values) != len(counts):
            raise InvalidInput(f"{field} must hold one count per value, got {len(values)} "
                               f"values and {len(counts)} counts")
        frozen_values, frozen_counts = _frozen_array(values), _frozen_array(counts)
        if len(frozen_values) and not (frozen_values[1:] > frozen_values[:-1]).all():
            raise InvalidInput(f"{field}.values must be distinct and rising")
        if len(frozen_counts) and (int(frozen_counts.min()) < 1
                                   or int(frozen_counts.sum()) > COUNT_LIMIT):
            raise InvalidInput(f"{field}.counts must be >= 1 and total at most {COUNT_LIMIT}")
        return frozen_values, frozen_counts
    listed_values = to_items(values.tolist() if is_numpy(values) else values,
                             field=f"{field}.values", expected="ints or Decimals")
    listed_counts = to_items(counts.tolist() if is_numpy(counts) else counts,
                             field=f"{field}.counts", expected="ints")
    for value in listed_values:
        if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
            raise InvalidInput(f"{field}.values must hold ints or Decimals, got {value!r:.80}")
        if isinstance(value, Decimal) and not value.is_finite():
            raise InvalidInput(f"{field}.values must hold finite numbers, got {value!r}")
    for number in listed_counts:
        if isinstance(number, bool) or not isinstance(number, int) or number < 1:
            raise InvalidInput(f"{field}.counts must hold ints >= 1, got {number!r:.80}")
    if len(listed_values) != len(listed_counts):
        raise InvalidInput(f"{field} must hold one count per value, got {len(listed_values)} "
                           f"values and {len(listed_counts)} counts")
    if sum(listed_counts) > COUNT_LIMIT:
        raise InvalidInput(f"{field}.counts must total at most {COUNT_LIMIT}, "
                           f"got {sum(listed_counts)}")
    if not all(map(lt, listed_values, islice(listed_values, 1, None))):
        raise InvalidInput(f"{field}.values must be distinct and rising")
    return listed_values, listed_counts


def counted(column: Any) -> Table:
    """The table of a column of exact values (a list, or a numpy int64 array)."""
    if is_numpy(column):
        import numpy as np

        unique, counts = np.unique(column, return_counts=True)
        return _frozen_array(unique), _frozen_array(counts)
    tally = Counter(column)
    values: tuple[Any, ...] = tuple(sorted(tally))
    return values, tuple(map(tally.__getitem__, values))


def merged(first: Table, second: Table) -> Table:
    """The table of both tables' values: counts of equal values add up."""
    if not len(first[0]):
        return second
    if not len(second[0]):
        return first
    if all(is_numpy(column) for column in (*first, *second)):
        import numpy as np

        # both tables are sorted: find where the second's values fall in the first, add the
        # counts of the values both hold, insert the others (O(n) passes, no sort)
        values: Any = first[0]
        counts: Any = first[1]
        others: Any = second[0]
        more: Any = second[1]
        at = np.searchsorted(values, others)
        hit = np.zeros(len(others), dtype=bool)
        inside = at < len(values)
        hit[inside] = values[at[inside]] == others[inside]
        summed = np.array(counts, dtype=np.int64)
        summed[at[hit]] += more[hit]
        new = ~hit
        return (_frozen_array(np.insert(values, at[new], others[new])),
                _frozen_array(np.insert(summed, at[new], more[new])))
    tally: dict[Any, int] = dict(zip(as_list(first[0]), as_list(first[1]), strict=True))
    for value, number in zip(as_list(second[0]), as_list(second[1]), strict=True):
        tally[value] = tally.get(value, 0) + number
    merged_values = tuple(sorted(tally))
    return merged_values, tuple(map(tally.__getitem__, merged_values))


def merged_all(tables: Sequence[Table]) -> Table:
    """The table of every table's values (one pass over them all beyond two tables)."""
    found = [table for table in tables if len(table[0])]
    if len(found) <= 2:
        return merged(found[0], found[1]) if len(found) == 2 else (
            found[0] if found else tables[0])
    if all(is_numpy(column) for table in found for column in table):
        import numpy as np

        joined: Any = np.concatenate([table[0] for table in found])
        counts: Any = np.concatenate([table[1] for table in found])
        order = np.argsort(joined, kind="stable")  # runs of sorted tables: a merge
        joined, counts = joined[order], counts[order]
        del order
        starts = np.flatnonzero(np.concatenate(([True], joined[1:] != joined[:-1])))
        return _frozen_array(joined[starts]), _frozen_array(np.add.reduceat(counts, starts))
    tally: dict[Any, int] = {}
    for values, numbers in found:
        for value, number in zip(as_list(values), as_list(numbers), strict=True):
            tally[value] = tally.get(value, 0) + number
    merged_values = tuple(sorted(tally))
    return merged_values, tuple(map(tally.__getitem__, merged_values))


def as_list(column: Sequence[Any]) -> list[Any]:
    """A column as a list of Python numbers."""
    return column.tolist() if is_numpy(column) else list(column)  # type: ignore[attr-defined]


def same(first: Table, second: Table) -> bool:
    """Whether two tables hold the same values and counts (whatever their form)."""
    return (len(first[0]) == len(second[0])
            and as_list(first[0]) == as_list(second[0])
            and as_list(first[1]) == as_list(second[1]))


def total(table: Table) -> int:
    """How many values the table counts."""
    return int(table[1].sum()) if is_numpy(table[1]) else sum(table[1])  # type: ignore[attr-defined]
