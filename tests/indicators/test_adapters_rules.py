"""Rules of the adapters from keyaccount's objects to indicator records (adapters.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest

from keyaccount import (
    TIER_A,
    Customer,
    FeedbackTicket,
    InvalidInput,
    PlannedVisit,
    Severity,
    TicketKind,
    TicketSource,
    Topic,
    VisitKind,
    VisitRecord,
    roster_from,
    satisfaction_from_tickets,
    ticket_facts_from,
    visit_facts_from,
)

PLUS_14 = timezone(timedelta(hours=14))  # every other zone's day starts later


def customer(tier: Any = TIER_A, manager: str | None = "wang",
             department: str | None = "KA") -> Customer:
    return Customer(account_id="ACME", name="customer ACME", category="regional", tier=tier,
                    staff=("wang", "li"), account_manager=manager, department=department)


CUSTOMERS = {"ACME": customer()}
PLAN = PlannedVisit("ACME", VisitKind.ON_SITE, date(2025, 3, 3), ("wang",), ())


def ticket(opened: datetime, tier: Any = TIER_A, *, closed: bool = False,
           satisfaction: int | None = 4) -> FeedbackTicket:
    found, _ = FeedbackTicket.open_ticket(
        ticket_id=f"T-{opened.isoformat()}", account_id="ACME", tier=tier,
        source=TicketSource.VISIT, kind=TicketKind.COMPLAINT, severity=Severity.MAJOR,
        summary="late deliveries", responsible_department="logistics",
        responsible_person="zhao", first_reply_deadline=opened + timedelta(hours=4),
        resolution_deadline=opened + timedelta(days=3), now=opened)
    if closed:
        found, _ = found.reply("looking into it", now=opened + timedelta(hours=1))
        found, _ = found.resolve("re-routed", now=opened + timedelta(days=1))
        found, _ = found.close(satisfaction=satisfaction, satisfied=True,
                               now=opened + timedelta(days=2))
    return found


def record(planned: date | None) -> VisitRecord:
    return VisitRecord(
        record_id=f"R-{planned}", account_id="ACME", kind=VisitKind.ON_SITE,
        visited_at=datetime(2025, 3, 4, 10, tzinfo=UTC), place="ACME plant",
        visitors=("wang",), customer_situation="busy", topics=(Topic.BUSINESS_COOPERATION,),
        content="volumes", planned_day=planned,
    )


def test_without_a_zone_a_ticket_is_dated_in_its_own_zone() -> None:
    closed = ticket(datetime(2025, 3, 3, 0, 30, tzinfo=PLUS_14), closed=True)
    fact, = ticket_facts_from([closed], CUSTOMERS)
    assert (fact.opened_on, fact.resolved_on) == (date(2025, 3, 3), date(2025, 3, 4))
    answer, = satisfaction_from_tickets([closed], CUSTOMERS)
    assert answer.answered_on == date(2025, 3, 5)


def test_with_a_zone_a_ticket_is_dated_in_that_zone() -> None:
    closed = ticket(datetime(2025, 3, 2, 11, tzinfo=UTC), closed=True)
    fact, = ticket_facts_from([closed], CUSTOMERS, zone=PLUS_14)
    assert (fact.opened_on, fact.resolved_on) == (date(2025, 3, 3), date(2025, 3, 4))
    answer, = satisfaction_from_tickets([closed], CUSTOMERS, zone=PLUS_14)
    assert answer.answered_on == date(2025, 3, 5)


def test_a_ticket_opened_before_its_account_was_graded_takes_the_customers_tier() -> None:
    fact, = ticket_facts_from([ticket(datetime(2025, 3, 3, 9, tzinfo=PLUS_14), tier=None)],
                              CUSTOMERS)
    assert fact.tier == "A"


def test_open_tickets_and_those_closed_without_a_score_give_no_answer_nor_stop_the_rest() -> None:
    opened = datetime(2025, 3, 3, 9, tzinfo=PLUS_14)
    answers = satisfaction_from_tickets(
        [ticket(opened), ticket(opened + timedelta(hours=1), closed=True, satisfaction=None),
         ticket(opened + timedelta(hours=2), closed=True)], CUSTOMERS)
    assert [answer.score for answer in answers] == [4]


def test_an_unplanned_record_does_not_stop_the_planned_ones_counting() -> None:
    fact, = visit_facts_from([PLAN], [record(None), record(date(2025, 3, 3))], CUSTOMERS)
    assert fact.done_on == date(2025, 3, 4)


@pytest.mark.parametrize(("files", "missing"), [
    ({"tier": None}, "tier"), ({"manager": None}, "account_manager"),
    ({"department": None}, "department"), ({"tier": None, "department": None}, "tier, department"),
])
def test_a_customer_lacking_a_grouping_dimension_is_refused_naming_it(
    files: dict[str, Any], missing: str
) -> None:
    with pytest.raises(InvalidInput, match=rf"^customer 'ACME' has no {missing}; indicators"):
        visit_facts_from([PLAN], [], {"ACME": customer(**files)})


@pytest.mark.parametrize(("call", "message"), [
    (lambda: visit_facts_from(5, [], CUSTOMERS),  # type: ignore[arg-type]
     r"^planned must be a collection of PlannedVisit values, got 5"),
    (lambda: visit_facts_from([], [5], CUSTOMERS), r"^records must hold VisitRecord"),
    (lambda: ticket_facts_from([5], CUSTOMERS), r"^tickets must hold FeedbackTicket"),
    (lambda: ticket_facts_from([], CUSTOMERS, by_responsible_department="yes"),
     r"^by_responsible_department must be"),
    (lambda: satisfaction_from_tickets([5], CUSTOMERS), r"^tickets must hold FeedbackTicket"),
    (lambda: roster_from([5], []), r"^at_start must hold Customer"),
    (lambda: roster_from([], [5]), r"^at_end must hold Customer"),
    (lambda: roster_from([], [], trading=5),  # type: ignore[arg-type]
     r"^trading must be a collection of AccountStatus values, got 5"),
    (lambda: roster_from([], [], trading=["nonsense"]), r"^trading must be one of \["),
])
def test_arguments_of_the_wrong_kind_are_refused_naming_them(
    call: Callable[[], Any], message: str
) -> None:
    with pytest.raises(InvalidInput, match=message):
        call()
