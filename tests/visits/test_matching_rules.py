"""Rules of matching records to planned visits found by mutation testing (issue 12, item 5).

Each test names the rule it guards; docs/explanation/testing.md lists the mutants they kill.
"""

from __future__ import annotations

from datetime import date, datetime, time

import attrs
import pytest

from keyaccount import TIER_C, Topic, VisitKind, VisitPlan, evaluate_compliance
from visit_fixtures import SHANGHAI, YEAR, complete_record

CALL_DAY = date(2026, 3, 2)
JUNE_END = datetime(2026, 6, 30, 18, tzinfo=SHANGHAI)


def _call_plan() -> VisitPlan:
    """A plan made by hand (no windows): one phone return visit on 2 March."""
    return VisitPlan("ACME", TIER_C, YEAR, days=(CALL_DAY,), kinds=(VisitKind.PHONE_RETURN,),
                     visitors=(("li",),), topics=((Topic.CUSTOMER_BASICS,),))


@pytest.mark.parametrize("planned_day", [CALL_DAY, None])
def test_an_in_person_record_on_the_day_of_a_planned_call_carries_it_out(
    planned_day: date | None,
) -> None:
    record = attrs.evolve(complete_record(), planned_day=planned_day,
                          visited_at=datetime.combine(CALL_DAY, time(10), tzinfo=SHANGHAI))
    report = evaluate_compliance([_call_plan()], [record], now=JUNE_END, zone=SHANGHAI)
    assert report.overdue == ()
