"""Rules of testing/_tickets.py (the ticket strategies and conformance checks) found by
mutation testing (docs/explanation/testing.md): the checks are run on broken policies too."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import find

from keyaccount import (
    TIER_A,
    TIER_B,
    BusinessCalendar,
    FeedbackTicket,
    TicketStatus,
    TierDeadlines,
    open_ticket,
)
from keyaccount.policies import TieredEscalation, presets
from keyaccount.testing import (
    LIFECYCLE_STEPS,
    check_escalation_policy,
    check_escalation_tiers,
    lifecycle_steps,
    take_step,
)
from national_day import PLAIN_WEEKS, at
from strategy_search import reaches, search_settings

MONDAY = at(2025, 6, 2, 9)
POLICY = presets.escalation()
FIND = search_settings(500)



class Forgetful:
    """A host's policy whose level falls back to 0 two days after the deadline."""

    warning_fraction = Decimal("0.75")
    priority_rank = 2

    def deadlines_for(self, tier: object) -> TierDeadlines:
        return POLICY.deadlines_for(tier)  # type: ignore[arg-type]

    def overdue_level(self, deadline: datetime, *, now: datetime,
                      calendar: BusinessCalendar) -> int:
        if now - deadline > timedelta(days=2):
            return 0
        return POLICY.overdue_level(deadline, now=now, calendar=calendar)

    def role(self, level: int) -> str:
        return POLICY.role(level)


def a_ticket() -> FeedbackTicket:
    ticket, _ = open_ticket(POLICY, ticket_id="T-1", account_id="ACME", tier=TIER_A,
                            source="phone", kind="complaint", severity="critical",
                            summary="line stopped", responsible_department="after-sales",
                            responsible_person="Li Lei", now=MONDAY, calendar=PLAIN_WEEKS)
    return ticket


def test_the_policy_check_catches_a_level_that_falls() -> None:
    moments = [MONDAY + timedelta(days=days) for days in (1, 2, 3, 9)]
    check_escalation_policy(POLICY, a_ticket(), moments, PLAIN_WEEKS)
    with pytest.raises(AssertionError, match=r"^level fell from \d+ to 0 at "):
        check_escalation_policy(Forgetful(), a_ticket(), moments, PLAIN_WEEKS)  # type: ignore[arg-type]


RESOLUTION = {"critical": "1d", "major": "3d", "minor": "5d"}


@pytest.mark.parametrize(("first_reply", "resolution", "what"), [
    ({"A": "8h", "B": "4h"}, {"A": RESOLUTION, "B": RESOLUTION}, "first-reply"),
    ({"A": "4h", "B": "4h"}, {"A": RESOLUTION, "B": {**RESOLUTION, "minor": "4d"}},
     "resolution"),
])
def test_the_tiers_check_catches_a_lower_tier_with_an_earlier_deadline(
    first_reply: dict[str, str], resolution: dict[str, object], what: str,
) -> None:
    inverted = TieredEscalation.from_mapping({
        "first_reply": first_reply, "resolution": resolution, "tier_aliases": {},
        "allow_inverted_deadlines": True})
    with pytest.raises(AssertionError, match=rf"^tier 'B' gets an earlier {what} deadline for a "
                                             rf"\w+ problem .* than tier 'A' above it"):
        check_escalation_tiers(inverted, calendar=PLAIN_WEEKS, now=MONDAY)


def test_the_tiers_check_passes_tiers_with_the_same_deadlines() -> None:
    same = TieredEscalation.from_mapping({
        "first_reply": {"A": "4h", "B": "4h"},
        "resolution": {"A": RESOLUTION, "B": RESOLUTION}, "tier_aliases": {}})
    check_escalation_tiers(same, calendar=PLAIN_WEEKS, now=MONDAY)
    check_escalation_tiers(same, calendar=PLAIN_WEEKS, now=MONDAY, tiers=["A", "B"])


def test_the_tiers_check_names_the_codes_of_tiers_given_as_tiers() -> None:
    inverted = TieredEscalation.from_mapping({
        "first_reply": {"A": "8h", "B": "4h"},
        "resolution": {"A": RESOLUTION, "B": RESOLUTION}, "tier_aliases": {},
        "allow_inverted_deadlines": True})
    with pytest.raises(AssertionError, match=r"^tier 'B' gets .* than tier 'A' above it"):
        check_escalation_tiers(inverted, calendar=PLAIN_WEEKS, now=MONDAY,
                               tiers=[TIER_A, TIER_B])


def test_lifecycle_steps_are_at_most_twelve_by_default_and_at_most_max_size() -> None:
    assert len(find(lifecycle_steps(), lambda steps: len(steps) >= 12, settings=FIND)) == 12
    assert not reaches(lifecycle_steps(), lambda steps: len(steps) > 12)
    assert not reaches(lifecycle_steps(max_size=3), lambda steps: len(steps) > 3)
    assert reaches(lifecycle_steps(), lambda steps: set(steps) == set(LIFECYCLE_STEPS))


def resolved() -> FeedbackTicket:
    ticket, _ = a_ticket().reply("on it", now=MONDAY + timedelta(hours=1))
    ticket, _ = ticket.resolve("fixed", now=MONDAY + timedelta(hours=2))
    return ticket


@pytest.mark.parametrize(("step", "satisfaction", "satisfied"), [
    ("close_satisfied", 5, True), ("close_unsatisfied", 2, False)])
def test_closing_steps_close_with_the_customers_answer_and_a_matching_score(
    step: str, satisfaction: int, satisfied: bool,
) -> None:
    closed, _ = take_step(resolved(), step, now=MONDAY + timedelta(hours=3),
                          calendar=PLAIN_WEEKS, policy=POLICY)
    assert (closed.status, closed.satisfaction, closed.satisfied) == (
        TicketStatus.CLOSED, satisfaction, satisfied)


def test_the_reopen_step_reopens_a_ticket_closed_unsatisfied() -> None:
    closed, _ = take_step(resolved(), "close_unsatisfied", now=MONDAY + timedelta(hours=3),
                          calendar=PLAIN_WEEKS, policy=POLICY)
    reopened, _ = take_step(closed, "reopen", now=MONDAY + timedelta(hours=4),
                            calendar=PLAIN_WEEKS, policy=POLICY)
    assert reopened.status is TicketStatus.REOPENED
