"""Visit plan completion (走访计划完成率, seed 001 §七(二)2).

One pass over the planned visits; the same pass also finds each account's first visit of the
period, the pivot of :func:`~keyaccount.cooperation_growth_after_visits`.

>>> from datetime import date
>>> from keyaccount import Dimension, Period, VisitFact
>>> h1 = Period.half_year(2025, 1)
>>> visits = [
...     VisitFact("ACME", "A", "Wang", "KA", planned_on=date(2025, 2, 3), done_on=date(2025, 2, 3)),
...     VisitFact("ACME", "A", "Wang", "KA", planned_on=date(2025, 5, 6)),
...     VisitFact("BOLT", "C", "Li", "KA", planned_on=date(2025, 3, 9), done_on=date(2025, 3, 10)),
... ]
>>> completion = visit_plan_completion(visits, h1)
>>> str(completion.portfolio)
'visit_plan_completion 2025-H1: 2/3 = 0.6667'
>>> str(completion.of(Dimension.ACCOUNT_MANAGER, "Wang"))
'visit_plan_completion 2025-H1: 1/2 = 0.5000'
>>> str(completion.of(Dimension.ACCOUNT_MANAGER, "Zhao"))
'visit_plan_completion 2025-H1: not applicable (0/0)'
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

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
from keyaccount.domain.indicators.records import VisitFact
from keyaccount.domain.indicators.values import Breakdown, Indicator, IndicatorValue

__all__ = ["visit_plan_completion"]


def visit_plan_completion(
    visits: Iterable[VisitFact], period: Period
) -> Breakdown[IndicatorValue]:
    """Visit plan completion rate (走访计划完成率, seed 001 §七(二)2).

    ``completed / planned`` over the visits planned inside ``period``, where a planned visit
    is completed if it was recorded before the period ended (a visit done after the period
    closed does not rescue that period's plan). One pass, O(visits).

    Args:
        visits: the planned visits; those planned outside the period are ignored.
        period: the period of the plan.

    Returns:
        The rate for the portfolio and per account, tier, account manager and department.
    """
    return _completion(_visit_pass(visits, period, None), period)


def _completion(tallies: _Tallies, period: Period) -> Breakdown[IndicatorValue]:
    return _assemble(
        Indicator.VISIT_PLAN_COMPLETION, period, _roll_up_tallies(tallies, 2),
        _rate_maker(Indicator.VISIT_PLAN_COMPLETION, period),
    )


def _visit_pass(
    visits: Iterable[VisitFact], period: Period, pivots: dict[str, date] | None
) -> _Tallies:
    """Completion counters per account (strays per record key), and each account's first visit.

    The first visits go into ``pivots`` when it is given (growth after visits needs them),
    so that the visits are read once.
    """
    visits = _records(visits, VisitFact, "visits")
    start, end = _period(period).start, period.end
    by_account: dict[str, _Tally] = {}
    tally_of = by_account.get
    strays: dict[tuple[Any, ...], _Tally] = {}
    try:
        for visit in visits:
            done_on = visit.done_on
            if start <= visit.planned_on < end:
                # counters: first = completed, second = planned (see _Tally)
                account_id = visit.account_id
                tally = tally_of(account_id)
                if tally is None:
                    tally = by_account[account_id] = _Tally(
                        visit.tier, visit.account_manager, visit.department
                    )
                elif (
                    tally.tier is not visit.tier
                    or tally.account_manager is not visit.account_manager
                    or tally.department is not visit.department
                ) and _differs(tally, visit):
                    tally = _stray(strays, visit)
                tally.second += 1
                if done_on is not None and done_on < end:
                    tally.first += 1
            if pivots is not None and done_on is not None and start <= done_on < end:
                known = pivots.get(visit.account_id)
                if known is None or done_on < known:
                    pivots[visit.account_id] = done_on
    except (AttributeError, TypeError) as error:
        _refuse(visits, VisitFact, "visits", error)
    return by_account, strays
