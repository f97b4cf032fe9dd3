"""The roll-up engine adds money exactly, whatever the order."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Context, Decimal, localcontext
from fractions import Fraction
from operator import attrgetter
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicator_builders import H1, volume
from keyaccount import (
    Breakdown,
    Dimension,
    IndicatorValue,
    Period,
    ReceivableFact,
    SpendingFact,
    TicketFact,
    VisitFact,
    cooperation_growth,
    receivables_collection,
    relationship_cost_benefit,
    ticket_resolution,
    visit_plan_completion,
)
from keyaccount.domain.indicators._engine import _roll_up, _roll_up_tallies, _Tallies, _Tally
from keyaccount.domain.indicators.visits import _visit_pass
from keyaccount.testing import indicator_periods, ticket_facts, visit_facts

DIMENSIONS_IN_ORDER = (Dimension.ACCOUNT, Dimension.TIER, Dimension.ACCOUNT_MANAGER,
                       Dimension.DEPARTMENT)


def test_money_sums_are_exact_whatever_the_callers_decimal_precision() -> None:
    # Amounts are bounded (10**15, 6 places: 21 digits), so a test cannot exceed the default
    # 28 digits with a few records; a caller's context of 12 digits would round these sums.
    before, after = "999999999999999.999999", "999999999999999.999999"
    volumes = [volume("ACME", date(2024, 9, 1), before), volume("ACME", date(2025, 2, 1), after),
               volume("ACME", date(2025, 3, 1), "0.000001")]
    with localcontext(Context(prec=12)):
        growth = cooperation_growth(volumes, H1)
    for value in (growth.portfolio, growth.of(Dimension.ACCOUNT, "ACME")):
        assert value.numerator == Decimal("0.000001")
        total = Fraction(after) + Fraction("0.000001")
        assert value.normalised == total / (Fraction(before) + total)


def test_receivables_and_spending_add_money_exactly_whatever_the_callers_precision() -> None:
    big, small = Decimal("999999999999999.999999"), Decimal("0.000001")
    dims = ("ACME", "A", "Wang", "KA")
    with localcontext(Context(prec=12)):
        receivables = receivables_collection(
            [ReceivableFact(*dims, due_on=date(2025, 2, 1), amount_due=a, amount_collected=a)
             for a in (big, small)], H1)
        spending = relationship_cost_benefit(
            [SpendingFact(*dims, booked_on=date(2025, 2, 1), spending=a, benefit=a)
             for a in (big, small)], H1)
    for value in (receivables.portfolio, receivables.of(Dimension.ACCOUNT, "ACME"),
                  spending.portfolio, spending.of(Dimension.TIER, "A")):
        # 22 significant digits: a context of 12 would drop the millionth
        assert value.denominator == Decimal("1000000000000000.000000")


# --- issue 17: the visit and ticket passes tally by account, with the same cells -------------


def _four_value_cells(
    records: list[Any], period: Period, opened: Callable[[Any], date],
    counters: Callable[[Any], list[int]],
) -> dict[tuple[Any, ...], list[int]]:
    """The cells as the passes built them before issue 17: keyed by the four values."""
    cells: dict[tuple[Any, ...], list[int]] = {}
    for record in records:
        if period.start <= opened(record) < period.end:
            dims = (record.account_id, record.tier, record.account_manager, record.department)
            cell = cells.setdefault(dims, [0] * len(counters(record)))
            for position, amount in enumerate(counters(record)):
                cell[position] += amount
    return cells


def _cells_of(tallies: _Tallies, width: int) -> dict[tuple[Any, ...], list[int]]:
    """A tallied pass's cells, keyed by the four values (a stray's key differs from all)."""
    by_account, strays = tallies
    cells = {
        (account_id, tally.tier, tally.account_manager, tally.department):
            [tally.first, tally.second, tally.third][:width]
        for account_id, tally in by_account.items()
    }
    assert not cells.keys() & strays.keys()
    cells.update((dims, [tally.first, tally.second, tally.third][:width])
                 for dims, tally in strays.items())
    return cells


def _visit_counters(period: Period) -> Callable[[VisitFact], list[int]]:
    def counters(visit: VisitFact) -> list[int]:
        done = visit.done_on is not None and visit.done_on < period.end
        return [int(done), 1]

    return counters


def _ticket_counters(period: Period) -> Callable[[TicketFact], list[int]]:
    def counters(ticket: TicketFact) -> list[int]:
        resolved = ticket.resolved_on is not None and ticket.resolved_on < period.end
        return [int(resolved), 1, int(resolved and bool(ticket.resolved_on_time))]

    return counters


def _groups_of(
    cells: dict[tuple[Any, ...], list[int]], numerator: int, denominator: int
) -> dict[Dimension | None, list[tuple[Any, int, int]]]:
    """Every group's (key, numerator, denominator) per dimension, keys sorted; None: the sum."""
    sums: dict[Dimension | None, dict[Any, list[int]]] = {None: {None: [0, 0]}}
    for dims, counters in cells.items():
        keyed = [(None, None), *zip(DIMENSIONS_IN_ORDER, dims, strict=True)]
        for dimension, key in keyed:
            total = sums.setdefault(dimension, {}).setdefault(key, [0, 0])
            total[0] += counters[numerator]
            total[1] += counters[denominator]
    return {
        dimension: [(key, *total) for key, total in sorted(groups.items())]
        for dimension, groups in sums.items()
    }


def _groups_read(breakdown: Breakdown[IndicatorValue]) -> dict[Dimension | None, list[Any]]:
    portfolio = breakdown.portfolio
    read: dict[Dimension | None, list[Any]] = {
        None: [(None, portfolio.numerator, portfolio.denominator)]
    }
    for dimension in DIMENSIONS_IN_ORDER:
        groups = breakdown.by(dimension)
        if groups:
            read[dimension] = [
                (key, value.numerator, value.denominator) for key, value in groups.items()
            ]
    return read


@given(st.lists(visit_facts(), max_size=30), indicator_periods())
def test_the_visit_pass_tallies_the_cells_of_the_four_values(
    visits: list[VisitFact], period: Period
) -> None:
    # the drawn visits give one account several tiers, managers and departments: the strays
    pivots: dict[str, date] = {}
    cells = _cells_of(_visit_pass(visits, period, pivots), 2)
    expected = _four_value_cells(visits, period, attrgetter("planned_on"),
                                 _visit_counters(period))
    assert cells == expected
    assert pivots == {
        account: min(v.done_on for v in visits if v.account_id == account
                     and v.done_on is not None and period.start <= v.done_on < period.end)
        for account in {v.account_id for v in visits if v.done_on is not None
                        and period.start <= v.done_on < period.end}
    }
    completion = visit_plan_completion(visits, period)
    assert _groups_read(completion) == _groups_of(expected, 0, 1)


@given(st.lists(ticket_facts(), max_size=30), indicator_periods())
def test_the_ticket_pass_tallies_the_cells_of_the_four_values(
    tickets: list[TicketFact], period: Period
) -> None:
    report = ticket_resolution(tickets, period)
    expected = _four_value_cells(tickets, period, attrgetter("opened_on"),
                                 _ticket_counters(period))
    assert _groups_read(report.resolution) == _groups_of(expected, 0, 1)
    assert _groups_read(report.on_time) == _groups_of(expected, 2, 0)


@pytest.mark.parametrize("changed", [1, 2, 3], ids=["tier", "manager", "department"])
def test_an_account_whose_tier_manager_or_department_changed_counts_under_each(
    changed: int,
) -> None:
    first = ["ACME", "A", "Wang", "KA"]
    later = list(first)
    later[changed] = "other"
    day = date(2025, 3, 3)
    visits = [VisitFact(*first, planned_on=day, done_on=day), VisitFact(*later, planned_on=day),
              VisitFact(*first, planned_on=day)]
    tickets = [TicketFact(*later, opened_on=day, resolved_on=day, resolved_on_time=True),
               TicketFact(*first, opened_on=day), TicketFact(*later, opened_on=day)]
    dimension = DIMENSIONS_IN_ORDER[changed]
    completion = visit_plan_completion(visits, H1)
    assert [(v.numerator, v.denominator) for v in completion.by(dimension).values()] == [
        (1, 2), (0, 1)]
    resolution = ticket_resolution(tickets, H1).resolution
    assert [(v.numerator, v.denominator) for v in resolution.by(dimension).values()] == [
        (0, 1), (1, 2)]
    assert completion.of(Dimension.ACCOUNT, "ACME").denominator == 3


def test_equal_dimensions_held_in_other_string_objects_are_one_group() -> None:
    # a database driver gives every row its own strings: equal values, other objects
    def fresh(text: str) -> str:
        return "".join(list(text))

    day = date(2025, 3, 3)
    visits, tickets = [], []
    for done in (True, False, True):
        dims = [fresh("ACME"), fresh("A"), fresh("Wang"), fresh("KA")]
        visits.append(VisitFact(*dims, planned_on=day, done_on=day if done else None))
        tickets.append(TicketFact(*dims, opened_on=day, resolved_on=day if done else None,
                                  resolved_on_time=True if done else None))
    assert visits[0].account_manager is not visits[1].account_manager
    completion = visit_plan_completion(visits, H1)
    resolution = ticket_resolution(tickets, H1).resolution
    for breakdown in (completion, resolution):
        for dimension in DIMENSIONS_IN_ORDER:
            assert [(v.numerator, v.denominator) for v in breakdown.by(dimension).values()] == [
                (2, 3)]


_KEYS = st.sampled_from(["ACME", "BOLT", "C", "b", "Zed"])
_GROUP_KEYS = st.one_of(st.none(), _KEYS)
_COUNTS = st.integers(min_value=0, max_value=10**9)


@st.composite
def _tallies(draw: st.DrawFn) -> _Tallies:
    def tally(tier: Any, manager: Any, department: Any) -> _Tally:
        made = _Tally(tier, manager, department)
        made.first, made.second, made.third = draw(st.tuples(_COUNTS, _COUNTS, _COUNTS))
        return made

    by_account = {
        account_id: tally(*draw(st.tuples(_GROUP_KEYS, _GROUP_KEYS, _GROUP_KEYS)))
        for account_id in draw(st.lists(_KEYS, unique=True))
    }
    strays: dict[tuple[Any, ...], _Tally] = {}
    for dims in draw(st.lists(st.tuples(_KEYS, _GROUP_KEYS, _GROUP_KEYS, _GROUP_KEYS))):
        first = by_account.get(dims[0])
        if first is None or dims[1:] != (first.tier, first.account_manager, first.department):
            strays[dims] = tally(*dims[1:])
    return by_account, strays


@given(_tallies(), st.sampled_from([2, 3]))
def test_the_roll_up_of_the_tallies_is_the_roll_up_of_their_four_value_cells(
    tallies: _Tallies, width: int
) -> None:
    # issue 17: the tallies roll up with no cell built per account; the same groups, in the
    # same order (by key, None last), the same sums, the same portfolio
    rolled = _roll_up_tallies(tallies, width)
    expected = _roll_up(_cells_of(tallies, width), width)
    assert rolled.width == expected.width == width
    assert rolled.portfolio == expected.portfolio
    assert list(rolled.groups) == list(expected.groups)
    for dimension, groups in expected.groups.items():
        assert {key: counters[:width] for key, counters in rolled.groups[dimension].items()} \
            == groups
        assert list(rolled.groups[dimension]) == list(groups) == sorted(
            groups, key=lambda key: (key is None, key or ""))
