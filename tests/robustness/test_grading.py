"""The robustness suite of grading: every public call of the subdomain, one valid call each.

The harness (``harness.py``) spoils each argument in turn; see its docstring for the rules.
"""

from datetime import UTC, date, datetime
from decimal import Decimal
from fractions import Fraction

from tests.robustness.harness import Call, suite

from keyaccount import (
    SCORE_TIERS,
    TIER_A,
    TIER_B,
    TIER_C,
    AccountFigures,
    BusinessCalendar,
    CriterionFinding,
    CriterionStatus,
    Eligibility,
    EligibilityFacts,
    EligibilityVerdict,
    GradedAccount,
    Grading,
    KeyAccountCriterion,
    MigrationMatrix,
    ReviewCadence,
    ReviewDue,
    ReviewKind,
    ScoreComponent,
    Tier,
    TierChange,
    TierChanged,
    TierHistory,
    TierLadder,
    TieRule,
    VisitLevel,
    decide_eligibility,
    tier_changes,
    tiers_by_code,
    tiers_of,
)
from keyaccount.policies import (
    DEFAULT_TIER_SHARES,
    AmountBand,
    AmountBandGrading,
    BandPhases,
    Calibration,
    GradingPhases,
    GradingStatistics,
    KeyAccountEligibility,
    Policies,
    ScoreWeights,
    Straddlers,
    TierCutoffs,
    ValueCounts,
    ValueRange,
    WeightedScoreGrading,
    calibrate,
    load_policies,
    presets,
    seed_departures,
    tier_boundaries,
)

NOW = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
DAY = date(2026, 3, 15)

# a portfolio of three, with annual amounts so the amount bands read it too
PORTFOLIO = [
    AccountFigures(account_id="a", contract_amount=Decimal("9000000"),
                   profit_contribution=Decimal("0.3"), purchase_count=9,
                   annual_purchase_amount=Decimal("60000000")),
    AccountFigures(account_id="b", contract_amount=Decimal("3000000"),
                   profit_contribution=Decimal("0.2"), purchase_count=5,
                   annual_purchase_amount=Decimal("25000000")),
    AccountFigures(account_id="c", contract_amount=Decimal("1000000"),
                   profit_contribution=Decimal("-0.1"), purchase_count=1,
                   annual_purchase_amount=Decimal("6000000")),
]
WEIGHTED = presets.weighted_grading()
BANDS = presets.amount_bands()
GRADING = WEIGHTED.grade(PORTFOLIO)
GRADED = GRADING["a"]
COLUMNAR = WEIGHTED.grade_columns(["a", "b", "c"], [900, 300, 100], [3, 2, -1], [9, 5, 1])
COMPONENT = GRADED.components[0]
BEFORE = {"a": TIER_B, "b": TIER_B, "c": TIER_C}
AFTER = {"a": TIER_A, "b": TIER_B, "d": TIER_C}
MATRIX = MigrationMatrix.between(BEFORE, AFTER)
WEIGHTS = ScoreWeights(Decimal("0.4"), Decimal("0.4"), Decimal("0.2"))
LADDER = TierLadder({"A": VisitLevel.CORE, "B": VisitLevel.IMPORTANT, "C": VisitLevel.GENERAL})
CADENCE = presets.review_cadence()
REVIEW_CALENDAR = BusinessCalendar(timezone="Asia/Shanghai", holidays=[date(2026, 1, 1)],
                                   valid_from=date(2025, 1, 1), valid_until=date(2027, 12, 31))
CHANGE = TierChange(from_tier=None, to_tier=TIER_B, effective_on=date(2025, 1, 1),
                    reason="annual grading 2024")
HISTORY = TierHistory("acme", [CHANGE])
BAND_SETTINGS = {
    "bands": {"SILVER": {"from": 0, "to": 100}, "GOLD": {"from": 100}},
    "figure": "contract_amount",
    "inclusive": "upper",
}
WEIGHTED_SETTINGS = {
    "weights": {"contract_amount": "0.5", "profit_contribution": "0.3", "purchase_count": "0.2"},
    "normalisation": "min_max",
    "shares": {"A": 20, "B": 30, "C": 50},
    "tie_rule": "nearest",
    "tie_break": "purchase_count",
}

# issue 17: the phases of a three-account portfolio, and of four tied accounts (split rule)
PHASES = GradingPhases(WEIGHTED)
FIGURE_COLUMNS = ([900, 300, 100], [3, 2, -1], [9, 5, 1])
STATISTICS = PHASES.statistics(*FIGURE_COLUMNS)
KEYS = [int(key) for key in PHASES.keys(STATISTICS, *FIGURE_COLUMNS)]
CUTOFFS = PHASES.cutoffs(PHASES.histogram(KEYS))
TIED = (["a", "b", "c", "d"], [5, 5, 5, 5], [0, 0, 0, 0], [1, 1, 1, 1])
TIED_KEYS = [int(key) for key in PHASES.keys(PHASES.statistics(*TIED[1:]), *TIED[1:])]
TIED_CUTOFFS = PHASES.cutoffs(PHASES.histogram(TIED_KEYS))
STRADDLERS = PHASES.straddlers(TIED_CUTOFFS, TIED[0], TIED_KEYS, TIED[1])

ELIGIBILITY = presets.key_account_eligibility()
FACTS = EligibilityFacts(account_id="acme", well_known_brand=True, sales_rank=3,
                         sales_share=Decimal("12"), profit_share=Decimal("9"),
                         daily_contact=True, sales_support=True, priority_supply=True,
                         prompt_listing=False)
VERDICT = ELIGIBILITY.assess(FACTS)

CASES = [
    # --- the figures, tiers and ladders -------------------------------------------------------
    Call(AccountFigures, account_id="acme", contract_amount=Decimal("1200000.50"),
         profit_contribution=Decimal("0.18"), purchase_count=7,
         annual_purchase_amount=Decimal("8000000")),
    Call(ScoreComponent, "contract_amount", Fraction(1, 2), Decimal("0.4")),
    Call(Tier, "GOLD", 1, "金牌", "gold"),
    Call(TierLadder, [("A", VisitLevel.CORE), ("B", VisitLevel.IMPORTANT)]),
    Call(TierLadder.from_mapping, {"A": "core", "B": "important", "C": "general"}),
    Call(LADDER.level_of, TIER_B),
    # --- gradings --------------------------------------------------------------------------
    Call(GradedAccount, account_id="a", tier=TIER_A, score=Fraction(9, 10), rank=1,
         portfolio_size=3, components=[COMPONENT], figures=PORTFOLIO[0]),
    Call(GRADED.explain),
    Call(Grading, figures=PORTFOLIO, ids=["a", "b", "c"], keys=[3, 2, 1],
         key_unit=Fraction(1, 3),
         columns=[("contract_amount", Decimal(1), [3, 2, 1], Fraction(1, 3))],
         tiers=SCORE_TIERS, bounds=(0, 1, 2, 3), tie_rule=TieRule.NEAREST,
         tie_break="profit_contribution"),
    Call(GRADING.realised_shares),
    Call(GRADING.figures_in_order),
    Call(GRADING.ranked),
    Call(GRADING.tier_counts),
    Call(GRADING.tier_of, "b"),
    Call(GRADING.tiers_by_account),
    Call(tiers_of, GRADING),
    Call(tier_boundaries, DEFAULT_TIER_SHARES, 10),
    # --- the policies -------------------------------------------------------------------------
    Call(ScoreWeights, Decimal("0.4"), Decimal("0.4"), Decimal("0.2")),
    Call(WEIGHTS.as_tuple),
    Call(WEIGHTS.items),
    Call(WeightedScoreGrading, WEIGHTS, "min_max",
         [(TIER_A, Decimal(20)), (TIER_B, Decimal(30)), (TIER_C, Decimal(50))],
         TieRule.WORSE, "purchase_count"),
    Call(seed_departures, DEFAULT_TIER_SHARES),
    Call(WeightedScoreGrading.from_mapping, WEIGHTED_SETTINGS),
    Call(WEIGHTED.grade, PORTFOLIO),
    # issue 17: figures held in columns (ints such as cents, or Decimals; floats refused)
    Call(WEIGHTED.grade_columns, ["a", "b", "c"], [900, 300, 100], [3, 2, -1], [9, 5, 1]),
    Call(BANDS.grade_columns, ["a", "b", "c"], [60_000_000, 25_000_000, 6_000_000]),
    Call(COLUMNAR.tier_counts),
    Call(COLUMNAR.tier_of, "b"),
    Call(COLUMNAR.tiers_by_account),
    # issue 17: the grading in mergeable phases
    Call(GradingPhases, WEIGHTED),
    Call(PHASES.statistics, *FIGURE_COLUMNS),
    Call(PHASES.key_unit, STATISTICS),
    Call(PHASES.keys, STATISTICS, *FIGURE_COLUMNS),
    Call(PHASES.histogram, KEYS),
    Call(PHASES.cutoffs, ValueCounts(sorted(KEYS), [1, 1, 1])),
    Call(PHASES.straddlers, TIED_CUTOFFS, TIED[0], TIED_KEYS, TIED[1]),
    Call(PHASES.split, TIED_CUTOFFS, STRADDLERS),
    Call(PHASES.classify, CUTOFFS, ["a", "b", "c"], KEYS),
    Call(PHASES.grade_partitions, [(["a"], [900], [3], [9]),
                                   (["b", "c"], [300, 100], [2, -1], [5, 1])]),
    Call(ValueCounts, (1, 5), (2, 1)),
    Call(ValueCounts.of, [5, 1, Decimal(5)]),
    Call(ValueCounts((1, 5), (2, 1)).merge, ValueCounts((2,), (1,))),
    Call(ValueRange, Decimal("0.5"), 3, 2),
    Call(ValueRange(Decimal("0.5"), 3, 2).merge, ValueRange(-1, 2)),
    Call(GradingStatistics, "percentile", 3, STATISTICS.columns),
    Call(STATISTICS.merge, PHASES.statistics([50], [0], [1])),
    Call(STATISTICS.statistic, "contract_amount"),
    Call(TierCutoffs, 4, (0, 1, 2, 4), (None, 20, 20, None), ((20, 1, 4),), "split",
         (("a", 1), ("b", 2))),
    Call(TIED_CUTOFFS.tier_counts),
    Call(Straddlers, [("a", 20, 5), ("b", 20, Decimal("5.5"))]),
    Call(STRADDLERS.merge, Straddlers([("e", 20, 5)])),
    Call(BandPhases, BANDS),
    Call(BandPhases(BANDS).classify, [60_000_000, 25_000_000, 6_000_000]),
    Call(AmountBand, TIER_B, Decimal(100), Decimal(200)),
    Call(AmountBandGrading,
         [AmountBand(TIER_C, Decimal(0), Decimal(100)), AmountBand(TIER_B, Decimal(100))],
         "contract_amount", "upper"),
    Call(AmountBandGrading.from_mapping, BAND_SETTINGS),
    Call(BANDS.classify, Decimal("25000000")),
    Call(BANDS.grade, PORTFOLIO),
    Call(calibrate, GRADING),
    Call(Calibration, BANDS, ("b",), 3),
    Call(presets.weighted_grading),
    Call(presets.amount_bands),
    Call(presets.review_cadence),
    # --- key-account eligibility (seed 004 第4条) ------------------------------------------------
    Call(EligibilityFacts, account_id="acme", well_known_brand=True, sales_rank=3,
         sales_share=Decimal("12"), profit_share=Decimal("9"), daily_contact=True,
         sales_support=True, priority_supply=True, prompt_listing=False),
    Call(CriterionFinding, KeyAccountCriterion.TOP_TEN_BY_SALES, CriterionStatus.MET, True,
         "sales rank 3 is within the top 10"),
    Call(EligibilityVerdict, account_id="acme", eligibility=Eligibility.NOT_ELIGIBLE,
         findings=VERDICT.findings),
    Call(VERDICT.status_of, KeyAccountCriterion.PRIORITY_SUPPLY),
    Call(VERDICT.explain),
    Call(decide_eligibility, VERDICT.findings),
    Call(KeyAccountEligibility, frozenset({KeyAccountCriterion.TOP_TEN_BY_SALES}), 10,
         Decimal(5)),
    Call(KeyAccountEligibility.from_mapping,
         {"required": ["top_ten_by_sales", "priority_supply"], "top_rank": 20,
          "large_share": "2.5"}),
    Call(ELIGIBILITY.assess, FACTS),
    Call(presets.key_account_eligibility),
    # --- history and migration ------------------------------------------------------------------
    Call(TierChange, from_tier=TIER_C, to_tier=TIER_B, effective_on=date(2026, 1, 1),
         reason="annual grading 2025"),
    Call(TierChanged, occurred_at=NOW, account_id="acme", from_tier=TIER_C, to_tier=TIER_B,
         effective_on=date(2026, 1, 1), reason="annual grading 2025"),
    Call(TierHistory, "acme", [CHANGE]),
    Call(HISTORY.record, TIER_A, effective_on=date(2026, 1, 1), reason="annual grading 2025",
         now=NOW),
    Call(HISTORY.tier_on, DAY),
    Call(HISTORY.apply, TierChanged(occurred_at=NOW, account_id="acme", from_tier=TIER_B,
                                    to_tier=TIER_A, effective_on=date(2026, 1, 1),
                                    reason="annual grading 2025")),
    Call(TierHistory.from_events, "acme", [
        TierChanged(occurred_at=NOW, account_id="acme", from_tier=None, to_tier=TIER_B,
                    effective_on=date(2025, 1, 1), reason="annual grading 2024"),
    ]),
    Call(tiers_by_code, [Tier("GOLD", 1, "金牌", "gold")]),
    # --- settings: every policy from one tree (issue 14) -------------------------------------
    Call(load_policies, {"escalation": {"first_reply": {"A": "2h", "B": "8h", "C": "2d",
                                                         "D": "3d"}},
                         "dormancy": {"days": 120}}),
    Call(Policies, calendar=None, grading=presets.weighted_grading(),
         amount_bands=presets.amount_bands(), review_cadence=presets.review_cadence(),
         tier_ladder=LADDER, escalation=presets.escalation(),
         visits=presets.visit_frequency(), scorecard=presets.scorecard(),
         loyalty=presets.loyalty(), dormancy=presets.dormancy(),
         account_codes=presets.account_codes(), coverage=presets.coverage(),
         handover=presets.handover(), access=presets.access()),
    Call(tier_changes, BEFORE, AFTER, effective_on=date(2026, 1, 1),
         reason="annual grading 2025", now=NOW),
    Call(MigrationMatrix, ((TIER_B, TIER_A, ("a",)), (TIER_B, TIER_B, ("b",)))),
    Call(MigrationMatrix.between, BEFORE, AFTER),
    Call(MATRIX.accounts, TIER_B, TIER_A),
    Call(MATRIX.count, TIER_B, TIER_A),
    # --- reviews ----------------------------------------------------------------------------
    Call(ReviewCadence, (1,), (1, 7), (12,)),
    # one month stands for itself in the settings (documented: "months, or one month"); the
    # harness reads every settings list as a collection that refuses a lone item, and ignores
    # .accepting for settings keys, so the valid call gives the one-month form (the
    # collection forms are spoiled through the ReviewCadence constructor above)
    Call(ReviewCadence.from_mapping, {"list_review_months": 2, "target_setting_months": 11}),
    Call(CADENCE.due_in_month_of, DAY),
    Call(CADENCE.months_of, ReviewKind.ROSTER_SURVEY),
    Call(CADENCE.next_due, DAY),
    Call(CADENCE.next_due, DAY, calendar=REVIEW_CALENDAR),
    Call(CADENCE.overdue, [(ReviewKind.LIST_REVIEW, DAY)], since=date(2026, 1, 1),
         today=date(2026, 12, 31), calendar=REVIEW_CALENDAR),
    Call(ReviewDue, ReviewKind.LIST_REVIEW, date(2027, 1, 1)),
]

test_each_argument_corrupted, test_random_corruption, test_the_valid_call = suite(CASES)
