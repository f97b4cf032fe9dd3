"""The robustness suite of the tickets subdomain (SPEC §7, §11): every public call, spoiled."""

from __future__ import annotations

from datetime import timedelta

import attrs

from keyaccount import (
    TIER_A,
    ClosingRecord,
    DeadlineKind,
    EscalationMarks,
    FeedbackTicket,
    RectificationAnswered,
    RectificationEvent,
    RectificationIssued,
    RectificationNotice,
    RectificationOverdue,
    RectificationVerified,
    Severity,
    TicketAtRisk,
    TicketClosed,
    TicketDeadlines,
    TicketEscalated,
    TicketEvent,
    TicketHistoryEntry,
    TicketKind,
    TicketOpened,
    TicketPaused,
    TicketProgressReported,
    TicketReopened,
    TicketReplied,
    TicketResolved,
    TicketResumed,
    TicketStatus,
    TierDeadlines,
    close_ticket,
    escalation_level,
    evaluate_escalation,
    issue_notice,
    notice_for_ticket,
    notice_for_visits,
    open_ticket,
    reopen_ticket,
    ticket_deadlines,
    ticket_queue_key,
    who_must_act,
)
from keyaccount.domain.calendar import BusinessDuration
from keyaccount.policies import LedgerRules, RectificationRules, TieredEscalation, presets
from national_day import PLAIN_WEEKS, at
from robustness.harness import Call, suite

CALENDAR = PLAIN_WEEKS
POLICY = presets.escalation()
LEDGER = presets.ledger()
MONDAY = at(2025, 6, 2, 9)
LATER = MONDAY + timedelta(hours=1)
IDS = {"ticket_id": "T-1", "account_id": "ACME"}

OPENED, _ = open_ticket(
    POLICY, ticket_id="T-1", account_id="ACME", tier=TIER_A, source="phone",
    kind="complaint", severity="major", summary="late deliveries",
    responsible_department="logistics", responsible_person="Wang Fang", now=MONDAY,
    calendar=CALENDAR, departments=("quality",), lead_coordinator="key-account department",
)
IN_PROGRESS, _ = OPENED.reply("carrier contacted", now=LATER)
PAUSED, _ = IN_PROGRESS.pause("waiting for records", now=LATER)
RESOLVED, _ = IN_PROGRESS.resolve("new carrier", now=LATER)
CLOSED, _ = close_ticket(RESOLVED, LEDGER, told="new carrier", told_by="Chen Jing",
                         satisfaction=2, now=LATER)
# a late ticket: its first reply is overdue (level 1) on Tuesday
LATE = MONDAY + timedelta(days=1, hours=1)
AT_RISK = TicketAtRisk(occurred_at=LATER, **IDS, deadline_kind=DeadlineKind.RESOLUTION,
                       deadline=OPENED.resolution_deadline, remaining=timedelta(hours=2))
ESCALATED = TicketEscalated(occurred_at=LATER, **IDS, deadline_kind=DeadlineKind.FIRST_REPLY,
                            deadline=OPENED.first_reply_deadline, level=1,
                            role="department_head")
MARKS = EscalationMarks(first_reply_warned=True, first_reply_level=1)
ROW = TierDeadlines("4h", "1d", "3d", "5d")
SETTINGS = {
    "first_reply": {"A": "4h", "B": "8h"},
    "resolution": {"A": {"critical": "1d", "major": "3d", "minor": "5d"},
                   "B": {"critical": "2d", "major": "5d", "minor": "10d"}},
    "tier_aliases": {"STRATEGIC": "A"},
    "ladder": ["owner", "head", "director"],
    "escalation_step": "1d",
    "warning_fraction": "0.75",
    "priority_rank": 2,
    "allow_inverted_deadlines": False,
    "untiered": "B",
}
LEDGER_SETTINGS = {"lead_department": "marketing", "allow_other_leads": False,
                   "satisfied_from": 4, "allow_contradiction": False}
RULES = presets.rectification()
NOTICE, _ = issue_notice(RULES, notice_id="N-1", finding="records incomplete",
                         addressed_to="east", now=MONDAY, calendar=CALENDAR, refers_to="ACME")
ANSWERED, _ = NOTICE.answer("records completed", now=LATER)
VERIFIED, _ = ANSWERED.verify(by="supervision", now=LATE)
NOTICE_IDS = {"notice_id": "N-1", "refers_to": "ACME"}
# every field of a closed ticket, so that each one is set and can be spoiled
CLOSED_FIELDS = attrs.asdict(CLOSED, recurse=False)

CASES = [
    # --- values ---
    Call(EscalationMarks, True, 1, False, 0),
    Call(MARKS.announced, DeadlineKind.RESOLUTION, level=2),
    Call(MARKS.level, DeadlineKind.FIRST_REPLY),
    Call(MARKS.warned, DeadlineKind.FIRST_REPLY),
    Call(TicketHistoryEntry, MONDAY, "opened", TicketStatus.OPENED, "late deliveries"),
    Call(TierDeadlines, "4h", "1d", "3d", "5d"),
    Call(ROW.resolution, Severity.MAJOR),
    Call(TicketDeadlines, first_reply=MONDAY, resolution=LATER),
    Call(FeedbackTicket, **CLOSED_FIELDS),
    Call(ClosingRecord, told="new carrier", told_by="Chen Jing", told_at=LATER,
         satisfaction=None, satisfied=True),
    # --- the lifecycle ---
    Call(FeedbackTicket.open_ticket, ticket_id="T-2", account_id="ACME", tier=TIER_A,
         source="visit", kind="complaint", severity="major", summary="late and damaged",
         responsible_department="logistics", responsible_person="Wang Fang",
         first_reply_deadline=LATER, resolution_deadline=LATE, now=MONDAY,
         departments=["quality"], lead_coordinator="key-account department"),
    Call(OPENED.reply, "carrier contacted", now=LATER),
    Call(IN_PROGRESS.pause, "waiting for records", now=LATER),
    Call(PAUSED.resume, now=LATE, calendar=CALENDAR),
    Call(IN_PROGRESS.resolve, "new carrier", now=LATER),
    Call(RESOLVED.close, satisfaction=4, satisfied=True, now=LATE),
    Call(CLOSED.reopen, "still late", now=LATE, resolution_deadline=LATE + timedelta(days=2)),
    Call(OPENED.record_alerts, [AT_RISK, ESCALATED], now=LATE),
    # --- events ---
    Call(TicketEvent, occurred_at=MONDAY, **IDS),
    Call(TicketOpened, occurred_at=MONDAY, **IDS, tier_code="A", kind=TicketKind.COMPLAINT,
         severity=Severity.MAJOR, first_reply_deadline=LATER, resolution_deadline=LATE),
    Call(TicketReplied, occurred_at=MONDAY, **IDS, message="on our way", on_time=True),
    Call(TicketProgressReported, occurred_at=MONDAY, **IDS, message="samples taken"),
    Call(TicketPaused, occurred_at=MONDAY, **IDS, reason="waiting for records"),
    Call(TicketResumed, occurred_at=MONDAY, **IDS, paused_business_time=timedelta(hours=2),
         first_reply_deadline=LATER, resolution_deadline=LATE),
    Call(TicketResolved, occurred_at=MONDAY, **IDS, report="new carrier", on_time=True),
    Call(TicketClosed, occurred_at=MONDAY, **IDS, satisfaction=4, satisfied=True),
    Call(TicketReopened, occurred_at=MONDAY, **IDS, reason="still late",
         resolution_deadline=LATE, reopen_count=1),
    Call(TicketAtRisk, occurred_at=MONDAY, **IDS, deadline_kind=DeadlineKind.RESOLUTION,
         deadline=LATE, remaining=timedelta(hours=2)),
    Call(TicketEscalated, occurred_at=MONDAY, **IDS, deadline_kind=DeadlineKind.FIRST_REPLY,
         deadline=LATER, level=1, role="department_head"),
    # --- the policy ---
    Call(TieredEscalation, (("A", ROW),), (("STRATEGIC", "A"),), ("owner", "head"),
         BusinessDuration(days=1), "0.75", 2, False, "A"),
    Call(TieredEscalation.from_mapping, SETTINGS),
    Call(POLICY.deadlines_for, TIER_A),
    Call(POLICY.overdue_level, MONDAY, now=LATE, calendar=CALENDAR),
    Call(POLICY.role, 2),
    Call(presets.escalation),
    Call(LedgerRules, "key-account department", False, 4, False),
    Call(LedgerRules.from_mapping, LEDGER_SETTINGS),
    Call(LEDGER.satisfied_by, 4),
    Call(presets.ledger),
    # --- rectification notices ---
    Call(RectificationNotice, **attrs.asdict(VERIFIED, recurse=False)),
    Call(RectificationNotice.issue, notice_id="N-2", finding="late", addressed_to="east",
         deadline=LATE, now=MONDAY, refers_to="ACME"),
    Call(NOTICE.answer, "records completed", now=LATER),
    Call(ANSWERED.verify, by="supervision", now=LATE),
    Call(NOTICE.check_overdue, now=LATE + timedelta(days=30)),
    Call(RectificationEvent, occurred_at=MONDAY, **NOTICE_IDS),
    Call(RectificationIssued, occurred_at=MONDAY, **NOTICE_IDS, finding="late",
         addressed_to="east", deadline=LATE),
    Call(RectificationAnswered, occurred_at=MONDAY, **NOTICE_IDS, response="done",
         on_time=True),
    Call(RectificationVerified, occurred_at=MONDAY, **NOTICE_IDS, verified_by="supervision"),
    Call(RectificationOverdue, occurred_at=MONDAY, **NOTICE_IDS, deadline=LATE),
    Call(RectificationRules, BusinessDuration(days=5), 2, 2),
    Call(RectificationRules.from_mapping, {"answer_within": "5d", "ticket_level": 2,
                                           "overdue_visits": 2}),
    Call(presets.rectification),
    Call(issue_notice, RULES, notice_id="N-3", finding="late", addressed_to="east",
         now=MONDAY, calendar=CALENDAR, refers_to="ACME"),
    Call(notice_for_ticket, OPENED, POLICY, RULES, notice_id="N-4",
         now=MONDAY + timedelta(days=3), calendar=CALENDAR),
    Call(notice_for_visits, "ACME", 3, RULES, addressed_to="east", notice_id="N-5",
         now=MONDAY, calendar=CALENDAR),
    # --- the services ---
    Call(ticket_deadlines, TIER_A, Severity.MAJOR, POLICY, opened_at=MONDAY, calendar=CALENDAR),
    Call(open_ticket, POLICY, ticket_id="T-3", account_id="ACME", tier=TIER_A, source="phone",
         kind="after_sales", severity="minor", summary="invoice wrong",
         responsible_department="finance", responsible_person="Zhou Min", now=MONDAY,
         calendar=CALENDAR, lead_coordinator="key-account department",
         departments=["logistics"]),
    Call(open_ticket, POLICY, ticket_id="T-4", account_id="PROSPECT", tier=None,
         source="phone", kind="complaint", severity="minor", summary="sample broken",
         responsible_department="logistics", responsible_person="Wang Fang", now=MONDAY,
         calendar=CALENDAR, departments=["quality"], ledger=LEDGER),
    Call(close_ticket, RESOLVED, LEDGER, told="new carrier", told_by="Chen Jing", now=LATE,
         satisfaction=4, satisfied=True, told_at=LATER),
    Call(reopen_ticket, CLOSED, POLICY, reason="still late", now=LATE, calendar=CALENDAR),
    Call(escalation_level, OPENED, POLICY, now=LATE, calendar=CALENDAR),
    Call(who_must_act, OPENED, POLICY, now=LATE, calendar=CALENDAR),
    Call(evaluate_escalation, OPENED, POLICY, now=LATE, calendar=CALENDAR),
    Call(ticket_queue_key, OPENED, POLICY),
]

test_each_argument_corrupted, test_random_corruption, test_the_valid_call = suite(CASES)
