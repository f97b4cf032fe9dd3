"""Rules of tickets/supervision.py found by mutation testing (docs/explanation/testing.md)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest

from keyaccount import (
    TIER_A,
    FeedbackTicket,
    InvalidInput,
    issue_notice,
    notice_for_ticket,
    notice_for_visits,
    open_ticket,
)
from keyaccount.policies import presets
from national_day import PLAIN_WEEKS, at

MONDAY = at(2025, 6, 2, 9)
NAIVE = datetime(2025, 6, 2, 9)  # noqa: DTZ001
RULES = presets.rectification()


class Partial:
    """A host's rectification policy holding only some of the settings."""

    def __init__(self, **settings: object) -> None:
        self.__dict__.update(settings)


def a_ticket() -> FeedbackTicket:
    ticket, _ = open_ticket(presets.escalation(), ticket_id="T-1", account_id="ACME",
                            tier=TIER_A, source="phone", kind="complaint", severity="critical",
                            summary="line stopped", responsible_department="after-sales",
                            responsible_person="Li Lei", now=MONDAY, calendar=PLAIN_WEEKS)
    return ticket


@pytest.mark.parametrize(("present", "missing"), [
    ({"ticket_level": 99}, "answer_within"),  # no notice due: refused all the same
    ({"answer_within": RULES.answer_within}, "ticket_level"),
])
def test_a_ticket_notice_policy_lacking_a_setting_is_refused_naming_it(
    present: dict[str, object], missing: str,
) -> None:
    with pytest.raises(InvalidInput,
                       match=rf"^policy must be a RectificationPolicy \(with {missing}\)"):
        notice_for_ticket(a_ticket(), presets.escalation(), Partial(**present),  # type: ignore[arg-type]
                          notice_id="N-1", now=MONDAY + timedelta(hours=1),
                          calendar=PLAIN_WEEKS)


@pytest.mark.parametrize(("present", "missing"), [
    ({"overdue_visits": 99}, "answer_within"),  # no notice due: refused all the same
    ({"answer_within": RULES.answer_within}, "overdue_visits"),
])
def test_a_visit_notice_policy_lacking_a_setting_is_refused_naming_it(
    present: dict[str, object], missing: str,
) -> None:
    with pytest.raises(InvalidInput,
                       match=rf"^policy must be a RectificationPolicy \(with {missing}\)"):
        notice_for_visits("ACME", 1, Partial(**present), addressed_to="华东区",  # type: ignore[arg-type]
                          notice_id="N-1", now=MONDAY, calendar=PLAIN_WEEKS)


def test_a_refused_notice_names_what_it_refused() -> None:
    kwargs: dict[str, Any] = {"addressed_to": "华东区", "notice_id": "N-1", "now": MONDAY,
                              "calendar": PLAIN_WEEKS}
    with pytest.raises(InvalidInput, match=r"^now must be "):
        issue_notice(RULES, finding="late", **{**kwargs, "now": NAIVE})
    with pytest.raises(InvalidInput, match=r"^account_id must be "):
        notice_for_visits(" ", 2, RULES, **kwargs)
    with pytest.raises(InvalidInput, match=r"^overdue must be an int in 0\.\."):
        notice_for_visits("ACME", -1, RULES, **kwargs)
