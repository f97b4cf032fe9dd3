"""Recording a visit opens a ticket for each open feedback item (SPEC §6, §7)."""

from datetime import date, datetime, timedelta

import attrs
import pytest
from hypothesis import given

from keyaccount import (
    TIER_A,
    TIER_B,
    FeedbackItem,
    InvalidInput,
    Severity,
    TicketKind,
    TicketOpened,
    TicketSource,
    VisitRecord,
    VisitRecorded,
    record_visit,
)
from keyaccount.policies.presets import escalation
from keyaccount.testing import (
    visit_records,
)
from national_day import NATIONAL_DAY_2025
from visit_fixtures import (
    SHANGHAI,
    complete_record,
)

CALENDAR = NATIONAL_DAY_2025


def _complaint() -> FeedbackItem:
    return FeedbackItem(
        "Two late deliveries in September",
        kind=TicketKind.COMPLAINT,
        severity=Severity.MAJOR,
        responsible_department="logistics",
        responsible_person="zhao",
    )


def test_recording_a_visit_opens_a_ticket_for_each_item_not_answered_on_the_spot() -> None:
    now = datetime(2025, 9, 30, 17, tzinfo=SHANGHAI)
    record = complete_record(feedback=[FeedbackItem("catalogue?", answer="October"), _complaint()])
    same, tickets, events = record_visit(record, tier=TIER_A, now=now, calendar=CALENDAR,
                                        escalation=escalation())
    assert same is record
    (ticket,) = tickets
    assert ticket.ticket_id == "R1-1"
    assert ticket.source is TicketSource.VISIT
    assert (ticket.kind, ticket.severity) == (TicketKind.COMPLAINT, Severity.MAJOR)
    assert ticket.responsible_person == "zhao"
    # promised reply: A gets a first reply within 4 business hours: 17:00-18:00 on
    # 30 September, then 09:00-12:00 on 9 October after the National Day holiday.
    assert ticket.first_reply_deadline == datetime(2025, 10, 9, 12, tzinfo=SHANGHAI)
    assert isinstance(events[0], VisitRecorded)
    assert events[0].record_id == "R1"
    assert isinstance(events[1], TicketOpened)


@given(visit_records(planned_day=date(2025, 8, 29)))
def test_every_open_feedback_item_becomes_exactly_one_ticket(record: VisitRecord) -> None:
    # recorded after the visit (10:00 UTC on 29 August), on a day of the calendar's year
    now = datetime(2025, 9, 1, 9, tzinfo=SHANGHAI)
    _, tickets, events = record_visit(record, tier=TIER_B, now=now, calendar=CALENDAR,
                                        escalation=escalation())
    assert [ticket.summary for ticket in tickets] == [item.summary for item in record.open_items]
    assert len({ticket.ticket_id for ticket in tickets}) == len(tickets)
    assert len(events) == 1 + len(tickets)


def test_a_visit_cannot_be_recorded_before_it_took_place() -> None:
    record = complete_record(feedback=[_complaint()])
    before = record.visited_at - timedelta(minutes=1)
    with pytest.raises(InvalidInput, match=r"now \(.*\) is before visit record 'R1'"):
        record_visit(record, escalation(), tier=TIER_A, now=before, calendar=CALENDAR)
    # the moment of the visit itself is fine
    _, tickets, _ = record_visit(record, escalation(), tier=TIER_A, now=record.visited_at,
                                 calendar=CALENDAR)
    assert len(tickets) == 1


@pytest.mark.parametrize("argument", ["record", "escalation", "calendar"])
def test_recording_a_visit_with_a_wrong_collaborator_is_refused_naming_it(argument: str) -> None:
    arguments: dict[str, object] = {
        "record": complete_record(feedback=[_complaint()]),
        "escalation": escalation(),
        "tier": TIER_A,
        "now": datetime(2025, 9, 30, 17, tzinfo=SHANGHAI),
        "calendar": CALENDAR,
    }
    arguments[argument] = None
    with pytest.raises(InvalidInput, match=rf"{argument} must be .*got None"):
        record_visit(**arguments)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "now", [datetime(9999, 12, 31, 23, tzinfo=SHANGHAI), datetime(1, 1, 2, tzinfo=SHANGHAI)]
)
def test_a_visit_recorded_at_an_instant_outside_the_years_1900_to_2199_is_refused(
    now: datetime,
) -> None:
    record = complete_record(feedback=[_complaint()])
    with pytest.raises(InvalidInput, match=r"now must be an instant in the years 1900-2199"):
        record_visit(record, escalation(), tier=TIER_A, now=now, calendar=CALENDAR)
    with pytest.raises(InvalidInput, match=r"VisitRecord\.visited_at must be an instant in"):
        attrs.evolve(record, visited_at=now)
