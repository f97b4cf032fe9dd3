"""Rectification notices: what is wrong, to whom, by when (seed 001 §七(一)3; SPEC §7)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from keyaccount import (
    TIER_A,
    InvalidInput,
    InvalidTransition,
    PolicyConfigError,
    RectificationAnswered,
    RectificationIssued,
    RectificationNotice,
    RectificationOverdue,
    RectificationStatus,
    RectificationVerified,
    issue_notice,
    notice_for_ticket,
    notice_for_visits,
    open_ticket,
)
from keyaccount.domain.calendar import BusinessDuration
from keyaccount.policies import RectificationRules, presets
from national_day import NATIONAL_DAY_2025, PLAIN_WEEKS, at

RULES = presets.rectification()
EVE = at(2025, 9, 30, 10)  # the eve of the National Day holiday


def issued(**changes: Any) -> RectificationNotice:
    fields: dict[str, Any] = {"notice_id": "N-1", "finding": "visit records incomplete",
                              "addressed_to": "华东区", "now": EVE,
                              "calendar": NATIONAL_DAY_2025}
    fields.update(changes)
    notice, _ = issue_notice(RULES, **fields)
    return notice


def test_the_deadline_is_counted_on_the_business_calendar() -> None:
    # five business days from the eve of the holiday: 9, 10, 11 (make-up), 13, 14 October
    notice = issued()
    assert notice.deadline == at(2025, 10, 14, 10)


def test_issuing_a_notice_says_what_is_wrong_to_whom_and_by_when() -> None:
    notice, events = issue_notice(RULES, notice_id="N-1", finding="records incomplete",
                                  addressed_to="华东区", now=EVE, calendar=NATIONAL_DAY_2025,
                                  refers_to="ACME")
    assert events == (RectificationIssued(
        occurred_at=EVE, notice_id="N-1", refers_to="ACME", finding="records incomplete",
        addressed_to="华东区", deadline=notice.deadline),)
    assert notice.status is RectificationStatus.ISSUED
    assert notice.is_open


def test_issued_answered_verified_with_events() -> None:
    notice = issued()
    notice, events = notice.answer("records completed", now=at(2025, 10, 9, 10))
    assert isinstance(events[0], RectificationAnswered)
    assert events[0].on_time
    notice, events = notice.verify(by="supervision group", now=at(2025, 10, 10, 10))
    assert isinstance(events[0], RectificationVerified)
    assert notice.status is RectificationStatus.VERIFIED
    assert not notice.is_open


def test_a_notice_past_its_deadline_is_reported_overdue_once() -> None:
    notice = issued()
    same, events = notice.check_overdue(now=notice.deadline)
    assert (same, events) == (notice, ())
    late, events = notice.check_overdue(now=notice.deadline + timedelta(minutes=1))
    assert late.status is RectificationStatus.OVERDUE
    assert isinstance(events[0], RectificationOverdue)
    assert late.check_overdue(now=notice.deadline + timedelta(days=3))[1] == ()
    answered, events = late.answer("done at last", now=notice.deadline + timedelta(days=4))
    assert answered.answered_on_time is False
    assert events[0].on_time is False  # type: ignore[attr-defined]


def test_only_an_answered_notice_is_verified() -> None:
    with pytest.raises(InvalidTransition, match="is issued; cannot verify"):
        issued().verify(by="supervision group", now=at(2025, 10, 9, 10))
    answered, _ = issued().answer("done", now=at(2025, 10, 9, 10))
    with pytest.raises(InvalidTransition, match="is answered; cannot answer"):
        answered.answer("done again", now=at(2025, 10, 9, 11))


def test_time_moves_forward_on_a_notice() -> None:
    with pytest.raises(InvalidInput, match="expected time to move forward"):
        issued().answer("done", now=EVE - timedelta(hours=1))


def test_a_stored_notice_with_fields_that_contradict_its_status_is_refused() -> None:
    with pytest.raises(InvalidInput, match="expected response set exactly while answered"):
        attrs.evolve(issued(), status=RectificationStatus.ANSWERED)
    with pytest.raises(InvalidInput, match=r"deadline .* is before issued_at"):
        attrs.evolve(issued(), deadline=EVE - timedelta(days=1))


def test_a_ticket_that_falls_behind_gets_a_notice_for_its_department() -> None:
    escalation = presets.escalation()
    monday = at(2025, 6, 2, 9)
    ticket, _ = open_ticket(escalation, ticket_id="T-1", account_id="ACME", tier=TIER_A,
                            source="phone", kind="complaint", severity="critical",
                            summary="line stopped", responsible_department="after-sales",
                            responsible_person="Li Lei", now=monday, calendar=PLAIN_WEEKS)
    assert notice_for_ticket(ticket, escalation, RULES, notice_id="N-2",
                             now=monday + timedelta(days=1, hours=1),
                             calendar=PLAIN_WEEKS) is None  # level 1: not yet
    change = notice_for_ticket(ticket, escalation, RULES, notice_id="N-2",
                               now=monday + timedelta(days=2, hours=1), calendar=PLAIN_WEEKS)
    assert change is not None
    notice, _ = change
    assert (notice.addressed_to, notice.refers_to) == ("after-sales", "T-1")
    assert "escalation level 2" in notice.finding


def test_a_visit_plan_that_falls_behind_gets_a_notice_for_its_team() -> None:
    kwargs: dict[str, Any] = {"addressed_to": "华东区", "notice_id": "N-3", "now": EVE,
                              "calendar": NATIONAL_DAY_2025}
    assert notice_for_visits("ACME", 1, RULES, **kwargs) is None
    change = notice_for_visits("ACME", 2, RULES, **kwargs)
    assert change is not None
    assert change[0].refers_to == "ACME"


def test_the_rules_are_settings() -> None:
    rules = RectificationRules.from_mapping({"answer_within": "2d", "ticket_level": 1,
                                             "overdue_visits": 3})
    assert rules.answer_within == BusinessDuration(days=2)
    for bad in ({"answer_within": "0d"}, {"ticket_level": 0}, {"overdue_visits": True},
                {"deadline": "5d"}):
        with pytest.raises(PolicyConfigError):
            RectificationRules.from_mapping(bad)


@given(days=st.integers(1, 30), start=st.dates(date(2025, 1, 1), date(2026, 12, 20)))
def test_a_deadline_is_never_before_the_issue_and_falls_in_working_hours(
    days: int, start: date,
) -> None:
    rules = RectificationRules(answer_within=BusinessDuration(days=days))
    now = at(start.year, start.month, start.day, 10)
    notice, _ = issue_notice(rules, notice_id="N", finding="f", addressed_to="a", now=now,
                             calendar=PLAIN_WEEKS)
    assert notice.deadline > now
    assert PLAIN_WEEKS.is_working_day(notice.deadline.date())
    assert PLAIN_WEEKS.business_time_between(now, notice.deadline) == (
        days * PLAIN_WEEKS.working_day_length)
