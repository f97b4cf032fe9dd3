"""Problem resolution and on-time resolution of feedback tickets (seed 001 §五, §七(二)2)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from keyaccount._validation import instance_of
from keyaccount.domain.calendar import Period
from keyaccount.domain.indicators._engine import (
    _assemble,
    _differs,
    _period,
    _rate_maker,
    _records,
    _refuse,
    _roll_up_tallies,
    _stray,
    _Tallies,
    _Tally,
)
from keyaccount.domain.indicators.records import TicketFact
from keyaccount.domain.indicators.values import Breakdown, Indicator, IndicatorValue

__all__ = ["ResolutionReport", "ticket_resolution"]


@attrs.frozen
class ResolutionReport:
    """The two resolution rates of one pass over the tickets.

    Attributes:
        resolution: problem resolution rate (问题解决率).
        on_time: on-time resolution rate.
    """

    resolution: Breakdown[IndicatorValue] = attrs.field(validator=instance_of(Breakdown))
    on_time: Breakdown[IndicatorValue] = attrs.field(validator=instance_of(Breakdown))


def ticket_resolution(tickets: Iterable[TicketFact], period: Period) -> ResolutionReport:
    """Problem resolution rate and on-time resolution rate (seed 001 §五, §七(二)2).

    Over the tickets opened inside ``period``:

    * resolution rate = resolved before the period ended / opened;
    * on-time rate = resolved by their resolution deadline / resolved (not applicable when
      none was resolved).

    One pass, O(tickets).

    Args:
        tickets: the tickets; those opened outside the period are ignored.
        period: the period the tickets were opened in.

    Returns:
        Both rates, each for the portfolio and per account, tier, manager and department.

    >>> from datetime import date
    >>> report = ticket_resolution([
    ...     TicketFact("ACME", "A", "Wang", "KA", opened_on=date(2025, 2, 1),
    ...                resolved_on=date(2025, 2, 9), resolved_on_time=False),
    ...     TicketFact("ACME", "A", "Wang", "KA", opened_on=date(2025, 5, 1))],
    ...     Period.half_year(2025, 1))
    >>> [str(rate.portfolio) for rate in (report.resolution, report.on_time)]
    ['problem_resolution 2025-H1: 1/2 = 0.5000', 'on_time_resolution 2025-H1: 0/1 = 0.0000']
    """
    tickets = _records(tickets, TicketFact, "tickets")
    start, end = _period(period).start, period.end
    by_account: dict[str, _Tally] = {}
    tally_of = by_account.get
    strays: dict[tuple[Any, ...], _Tally] = {}
    try:
        for ticket in tickets:
            if start <= ticket.opened_on < end:
                # counters: first = resolved, second = opened, third = resolved on time
                account_id = ticket.account_id
                tally = tally_of(account_id)
                if tally is None:
                    tally = by_account[account_id] = _Tally(
                        ticket.tier, ticket.account_manager, ticket.department
                    )
                elif (
                    tally.tier is not ticket.tier
                    or tally.account_manager is not ticket.account_manager
                    or tally.department is not ticket.department
                ) and _differs(tally, ticket):
                    tally = _stray(strays, ticket)
                tally.second += 1
                resolved_on = ticket.resolved_on
                if resolved_on is not None and resolved_on < end:
                    tally.first += 1
                    if ticket.resolved_on_time:
                        tally.third += 1
    except (AttributeError, TypeError) as error:
        _refuse(tickets, TicketFact, "tickets", error)
    return _resolution_report((by_account, strays), period)


def _resolution_report(tallies: _Tallies, period: Period) -> ResolutionReport:
    """Both rates from the tickets' tallies (first resolved, second opened, third on time)."""
    rolled = _roll_up_tallies(tallies, 3)
    resolution = _assemble(
        Indicator.PROBLEM_RESOLUTION, period, rolled,
        _rate_maker(Indicator.PROBLEM_RESOLUTION, period),
    )
    on_time_rate = _rate_maker(Indicator.ON_TIME_RESOLUTION, period)

    def on_time(counters: list[Any]) -> IndicatorValue:
        return on_time_rate([counters[2], counters[0]])

    return ResolutionReport(
        resolution, _assemble(Indicator.ON_TIME_RESOLUTION, period, rolled, on_time)
    )
