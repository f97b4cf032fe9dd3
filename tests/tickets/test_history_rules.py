"""Rules of tickets/history.py found by mutation testing (docs/explanation/testing.md)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from keyaccount import (
    DeadlineKind,
    EscalationMarks,
    InvalidInput,
    TicketHistoryEntry,
    TicketStatus,
)

AT = datetime(2025, 3, 3, 9, tzinfo=UTC)
STEPS = (
    "opened", "replied", "progress_reported", "paused", "resumed", "resolved", "closed",
    "reopened", "at_risk", "escalated", "handed_over",
)  # fmt: skip


@pytest.mark.parametrize("step", STEPS)
def test_every_documented_step_may_be_in_a_history(step: str) -> None:
    assert TicketHistoryEntry(AT, step, "opened").step == step


@pytest.mark.parametrize("step", ["deleted", "Opened"])
def test_an_unknown_step_is_refused_listing_the_steps(step: str) -> None:
    with pytest.raises(InvalidInput, match=r"^TicketHistoryEntry\.step must be one of \['opened'"):
        TicketHistoryEntry(AT, step, "opened")


def test_a_history_entrys_status_is_taken_as_a_member_or_by_name() -> None:
    assert TicketHistoryEntry(AT, "paused", "paused").status is TicketStatus.PAUSED
    assert TicketHistoryEntry(AT, "closed", TicketStatus.CLOSED).status is TicketStatus.CLOSED


def test_an_unknown_status_is_refused_naming_the_field() -> None:
    with pytest.raises(
        InvalidInput, match=r"^TicketHistoryEntry\.status must be one of \[.*'lost'"
    ):
        TicketHistoryEntry(AT, "opened", "lost")


@pytest.mark.parametrize("kind", [DeadlineKind.FIRST_REPLY, "first_reply"])
def test_marks_of_the_first_reply_are_read_by_member_or_name(kind: object) -> None:
    marks = EscalationMarks(first_reply_warned=True, first_reply_level=2)
    assert marks.warned(kind) is True  # type: ignore[arg-type]
    assert marks.level(kind) == 2  # type: ignore[arg-type]
    assert not marks.warned("resolution")
    assert marks.level("resolution") == 0


@pytest.mark.parametrize("read", ["warned", "level", "announced"])
def test_an_unknown_deadline_is_refused_naming_it(read: str) -> None:
    with pytest.raises(InvalidInput, match=r"^deadline must be one of \[.*'reply'"):
        getattr(EscalationMarks(), read)("reply")


def test_an_announcement_marks_its_deadline_and_levels_never_go_down() -> None:
    marks = EscalationMarks().announced("first_reply", level=3)
    assert (marks.first_reply_warned, marks.first_reply_level) == (True, 3)
    assert (marks.resolution_warned, marks.resolution_level) == (False, 0)
    assert marks.announced(DeadlineKind.FIRST_REPLY, level=1).first_reply_level == 3
    warned = EscalationMarks().announced("resolution")
    assert (warned.resolution_warned, warned.resolution_level) == (True, 0)


@pytest.mark.parametrize("level", [-1, True, "2", 10**9 + 1])
def test_an_announced_level_that_is_not_a_count_is_refused_naming_it(level: object) -> None:
    with pytest.raises(InvalidInput, match=r"^level must be an int in 0\.\."):
        EscalationMarks().announced("resolution", level=level)  # type: ignore[arg-type]


@pytest.mark.parametrize("step", ["", "  ", None])
def test_a_blank_step_is_refused_naming_the_field(step: object) -> None:
    with pytest.raises(InvalidInput, match=r"^TicketHistoryEntry\.step must be "):
        TicketHistoryEntry(AT, step, "opened")  # type: ignore[arg-type]
