"""Visits and tickets held in columns (issue 17, item 4): the indicators' columnar input path.

A host that holds its facts in columns (a warehouse table, a DataFrame) passes them as
:class:`VisitColumns` and :class:`TicketColumns`, whose ``account`` column is a dense integer
index into an :class:`AccountTable` that carries each account's id, tier, manager and
department **once**, not once per record. :func:`compute_indicators_columns` then gives the
:class:`~keyaccount.IndicatorSet` that :func:`~keyaccount.compute_indicators` gives on the
equivalent records (visit plan completion, problem and on-time resolution): its passes count
per account in lists of ints indexed by the account (index arithmetic per record, no dict
lookup), and roll the counts up per account afterwards. Per-account state is then a few ints
in a list, which stays in the CPU's cache where a dict of objects keyed by id did not (the
object path's growth, see the reference's "Performance").

Every column is checked as a whole when the value is built (its types once, its bounds by min
and max, C-speed passes), never one record object per row. Dates are ``date`` objects or day
ordinals (``date.toordinal()``), one kind in all the date columns of one value; ``None``
where a record's date is ``None``.

>>> from datetime import date
>>> from keyaccount import Indicator, Period
>>> accounts = AccountTable(["ACME", "BOLT"], ["A", "C"], ["Wang", "Li"], ["KA", "KA"])
>>> visits = VisitColumns(account=[0, 0, 1], planned_on=[date(2025, 2, 3)] * 3,
...                       done_on=[date(2025, 2, 3), None, None])
>>> indicators = compute_indicators_columns(Period.half_year(2025, 1), accounts, visits=visits)
>>> str(indicators[Indicator.VISIT_PLAN_COMPLETION].portfolio)
'visit_plan_completion 2025-H1: 1/3 = 0.3333'
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date
from functools import partial
from itertools import compress, repeat
from operator import is_, is_not, lt
from typing import Any

import attrs

from keyaccount._errors import InvalidInput
from keyaccount._validation import COUNT_LIMIT, FIRST_YEAR, LAST_YEAR, to_items
from keyaccount.domain.calendar import Period
from keyaccount.domain.grading import Tier
from keyaccount.domain.indicators._engine import _period, _Tallies, _Tally
from keyaccount.domain.indicators.indicator_set import IndicatorSet
from keyaccount.domain.indicators.resolution import _resolution_report
from keyaccount.domain.indicators.values import Breakdown, IndicatorValue
from keyaccount.domain.indicators.visits import _completion

__all__ = ["AccountTable", "TicketColumns", "VisitColumns", "compute_indicators_columns"]

_FIRST_ORDINAL = date(FIRST_YEAR, 1, 1).toordinal()
_LAST_ORDINAL = date(LAST_YEAR, 12, 31).toordinal()
_NONE = type(None)


def _column(value: object, field: str, expected: str) -> tuple[Any, ...]:
    return to_items(value, field=field, expected=expected)  # type: ignore[arg-type]


def _names(value: object, field: str) -> tuple[str, ...]:
    """A column of non-blank strings (a :class:`~keyaccount.Tier` read as its code)."""
    column = _column(value, field, "non-empty strings")
    if any(issubclass(kind, Tier) for kind in set(map(type, column))):
        column = tuple(v.code if isinstance(v, Tier) else v for v in column)
    for kind in set(map(type, column)):
        if kind is not str:
            wrong = next(item for item in column if type(item) is kind)
            raise InvalidInput(f"{field} must hold non-empty strings, got {wrong!r:.80}")
    if not all(map(str.strip, column)):
        wrong = next(item for item in column if not item.strip())
        raise InvalidInput(f"{field} must hold non-empty strings, got {wrong!r:.80}")
    return column


def _flags(value: object) -> tuple[bool | None, ...]:
    column = _column(value, "TicketColumns.resolved_on_time", "bools or None")
    for kind in set(map(type, column)):
        if kind is not bool and kind is not _NONE:
            wrong = next(item for item in column if type(item) is kind)
            raise InvalidInput(
                f"TicketColumns.resolved_on_time must hold True, False or None, got {wrong!r:.80}"
            )
    return column


def _ids(value: object) -> tuple[str, ...]:
    return _names(value, "AccountTable.account_id")


def _tiers(value: object) -> tuple[str, ...]:
    return _names(value, "AccountTable.tier")


def _managers(value: object) -> tuple[str, ...]:
    return _names(value, "AccountTable.account_manager")


def _departments(value: object) -> tuple[str, ...]:
    return _names(value, "AccountTable.department")


def _visit_accounts(value: object) -> tuple[int, ...]:
    return _accounts(value, "VisitColumns.account")


def _planned_on(value: object) -> tuple[Any, ...]:
    return _days(value, "VisitColumns.planned_on", optional=False)


def _done_on(value: object) -> tuple[Any, ...]:
    return _days(value, "VisitColumns.done_on", optional=True)


def _ticket_accounts(value: object) -> tuple[int, ...]:
    return _accounts(value, "TicketColumns.account")


def _opened_on(value: object) -> tuple[Any, ...]:
    return _days(value, "TicketColumns.opened_on", optional=False)


def _resolved_on(value: object) -> tuple[Any, ...]:
    return _days(value, "TicketColumns.resolved_on", optional=True)


@attrs.frozen
class AccountTable:
    """The accounts that columns of facts index: each account's four dimensions, once.

    Row ``i`` is the account whose facts carry ``account == i``.

    Attributes:
        account_id: the accounts' ids (non-empty, unique).
        tier: their tier codes (a :class:`~keyaccount.Tier` is read as its code).
        account_manager: who is appraised for each account.
        department: the department appraised for each account.

    Raises:
        InvalidInput: a column holds something else, the columns differ in length, or an id
            is repeated.

    >>> AccountTable(["ACME"], ["A"], ["Wang"], ["KA"]).size
    1
    """

    account_id: tuple[str, ...] = attrs.field(converter=_ids)
    tier: tuple[str, ...] = attrs.field(converter=_tiers)
    account_manager: tuple[str, ...] = attrs.field(converter=_managers)
    department: tuple[str, ...] = attrs.field(converter=_departments)

    def __attrs_post_init__(self) -> None:
        size = len(self.account_id)
        for name in ("tier", "account_manager", "department"):
            if len(getattr(self, name)) != size:
                raise InvalidInput(
                    f"AccountTable.{name} must hold one value per account of account_id ({size}), "
                    f"got {len(getattr(self, name))}"
                )
        if len(set(self.account_id)) != size:
            seen = Counter(self.account_id)
            twice = sorted(account for account, times in seen.items() if times > 1)[:10]
            raise InvalidInput(f"AccountTable.account_id must be unique, got duplicates {twice}")

    @property
    def size(self) -> int:
        """The number of accounts."""
        return len(self.account_id)


def _accounts(value: object, field: str) -> tuple[int, ...]:
    """A column of account indexes: ints from 0 to 10**9 (checked against the table later)."""
    column = _column(value, field, "account indexes (ints)")
    for kind in set(map(type, column)):
        if kind is not int:
            wrong = next(item for item in column if type(item) is kind)
            raise InvalidInput(
                f"{field} must hold account indexes (ints from 0), got {wrong!r:.80}"
            )
    if column:
        if min(column) < 0:
            raise InvalidInput(f"{field} must hold account indexes from 0, got {min(column)}")
        # a table holds at most 10**9 accounts; an index beyond 2**63 - 1 would not even pack
        if max(column) > COUNT_LIMIT:
            raise InvalidInput(
                f"{field} must hold account indexes up to 10**9, got {max(column)}"
            )
    return column


def _days(value: object, field: str, *, optional: bool) -> tuple[Any, ...]:
    """A column of dates or of day ordinals (``None`` allowed if ``optional``)."""
    column = _column(value, field, "dates or day ordinals")
    kinds = set(map(type, column))
    allowed = {date, int, _NONE} if optional else {date, int}
    for kind in kinds:
        if kind not in allowed:
            wrong = next(item for item in column if type(item) is kind)
            what = "dates or day ordinals" + (" or None" if optional else "")
            raise InvalidInput(f"{field} must hold {what}, got {wrong!r:.80}")
    if date in kinds and int in kinds:
        raise InvalidInput(f"{field} must hold dates or day ordinals, not both")
    known = list(filter(partial(is_not, None), column)) if _NONE in kinds else column
    if known:
        low, high = min(known), max(known)
        if int in kinds and (low < _FIRST_ORDINAL or high > _LAST_ORDINAL):
            wrong = low if low < _FIRST_ORDINAL else high
            raise InvalidInput(
                f"{field} must hold day ordinals of the years {FIRST_YEAR}-{LAST_YEAR} "
                f"({_FIRST_ORDINAL}..{_LAST_ORDINAL}), got {wrong}"
            )
        if date in kinds and not (low.year >= FIRST_YEAR and high.year <= LAST_YEAR):
            wrong = low if low.year < FIRST_YEAR else high
            raise InvalidInput(
                f"{field} must hold dates in the years {FIRST_YEAR}-{LAST_YEAR}, "
                f"got {wrong.isoformat()}"
            )
    return column


def _ordinal_kind(owner: str, columns: Mapping[str, Sequence[Any]]) -> bool:
    """Whether the date columns hold day ordinals (else dates); mixed kinds refused."""
    kinds: set[type] = set()
    for column in columns.values():
        kinds |= set(map(type, column)) - {_NONE}
    if len(kinds) > 1:
        raise InvalidInput(
            f"{owner}: the date columns {', '.join(columns)} must hold one kind, dates or day "
            "ordinals, not both"
        )
    return kinds == {int}


def _same_length(owner: str, columns: Mapping[str, Sequence[Any]]) -> int:
    sizes = {name: len(column) for name, column in columns.items()}
    size = sizes["account"]
    for name, length in sizes.items():
        if length != size:
            raise InvalidInput(
                f"{owner}.{name} must hold one value per record of account ({size}), got {length}"
            )
    return size


@attrs.frozen
class VisitColumns:
    """Planned visits as columns (the columns of :class:`~keyaccount.VisitFact`).

    Attributes:
        account: each visit's account, a row of the :class:`AccountTable` (an int from 0).
        planned_on: the planned days (dates or day ordinals).
        done_on: the days the visits were recorded, ``None`` where not.
        ordinals: whether the dates are day ordinals (set from the columns).
        rows_needed: the account table's least size, the largest ``account`` + 1 (set).

    Raises:
        InvalidInput: a column holds something else, the columns differ in length, or the
            date columns mix dates and ordinals.

    >>> VisitColumns(account=[0], planned_on=[739285], done_on=[None]).size
    1
    """

    account: tuple[int, ...] = attrs.field(converter=_visit_accounts)
    planned_on: tuple[Any, ...] = attrs.field(converter=_planned_on)
    done_on: tuple[Any, ...] = attrs.field(converter=_done_on)
    ordinals: bool = attrs.field(init=False, eq=False, repr=False)
    rows_needed: int = attrs.field(init=False, eq=False, repr=False)
    _rows: array[int] = attrs.field(init=False, eq=False, hash=False, repr=False)

    def __attrs_post_init__(self) -> None:
        columns = {"account": self.account, "planned_on": self.planned_on,
                   "done_on": self.done_on}
        _same_length("VisitColumns", columns)
        columns.pop("account")
        object.__setattr__(self, "ordinals", _ordinal_kind("VisitColumns", columns))
        object.__setattr__(self, "rows_needed", max(self.account, default=-1) + 1)
        object.__setattr__(self, "_rows", _packed(self.account))

    @property
    def size(self) -> int:
        """The number of visits."""
        return len(self.account)


@attrs.frozen
class TicketColumns:
    """Feedback tickets as columns (the columns of :class:`~keyaccount.TicketFact`).

    Attributes:
        account: each ticket's account, a row of the :class:`AccountTable` (an int from 0).
        opened_on: the days the tickets were opened (dates or day ordinals).
        resolved_on: the days they were resolved, ``None`` while open.
        resolved_on_time: whether each was resolved by its deadline (a bool), ``None``
            exactly where ``resolved_on`` is.
        ordinals: whether the dates are day ordinals (set from the columns).
        rows_needed: the account table's least size, the largest ``account`` + 1 (set).

    Raises:
        InvalidInput: a column holds something else, the columns differ in length, the date
            columns mix dates and ordinals, a ticket is resolved before it was opened, or
            ``resolved_on_time`` is ``None`` elsewhere than where ``resolved_on`` is.

    >>> from datetime import date
    >>> TicketColumns(account=[0], opened_on=[date(2025, 3, 3)],
    ...               resolved_on=[date(2025, 3, 1)], resolved_on_time=[True])
    Traceback (most recent call last):
    ...
    keyaccount.InvalidInput: TicketColumns: ticket 0 is resolved_on 2025-03-01 before its ...
    """

    account: tuple[int, ...] = attrs.field(converter=_ticket_accounts)
    opened_on: tuple[Any, ...] = attrs.field(converter=_opened_on)
    resolved_on: tuple[Any, ...] = attrs.field(converter=_resolved_on)
    resolved_on_time: tuple[bool | None, ...] = attrs.field(converter=_flags)
    ordinals: bool = attrs.field(init=False, eq=False, repr=False)
    rows_needed: int = attrs.field(init=False, eq=False, repr=False)
    _rows: array[int] = attrs.field(init=False, eq=False, hash=False, repr=False)

    def __attrs_post_init__(self) -> None:
        columns = {"account": self.account, "opened_on": self.opened_on,
                   "resolved_on": self.resolved_on, "resolved_on_time": self.resolved_on_time}
        _same_length("TicketColumns", columns)
        object.__setattr__(self, "ordinals", _ordinal_kind(
            "TicketColumns", {"opened_on": self.opened_on, "resolved_on": self.resolved_on}))
        object.__setattr__(self, "rows_needed", max(self.account, default=-1) + 1)
        object.__setattr__(self, "_rows", _packed(self.account))
        unresolved = list(map(is_, self.resolved_on, repeat(None)))
        if unresolved != list(map(is_, self.resolved_on_time, repeat(None))):
            row = next(n for n, (day, flag) in enumerate(
                zip(self.resolved_on, self.resolved_on_time, strict=True))
                if (day is None) != (flag is None))
            raise InvalidInput(
                f"TicketColumns: ticket {row} has resolved_on {self.resolved_on[row]!r} and "
                f"resolved_on_time {self.resolved_on_time[row]!r}; resolved_on_time must be "
                "None exactly while unresolved"
            )
        resolved = [not flag for flag in unresolved] if any(unresolved) else None
        days = compress(self.resolved_on, resolved) if resolved else iter(self.resolved_on)
        opened = compress(self.opened_on, resolved) if resolved else iter(self.opened_on)
        if any(map(lt, days, opened)):
            row = next(n for n, (start, end) in enumerate(
                zip(self.opened_on, self.resolved_on, strict=True))
                if end is not None and end < start)
            raise InvalidInput(
                f"TicketColumns: ticket {row} is resolved_on {_day(self.resolved_on[row])} "
                f"before its opened_on {_day(self.opened_on[row])}"
            )

    @property
    def size(self) -> int:
        """The number of tickets."""
        return len(self.account)


def _packed(account: tuple[int, ...]) -> array[int]:
    """The account rows packed in machine ints, which the passes read.

    Read from the tuple, each row is a pointer to one of up to as many int objects as there
    are accounts, scattered in memory (a cache miss each once the portfolio is large); read
    from the array, each is a fresh small object made from consecutive bytes. It kept the
    cost per record flat from 2,000 to 20,000 accounts where the tuple's grew 11 %.
    """
    return array("q", account)


def _day(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def _bounds(period: Period, ordinals: bool) -> tuple[Any, Any]:
    if ordinals:
        return period.start.toordinal(), period.end.toordinal()
    return period.start, period.end


def _check_indexes(owner: str, accounts: AccountTable, rows_needed: int) -> None:
    if rows_needed > accounts.size:
        raise InvalidInput(
            f"{owner}.account must hold rows of the account table (0..{accounts.size - 1}), "
            f"got {rows_needed - 1}"
        )


def _tallies(accounts: AccountTable, counted: list[int], *columns: list[int]) -> _Tallies:
    """The counts per account as the object path's tallies (accounts with no record left out)."""
    by_account: dict[str, _Tally] = {}
    ids, tiers, managers, departments = (accounts.account_id, accounts.tier,
                                         accounts.account_manager, accounts.department)
    first, second, third = (*columns, [0] * len(counted))[:3]
    for row in compress(range(len(counted)), counted):
        tally = by_account[ids[row]] = _Tally(tiers[row], managers[row], departments[row])
        tally.first, tally.second, tally.third = first[row], second[row], third[row]
    return by_account, {}


def _visit_breakdown(
    period: Period, accounts: AccountTable, visits: VisitColumns
) -> Breakdown[IndicatorValue]:
    _check_indexes("VisitColumns", accounts, visits.rows_needed)
    start, end = _bounds(period, visits.ordinals)
    planned = [0] * accounts.size
    completed = [0] * accounts.size
    for row, planned_on, done_on in zip(
        visits._rows, visits.planned_on, visits.done_on, strict=True
    ):
        if start <= planned_on < end:
            planned[row] += 1
            if done_on is not None and done_on < end:
                completed[row] += 1
    return _completion(_tallies(accounts, planned, completed, planned), period)


def _ticket_breakdowns(
    period: Period, accounts: AccountTable, tickets: TicketColumns
) -> list[Breakdown[IndicatorValue]]:
    _check_indexes("TicketColumns", accounts, tickets.rows_needed)
    start, end = _bounds(period, tickets.ordinals)
    opened = [0] * accounts.size
    resolved = [0] * accounts.size
    on_time = [0] * accounts.size
    for row, opened_on, resolved_on, in_time in zip(
        tickets._rows, tickets.opened_on, tickets.resolved_on, tickets.resolved_on_time,
        strict=True,
    ):
        if start <= opened_on < end:
            opened[row] += 1
            if resolved_on is not None and resolved_on < end:
                resolved[row] += 1
                if in_time:
                    on_time[row] += 1
    report = _resolution_report(_tallies(accounts, opened, resolved, opened, on_time), period)
    return [report.resolution, report.on_time]


def compute_indicators_columns(
    period: Period,
    accounts: AccountTable,
    *,
    visits: VisitColumns | None = None,
    tickets: TicketColumns | None = None,
) -> IndicatorSet:
    """The indicators of visits and tickets held in columns, as :func:`compute_indicators`.

    Equal to ``compute_indicators(period, visits=..., tickets=...)`` on the equivalent
    :class:`~keyaccount.VisitFact` and :class:`~keyaccount.TicketFact` records (each record's
    dimensions its account's row of ``accounts``): visit plan completion, problem resolution
    and on-time resolution, per account, tier, account manager and department. A kind left
    out (``None``) leaves its indicators out. One pass per kind, counting per account in
    lists indexed by the account: O(records + accounts).

    Args:
        period: the period every indicator states.
        accounts: the accounts the columns' ``account`` indexes refer to.
        visits: planned visits (completion).
        tickets: tickets (resolution and on-time resolution).

    Returns:
        The :class:`~keyaccount.IndicatorSet` of the period.

    Raises:
        InvalidInput: an argument is of the wrong kind, or an ``account`` index is not a row
            of ``accounts``.
    """
    _period(period)
    if not isinstance(accounts, AccountTable):
        raise InvalidInput(f"accounts must be an AccountTable, got {accounts!r:.200}")
    if visits is not None and not isinstance(visits, VisitColumns):
        raise InvalidInput(f"visits must be VisitColumns, got {visits!r:.200}")
    if tickets is not None and not isinstance(tickets, TicketColumns):
        raise InvalidInput(f"tickets must be TicketColumns, got {tickets!r:.200}")
    found: list[Breakdown[IndicatorValue]] = []
    if visits is not None:
        found.append(_visit_breakdown(period, accounts, visits))
    if tickets is not None:
        found += _ticket_breakdowns(period, accounts, tickets)
    return IndicatorSet(period, {breakdown.indicator: breakdown for breakdown in found})
