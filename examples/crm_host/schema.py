"""The host's tables (SQLAlchemy 2 Core; SQLite by default, PostgreSQL the same).

Each kept value is one row: a few columns to find it by (ids, status, days) and ``data``,
the value as :func:`keyaccount.codec.dump` wrote it (a JSON column: TEXT on SQLite, JSON on
PostgreSQL). A ticket's history lives in its own table, one row per step, appended and never
rewritten. ``event`` is append-only: every domain event, in the order it was stored.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    Date,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

customer = Table(
    "customer", metadata,
    Column("account_id", String(64), primary_key=True),
    Column("status", String(32), nullable=False, index=True),
    Column("tier_code", String(32)),
    Column("data", JSON, nullable=False),
)

ticket = Table(
    "ticket", metadata,
    Column("ticket_id", String(64), primary_key=True),
    Column("account_id", String(64), nullable=False, index=True),
    Column("status", String(32), nullable=False, index=True),
    # the ticket's codec data without "history" (kept in ticket_history)
    Column("data", JSON, nullable=False),
)

ticket_history = Table(
    "ticket_history", metadata,
    Column("ticket_id", String(64), ForeignKey("ticket.ticket_id"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("step", String(32), nullable=False),
    Column("at", String(64), nullable=False),
    Column("data", JSON, nullable=False),
)

visit_plan = Table(
    "visit_plan", metadata,
    Column("account_id", String(64), primary_key=True),
    Column("period_start", Date, primary_key=True),
    Column("period_end", Date, nullable=False),
    Column("data", JSON, nullable=False),
)

visit_record = Table(
    "visit_record", metadata,
    Column("record_id", String(64), primary_key=True),
    Column("account_id", String(64), nullable=False, index=True),
    Column("visited_at", String(64), nullable=False),
    Column("data", JSON, nullable=False),
)

# the overdue visits already reported (ComplianceReport.reported), so each is reported once
reported_visit = Table(
    "reported_visit", metadata,
    Column("visit_id", String(128), primary_key=True),
)

event = Table(
    "event", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("type", String(64), nullable=False, index=True),
    Column("account_id", String(64), index=True),
    Column("occurred_at", String(64), nullable=False),
    Column("night", Date, index=True),  # the night that stored it; NULL for daytime work
    Column("data", JSON, nullable=False),
)

night = Table(
    "night", metadata,
    Column("night", Date, primary_key=True),
    Column("ran_at", String(64), nullable=False),
    Column("events", Integer, nullable=False),
    Column("summary", Text, nullable=False),
)

night_problem = Table(
    "night_problem", metadata,
    Column("night", Date, ForeignKey("night.night"), primary_key=True),
    Column("subject", String(128), primary_key=True),
    Column("error", String(64), nullable=False),
    Column("message", Text, nullable=False),
)
