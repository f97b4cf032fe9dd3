"""Hypothesis strategies for the indicator records (SPEC §9).

The dimension values are drawn from small alphabets so that groups really share records
(several visits per account, several accounts per manager) and the grouping is exercised.
Dates fall around the half-year 2025-H1, some inside and some outside it.
"""

from __future__ import annotations

import functools
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any

from hypothesis import strategies as st

from keyaccount.domain.calendar import Period
from keyaccount.domain.indicators import (
    AccountResult,
    AccountTarget,
    Appraisal,
    AppraisalPolicy,
    Dimension,
    IndicatorSet,
    LoyaltyFacts,
    LoyaltyPolicy,
    ProspectFact,
    ReceivableFact,
    RetentionFact,
    SatisfactionScale,
    SpendingFact,
    SurveyResponse,
    TicketFact,
    VisitFact,
    VolumeFact,
)

__all__ = [
    "check_appraisal",
    "check_appraisal_policy",
    "check_loyalty_policy",
    "indicator_inputs",
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


# Built once: strategies rebuilt inside every draw cost more than the draws themselves.
_DAYS = st.dates(_FIRST_DAY, _LAST_DAY)
_TIERS = st.sampled_from(TIER_CODES)
_MANAGERS = st.sampled_from(ACCOUNT_MANAGERS)
_DEPARTMENTS = st.sampled_from(DEPARTMENTS)
_DIMENSIONS = st.tuples(st.sampled_from(ACCOUNT_IDS), _TIERS, _MANAGERS, _DEPARTMENTS)
_AMOUNTS = {
    limit: st.integers(0, limit * 100).map(lambda cents: Decimal(cents).scaleb(-2))
    for limit in (1_000, 100_000)
}
_SHARES = st.integers(0, 20).map(lambda n: Fraction(n, 20))
_DONE_OFFSET = st.one_of(st.none(), st.integers(-20, 60))
_BOOLEANS = st.booleans()
_RESOLUTION_DAYS = st.integers(0, 90)
_CONVERSION_DAYS = st.one_of(st.none(), st.integers(0, 200))
_PROSPECT_IDS = st.sampled_from(("P1", "P2", "P3", "P4"))
_OPTIONAL_TIERS = st.one_of(st.none(), _TIERS)
_UP_TO = {limit: st.integers(0, limit) for limit in range(6)}
_ACCOUNT_SETS = st.lists(st.sampled_from(ACCOUNT_IDS), unique=True)
_PURCHASE_COUNTS = st.integers(0, 30)


def _days() -> st.SearchStrategy[date]:
    return _DAYS


def _dimensions() -> st.SearchStrategy[tuple[str, str, str, str]]:
    return _DIMENSIONS


def _amounts(max_value: int = 100_000) -> st.SearchStrategy[Decimal]:
    return _AMOUNTS[max_value]


def visit_facts() -> st.SearchStrategy[VisitFact]:
    """Planned visits, some done (possibly late or early), some not."""

    @st.composite
    def build(draw: st.DrawFn) -> VisitFact:
        dims = draw(_dimensions())
        planned_on = draw(_days())
        offset = draw(_DONE_OFFSET)
        done_on = None if offset is None else planned_on + timedelta(offset)
        return VisitFact(*dims, planned_on=planned_on, done_on=done_on)

    return build()


def ticket_facts() -> st.SearchStrategy[TicketFact]:
    """Tickets, open or resolved (on time or late)."""

    @st.composite
    def build(draw: st.DrawFn) -> TicketFact:
        dims = draw(_dimensions())
        opened_on = draw(_days())
        if draw(_BOOLEANS):
            return TicketFact(*dims, opened_on=opened_on)
        resolved_on = opened_on + timedelta(days=draw(_RESOLUTION_DAYS))
        return TicketFact(
            *dims, opened_on=opened_on, resolved_on=resolved_on,
            resolved_on_time=draw(_BOOLEANS),
        )

    return build()


def satisfaction_scales() -> st.SearchStrategy[SatisfactionScale]:
    """Common survey scales: 1-5, 1-10, 0-10 and 0-100."""
    return st.sampled_from(
        [SatisfactionScale(1, 5), SatisfactionScale(1, 10), SatisfactionScale(0, 10),
         SatisfactionScale(0, 100)]
    )


@functools.cache
def survey_responses(scale: SatisfactionScale) -> st.SearchStrategy[SurveyResponse]:
    """Answers on ``scale``."""
    return st.builds(
        _survey_response, _dimensions(), _days(), st.integers(scale.low, scale.high)
    )


def _survey_response(dims: tuple[str, str, str, str], day: date, score: int) -> SurveyResponse:
    return SurveyResponse(*dims, answered_on=day, score=score)


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
        accounts = draw(_ACCOUNT_SETS)
        return [
            RetentionFact(
                account,
                draw(_TIERS),
                draw(_MANAGERS),
                draw(_DEPARTMENTS),
                retained=draw(_BOOLEANS),
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
        converted = draw(_CONVERSION_DAYS)
        return ProspectFact(
            draw(_PROSPECT_IDS),
            draw(_OPTIONAL_TIERS),
            draw(_MANAGERS),
            draw(_DEPARTMENTS),
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
        accounts = draw(_ACCOUNT_SETS)
        shares = _SHARES
        facts = []
        for account in accounts:
            invited = draw(_UP_TO[5])
            incidents = draw(_UP_TO[3])
            facts.append(
                LoyaltyFacts(
                    account,
                    draw(_TIERS),
                    draw(_MANAGERS),
                    draw(_DEPARTMENTS),
                    repeat_purchase_count=draw(_PURCHASE_COUNTS),
                    repeat_purchase_quantity=draw(_amounts(1000)),
                    repeat_purchase_amount=draw(_amounts()),
                    referral_rate=draw(shares),
                    activities_invited=invited,
                    activities_joined=draw(_UP_TO[invited]),
                    price_sensitivity=draw(shares),
                    quality_incidents=incidents,
                    incidents_tolerated=draw(_UP_TO[incidents]),
                )
            )
        return facts

    return build()


def indicator_inputs(*, max_records: int = 12) -> st.SearchStrategy[dict[str, Any]]:
    """Keyword arguments for :func:`keyaccount.compute_indicators`: a period and every kind.

    Each kind gets up to ``max_records`` records (a roster at most one per account), so
    every indicator of the set is computed, applicable or not. December targets and the
    accounts' results (at most one each per account) come with a period of whole months
    of one year (the three target attainments); an odd span of days has none.

    Args:
        max_records: the most records of each kind.

    Returns:
        A strategy of ``dict``s to pass as ``compute_indicators(**inputs)``.

    >>> from hypothesis import given, settings
    >>> from keyaccount import compute_indicators
    >>> @settings(max_examples=5)
    ... @given(indicator_inputs(max_records=3))
    ... def every_indicator_but_loyalty_is_computed(inputs):
    ...     assert len(compute_indicators(**inputs).breakdowns) in (12, 15)
    >>> every_indicator_but_loyalty_is_computed()
    """

    @st.composite
    def build(draw: st.DrawFn) -> dict[str, Any]:
        scale = draw(satisfaction_scales())
        period = draw(indicator_periods())
        return {
            "period": period,
            "visits": draw(st.lists(visit_facts(), max_size=max_records)),
            "tickets": draw(st.lists(ticket_facts(), max_size=max_records)),
            "surveys": draw(st.lists(survey_responses(scale), max_size=max_records)),
            "satisfaction_scale": scale,
            "volumes": draw(st.lists(volume_facts(), max_size=max_records)),
            "roster": draw(retention_rosters()),
            "receivables": draw(st.lists(receivable_facts(), max_size=max_records)),
            "prospects": draw(st.lists(prospect_facts(), max_size=max_records)),
            "spending": draw(st.lists(spending_facts(), max_size=max_records)),
            **draw(_targets_and_results(period)),
        }

    return build()


def _whole_months_of_a_year(period: Period) -> bool:
    return period.whole_months is not None and period.start.day == 1 and (
        period.start.year == period.last_day.year
    )


@st.composite
def _targets_and_results(draw: st.DrawFn, period: Period) -> dict[str, Any]:
    """December targets and results of ``period`` for some accounts (none for an odd span)."""
    if not _whole_months_of_a_year(period):
        return {}
    year = period.start.year
    targets = [
        AccountTarget(
            account_id=account, year=year, sales=draw(_amounts()),
            profit=draw(_amounts()) - draw(_amounts(1_000)),
            visits=draw(st.integers(0, 12)), set_on=date(year - 1, 12, 15),
        )
        for account in draw(st.lists(st.sampled_from(ACCOUNT_IDS), unique=True))
    ]
    results = [
        AccountResult(
            account_id=account, period=period, sales=draw(_amounts()),
            profit=draw(_amounts()) - draw(_amounts(1_000)), visits=draw(st.integers(0, 12)),
            tier=draw(_TIERS), account_manager=draw(_MANAGERS), department=draw(_DEPARTMENTS),
        )
        for account in draw(st.lists(st.sampled_from(ACCOUNT_IDS), unique=True))
    ]
    return {"targets": targets, "results": results}


def check_appraisal(appraisal: Appraisal) -> None:
    """Check one appraisal's invariants; raise AssertionError naming the broken one.

    The score lies between the lowest and highest applicable normalised value (None when
    there is none); the effective weights of the applicable components sum to 1; every
    not-applicable component carries no weight.

    Args:
        appraisal: the appraisal to check.

    Raises:
        AssertionError: an invariant does not hold (the message names it).
    """
    applicable = [c.normalised for c in appraisal.components if c.normalised is not None]
    if not applicable:
        if appraisal.score is not None:
            raise AssertionError(f"no applicable component, yet score {appraisal.score}")
        return
    if appraisal.score is None or not min(applicable) <= appraisal.score <= max(applicable):
        raise AssertionError(
            f"score {appraisal.score} outside [{min(applicable)}, {max(applicable)}]"
        )
    carried = sum((c.effective_weight for c in appraisal.components), Fraction(0))
    if carried != 1:
        raise AssertionError(f"effective weights sum to {carried}, not 1")
    for component in appraisal.components:
        if component.normalised is None and component.effective_weight != 0:
            raise AssertionError(f"not-applicable {component.name} still carries weight")


def check_appraisal_policy(policy: AppraisalPolicy, indicators: IndicatorSet) -> None:
    """Conformance check for a host's own :class:`~keyaccount.AppraisalPolicy`.

    Appraises the portfolio and every group of every dimension and checks that each
    appraisal states the set's period and keeps the :func:`check_appraisal` invariants;
    raises AssertionError on the first broken one.

    Args:
        policy: the host's policy.
        indicators: an indicator set to appraise (draw one with :func:`indicator_inputs`).

    Raises:
        AssertionError: an invariant does not hold (the message names it).
    """
    appraisals = [policy.appraise_portfolio(indicators)]
    for dimension in Dimension:
        appraisals.extend(policy.appraise(indicators, dimension).values())
    for appraisal in appraisals:
        if appraisal.period != indicators.period:
            raise AssertionError(
                f"appraisal states {appraisal.period}, not the set's {indicators.period}"
            )
        check_appraisal(appraisal)


def check_loyalty_policy(
    policy: LoyaltyPolicy, facts: list[LoyaltyFacts], period: Period
) -> None:
    """Conformance check for a host's own :class:`~keyaccount.LoyaltyPolicy`.

    Every account gets an index in [0, 1] (or none when nothing was applicable), each
    account's combination keeps the :func:`check_appraisal` invariants, and the index does
    not depend on the order of the accounts.

    Args:
        policy: the host's loyalty policy.
        facts: one behaviour record per account (draw them with
            :func:`loyalty_facts_lists`).
        period: the period the behaviour was observed over.

    Raises:
        AssertionError: an invariant does not hold (the message names it).
    """
    report = policy.index(facts, period)
    for fact in facts:
        value = report.index.of(Dimension.ACCOUNT, fact.account_id)
        if value.value is not None and not 0 <= value.value <= 1:
            raise AssertionError(f"loyalty index of {fact.account_id} is {value.value}")
        check_appraisal(report.components[fact.account_id])
    if policy.index(list(reversed(facts)), period) != report:
        raise AssertionError("the loyalty index depends on the order of the accounts")
