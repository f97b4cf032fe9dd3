"""Customer-side cases: files, dormancy, coverage, handover, access, contact reports, codes.

Issue 3 sets no performance target; these cases show the portfolio-wide operations stay
linear and cheap at the sizes a host runs in a nightly batch.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from keyaccount import (
    SCORE_TIERS,
    Contact,
    ContactReport,
    Contract,
    Customer,
    FeedbackTicket,
    Viewer,
    hand_over_tickets,
    missing_contact_reports,
    read_file,
)
from keyaccount.policies import presets

NOW = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
STAFF = [f"staff-{n:03d}" for n in range(200)]


def _portfolio(size: int) -> list[Customer]:
    contract = Contract(reference="S-1", signed_on=date(2024, 1, 2))
    quality = Contract(reference="Q-1", signed_on=date(2024, 1, 2))
    contacts = (
        Contact(name="周敏", role="purchasing_director", mobile="139", personal_notes="golf"),
        Contact(name="陈建国", role="general_manager", wechat="cjg"),
    )
    customers = []
    for n in range(size):
        first, second = STAFF[n % len(STAFF)], STAFF[(n * 7 + 1) % len(STAFF)]
        staff = (first,) if first == second else (first, second)
        customers.append(
            Customer(
                account_id=f"C-{n:06d}",
                name=f"customer {n}",
                category="regional",
                phone="021-0000",
                credit_rating="AA",
                registered_capital=1_000_000 + n,
                tier=SCORE_TIERS[n % 4],
                staff=staff,
                account_manager=first,
                contacts=contacts,
                status="active",
                account_code=f"KA-2024-{n:06d}",
                supply_contract=contract,
                quality_contract=quality,
                approved_on=date(2024, 1, 2),
                activated_on=date(2024, 1, 3),
                last_purchase_on=date(2025, 1, 1) + timedelta(days=n % 365),
            )
        )
    return customers


def _time(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def _tickets(size: int) -> list[FeedbackTicket]:
    opened = NOW - timedelta(days=3)
    tickets = []
    for n in range(size):
        ticket, _ = FeedbackTicket.open_ticket(
            ticket_id=f"T-{n}", account_id=f"C-{n % 5000:06d}", tier=SCORE_TIERS[0],
            source="phone", kind="complaint", severity="major", summary="late deliveries",
            responsible_department="logistics", responsible_person=STAFF[n % 50],
            first_reply_deadline=opened + timedelta(hours=4),
            resolution_deadline=opened + timedelta(days=5), now=opened)
        tickets.append(ticket)
    return tickets


def run(report: Callable[[str, int, float], None], note: Callable[[str], None]) -> None:
    size = 10_000
    report("customers: build files (2 contacts each)", size, _time(lambda: _portfolio(size)))

    portfolio = _portfolio(100_000)
    dormancy = presets.dormancy()
    report(
        "customers: dormancy apply (default 180 days)",
        len(portfolio),
        _time(lambda: dormancy.apply(portfolio, now=NOW)),
    )
    coverage = presets.coverage()
    report(
        "customers: coverage check (default minimums)",
        len(portfolio),
        _time(lambda: coverage.check(portfolio)),
    )
    handover = presets.handover()
    leaver = STAFF[3]
    covered = sum(1 for customer in portfolio if leaver in customer.staff)
    note(f"handover: the leaver covers {covered:,} of {len(portfolio):,} accounts")
    report(
        "customers: handover of one leaver (whole portfolio)",
        len(portfolio),
        _time(
            lambda: handover.hand_over(
                portfolio, departing=leaver, successors=("new-1", "new-2"), now=NOW
            )
        ),
    )
    access = presets.access()
    viewer = Viewer("someone", "department_staff")
    views = portfolio[:size]
    report(
        "customers: redacted views (department staff)",
        len(views),
        _time(lambda: [access.redact(customer, viewer=viewer) for customer in views]),
    )
    report(
        "customers: read_file with its register events",
        len(views),
        _time(lambda: [read_file(customer, access, viewer=viewer, now=NOW) for customer in views]),
    )
    tickets = _tickets(10_000)
    report(
        "customers: hand over a leaver's open tickets",
        len(tickets),
        _time(lambda: hand_over_tickets(tickets, departing=STAFF[3], successors="new-1",
                                        now=NOW)),
    )
    reports = [
        ContactReport(account_id=customer.account_id, contacted_by=customer.staff[0],
                      contacted_at=NOW - timedelta(days=n % 120), summary="call")
        for n, customer in enumerate(portfolio)
    ]
    report(
        "customers: accounts with no contact report (90 days)",
        len(portfolio),
        _time(lambda: missing_contact_reports(portfolio, coverage, reports=reports,
                                              since=NOW - timedelta(days=90), until=NOW)),
    )
    taken = {f"KA-2026-{seq:05d}" for seq in range(1, 10_001)}
    codes = presets.account_codes()
    report(
        "customers: next free account code (10k taken)",
        len(taken),
        _time(lambda: codes.code_for(approved_on=date(2026, 1, 5), taken=taken)),
    )
