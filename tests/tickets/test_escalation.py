"""Escalation of tickets: levels, warnings, reopening and the queue (SPEC §7; seeds 001-003)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from decimal import Decimal
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from keyaccount import (
    PARTNER,
    SCORE_TIERS,
    TIER_A,
    TIER_B,
    TIER_C,
    TIER_D,
    BusinessCalendar,
    BusinessDuration,
    DeadlineKind,
    EscalationPolicy,
    FeedbackTicket,
    InvalidInput,
    Severity,
    TicketAtRisk,
    TicketEscalated,
    TicketKind,
    TicketSource,
    TicketStatus,
    Tier,
    TierDeadlines,
    escalation_level,
    evaluate_escalation,
    open_ticket,
    reopen_ticket,
    ticket_deadlines,
    ticket_queue_key,
    who_must_act,
)
from keyaccount.policies import (
    TieredEscalation,
    presets,
)
from keyaccount.testing import (
    calendars_with_instants,
    check_escalation_policy,
    open_tickets,
)
from national_day import PLAIN_WEEKS, at

POLICY = presets.escalation()
MONDAY = at(2025, 6, 2, 9)


def open_a(tier: Tier = TIER_A, *, now: datetime = MONDAY, **changes: Any) -> FeedbackTicket:
    fields: dict[str, Any] = {
        "ticket_id": "T-1", "account_id": "ACME", "tier": tier, "source": TicketSource.PHONE,
        "kind": TicketKind.COMPLAINT, "severity": Severity.CRITICAL,
        "summary": "production line stopped", "responsible_department": "after-sales",
        "responsible_person": "Li Lei",
    }
    fields.update(changes)
    ticket, _ = open_ticket(POLICY, now=now, calendar=PLAIN_WEEKS, **fields)
    return ticket


def replied(**changes: Any) -> FeedbackTicket:
    """An A critical ticket opened Monday 09:00, replied 10:00; resolution due Monday 18:00."""
    ticket, _ = open_a(**changes).reply("engineer on the way", now=at(2025, 6, 2, 10))
    return ticket


# --- the escalation ladder ---


@pytest.mark.parametrize(("now", "level", "role"), [
    (at(2025, 6, 2, 17, 59), 0, "responsible_person"),
    (at(2025, 6, 2, 18, 0), 0, "responsible_person"),  # at the deadline it is still on time
    (at(2025, 6, 2, 18, 1), 1, "department_head"),
    (at(2025, 6, 3, 17, 59), 1, "department_head"),
    (at(2025, 6, 3, 18, 0), 2, "key_account_head"),  # one further business day
    (at(2025, 6, 4, 18, 0), 3, "general_manager"),
    (at(2025, 6, 30, 9, 0), 3, "general_manager"),  # the top of the ladder
])
def test_a_missed_deadline_climbs_one_level_at_the_deadline_and_one_per_business_day(
    now: datetime, level: int, role: str
) -> None:
    ticket = replied()
    assert ticket.resolution_deadline == at(2025, 6, 2, 18)
    assert escalation_level(ticket, POLICY, now=now, calendar=PLAIN_WEEKS) == level
    assert who_must_act(ticket, POLICY, now=now, calendar=PLAIN_WEEKS) == role


def test_the_weekend_does_not_count_towards_the_next_level() -> None:
    ticket = open_a(now=at(2025, 6, 6, 9)).reply("on it", now=at(2025, 6, 6, 9, 30))[0]
    assert ticket.resolution_deadline == at(2025, 6, 6, 18)  # a Friday
    assert escalation_level(ticket, POLICY, now=at(2025, 6, 9, 8, 59), calendar=PLAIN_WEEKS) == 1


def test_an_overdue_first_reply_escalates_until_the_customer_hears_from_us() -> None:
    ticket = open_a()
    assert ticket.first_reply_deadline == at(2025, 6, 2, 14, 30)
    ticket, events = evaluate_escalation(ticket, POLICY, now=at(2025, 6, 2, 15),
                                         calendar=PLAIN_WEEKS)
    assert [(e.deadline_kind, e.level) for e in events if isinstance(e, TicketEscalated)] == [
        (DeadlineKind.FIRST_REPLY, 1)]
    ticket, _ = ticket.reply("sorry for the wait", now=at(2025, 6, 2, 15, 30))
    assert escalation_level(ticket, POLICY, now=at(2025, 6, 2, 15, 30), calendar=PLAIN_WEEKS) == 0


# --- warnings and events ---


def test_an_at_risk_warning_is_due_when_three_quarters_of_the_time_is_used() -> None:
    ticket = replied()
    # 7.5 h budget: 75 % is used at 16:07:30, with 1 h 52 min 30 s left.
    _, events = evaluate_escalation(ticket, POLICY, now=at(2025, 6, 2, 16, 7), calendar=PLAIN_WEEKS)
    assert events == ()
    ticket, events = evaluate_escalation(ticket, POLICY, now=at(2025, 6, 2, 16, 7, 30),
                                         calendar=PLAIN_WEEKS)
    assert events == (TicketAtRisk(
        occurred_at=at(2025, 6, 2, 16, 7, 30), ticket_id="T-1", account_id="ACME",
        deadline_kind=DeadlineKind.RESOLUTION, deadline=at(2025, 6, 2, 18),
        remaining=timedelta(hours=1, minutes=52, seconds=30)),)
    assert ticket.escalation_marks.resolution_warned
    assert ticket.history[-1].step == "at_risk"


def test_evaluating_again_at_the_same_moment_announces_nothing_twice() -> None:
    ticket = replied()
    ticket, first = evaluate_escalation(ticket, POLICY, now=at(2025, 6, 3, 10),
                                        calendar=PLAIN_WEEKS)
    again, second = evaluate_escalation(ticket, POLICY, now=at(2025, 6, 3, 10),
                                        calendar=PLAIN_WEEKS)
    assert len(first) == 1
    assert second == ()
    assert again == ticket


def test_a_late_evaluation_announces_every_level_reached_since_the_last_one() -> None:
    ticket, events = evaluate_escalation(replied(), POLICY, now=at(2025, 6, 4, 18),
                                         calendar=PLAIN_WEEKS)
    assert [(type(e).__name__, getattr(e, "role", None)) for e in events] == [
        ("TicketEscalated", "department_head"),
        ("TicketEscalated", "key_account_head"),
        ("TicketEscalated", "general_manager"),
    ]
    assert ticket.escalation_marks.resolution_level == 3
    _, later = evaluate_escalation(ticket, POLICY, now=at(2025, 6, 20, 9), calendar=PLAIN_WEEKS)
    assert later == ()


def test_a_paused_ticket_does_not_climb_the_ladder_while_the_customer_keeps_it_waiting() -> None:
    ticket, _ = replied().pause("waiting for the customer's logs", now=at(2025, 6, 2, 17))
    assert escalation_level(ticket, POLICY, now=at(2025, 6, 11, 9), calendar=PLAIN_WEEKS) == 0
    ticket, events = evaluate_escalation(ticket, POLICY, now=at(2025, 6, 4, 9),
                                         calendar=PLAIN_WEEKS)
    assert [type(e).__name__ for e in events] == ["TicketAtRisk"]  # due at the pause
    ticket, _ = ticket.resume(now=at(2025, 6, 5, 9), calendar=PLAIN_WEEKS)
    assert ticket.resolution_deadline == at(2025, 6, 5, 10)  # one hour was left
    assert escalation_level(ticket, POLICY, now=at(2025, 6, 5, 10, 30), calendar=PLAIN_WEEKS) == 1


def test_a_resolved_ticket_calls_for_no_escalation() -> None:
    ticket, _ = replied().resolve("replaced the pump", now=at(2025, 6, 3, 10))
    assert evaluate_escalation(ticket, POLICY, now=at(2025, 6, 9, 10),
                               calendar=PLAIN_WEEKS) == (ticket, ())


def test_evaluating_before_the_tickets_last_step_is_refused() -> None:
    with pytest.raises(InvalidInput, match="before its last step"):
        evaluate_escalation(replied(), POLICY, now=at(2025, 6, 2, 9, 30), calendar=PLAIN_WEEKS)


def test_a_reopened_ticket_gets_a_new_resolution_deadline_counted_from_the_reopening() -> None:
    ticket, _ = replied().resolve("replaced the pump", now=at(2025, 6, 3, 9))
    ticket, _ = ticket.close(satisfaction=1, satisfied=False, now=at(2025, 6, 3, 9, 30))
    ticket, events = reopen_ticket(ticket, POLICY, reason="pump fails again",
                                   now=at(2025, 6, 3, 10), calendar=PLAIN_WEEKS)
    assert ticket.resolution_deadline == at(2025, 6, 4, 10)  # 1 business day for A critical
    assert events[0].occurred_at == at(2025, 6, 3, 10)
    assert escalation_level(ticket, POLICY, now=at(2025, 6, 4, 9), calendar=PLAIN_WEEKS) == 0


# --- the queue ---


def test_complaints_of_the_top_tiers_go_first_then_everything_by_deadline() -> None:
    def ticket(ticket_id: str, tier: Tier, kind: str, source: str, due: int) -> FeedbackTicket:
        return FeedbackTicket.open_ticket(
            ticket_id=ticket_id, account_id="X", tier=tier, source=source, kind=kind,
            severity="minor", summary="s", responsible_department="d", responsible_person="p",
            first_reply_deadline=at(2025, 6, due, 9), resolution_deadline=at(2025, 6, 20, 9),
            now=MONDAY)[0]

    queue = [
        ticket("D-complaint", TIER_D, "complaint", "phone", 3),
        ticket("A-suggestion", TIER_A, "suggestion_or_demand", "visit", 2),
        ticket("B-complaint-call", TIER_B, "after_sales", "complaint", 5),
        ticket("A-complaint", TIER_A, "complaint", "visit", 4),
        ticket("PARTNER-complaint", PARTNER, "complaint", "survey", 6),
    ]
    assert [t.ticket_id for t in sorted(queue, key=partial(ticket_queue_key, policy=POLICY))] == [
        "A-complaint", "B-complaint-call", "PARTNER-complaint", "A-suggestion", "D-complaint"]


@given(open_tickets(tiers=SCORE_TIERS), st.sampled_from(["opened", "replied", "paused"]),
       st.lists(st.integers(0, 60 * 24 * 30), min_size=1, max_size=8))
def test_the_escalation_level_never_falls_and_nothing_is_announced_twice_as_time_goes_on(
    ticket: FeedbackTicket, state: str, minutes: list[int]
) -> None:
    if state in ("replied", "paused"):
        ticket, _ = ticket.reply("on it", now=ticket.opened_at + timedelta(hours=1))
    if state == "paused":
        ticket, _ = ticket.pause("waiting", now=ticket.opened_at + timedelta(hours=30))
    moments = [ticket.last_changed_at + timedelta(minutes=m) for m in minutes]
    check_escalation_policy(POLICY, ticket, moments, PLAIN_WEEKS)


@given(calendars_with_instants(), st.data())
def test_on_any_calendar_the_level_never_falls_and_nothing_is_announced_twice(
    calendar_and_start: tuple[BusinessCalendar, datetime], data: st.DataObject
) -> None:
    calendar, start = calendar_and_start
    ticket = data.draw(open_tickets(tiers=SCORE_TIERS, opened_at=st.just(start)))
    if data.draw(st.booleans()):
        ticket, _ = ticket.reply("on it", now=start + timedelta(hours=1))
    minutes = data.draw(st.lists(st.integers(0, 60 * 24 * 40), min_size=1, max_size=6))
    moments = [ticket.last_changed_at + timedelta(minutes=m) for m in minutes]
    check_escalation_policy(POLICY, ticket, moments, calendar)


# --- more rules, each driven through the policy's settings ---


def test_a_ladder_and_a_step_from_settings_drive_the_escalation() -> None:
    policy = TieredEscalation.from_mapping(
        {"ladder": ["owner", "boss"], "escalation_step": "4h"})
    ticket = replied()
    assert who_must_act(ticket, policy, now=at(2025, 6, 9, 9), calendar=PLAIN_WEEKS) == "boss"
    assert policy.escalation_step == BusinessDuration(time=timedelta(hours=4))


def test_the_first_reply_is_at_risk_once_three_quarters_of_its_business_hours_are_used() -> None:
    ticket = open_a()  # A: 4 business hours from Monday 09:00, due 14:30 across the lunch break
    assert ticket.first_reply_deadline == at(2025, 6, 2, 14, 30)
    _, events = evaluate_escalation(ticket, POLICY, now=at(2025, 6, 2, 11, 59),
                                    calendar=PLAIN_WEEKS)
    assert events == ()
    # 3 h used at 12:00; the lunch break does not count, so 1 h is left.
    _, events = evaluate_escalation(ticket, POLICY, now=at(2025, 6, 2, 12, 0), calendar=PLAIN_WEEKS)
    assert [(type(e).__name__, e.deadline_kind, getattr(e, "remaining", None))
            for e in events] == [("TicketAtRisk", DeadlineKind.FIRST_REPLY, timedelta(hours=1))]


def test_the_warning_fraction_from_settings_sets_when_the_warning_is_due() -> None:
    policy = TieredEscalation.from_mapping({"warning_fraction": "50%"})
    ticket = replied()  # 7.5 business hours from Monday 09:00: half (3 h 45 min) is used at
    # 14:15, three hours before lunch and 45 minutes after it
    _, events = evaluate_escalation(ticket, policy, now=at(2025, 6, 2, 14, 14),
                                    calendar=PLAIN_WEEKS)
    assert events == ()
    _, events = evaluate_escalation(ticket, policy, now=at(2025, 6, 2, 14, 15),
                                    calendar=PLAIN_WEEKS)
    assert [type(e).__name__ for e in events] == ["TicketAtRisk"]


def test_the_priority_rank_from_settings_sets_whose_complaints_go_first() -> None:
    def complaint(ticket_id: str, tier: Tier, due: int) -> FeedbackTicket:
        return FeedbackTicket.open_ticket(
            ticket_id=ticket_id, account_id="X", tier=tier, source="phone", kind="complaint",
            severity="minor", summary="s", responsible_department="d", responsible_person="p",
            first_reply_deadline=at(2025, 6, due, 9), resolution_deadline=at(2025, 6, 20, 9),
            now=MONDAY)[0]

    queue = [complaint("C", TIER_C, 3), complaint("B", TIER_B, 4), complaint("A", TIER_A, 5)]
    assert [t.ticket_id for t in sorted(queue, key=partial(ticket_queue_key, policy=POLICY))] == [
        "B", "A", "C"]
    only_a = TieredEscalation.from_mapping({"priority_rank": 1})
    assert [t.ticket_id for t in sorted(queue, key=partial(ticket_queue_key, policy=only_a))] == [
        "A", "C", "B"]


def test_a_replied_ticket_queues_by_its_resolution_deadline() -> None:
    waiting = open_a(ticket_id="waiting", severity=Severity.MINOR)  # first reply due Mon 14:30
    answered = replied(ticket_id="answered")  # resolution due Monday 18:00
    urgent = open_a(ticket_id="urgent", now=at(2025, 6, 2, 8))  # first reply due Mon 13:00+
    queue = sorted([answered, waiting, urgent], key=partial(ticket_queue_key, policy=POLICY))
    assert [t.ticket_id for t in queue] == ["urgent", "waiting", "answered"]


def test_evaluating_a_closed_ticket_before_its_last_step_is_refused_too() -> None:
    ticket, _ = replied().resolve("replaced the pump", now=at(2025, 6, 3, 10))
    with pytest.raises(InvalidInput, match="before its last step"):
        evaluate_escalation(ticket, POLICY, now=at(2025, 6, 3, 9), calendar=PLAIN_WEEKS)


def test_deadlines_and_levels_are_exact_across_the_new_york_spring_forward() -> None:
    new_york = ZoneInfo("America/New_York")
    calendar = BusinessCalendar(timezone="America/New_York", workdays=range(5),
                                working_hours=[(time(9), time(17))])
    opened = datetime(2025, 3, 7, 15, tzinfo=new_york)  # Friday, EST (UTC-5)
    ticket, _ = open_ticket(
        POLICY, ticket_id="NY-1", account_id="ACME", tier=TIER_A, source="phone", kind="complaint",
        severity="critical", summary="s", responsible_department="d", responsible_person="p",
        now=opened, calendar=calendar)
    # One business day (8 h) later, after the clocks went forward on Sunday 9 March: Monday
    # 15:00 EDT (UTC-4), one hour less of wall-clock time, not 16:00.
    assert ticket.resolution_deadline == datetime(2025, 3, 10, 15, tzinfo=new_york)
    ticket, _ = ticket.reply("on it", now=opened)
    assert escalation_level(ticket, POLICY, now=datetime(2025, 3, 10, 15, tzinfo=new_york),
                            calendar=calendar) == 0
    assert escalation_level(ticket, POLICY, now=datetime(2025, 3, 11, 14, 59, tzinfo=new_york),
                            calendar=calendar) == 1
    assert escalation_level(ticket, POLICY, now=datetime(2025, 3, 11, 15, tzinfo=new_york),
                            calendar=calendar) == 2


def test_a_deadline_missed_outside_working_hours_stays_missed_across_a_pause() -> None:
    # Found by CI's random pass (seed 707739385): missed on Friday at 17:00, paused on
    # Saturday, resumed on Monday at 10:00 after an hour of working time, the deadline moved
    # onto the resume itself and the ticket read as on time at that instant.
    shanghai = ZoneInfo("Asia/Shanghai")
    calendar = BusinessCalendar(timezone="Asia/Shanghai", workdays=range(5),
                                working_hours=[(time(9), time(17))])
    friday = datetime(2025, 6, 6, 9, tzinfo=shanghai)
    ticket, _ = open_ticket(
        POLICY, ticket_id="T-1", account_id="ACME", tier=TIER_A, source="phone",
        kind="complaint", severity="critical", summary="s", responsible_department="d",
        responsible_person="p", now=friday, calendar=calendar)
    ticket, _ = ticket.reply("on it", now=friday)
    assert ticket.resolution_deadline == datetime(2025, 6, 6, 17, tzinfo=shanghai)
    saturday, monday = datetime(2025, 6, 7, 10, tzinfo=shanghai), datetime(2025, 6, 9, 10,
                                                                           tzinfo=shanghai)
    assert escalation_level(ticket, POLICY, now=saturday, calendar=calendar) == 1
    ticket, _ = ticket.pause("waiting for the customer", now=saturday)
    ticket, (resumed,) = ticket.resume(now=monday, calendar=calendar)
    assert ticket.resolution_deadline == monday - timedelta(microseconds=1)
    assert resumed.resolution_deadline == ticket.resolution_deadline  # type: ignore[attr-defined]
    assert escalation_level(ticket, POLICY, now=monday, calendar=calendar) == 1
    # a deadline still ahead when the pause began moves by the business time paused alone
    ticket, _ = open_ticket(
        POLICY, ticket_id="T-2", account_id="ACME", tier=TIER_A, source="phone",
        kind="complaint", severity="critical", summary="s", responsible_department="d",
        responsible_person="p", now=friday, calendar=calendar)
    ticket, _ = ticket.reply("on it", now=friday)
    ticket, _ = ticket.pause("waiting for the customer", now=datetime(2025, 6, 6, 16, 59,
                                                                      tzinfo=shanghai))
    ticket, _ = ticket.resume(now=monday, calendar=calendar)
    assert ticket.resolution_deadline == datetime(2025, 6, 9, 10, 1, tzinfo=shanghai)
    # paused at the deadline instant itself, still on time: it stays on time at the resume
    ticket, _ = open_ticket(
        POLICY, ticket_id="T-3", account_id="ACME", tier=TIER_A, source="phone",
        kind="complaint", severity="critical", summary="s", responsible_department="d",
        responsible_person="p", now=friday, calendar=calendar)
    ticket, _ = ticket.reply("on it", now=friday)
    ticket, _ = ticket.pause("waiting", now=datetime(2025, 6, 6, 17, tzinfo=shanghai))
    ticket, _ = ticket.resume(now=monday, calendar=calendar)
    assert ticket.resolution_deadline == monday
    assert escalation_level(ticket, POLICY, now=monday, calendar=calendar) == 0


@given(calendars_with_instants(), st.data())
def test_pauses_and_progress_reports_never_lower_the_escalation_level_of_an_open_ticket(
    calendar_and_start: tuple[BusinessCalendar, datetime], data: st.DataObject
) -> None:
    calendar, start = calendar_and_start
    ticket = data.draw(open_tickets(tiers=SCORE_TIERS, opened_at=st.just(start)))
    ticket, _ = ticket.reply("on it", now=start)  # from here on only the resolution is pending
    steps = data.draw(st.lists(st.tuples(st.sampled_from(["pause", "resume", "report"]),
                                         st.integers(0, 60 * 24 * 6)), max_size=8))
    now, previous = start, 0
    for step, minutes in steps:
        now += timedelta(minutes=minutes)
        if step == "pause" and ticket.status is TicketStatus.IN_PROGRESS:
            ticket, _ = ticket.pause("waiting for the customer", now=now)
        elif step == "resume" and ticket.status is TicketStatus.PAUSED:
            ticket, _ = ticket.resume(now=now, calendar=calendar)
        elif step == "report" and ticket.status is TicketStatus.IN_PROGRESS:
            ticket, _ = ticket.reply("still working on it", now=now)
        level = escalation_level(ticket, POLICY, now=now, calendar=calendar)
        assert level >= previous, f"level fell from {previous} to {level} after {step}"
        previous = level


# --- a host's own rules (the narrowed protocol) ---


class TwoHourDesk:
    """A host's own rules: every tier replies within 2 business hours and resolves within 1
    business day; a level is added every 4 business hours late; a three-role ladder."""

    warning_fraction = Decimal("0.5")
    priority_rank = 1

    def deadlines_for(self, tier: Tier | str) -> TierDeadlines:
        return TierDeadlines("2h", "1d", "1d", "1d")

    def overdue_level(self, deadline: datetime, *, now: datetime,
                      calendar: BusinessCalendar) -> int:
        if now <= deadline:
            return 0
        late = calendar.business_time_between(deadline, now)
        return min(1 + late // timedelta(hours=4), 2)

    def role(self, level: int) -> str:
        return ("owner", "team_lead", "director")[level]


def test_a_hosts_own_rules_need_only_what_the_company_decides() -> None:
    desk = TwoHourDesk()
    assert isinstance(desk, EscalationPolicy)
    ticket, _ = open_ticket(desk, ticket_id="T-1", account_id="ACME", tier=TIER_D,
                            source="phone", kind="after_sales", severity="minor",
                            summary="invoice wrong", responsible_department="finance",
                            responsible_person="Zhou Min", now=MONDAY, calendar=PLAIN_WEEKS)
    assert ticket.first_reply_deadline == at(2025, 6, 2, 11)
    assert ticket.resolution_deadline == at(2025, 6, 2, 18)
    check_escalation_policy(desk, ticket, [at(2025, 6, 2, 16), at(2025, 6, 5, 9)], PLAIN_WEEKS)
    ticket, events = evaluate_escalation(ticket, desk, now=at(2025, 6, 2, 15),
                                         calendar=PLAIN_WEEKS)
    assert [(type(e).__name__, e.deadline_kind) for e in events] == [
        ("TicketEscalated", DeadlineKind.FIRST_REPLY), ("TicketAtRisk", DeadlineKind.RESOLUTION)]
    assert who_must_act(ticket, desk, now=at(2025, 6, 3, 15), calendar=PLAIN_WEEKS) == "director"
    ticket, _ = ticket.reply("corrected invoice sent", now=at(2025, 6, 2, 16))
    ticket, _ = ticket.resolve("invoice reissued", now=at(2025, 6, 2, 17))
    ticket, _ = reopen_ticket(ticket, desk, reason="still wrong", now=at(2025, 6, 3, 9),
                              calendar=PLAIN_WEEKS)
    assert ticket.resolution_deadline == at(2025, 6, 3, 18)  # one business day from 09:00


def test_the_queue_reads_only_the_priority_rank_of_a_hosts_policy() -> None:
    complaint, _ = open_ticket(TwoHourDesk(), ticket_id="B-1", account_id="ACME", tier=TIER_B,
                               source="complaint", kind="after_sales", severity="minor",
                               summary="s", responsible_department="d", responsible_person="p",
                               now=MONDAY, calendar=PLAIN_WEEKS)
    assert ticket_queue_key(complaint, TwoHourDesk())[0] == 1  # rank 2 is below the desk's 1
    assert ticket_queue_key(complaint, POLICY)[0] == 0


@pytest.mark.parametrize("level", [-1, 4, True, "1"])
def test_a_level_off_the_ladder_has_no_role(level: Any) -> None:
    with pytest.raises(InvalidInput, match="escalation level must be an int from 0 to 3"):
        POLICY.role(level)


# --- issue 12: what the services refuse, and a ticket with nothing pending ---


@pytest.mark.parametrize("step", ["resolved", "closed"])
def test_a_ticket_with_nothing_pending_is_at_level_zero_however_late(step: str) -> None:
    ticket, _ = replied().resolve("replaced the pump", now=at(2025, 6, 3, 10))  # a day late
    if step == "closed":
        ticket, _ = ticket.close(satisfaction=4, satisfied=True, now=at(2025, 6, 3, 11))
    weeks_later = at(2025, 6, 30, 10)
    assert escalation_level(ticket, POLICY, now=weeks_later, calendar=PLAIN_WEEKS) == 0
    assert who_must_act(ticket, POLICY, now=weeks_later,
                        calendar=PLAIN_WEEKS) == "responsible_person"


@pytest.mark.parametrize("service", [escalation_level, who_must_act, evaluate_escalation])
@pytest.mark.parametrize("now", [at(2025, 6, 2, 8), at(2025, 6, 2, 9, 30)],
                         ids=["before the opening", "before the last step"])
def test_the_level_is_refused_for_a_moment_before_the_tickets_last_step(
    service: Any, now: datetime
) -> None:
    with pytest.raises(InvalidInput, match="before its last step"):
        service(replied(), POLICY, now=now, calendar=PLAIN_WEEKS)


def test_opening_through_the_policy_keeps_the_lead_coordinator() -> None:
    ticket = open_a(departments=["quality"], lead_coordinator="key-account dept")
    assert ticket.lead_coordinator == "key-account dept"
    assert ticket.involved_departments == ("after-sales", "quality")


def _call(service: str, ticket: Any, policy: Any) -> object:
    later = at(2025, 6, 3, 10)
    if service == "ticket_queue_key":
        return ticket_queue_key(ticket, policy)
    if service == "reopen_ticket":
        return reopen_ticket(ticket, policy, reason="again", now=later, calendar=PLAIN_WEEKS)
    function = {"escalation_level": escalation_level, "who_must_act": who_must_act,
                "evaluate_escalation": evaluate_escalation}[service]
    return function(ticket, policy, now=later, calendar=PLAIN_WEEKS)


SERVICES = ["escalation_level", "who_must_act", "evaluate_escalation", "reopen_ticket",
            "ticket_queue_key"]


@pytest.mark.parametrize("service", SERVICES)
@pytest.mark.parametrize("ticket", ["x", None, 1])
def test_a_service_given_something_else_than_a_ticket_refuses_it_by_name(
    service: str, ticket: object
) -> None:
    with pytest.raises(InvalidInput, match=r"ticket must be a FeedbackTicket, got"):
        _call(service, ticket, POLICY)


@pytest.mark.parametrize("service", SERVICES)
@pytest.mark.parametrize("policy", [None, "presets.escalation()", 1])
def test_a_service_given_something_else_than_a_policy_refuses_it_by_name(
    service: str, policy: object
) -> None:
    ticket, _ = replied().resolve("replaced the pump", now=at(2025, 6, 3, 9))
    with pytest.raises(InvalidInput, match=r"policy must be an EscalationPolicy .*, got"):
        _call(service, ticket, policy)


@pytest.mark.parametrize("policy", [None, "presets.escalation()"])
def test_opening_or_counting_deadlines_without_a_policy_is_refused_by_name(
    policy: object
) -> None:
    with pytest.raises(InvalidInput, match=r"policy must be an EscalationPolicy"):
        open_ticket(policy, ticket_id="T-1", account_id="ACME", tier=TIER_A,  # type: ignore[arg-type]
                    source="phone", kind="complaint", severity="minor", summary="s",
                    responsible_department="d", responsible_person="p", now=MONDAY,
                    calendar=PLAIN_WEEKS)
    with pytest.raises(InvalidInput, match=r"policy must be an EscalationPolicy"):
        ticket_deadlines(TIER_A, "minor", policy, opened_at=MONDAY,  # type: ignore[arg-type]
                         calendar=PLAIN_WEEKS)


def _call_with_calendar(service: str, calendar: Any) -> object:
    later = at(2025, 6, 3, 10)
    if service == "reopen_ticket":
        ticket, _ = replied().resolve("replaced the pump", now=at(2025, 6, 3, 9))
        return reopen_ticket(ticket, POLICY, reason="again", now=later, calendar=calendar)
    if service == "resume":
        ticket, _ = replied().pause("waiting", now=at(2025, 6, 2, 11))
        return ticket.resume(now=later, calendar=calendar)
    if service == "ticket_deadlines":
        return ticket_deadlines(TIER_A, "minor", POLICY, opened_at=MONDAY, calendar=calendar)
    if service == "overdue_level":
        return POLICY.overdue_level(MONDAY, now=later, calendar=calendar)
    function = {"escalation_level": escalation_level, "who_must_act": who_must_act,
                "evaluate_escalation": evaluate_escalation}[service]
    return function(open_a(), POLICY, now=later, calendar=calendar)


@pytest.mark.parametrize("service", ["escalation_level", "who_must_act", "evaluate_escalation",
                                     "reopen_ticket", "resume", "ticket_deadlines",
                                     "overdue_level"])
@pytest.mark.parametrize("calendar", [None, "Asia/Shanghai", {"timezone": "Asia/Shanghai"}])
def test_business_time_is_counted_on_a_business_calendar_only(
    service: str, calendar: object
) -> None:
    with pytest.raises(InvalidInput, match=r"calendar must be a BusinessCalendar, got"):
        _call_with_calendar(service, calendar)


@pytest.mark.parametrize("service", ["escalation_level", "who_must_act", "evaluate_escalation"])
def test_a_missing_moment_is_refused_by_name_not_compared(service: str) -> None:
    function = {"escalation_level": escalation_level, "who_must_act": who_must_act,
                "evaluate_escalation": evaluate_escalation}[service]
    with pytest.raises(InvalidInput, match=r"now must be a timezone-aware datetime, got None"):
        function(open_a(), POLICY, now=None, calendar=PLAIN_WEEKS)  # type: ignore[operator]


# A host's policy checks nothing itself: the services refuse what it would choke on.


def _desk_ticket() -> FeedbackTicket:
    ticket, _ = open_ticket(TwoHourDesk(), ticket_id="T-1", account_id="ACME", tier=TIER_D,
                            source="phone", kind="after_sales", severity="minor",
                            summary="invoice wrong", responsible_department="finance",
                            responsible_person="Zhou Min", now=MONDAY, calendar=PLAIN_WEEKS)
    return ticket


@pytest.mark.parametrize("service", ["escalation_level", "who_must_act", "evaluate_escalation"])
def test_a_hosts_policy_is_never_handed_a_wrong_calendar_or_a_naive_moment(
    service: str,
) -> None:
    function = {"escalation_level": escalation_level, "who_must_act": who_must_act,
                "evaluate_escalation": evaluate_escalation}[service]
    late = at(2025, 6, 3, 15)  # both deadlines passed: the desk's overdue_level counts
    with pytest.raises(InvalidInput, match=r"calendar must be a BusinessCalendar, got"):
        function(_desk_ticket(), TwoHourDesk(), now=late, calendar="Asia/Shanghai")
    with pytest.raises(InvalidInput, match=r"now must be timezone-aware"):
        function(_desk_ticket(), TwoHourDesk(), now=late.replace(tzinfo=None),
                 calendar=PLAIN_WEEKS)


@pytest.mark.parametrize(
    "member", ["overdue_level", "role", "deadlines_for", "warning_fraction"]
)
def test_evaluating_with_a_policy_lacking_a_member_it_uses_is_refused_naming_it(
    member: str,
) -> None:
    desk = TwoHourDesk()
    lacking = type("Lacking", (), {
        name: getattr(TwoHourDesk, name)
        for name in ("warning_fraction", "priority_rank", "deadlines_for", "overdue_level",
                     "role")
        if name != member
    })()
    # At the opening nothing is due: the member would not even be reached.
    refused = rf"policy must be an EscalationPolicy \(with {member}\)"
    with pytest.raises(InvalidInput, match=refused):
        evaluate_escalation(_desk_ticket(), lacking, now=MONDAY, calendar=PLAIN_WEEKS)
    assert evaluate_escalation(_desk_ticket(), desk, now=MONDAY, calendar=PLAIN_WEEKS)[1] == ()
