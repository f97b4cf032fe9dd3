"""Rules of problem resolution and on-time resolution (domain/indicators/resolution.py)."""

from __future__ import annotations

from datetime import date

import pytest

from indicator_builders import H1, ticket
from keyaccount import Dimension, TicketFact, ticket_resolution


def test_every_ticket_of_an_account_resolved_on_time_counts_as_on_time() -> None:
    report = ticket_resolution(
        [ticket("ACME", date(2025, 2, day), date(2025, 2, day + 1), on_time=True)
         for day in (1, 3, 5)]
        + [ticket("ACME", date(2025, 2, 7), date(2025, 2, 20), on_time=False)],
        H1,
    )
    acme = report.on_time.of(Dimension.ACCOUNT, "ACME")
    assert (acme.numerator, acme.denominator) == (3, 4)
    assert (report.on_time.portfolio.numerator, report.on_time.portfolio.denominator) == (3, 4)


class _FaultyTicket(TicketFact):
    """A host's own record type whose attribute fails: its fault is not a foreign record."""

    __slots__ = ()

    @property
    def resolved_on(self) -> date | None:  # type: ignore[override]
        raise AttributeError("the host's own fault")


def test_a_fault_of_a_ticket_record_of_the_right_kind_propagates_unchanged() -> None:
    faulty = ticket("ACME", date(2025, 2, 1))
    object.__setattr__(faulty, "__class__", _FaultyTicket)
    with pytest.raises(AttributeError, match="the host's own fault"):
        ticket_resolution([faulty], H1)
