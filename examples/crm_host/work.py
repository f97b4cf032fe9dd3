"""The day's work: each change saves the new state and its events in one transaction."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import select

import keyaccount
from keyaccount import Customer, FeedbackTicket, InvalidInput, VisitRecord

from . import schema
from .settings import Settings
from .store import Store, append_events, put_customers, put_records, put_tickets, tickets


def _customer(store: Store, db: Any, account_id: str) -> Customer:
    row = db.execute(select(schema.customer.c.data)
                     .where(schema.customer.c.account_id == account_id)).first()
    if row is None:
        raise InvalidInput(f"account_id: no customer {account_id!r} in the database")
    customer: Customer = store.load(row[0])
    return customer


def add_customers(store: Store, customers: list[Customer]) -> None:
    """Store new customer files."""
    with store.transaction() as db:
        put_customers(db, customers)


def record_purchase(store: Store, account_id: str, *, on: date, now: datetime) -> None:
    """Record a purchase of an account, with its event."""
    with store.transaction() as db:
        customer, events = _customer(store, db, account_id).record_purchase(on=on, now=now)
        put_customers(db, [customer])
        append_events(db, events)


def open_ticket(store: Store, settings: Settings, *, account_id: str, now: datetime,
                **fields: Any) -> FeedbackTicket:
    """Open a ticket for a customer at its tier (``fields`` as ``keyaccount.open_ticket``'s)."""
    with store.transaction() as db:
        customer = _customer(store, db, account_id)
        ticket, events = keyaccount.open_ticket(
            settings.policies.escalation, account_id=account_id, tier=customer.tier, now=now,
            calendar=settings.calendar, **fields)
        put_tickets(db, [ticket])
        append_events(db, events)
    return ticket


def move_ticket(store: Store, settings: Settings, ticket_id: str, step: str, *args: Any,
                now: datetime, **arguments: Any) -> FeedbackTicket:
    """One step of a ticket: ``reply``, ``pause``, ``resume``, ``resolve`` or ``close``."""
    with store.transaction() as db:
        (ticket,) = [t for t in tickets(store, db) if t.ticket_id == ticket_id]
        if step == "resume":
            arguments["calendar"] = settings.calendar
        moved, events = getattr(ticket, step)(*args, now=now, **arguments)
        put_tickets(db, [moved])
        append_events(db, events)
    return moved  # type: ignore[no-any-return]


def record_visit(store: Store, settings: Settings, record: VisitRecord, *,
                 now: datetime) -> tuple[FeedbackTicket, ...]:
    """Record a visit; its open feedback becomes tickets, stored with it."""
    with store.transaction() as db:
        customer = _customer(store, db, record.account_id)
        record, opened, events = keyaccount.record_visit(
            record, settings.policies.escalation, tier=customer.tier, now=now,
            calendar=settings.calendar)
        put_records(db, [record])
        put_tickets(db, opened)
        append_events(db, events)
    return opened
