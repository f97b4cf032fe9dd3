"""Indicator benchmark (issues 7, 17): the full indicator set for a half-year, grouped.

Targets: 1,000,000 visit records and 1,000,000 tickets, grouped by account, tier, account
manager and department, in under 5 s on the 2-core machine (issue 7), and linear in the
records: 100k -> 1M within x12, a fitted exponent <= 1.05 (issue 17). The visits+tickets case
runs at 100k, 300k and 1M, the portfolio growing with the records (one account per 50
records), and a note prints its growth and the exponent fitted over the three sizes; a second
series keeps the portfolio at 2,000 accounts while the records grow, and prints its own. The
records are built before the clock starts: a host builds them from its own query, and
building them is not the indicators' cost. Each case reports its best of 3 runs; the growth
series report CPU seconds (what a shared machine's load distorts least), their three sizes
built first and run in turn in each of the 3 rounds, so that the load weighs on each alike.

Cases:

* ``visits+tickets``: completion, resolution and on-time resolution (the issues' target);
* ``full set``: every indicator of SPEC §9, as the issue asks: the same plus satisfaction
  (surveys), growth period over period and after visits (volumes), receivables collection,
  prospect conversion and relationship cost-benefit, each with a tenth as many records,
  retention, churn and high-value churn (one roster entry per account), the loyalty index
  (one behaviour record per account, default weights) and the tier migration between two
  gradings of the portfolio;
* ``records``: building the validated visit and ticket records, for scale (a host's cost);
* ``visits+tickets in columns``: the growing-portfolio series' data as
  :class:`~keyaccount.VisitColumns` and :class:`~keyaccount.TicketColumns` over an
  :class:`~keyaccount.AccountTable` (converted before the clock), through
  ``compute_indicators_columns``, with its own growth and exponent;
* ``scorecard``: the default scorecard of every account manager and department over the
  full set (few groups: its cost does not grow with the records).
"""

from __future__ import annotations

import gc
import math
import random
import time
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from functools import partial
from typing import Any

from keyaccount import (
    AccountTable,
    Dimension,
    IndicatorSet,
    LoyaltyFacts,
    Period,
    ProspectFact,
    ReceivableFact,
    RetentionFact,
    SatisfactionScale,
    SpendingFact,
    SurveyResponse,
    TicketColumns,
    TicketFact,
    VisitColumns,
    VisitFact,
    VolumeFact,
    compute_indicators,
    compute_indicators_columns,
    tier_migration,
)
from keyaccount.policies import presets

H1 = Period.half_year(2025, 1)
BUILD_SECONDS: dict[int, float] = {}
RECORDS_PER_ACCOUNT = 50  # 20,000 accounts at 1M records: the portfolio grows with the data
MANAGERS = 200
DEPARTMENTS = 12
TIERS = ("A", "B", "C", "D")
#: The visits+tickets case runs at each size (its growth is fitted over them); the full set
#: and the scorecard at the smallest and the largest.
GROWTH_SIZES = (100_000, 300_000, 1_000_000)
FULL_SET_SIZES = (100_000, 1_000_000)
#: The second series holds the portfolio at the 100k case's size while the records grow.
FIXED_ACCOUNTS = 2_000
RECORD_KINDS = ("visits", "tickets", "surveys", "volumes", "receivables", "roster", "prospects",
                "spending", "loyalty")


def _dimensions(rng: random.Random, accounts: int) -> list[tuple[str, str, str, str]]:
    return [
        (f"KA-{n:06d}", TIERS[min(3, int(rng.random() * 5))], f"manager-{n % MANAGERS:03d}",
         f"department-{n % DEPARTMENTS:02d}")
        for n in range(accounts)
    ]


def _days(rng: random.Random, size: int, start: date, span: int) -> list[date]:
    calendar = [start + timedelta(days=offset) for offset in range(span)]
    return [calendar[int(rng.random() * span)] for _ in range(size)]


def _visits_and_tickets(
    rng: random.Random, size: int, accounts: int
) -> tuple[list[tuple[str, str, str, str]], list[tuple[str, str, str, str]], list[VisitFact],
           list[TicketFact]]:
    """``size`` visits and ``size`` tickets of ``accounts`` accounts, in random order."""
    dims = _dimensions(rng, accounts)
    pick = [dims[int(rng.random() * accounts)] for _ in range(size)]
    planned = _days(rng, size, date(2024, 12, 1), 240)
    done = [p + timedelta(days=int(rng.random() * 20)) if rng.random() < 0.85 else None
            for p in planned]
    opened = _days(rng, size, date(2024, 12, 1), 240)
    resolved = [o + timedelta(days=int(rng.random() * 15)) if rng.random() < 0.8 else None
                for o in opened]
    on_time = [rng.random() < 0.7 for _ in range(size)]
    started = time.perf_counter()
    visits = [
        VisitFact(*d, planned_on=p, done_on=done_on)
        for d, p, done_on in zip(pick, planned, done, strict=True)
    ]
    tickets = [
        TicketFact(*d, opened_on=o, resolved_on=r, resolved_on_time=None if r is None else t)
        for d, o, r, t in zip(pick, opened, resolved, on_time, strict=True)
    ]
    BUILD_SECONDS[size] = time.perf_counter() - started
    return dims, pick, visits, tickets


def build(size: int, seed: int = 7) -> dict[str, Any]:
    rng = random.Random(seed)
    dims, pick, visits, tickets = _visits_and_tickets(rng, size, size // RECORDS_PER_ACCOUNT)
    tenth = size // 10
    surveys = [
        SurveyResponse(*d, answered_on=day, score=1 + int(rng.random() * 5))
        for d, day in zip(pick[:tenth], _days(rng, tenth, date(2025, 1, 1), 181), strict=True)
    ]
    volumes = [
        VolumeFact(*d, booked_on=day, amount=Decimal(int(rng.random() * 1_000_000)) / 100)
        for d, day in zip(pick[:tenth], _days(rng, tenth, date(2024, 7, 1), 365), strict=True)
    ]
    receivables = []
    for d, day in zip(pick[:tenth], _days(rng, tenth, date(2025, 1, 1), 181), strict=True):
        due = Decimal(int(rng.random() * 1_000_000)) / 100
        receivables.append(ReceivableFact(*d, due_on=day, amount_due=due,
                                          amount_collected=due if rng.random() < 0.9 else 0))
    roster = [RetentionFact(*d, retained=rng.random() < 0.93) for d in dims]
    prospects = [
        ProspectFact(f"P-{n:07d}", None, d[2], d[3], entered_on=day,
                     converted_on=day + timedelta(days=30) if rng.random() < 0.3 else None)
        for n, (d, day) in enumerate(
            zip(pick[:tenth], _days(rng, tenth, date(2025, 1, 1), 181), strict=True))
    ]
    spending = [
        SpendingFact(*d, booked_on=day, spending=Decimal(int(rng.random() * 100_000)) / 100,
                     benefit=Decimal(int(rng.random() * 1_000_000)) / 100)
        for d, day in zip(pick[:tenth], _days(rng, tenth, date(2025, 1, 1), 181), strict=True)
    ]
    loyalty = []
    for d in dims:
        invited, incidents = int(rng.random() * 6), int(rng.random() * 3)
        loyalty.append(LoyaltyFacts(
            *d, repeat_purchase_count=int(rng.random() * 30),
            repeat_purchase_quantity=Decimal(int(rng.random() * 1000)),
            repeat_purchase_amount=Decimal(int(rng.random() * 1_000_000)) / 100,
            referral_rate=Fraction(int(rng.random() * 21), 20),
            activities_invited=invited, activities_joined=int(rng.random() * (invited + 1)),
            price_sensitivity=Fraction(int(rng.random() * 21), 20),
            quality_incidents=incidents, incidents_tolerated=int(rng.random() * (incidents + 1)),
        ))
    grading_before = {d[0]: d[1] for d in dims}
    grading_after = {d[0]: TIERS[min(3, int(rng.random() * 5))] for d in dims}
    return {"visits": visits, "tickets": tickets, "surveys": surveys, "volumes": volumes,
            "receivables": receivables, "roster": roster, "prospects": prospects,
            "spending": spending, "loyalty": loyalty, "grading_before": grading_before,
            "grading_after": grading_after}


def _timed(run: Callable[[], Any], repeat: int = 3) -> tuple[float, float, Any]:
    """The best wall-clock and CPU seconds of ``repeat`` runs, and the result.

    The machine is shared: the best run is the cost, and CPU seconds are what others' jobs
    distort least (they still share the caches).
    """
    best = best_cpu = float("inf")
    result = None
    for _ in range(repeat):
        gc.collect()
        start, start_cpu = time.perf_counter(), time.process_time()
        result = run()
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.process_time() - start_cpu)
    return best, best_cpu, result


def fitted_exponent(seconds: dict[int, float]) -> float:
    """The slope of log(seconds) over log(size), least squares: 1.0 is linear."""
    xs = [math.log(size) for size in seconds]
    ys = [math.log(value) for value in seconds.values()]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mean_x) ** 2 for x in xs)


def _growth(seconds: dict[int, float]) -> str:
    low, high = min(seconds), max(seconds)
    return (f"{low:,} -> {high:,}: x{seconds[high] / seconds[low]:.1f} (x{high / low:.0f} "
            f"records), fitted exponent {fitted_exponent(seconds):.2f} over "
            f"{', '.join(f'{size:,}' for size in seconds)}")


def visits_and_tickets(records: dict[str, Any]) -> IndicatorSet:
    return compute_indicators(H1, visits=records["visits"], tickets=records["tickets"])


def full_set(records: dict[str, Any]) -> IndicatorSet:
    indicators = compute_indicators(
        H1, visits=records["visits"], tickets=records["tickets"], surveys=records["surveys"],
        satisfaction_scale=SatisfactionScale(1, 5), volumes=records["volumes"],
        receivables=records["receivables"], roster=records["roster"],
        prospects=records["prospects"], spending=records["spending"],
    )
    # Tier migration is counts, not a grouped breakdown: computed, not added to the set.
    tier_migration(records["grading_before"], records["grading_after"], H1)
    return indicators.including(presets.loyalty().index(records["loyalty"], H1).index)


def scorecards(indicators: IndicatorSet) -> object:
    policy = presets.scorecard()
    return (policy.appraise(indicators, Dimension.ACCOUNT_MANAGER),
            policy.appraise(indicators, Dimension.DEPARTMENT))


def _alternated(cases: dict[int, Callable[[], Any]], repeat: int = 3) -> dict[int, float]:
    """Each case's best CPU seconds of ``repeat`` rounds, the cases run in turn in each round.

    A shared machine's load comes and goes: running the sizes in turn lets it weigh on each
    alike, so that their ratio (the growth) is the code's, not the load's.
    """
    best = dict.fromkeys(cases, float("inf"))
    for _ in range(repeat):
        for size, case in cases.items():
            gc.collect()
            start = time.process_time()
            case()
            best[size] = min(best[size], time.process_time() - start)
    return best


def _series(accounts: Callable[[int], int]) -> dict[int, float]:
    """Visits+tickets at every growth size (``accounts(size)`` accounts), sizes alternated."""
    cases = {}
    for size in GROWTH_SIZES:
        _, _, visits, tickets = _visits_and_tickets(random.Random(7), size, accounts(size))
        cases[size] = partial(compute_indicators, H1, visits=visits, tickets=tickets)
    return _alternated(cases)


def as_columns(
    dims: list[tuple[str, str, str, str]], visits: list[VisitFact], tickets: list[TicketFact]
) -> tuple[AccountTable, VisitColumns, TicketColumns]:
    """The same facts as columns: an account table and the records' account rows (issue 17).

    What a host holding columns passes: each account's dimensions once, the facts' accounts
    as rows of the table, their dates as they are.
    """
    accounts = AccountTable(*(list(column) for column in zip(*dims, strict=True)))
    row = {account[0]: n for n, account in enumerate(dims)}
    return (
        accounts,
        VisitColumns(account=[row[visit.account_id] for visit in visits],
                     planned_on=[visit.planned_on for visit in visits],
                     done_on=[visit.done_on for visit in visits]),
        TicketColumns(account=[row[ticket.account_id] for ticket in tickets],
                      opened_on=[ticket.opened_on for ticket in tickets],
                      resolved_on=[ticket.resolved_on for ticket in tickets],
                      resolved_on_time=[ticket.resolved_on_time for ticket in tickets]),
    )


def _columns_series() -> tuple[dict[int, float], dict[int, float]]:
    """The growing-portfolio series' data as columns (converted first), sizes alternated.

    Also each size's seconds to build and check the columns (the host's cost, for scale).
    """
    cases, built = {}, {}
    for size in GROWTH_SIZES:
        dims, _, visits, tickets = _visits_and_tickets(
            random.Random(7), size, size // RECORDS_PER_ACCOUNT)
        started = time.perf_counter()
        accounts, visit_columns, ticket_columns = as_columns(dims, visits, tickets)
        built[size] = time.perf_counter() - started
        del visits, tickets
        cases[size] = partial(compute_indicators_columns, H1, accounts, visits=visit_columns,
                              tickets=ticket_columns)
    return _alternated(cases), built


def run(report, note) -> None:  # type: ignore[no-untyped-def]
    for size in FULL_SET_SIZES:
        records = build(size)
        report("records: build VisitFact + TicketFact (host)", 2 * size, BUILD_SECONDS[size])
        seconds, _, indicators = _timed(partial(full_set, records))
        total = sum(len(records[kind]) for kind in RECORD_KINDS)
        report("indicators: full set, 4 groupings", total, seconds)
        seconds, _, _ = _timed(partial(scorecards, indicators))
        report(f"scorecard: {MANAGERS} managers + {DEPARTMENTS} departments", total, seconds)
        del indicators, records
    growth = _series(lambda size: size // RECORDS_PER_ACCOUNT)
    for size, cpu in growth.items():
        report("indicators: visits+tickets, 4 groupings (cpu)", 2 * size, cpu)
    note(f"visits+tickets growth (cpu), one account per {RECORDS_PER_ACCOUNT} records: "
         f"{_growth(growth)} (target: within x12, exponent <= 1.05)")
    # The same records over a fixed portfolio: the cost per record then stays flat, which
    # shows where the growth above comes from (the number of accounts, not of records).
    fixed = _series(lambda size: FIXED_ACCOUNTS)
    for size, cpu in fixed.items():
        report(f"indicators: visits+tickets, {FIXED_ACCOUNTS:,} accounts (cpu)", 2 * size, cpu)
    note(f"visits+tickets growth (cpu), {FIXED_ACCOUNTS:,} accounts at every size: "
         f"{_growth(fixed)}")
    # The growing-portfolio series again, its facts in columns (compute_indicators_columns).
    columns, built = _columns_series()
    for size, seconds in built.items():
        report("columns: build + check AccountTable, VisitColumns, TicketColumns (host)",
               2 * size, seconds)
    for size, cpu in columns.items():
        report("indicators: visits+tickets in columns, 4 groupings (cpu)", 2 * size, cpu)
    note(f"visits+tickets in columns growth (cpu), one account per {RECORDS_PER_ACCOUNT} "
         f"records: {_growth(columns)} (target: within x12, exponent <= 1.05)")


if __name__ == "__main__":
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from run import note as _note
    from run import report as _report

    run(_report, _note)
