"""The robustness suite of the indicators (SPEC §9, §11): every public call, spoiled."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from tests.robustness.harness import Call, suite

from keyaccount import (
    TIER_A,
    AccountResult,
    AccountStatus,
    AccountTable,
    AccountTarget,
    Appraisal,
    AppraisalComponent,
    Breakdown,
    Contract,
    Customer,
    Dimension,
    FeedbackTicket,
    Indicator,
    IndicatorSet,
    IndicatorValue,
    LoyaltyFacts,
    LoyaltyReport,
    Period,
    PlannedVisit,
    ProspectFact,
    ReceivableFact,
    ResolutionReport,
    RetentionFact,
    RetentionReport,
    SatisfactionReport,
    SatisfactionScale,
    ScoreDistribution,
    Severity,
    SpendingFact,
    SurveyResponse,
    TargetAttainment,
    TicketColumns,
    TicketFact,
    TicketKind,
    TicketSource,
    TierMigration,
    Topic,
    VisitColumns,
    VisitFact,
    VisitKind,
    VisitRecord,
    VolumeFact,
    combine_weighted,
    compute_indicators,
    compute_indicators_columns,
    cooperation_growth,
    cooperation_growth_after_visits,
    loyalty_index,
    prospect_conversion,
    receivables_collection,
    relationship_cost_benefit,
    retention_and_churn,
    roster_from,
    satisfaction_from_tickets,
    survey_satisfaction,
    target_attainment,
    target_attainment_indicator,
    ticket_facts_from,
    ticket_resolution,
    tier_migration,
    visit_facts_from,
    visit_plan_completion,
)
from keyaccount.policies import WeightedLoyalty, WeightedScorecard
from keyaccount.policies.presets import loyalty, scorecard

SHANGHAI = ZoneInfo("Asia/Shanghai")
H1 = Period.half_year(2025, 1)
YEAR = Period.year(2025)

# --- records -----------------------------------------------------------------------------------

VISITS = [
    VisitFact("ACME", "A", "Wang", "KA", planned_on=date(2025, 3, 3), done_on=date(2025, 3, 3)),
    VisitFact("BOLT", "B", "Li", "KA", planned_on=date(2025, 4, 1)),
]
TICKETS = [
    TicketFact("ACME", "A", "Wang", "KA", opened_on=date(2025, 2, 1),
               resolved_on=date(2025, 2, 3), resolved_on_time=True),
    TicketFact("BOLT", "B", "Li", "KA", opened_on=date(2025, 3, 1)),
]
SURVEYS = [
    SurveyResponse("ACME", "A", "Wang", "KA", answered_on=date(2025, 3, 1), score=4),
    SurveyResponse("BOLT", "B", "Li", "KA", answered_on=date(2025, 4, 1), score=2),
]
VOLUMES = [
    VolumeFact("ACME", "A", "Wang", "KA", booked_on=date(2024, 9, 1), amount=Decimal("100")),
    VolumeFact("ACME", "A", "Wang", "KA", booked_on=date(2025, 2, 1), amount=Decimal("80")),
    VolumeFact("ACME", "A", "Wang", "KA", booked_on=date(2025, 4, 1), amount=Decimal("150")),
]
ROSTER = [
    RetentionFact("ACME", "A", "Wang", "KA", retained=True),
    RetentionFact("BOLT", "C", "Li", "KA", retained=False),
]
RECEIVABLES = [
    ReceivableFact("ACME", "A", "Wang", "KA", due_on=date(2025, 4, 30),
                   amount_due=Decimal("1000.00"), amount_collected=Decimal("900.00")),
]
PROSPECTS = [
    ProspectFact("P1", None, "Wang", "KA", entered_on=date(2025, 1, 5),
                 converted_on=date(2025, 4, 1)),
    ProspectFact("P2", "B", "Li", "KA", entered_on=date(2025, 2, 5)),
]
SPENDING = [
    SpendingFact("ACME", "A", "Wang", "KA", booked_on=date(2025, 6, 1),
                 spending=Decimal("200"), benefit=Decimal("1000")),
]
LOYALTY_FIELDS: dict[str, object] = {
    "repeat_purchase_count": 4, "repeat_purchase_quantity": Decimal("40"),
    "repeat_purchase_amount": Decimal("5200.00"), "referral_rate": Fraction(1, 4),
    "activities_invited": 3, "activities_joined": 2, "price_sensitivity": Decimal("0.6"),
    "quality_incidents": 1, "incidents_tolerated": 1,
}
LOYALTY_FACTS = [
    LoyaltyFacts("ACME", "A", "Wang", "KA", **LOYALTY_FIELDS),  # type: ignore[arg-type]
    LoyaltyFacts("BOLT", "B", "Li", "KA", **{**LOYALTY_FIELDS, "repeat_purchase_count": 1}),  # type: ignore[arg-type]
]

# --- values ------------------------------------------------------------------------------------

SCALE = SatisfactionScale(1, 5)
RATE = IndicatorValue.rate(Indicator.VISIT_PLAN_COMPLETION, H1, 3, 4)
NOT_APPLICABLE = IndicatorValue.rate(Indicator.VISIT_PLAN_COMPLETION, H1, 0, 0)
BREAKDOWN = visit_plan_completion(VISITS, H1)
INDICATORS = compute_indicators(
    H1, visits=VISITS, tickets=TICKETS, surveys=SURVEYS, satisfaction_scale=SCALE,
    volumes=VOLUMES, receivables=RECEIVABLES,
)
DISTRIBUTION = ScoreDistribution(SCALE, (0, 1, 0, 2, 1))
RESOLUTION = ticket_resolution(TICKETS, H1)
RETENTION = retention_and_churn(ROSTER, H1)
SATISFACTION = survey_satisfaction(SURVEYS, H1, scale=SCALE)
WEIGHTS = {"referral_rate": Fraction(1, 2), "activity_response": Fraction(1, 2)}
LOYALTY = loyalty_index(LOYALTY_FACTS, YEAR, weights=WEIGHTS)
COMPONENT = AppraisalComponent("visit_plan_completion", Fraction(1, 2), Fraction(1),
                               Fraction(3, 4))
MISSING = AppraisalComponent("satisfaction", Fraction(1, 2), Fraction(0), None)
APPRAISAL = Appraisal(H1, Fraction(3, 4), (COMPONENT, MISSING))
MIGRATION = tier_migration({"X": "B", "Y": "A"}, {"X": "A", "Y": "A"}, YEAR)
MATRIX = MIGRATION.matrix
SCORECARD = scorecard()
LOYALTY_POLICY = loyalty()
SCORECARD_SETTINGS = {"weights": {"visit_plan_completion": "0.6", "problem_resolution": "0.4"}}
LOYALTY_SETTINGS = {"weights": {"referral_rate": "1/2", "activity_response": "1/2"}}

# --- keyaccount's own objects, for the adapters ------------------------------------------------


def _customer(account_id: str, status: AccountStatus = AccountStatus.ACTIVE) -> Customer:
    signed = date(2024, 3, 1)
    return Customer(
        account_id=account_id, name=f"customer {account_id}", category="regional", tier=TIER_A,
        staff=("wang", "li"), account_manager="wang", department="KA", status=status,
        account_code=f"KA-{account_id}",
        supply_contract=Contract(reference="S-1", signed_on=signed),
        quality_contract=Contract(reference="Q-1", signed_on=signed),
        approved_on=signed, activated_on=signed,
    )


CUSTOMERS = {"ACME": _customer("ACME")}
AT_START = [_customer("ACME"), _customer("BOLT")]
AT_END = [_customer("ACME"), _customer("BOLT", AccountStatus.TERMINATED)]
PLANNED = [PlannedVisit("ACME", VisitKind.ON_SITE, date(2025, 3, 3), ("wang",), ())]
RECORDS = [
    VisitRecord(
        record_id="R-1", account_id="ACME", kind=VisitKind.ON_SITE,
        visited_at=datetime(2025, 3, 4, 10, tzinfo=SHANGHAI), place="ACME plant",
        visitors=("wang",), customer_situation="busy", topics=(Topic.BUSINESS_COOPERATION,),
        content="volumes", planned_day=date(2025, 3, 3),
    ),
]


def _closed_ticket() -> FeedbackTicket:
    opened = datetime(2025, 2, 3, 9, tzinfo=SHANGHAI)
    ticket, _ = FeedbackTicket.open_ticket(
        ticket_id="T-1", account_id="ACME", tier=TIER_A, source=TicketSource.VISIT,
        kind=TicketKind.COMPLAINT, severity=Severity.MAJOR, summary="late deliveries",
        responsible_department="logistics", responsible_person="zhao",
        first_reply_deadline=opened + timedelta(hours=4),
        resolution_deadline=opened + timedelta(days=3), now=opened)
    ticket, _ = ticket.reply("looking into it", now=opened + timedelta(hours=1))
    ticket, _ = ticket.resolve("re-routed", now=opened + timedelta(days=1))
    ticket, _ = ticket.close(satisfaction=4, satisfied=True, now=opened + timedelta(days=2))
    return ticket


FEEDBACK = [_closed_ticket()]

TARGET = AccountTarget(account_id="ACME", year=2026, sales=Decimal("1200000"),
                       profit=Decimal("144000"), visits=12, set_on=date(2025, 12, 15))
RESULT = AccountResult(account_id="ACME", period=Period.half_year(2026, 1),
                       sales=Decimal("660000"), profit=Decimal("60000"), visits=6)

CASES = [
    # records
    Call(VisitFact, "ACME", "A", "Wang", "KA", planned_on=date(2025, 3, 3),
         done_on=date(2025, 3, 4)),
    Call(TicketFact, "ACME", "A", "Wang", "KA", opened_on=date(2025, 2, 1),
         resolved_on=date(2025, 2, 3), resolved_on_time=True),
    Call(SurveyResponse, "ACME", "A", "Wang", "KA", answered_on=date(2025, 3, 1), score=4),
    Call(VolumeFact, "ACME", "A", "Wang", "KA", booked_on=date(2025, 3, 3),
         amount=Decimal("1250.50")),
    Call(RetentionFact, "ACME", "A", "Wang", "KA", retained=True),
    Call(ReceivableFact, "ACME", "A", "Wang", "KA", due_on=date(2025, 3, 31),
         amount_due=Decimal("100"), amount_collected=Decimal("80")),
    Call(ProspectFact, "P-17", "B", "Wang", "KA", entered_on=date(2025, 1, 8),
         converted_on=date(2025, 3, 1)),
    Call(SpendingFact, "ACME", "A", "Wang", "KA", booked_on=date(2025, 9, 1),
         spending=Decimal("5"), benefit=Decimal("20")),
    Call(LoyaltyFacts, "ACME", "A", "Wang", "KA", **LOYALTY_FIELDS),
    # values
    # a numerator or denominator is a sum of amounts over a portfolio: up to 10**15 * 10**9
    Call(IndicatorValue, Indicator.VISIT_PLAN_COMPLETION, H1, 3, 4, Fraction(3, 4))
    .accepting(numerator={"int past 10**9"}, denominator={"int past 10**9"}),
    Call(IndicatorValue.rate, Indicator.PROBLEM_RESOLUTION, H1, 9, 12)
    .accepting(numerator={"int past 10**9"}, denominator={"int past 10**9"}),
    Call(RATE.rounded, 2),
    # groups keyed by the dimension's name, as Breakdown.by takes it (the harness spells a
    # spoiled key into its messages, so the keys it spoils are strings)
    Call(Breakdown, Indicator.VISIT_PLAN_COMPLETION, H1, RATE, NOT_APPLICABLE,
         {"tier": {"A": RATE}}),
    Call(BREAKDOWN.by, Dimension.TIER),
    Call(BREAKDOWN.of, Dimension.TIER, "A"),
    Call(IndicatorSet, H1, {"visit_plan_completion": BREAKDOWN}),
    Call(INDICATORS.group_keys, Dimension.ACCOUNT_MANAGER),
    Call(INDICATORS.including, RESOLUTION.resolution),
    Call(SatisfactionScale, 1, 5),
    Call(SCALE.normalise, Fraction(4)),
    Call(ScoreDistribution, SCALE, (0, 1, 0, 2, 1)),
    Call(DISTRIBUTION.count, 4),
    Call(DISTRIBUTION.share, 4),
    Call(ResolutionReport, RESOLUTION.resolution, RESOLUTION.on_time),
    Call(RetentionReport, RETENTION.retention, RETENTION.churn, RETENTION.high_value_churn),
    Call(SatisfactionReport, SCALE, SATISFACTION.mean, SATISFACTION.distribution),
    Call(LoyaltyReport, LOYALTY.index, {"ACME": APPRAISAL}),
    Call(AppraisalComponent, "visit_plan_completion", Fraction(1, 2), Fraction(1),
         Fraction(3, 4)),
    Call(Appraisal, H1, Fraction(3, 4), (COMPONENT, MISSING)),
    Call(APPRAISAL.rounded, 2),
    Call(TierMigration, YEAR, MATRIX),
    Call(MIGRATION.count, "B", "A"),
    # indicators
    Call(visit_plan_completion, VISITS, H1),
    Call(ticket_resolution, TICKETS, H1),
    Call(survey_satisfaction, SURVEYS, H1, scale=SCALE),
    Call(cooperation_growth, VOLUMES, H1),
    Call(cooperation_growth_after_visits, VISITS, VOLUMES, H1, window=relativedelta(months=2)),
    Call(retention_and_churn, ROSTER, H1, high_value_tiers=frozenset({"A", "B"})),
    Call(receivables_collection, RECEIVABLES, H1),
    Call(prospect_conversion, PROSPECTS, H1),
    Call(relationship_cost_benefit, SPENDING, YEAR),
    Call(loyalty_index, LOYALTY_FACTS, YEAR, weights=WEIGHTS),
    Call(tier_migration, {"X": "B", "Y": "A"}, {"X": "A", "Y": "A"}, YEAR),
    Call(combine_weighted, {"a": Fraction(1, 2), "b": None},
         {"a": Fraction(3, 4), "b": Fraction(1, 4)}, H1),
    Call(compute_indicators, H1, visits=VISITS, tickets=TICKETS, surveys=SURVEYS,
         satisfaction_scale=SCALE, volumes=VOLUMES, visit_window=relativedelta(months=2),
         roster=ROSTER, high_value_tiers=frozenset({"A"}), receivables=RECEIVABLES,
         prospects=PROSPECTS, spending=SPENDING),
    # adapters
    Call(visit_facts_from, PLANNED, RECORDS, CUSTOMERS, zone=SHANGHAI),
    Call(ticket_facts_from, FEEDBACK, CUSTOMERS, zone=SHANGHAI, by_responsible_department=True),
    Call(satisfaction_from_tickets, FEEDBACK, CUSTOMERS, zone=SHANGHAI),
    Call(roster_from, AT_START, AT_END, trading=frozenset({AccountStatus.ACTIVE})),
    # policies and presets
    # the weights in their stored form, (name, weight) pairs (a mapping is spoiled key by key
    # in from_mapping's settings below)
    Call(WeightedScorecard, (("visit_plan_completion", "0.6"), ("problem_resolution", "0.4"))),
    Call(WeightedScorecard.from_mapping, SCORECARD_SETTINGS),
    Call(SCORECARD.appraise, INDICATORS, Dimension.ACCOUNT_MANAGER),
    Call(SCORECARD.appraise_portfolio, INDICATORS),
    Call(SCORECARD.appraise_values, {"visit_plan_completion": RATE}, H1),
    Call(WeightedLoyalty, (("referral_rate", "1/2"), ("activity_response", "1/2"))),
    Call(WeightedLoyalty.from_mapping, LOYALTY_SETTINGS),
    Call(LOYALTY_POLICY.index, LOYALTY_FACTS, YEAR),
    Call(scorecard),
    Call(loyalty),
    # --- December targets and their attainment (issue 16) ---
    Call(AccountTarget, account_id="ACME", year=2026, sales=Decimal("1200000"),
         profit=Decimal("144000"), visits=12, set_on=date(2025, 12, 15)),
    Call(TARGET.share, Period.half_year(2026, 1)),
    Call(AccountResult, account_id="ACME", period=Period.half_year(2026, 1),
         sales=Decimal("660000"), profit=Decimal("60000"), visits=6),
    Call(TargetAttainment, account_id="ACME", period=Period.half_year(2026, 1),
         measure="sales", target=Fraction(600000), actual=Fraction(660000),
         rate=Fraction(11, 10)),
    Call(target_attainment, [TARGET], [RESULT]),
    Call(AccountResult, account_id="ACME", period=Period.half_year(2026, 1),
         sales=Decimal("660000"), profit=Decimal("60000"), visits=6, tier="A",
         account_manager="Wang", department="KA"),
    Call(target_attainment_indicator, [TARGET], [RESULT], Period.half_year(2026, 1),
         measure=Indicator.VISITS_TARGET_ATTAINMENT),
    Call(compute_indicators, Period.half_year(2026, 1), targets=[TARGET], results=[RESULT]),
    # --- visits and tickets in columns (issue 17, item 4) ---
    Call(AccountTable, ["ACME", "BOLT"], ["A", TIER_A], ["Wang", "Li"], ["KA", "KA"]),
    Call(VisitColumns, account=[0, 1], planned_on=[date(2025, 3, 3), date(2025, 7, 1)],
         done_on=[None, date(2025, 7, 2)]),
    Call(TicketColumns, account=[1, 0], opened_on=[739311, 739312], resolved_on=[None, 739320],
         resolved_on_time=[None, False]),
    Call(compute_indicators_columns, H1,
         AccountTable(["ACME", "BOLT"], ["A", "C"], ["Wang", "Li"], ["KA", "KA"]),
         visits=VisitColumns(account=[0, 1], planned_on=[date(2025, 3, 3)] * 2,
                             done_on=[None, date(2025, 3, 4)]),
         tickets=TicketColumns(account=[1], opened_on=[date(2025, 2, 1)],
                               resolved_on=[date(2025, 2, 2)], resolved_on_time=[True])),
]

test_each_argument_corrupted, test_random_corruption, test_the_valid_call = suite(CASES)
