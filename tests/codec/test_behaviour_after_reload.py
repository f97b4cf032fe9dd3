"""A reloaded ticket, plan or calendar behaves as the one that was stored (issue 14)."""

from __future__ import annotations

import json
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from keyaccount import (
    BusinessCalendar,
    CalendarRangeError,
    ComplianceReport,
    FeedbackTicket,
    VisitPlan,
    escalation_level,
    evaluate_compliance,
    evaluate_escalation,
    who_must_act,
)
from keyaccount.codec import dump, load
from keyaccount.policies import presets
from keyaccount.testing import HOST_TIER, stored_values

CALENDAR = BusinessCalendar(timezone="Asia/Shanghai")
SHANGHAI = ZoneInfo("Asia/Shanghai")
POLICY = presets.escalation()


def reloaded(value: Any) -> Any:
    return load(json.loads(json.dumps(dump(value))), tiers=[HOST_TIER])


@settings(max_examples=40)
@given(stored_values(FeedbackTicket), st.integers(0, 30 * 24 * 60))
def test_a_reloaded_ticket_escalates_as_the_stored_one(
    ticket: FeedbackTicket, minutes: int
) -> None:
    if ticket.tier == HOST_TIER:
        return  # the seed policy has no deadlines for a host's own tier
    now = ticket.last_changed_at + timedelta(minutes=minutes)
    again = reloaded(ticket)
    assert (again.first_reply_deadline, again.resolution_deadline) == (
        ticket.first_reply_deadline, ticket.resolution_deadline)
    for check in (escalation_level, who_must_act, evaluate_escalation):
        assert check(again, POLICY, now=now, calendar=CALENDAR) == check(
            ticket, POLICY, now=now, calendar=CALENDAR)


@settings(max_examples=25)
@given(stored_values(ComplianceReport), st.integers(0, 400))
def test_reloaded_plans_give_the_same_compliance(report: ComplianceReport, days: int) -> None:
    plans: tuple[VisitPlan, ...] = tuple(account.plan for account in report.accounts)
    now = datetime.combine(plans[0].period.start, time(18), SHANGHAI) + timedelta(days=days)
    again = tuple(reloaded(plan) for plan in plans)
    assert evaluate_compliance(again, (), now=now, zone=SHANGHAI) == evaluate_compliance(
        plans, (), now=now, zone=SHANGHAI)
    assert reloaded(report) == report


@settings(max_examples=25)
@given(stored_values(BusinessCalendar), stored_values(FeedbackTicket))
def test_a_reloaded_calendar_counts_business_time_as_the_stored_one(
    calendar: BusinessCalendar, ticket: FeedbackTicket
) -> None:
    again = reloaded(calendar)
    start = ticket.opened_at
    assert again == calendar
    assert again.timezone == calendar.timezone
    try:
        expected: object = calendar.add_business_time(start, timedelta(hours=30))
    except CalendarRangeError:  # outside the calendar's span: the reload refuses alike
        expected = CalendarRangeError
    try:
        found: object = again.add_business_time(start, timedelta(hours=30))
    except CalendarRangeError:
        found = CalendarRangeError
    assert found == expected
