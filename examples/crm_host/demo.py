"""A small made-up portfolio and its days, to try the host on (and to test it with).

``seed(store)`` stores a dozen active key accounts; ``work_day(store, settings, day)`` does
one day's made-up work: purchases, the visits the plans ask for, tickets opened by phone and
moved on. Everything is drawn from a seeded random generator per day, so two runs store the
same data.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time

from keyaccount import (
    TIER_A,
    TIER_B,
    TIER_C,
    TIER_D,
    Contract,
    Customer,
    FeedbackItem,
    Period,
    VisitKind,
    VisitRecord,
)

from . import work
from .settings import Settings
from .store import Store, plans, records, tickets

SEED = 2026
STAFF = ("li", "wang", "zhang", "zhao")


def portfolio(size: int = 12) -> list[Customer]:
    """``size`` active accounts, tiers A to D; every fourth has not bought since last summer."""
    tiers = (TIER_A, TIER_B, TIER_C, TIER_D)
    result = []
    for number in range(1, size + 1):
        code = f"KA-2020-{number:05d}"
        manager = STAFF[number % len(STAFF)]
        result.append(Customer(
            account_id=f"C{number:03d}", name=f"Customer {number}", category="regional",
            status="active", account_code=code, tier=tiers[number % 4],
            staff=(manager, STAFF[(number + 1) % len(STAFF)]), account_manager=manager,
            department="sales",
            supply_contract=Contract(reference=f"GY-{code}", signed_on=date(2020, 3, 1)),
            quality_contract=Contract(reference=f"ZB-{code}", signed_on=date(2020, 3, 1)),
            activated_on=date(2020, 3, 15),
            last_purchase_on=date(2025, 8, 1) if number % 4 == 0 else date(2025, 12, 20),
        ))
    return result


def seed(store: Store, size: int = 12) -> None:
    """Store the made-up portfolio of ``size`` accounts."""
    work.add_customers(store, portfolio(size))


def _at(settings: Settings, day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), settings.calendar.zone)


def work_day(store: Store, settings: Settings, day: date) -> None:
    """One working day's made-up work (nothing on days off)."""
    if not settings.calendar.is_working_day(day):
        return
    rng = random.Random(SEED * 100_000 + day.toordinal())
    with store.transaction() as db:
        plan_list = plans(store, db, period=Period.year(day.year))
        done = {record.record_id for record in records(store, db)}
        open_tickets = tickets(store, db, open_only=True)
    # the visits planned for today, most of them carried out
    for plan in plan_list:
        for visit in plan.visits:
            record_id = f"V-{plan.account_id}-{visit.day:%m%d}-{visit.kind.value}"
            if visit.day != day or record_id in done or rng.random() < 0.15:
                continue
            needs = VisitRecord.required_fields(visit.kind)
            feedback = []
            if visit.kind is not VisitKind.GREETING and rng.random() < 0.3:
                feedback.append(FeedbackItem(
                    "a delivery problem", kind="after_sales", severity="minor",
                    responsible_department="logistics", responsible_person="sun"))
            record = VisitRecord(
                record_id=record_id, account_id=plan.account_id, kind=visit.kind,
                visited_at=_at(settings, day, 10),
                place="at the customer's" if "place" in needs else None,
                visitors=visit.visitors,
                customer_situation="business as usual" if "customer_situation" in needs
                else None,
                topics=visit.topics, content="visit", feedback=feedback, planned_day=visit.day)
            work.record_visit(store, settings, record, now=_at(settings, day, 16))
    # a purchase now and then, except from the quiet accounts
    for number in range(1, 100):
        account_id = f"C{number:03d}"
        if number % 4 and rng.random() < 0.05 and any(p.account_id == account_id
                                                      for p in plan_list):
            work.record_purchase(store, account_id, on=day, now=_at(settings, day, 11))
    # a phone call that opens a ticket
    if plan_list and rng.random() < 0.3:
        account_id = rng.choice(plan_list).account_id
        work.open_ticket(
            store, settings, account_id=account_id, now=_at(settings, day, 14),
            ticket_id=f"T-{day:%Y%m%d}", source="phone", kind="complaint",
            severity=rng.choice(("critical", "major", "minor")),
            summary="a problem raised by phone", responsible_department="quality",
            responsible_person="zhou")
    # the open tickets move on, some slowly
    for ticket in open_tickets:
        draw = rng.random()
        if ticket.first_replied_at is None and draw < 0.5:
            work.move_ticket(store, settings, ticket.ticket_id, "reply", "working on it",
                             now=_at(settings, day, 15))
        elif ticket.first_replied_at is not None and draw < 0.2:
            work.move_ticket(store, settings, ticket.ticket_id, "resolve", "solved",
                             now=_at(settings, day, 17))
