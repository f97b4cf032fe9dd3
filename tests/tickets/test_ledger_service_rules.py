"""Rules of tickets/ledger.py (close_ticket, the lead coordinator) found by mutation testing
(docs/explanation/testing.md)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest

from keyaccount import FeedbackTicket, InvalidInput, close_ticket, open_ticket
from keyaccount.policies import presets
from national_day import PLAIN_WEEKS, at

MONDAY = at(2025, 6, 2, 9)
NAIVE = datetime(2025, 6, 3, 9)  # noqa: DTZ001
LEDGER = presets.ledger()


def resolved() -> FeedbackTicket:
    ticket, _ = open_ticket(
        presets.escalation(), ticket_id="T-1", account_id="C-7", tier=None, source="phone",
        kind="complaint", severity="major", summary="sample order arrived broken",
        responsible_department="logistics", responsible_person="Wang Fang", now=MONDAY,
        calendar=PLAIN_WEEKS,
    )
    ticket, _ = ticket.reply("replacement on its way", now=MONDAY + timedelta(hours=1))
    ticket, _ = ticket.resolve("replaced; report LOG-9", now=MONDAY + timedelta(days=1))
    return ticket


class Watching:
    """A host's ledger policy that fails the test if it reads a score."""

    allow_contradiction = False

    def satisfied_by(self, score: object) -> bool:
        raise AssertionError(f"the policy read the score {score!r}")


@pytest.mark.parametrize("score", [0, 6, True, "4", 4.0])
def test_a_score_off_the_scale_is_refused_by_the_closing_record_before_the_policy_reads_it(
    score: object,
) -> None:
    with pytest.raises(InvalidInput, match=r"^ClosingRecord\.satisfaction must be None"):
        close_ticket(resolved(), Watching(), told="replaced", told_by="li",  # type: ignore[arg-type]
                     now=MONDAY + timedelta(days=2), satisfaction=score)  # type: ignore[arg-type]


def test_a_refused_close_names_what_it_refused() -> None:
    close: dict[str, Any] = {"told": "replaced", "told_by": "li",
                             "now": MONDAY + timedelta(days=2)}
    with pytest.raises(InvalidInput, match=r"^now must be "):
        close_ticket(resolved(), LEDGER, **{**close, "now": NAIVE})
    with pytest.raises(InvalidInput, match=r"^told_at must be "):
        close_ticket(resolved(), LEDGER, **close, told_at=NAIVE)
    with pytest.raises(InvalidInput, match=r"^satisfied must be "):
        close_ticket(resolved(), LEDGER, **close, satisfied="yes")


@pytest.mark.parametrize(("field", "responsible", "departments"), [
    ("responsible_department", " ", ["quality"]),
    ("departments", "logistics", ["quality", " "]),
])
def test_a_blank_department_of_a_ledgered_problem_is_refused_naming_it(
    field: str, responsible: str, departments: list[str],
) -> None:
    with pytest.raises(InvalidInput, match=rf"^{field} must be "):
        open_ticket(
            presets.escalation(), ticket_id="T-1", account_id="C-7", tier=None, source="phone",
            kind="complaint", severity="major", summary="sample order arrived broken",
            responsible_department=responsible, responsible_person="Wang Fang", now=MONDAY,
            calendar=PLAIN_WEEKS, departments=departments, ledger=LEDGER,
        )
