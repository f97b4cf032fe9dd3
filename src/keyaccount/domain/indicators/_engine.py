"""The roll-up engine every indicator shares (private).

An indicator first sums its counters per record key (the four dimension values of a record)
in one pass over its records; :func:`_roll_up` then adds those cells up into the portfolio
and into every group of every :class:`~keyaccount.Dimension`, and :func:`_assemble` turns the
counters into values (lazily for the groups: see :class:`_LazyValues`). The loops that sum
cells are the hot paths (a million records in the benchmark): they stay plain and inlined.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from decimal import localcontext
from operator import attrgetter
from typing import Any, NoReturn, TypeVar

import attrs

from keyaccount._errors import InvalidInput
from keyaccount.domain.calendar import Period
from keyaccount.domain.indicators._lazy import _EXACT, _LazyValues
from keyaccount.domain.indicators.values import (
    _DIMENSIONS,
    Breakdown,
    Dimension,
    GroupKey,
    Indicator,
    IndicatorValue,
    Quantity,
    _group_key_order,
    _ratio,
)

V = TypeVar("V")

#: What a collection of records must not be: a lone string or bytes would be read letter by
#: letter, a mapping by its keys.
_LONE = (str, bytes, date, Mapping)

_dims_of = attrgetter("account_id", "tier", "account_manager", "department")

_Cells = dict[tuple[Any, ...], list[Any]]


@attrs.frozen
class _Rolled:
    portfolio: list[Any]
    groups: dict[Dimension, dict[GroupKey, list[Any]]]
    width: int


def _roll_up(cells: _Cells, width: int) -> _Rolled:
    """Roll the per-record-key cells up into every dimension (cells are few: ~ accounts).

    The cells' own lists are never changed here: a group whose first cell is also its only
    one (every account, usually) borrows that cell's list; a second cell makes it a sum.
    """
    portfolio: list[Any] = [0] * width
    positions = range(width)
    totals: list[dict[GroupKey, list[Any]]] = [{} for _ in _DIMENSIONS]
    owned: list[set[GroupKey]] = [set() for _ in _DIMENSIONS]
    with localcontext(_EXACT):
        for dims, counters in cells.items():
            for position in positions:
                portfolio[position] += counters[position]
            for group, own, key in zip(totals, owned, dims, strict=True):
                found = group.get(key)
                if found is None:
                    group[key] = counters
                elif key in own:
                    for position in positions:
                        found[position] += counters[position]
                else:
                    group[key] = [a + b for a, b in zip(found, counters, strict=True)]
                    own.add(key)
    ordered = {
        dimension: {key: group[key] for key in sorted(group, key=_group_key_order)}
        for dimension, group in zip(_DIMENSIONS, totals, strict=True)
    }
    return _Rolled(portfolio, ordered, width)


def _assemble(
    indicator: Indicator, period: Period, rolled: _Rolled, make: Callable[[list[Any]], V]
) -> Breakdown[V]:
    groups = {
        dimension: _LazyValues(counters, make) for dimension, counters in rolled.groups.items()
    }
    with localcontext(_EXACT):
        portfolio = make(rolled.portfolio)
    return Breakdown(indicator, period, portfolio, make([0] * rolled.width), groups)


def _breakdown(
    indicator: Indicator,
    period: Period,
    cells: _Cells,
    width: int,
    make: Callable[[list[Any]], V],
) -> Breakdown[V]:
    return _assemble(indicator, period, _roll_up(cells, width), make)


def _rate_maker(indicator: Indicator, period: Period) -> Callable[[list[Any]], IndicatorValue]:
    trusted = IndicatorValue._trusted

    def make(counters: list[Any]) -> IndicatorValue:
        numerator, denominator = counters[0], counters[1]
        normalised = _ratio(numerator, denominator) if denominator else None
        return trusted(indicator, period, numerator, denominator, normalised)

    return make


R = TypeVar("R")


def _pair_sums(
    records: Iterable[R],
    period: Period,
    *,
    day: Callable[[R], date],
    key: Callable[[R], tuple[Any, ...]],
    pair: Callable[[R], tuple[Quantity, Quantity]],
    kind: type[Any],
    field: str,
) -> _Cells:
    """Sum ``pair(record)`` per ``key(record)`` over the records whose ``day`` is in ``period``.

    The indicators that add one numerator and one denominator per record share this loop;
    the visits, tickets, surveys and volumes (a million records each in the benchmark, and
    more than two counters or a second date) keep their own inlined loops.
    """
    records = _records(records, kind, field)
    start, end = _period(period).start, period.end
    cells: _Cells = {}
    cell_of = cells.get
    try:
        with localcontext(_EXACT):
            for record in records:
                if start <= day(record) < end:
                    numerator, denominator = pair(record)
                    dims = key(record)
                    cell = cell_of(dims)
                    if cell is None:
                        cells[dims] = [numerator, denominator]
                    else:
                        cell[0] += numerator
                        cell[1] += denominator
    except (AttributeError, TypeError) as error:
        _refuse(records, kind, field, error)
    return cells




def _records(records: Iterable[V], kind: type[Any], field: str) -> Sequence[V]:
    """The records as a sequence (read once if an iterator), a lone value refused by name."""
    if type(records) is list or type(records) is tuple:  # the plain case
        return records
    if isinstance(records, _LONE) or not isinstance(records, Iterable):
        raise InvalidInput(
            f"{field} must be a collection of {kind.__name__} records, got {records!r:.200}"
        )
    return records if isinstance(records, Sequence) else tuple(records)


def _refuse(records: Iterable[Any], kind: type[Any], field: str, error: Exception) -> NoReturn:
    """A pass over ``records`` failed with ``error``: name the record that is not a ``kind``.

    The passes trust their records (a million in the benchmark): a foreign item surfaces as
    an AttributeError or TypeError, turned here into a refusal that names the argument.
    """
    for record in records:
        if not isinstance(record, kind):
            raise InvalidInput(
                f"{field} must hold {kind.__name__} records, got {record!r:.200}"
            ) from None
    raise error


def _period(value: object, field: str = "period") -> Period:
    """The period an indicator states, refused by name if it is not a :class:`Period`."""
    if type(value) is not Period and not isinstance(value, Period):
        raise InvalidInput(f"{field} must be a Period, got {value!r:.200}")
    return value

