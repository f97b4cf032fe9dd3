"""Rules of domain/tickets/ticket.py found by mutation testing (docs/explanation/testing.md).

The history says what a close recorded, a score not given included; a reopened ticket's new
resolution deadline may be the reopening itself, never before it.
"""

from __future__ import annotations

import pytest
from tests.tickets.test_ticket import resolved

from keyaccount import InvalidInput
from national_day import at


@pytest.mark.parametrize(("satisfaction", "satisfied", "note"), [
    (None, False, "satisfaction not given, not satisfied"),
    (4, True, "satisfaction 4, satisfied"),
])
def test_the_closing_history_entry_says_the_score_or_that_none_was_given(
    satisfaction: int | None, satisfied: bool, note: str,
) -> None:
    ticket, _ = resolved().close(satisfaction=satisfaction, satisfied=satisfied,
                                 now=at(2025, 10, 9, 11))
    assert (ticket.history[-1].step, ticket.history[-1].note) == ("closed", note)


def test_a_reopened_tickets_deadline_may_be_the_reopening_itself_but_not_before() -> None:
    now = at(2025, 10, 9, 12)
    ticket, _ = resolved().reopen("still late", now=now, resolution_deadline=now)
    assert ticket.resolution_deadline == now
    with pytest.raises(InvalidInput, match=r"new resolution_deadline .* is before the reopening"):
        resolved().reopen("still late", now=now, resolution_deadline=at(2025, 10, 9, 11))
