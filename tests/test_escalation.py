"""Ticket deadlines and escalation by tier and severity (SPEC §7; seeds 001, 002, 003)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from itertools import pairwise
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from keyaccount import (
    ORDINARY,
    PARTNER,
    SCORE_TIERS,
    STRATEGIC,
    TIER_A,
    TIER_B,
    TIER_C,
    TIER_D,
    BusinessCalendar,
    FeedbackTicket,
    InvalidInput,
    PolicyConfigError,
    Severity,
    TicketAtRisk,
    TicketEscalated,
    TicketKind,
    TicketSource,
    TicketStatus,
    Tier,
)
from keyaccount.domain.tickets import DeadlineKind
from keyaccount.policies import (
    DEFAULT_DEADLINES,
    BusinessDuration,
    EscalationPolicy,
    TieredEscalation,
    presets,
)
from keyaccount.testing import (
    calendars_with_instants,
    check_escalation_policy,
    check_escalation_tiers,
    open_tickets,
)
from national_day import NATIONAL_DAY_2025, PLAIN_WEEKS, SHANGHAI, at

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
    ticket, _ = POLICY.open_ticket(now=now, calendar=PLAIN_WEEKS, **fields)
    return ticket


def replied(**changes: Any) -> FeedbackTicket:
    """An A critical ticket opened Monday 09:00, replied 10:00; resolution due Monday 18:00."""
    ticket, _ = open_a(**changes).reply("engineer on the way", now=at(2025, 6, 2, 10))
    return ticket


# --- defaults (SPEC §7) ---


@pytest.mark.parametrize(("code", "expected"), [
    ("A", ("4h", "1d", "3d", "5d")),
    ("B", ("8h", "2d", "5d", "10d")),
    ("C", ("2d", "3d", "7d", "15d")),
    ("D", ("3d", "5d", "10d", "20d")),
])
def test_the_default_deadlines_are_the_ones_of_spec_section_7(
    code: str, expected: tuple[str, ...]
) -> None:
    deadlines = dict(DEFAULT_DEADLINES)[code]
    assert tuple(map(str, (deadlines.first_reply, deadlines.critical, deadlines.major,
                           deadlines.minor))) == expected


def test_the_preset_is_the_default_policy_and_keeps_the_protocol() -> None:
    assert presets.escalation() == TieredEscalation() == TieredEscalation.from_mapping({})
    assert isinstance(POLICY, EscalationPolicy)
    assert POLICY.ladder == (
        "responsible_person", "department_head", "key_account_head", "general_manager")
    assert str(POLICY.warning_fraction) == "0.75"


def test_a_business_day_is_one_working_days_worth_of_business_time() -> None:
    deadlines = POLICY.deadlines(TIER_A, Severity.MAJOR, at(2025, 6, 3, 10), PLAIN_WEEKS)
    assert deadlines.resolution == at(2025, 6, 6, 10)  # Tuesday 10:00 + 3 d = Friday 10:00
    assert deadlines.first_reply == at(2025, 6, 3, 15, 30)  # 2 h before lunch, 2 h after


def test_a_complaint_on_the_eve_of_national_day_waits_for_the_holiday_to_end() -> None:
    ticket, _ = POLICY.open_ticket(
        ticket_id="T-7", account_id="ACME", tier=TIER_A, source="visit", kind="complaint",
        severity="critical", summary="wrong grade delivered", responsible_department="quality",
        responsible_person="Zhao Min", now=at(2025, 9, 30, 17), calendar=NATIONAL_DAY_2025,
    )
    assert ticket.first_reply_deadline == at(2025, 10, 9, 12)  # 1 h + 3 h
    assert ticket.resolution_deadline == at(2025, 10, 9, 17)  # 1 h + 6.5 h


def test_a_b_major_problem_counts_the_make_up_saturday_as_a_working_day() -> None:
    deadlines = POLICY.deadlines(TIER_B, Severity.MAJOR, at(2025, 9, 30, 17), NATIONAL_DAY_2025)
    # 9/30, 10/9, 10/10, Saturday 10/11 (make-up), 10/13, 10/14: five working days later.
    assert deadlines.resolution == at(2025, 10, 14, 17)


@pytest.mark.parametrize(("band", "tier"), [(STRATEGIC, TIER_A), (PARTNER, TIER_B),
                                            (ORDINARY, TIER_C)])
def test_amount_bands_take_the_deadlines_of_the_score_tier_of_the_same_rank(
    band: Tier, tier: Tier
) -> None:
    assert POLICY.deadlines_for(band) == POLICY.deadlines_for(tier)
    assert band.rank == tier.rank


def test_a_tier_without_deadlines_is_refused_naming_the_known_ones() -> None:
    with pytest.raises(InvalidInput, match=r"tier 'GOLD' has no escalation deadlines"):
        POLICY.deadlines(Tier("GOLD", 1), Severity.MINOR, MONDAY, PLAIN_WEEKS)


def test_a_naive_opening_time_is_refused() -> None:
    with pytest.raises(InvalidInput, match="timezone-aware"):
        POLICY.deadlines(TIER_A, Severity.MINOR, datetime(2025, 6, 2, 9), PLAIN_WEEKS)  # noqa: DTZ001


@given(st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2025, 11, 15),  # noqa: DTZ001
                    timezones=st.just(SHANGHAI)))
def test_default_deadlines_never_favour_a_lower_tier_or_a_milder_problem(opened: datetime) -> None:
    deadlines = {tier.code: {severity: POLICY.deadlines(tier, severity, opened, NATIONAL_DAY_2025)
                             for severity in Severity} for tier in SCORE_TIERS}
    for higher, lower in pairwise("ABCD"):
        for severity in Severity:
            upper, below = deadlines[higher][severity], deadlines[lower][severity]
            assert upper.resolution <= below.resolution
            assert upper.first_reply <= below.first_reply
    for code in "ABCD":
        by_severity = deadlines[code]
        assert by_severity[Severity.CRITICAL].resolution <= by_severity[Severity.MAJOR].resolution
        assert by_severity[Severity.MAJOR].resolution <= by_severity[Severity.MINOR].resolution


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
    assert POLICY.level(ticket, now=now, calendar=PLAIN_WEEKS) == level
    assert POLICY.who_must_act(ticket, now=now, calendar=PLAIN_WEEKS) == role


def test_the_weekend_does_not_count_towards_the_next_level() -> None:
    ticket = open_a(now=at(2025, 6, 6, 9)).reply("on it", now=at(2025, 6, 6, 9, 30))[0]
    assert ticket.resolution_deadline == at(2025, 6, 6, 18)  # a Friday
    assert POLICY.level(ticket, now=at(2025, 6, 9, 8, 59), calendar=PLAIN_WEEKS) == 1


def test_an_overdue_first_reply_escalates_until_the_customer_hears_from_us() -> None:
    ticket = open_a()
    assert ticket.first_reply_deadline == at(2025, 6, 2, 14, 30)
    ticket, events = POLICY.evaluate(ticket, now=at(2025, 6, 2, 15), calendar=PLAIN_WEEKS)
    assert [(e.deadline_kind, e.level) for e in events if isinstance(e, TicketEscalated)] == [
        (DeadlineKind.FIRST_REPLY, 1)]
    ticket, _ = ticket.reply("sorry for the wait", now=at(2025, 6, 2, 15, 30))
    assert POLICY.level(ticket, now=at(2025, 6, 2, 15, 30), calendar=PLAIN_WEEKS) == 0


# --- warnings and events ---


def test_an_at_risk_warning_is_due_when_three_quarters_of_the_time_is_used() -> None:
    ticket = replied()
    # 7.5 h budget: 75 % is used at 16:07:30, with 1 h 52 min 30 s left.
    _, events = POLICY.evaluate(ticket, now=at(2025, 6, 2, 16, 7), calendar=PLAIN_WEEKS)
    assert events == ()
    ticket, events = POLICY.evaluate(ticket, now=at(2025, 6, 2, 16, 7, 30),
                                     calendar=PLAIN_WEEKS)
    assert events == (TicketAtRisk(
        occurred_at=at(2025, 6, 2, 16, 7, 30), ticket_id="T-1", account_id="ACME",
        deadline_kind=DeadlineKind.RESOLUTION, deadline=at(2025, 6, 2, 18),
        remaining=timedelta(hours=1, minutes=52, seconds=30)),)
    assert ticket.escalation_marks.resolution_warned
    assert ticket.history[-1].step == "at_risk"


def test_evaluating_again_at_the_same_moment_announces_nothing_twice() -> None:
    ticket = replied()
    ticket, first = POLICY.evaluate(ticket, now=at(2025, 6, 3, 10), calendar=PLAIN_WEEKS)
    again, second = POLICY.evaluate(ticket, now=at(2025, 6, 3, 10), calendar=PLAIN_WEEKS)
    assert len(first) == 1
    assert second == ()
    assert again == ticket


def test_a_late_evaluation_announces_every_level_reached_since_the_last_one() -> None:
    ticket, events = POLICY.evaluate(replied(), now=at(2025, 6, 4, 18), calendar=PLAIN_WEEKS)
    assert [(type(e).__name__, getattr(e, "role", None)) for e in events] == [
        ("TicketEscalated", "department_head"),
        ("TicketEscalated", "key_account_head"),
        ("TicketEscalated", "general_manager"),
    ]
    assert ticket.escalation_marks.resolution_level == 3
    _, later = POLICY.evaluate(ticket, now=at(2025, 6, 20, 9), calendar=PLAIN_WEEKS)
    assert later == ()


def test_a_paused_ticket_does_not_climb_the_ladder_while_the_customer_keeps_it_waiting() -> None:
    ticket, _ = replied().pause("waiting for the customer's logs", now=at(2025, 6, 2, 17))
    assert POLICY.level(ticket, now=at(2025, 6, 11, 9), calendar=PLAIN_WEEKS) == 0
    ticket, events = POLICY.evaluate(ticket, now=at(2025, 6, 4, 9), calendar=PLAIN_WEEKS)
    assert [type(e).__name__ for e in events] == ["TicketAtRisk"]  # due at the pause
    ticket, _ = ticket.resume(now=at(2025, 6, 5, 9), calendar=PLAIN_WEEKS)
    assert ticket.resolution_deadline == at(2025, 6, 5, 10)  # one hour was left
    assert POLICY.level(ticket, now=at(2025, 6, 5, 10, 30), calendar=PLAIN_WEEKS) == 1


def test_a_resolved_ticket_calls_for_no_escalation() -> None:
    ticket, _ = replied().resolve("replaced the pump", now=at(2025, 6, 3, 10))
    assert POLICY.evaluate(ticket, now=at(2025, 6, 9, 10), calendar=PLAIN_WEEKS) == (ticket, ())


def test_evaluating_before_the_tickets_last_step_is_refused() -> None:
    with pytest.raises(InvalidInput, match="before its last step"):
        POLICY.evaluate(replied(), now=at(2025, 6, 2, 9, 30), calendar=PLAIN_WEEKS)


def test_a_reopened_ticket_gets_a_new_resolution_deadline_counted_from_the_reopening() -> None:
    ticket, _ = replied().resolve("replaced the pump", now=at(2025, 6, 3, 9))
    ticket, _ = ticket.close(satisfaction=1, satisfied=False, now=at(2025, 6, 3, 9, 30))
    ticket, events = POLICY.reopen(ticket, reason="pump fails again", now=at(2025, 6, 3, 10),
                                   calendar=PLAIN_WEEKS)
    assert ticket.resolution_deadline == at(2025, 6, 4, 10)  # 1 business day for A critical
    assert events[0].occurred_at == at(2025, 6, 3, 10)
    assert POLICY.level(ticket, now=at(2025, 6, 4, 9), calendar=PLAIN_WEEKS) == 0


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
    assert [t.ticket_id for t in sorted(queue, key=POLICY.queue_key)] == [
        "A-complaint", "B-complaint-call", "PARTNER-complaint", "A-suggestion", "D-complaint"]


# --- settings ---


def test_settings_may_change_a_single_value_and_keep_the_rest() -> None:
    policy = TieredEscalation.from_mapping({"warning_fraction": "80%"})
    assert str(policy.warning_fraction) == "0.8"
    assert policy.deadlines_by_tier == DEFAULT_DEADLINES


def test_settings_with_an_unknown_key_are_refused() -> None:
    with pytest.raises(PolicyConfigError, match=r"unknown key\(s\) \['warning'\]"):
        TieredEscalation.from_mapping({"warning": 0.75})


@pytest.mark.parametrize(("value", "message"), [
    ("-4h", "must not be negative"),
    (timedelta(hours=-1), "must not be negative"),
    ("0h", "must be longer than zero"),
    ("4 hours", "must read like"),
    (4, "must be a string like"),
])
def test_a_bad_duration_is_refused(value: object, message: str) -> None:
    with pytest.raises(PolicyConfigError, match=message):
        TieredEscalation.from_mapping({"first_reply": {"A": value, "B": "8h", "C": "2d",
                                                       "D": "3d"}})


def test_a_tier_missing_from_one_table_is_refused() -> None:
    with pytest.raises(PolicyConfigError, match=r"resolution misses \[\], first_reply misses "
                                                r"\['D'\]"):
        TieredEscalation.from_mapping({"first_reply": {"A": "4h", "B": "8h", "C": "2d"}})


def test_a_severity_missing_from_a_tier_is_refused() -> None:
    resolution = {code: {"critical": "1d", "major": "3d", "minor": "5d"} for code in "ABCD"}
    del resolution["C"]["minor"]
    with pytest.raises(PolicyConfigError, match=r"tier 'C' must name exactly .* missing "
                                                r"\['minor'\]"):
        TieredEscalation.from_mapping({"resolution": resolution})


def test_a_lower_tier_with_a_shorter_deadline_is_refused_unless_intended() -> None:
    settings: dict[str, Any] = {"first_reply": {"A": "4h", "B": "2h", "C": "2d", "D": "3d"}}
    with pytest.raises(PolicyConfigError, match=r"tier 'B' gets a shorter first reply deadline "
                                                r"\(2h\) than tier 'A' listed above it \(4h\)"):
        TieredEscalation.from_mapping(settings)
    policy = TieredEscalation.from_mapping({**settings, "allow_inverted_deadlines": True})
    assert str(policy.deadlines_for("B").first_reply) == "2h"


def test_a_milder_problem_with_a_shorter_deadline_is_refused_unless_intended() -> None:
    resolution = {code: {"critical": "5d", "major": "3d", "minor": "5d"} for code in "ABCD"}
    with pytest.raises(PolicyConfigError, match="a major problem gets a shorter resolution"):
        TieredEscalation.from_mapping({"resolution": resolution})


def test_a_companys_own_tiers_need_their_aliases_settled() -> None:
    own = {"first_reply": {"GOLD": "2h", "SILVER": "1d"},
           "resolution": {"GOLD": {"critical": "1d", "major": "2d", "minor": "3d"},
                          "SILVER": {"critical": "2d", "major": "4d", "minor": "6d"}}}
    with pytest.raises(PolicyConfigError, match=r"'ORDINARY' -> 'C', but tier 'C' has no"):
        TieredEscalation.from_mapping(own)
    policy = TieredEscalation.from_mapping({**own, "tier_aliases": {"PLATINUM": "GOLD"}})
    assert policy.deadlines_for(Tier("PLATINUM", 1)) == policy.deadlines_for("GOLD")


@pytest.mark.parametrize(("settings", "message"), [
    ({"warning_fraction": 1}, "between 0 and 1"),
    ({"warning_fraction": "lots"}, "must be a number"),
    ({"ladder": ["responsible_person"]}, "at least two"),
    ({"ladder": ["a", "a"]}, "names a role twice"),
    ({"escalation_step": "-1d"}, "must not be negative"),
    ({"priority_rank": -1}, "priority_rank must be an int"),
    ({"allow_inverted_deadlines": "yes"}, "true or false"),
    ({"tier_aliases": {"A": "B"}}, "has deadlines of its own"),
])
def test_other_bad_settings_are_refused(settings: dict[str, Any], message: str) -> None:
    with pytest.raises(PolicyConfigError, match=message):
        TieredEscalation.from_mapping(settings)


def test_a_ladder_and_a_step_from_settings_drive_the_escalation() -> None:
    policy = TieredEscalation.from_mapping(
        {"ladder": ["owner", "boss"], "escalation_step": "4h"})
    ticket = replied()
    assert policy.who_must_act(ticket, now=at(2025, 6, 9, 9), calendar=PLAIN_WEEKS) == "boss"
    assert policy.escalation_step == BusinessDuration(time=timedelta(hours=4))


# --- properties ---

_hours = st.integers(1, 60)


@given(st.lists(st.tuples(_hours, _hours, _hours, _hours), min_size=1, max_size=4))
def test_settings_are_accepted_exactly_when_no_lower_tier_or_milder_problem_is_favoured(
    rows: list[tuple[int, int, int, int]]
) -> None:
    codes = ["T1", "T2", "T3", "T4"][: len(rows)]
    settings: dict[str, Any] = {
        "first_reply": {code: f"{row[0]}h" for code, row in zip(codes, rows, strict=True)},
        "resolution": {
            code: {"critical": f"{row[1]}h", "major": f"{row[2]}h", "minor": f"{row[3]}h"}
            for code, row in zip(codes, rows, strict=True)
        },
        "tier_aliases": {},
    }
    ordered = all(row[1] <= row[2] <= row[3] for row in rows) and all(
        all(upper[i] <= lower[i] for i in range(4)) for upper, lower in pairwise(rows))
    if ordered:
        assert TieredEscalation.from_mapping(settings).deadlines_by_tier[0][0] == "T1"
    else:
        with pytest.raises(PolicyConfigError, match="allow_inverted_deadlines"):
            TieredEscalation.from_mapping(settings)
    TieredEscalation.from_mapping({**settings, "allow_inverted_deadlines": True})


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


def test_the_first_reply_is_at_risk_once_three_quarters_of_its_business_hours_are_used() -> None:
    ticket = open_a()  # A: 4 business hours from Monday 09:00, due 14:30 across the lunch break
    assert ticket.first_reply_deadline == at(2025, 6, 2, 14, 30)
    _, events = POLICY.evaluate(ticket, now=at(2025, 6, 2, 11, 59), calendar=PLAIN_WEEKS)
    assert events == ()
    # 3 h used at 12:00; the lunch break does not count, so 1 h is left.
    _, events = POLICY.evaluate(ticket, now=at(2025, 6, 2, 12, 0), calendar=PLAIN_WEEKS)
    assert [(type(e).__name__, e.deadline_kind, getattr(e, "remaining", None))
            for e in events] == [("TicketAtRisk", DeadlineKind.FIRST_REPLY, timedelta(hours=1))]


def test_the_warning_fraction_from_settings_sets_when_the_warning_is_due() -> None:
    policy = TieredEscalation.from_mapping({"warning_fraction": "50%"})
    ticket = replied()  # 7.5 business hours from Monday 09:00: half (3 h 45 min) is used at
    # 14:15, three hours before lunch and 45 minutes after it
    _, events = policy.evaluate(ticket, now=at(2025, 6, 2, 14, 14), calendar=PLAIN_WEEKS)
    assert events == ()
    _, events = policy.evaluate(ticket, now=at(2025, 6, 2, 14, 15), calendar=PLAIN_WEEKS)
    assert [type(e).__name__ for e in events] == ["TicketAtRisk"]


def test_the_priority_rank_from_settings_sets_whose_complaints_go_first() -> None:
    def complaint(ticket_id: str, tier: Tier, due: int) -> FeedbackTicket:
        return FeedbackTicket.open_ticket(
            ticket_id=ticket_id, account_id="X", tier=tier, source="phone", kind="complaint",
            severity="minor", summary="s", responsible_department="d", responsible_person="p",
            first_reply_deadline=at(2025, 6, due, 9), resolution_deadline=at(2025, 6, 20, 9),
            now=MONDAY)[0]

    queue = [complaint("C", TIER_C, 3), complaint("B", TIER_B, 4), complaint("A", TIER_A, 5)]
    assert [t.ticket_id for t in sorted(queue, key=POLICY.queue_key)] == ["B", "A", "C"]
    only_a = TieredEscalation.from_mapping({"priority_rank": 1})
    assert [t.ticket_id for t in sorted(queue, key=only_a.queue_key)] == ["A", "C", "B"]


def test_a_replied_ticket_queues_by_its_resolution_deadline() -> None:
    waiting = open_a(ticket_id="waiting", severity=Severity.MINOR)  # first reply due Mon 14:30
    answered = replied(ticket_id="answered")  # resolution due Monday 18:00
    urgent = open_a(ticket_id="urgent", now=at(2025, 6, 2, 8))  # first reply due Mon 13:00+
    queue = sorted([answered, waiting, urgent], key=POLICY.queue_key)
    assert [t.ticket_id for t in queue] == ["urgent", "waiting", "answered"]


def test_evaluating_a_closed_ticket_before_its_last_step_is_refused_too() -> None:
    ticket, _ = replied().resolve("replaced the pump", now=at(2025, 6, 3, 10))
    with pytest.raises(InvalidInput, match="before its last step"):
        POLICY.evaluate(ticket, now=at(2025, 6, 3, 9), calendar=PLAIN_WEEKS)


def test_deadlines_and_levels_are_exact_across_the_new_york_spring_forward() -> None:
    new_york = ZoneInfo("America/New_York")
    calendar = BusinessCalendar(timezone="America/New_York", workdays=range(5),
                                working_hours=[(time(9), time(17))])
    opened = datetime(2025, 3, 7, 15, tzinfo=new_york)  # Friday, EST (UTC-5)
    ticket, _ = POLICY.open_ticket(
        ticket_id="NY-1", account_id="ACME", tier=TIER_A, source="phone", kind="complaint",
        severity="critical", summary="s", responsible_department="d", responsible_person="p",
        now=opened, calendar=calendar)
    # One business day (8 h) later, after the clocks went forward on Sunday 9 March: Monday
    # 15:00 EDT (UTC-4), one hour less of wall-clock time, not 16:00.
    assert ticket.resolution_deadline == datetime(2025, 3, 10, 15, tzinfo=new_york)
    ticket, _ = ticket.reply("on it", now=opened)
    assert POLICY.level(ticket, now=datetime(2025, 3, 10, 15, tzinfo=new_york),
                        calendar=calendar) == 0
    assert POLICY.level(ticket, now=datetime(2025, 3, 11, 14, 59, tzinfo=new_york),
                        calendar=calendar) == 1
    assert POLICY.level(ticket, now=datetime(2025, 3, 11, 15, tzinfo=new_york),
                        calendar=calendar) == 2


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
        level = POLICY.level(ticket, now=now, calendar=calendar)
        assert level >= previous, f"level fell from {previous} to {level} after {step}"
        previous = level


def test_an_order_that_inverts_on_a_shorter_office_day_is_refused_unless_intended() -> None:
    # "1d" is 7.5 business hours on the usual 09:00-12:00 / 13:30-18:00 calendar: C would be
    # answered before B.
    settings: dict[str, Any] = {"first_reply": {"A": "4h", "B": "8h", "C": "1d", "D": "3d"}}
    with pytest.raises(PolicyConfigError, match=r"tier 'C' gets a shorter first reply"):
        TieredEscalation.from_mapping(settings)
    policy = TieredEscalation.from_mapping({**settings, "allow_inverted_deadlines": True})
    replies = [policy.deadlines(tier, Severity.MINOR, MONDAY, PLAIN_WEEKS).first_reply
               for tier in (TIER_B, TIER_C)]
    assert replies[1] < replies[0]  # what the check protects against, on this calendar


# --- the tier check of keyaccount.testing ---


@given(st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2025, 11, 15),  # noqa: DTZ001
                    timezones=st.just(SHANGHAI)))
def test_the_default_escalation_never_gives_a_lower_tier_an_earlier_deadline(
    opened: datetime,
) -> None:
    check_escalation_tiers(POLICY, calendar=NATIONAL_DAY_2025, now=opened)
    check_escalation_tiers(POLICY, calendar=NATIONAL_DAY_2025, now=opened,
                           tiers=[STRATEGIC, PARTNER, ORDINARY])


def test_the_tier_check_catches_inverted_deadlines_that_the_settings_allowed() -> None:
    inverted = TieredEscalation.from_mapping({
        "first_reply": {"A": "4h", "B": "8h", "C": "2d", "D": "3d"},
        "resolution": {
            "A": {"critical": "1d", "major": "3d", "minor": "5d"},
            "B": {"critical": "2d", "major": "5d", "minor": "10d"},
            "C": {"critical": "3d", "major": "2d", "minor": "15d"},
            "D": {"critical": "5d", "major": "10d", "minor": "20d"},
        },
        "allow_inverted_deadlines": True,
    })
    with pytest.raises(AssertionError, match=(
        r"tier 'C' gets an earlier resolution deadline for a major problem opened at "
        r"2025-06-02T09:00:00\+08:00 \(2025-06-03T18:00:00\+08:00\) than tier 'B' above it "
        r"\(2025-06-06T18:00:00\+08:00\)"
    )):
        check_escalation_tiers(inverted, calendar=PLAIN_WEEKS, now=at(2025, 6, 2, 9))


def test_the_tier_check_catches_an_order_that_inverts_only_on_a_short_working_day() -> None:
    # 8 business hours against one business day: fine on a 9-hour working day, inverted on
    # a 4-hour one; the settings check refuses it, so only an explicit allowance gets it in.
    policy = TieredEscalation.from_mapping({
        "first_reply": {"A": "4h", "B": "8h", "C": "1d", "D": "3d"},
        "allow_inverted_deadlines": True,
    })
    mornings = BusinessCalendar(timezone="Asia/Shanghai", working_hours=[(time(8), time(12))])
    long_days = BusinessCalendar(timezone="Asia/Shanghai", working_hours=[(time(9), time(18))])
    check_escalation_tiers(policy, calendar=long_days, now=at(2025, 6, 2, 9))
    with pytest.raises(AssertionError, match="tier 'C' gets an earlier first-reply deadline"):
        check_escalation_tiers(policy, calendar=mornings, now=at(2025, 6, 2, 9))


def test_the_tier_check_needs_the_tiers_of_a_policy_that_does_not_list_them() -> None:
    class Uniform:
        def deadlines(self, *args: Any) -> Any:
            return POLICY.deadlines(*args)

    with pytest.raises(TypeError, match="pass tiers"):
        check_escalation_tiers(Uniform(), calendar=PLAIN_WEEKS,  # type: ignore[arg-type]
                               now=at(2025, 6, 2, 9))
    check_escalation_tiers(Uniform(), calendar=PLAIN_WEEKS,  # type: ignore[arg-type]
                           now=at(2025, 6, 2, 9), tiers=SCORE_TIERS)
