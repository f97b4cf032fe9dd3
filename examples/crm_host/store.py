"""Values in and out of the tables, through :mod:`keyaccount.codec`.

Every function takes an open :class:`sqlalchemy.Connection` inside a transaction
(``with store.transaction() as db:``), so a caller decides what is stored together: the new
state and its events, in one transaction, or neither.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, func, insert, select, update

from keyaccount import (
    Customer,
    DomainEvent,
    FeedbackTicket,
    InvalidInput,
    Period,
    Tier,
    VisitPlan,
    VisitRecord,
)
from keyaccount.codec import dump, load

from . import schema


class Store:
    """The host's database: an engine, the tables, and the host's own tiers for loading.

    Args:
        url: a SQLAlchemy URL, ``sqlite:///crm.db`` (the default) or
            ``postgresql+psycopg://user@host/crm``.
        tiers: the host's own tiers, if it grades with tiers of its own (the seed tiers are
            always known to the codec).
    """

    def __init__(self, url: str = "sqlite:///crm.db", *, tiers: Iterable[Tier] = ()) -> None:
        self.engine: Engine = create_engine(url)
        self.tiers = tuple(tiers)
        schema.metadata.create_all(self.engine)

    def transaction(self) -> Any:
        """A connection in a transaction: committed at the end of the ``with``, else rolled back."""
        return self.engine.begin()

    def load(self, data: Any) -> Any:
        """One stored value back (the codec, with the host's tiers)."""
        return load(data, tiers=self.tiers)


def _upsert(db: Connection, table: Any, key: dict[str, Any], row: dict[str, Any]) -> None:
    """Update the row of ``key``, or insert it: the same SQL on SQLite and PostgreSQL."""
    where = [table.c[name] == value for name, value in key.items()]
    if db.execute(update(table).where(*where).values(**row)).rowcount == 0:
        db.execute(insert(table).values(**key, **row))


# --- customers -------------------------------------------------------------------------------


def put_customers(db: Connection, customers: Iterable[Customer]) -> None:
    """Store customer files (inserted or replaced)."""
    for customer in customers:
        _upsert(db, schema.customer, {"account_id": customer.account_id}, {
            "status": customer.status.value,
            "tier_code": None if customer.tier is None else customer.tier.code,
            "data": dump(customer),
        })


def customers(store: Store, db: Connection, *, status: str | None = None) -> list[Customer]:
    """The customer files in account order, those of ``status`` if given."""
    query = select(schema.customer.c.data).order_by(schema.customer.c.account_id)
    if status is not None:
        query = query.where(schema.customer.c.status == status)
    return [store.load(data) for (data,) in db.execute(query)]


# --- tickets and their history ---------------------------------------------------------------


def put_tickets(db: Connection, tickets: Iterable[FeedbackTicket]) -> None:
    """Store tickets; their history rows are appended, never rewritten."""
    for ticket in tickets:
        data = dump(ticket)
        history = data.pop("history")
        _upsert(db, schema.ticket, {"ticket_id": ticket.ticket_id}, {
            "account_id": ticket.account_id, "status": ticket.status.value, "data": data,
        })
        table = schema.ticket_history
        stored = db.execute(select(func.count()).select_from(table)
                            .where(table.c.ticket_id == ticket.ticket_id)).scalar_one()
        if stored > len(history):
            raise InvalidInput(f"ticket {ticket.ticket_id!r} has {len(history)} history entries, "
                               f"fewer than the {stored} stored: a history is only appended to")
        new = [{"ticket_id": ticket.ticket_id, "position": position, "step": entry["step"],
                "at": entry["at"], "data": entry}
               for position, entry in enumerate(history) if position >= stored]
        if new:
            db.execute(insert(table), new)


def tickets(store: Store, db: Connection, *, open_only: bool = False) -> list[FeedbackTicket]:
    """The tickets in id order, each rebuilt with its history rows."""
    query = select(schema.ticket.c.ticket_id, schema.ticket.c.data).order_by(
        schema.ticket.c.ticket_id)
    if open_only:
        query = query.where(schema.ticket.c.status.not_in(("resolved", "closed")))
    rows = db.execute(query).all()
    table = schema.ticket_history
    history: dict[str, list[Any]] = {ticket_id: [] for ticket_id, _ in rows}
    for ticket_id, entry in db.execute(select(table.c.ticket_id, table.c.data)
                                       .order_by(table.c.ticket_id, table.c.position)):
        if ticket_id in history:
            history[ticket_id].append(entry)
    return [store.load({**data, "history": history[ticket_id]}) for ticket_id, data in rows]


# --- plans and visit records -----------------------------------------------------------------


def put_plans(db: Connection, plans: Iterable[VisitPlan]) -> None:
    """Store visit plans, one per account and period."""
    for plan in plans:
        _upsert(db, schema.visit_plan,
                {"account_id": plan.account_id, "period_start": plan.period.start},
                {"period_end": plan.period.end, "data": dump(plan)})


def plans(store: Store, db: Connection, *, period: Period | None = None) -> list[VisitPlan]:
    """The visit plans, those of ``period`` if given."""
    table = schema.visit_plan
    query = select(table.c.data).order_by(table.c.account_id, table.c.period_start)
    if period is not None:
        query = query.where(table.c.period_start == period.start, table.c.period_end == period.end)
    return [store.load(data) for (data,) in db.execute(query)]


def put_records(db: Connection, records: Iterable[VisitRecord]) -> None:
    """Store visit records."""
    for record in records:
        data = dump(record)
        _upsert(db, schema.visit_record, {"record_id": record.record_id}, {
            "account_id": record.account_id, "visited_at": data["visited_at"], "data": data})


def records(store: Store, db: Connection) -> list[VisitRecord]:
    """Every visit record, by record id."""
    query = select(schema.visit_record.c.data).order_by(schema.visit_record.c.record_id)
    return [store.load(data) for (data,) in db.execute(query)]


def reported_visits(db: Connection) -> frozenset[str]:
    """The ids of the overdue visits already reported."""
    return frozenset(db.execute(select(schema.reported_visit.c.visit_id)).scalars())


def add_reported_visits(db: Connection, visit_ids: Iterable[str]) -> None:
    """Remember overdue visits as reported."""
    new = sorted(set(visit_ids) - reported_visits(db))
    if new:
        db.execute(insert(schema.reported_visit), [{"visit_id": v} for v in new])


# --- the append-only event log ---------------------------------------------------------------


def append_events(db: Connection, events: Sequence[DomainEvent], *,
                  night: date | None = None) -> int:
    """Append events to the log (never updated, never deleted); how many were appended."""
    rows = []
    for domain_event in events:
        data = dump(domain_event)
        rows.append({"type": data["type"], "account_id": data.get("account_id"),
                     "occurred_at": data["occurred_at"], "night": night, "data": data})
    if rows:
        db.execute(insert(schema.event), rows)
    return len(rows)


def events(store: Store, db: Connection, *, type_name: str | None = None) -> Iterator[DomainEvent]:
    """The stored events in the order they were stored."""
    query = select(schema.event.c.data).order_by(schema.event.c.id)
    if type_name is not None:
        query = query.where(schema.event.c.type == type_name)
    for (data,) in db.execute(query):
        yield store.load(data)


def count_events(db: Connection) -> int:
    """How many events the log holds."""
    return int(db.execute(select(func.count()).select_from(schema.event)).scalar_one())


def everything(store: Store) -> dict[str, list[Any]]:
    """Every stored value and event, loaded: to compare two copies, or a reload with its save."""
    with store.transaction() as db:
        return {
            "customers": list(customers(store, db)),
            "tickets": list(tickets(store, db)),
            "plans": list(plans(store, db)),
            "records": list(records(store, db)),
            "events": list(events(store, db)),
        }


def fingerprint(store: Store, settings: Any, at: str) -> dict[str, Any]:
    """What a reload must keep: every value as codec data, and behaviour at ``at`` (ISO).

    The behaviour: each open ticket's escalation level and deadlines, and the compliance of
    the plans (completed, overdue, gaps), computed from the loaded values.
    """
    from datetime import datetime

    from keyaccount import escalation_level, evaluate_compliance

    now = datetime.fromisoformat(at).astimezone(settings.calendar.zone)
    values = everything(store)
    open_tickets = [t for t in values["tickets"] if t.is_open]
    report = evaluate_compliance(
        [p for p in values["plans"] if p.period.start.year == now.year],
        [r for r in values["records"] if r.visited_at <= now],
        now=now, zone=settings.calendar.zone, calendar=settings.calendar)
    return {
        "values": {name: [dump(value) for value in items] for name, items in values.items()},
        "levels": {t.ticket_id: escalation_level(t, settings.policies.escalation, now=now,
                                                 calendar=settings.calendar)
                   for t in open_tickets},
        "deadlines": {t.ticket_id: [t.first_reply_deadline.isoformat(),
                                    t.resolution_deadline.isoformat()] for t in open_tickets},
        "compliance": [report.completed, report.due, len(report.overdue), len(report.gaps)],
    }
