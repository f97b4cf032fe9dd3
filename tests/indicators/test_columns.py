"""Visits and tickets in columns (issue 17, item 4): the same IndicatorSet as the records."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from keyaccount import (
    TIER_A,
    AccountTable,
    Dimension,
    Indicator,
    InvalidInput,
    Period,
    TicketColumns,
    TicketFact,
    VisitColumns,
    VisitFact,
    compute_indicators,
    compute_indicators_columns,
)

H1 = Period.half_year(2025, 1)
#: The period's edges and their neighbours, and days well inside and outside it.
EDGES = [date(2024, 12, 31), date(2025, 1, 1), date(2025, 1, 2), date(2025, 6, 30),
         date(2025, 7, 1), date(2025, 7, 2)]
DAYS = st.one_of(st.sampled_from(EDGES), st.dates(date(2024, 10, 1), date(2025, 9, 30)))
LATER = st.one_of(st.none(), st.sampled_from([0, 1, 2, 30, 181]))

ACCOUNTS = AccountTable(["ACME", "BOLT"], ["A", "C"], ["Wang", "Li"], ["KA", "KA"])


@st.composite
def portfolios(draw: st.DrawFn) -> AccountTable:
    """1-8 accounts whose tiers, managers and departments tie often."""
    size = draw(st.integers(1, 8))
    return AccountTable(
        [f"KA-{n}" for n in draw(st.permutations(range(size)))],
        draw(st.lists(st.sampled_from("ABC"), min_size=size, max_size=size)),
        draw(st.lists(st.sampled_from(["Wang", "Li"]), min_size=size, max_size=size)),
        draw(st.lists(st.sampled_from(["KA", "SME"]), min_size=size, max_size=size)),
    )


def _dims(accounts: AccountTable, row: int) -> tuple[str, str, str, str]:
    return (accounts.account_id[row], accounts.tier[row], accounts.account_manager[row],
            accounts.department[row])


def _day(day: date | None, ordinals: bool) -> Any:
    return day.toordinal() if ordinals and day is not None else day


@given(portfolios(), st.data(), st.booleans())
def test_columns_and_records_give_equal_indicator_sets(
    accounts: AccountTable, data: st.DataObject, ordinals: bool
) -> None:
    rows = st.integers(0, accounts.size - 1)
    visits = data.draw(st.lists(st.tuples(rows, DAYS, LATER), max_size=25))
    tickets = data.draw(st.lists(st.tuples(rows, DAYS, LATER, st.booleans()), max_size=25))
    visit_days = [(planned, None if later is None else planned + timedelta(later))
                  for _, planned, later in visits]
    ticket_days = [(opened, None if later is None else opened + timedelta(later))
                   for _, opened, later, _ in tickets]
    records = compute_indicators(
        H1,
        visits=[VisitFact(*_dims(accounts, row), planned_on=planned, done_on=done)
                for (row, _, _), (planned, done) in zip(visits, visit_days, strict=True)],
        tickets=[TicketFact(*_dims(accounts, row), opened_on=opened, resolved_on=resolved,
                            resolved_on_time=None if resolved is None else on_time)
                 for (row, _, _, on_time), (opened, resolved)
                 in zip(tickets, ticket_days, strict=True)],
    )
    columns = compute_indicators_columns(
        H1, accounts,
        visits=VisitColumns(account=[row for row, _, _ in visits],
                            planned_on=[_day(planned, ordinals) for planned, _ in visit_days],
                            done_on=[_day(done, ordinals) for _, done in visit_days]),
        tickets=TicketColumns(
            account=[row for row, *_ in tickets],
            opened_on=[_day(opened, ordinals) for opened, _ in ticket_days],
            resolved_on=[_day(resolved, ordinals) for _, resolved in ticket_days],
            resolved_on_time=[None if resolved is None else on_time
                              for (*_, on_time), (_, resolved)
                              in zip(tickets, ticket_days, strict=True)]),
    )
    assert columns == records
    for indicator in records.breakdowns:
        for dimension in Dimension:
            assert columns[indicator].by(dimension) == records[indicator].by(dimension)


def test_accounts_without_records_are_in_no_group() -> None:
    visits = VisitColumns(account=[1], planned_on=[date(2025, 3, 1)], done_on=[None])
    completion = compute_indicators_columns(H1, ACCOUNTS, visits=visits)[
        Indicator.VISIT_PLAN_COMPLETION]
    assert list(completion.by(Dimension.ACCOUNT)) == ["BOLT"]
    assert list(completion.by(Dimension.TIER)) == ["C"]


def test_a_kind_left_out_leaves_its_indicators_out() -> None:
    tickets = TicketColumns(account=[], opened_on=[], resolved_on=[], resolved_on_time=[])
    indicators = compute_indicators_columns(H1, ACCOUNTS, tickets=tickets)
    assert set(indicators.breakdowns) == {Indicator.PROBLEM_RESOLUTION,
                                          Indicator.ON_TIME_RESOLUTION}
    assert compute_indicators_columns(H1, ACCOUNTS).breakdowns == {}


def test_a_tier_is_read_as_its_code() -> None:
    assert AccountTable(["ACME"], [TIER_A], ["Wang"], ["KA"]).tier == ("A",)


def test_an_account_index_outside_the_table_is_refused() -> None:
    visits = VisitColumns(account=[0, 2], planned_on=[date(2025, 3, 1)] * 2, done_on=[None] * 2)
    with pytest.raises(InvalidInput, match=r"VisitColumns.account .*rows .*0..1.*got 2"):
        compute_indicators_columns(H1, ACCOUNTS, visits=visits)


@pytest.mark.parametrize("account", [[-1], [True], [1.0], ["0"]])
def test_an_account_index_is_an_int_from_0(account: list[Any]) -> None:
    with pytest.raises(InvalidInput, match=r"VisitColumns.account"):
        VisitColumns(account=account, planned_on=[date(2025, 3, 1)], done_on=[None])


def test_duplicate_account_ids_are_refused() -> None:
    with pytest.raises(InvalidInput, match=r"account_id must be unique.*\['ACME'\]"):
        AccountTable(["ACME", "ACME"], ["A", "B"], ["Wang", "Li"], ["KA", "KA"])


@pytest.mark.parametrize("bad", ["", " ", None, 7])
def test_account_table_values_are_non_empty_strings(bad: object) -> None:
    with pytest.raises(InvalidInput, match=r"AccountTable.account_manager"):
        AccountTable(["ACME"], ["A"], [bad], ["KA"])


def test_columns_of_different_lengths_are_refused() -> None:
    with pytest.raises(InvalidInput, match=r"AccountTable.tier .*account_id \(2\), got 1"):
        AccountTable(["ACME", "BOLT"], ["A"], ["Wang", "Li"], ["KA", "KA"])
    with pytest.raises(InvalidInput, match=r"VisitColumns.done_on .*of account \(1\), got 0"):
        VisitColumns(account=[0], planned_on=[date(2025, 3, 1)], done_on=[])


def test_dates_and_ordinals_are_not_mixed() -> None:
    with pytest.raises(InvalidInput, match=r"planned_on must hold dates or day ordinals, not"):
        VisitColumns(account=[0, 0], planned_on=[date(2025, 3, 1), 739311], done_on=[None] * 2)
    with pytest.raises(InvalidInput, match=r"VisitColumns: the date columns"):
        VisitColumns(account=[0], planned_on=[739311], done_on=[date(2025, 3, 1)])


@pytest.mark.parametrize("day", [date(1899, 12, 31), date(2200, 1, 1), 0, 10**6,
                                 date(2200, 1, 1).toordinal()])
def test_days_lie_within_the_years_1900_to_2199(day: Any) -> None:
    with pytest.raises(InvalidInput, match=r"VisitColumns.planned_on must hold .*1900-2199"):
        VisitColumns(account=[0], planned_on=[day], done_on=[None])


@pytest.mark.parametrize("day", [None, "2025-03-01", 1.5, True])
def test_a_planned_day_is_a_date_or_an_ordinal(day: object) -> None:
    with pytest.raises(InvalidInput, match=r"VisitColumns.planned_on"):
        VisitColumns(account=[0], planned_on=[day], done_on=[None])


def test_a_ticket_resolved_before_it_was_opened_is_refused() -> None:
    with pytest.raises(InvalidInput, match=r"ticket 1 is resolved_on 739310 before"):
        TicketColumns(account=[0, 0], opened_on=[739311, 739311], resolved_on=[None, 739310],
                      resolved_on_time=[None, True])


@pytest.mark.parametrize(("resolved_on", "on_time"), [(None, True), (date(2025, 3, 2), None)])
def test_on_time_is_none_exactly_while_unresolved(resolved_on: Any, on_time: Any) -> None:
    with pytest.raises(InvalidInput, match=r"ticket 0 .*None exactly while unresolved"):
        TicketColumns(account=[0], opened_on=[date(2025, 3, 1)], resolved_on=[resolved_on],
                      resolved_on_time=[on_time])


def test_on_time_flags_are_bools() -> None:
    with pytest.raises(InvalidInput, match=r"resolved_on_time must hold True, False or None"):
        TicketColumns(account=[0], opened_on=[date(2025, 3, 1)],
                      resolved_on=[date(2025, 3, 2)], resolved_on_time=[1])


@pytest.mark.parametrize("column", ["ACME", date(2025, 1, 1), {"a": 1}, 3])
def test_a_lone_value_is_not_a_column(column: object) -> None:
    with pytest.raises(InvalidInput, match=r"VisitColumns.account must be a collection"):
        VisitColumns(account=column, planned_on=[], done_on=[])


def test_the_arguments_are_named_when_of_the_wrong_kind() -> None:
    with pytest.raises(InvalidInput, match=r"accounts must be an AccountTable"):
        compute_indicators_columns(H1, [])  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match=r"visits must be VisitColumns"):
        compute_indicators_columns(H1, ACCOUNTS, visits=[])  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match=r"tickets must be TicketColumns"):
        compute_indicators_columns(H1, ACCOUNTS, tickets=[])  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match=r"period must be a Period"):
        compute_indicators_columns("2025-H1", ACCOUNTS)  # type: ignore[arg-type]
