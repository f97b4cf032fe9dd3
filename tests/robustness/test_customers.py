"""The robustness suite of the customers subdomain: every public call, spoiled one argument at a
time (SPEC §11; see :mod:`robustness.harness`)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import attrs

from keyaccount import (
    TIER_A,
    TIER_B,
    AccountActivated,
    AccountApproved,
    AccountReactivated,
    AccountReassigned,
    AccountStatus,
    AccountWentDormant,
    ApplicationReport,
    ApplicationSubmitted,
    ConfidentialPartRead,
    Contact,
    ContactGap,
    ContactReport,
    ContactRole,
    Contract,
    CounterpartRole,
    CoverageViolation,
    Customer,
    CustomerCategory,
    DepartureReason,
    DisposalApproval,
    FeedbackItem,
    FeedbackTicket,
    FileAmended,
    FileDisposed,
    FileRestored,
    GeneralInvestigationStarted,
    InvestigationResumed,
    InvestigationSuspended,
    LifecycleEvent,
    LifecycleStep,
    OnsiteInvestigationStarted,
    ProcessRecord,
    ProcessRecorded,
    PurchaseRecorded,
    RecordKind,
    RecordView,
    RedactedView,
    SelectionFindings,
    SelectionVerdict,
    StaffAssigned,
    TicketHandedOver,
    TradingTerminated,
    Transition,
    Viewer,
    ViewerRole,
    VisitRecord,
    apply_dormancy,
    apply_grading,
    approve_account,
    assign_account_code,
    coverage_violations,
    hand_over,
    hand_over_tickets,
    held_by,
    missing_contact_reports,
    read_file,
    read_ticket,
    read_visit_record,
    redact,
    redacted_view,
)
from keyaccount.policies import (
    CoveredHandover,
    DaysWithoutPurchase,
    MinimumStaffByTier,
    RoleBasedAccess,
    SelectionRules,
    SequentialAccountCodes,
    presets,
)
from robustness.harness import Call, suite

NOW = datetime(2025, 6, 2, 10, 0, tzinfo=UTC)
DAY = date(2025, 3, 28)

SUPPLY = Contract(reference="S-1", signed_on=DAY, signatories=("wang", "zhou"))
QUALITY = Contract(reference="Q-1", signed_on=DAY)
CONTACT = Contact(name="Zhou", role=ContactRole.CFO, personal_notes="golf on Saturdays")
RECORD = ProcessRecord(
    kind=RecordKind.NEGOTIATION,
    occurred_at=NOW - timedelta(days=1),
    summary="2026 price frame",
    participants=("wang", "zhou"),
)
REPORT = ApplicationReport(reasons="volume", goods_and_amounts="gears", findings="sound")

PROSPECT = Customer(
    account_id="C-1",
    name="Acme",
    category=CustomerCategory.REGIONAL,
    tier=TIER_B,
    staff=("wang", "li"),
    account_manager="wang",
)
APPROVED = Customer(
    account_id="C-2",
    name="Bolt",
    category=CustomerCategory.INDUSTRY,
    status=AccountStatus.APPROVED,
    approved_on=DAY,
    supply_contract=SUPPLY,
    quality_contract=QUALITY,
    staff=("wang",),
    account_manager="wang",
)
IDLE = Customer(
    account_id="C-3",
    name="Cog",
    category=CustomerCategory.REGIONAL,
    status=AccountStatus.ACTIVE,
    account_code="KA-2024-00001",
    supply_contract=SUPPLY,
    quality_contract=QUALITY,
    approved_on=date(2024, 1, 2),
    activated_on=date(2024, 1, 3),
    last_purchase_on=date(2024, 6, 1),
    staff=("li", "zhao"),
    account_manager="li",
)
PORTFOLIO = (PROSPECT, APPROVED, IDLE)
# one customer in each state a lifecycle step starts from
GENERAL = attrs.evolve(PROSPECT, status=AccountStatus.GENERAL_INVESTIGATION)
ONSITE = attrs.evolve(PROSPECT, status=AccountStatus.ONSITE_INVESTIGATION)
APPLYING = attrs.evolve(PROSPECT, status=AccountStatus.APPLICATION, application=REPORT)
SUSPENDED = attrs.evolve(PROSPECT, status=AccountStatus.SUSPENDED)
DORMANT = attrs.evolve(IDLE, status=AccountStatus.DORMANT)
ARCHIVED, _ = IDLE.terminate(reason="rescinded", now=NOW - timedelta(days=30),
                             departure=DepartureReason.RELATIONSHIP_DISSOLVED)
DISPOSAL = DisposalApproval(approved_by="gao", role="key_account_department_manager",
                            approved_at=NOW - timedelta(days=1), reason="deregistered")

VIEWER = Viewer("li", ViewerRole.DEPARTMENT_STAFF)
ACCESS = RoleBasedAccess()
CODES = SequentialAccountCodes()
DORMANCY = DaysWithoutPurchase()
COVERAGE = MinimumStaffByTier()
HANDOVER = CoveredHandover()
VIEW = redact(PROSPECT, ACCESS, viewer=VIEWER)
TICKET, _ = FeedbackTicket.open_ticket(
    ticket_id="T-1", account_id="C-1", tier=TIER_A, source="phone", kind="after_sales",
    severity="major", summary="cracked housings", responsible_department="after_sales",
    responsible_person="li", first_reply_deadline=NOW + timedelta(hours=4),
    resolution_deadline=NOW + timedelta(days=2), now=NOW - timedelta(days=1),
    departments=("sales",), lead_coordinator="li",
)

VISIT = VisitRecord(
    "R-1", "C-1", "on_site", NOW - timedelta(days=3), "headquarters", ["li"],
    "expanding", ["needs_research"], "2026 volumes",
    feedback=[FeedbackItem("documents arrive late", answer="new courier")],
)
SELECTION = SelectionRules()
FINDINGS = SelectionFindings(finances_sound=True, cooperative=True, keeps_secrecy=True,
                             cost_level_acceptable=True)
VERDICT = SelectionVerdict(account_id="C-1", flags=("cost level not established",))
RECORD_VIEW = RecordView(record_id="T-1", account_id="C-1", viewer=VIEWER,
                         fields=(("status", "opened"),), withheld=("summary",))

# the fields every lifecycle event carries
STEP = {
    "occurred_at": NOW,
    "account_id": "C-1",
    "step": LifecycleStep.APPROVE,
    "from_status": AccountStatus.APPLICATION,
    "to_status": AccountStatus.APPROVED,
}

CASES = [
    # --- the file and its parts ---------------------------------------------------------------
    Call(
        Customer,
        account_id="C-1",
        name="Acme",
        category=CustomerCategory.REGIONAL,
        counterpart_role=CounterpartRole.SUPPLIER,
        legal_representative="Zhang",
        address="1 Road",
        postcode="200000",
        phone="021-5555",
        fax="021-5556",
        email="a@b.c",
        business_scope="gears",
        registered_capital=Decimal("5000000.50"),
        credit_rating="AA",
        profile=(("history", "founded 1990"),),
        trade_secrets=(("formula", "resin 7"),),
        technical_profile=(("drawings", "gearbox G2"),),
        contacts=(CONTACT,),
        records=(RECORD,),
        tier=TIER_B,
        account_manager="wang",
        staff=("wang", "li"),
        department="KA",
        application=REPORT,
        important_dates=(date(2025, 10, 1),),
    ),
    Call(
        Customer,
        account_id="C-3",
        name="Cog",
        category=CustomerCategory.REGIONAL,
        status=AccountStatus.ACTIVE,
        account_code="KA-2024-00001",
        supply_contract=SUPPLY,
        quality_contract=QUALITY,
        approved_on=date(2024, 1, 2),
        activated_on=date(2024, 1, 3),
        last_purchase_on=date(2024, 6, 1),
    ),
    Call(
        Contact,
        name="Zhou",
        role=ContactRole.CFO,
        authority="signs up to 2,000,000 CNY",
        phone="021-1",
        mobile="139",
        wechat="zhou",
        qq="123",
        email="z@c.d",
        personal_notes="golf",
    ),
    Call(
        ProcessRecord,
        kind=RecordKind.ORDER,
        occurred_at=NOW,
        summary="order 12",
        participants=("wang",),
        department="KA",
        reported_by="wang",
    ),
    Call(Contract, reference="S-1", signed_on=DAY, signatories=("wang", "zhou")),
    Call(ApplicationReport, reasons="volume", goods_and_amounts="gears", findings="sound"),
    Call(Transition, frozenset({AccountStatus.APPLICATION}), AccountStatus.APPROVED),
    # --- the file's changes -------------------------------------------------------------------
    Call(PROSPECT.add_record, RECORD, now=NOW),
    Call(PROSPECT.amend, now=NOW, credit_rating="AA"),
    Call(PROSPECT.assign_staff, "zhao", now=NOW, account_manager=True),
    Call(PROSPECT.reassign, departing="li", successors=("zhao",), now=NOW),
    Call(PROSPECT.regrade, TIER_A, now=NOW, reason="annual grading 2025", effective_on=DAY),
    # the lifecycle steps (inherited from LifecycleSteps: the registry does not list them)
    Call(PROSPECT.status_after, LifecycleStep.BEGIN_GENERAL_INVESTIGATION),
    Call(PROSPECT.begin_general_investigation, now=NOW),
    Call(GENERAL.begin_onsite_investigation, now=NOW),
    Call(ONSITE.submit_application, REPORT, now=NOW),
    Call(APPLYING.approve, supply_contract=SUPPLY, quality_contract=QUALITY, approved_by="gao",
         verdict=VERDICT, now=NOW),
    Call(approve_account, APPLYING, SELECTION, findings=FINDINGS, supply_contract=SUPPLY,
         quality_contract=QUALITY, approved_by="gao", now=NOW),
    Call(SelectionFindings, finances_sound=True, cooperative=False, keeps_secrecy=None,
         cost_level_acceptable=True, notes="audited 2024"),
    Call(SelectionVerdict, account_id="C-1", refusals=("credit",), flags=("cost level",)),
    Call(SelectionRules, frozenset({"失信被执行人"}), {"cooperation": "flag"}, "refuse", 3),
    Call(SelectionRules.from_mapping, {"refused_credit_ratings": ["失信被执行人", "D"],
                                        "on_unmet": {"cost_level": "flag"},
                                        "on_unknown": "ignore", "signing_window_days": 2}),
    Call(SELECTION.judge, APPLYING, findings=FINDINGS, supply_contract=SUPPLY,
         quality_contract=QUALITY),
    Call(presets.selection),
    Call(APPROVED.assign_code, "KA-2025-00001", now=NOW),
    Call(IDLE.record_purchase, on=date(2025, 6, 1), now=NOW),
    Call(DORMANT.record_purchase, on=date(2025, 6, 1), now=NOW),
    Call(IDLE.go_dormant, now=NOW, days_without_purchase=366),
    Call(DORMANT.reactivate, plan="visit in June", now=NOW),
    Call(ONSITE.suspend, reason="credit problem", reported_to="gao", now=NOW),
    Call(SUSPENDED.resume_investigation, now=NOW),
    Call(IDLE.terminate, reason="dissolved", now=NOW, departure="customer_dissolved"),
    Call(ARCHIVED.dispose, DISPOSAL, now=NOW),
    Call(ARCHIVED.restore, reason="archived by mistake", now=NOW),
    Call(DisposalApproval, approved_by="gao", role="key_account_department_manager",
         approved_at=NOW, reason="deregistered"),
    Call(apply_grading, PORTFOLIO, {"C-1": TIER_A, "C-3": None}, now=NOW,
         reason="annual grading 2025", effective_on=DAY),
    # --- events -------------------------------------------------------------------------------
    Call(LifecycleEvent, **STEP),
    Call(GeneralInvestigationStarted, **STEP),
    Call(OnsiteInvestigationStarted, **STEP),
    Call(ApplicationSubmitted, **STEP, reasons="volume"),
    Call(AccountApproved, **STEP, supply_contract="S-1", quality_contract="Q-1",
         approved_by="gao", flags=("cost level not established",)),
    Call(AccountActivated, **STEP, account_code="KA-2025-00001"),
    Call(PurchaseRecorded, **STEP, purchased_on=DAY),
    Call(AccountWentDormant, **STEP, last_purchase_on=DAY, days_without_purchase=180),
    Call(AccountReactivated, **STEP, reason="new order"),
    Call(InvestigationSuspended, **STEP, reason="credit problem", reported_to="gao"),
    Call(InvestigationResumed, **STEP),
    Call(TradingTerminated, **STEP, reason="dissolved", archive_mark="交易终止",
         departure="customer_dissolved"),
    Call(FileDisposed, occurred_at=NOW, account_id="C-3", approved_by="gao",
         reason="deregistered", archive_mark="交易解除"),
    Call(FileRestored, occurred_at=NOW, account_id="C-3", restored_to=AccountStatus.ACTIVE,
         reason="archived by mistake"),
    Call(ProcessRecorded, occurred_at=NOW, account_id="C-1", record=RECORD),
    Call(FileAmended, occurred_at=NOW, account_id="C-1", previous=(("credit_rating", None),)),
    Call(StaffAssigned, occurred_at=NOW, account_id="C-1", person="zhao", account_manager=True),
    Call(AccountReassigned, occurred_at=NOW, account_id="C-1", departing="li",
         successors=("zhao",), account_manager="wang", inform_customer=True),
    # --- account codes ------------------------------------------------------------------------
    Call(SequentialAccountCodes, "KA-{year}-{seq:05d}", 1),
    Call(SequentialAccountCodes.from_mapping, {"pattern": "{role}-{year}{seq:04d}", "start": 3}),
    Call(CODES.code_for, approved_on=DAY, taken={"KA-2025-00001"},
         category=CustomerCategory.INDUSTRY, counterpart_role="customer"),
    Call(assign_account_code, APPROVED, CODES, taken={"KA-2025-00001"}, now=NOW),
    Call(presets.account_codes),
    # --- dormancy -----------------------------------------------------------------------------
    Call(DaysWithoutPurchase, 180),
    Call(DaysWithoutPurchase.from_mapping, {"days": 90}),
    Call(DORMANCY.days_without_purchase, IDLE, now=NOW),
    Call(DORMANCY.is_dormant, IDLE, now=NOW),
    Call(DORMANCY.dormant_accounts, PORTFOLIO, now=NOW),
    Call(DORMANCY.apply, PORTFOLIO, now=NOW),
    Call(apply_dormancy, PORTFOLIO, DORMANCY, now=NOW),
    Call(presets.dormancy),
    # --- coverage and handover ----------------------------------------------------------------
    Call(CoverageViolation, "C-1", 2, 1),
    Call(MinimumStaffByTier, 2, 2, 1, (("C", 2),), known_tiers=("A", "B", "C", "D")),
    Call(MinimumStaffByTier.from_mapping, {"top_rank": 2, "top_minimum": 3, "minimum": 1,
                                            "by_tier": {"C": 2}, "known_tiers": ["A", "B", "C"]}),
    Call(COVERAGE.required_staff, PROSPECT),
    Call(COVERAGE.check, PORTFOLIO),
    Call(coverage_violations, PORTFOLIO, COVERAGE),
    Call(presets.coverage),
    Call(CoveredHandover, COVERAGE),
    Call(CoveredHandover.from_mapping, {"coverage": {"minimum": 1}}),
    # successors is `Successors` (str | Sequence[str] | Mapping[...]): one name for every
    # account is documented, so a lone word is a successor's name, not a collection split up
    Call(HANDOVER.hand_over, PORTFOLIO, departing="li", successors=("zhao", "chen"), now=NOW)
    .accepting(successors={"a word", "a lone string for a collection"}),
    # the mapping's values are names too: given as strings, the harness spoils each as a name
    # (it spoils a mapping's values as settings and cannot be told that one name is valid there)
    Call(hand_over, PORTFOLIO, COVERAGE, departing="li",
         successors={"C-1": "chen", "C-3": "sun"}, now=NOW)
    .accepting(successors={"a word", "a lone string for a collection"}),
    Call(presets.handover),
    Call(ContactReport, account_id="C-1", contacted_by="li", contacted_at=NOW,
         summary="price talks", contact_person="周敏", channel="phone"),
    Call(ContactGap, "C-1", 2, NOW),
    Call(missing_contact_reports, PORTFOLIO, COVERAGE,
         reports=(ContactReport(account_id="C-2", contacted_by="li", contacted_at=NOW,
                                summary="price talks"),),
         since=NOW - timedelta(days=90), until=NOW, from_staff=1),
    Call(hand_over_tickets, (TICKET,), departing="li", successors={"C-1": "chen"}, now=NOW)
    .accepting(successors={"a word", "a lone string for a collection"}),
    Call(held_by, TICKET, "li"),
    Call(TicketHandedOver, occurred_at=NOW, account_id="C-1", ticket_id="T-1", departing="li",
         successor="chen", roles=("responsible_person", "lead_coordinator")),
    # --- access -------------------------------------------------------------------------------
    Call(Viewer, "li", ViewerRole.DEPARTMENT_STAFF),
    Call(RoleBasedAccess, frozenset({"account_id", "name", "tier"}), frozenset({"name"})),
    Call(RoleBasedAccess.from_mapping, {"department_staff": ["name", "tier"],
                                        "other_department": ["name"]}),
    Call(ACCESS.visible_fields, PROSPECT, viewer=VIEWER),
    Call(ACCESS.redact, PROSPECT, viewer=VIEWER),
    Call(redact, PROSPECT, ACCESS, viewer=VIEWER),
    Call(redacted_view, PROSPECT, viewer=VIEWER, visible=frozenset({"account_id", "name"})),
    Call(RedactedView, "C-1", VIEWER, (("account_id", "C-1"), ("name", "Acme")), ("fax",)),
    Call(VIEW.as_dict),
    Call(presets.access),
    Call(RoleBasedAccess.from_mapping, {"on_account": ["tickets", "records.negotiation"]}),
    Call(read_file, PROSPECT, ACCESS, viewer=VIEWER, now=NOW),
    Call(read_visit_record, VISIT, PROSPECT, ACCESS, viewer=VIEWER, now=NOW),
    Call(read_ticket, TICKET, PROSPECT, ACCESS, viewer=VIEWER, now=NOW),
    Call(ConfidentialPartRead, occurred_at=NOW, account_id="C-1", person="li",
         role=ViewerRole.DEPARTMENT_STAFF, part="tickets", granted=False, record_id="T-1"),
    Call(RecordView, record_id="T-1", account_id="C-1", viewer=VIEWER,
         fields=(("status", "opened"),), withheld=("summary",)),
    Call(RECORD_VIEW.as_dict),
]

test_each_argument_corrupted, test_random_corruption, test_the_valid_call = suite(CASES)
