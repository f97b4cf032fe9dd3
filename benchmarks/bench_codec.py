"""Storing and reloading tickets with the codec (issue 14).

Target on the 2-core machine: dump and load 100,000 tickets with 10 history entries each at
10,000 tickets a second or more, each way (``dump`` to JSON-safe data, ``load`` back through
the constructors; the JSON text itself is the host's, and is timed apart).
"""

from __future__ import annotations

import gc
import json
import time as clock
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import attrs

from keyaccount import TIER_A, FeedbackTicket, TicketHistoryEntry, TicketStatus
from keyaccount.codec import dump, load

SHANGHAI = ZoneInfo("Asia/Shanghai")
SIZE = 100_000
DISTINCT = 1_000


def _ticket(number: int) -> FeedbackTicket:
    opened = datetime(2026, 3, 2, 9, 0, tzinfo=SHANGHAI) + timedelta(minutes=number)
    ticket = FeedbackTicket.open_ticket(
        ticket_id=f"T-{number}", account_id=f"ACC-{number % 97}", tier=TIER_A,
        source="phone", kind="product_or_technical", severity="major",
        summary="invoice wrong", responsible_department="sales", responsible_person="Li Lei",
        first_reply_deadline=opened + timedelta(hours=4),
        resolution_deadline=opened + timedelta(days=3), now=opened,
    )[0]
    history = ticket.history + tuple(
        TicketHistoryEntry(at=opened + timedelta(minutes=step), step="progress_reported",
                           status=TicketStatus.OPENED, note=f"note {step}")
        for step in range(1, 10)
    )
    return attrs.evolve(ticket, history=history)


def _timed(report, name: str, size: int, work) -> object:  # type: ignore[no-untyped-def]
    gc.collect()
    gc.disable()
    try:
        start = clock.perf_counter()
        result = work()
        report(name, size, clock.perf_counter() - start)
    finally:
        gc.enable()
    return result


def run(report, note) -> None:  # type: ignore[no-untyped-def]
    distinct = [_ticket(number) for number in range(DISTINCT)]
    tickets = [distinct[index % DISTINCT] for index in range(SIZE)]
    assert all(len(ticket.history) == 10 for ticket in distinct)
    stored = _timed(report, "codec: dump tickets (10 history entries)", SIZE,
                    lambda: [dump(ticket) for ticket in tickets])
    text = _timed(report, "json.dumps of the dumped tickets (host's part)", SIZE,
                  lambda: [json.dumps(data) for data in stored])  # type: ignore[attr-defined]
    parsed = [json.loads(line) for line in text]  # type: ignore[attr-defined]
    loaded = _timed(report, "codec: load tickets (10 history entries)", SIZE,
                    lambda: [load(data) for data in parsed])
    assert loaded == tickets  # type: ignore[comparison-overlap]
    note(f"goal: at least 10,000 tickets a second each way ({SIZE:,} tickets)")
