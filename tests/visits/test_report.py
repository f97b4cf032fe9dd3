"""The visit report and the feedback meeting (seed 001 §五(一)1-2)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from keyaccount import (
    TIER_B,
    FeedbackItem,
    FeedbackMeeting,
    InvalidInput,
    Period,
    issue_notice,
    record_visit,
    visit_report,
)
from keyaccount.policies import presets
from visit_fixtures import CALENDAR, SHANGHAI, complete_record

H1 = Period.half_year(2026, 1)
COMPLAINT = FeedbackItem("late deliveries", kind="complaint", severity="major",
                         responsible_department="logistics", responsible_person="zhao")


def _visits() -> tuple[list, list]:  # type: ignore[type-arg]
    records, tickets = [], []
    for number, (account, day) in enumerate([("ACME", 4), ("BOLT", 3), ("ZETA", 3)]):
        record = complete_record(record_id=f"R{number}", account_id=account,
                                 visited_at=datetime(2026, 3, day, 10, tzinfo=SHANGHAI),
                                 feedback=[COMPLAINT], suggestions=[f"idea {number}"])
        _, opened, _ = record_visit(record, presets.escalation(), tier=TIER_B,
                                    now=record.visited_at + timedelta(hours=2),
                                    calendar=CALENDAR, ledger=presets.ledger())
        records.append(record)
        tickets.extend(opened)
    return records, tickets


def test_the_report_gathers_the_teams_visits_tickets_and_suggestions_of_the_period() -> None:
    records, tickets = _visits()
    report = visit_report(records, tickets, team="华东区", accounts=["ACME", "BOLT"],
                          period=H1)
    assert [r.record_id for r in report.visits] == ["R1", "R0"]  # oldest first
    assert {t.account_id for t in report.tickets} == {"ACME", "BOLT"}
    assert report.suggestions == (("BOLT", "R1", "idea 1"), ("ACME", "R0", "idea 0"))
    assert report.tickets_by_status == {"opened": 4}
    assert len(report.open_tickets) == 4


def test_visits_outside_the_period_are_left_out() -> None:
    records, tickets = _visits()
    report = visit_report(records, tickets, team="华东区", accounts=["ACME"],
                          period=Period.half_year(2026, 2))
    assert report.visits == ()
    assert report.tickets == ()


def test_the_day_of_a_visit_is_read_in_the_zone_given() -> None:
    late = complete_record(visited_at=datetime(2026, 6, 30, 17, tzinfo=UTC))
    # 17:00 UTC on 30 June is 1 July 01:00 in Shanghai: outside 2026-H1 there
    assert visit_report([late], [], team="t", accounts=["ACME"], period=H1).visits == (late,)
    assert visit_report([late], [], team="t", accounts=["ACME"], period=H1,
                        zone=SHANGHAI).visits == ()


def test_the_meeting_records_its_decisions_as_tickets_and_notices() -> None:
    records, tickets = _visits()
    report = visit_report(records, tickets, team="华东区", accounts=["ACME"], period=H1)
    held = datetime(2026, 3, 10, 10, tzinfo=SHANGHAI)
    _, decided, _ = record_visit(records[0], presets.escalation(), tier=TIER_B, now=held,
                                 calendar=CALENDAR)
    notice, _ = issue_notice(presets.rectification(), notice_id="N-1",
                             finding="visit records incomplete", addressed_to="华东区",
                             now=held, calendar=CALENDAR)
    meeting = FeedbackMeeting(report=report, held_at=held, attendees=["logistics", "quality"],
                              tickets=decided, notices=[notice])
    assert meeting.decisions == ("R0-1", "N-1")


def test_a_meeting_decision_must_come_from_the_meeting() -> None:
    records, tickets = _visits()
    report = visit_report(records, tickets, team="华东区", accounts=["ACME"], period=H1)
    with pytest.raises(InvalidInput, match="opened before the meeting"):
        FeedbackMeeting(report=report, held_at=datetime(2026, 3, 10, 10, tzinfo=SHANGHAI),
                        tickets=tickets[:1])
    with pytest.raises(InvalidInput, match="is before the report's period"):
        FeedbackMeeting(report=report, held_at=datetime(2025, 12, 9, 10, tzinfo=SHANGHAI))


@given(accounts=st.sets(st.sampled_from(["ACME", "BOLT", "ZETA", "NONE"])))
def test_the_report_holds_exactly_the_teams_accounts(accounts: set[str]) -> None:
    records, tickets = _visits()
    report = visit_report(records, tickets, team="t", accounts=sorted(accounts), period=H1)
    assert {r.account_id for r in report.visits} == accounts - {"NONE"}
    assert {t.account_id for t in report.tickets} == accounts - {"NONE"}
