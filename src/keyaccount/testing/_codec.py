"""Strategies of every value and event the codec stores (issue 14).

:func:`stored_values` draws instances of one registered type: the subdomain strategies where
there is one (tickets walked through their steps, customers, calendars, ...), and otherwise
instances built field by field from the type hints, through the constructors (a draw the
constructor refuses is discarded), so a type added to the codec is covered the day it lands.
"""

from __future__ import annotations

import enum
import typing
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import Decimal
from fractions import Fraction
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import attrs
from hypothesis import assume
from hypothesis import strategies as st

from keyaccount._errors import (
    InvalidInput,
    InvalidTransition,
)
from keyaccount.domain.calendar import (
    BusinessCalendar,
    BusinessDuration,
    Period,
)
from keyaccount.domain.customers import (
    CONFIDENTIAL_PARTS,
    AccountReassigned,
    ConfidentialPartRead,
    Contact,
    Contract,
    CoverageViolation,
    Customer,
    ProcessRecord,
    RedactedView,
    TicketHandedOver,
    Viewer,
    redact,
)
from keyaccount.domain.grading import (
    AMOUNT_TIERS,
    DEFAULT_LADDER,
    SCORE_TIERS,
    AccountFigures,
    EligibilityVerdict,
    GradedAccount,
    MigrationMatrix,
    ReviewCadence,
    ScoreComponent,
    Tier,
    TierLadder,
    VisitLevel,
)
from keyaccount.domain.indicators import (
    AccountTarget,
    Breakdown,
    IndicatorSet,
    IndicatorValue,
    LoyaltyFacts,
    LoyaltyReport,
    ProspectFact,
    ReceivableFact,
    ResolutionReport,
    RetentionReport,
    SatisfactionReport,
    SatisfactionScale,
    ScoreDistribution,
    SpendingFact,
    TargetAttainment,
    TicketFact,
    TierMigration,
    VisitFact,
    VolumeFact,
    compute_indicators,
    loyalty_index,
    retention_and_churn,
    survey_satisfaction,
    ticket_resolution,
)
from keyaccount.domain.indicators.targets import MEASURES
from keyaccount.domain.tickets import (
    FeedbackTicket,
    RectificationNotice,
    RectificationStatus,
    TicketClosed,
    TicketHistoryEntry,
    TierDeadlines,
)
from keyaccount.domain.visits import (
    AccountCompliance,
    AccountToPlan,
    ComplianceReport,
    FeedbackItem,
    Shortfall,
    VisitGap,
    VisitInterval,
    VisitPlan,
    VisitPlanner,
    VisitRecord,
    evaluate_compliance,
)
from keyaccount.policies import presets
from keyaccount.testing._calendar import business_calendars
from keyaccount.testing._customers import (
    contacts,
    customers,
    files_and_viewers,
    process_records,
    viewers,
)
from keyaccount.testing._eligibility import eligibility_facts, eligibility_policies
from keyaccount.testing._grading import account_figures, portfolio_figures
from keyaccount.testing._indicators import (
    indicator_inputs,
    indicator_periods,
    loyalty_facts_lists,
    prospect_facts,
    receivable_facts,
    retention_rosters,
    satisfaction_scales,
    spending_facts,
    survey_responses,
    ticket_facts,
    visit_facts,
    volume_facts,
)
from keyaccount.testing._tickets import LIFECYCLE_STEPS, open_tickets, take_step
from keyaccount.testing._visits import (
    accounts_to_plan,
    feedback_items,
    planning_inputs,
    visit_records,
)

__all__ = ["HOST_TIER", "stored_values"]

T = TypeVar("T")

#: A host's own tier, beside the seed tiers: a stored value may hold it, and loading it
#: needs ``load(data, tiers=[HOST_TIER])``.
HOST_TIER = Tier("PLATINUM", 1, "白金客户", "platinum")

_ZONES = st.sampled_from(
    [ZoneInfo("Asia/Shanghai"), ZoneInfo("Europe/Berlin"), ZoneInfo("America/New_York"),
     UTC, timezone(timedelta(hours=8))]
)
_INSTANTS = st.datetimes(
    min_value=datetime(2024, 1, 1), max_value=datetime(2027, 12, 31),  # noqa: DTZ001
    timezones=_ZONES,
)
_DAYS = st.dates(date(2024, 1, 1), date(2027, 12, 31))
_TEXT = st.sampled_from(["acme", "华东机械集团", "wang", "sales", "a note", "x"])
_NAMES = st.lists(st.sampled_from(["wang", "li", "chen"]), min_size=1, unique=True).map(tuple)
_TIERS = st.sampled_from((*SCORE_TIERS, *AMOUNT_TIERS, HOST_TIER))


_WEEK = BusinessCalendar(timezone="Asia/Shanghai")
_SHANGHAI = ZoneInfo("Asia/Shanghai")


@st.composite
def _walked_tickets(draw: st.DrawFn) -> FeedbackTicket:
    ticket = draw(open_tickets(tiers=(*SCORE_TIERS, *AMOUNT_TIERS, HOST_TIER)))
    policy = presets.escalation()
    now = ticket.opened_at
    for step in draw(st.lists(st.sampled_from(LIFECYCLE_STEPS), max_size=8)):
        now += timedelta(minutes=draw(st.integers(1, 3000)))
        try:
            ticket = take_step(ticket, step, now=now, calendar=_WEEK, policy=policy)[0]
        except (InvalidTransition, InvalidInput):
            continue
    return ticket


@st.composite
def _graded_accounts(draw: st.DrawFn) -> GradedAccount:
    portfolio = draw(portfolio_figures(min_size=1, max_size=8))
    grading = presets.weighted_grading().grade(portfolio)
    return draw(st.sampled_from(sorted(grading.values(), key=lambda g: g.account_id)))


@st.composite
def _score_distributions(draw: st.DrawFn) -> ScoreDistribution:
    scale = draw(satisfaction_scales())
    counts = draw(st.lists(st.integers(0, 50), min_size=len(scale.scores),
                           max_size=len(scale.scores)))
    return ScoreDistribution(scale, tuple(counts))


@st.composite
def _plans(draw: st.DrawFn) -> tuple[tuple[VisitPlan, ...], BusinessCalendar, int]:
    inputs = draw(planning_inputs(max_accounts=3))
    planner = VisitPlanner(presets.visit_frequency(), presets.visit_capacity())
    period = Period(date(inputs.year, 1, 1), date(inputs.year, 12, 31))
    now = datetime(inputs.year - 1, 12, 1, tzinfo=_SHANGHAI)
    plans = tuple(
        planner.plan(account, period, calendar=inputs.calendar, festivals=inputs.festivals,
                     now=now)[0]
        for account in inputs.accounts
    )
    return plans, inputs.calendar, inputs.year


@st.composite
def _compliance_reports(draw: st.DrawFn) -> ComplianceReport:
    plans, _calendar, year = draw(_plans())
    now = datetime(year, draw(st.integers(1, 12)), 28, 18, 0, tzinfo=_SHANGHAI)
    return evaluate_compliance(plans, (), now=now, zone=_SHANGHAI)


def _indicator_sets() -> st.SearchStrategy[IndicatorSet]:
    return indicator_inputs(max_records=4).map(lambda inputs: compute_indicators(**inputs))


def _breakdowns() -> st.SearchStrategy[Breakdown[Any]]:
    return _indicator_sets().flatmap(
        lambda found: st.sampled_from(sorted(found.breakdowns.values(), key=repr))
    )


@st.composite
def _loyalty_reports(draw: st.DrawFn) -> LoyaltyReport:
    facts = draw(loyalty_facts_lists())
    return loyalty_index(facts, draw(indicator_periods()),
                         weights=dict(presets.loyalty().weights))


@st.composite
def _satisfaction_reports(draw: st.DrawFn) -> SatisfactionReport:
    scale = draw(satisfaction_scales())
    responses = draw(st.lists(survey_responses(scale), max_size=6))
    return survey_satisfaction(responses, draw(indicator_periods()), scale=scale)


@st.composite
def _visit_gaps(draw: st.DrawFn) -> VisitGap:
    since = draw(_DAYS)
    days = draw(st.integers(0, 400))
    return VisitGap(
        account_id=draw(_TEXT), last_visit=draw(st.none() | st.just(since)),
        interval=draw(stored_values(VisitInterval)), since=since, days=days,
        until=since + timedelta(days=days),
    )


_GRADINGS = st.dictionaries(st.sampled_from(["a", "b", "c", "d"]), _TIERS, max_size=4)


def _matrices() -> st.SearchStrategy[MigrationMatrix]:
    return st.builds(MigrationMatrix.between, _GRADINGS, _GRADINGS)


def _redacted_views() -> st.SearchStrategy[RedactedView]:
    return files_and_viewers().map(
        lambda pair: redact(pair[0], presets.access(), viewer=pair[1]))


@st.composite
def _coverage_violations(draw: st.DrawFn) -> CoverageViolation:
    required = draw(st.integers(1, 5))
    return CoverageViolation(draw(_TEXT), required, draw(st.integers(0, required - 1)))


def _positive_durations() -> st.SearchStrategy[BusinessDuration]:
    return st.builds(BusinessDuration, st.integers(1, 30),
                     st.integers(0, 480).map(lambda m: timedelta(minutes=m)))


def _history_entries() -> st.SearchStrategy[TicketHistoryEntry]:
    return _walked_tickets().flatmap(lambda ticket: st.sampled_from(ticket.history))


@st.composite
def _account_targets(draw: st.DrawFn) -> AccountTarget:
    """A target for a year, set before the year begins (in December, usually)."""
    year = draw(st.integers(1901, 2199))
    return AccountTarget(
        account_id=draw(st.sampled_from(["ACME", "BEIHAI"])), year=year,
        sales=draw(st.decimals(0, 10**9, places=2)),
        profit=draw(st.decimals(-(10**6), 10**9, places=2)),
        visits=draw(st.integers(0, 100)),
        set_on=draw(st.dates(date(year - 1, 1, 1), date(year - 1, 12, 31))),
    )


@st.composite
def _rectification_notices(draw: st.DrawFn) -> RectificationNotice:
    """A notice at each step: issued, answered (or overdue and answered late) or verified."""
    # hypothesis takes naive bounds and attaches the zone it draws
    first, last = datetime(2000, 1, 1), datetime(2100, 1, 1)  # noqa: DTZ001
    issued = draw(st.datetimes(first, last, timezones=st.just(ZoneInfo("Asia/Shanghai"))))
    steps = [issued + timedelta(hours=draw(st.integers(0, 500))) for _ in range(3)]
    deadline, answered_at, verified_at = steps[0], *sorted(steps[1:])
    status = draw(st.sampled_from(list(RectificationStatus)))
    answered = status in (RectificationStatus.ANSWERED, RectificationStatus.VERIFIED)
    verified = status is RectificationStatus.VERIFIED
    return RectificationNotice(
        notice_id="RN-1", finding="overdue visits", addressed_to="east team",
        issued_at=issued, deadline=deadline, refers_to=draw(st.sampled_from([None, "T-1"])),
        status=status, response="plan revised" if answered else None,
        answered_at=answered_at if answered else None,
        verified_by="wang" if verified else None,
        verified_at=verified_at if verified else None,
    )


_KNOWN: dict[type, Callable[[], st.SearchStrategy[Any]]] = {
    # a verdict agrees with its findings: it is what a policy decides on drawn facts
    EligibilityVerdict: lambda: st.builds(
        lambda policy, facts: policy.assess(facts), eligibility_policies(), eligibility_facts()),
    AccountTarget: _account_targets,
    RectificationNotice: _rectification_notices,
    Tier: lambda: _TIERS,
    FeedbackTicket: _walked_tickets,
    Customer: customers,
    Contact: contacts,
    ProcessRecord: process_records,
    Viewer: viewers,
    BusinessCalendar: business_calendars,
    GradedAccount: _graded_accounts,
    RedactedView: _redacted_views,
    CoverageViolation: _coverage_violations,
    LoyaltyFacts: lambda: loyalty_facts_lists().filter(bool).flatmap(st.sampled_from),
    AccountToPlan: lambda: st.integers(2024, 2030).flatmap(accounts_to_plan),
    TierLadder: lambda: st.one_of(
        st.just(DEFAULT_LADDER),
        st.dictionaries(st.sampled_from(["A", "B", "GOLD"]), st.sampled_from(list(VisitLevel)),
                        min_size=1).map(TierLadder)),
    MigrationMatrix: _matrices,
    TierMigration: lambda: st.builds(TierMigration, indicator_periods(), _matrices()),
    ScoreComponent: lambda: _graded_accounts().flatmap(
        lambda graded: st.sampled_from(graded.components)),
    VisitGap: _visit_gaps,
    VisitInterval: lambda: st.one_of(st.builds(VisitInterval, months=st.integers(1, 12)),
                                     st.builds(VisitInterval, days=st.integers(1, 60))),
    VisitPlan: lambda: _plans().flatmap(lambda found: st.sampled_from(found[0])),
    ComplianceReport: _compliance_reports,
    AccountCompliance: lambda: _compliance_reports().flatmap(
        lambda report: st.sampled_from(report.accounts)),
    IndicatorSet: _indicator_sets,
    Breakdown: _breakdowns,
    IndicatorValue: lambda: _breakdowns().map(lambda found: found.portfolio),
    LoyaltyReport: _loyalty_reports,
    SatisfactionReport: _satisfaction_reports,
    ResolutionReport: lambda: st.builds(ticket_resolution, st.lists(ticket_facts(), max_size=6),
                                        indicator_periods()),
    RetentionReport: lambda: st.builds(retention_and_churn, retention_rosters(),
                                       indicator_periods()),
    ReviewCadence: lambda: st.just(presets.review_cadence()),
    ScoreDistribution: _score_distributions,
    TicketHistoryEntry: _history_entries,
    TierDeadlines: lambda: st.builds(TierDeadlines, *[_positive_durations()] * 4),
    Period: indicator_periods,
    AccountFigures: account_figures,
    VisitRecord: visit_records,
    FeedbackItem: feedback_items,
    SatisfactionScale: satisfaction_scales,
    VisitFact: visit_facts,
    TicketFact: ticket_facts,
    VolumeFact: volume_facts,
    ReceivableFact: receivable_facts,
    ProspectFact: prospect_facts,
    SpendingFact: spending_facts,
}


def _scalar(hint: Any) -> st.SearchStrategy[Any] | None:
    table: dict[Any, st.SearchStrategy[Any]] = {
        str: _TEXT,
        int: st.integers(0, 40),
        bool: st.booleans(),
        Decimal: st.integers(0, 10**8).map(lambda cents: Decimal(cents).scaleb(-2)),
        Fraction: st.fractions(0, 1, max_denominator=50),
        date: _DAYS,
        datetime: _INSTANTS,
        time: st.times(),
        timedelta: st.integers(0, 10**6).map(lambda s: timedelta(seconds=s)),
        type(None): st.none(),
        Any: st.one_of(_TEXT, st.none(), _DAYS, st.integers(0, 9)),
    }
    return table.get(hint)


def _for_hint(hint: Any) -> st.SearchStrategy[Any]:
    found = _scalar(hint)
    if found is not None:
        return found
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if isinstance(hint, TypeVar):
        return _for_hint(Any)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return st.sampled_from(list(hint))
    if isinstance(hint, type) and attrs.has(hint):
        return stored_values(hint)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return st.lists(_for_hint(args[0]), max_size=3).map(tuple)
    if origin is tuple:
        return st.tuples(*(_for_hint(arg) for arg in args))
    if origin is frozenset:
        return st.frozensets(_for_hint(args[0]), max_size=3)
    if origin in (Mapping, dict):
        return st.dictionaries(_for_hint(args[0]), _for_hint(args[1]), max_size=3)
    if isinstance(origin, type) and attrs.has(origin):  # a generic value: Breakdown[...]
        return stored_values(origin)
    if args and origin is not None:  # a union
        return st.one_of(*(_for_hint(arg) for arg in args))
    raise TypeError(f"no strategy for {hint!r}")


#: Fields whose draws the generic builder narrows to what their constructor accepts.
_FIELDS: dict[tuple[type, str], st.SearchStrategy[Any]] = {
    (TicketClosed, "satisfaction"): st.integers(1, 5),
    (TicketHandedOver, "departing"): st.just("zhou"),  # never the successor
    (TicketHandedOver, "successor"): st.just("chen"),
    (TicketHandedOver, "roles"): st.sampled_from(
        [("responsible_person",), ("lead_coordinator",),
         ("responsible_person", "lead_coordinator")]),
    (Shortfall, "month"): st.dates(date(1900, 1, 1), date(2199, 12, 1)).map(
        lambda day: day.replace(day=1)),
    (ConfidentialPartRead, "part"): st.sampled_from(sorted(CONFIDENTIAL_PARTS)),
    (TargetAttainment, "measure"): st.sampled_from(sorted(MEASURES)),
    (AccountReassigned, "departing"): st.just("zhou"),  # never one of the successors
    (AccountReassigned, "successors"): _NAMES,
    (Contract, "signatories"): _NAMES,
}

_CACHE: dict[type, st.SearchStrategy[Any]] = {}


def _built(cls: type[T]) -> st.SearchStrategy[T]:
    hints = typing.get_type_hints(cls)

    def deferred(hint: Any) -> st.SearchStrategy[Any]:
        return st.deferred(lambda: _for_hint(hint))

    fields = {
        field.alias: _FIELDS[cls, field.alias] if (cls, field.alias) in _FIELDS
        else deferred(hints[field.name])
        for field in attrs.fields(cls)  # type: ignore[arg-type] # cls is an attrs class
        if field.init
    }

    @st.composite
    def build(draw: st.DrawFn) -> T:
        kwargs = {name: draw(strategy) for name, strategy in fields.items()}
        try:
            return cls(**kwargs)
        except (InvalidInput, InvalidTransition):
            assume(False)
            raise  # unreachable: assume(False) stops the draw

    return build()


def stored_values(cls: type[T]) -> st.SearchStrategy[T]:
    """Instances of ``cls``, a type the codec stores (see :data:`keyaccount.codec.VALUE_TYPES`).

    A value may hold :data:`HOST_TIER`, so load them with ``tiers=[HOST_TIER]``.

    Args:
        cls: the value or event type.
    """
    if cls not in _CACHE:
        known = _KNOWN.get(cls)
        _CACHE[cls] = known() if known is not None else _built(cls)
    return _CACHE[cls]
