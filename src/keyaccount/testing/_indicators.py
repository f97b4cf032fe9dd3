"""Hypothesis strategies for the indicator records (SPEC §9).

The dimension values are drawn from small alphabets so that groups really share records
(several visits per account, several accounts per manager) and the grouping is exercised.
Dates fall around the half-year 2025-H1, some inside and some outside it.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from hypothesis import strategies as st

from keyaccount.domain.indicator_records import (
    LoyaltyFacts,
    ProspectFact,
    ReceivableFact,
    RetentionFact,
    SpendingFact,
    SurveyResponse,
    TicketFact,
    VisitFact,
    VolumeFact,
)
from keyaccount.domain.indicators import SatisfactionScale
from keyaccount.domain.periods import Period

__all__ = [
    "indicator_periods",
    "loyalty_facts_lists",
    "prospect_facts",
    "receivable_facts",
    "retention_rosters",
    "satisfaction_scales",
    "spending_facts",
    "survey_responses",
    "ticket_facts",
    "visit_facts",
    "volume_facts",
]

ACCOUNT_IDS = ("ACME", "BOLT", "CORA", "DYNA", "EPOX", "FLUX")
TIER_CODES = ("A", "B", "C", "D")
ACCOUNT_MANAGERS = ("Wang", "Li", "Zhao")
DEPARTMENTS = ("KA", "East", "After-sales")

_FIRST_DAY = date(2024, 10, 1)
_LAST_DAY = date(2025, 9, 30)


def indicator_periods() -> st.SearchStrategy[Period]:
    """Half-years, quarters and odd spans of days around 2025-H1."""
    return st.one_of(
        st.just(Period.half_year(2025, 1)),
        st.sampled_from([Period.half_year(2024, 2), Period.containing(date(2025, 4, 1), months=3)]),
        st.builds(
            lambda start, days: Period(start, start + timedelta(days=days)),
            st.dates(_FIRST_DAY, date(2025, 6, 30)),
            st.integers(1, 200),
        ),
    )


def _days() -> st.SearchStrategy[date]:
    return st.dates(_FIRST_DAY, _LAST_DAY)


def _dimensions() -> st.SearchStrategy[tuple[str, str, str, str]]:
    return st.tuples(
        st.sampled_from(ACCOUNT_IDS),
        st.sampled_from(TIER_CODES),
        st.sampled_from(ACCOUNT_MANAGERS),
        st.sampled_from(DEPARTMENTS),
    )


def _amounts(max_value: int = 100_000) -> st.SearchStrategy[Decimal]:
    return st.integers(0, max_value * 100).map(lambda cents: Decimal(cents).scaleb(-2))


def visit_facts() -> st.SearchStrategy[VisitFact]:
    """Planned visits, some done (possibly late or early), some not."""

    @st.composite
    def build(draw: st.DrawFn) -> VisitFact:
        dims = draw(_dimensions())
        planned_on = draw(_days())
        done_on = draw(
            st.one_of(st.none(), st.integers(-20, 60).map(lambda d: planned_on + timedelta(d)))
        )
        return VisitFact(*dims, planned_on=planned_on, done_on=done_on)

    return build()


def ticket_facts() -> st.SearchStrategy[TicketFact]:
    """Tickets, open or resolved (on time or late)."""

    @st.composite
    def build(draw: st.DrawFn) -> TicketFact:
        dims = draw(_dimensions())
        opened_on = draw(_days())
        if draw(st.booleans()):
            return TicketFact(*dims, opened_on=opened_on)
        resolved_on = opened_on + timedelta(days=draw(st.integers(0, 90)))
        return TicketFact(
            *dims, opened_on=opened_on, resolved_on=resolved_on,
            resolved_on_time=draw(st.booleans()),
        )

    return build()


def satisfaction_scales() -> st.SearchStrategy[SatisfactionScale]:
    """Common survey scales: 1-5, 1-10, 0-10 and 0-100."""
    return st.sampled_from(
        [SatisfactionScale(1, 5), SatisfactionScale(1, 10), SatisfactionScale(0, 10),
         SatisfactionScale(0, 100)]
    )


def survey_responses(scale: SatisfactionScale) -> st.SearchStrategy[SurveyResponse]:
    """Answers on ``scale``."""
    return st.builds(
        lambda dims, day, score: SurveyResponse(*dims, answered_on=day, score=score),
        _dimensions(), _days(), st.integers(scale.low, scale.high),
    )


def volume_facts() -> st.SearchStrategy[VolumeFact]:
    """Business booked on a day (amounts in cents, zero allowed)."""
    return st.builds(
        lambda dims, day, amount: VolumeFact(*dims, booked_on=day, amount=amount),
        _dimensions(), _days(), _amounts(),
    )


def retention_rosters() -> st.SearchStrategy[list[RetentionFact]]:
    """A roster at the start of a period: each account at most once."""

    @st.composite
    def build(draw: st.DrawFn) -> list[RetentionFact]:
        accounts = draw(st.lists(st.sampled_from(ACCOUNT_IDS), unique=True))
        return [
            RetentionFact(
                account,
                draw(st.sampled_from(TIER_CODES)),
                draw(st.sampled_from(ACCOUNT_MANAGERS)),
                draw(st.sampled_from(DEPARTMENTS)),
                retained=draw(st.booleans()),
            )
            for account in accounts
        ]

    return build()


def receivable_facts() -> st.SearchStrategy[ReceivableFact]:
    """Receivables with 0..all of the amount collected."""

    @st.composite
    def build(draw: st.DrawFn) -> ReceivableFact:
        due = draw(_amounts())
        collected = draw(st.integers(0, int(due * 100))) / Decimal(100)
        return ReceivableFact(
            *draw(_dimensions()), due_on=draw(_days()), amount_due=due,
            amount_collected=collected,
        )

    return build()


def prospect_facts() -> st.SearchStrategy[ProspectFact]:
    """Prospects, tiered or not, converted or not."""

    @st.composite
    def build(draw: st.DrawFn) -> ProspectFact:
        entered_on = draw(_days())
        converted = draw(st.one_of(st.none(), st.integers(0, 200)))
        return ProspectFact(
            draw(st.sampled_from(("P1", "P2", "P3", "P4"))),
            draw(st.one_of(st.none(), st.sampled_from(TIER_CODES))),
            draw(st.sampled_from(ACCOUNT_MANAGERS)),
            draw(st.sampled_from(DEPARTMENTS)),
            entered_on=entered_on,
            converted_on=None if converted is None else entered_on + timedelta(converted),
        )

    return build()


def spending_facts() -> st.SearchStrategy[SpendingFact]:
    """Relationship spending and its credited benefit."""
    return st.builds(
        lambda dims, day, cost, benefit: SpendingFact(
            *dims, booked_on=day, spending=cost, benefit=benefit
        ),
        _dimensions(), _days(), _amounts(), _amounts(),
    )


def loyalty_facts_lists() -> st.SearchStrategy[list[LoyaltyFacts]]:
    """Loyalty behaviour, one record per account."""

    @st.composite
    def build(draw: st.DrawFn) -> list[LoyaltyFacts]:
        accounts = draw(st.lists(st.sampled_from(ACCOUNT_IDS), unique=True))
        shares = st.integers(0, 20).map(lambda n: Fraction(n, 20))
        facts = []
        for account in accounts:
            invited = draw(st.integers(0, 5))
            incidents = draw(st.integers(0, 3))
            facts.append(
                LoyaltyFacts(
                    account,
                    draw(st.sampled_from(TIER_CODES)),
                    draw(st.sampled_from(ACCOUNT_MANAGERS)),
                    draw(st.sampled_from(DEPARTMENTS)),
                    repeat_purchase_count=draw(st.integers(0, 30)),
                    repeat_purchase_quantity=draw(_amounts(1000)),
                    repeat_purchase_amount=draw(_amounts()),
                    referral_rate=draw(shares),
                    activities_invited=invited,
                    activities_joined=draw(st.integers(0, invited)),
                    price_sensitivity=draw(shares),
                    quality_incidents=incidents,
                    incidents_tolerated=draw(st.integers(0, incidents)),
                )
            )
        return facts

    return build()
