"""Adapters from keyaccount's own objects to the indicator records."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from fractions import Fraction
from zoneinfo import ZoneInfo

import pytest

from keyaccount import (
    TIER_A,
    TIER_C,
    AccountStatus,
    Contract,
    Customer,
    Dimension,
    FeedbackTicket,
    InvalidInput,
    Period,
    PlannedVisit,
    SatisfactionScale,
    Severity,
    TicketKind,
    TicketSource,
    Topic,
    VisitKind,
    VisitRecord,
    retention_and_churn,
    roster_from,
    satisfaction_from_tickets,
    survey_satisfaction,
    ticket_facts_from,
    ticket_resolution,
    visit_facts_from,
    visit_plan_completion,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
H1 = Period.half_year(2025, 1)


def customer(account_id: str, manager: str | None = "wang", department: str | None = "KA"
             ) -> Customer:
    return Customer(account_id=account_id, name=f"customer {account_id}", category="regional",
                    tier=TIER_A, staff=("wang", "li"), account_manager=manager,
                    department=department)


CUSTOMERS = {"ACME": customer("ACME")}


def record(day: date, planned: date | None, hour: int = 10) -> VisitRecord:
    return VisitRecord(
        record_id=f"R-{day}", account_id="ACME", kind=VisitKind.ON_SITE,
        visited_at=datetime(day.year, day.month, day.day, hour, tzinfo=SHANGHAI),
        place="ACME plant", visitors=("wang",), customer_situation="busy",
        topics=(Topic.BUSINESS_COOPERATION,), content="volumes", planned_day=planned,
    )


def test_planned_visits_are_done_when_a_record_carries_them_out() -> None:
    planned = [
        PlannedVisit("ACME", VisitKind.ON_SITE, date(2025, 3, 3), ("wang",), ()),
        PlannedVisit("ACME", VisitKind.ON_SITE, date(2025, 5, 5), ("wang",), ()),
    ]
    records = [record(date(2025, 3, 4), date(2025, 3, 3)), record(date(2025, 4, 1), None)]
    facts = visit_facts_from(planned, records, CUSTOMERS)
    assert [fact.done_on for fact in facts] == [date(2025, 3, 4), None]
    assert facts[0].tier == "A"
    assert facts[0].account_manager == "wang"
    assert visit_plan_completion(facts, H1).portfolio.value == Fraction(1, 2)


def test_a_plan_carried_out_twice_counts_as_done_on_the_earlier_day() -> None:
    planned = [PlannedVisit("ACME", VisitKind.ON_SITE, date(2025, 6, 27), ("wang",), ())]
    # the later record is listed first; the plan was done in H1, not on 2 July
    records = [record(date(2025, 7, 2), date(2025, 6, 27)),
               record(date(2025, 6, 30), date(2025, 6, 27))]
    facts = visit_facts_from(planned, records, CUSTOMERS)
    assert facts[0].done_on == date(2025, 6, 30)
    assert visit_plan_completion(facts, H1).portfolio.value == 1


def test_the_day_of_a_visit_is_taken_in_the_zone_asked_for() -> None:
    planned = [PlannedVisit("ACME", VisitKind.ON_SITE, date(2025, 3, 3), ("wang",), ())]
    late_evening = [record(date(2025, 3, 3), date(2025, 3, 3), hour=7)]
    facts = visit_facts_from(planned, late_evening, CUSTOMERS, zone=ZoneInfo("America/New_York"))
    assert facts[0].done_on == date(2025, 3, 2)


def test_an_account_without_a_manager_cannot_be_grouped() -> None:
    planned = [PlannedVisit("ACME", VisitKind.ON_SITE, date(2025, 3, 3), ("wang",), ())]
    with pytest.raises(InvalidInput, match="no department"):
        visit_facts_from(planned, [], {"ACME": customer("ACME", department=None)})
    with pytest.raises(InvalidInput, match="not among the customers"):
        visit_facts_from(planned, [], {})


def open_ticket(opened: datetime, tier: object = TIER_C) -> FeedbackTicket:
    ticket, _ = FeedbackTicket.open_ticket(
        ticket_id=f"T-{opened.isoformat()}", account_id="ACME", tier=tier,
        source=TicketSource.VISIT, kind=TicketKind.COMPLAINT, severity=Severity.MAJOR,
        summary="late deliveries", responsible_department="logistics",
        responsible_person="zhao", first_reply_deadline=opened + timedelta(hours=4),
        resolution_deadline=opened + timedelta(days=3), now=opened)
    return ticket


def test_tickets_become_facts_with_their_own_tier_and_the_account_teams_department() -> None:
    opened = datetime(2025, 2, 3, 9, tzinfo=SHANGHAI)
    on_time = open_ticket(opened)
    on_time, _ = on_time.reply("looking into it", now=opened + timedelta(hours=1))
    on_time, _ = on_time.resolve("re-routed", now=opened + timedelta(days=1))
    on_time, _ = on_time.close(satisfaction=4, satisfied=True, now=opened + timedelta(days=2))
    still_open = open_ticket(opened + timedelta(days=7))
    # by default the department is the customer's (the account team), as in visit facts
    facts = ticket_facts_from([on_time, still_open], CUSTOMERS)
    assert [(f.tier, f.department, f.resolved_on_time) for f in facts] == [
        ("C", "KA", True), ("C", "KA", None)]
    planned = [PlannedVisit("ACME", VisitKind.ON_SITE, date(2025, 2, 10), ("wang",), ())]
    assert {f.department for f in facts} == {
        f.department for f in visit_facts_from(planned, [], CUSTOMERS)}
    report = ticket_resolution(facts, H1)
    assert report.resolution.of(Dimension.DEPARTMENT, "KA").value == Fraction(1, 2)
    assert report.on_time.portfolio.value == 1
    # the departments that own the problems are appraised apart, on request
    owned = ticket_facts_from([on_time, still_open], CUSTOMERS, by_responsible_department=True)
    assert [f.department for f in owned] == ["logistics", "logistics"]
    by_owner = ticket_resolution(owned, H1).resolution
    assert by_owner.of(Dimension.DEPARTMENT, "logistics").value == Fraction(1, 2)
    answers = satisfaction_from_tickets([on_time, still_open], CUSTOMERS)
    assert [(a.score, a.answered_on) for a in answers] == [(4, date(2025, 2, 5))]
    mean = survey_satisfaction(answers, H1, scale=SatisfactionScale(1, 5)).mean.portfolio
    assert mean.value == 4


def trading_customer(account_id: str, status: str, tier: object = TIER_A) -> Customer:
    signed = date(2024, 3, 1)
    return Customer(
        account_id=account_id, name=f"customer {account_id}", category="regional", tier=tier,
        staff=("wang", "li"), account_manager="wang", department="KA", status=status,
        account_code=f"KA-{account_id}",
        supply_contract=Contract(reference="S-1", signed_on=signed),
        quality_contract=Contract(reference="Q-1", signed_on=signed),
        approved_on=signed, activated_on=signed if status != "approved" else None,
    )


def test_the_roster_holds_the_accounts_trading_at_the_start_and_keeps_those_still_trading() -> None:
    at_start = [trading_customer("ACME", "active"), trading_customer("BOLT", "dormant"),
                trading_customer("CORA", "active", TIER_C),
                trading_customer("DYNA", "approved")]  # not trading yet: not on the roster
    at_end = [trading_customer("ACME", "dormant"), trading_customer("BOLT", "active")]
    roster = roster_from(at_start, at_end)
    assert [(f.account_id, f.tier, f.retained) for f in roster] == [
        ("ACME", "A", True), ("BOLT", "A", True), ("CORA", "C", False)]
    churn = retention_and_churn(roster, H1).churn
    assert churn.of(Dimension.TIER, "C").value == 1
    assert churn.portfolio.value == Fraction(1, 3)
    only_active = roster_from(at_start, at_end, trading={AccountStatus.ACTIVE})
    assert [(f.account_id, f.retained) for f in only_active] == [("ACME", False), ("CORA", False)]
