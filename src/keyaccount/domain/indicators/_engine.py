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



class _Tally:
    """One account's counters, for its records whose other three dimensions are its first's.

    The hot passes (visits, tickets: a million records each in the benchmark) look a record
    up by its ``account_id`` alone and compare the other three dimensions with the account's
    first record's: a str key whose hash the string keeps, and one small object whose counters
    sit in its slots. Keying by the four-value tuple instead built and hashed a tuple per
    record and touched the stored key, a list and the list's items: each a cache miss once
    the portfolio outgrows the CPU's cache, which is what made the passes grow faster than
    the records (issue 17). A record whose dimensions differ from its account's first (an
    account that changed manager, say) is tallied under its own four values, as before.
    """

    __slots__ = ("account_manager", "department", "first", "second", "third", "tier")

    def __init__(self, tier: str, account_manager: str, department: str) -> None:
        self.tier = tier
        self.account_manager = account_manager
        self.department = department
        self.first = 0
        self.second = 0
        self.third = 0


#: A tallied pass: its accounts' tallies by ``account_id``, and its strays' by their four values.
_Tallies = tuple[dict[str, _Tally], dict[tuple[Any, ...], _Tally]]


def _roll_up_tallies(tallies: _Tallies, width: int) -> _Rolled:
    """Roll a tallied pass up into every dimension, as :func:`_roll_up` rolls its cells.

    Straight from the tallies, with no four-value cell built per account: each account gets
    one new list of counters (its group in the account dimension) and adds them into its
    tier's, manager's and department's (few groups, their own lists); a stray adds into its
    account's list and its own three groups. The tallies are read in the order they were
    made, the order they lie in memory in (in key order, each would be a cache miss at
    20,000 accounts), and every dimension's groups sorted by key afterwards. The counters are
    ints (counts): no Decimal context. The portfolio is the sum of the tier groups.
    Building four-value cells and rolling them up cost about 8 µs per account, which made the
    indicators grow faster than the records when the portfolio grew with them (issue 17).
    The lists hold three counters whatever ``width`` (a visit's third stays 0).
    """
    by_account, strays = tallies
    accounts: dict[GroupKey, list[Any]] = {}
    tiers: dict[GroupKey, list[Any]] = {}
    managers: dict[GroupKey, list[Any]] = {}
    departments: dict[GroupKey, list[Any]] = {}

    def add(group: dict[GroupKey, list[Any]], key: GroupKey, first: Any, second: Any,
            third: Any) -> None:
        found = group.get(key)
        if found is None:
            group[key] = [first, second, third]
        else:
            found[0] += first
            found[1] += second
            found[2] += third

    for account_id, tally in by_account.items():
        first, second, third = tally.first, tally.second, tally.third
        accounts[account_id] = [first, second, third]
        add(tiers, tally.tier, first, second, third)
        add(managers, tally.account_manager, first, second, third)
        add(departments, tally.department, first, second, third)
    for (account_id, tier, manager, department), tally in strays.items():
        first, second, third = tally.first, tally.second, tally.third
        for group, key in (
            (accounts, account_id), (tiers, tier), (managers, manager), (departments, department)
        ):
            add(group, key, first, second, third)
    portfolio = [0, 0, 0]
    for total in tiers.values():
        for position in range(3):
            portfolio[position] += total[position]
    groups = {
        Dimension.ACCOUNT: _ordered(accounts),
        Dimension.TIER: _ordered(tiers),
        Dimension.ACCOUNT_MANAGER: _ordered(managers),
        Dimension.DEPARTMENT: _ordered(departments),
    }
    return _Rolled(portfolio[:width], groups, width)


def _sorted_keys(group: Mapping[Any, Any]) -> list[Any]:
    """The group keys in a breakdown's order: by value, ``None`` last.

    Keys of records are strings (compared directly, the same order as
    :func:`~keyaccount.domain.indicators.values._group_key_order` gives them); only a ``None``
    among them needs that key function.
    """
    try:
        return sorted(group)
    except TypeError:
        return sorted(group, key=_group_key_order)


def _ordered(group: dict[GroupKey, list[Any]]) -> dict[GroupKey, list[Any]]:
    return {key: group[key] for key in _sorted_keys(group)}


def _differs(tally: _Tally, record: Any) -> bool:
    """Whether ``record``'s tier, manager or department differs from its account's first.

    The passes call it only when one of the three is another object than the first record's:
    comparing by identity first spares reading two strings per record (two more cache misses
    when the portfolio is large) where a host passes the same strings, as most do per account.
    """
    return bool(
        tally.tier != record.tier
        or tally.account_manager != record.account_manager
        or tally.department != record.department
    )


def _stray(strays: dict[tuple[Any, ...], _Tally], record: Any) -> _Tally:
    """The tally of a record whose dimensions differ from its account's first record's."""
    dims = _dims_of(record)
    tally = strays.get(dims)
    if tally is None:
        tally = strays[dims] = _Tally(dims[1], dims[2], dims[3])
    return tally


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
        dimension: _ordered(group) for dimension, group in zip(_DIMENSIONS, totals, strict=True)
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

