"""Small builders of indicator records shared by the tests of tests/indicators/."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from keyaccount import (
    LOYALTY_COMPONENTS,
    IndicatorSet,
    LoyaltyFacts,
    Period,
    SatisfactionScale,
    SurveyResponse,
    TicketFact,
    VisitFact,
    VolumeFact,
    compute_indicators,
)

H1 = Period.half_year(2025, 1)


FIVE_POINT = SatisfactionScale(1, 5)


EQUAL_LOYALTY = {name: Fraction(1, 7) for name in LOYALTY_COMPONENTS}


def visit(account: str, tier: str, manager: str, planned: date, done: date | None = None,
          department: str = "KA") -> VisitFact:
    return VisitFact(account, tier, manager, department, planned_on=planned, done_on=done)


def ticket(account: str, opened: date, resolved: date | None = None,
           on_time: bool | None = None, tier: str = "A", manager: str = "Wang",
           department: str = "After-sales") -> TicketFact:
    return TicketFact(account, tier, manager, department, opened_on=opened,
                      resolved_on=resolved, resolved_on_time=on_time)


def volume(account: str, day: date, amount: str, tier: str = "A",
           manager: str = "Wang") -> VolumeFact:
    return VolumeFact(account, tier, manager, "KA", booked_on=day, amount=Decimal(amount))


def loyalty(account: str, count: int, amount: str, **overrides: Any) -> LoyaltyFacts:
    fields: dict[str, Any] = {
        "repeat_purchase_count": count, "repeat_purchase_quantity": Decimal(count),
        "repeat_purchase_amount": Decimal(amount), "referral_rate": Fraction(1, 2),
        "activities_invited": 4, "activities_joined": 2, "price_sensitivity": Fraction(1, 2),
        "quality_incidents": 0, "incidents_tolerated": 0,
    }
    fields.update(overrides)
    return LoyaltyFacts(account, "A", "Wang", "KA", **fields)


def two_managers() -> IndicatorSet:
    """Wang: 3/4 visits done, resolution 1/2, no survey; Li: 1/1 visits, no tickets, 4.0 of 5."""
    visits = [
        VisitFact("ACME", "A", "Wang", "KA", planned_on=date(2025, m, 3), done_on=done)
        for m, done in ((1, date(2025, 1, 3)), (2, date(2025, 2, 3)), (3, date(2025, 3, 3)),
                        (4, None))
    ] + [VisitFact("BOLT", "B", "Li", "East", planned_on=date(2025, 2, 1),
                   done_on=date(2025, 2, 1))]
    tickets = [
        TicketFact("ACME", "A", "Wang", "KA", opened_on=date(2025, 2, 1),
                   resolved_on=date(2025, 2, 2), resolved_on_time=True),
        TicketFact("ACME", "A", "Wang", "KA", opened_on=date(2025, 3, 1)),
    ]
    surveys = [SurveyResponse("BOLT", "B", "Li", "East", answered_on=date(2025, 5, 1), score=4)]
    return compute_indicators(H1, visits=visits, tickets=tickets, surveys=surveys,
                              satisfaction_scale=SatisfactionScale(1, 5))


def shuffled_inputs(inputs: dict[str, Any], shuffler: random.Random) -> dict[str, Any]:
    """The keyword arguments of ``compute_indicators`` with every list of records reordered."""
    return {
        key: shuffler.sample(value, len(value)) if isinstance(value, list) else value
        for key, value in inputs.items()
    }
