"""The nightly job: one transaction per night, idempotent, back-filling the nights missed.

A night runs, in one transaction: dormancy (accounts without a purchase for the policy's
days), the year's visit plan for every graded active account that has none, escalation of
every open ticket, and visit compliance (newly overdue visits). It stores the changed values,
appends their events to the log and records the night with its problems; if anything fails
outside a single subject, nothing of the night is stored and it runs again next time.

A problem of one subject (a ticket whose deadline lies past the calendar's holiday data, an
account the planner refuses) is caught with its ``KeyAccountError``, stored as a problem of
the night and shown to the operator; the rest of the night is kept.

Idempotent: a night already recorded is not run again, and even run again (its row deleted)
it adds no event: the tickets remember what they announced, a dormant account is no longer
active, a planned account has its plan, an overdue visit is reported once.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import Connection, func, insert, select

from keyaccount import (
    AccountStatus,
    AccountToPlan,
    DomainEvent,
    KeyAccountError,
    Period,
    VisitPlanner,
    apply_dormancy,
    evaluate_compliance,
    evaluate_escalation,
)
from keyaccount.policies import presets

from . import schema
from .settings import Settings
from .store import (
    Store,
    add_reported_visits,
    append_events,
    customers,
    plans,
    put_customers,
    put_plans,
    put_tickets,
    records,
    reported_visits,
    tickets,
)


@dataclass(frozen=True)
class Problem:
    """One subject the night could not handle: what, the error's class and message."""

    subject: str
    error: str
    message: str


@dataclass(frozen=True)
class NightReport:
    """What one night did, as the operator sees it."""

    night: date
    ran_at: datetime
    already_done: bool = False
    counts: dict[str, int] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def events(self) -> int:
        """How many events the night stored."""
        return sum(self.counts.values())

    def lines(self) -> list[str]:
        """The report as the command line prints it."""
        if self.already_done:
            return [f"night {self.night}: already done, nothing added"]
        counts = ", ".join(f"{name} {count}" for name, count in sorted(self.counts.items()))
        lines = [f"night {self.night}: {self.events} events ({counts or 'none'}), "
                 f"{len(self.problems)} problems"]
        lines += [f"  problem {p.subject}: {p.error}: {p.message}" for p in self.problems]
        lines += [f"  warning: {warning}" for warning in self.warnings]
        return lines


def night_of(settings: Settings, day: date) -> datetime:
    """The moment of ``day``'s nightly run, in the calendar's zone."""
    return datetime.combine(day, settings.night_at, settings.calendar.zone)


def last_night(db: Connection) -> date | None:
    """The last night recorded, ``None`` before the first."""
    value = db.execute(select(func.max(schema.night.c.night))).scalar_one()
    return value if value is None or isinstance(value, date) else date.fromisoformat(value)


def _problem(subject: str, error: KeyAccountError) -> Problem:
    return Problem(subject, type(error).__name__, str(error))


def _warnings(settings: Settings, day: date) -> tuple[str, ...]:
    until = settings.calendar.valid_until
    if until is None:
        return ()
    if day > until:
        return (f"this night is past the end of the calendar's holiday data ({until}): "
                f"deadlines after it cannot be computed; upgrade the data "
                f"(pip install --upgrade chinesecalendar) or see docs/howto/china-calendar.md",)
    left = (until - day).days
    if left <= settings.warn_days:
        return (f"the calendar's holiday data ends on {until}, in {left} days: upgrade it "
                f"(pip install --upgrade chinesecalendar) before then",)
    return ()


def _dormancy(store: Store, db: Connection, settings: Settings, now: datetime,
              out: list[DomainEvent]) -> None:
    active = customers(store, db, status=AccountStatus.ACTIVE.value)
    after, events = apply_dormancy(active, settings.policies.dormancy, now=now)
    put_customers(db, [new for new, old in zip(after, active, strict=True) if new != old])
    out.extend(events)


def _plans(store: Store, db: Connection, settings: Settings, now: datetime,
           out: list[DomainEvent], problems: list[Problem]) -> None:
    period = Period.year(now.astimezone(settings.calendar.zone).year)
    planned = {plan.account_id for plan in plans(store, db, period=period)}
    planner = VisitPlanner(settings.policies.visits, presets.visit_capacity())
    for customer in customers(store, db, status=AccountStatus.ACTIVE.value):
        if customer.tier is None or customer.account_id in planned:
            continue
        try:
            plan, events = planner.plan(
                AccountToPlan.from_customer(customer), period, calendar=settings.calendar,
                festivals=settings.festivals_in(period), now=now)
        except KeyAccountError as error:
            problems.append(_problem(f"plan {customer.account_id}", error))
            continue
        put_plans(db, [plan])
        out.extend(events)


def _escalation(store: Store, db: Connection, settings: Settings, now: datetime,
                out: list[DomainEvent], problems: list[Problem], later: Counter[str]) -> None:
    for ticket in tickets(store, db, open_only=True):
        if ticket.opened_at > now:
            continue
        if ticket.history[-1].at > now:  # back-filling: the ticket moved on after this night
            later["tickets moved on after this night"] += 1
            continue
        try:
            evaluated, events = evaluate_escalation(
                ticket, settings.policies.escalation, now=now, calendar=settings.calendar)
        except KeyAccountError as error:
            problems.append(_problem(f"ticket {ticket.ticket_id}", error))
            continue
        if events:
            put_tickets(db, [evaluated])
            out.extend(events)


def _compliance(store: Store, db: Connection, settings: Settings, now: datetime,
                out: list[DomainEvent], problems: list[Problem]) -> None:
    zone = settings.calendar.zone
    period = Period.year(now.astimezone(zone).year)
    done = [record for record in records(store, db) if record.visited_at <= now]
    try:
        report = evaluate_compliance(plans(store, db, period=period), done, now=now, zone=zone,
                                     reported=reported_visits(db), calendar=settings.calendar)
    except KeyAccountError as error:
        problems.append(_problem("compliance", error))
        return
    add_reported_visits(db, report.reported)
    out.extend(report.events)


def run_night(store: Store, settings: Settings, now: datetime) -> NightReport:
    """Run the night of ``now`` (its day in the calendar's zone) in one transaction."""
    day = now.astimezone(settings.calendar.zone).date()
    with store.transaction() as db:
        if db.execute(select(schema.night.c.night).where(schema.night.c.night == day)).first():
            return NightReport(day, now, already_done=True)
        out: list[DomainEvent] = []
        problems: list[Problem] = []
        later: Counter[str] = Counter()
        _dormancy(store, db, settings, now, out)
        _plans(store, db, settings, now, out, problems)
        _escalation(store, db, settings, now, out, problems, later)
        _compliance(store, db, settings, now, out, problems)
        append_events(db, out, night=day)
        counts = dict(Counter(type(event).__name__ for event in out))
        warnings = _warnings(settings, day) + tuple(
            f"{count} {what}" for what, count in sorted(later.items()))
        db.execute(insert(schema.night).values(
            night=day, ran_at=now.isoformat(), events=len(out),
            summary=json.dumps({"counts": counts, "warnings": list(warnings)}, sort_keys=True)))
        if problems:
            db.execute(insert(schema.night_problem), [
                {"night": day, "subject": p.subject, "error": p.error, "message": p.message}
                for p in problems])
    return NightReport(day, now, counts=counts, problems=tuple(problems), warnings=warnings)


def run_nights(store: Store, settings: Settings, until: datetime) -> list[NightReport]:
    """Every night after the last one recorded, up to ``until``'s (at ``until`` itself).

    The first run of a new database runs ``until``'s night alone. Each night is its own
    transaction: a failure stops the back-fill there, keeping the nights before it.
    """
    last_day = until.astimezone(settings.calendar.zone).date()
    with store.transaction() as db:
        last = last_night(db)
    first = last_day if last is None or last >= last_day else last + timedelta(days=1)
    reports = []
    day = first
    while day <= last_day:
        reports.append(run_night(store, settings, until if day == last_day
                                 else night_of(settings, day)))
        day += timedelta(days=1)
    return reports
