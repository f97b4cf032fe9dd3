"""keyaccount: the domain kernel of key-account management (大客户管理).

Pure domain objects and pluggable policies, with no I/O: time is a parameter (``now=``),
results are values and domain events. Policies live in :mod:`keyaccount.policies`.

Each area below has its own section; add names to the section of the area you own.
"""

from keyaccount._errors import (
    CalendarRangeError,
    InvalidInput,
    InvalidTransition,
    KeyAccountError,
    PolicyConfigError,
)
from keyaccount._version import __version__
from keyaccount.domain.events import DomainEvent
from keyaccount.domain.tiers import (
    AMOUNT_TIERS,
    DEFAULT_LADDER,
    ORDINARY,
    PARTNER,
    SCORE_TIERS,
    STRATEGIC,
    TIER_A,
    TIER_B,
    TIER_C,
    TIER_D,
    Tier,
    TierLadder,
    VisitLevel,
)

# --- customers, lifecycle, coverage, access (issue 3) ---
# isort: split
from keyaccount.domain.customers import (
    AMENDABLE_FIELDS,
    AccountReassigned,
    ApplicationReport,
    Contact,
    ContactRole,
    Contract,
    CounterpartRole,
    Customer,
    CustomerCategory,
    FileAmended,
    ProcessRecord,
    ProcessRecorded,
    RecordKind,
    StaffAssigned,
)
from keyaccount.domain.lifecycle import (
    TRADING_TERMINATED,
    TRANSITIONS,
    AccountActivated,
    AccountApproved,
    AccountReactivated,
    AccountStatus,
    AccountWentDormant,
    ApplicationSubmitted,
    GeneralInvestigationStarted,
    InvestigationResumed,
    InvestigationSuspended,
    LifecycleEvent,
    LifecycleStep,
    OnsiteInvestigationStarted,
    PurchaseRecorded,
    TradingTerminated,
    Transition,
)

# --- end customers ---

# --- grading (issue 4) ---
# isort: split
from keyaccount.domain.grading import (
    DEFAULT_REVIEW_CADENCE,
    AccountFigures,
    GradedAccount,
    Grading,
    GradingPolicy,
    MigrationMatrix,
    ReviewCadence,
    ReviewDue,
    ReviewKind,
    ScoreComponent,
    TierChange,
    TierChanged,
    TierHistory,
    tier_changes,
)

# isort: split
# --- end grading ---

# --- calendar (issue 5) ---
from keyaccount.domain.calendar import BusinessCalendar

# --- end calendar ---

# --- tickets (issue 5) ---
# isort: split
from keyaccount.domain.tickets import (
    SATISFACTION_SCALE,
    DeadlineKind,
    EscalationMarks,
    FeedbackTicket,
    ProgressReported,
    Severity,
    TicketAtRisk,
    TicketChange,
    TicketClosed,
    TicketEscalated,
    TicketEvent,
    TicketHistoryEntry,
    TicketKind,
    TicketOpened,
    TicketPaused,
    TicketReopened,
    TicketReplied,
    TicketResolved,
    TicketResumed,
    TicketSource,
    TicketStatus,
)

# --- end tickets ---

# --- visits (issue 6) ---
# isort: split
from keyaccount.domain.visits import (
    FESTIVAL_KINDS,
    REGULAR_KINDS,
    TOPIC_ROTATION,
    AccountCompliance,
    AccountToPlan,
    ComplianceReport,
    FeedbackItem,
    OverdueVisit,
    PlannedVisit,
    PlanPeriod,
    Topic,
    VisitGap,
    VisitInterval,
    VisitKind,
    VisitorReassigned,
    VisitOverdue,
    VisitPlan,
    VisitPlanned,
    VisitQuota,
    VisitRecord,
    VisitRecorded,
    visit_id,
)

# isort: split
# --- end visits ---

# --- indicators (issue 7) ---
# isort: split
from keyaccount.domain.indicator_adapters import (
    TRADING_STATUSES,
    roster_from,
    satisfaction_from_tickets,
    ticket_facts_from,
    tiers_of,
    visit_facts_from,
)
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
from keyaccount.domain.indicators import (
    HIGH_VALUE_TIER_CODES,
    LOYALTY_COMPONENTS,
    Appraisal,
    AppraisalComponent,
    Breakdown,
    Dimension,
    Indicator,
    IndicatorSet,
    IndicatorValue,
    LoyaltyReport,
    ResolutionReport,
    RetentionReport,
    SatisfactionReport,
    SatisfactionScale,
    ScoreDistribution,
    TierMigration,
    combine_weighted,
    compute_indicators,
    cooperation_growth,
    cooperation_growth_after_visits,
    loyalty_index,
    prospect_conversion,
    receivables_collection,
    relationship_cost_benefit,
    retention_and_churn,
    survey_satisfaction,
    ticket_resolution,
    tier_migration,
    visit_plan_completion,
)
from keyaccount.domain.periods import Period

# --- end indicators ---

__all__ = [
    "AMOUNT_TIERS",
    "DEFAULT_LADDER",
    "ORDINARY",
    "PARTNER",
    "SCORE_TIERS",
    "STRATEGIC",
    "TIER_A",
    "TIER_B",
    "TIER_C",
    "TIER_D",
    "CalendarRangeError",
    "DomainEvent",
    "InvalidInput",
    "InvalidTransition",
    "KeyAccountError",
    "PolicyConfigError",
    "Tier",
    "TierLadder",
    "VisitLevel",
    "__version__",
    # --- customers (issue 3) ---
    "AMENDABLE_FIELDS",
    "AccountActivated",
    "AccountApproved",
    "AccountReactivated",
    "AccountReassigned",
    "AccountStatus",
    "AccountWentDormant",
    "ApplicationReport",
    "ApplicationSubmitted",
    "Contact",
    "ContactRole",
    "Contract",
    "CounterpartRole",
    "Customer",
    "CustomerCategory",
    "FileAmended",
    "GeneralInvestigationStarted",
    "InvestigationResumed",
    "InvestigationSuspended",
    "LifecycleEvent",
    "LifecycleStep",
    "OnsiteInvestigationStarted",
    "ProcessRecord",
    "ProcessRecorded",
    "PurchaseRecorded",
    "RecordKind",
    "StaffAssigned",
    "TRADING_TERMINATED",
    "TRANSITIONS",
    "TradingTerminated",
    "Transition",
    # --- end customers ---
    # --- grading (issue 4) ---
    "DEFAULT_REVIEW_CADENCE",
    "AccountFigures",
    "GradedAccount",
    "Grading",
    "GradingPolicy",
    "MigrationMatrix",
    "ReviewCadence",
    "ReviewDue",
    "ReviewKind",
    "ScoreComponent",
    "TierChange",
    "TierChanged",
    "TierHistory",
    "tier_changes",
    # --- end grading ---
    # --- calendar (issue 5) ---
    "BusinessCalendar",
    # --- end calendar ---
    # --- tickets (issue 5) ---
    "SATISFACTION_SCALE",
    "DeadlineKind",
    "EscalationMarks",
    "FeedbackTicket",
    "ProgressReported",
    "Severity",
    "TicketAtRisk",
    "TicketChange",
    "TicketClosed",
    "TicketEscalated",
    "TicketEvent",
    "TicketHistoryEntry",
    "TicketKind",
    "TicketOpened",
    "TicketPaused",
    "TicketReopened",
    "TicketReplied",
    "TicketResolved",
    "TicketResumed",
    "TicketSource",
    "TicketStatus",
    # --- end tickets ---
    # --- visits (issue 6) ---
    "FESTIVAL_KINDS",
    "REGULAR_KINDS",
    "TOPIC_ROTATION",
    "AccountCompliance",
    "AccountToPlan",
    "ComplianceReport",
    "FeedbackItem",
    "OverdueVisit",
    "PlanPeriod",
    "PlannedVisit",
    "Topic",
    "VisitGap",
    "VisitInterval",
    "VisitKind",
    "VisitOverdue",
    "VisitPlan",
    "VisitPlanned",
    "VisitQuota",
    "VisitRecord",
    "VisitRecorded",
    "VisitorReassigned",
    "visit_id",
    # --- end visits ---
    # --- indicators (issue 7) ---
    "TRADING_STATUSES",
    "Appraisal",
    "AppraisalComponent",
    "Breakdown",
    "Dimension",
    "HIGH_VALUE_TIER_CODES",
    "Indicator",
    "IndicatorSet",
    "IndicatorValue",
    "LOYALTY_COMPONENTS",
    "LoyaltyFacts",
    "LoyaltyReport",
    "Period",
    "ProspectFact",
    "ReceivableFact",
    "ResolutionReport",
    "RetentionFact",
    "RetentionReport",
    "SatisfactionReport",
    "SatisfactionScale",
    "ScoreDistribution",
    "SpendingFact",
    "SurveyResponse",
    "TicketFact",
    "TierMigration",
    "VisitFact",
    "VolumeFact",
    "combine_weighted",
    "compute_indicators",
    "cooperation_growth",
    "cooperation_growth_after_visits",
    "loyalty_index",
    "prospect_conversion",
    "receivables_collection",
    "relationship_cost_benefit",
    "retention_and_churn",
    "roster_from",
    "satisfaction_from_tickets",
    "survey_satisfaction",
    "ticket_facts_from",
    "ticket_resolution",
    "tier_migration",
    "tiers_of",
    "visit_facts_from",
    "visit_plan_completion",
    # --- end indicators ---
]
