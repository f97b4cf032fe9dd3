"""Rules of visit plan completion (domain/indicators/visits.py)."""

from __future__ import annotations

from datetime import date

import pytest

from indicator_builders import H1
from keyaccount import VisitFact, visit_plan_completion


class _FaultyVisit(VisitFact):
    """A host's own record type whose attribute fails: its fault is not a foreign record."""

    __slots__ = ()

    @property
    def done_on(self) -> date | None:  # type: ignore[override]
        raise AttributeError("the host's own fault")


def test_a_fault_of_a_visit_record_of_the_right_kind_propagates_unchanged() -> None:
    visit = VisitFact("ACME", "A", "Wang", "KA", planned_on=date(2025, 2, 3))
    object.__setattr__(visit, "__class__", _FaultyVisit)
    with pytest.raises(AttributeError, match="the host's own fault"):
        visit_plan_completion([visit], H1)
