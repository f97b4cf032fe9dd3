"""The types the codec stores: one ``register(...)`` line each (issue 14).

A public value or event type added to the domain gets one line here, in its subdomain's
block (``register(VisitCapacity)``); ``tests/codec/test_completeness.py`` fails until it has
one. A type whose stored shape changes gets ``register(Cls, version=2)`` and an upcaster
(:func:`~keyaccount.codec.register_upcaster`) from version 1.

Not stored, on purpose: the abstract event bases ``DomainEvent``, ``LifecycleEvent``,
``TicketEvent`` and ``RectificationEvent`` (a stored event is always a concrete one) and
``VisitPlanner`` (it holds a policy; policies are rebuilt from settings with
:func:`keyaccount.policies.load_policies`).
"""

from __future__ import annotations

from keyaccount.codec.registry import register
from keyaccount.domain.calendar import (
    BusinessCalendar,
    BusinessDuration,
    Period,
)
from keyaccount.domain.customers import (
    AccountActivated,
    AccountApproved,
    AccountReactivated,
    AccountReassigned,
    AccountWentDormant,
    ApplicationReport,
    ApplicationSubmitted,
    ConfidentialPartRead,
    Contact,
    ContactGap,
    ContactReport,
    Contract,
    CoverageViolation,
    Customer,
    DisposalApproval,
    FileAmended,
    FileDisposed,
    FileRestored,
    GeneralInvestigationStarted,
    InvestigationResumed,
    InvestigationSuspended,
    OnsiteInvestigationStarted,
    ProcessRecord,
    ProcessRecorded,
    PurchaseRecorded,
    RecordView,
    RedactedView,
    SelectionFindings,
    SelectionVerdict,
    StaffAssigned,
    TicketHandedOver,
    TradingTerminated,
    Transition,
    Viewer,
)
from keyaccount.domain.grading import (
    AccountFigures,
    CriterionFinding,
    EligibilityFacts,
    EligibilityVerdict,
    GradedAccount,
    MigrationMatrix,
    ReviewCadence,
    ReviewDue,
    ScoreComponent,
    Tier,
    TierChange,
    TierChanged,
    TierHistory,
    TierLadder,
)
from keyaccount.domain.indicators import (
    AccountResult,
    AccountTarget,
    Appraisal,
    AppraisalComponent,
    Breakdown,
    IndicatorSet,
    IndicatorValue,
    LoyaltyFacts,
    LoyaltyReport,
    ProspectFact,
    ReceivableFact,
    ResolutionReport,
    RetentionFact,
    RetentionReport,
    SatisfactionReport,
    SatisfactionScale,
    ScoreDistribution,
    SpendingFact,
    SurveyResponse,
    TargetAttainment,
    TicketFact,
    TierMigration,
    VisitFact,
    VolumeFact,
)
from keyaccount.domain.tickets import (
    ClosingRecord,
    EscalationMarks,
    FeedbackTicket,
    RectificationAnswered,
    RectificationIssued,
    RectificationNotice,
    RectificationOverdue,
    RectificationVerified,
    TicketAtRisk,
    TicketClosed,
    TicketDeadlines,
    TicketEscalated,
    TicketHistoryEntry,
    TicketOpened,
    TicketPaused,
    TicketProgressReported,
    TicketReopened,
    TicketReplied,
    TicketResolved,
    TicketResumed,
    TierDeadlines,
)
from keyaccount.domain.visits import (
    AccountCompliance,
    AccountToPlan,
    ComplianceReport,
    FeedbackItem,
    FeedbackMeeting,
    OverdueVisit,
    PersonDayLoad,
    PlannedVisit,
    PortfolioPlan,
    Shortfall,
    UnplacedVisit,
    VisitGap,
    VisitInterval,
    VisitMatching,
    VisitOverdue,
    VisitPlan,
    VisitPlanned,
    VisitQuota,
    VisitReassigned,
    VisitRecord,
    VisitRecorded,
    VisitReport,
)

__all__: list[str] = []

# calendar
register(BusinessCalendar)
register(BusinessDuration)
register(Period)
# grading
register(CriterionFinding)
register(EligibilityFacts)
register(EligibilityVerdict)
register(TierChanged)
register(AccountFigures)
register(ScoreComponent)
register(GradedAccount)
register(TierChange)
register(TierHistory)
register(MigrationMatrix)
register(ReviewCadence)
register(ReviewDue)
register(Tier)
register(TierLadder)
# customers
register(ConfidentialPartRead)
register(ContactGap)
register(ContactReport)
register(DisposalApproval)
register(FileDisposed)
register(FileRestored)
register(RecordView)
register(SelectionFindings)
register(SelectionVerdict)
register(TicketHandedOver)
register(RedactedView)
register(Viewer)
register(Contact)
register(ApplicationReport)
register(Contract)
register(CoverageViolation)
register(Customer)
register(AccountReassigned)
register(FileAmended)
register(ProcessRecorded)
register(StaffAssigned)
register(Transition)
register(AccountActivated)
register(AccountApproved)
register(AccountReactivated)
register(AccountWentDormant)
register(ApplicationSubmitted)
register(GeneralInvestigationStarted)
register(InvestigationResumed)
register(InvestigationSuspended)
register(OnsiteInvestigationStarted)
register(PurchaseRecorded)
register(TradingTerminated)
register(ProcessRecord)
# tickets
register(ClosingRecord)
register(RectificationAnswered)
register(RectificationIssued)
register(RectificationNotice)
register(RectificationOverdue)
register(RectificationVerified)
register(TicketDeadlines)
register(TierDeadlines)
register(TicketAtRisk)
register(TicketClosed)
register(TicketEscalated)
register(TicketOpened)
register(TicketPaused)
register(TicketProgressReported)
register(TicketReopened)
register(TicketReplied)
register(TicketResolved)
register(TicketResumed)
register(EscalationMarks)
register(TicketHistoryEntry)
register(FeedbackTicket)
# visits
register(PersonDayLoad)
register(PortfolioPlan)
register(Shortfall)
register(UnplacedVisit)
register(VisitMatching)
register(FeedbackMeeting)
register(VisitReport)
register(AccountCompliance)
register(ComplianceReport)
register(OverdueVisit)
register(VisitGap)
register(VisitOverdue)
register(VisitPlanned)
register(VisitReassigned)
register(VisitRecorded)
register(AccountToPlan)
register(PlannedVisit)
register(VisitPlan)
register(VisitInterval)
register(VisitQuota)
register(FeedbackItem)
register(VisitRecord)
# indicators
register(AccountResult)
register(AccountTarget)
register(TargetAttainment)
register(Appraisal)
register(AppraisalComponent)
register(IndicatorSet)
register(LoyaltyReport)
register(TierMigration)
register(LoyaltyFacts)
register(ProspectFact)
register(ReceivableFact)
register(RetentionFact)
register(SpendingFact)
register(SurveyResponse)
register(TicketFact)
register(VisitFact)
register(VolumeFact)
register(ResolutionReport)
register(RetentionReport)
register(SatisfactionReport)
register(SatisfactionScale)
register(ScoreDistribution)
register(Breakdown)
register(IndicatorValue)
