"""Every account heard, the lead coordinator and the closing record (SPEC §7; seed 001 §五)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from keyaccount import (
    SATISFACTION_SCALE,
    TIER_A,
    TIER_D,
    ClosingRecord,
    FeedbackItem,
    FeedbackTicket,
    InvalidInput,
    InvalidTransition,
    PolicyConfigError,
    TicketKind,
    TicketOpened,
    Topic,
    VisitKind,
    VisitRecord,
    close_ticket,
    open_ticket,
    record_visit,
    reopen_ticket,
    ticket_deadlines,
    ticket_queue_key,
)
from keyaccount.policies import LedgerRules, TieredEscalation, presets
from national_day import NATIONAL_DAY_2025, PLAIN_WEEKS, at

POLICY = presets.escalation()
LEDGER = presets.ledger()
MONDAY = at(2025, 6, 2, 9)


def opened(**changes: Any) -> tuple[FeedbackTicket, tuple[Any, ...]]:
    fields: dict[str, Any] = {
        "ticket_id": "T-1", "account_id": "PROSPECT-7", "tier": None, "source": "phone",
        "kind": "complaint", "severity": "major", "summary": "sample order arrived broken",
        "responsible_department": "logistics", "responsible_person": "Wang Fang",
        "now": MONDAY, "calendar": PLAIN_WEEKS,
    }
    fields.update(changes)
    return open_ticket(POLICY, **fields)


def resolved(**changes: Any) -> FeedbackTicket:
    ticket, _ = opened(**changes)
    ticket, _ = ticket.reply("replacement on its way", now=MONDAY + timedelta(hours=1))
    ticket, _ = ticket.resolve("replaced; report LOG-9", now=MONDAY + timedelta(days=1))
    return ticket


# --- every account can raise a problem ---


def test_an_account_without_a_tier_can_raise_a_problem_with_tier_d_deadlines() -> None:
    ticket, events = opened()
    expected = ticket_deadlines(TIER_D, "major", POLICY, opened_at=MONDAY, calendar=PLAIN_WEEKS)
    assert ticket.tier is None
    assert (ticket.first_reply_deadline, ticket.resolution_deadline) == (
        expected.first_reply, expected.resolution)
    assert isinstance(events[0], TicketOpened)
    assert events[0].tier_code is None


def test_the_row_of_accounts_without_a_tier_is_a_setting() -> None:
    policy = TieredEscalation.from_mapping({"untiered": "B"})
    assert policy.deadlines_for(None) == policy.deadlines_for("B")
    assert TieredEscalation.from_mapping({"untiered": "PARTNER"}).deadlines_for(None) == (
        policy.deadlines_for("B"))
    with pytest.raises(PolicyConfigError, match="untiered must name a tier with deadlines"):
        TieredEscalation.from_mapping({"untiered": "Z"})


def test_the_row_of_accounts_without_a_tier_defaults_to_the_last_tier_listed() -> None:
    own = TieredEscalation.from_mapping({
        "first_reply": {"GOLD": "4h", "SILVER": "1d"},
        "resolution": {"GOLD": {"critical": "1d", "major": "2d", "minor": "3d"},
                       "SILVER": {"critical": "2d", "major": "3d", "minor": "4d"}},
        "tier_aliases": {},
    })
    assert own.deadlines_for(None) == own.deadlines_for("SILVER")


def test_a_reopened_ticket_without_a_tier_keeps_the_default_row() -> None:
    ticket = resolved()
    ticket, _ = reopen_ticket(ticket, POLICY, reason="broken again", now=MONDAY + timedelta(
        days=2), calendar=PLAIN_WEEKS)
    budget = POLICY.deadlines_for(TIER_D).major.on(PLAIN_WEEKS)
    assert ticket.resolution_deadline == PLAIN_WEEKS.add_business_time(
        MONDAY + timedelta(days=2), budget)


def test_complaints_of_accounts_without_a_tier_do_not_jump_the_queue() -> None:
    untiered, _ = opened(ticket_id="U")
    top, _ = opened(ticket_id="A", tier=TIER_A, kind="after_sales")
    assert ticket_queue_key(untiered, POLICY)[0] == 1
    assert ticket_queue_key(top, POLICY)[0] == 1


def test_a_tier_must_be_a_tier_or_none() -> None:
    with pytest.raises(InvalidInput, match="tier must be a Tier or None"):
        opened(tier="A")


# --- the lead coordinator ---


def test_a_cross_department_problem_is_led_by_the_key_account_department_by_default() -> None:
    ticket, _ = opened(departments=["quality"], ledger=LEDGER)
    assert ticket.lead_coordinator == "key-account department"
    single, _ = opened(ledger=LEDGER)
    assert single.lead_coordinator is None


def test_another_lead_is_refused_unless_the_settings_allow_it() -> None:
    with pytest.raises(InvalidInput, match="lead_coordinator must be 'key-account department'"):
        opened(departments=["quality"], lead_coordinator="quality", ledger=LEDGER)
    allowing = LedgerRules.from_mapping({"allow_other_leads": True})
    ticket, _ = opened(departments=["quality"], lead_coordinator="quality", ledger=allowing)
    assert ticket.lead_coordinator == "quality"


def test_the_leading_department_is_a_setting() -> None:
    rules = LedgerRules.from_mapping({"lead_department": "marketing"})
    ticket, _ = opened(departments=["quality"], ledger=rules)
    assert ticket.lead_coordinator == "marketing"


# --- the closing record ---


def test_the_closing_record_keeps_what_the_customer_was_told_by_whom_and_when() -> None:
    told_at = MONDAY + timedelta(days=1, hours=2)
    ticket, events = close_ticket(resolved(), LEDGER, told="replacement delivered",
                                  told_by="Chen Jing", told_at=told_at, satisfaction=5,
                                  now=MONDAY + timedelta(days=2))
    assert ticket.closing == ClosingRecord(told="replacement delivered", told_by="Chen Jing",
                                           told_at=told_at, satisfaction=5, satisfied=True)
    assert events[0].closing == ticket.closing


def test_satisfaction_may_be_not_given_without_blocking_the_close() -> None:
    ticket, events = close_ticket(resolved(), LEDGER, told="done", told_by="Chen Jing",
                                  satisfied=True, now=MONDAY + timedelta(days=2))
    assert (ticket.status.value, ticket.satisfaction, ticket.satisfied) == ("closed", None, True)
    assert events[0].satisfaction is None
    assert ticket.closing is not None
    assert not ticket.closing.satisfaction_given


def test_a_customer_who_gave_no_answer_is_not_counted_satisfied() -> None:
    ticket, _ = close_ticket(resolved(), LEDGER, told="done", told_by="Chen Jing",
                             now=MONDAY + timedelta(days=2))
    assert ticket.satisfied is False
    reopened, _ = reopen_ticket(ticket, POLICY, reason="no answer yet", now=MONDAY + timedelta(
        days=3), calendar=PLAIN_WEEKS)
    assert reopened.closing is None


@pytest.mark.parametrize("score", list(SATISFACTION_SCALE))
def test_satisfied_is_derived_from_the_score_by_the_threshold(score: int) -> None:
    ticket, _ = close_ticket(resolved(), LEDGER, told="done", told_by="Chen Jing",
                             satisfaction=score, now=MONDAY + timedelta(days=2))
    assert ticket.satisfied is (score >= 4)


def test_a_contradiction_is_refused_by_default() -> None:
    with pytest.raises(InvalidInput, match="satisfied=True contradicts satisfaction 1"):
        close_ticket(resolved(), LEDGER, told="done", told_by="Chen Jing", satisfaction=1,
                     satisfied=True, now=MONDAY + timedelta(days=2))


def test_a_setting_may_allow_a_contradiction() -> None:
    rules = LedgerRules.from_mapping({"allow_contradiction": True})
    ticket, _ = close_ticket(resolved(), rules, told="done", told_by="Chen Jing",
                             satisfaction=1, satisfied=True, now=MONDAY + timedelta(days=2))
    assert (ticket.satisfaction, ticket.satisfied) == (1, True)


def test_the_customer_is_told_after_the_resolution_and_by_the_close() -> None:
    with pytest.raises(InvalidInput, match=r"closing\.told_at"):
        close_ticket(resolved(), LEDGER, told="done", told_by="Chen Jing", told_at=MONDAY,
                     now=MONDAY + timedelta(days=2))


def test_a_closing_record_that_disagrees_with_the_ticket_is_refused() -> None:
    ticket, _ = close_ticket(resolved(), LEDGER, told="done", told_by="Chen Jing",
                             satisfaction=5, now=MONDAY + timedelta(days=2))
    with pytest.raises(InvalidInput, match="closing record says"):
        attrs.evolve(ticket, satisfied=False)
    with pytest.raises(InvalidInput, match="expected a closing record only on a closed"):
        attrs.evolve(resolved(), closing=ticket.closing)


def test_only_a_resolved_ticket_is_closed() -> None:
    ticket, _ = opened()
    with pytest.raises(InvalidTransition):
        close_ticket(ticket, LEDGER, told="done", told_by="x", now=MONDAY)


@given(threshold=st.integers(2, 5), score=st.integers(1, 5))
def test_the_threshold_splits_the_scale_in_two(threshold: int, score: int) -> None:
    rules = LedgerRules(satisfied_from=threshold)
    assert rules.satisfied_by(score) is (score >= threshold)
    # monotone: a better score is never less satisfied
    assert not rules.satisfied_by(score) or rules.satisfied_by(min(score + 1, 5))


@given(settings=st.fixed_dictionaries({}, optional={
    "lead_department": st.text(min_size=1).filter(str.strip),
    "allow_other_leads": st.booleans(), "allow_contradiction": st.booleans(),
    "satisfied_from": st.integers(2, 5)}))
def test_the_ledger_settings_are_kept_as_given(settings: dict[str, Any]) -> None:
    rules = LedgerRules.from_mapping(settings)
    for key, value in settings.items():
        assert getattr(rules, key) == value


@pytest.mark.parametrize("settings", [{"satisfied_from": 1}, {"satisfied_from": True},
                                      {"lead_department": " "}, {"allow_other_leads": "no"},
                                      {"leader": "x"}])
def test_bad_ledger_settings_are_refused(settings: dict[str, Any]) -> None:
    with pytest.raises(PolicyConfigError):
        LedgerRules.from_mapping(settings)


# --- suggestions kept ---


def _visit(**changes: Any) -> VisitRecord:
    fields: dict[str, Any] = {
        "record_id": "V-1", "account_id": "PROSPECT-7", "kind": VisitKind.ON_SITE,
        "visited_at": at(2025, 9, 29, 10), "place": "plant", "visitors": ["zhang", "li"],
        "customer_situation": "steady", "topics": [Topic.BUSINESS_COOPERATION],
        "content": "cooperation",
        "feedback": [FeedbackItem("late deliveries", kind="complaint", severity="major",
                               responsible_department="logistics", responsible_person="zhao",
                               lead_coordinator=None)],
        "suggestions": ["a monthly delivery report", "an online order portal"]}
    fields.update(changes)
    return VisitRecord(**fields)


def test_suggestions_given_in_a_visit_are_kept_with_who_follows_them_up() -> None:
    _, tickets, events = record_visit(_visit(), POLICY, tier=None, now=at(2025, 9, 29, 16),
                                      calendar=NATIONAL_DAY_2025, ledger=LEDGER,
                                      follow_up_by="li")
    kept = [t for t in tickets if t.kind is TicketKind.SUGGESTION_OR_DEMAND]
    assert [(t.ticket_id, t.summary, t.responsible_person, t.responsible_department)
            for t in kept] == [
        ("V-1-S1", "a monthly delivery report", "li", "key-account department"),
        ("V-1-S2", "an online order portal", "li", "key-account department")]
    assert len(events) == 1 + 3


def test_the_first_visitor_follows_suggestions_up_by_default() -> None:
    _, tickets, _ = record_visit(_visit(feedback=[]), POLICY, tier=TIER_A,
                                 now=at(2025, 9, 29, 16), calendar=NATIONAL_DAY_2025,
                                 ledger=LEDGER)
    assert {t.responsible_person for t in tickets} == {"zhang"}


def test_without_a_ledger_suggestions_stay_on_the_record() -> None:
    _, tickets, _ = record_visit(_visit(), POLICY, tier=TIER_A, now=at(2025, 9, 29, 16),
                                 calendar=NATIONAL_DAY_2025)
    assert [t.ticket_id for t in tickets] == ["V-1-1"]
