"""Problem and on-time resolution of tickets (seed 001 §五, §七(二)2)."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest

from indicator_builders import H1, ticket
from keyaccount import Dimension, InvalidInput, ticket_resolution


def test_resolution_rate_and_on_time_rate_of_the_tickets_opened_in_the_period() -> None:
    tickets = [
        ticket("ACME", date(2025, 1, 5), date(2025, 1, 6), True),
        ticket("ACME", date(2025, 2, 5), date(2025, 2, 20), False),
        ticket("ACME", date(2025, 6, 25), date(2025, 7, 3), True),  # resolved after H1
        ticket("ACME", date(2025, 4, 1)),  # still open
        ticket("BOLT", date(2024, 12, 30), date(2025, 1, 2), True),  # opened in 2024-H2
    ]
    report = ticket_resolution(tickets, H1)
    assert (report.resolution.portfolio.numerator, report.resolution.portfolio.denominator) == (
        2, 4)
    assert report.on_time.portfolio.value == Fraction(1, 2)
    assert "BOLT" not in report.resolution.by(Dimension.ACCOUNT)


def test_on_time_rate_is_not_applicable_when_nothing_was_resolved() -> None:
    report = ticket_resolution([ticket("ACME", date(2025, 1, 5))], H1)
    assert report.resolution.portfolio.value == 0
    assert report.on_time.portfolio.value is None


def test_a_ticket_resolved_before_it_was_opened_is_refused() -> None:
    with pytest.raises(InvalidInput, match="before opened_on"):
        ticket("ACME", date(2025, 2, 5), date(2025, 2, 1), True)


def test_a_resolved_ticket_must_say_whether_it_was_on_time() -> None:
    with pytest.raises(InvalidInput, match="resolved_on_time"):
        ticket("ACME", date(2025, 2, 5), date(2025, 2, 6))
    with pytest.raises(InvalidInput, match="while unresolved"):
        ticket("ACME", date(2025, 2, 5), None, True)
