"""Rules of the columnar input path (domain/indicators/columns.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from keyaccount import (
    AccountTable,
    Indicator,
    InvalidInput,
    Period,
    TicketColumns,
    VisitColumns,
    compute_indicators_columns,
)

DAY = date(2025, 3, 3)
FIRST = date(1900, 1, 1).toordinal()
LAST = date(2199, 12, 31).toordinal()
ONE = AccountTable(["ACME"], ["A"], ["Wang"], ["KA"])


def _table(**columns: Any) -> AccountTable:
    given = {"account_id": ["ACME"], "tier": ["A"], "account_manager": ["Wang"],
             "department": ["KA"], **columns}
    return AccountTable(**given)


def _visits(**columns: Any) -> VisitColumns:
    return VisitColumns(**{"account": [0], "planned_on": [DAY], "done_on": [None], **columns})


def _tickets(**columns: Any) -> TicketColumns:
    return TicketColumns(**{"account": [0], "opened_on": [DAY], "resolved_on": [DAY],
                            "resolved_on_time": [True], **columns})


@pytest.mark.parametrize("build", [_visits, _tickets])
def test_an_account_index_above_10_to_the_9_is_refused_by_name_not_overflowed(
    build: Callable[..., Any],
) -> None:
    owner = "VisitColumns" if build is _visits else "TicketColumns"
    for index in (10**9 + 1, 2**63, 2**64):
        with pytest.raises(InvalidInput,
                           match=rf"^{owner}\.account must hold account indexes up to 10\*\*9, "
                                 rf"got {index}$"):
            build(account=[index])
    assert build(account=[10**9]).rows_needed == 10**9 + 1


def test_day_ordinals_may_be_the_first_and_last_days_of_1900_to_2199() -> None:
    visits = _visits(account=[0, 0], planned_on=[FIRST, LAST], done_on=[None, LAST])
    assert visits.planned_on == (FIRST, LAST)


@pytest.mark.parametrize(("days", "named"), [
    ([FIRST, LAST + 1], LAST + 1),
    ([FIRST - 1, LAST], FIRST - 1),
    ([FIRST - 1, LAST + 1], FIRST - 1),
])
def test_a_day_ordinal_outside_the_years_is_refused_naming_it(days: list[int], named: int) -> None:
    with pytest.raises(InvalidInput, match=rf"\(\d+\.\.\d+\), got {named}$"):
        _visits(account=[0, 0], planned_on=days, done_on=[None, None])


@pytest.mark.parametrize(("build", "field", "bad", "shown"), [
    (_table, "account_id", ["ACME", 5], "5"),
    (_table, "tier", ["A", " "], "' '"),
    (_table, "account_manager", ["Wang", 5], "5"),
    (_table, "department", ["KA", ""], "''"),
    (_visits, "account", [0, "x"], "'x'"),
    (_visits, "planned_on", [DAY, None], "None"),
    (_visits, "done_on", [DAY, "x"], "'x'"),
    (_tickets, "account", [0, "x"], "'x'"),
    (_tickets, "opened_on", [DAY, None], "None"),
    (_tickets, "resolved_on", [DAY, "x"], "'x'"),
    (_tickets, "resolved_on_time", [True, 5], "5"),
])
def test_a_wrong_item_of_a_column_is_refused_naming_the_column_and_the_item(
    build: Callable[..., Any], field: str, bad: list[Any], shown: str
) -> None:
    owner = {_table: "AccountTable", _visits: "VisitColumns", _tickets: "TicketColumns"}[build]
    with pytest.raises(InvalidInput, match=rf"^{owner}\.{field} must hold .*, got {shown}$"):
        build(**{field: bad})


def test_an_opened_day_is_never_none() -> None:
    with pytest.raises(InvalidInput, match=r"^TicketColumns\.opened_on must hold dates or day "
                                           r"ordinals, got None$"):
        _tickets(opened_on=[None], resolved_on=[None], resolved_on_time=[None])


def test_an_unknown_item_of_an_optional_date_column_is_refused_saying_none_is_allowed() -> None:
    with pytest.raises(InvalidInput, match=r"^VisitColumns\.done_on must hold dates or day "
                                           r"ordinals or None, got 'x'$"):
        _visits(done_on=["x"])


@pytest.mark.parametrize(("build", "field", "expected"), [
    (_table, "account_id", "non-empty strings"),
    (_visits, "planned_on", "dates or day ordinals"),
    (_tickets, "resolved_on_time", "bools or None"),
    (_tickets, "account", "account indexes \\(ints\\)"),
])
def test_a_column_that_is_not_a_collection_is_refused_naming_what_it_holds(
    build: Callable[..., Any], field: str, expected: str
) -> None:
    owner = {_table: "AccountTable", _visits: "VisitColumns", _tickets: "TicketColumns"}[build]
    with pytest.raises(InvalidInput,
                       match=rf"^{owner}\.{field} must be a collection of {expected}, got 5$"):
        build(**{field: 5})


@pytest.mark.parametrize("short", ["opened_on", "resolved_on"])
def test_ticket_columns_of_different_lengths_are_refused_naming_the_short_one(short: str) -> None:
    columns: dict[str, Any] = {"account": [0, 0], "opened_on": [DAY, DAY],
                               "resolved_on": [DAY, DAY], "resolved_on_time": [True, True]}
    columns[short] = [DAY]
    with pytest.raises(InvalidInput, match=rf"^TicketColumns\.{short} must hold one value per "
                                           r"record of account \(2\), got 1$"):
        TicketColumns(**columns)


def test_ticket_date_columns_that_mix_dates_and_ordinals_are_refused_naming_them() -> None:
    with pytest.raises(InvalidInput, match=r"^TicketColumns: the date columns opened_on, "
                                           r"resolved_on must hold one kind"):
        _tickets(opened_on=[DAY.toordinal()], resolved_on=[DAY])


def test_a_ticket_index_outside_the_table_is_refused_naming_the_ticket_columns() -> None:
    with pytest.raises(InvalidInput, match=r"^TicketColumns\.account must hold rows of the "
                                           r"account table \(0\.\.0\), got 1$"):
        compute_indicators_columns(Period.year(2025), ONE, tickets=_tickets(account=[1]))


def test_every_ticket_of_an_account_counts_as_resolved_and_on_time() -> None:
    tickets = _tickets(account=[0, 0, 0], opened_on=[DAY] * 3, resolved_on=[DAY, DAY, None],
                       resolved_on_time=[True, True, None])
    indicators = compute_indicators_columns(Period.year(2025), ONE, tickets=tickets)
    resolution = indicators[Indicator.PROBLEM_RESOLUTION].portfolio
    on_time = indicators[Indicator.ON_TIME_RESOLUTION].portfolio
    assert (resolution.numerator, resolution.denominator) == (2, 3)
    assert (on_time.numerator, on_time.denominator) == (2, 2)


def test_duplicate_account_ids_are_named_ten_at_most() -> None:
    ids = [f"D{i:02}" for i in range(12)] * 2
    named = [f"D{i:02}" for i in range(10)]
    with pytest.raises(InvalidInput) as caught:
        AccountTable(ids, ["A"] * 24, ["Wang"] * 24, ["KA"] * 24)
    assert str(caught.value) == f"AccountTable.account_id must be unique, got duplicates {named}"


def test_the_ticket_named_as_resolved_before_its_opening_is_the_first_that_is() -> None:
    with pytest.raises(InvalidInput, match=r"^TicketColumns: ticket 1 is resolved_on 2025-03-02 "
                                           r"before its opened_on 2025-03-03$"):
        _tickets(account=[0, 0], opened_on=[DAY, DAY], resolved_on=[DAY, date(2025, 3, 2)],
                 resolved_on_time=[True, False])
