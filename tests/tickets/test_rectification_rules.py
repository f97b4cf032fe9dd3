"""Rules of a rectification notice found unguarded by mutation testing (seed 001 §七(一)3).

Each test kills a surviving mutant of keyaccount.domain.tickets.rectification; see
docs/explanation/testing.md ("Surviving mutants").
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from keyaccount import InvalidInput, RectificationAnswered, RectificationNotice, RectificationStatus

T0 = datetime.fromisoformat("2025-06-02T09:00+08:00")
DEADLINE = T0 + timedelta(days=7)


def a_notice(deadline: datetime = DEADLINE) -> RectificationNotice:
    notice, _ = RectificationNotice.issue(notice_id="N-1", finding="visit records incomplete",
                                          addressed_to="华东区", deadline=deadline, now=T0)
    return notice


def test_a_notice_may_be_due_the_moment_it_is_issued() -> None:
    assert a_notice(deadline=T0).deadline == T0


def test_a_notice_whose_deadline_is_before_its_issue_is_refused_naming_the_notice() -> None:
    with pytest.raises(InvalidInput, match=r"^rectification notice 'N-1': deadline "
                                           r"2025-06-01T09:00:00\+08:00 is before issued_at"):
        a_notice(deadline=T0 - timedelta(days=1))


def test_a_notice_may_be_answered_and_verified_the_moment_it_is_issued() -> None:
    answered, _ = a_notice().answer("records completed", now=T0)
    verified, _ = answered.verify(by="supervision group", now=T0)
    assert (verified.status, verified.answered_at, verified.verified_at) == (
        RectificationStatus.VERIFIED, T0, T0)


@pytest.mark.parametrize(("answered_at", "verified_at", "field"), [
    (T0 - timedelta(minutes=1), None, "answered_at"),
    (T0 + timedelta(hours=2), T0 + timedelta(hours=1), "verified_at"),
])
def test_a_notice_answered_or_verified_before_its_previous_step_is_refused(
    answered_at: datetime, verified_at: datetime | None, field: str
) -> None:
    with pytest.raises(InvalidInput, match=rf"^rectification notice 'N-1': {field} .* is "
                                           r"before .*; expected issued, answered, verified"):
        RectificationNotice(
            notice_id="N-1", finding="visit records incomplete", addressed_to="华东区",
            issued_at=T0, deadline=DEADLINE,
            status="verified" if verified_at else "answered", response="done",
            answered_at=answered_at, verified_at=verified_at,
            verified_by="supervision group" if verified_at else None)


def test_an_answer_at_the_deadline_itself_is_on_time() -> None:
    notice, (event,) = a_notice().answer("records completed", now=DEADLINE)
    assert isinstance(event, RectificationAnswered)
    assert event.on_time is True
    assert notice.answered_on_time is True
    _, (late,) = a_notice().answer("records completed", now=DEADLINE + timedelta(microseconds=1))
    assert isinstance(late, RectificationAnswered)
    assert late.on_time is False
