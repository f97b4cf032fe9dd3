"""The main job: a half-year review of a synthetic key-account portfolio.

Run it with ``python docs/examples/portfolio_review.py``. It walks the whole domain over a
portfolio of 3,000 accounts that it makes up itself from a fixed seed:

1. customers: prospects taken through the lifecycle to active accounts with codes, the
   coverage check, and the handover when an account manager leaves (the accounts, then
   the visits planned for the leaver);
2. grading: both seed policies (weighted score, amount bands), tier counts, next year's
   contract-amount thresholds, the tier migration between two annual gradings, and the
   customer files regraded;
3. next year's visit plan, at the new tiers, on a business calendar with China's 2025 and
   2026 holidays;
4. a replay of the second half of 2025: visits, feedback tickets (across the National Day
   holiday) and their escalation;
5. the half-year review: tier counts and migration, visit completion, overdue visits, open and
   escalated tickets, the indicators and the account managers' scorecards;
6. every account heard: a complaint from a prospect without a tier, closed with its closing
   record, and a rectification notice for a ticket far behind, due on the business calendar.
7. a handover of open work: the person in charge of quality problems leaves at the review,
   and every open ticket they hold goes to their successor.
8. grading again: the tier shares each grading realised (A + B at 20 % even with ties), and
   whether the biggest buyers qualify as key accounts by seed 004 第4条, criterion by criterion.
9. the team's load: the 2026 plan within each person's daily capacity (the busiest person-day,
   the days used), and the shortfall a team of two would report for the same accounts.

It uses only keyaccount's public API, reads no file and no clock (every ``now`` is written
below), and prints the same review on every run. It is the only code in the repository that
prints, and only when run as a script: importing it (pytest does, for doctests) runs nothing.
"""

from __future__ import annotations

import heapq
import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import partial
from zoneinfo import ZoneInfo

import attrs

import keyaccount
from keyaccount import (
    AccountFigures,
    AccountReassigned,
    AccountStatus,
    AccountToPlan,
    ApplicationReport,
    Breakdown,
    BusinessCalendar,
    Contract,
    CriterionStatus,
    Customer,
    Dimension,
    Eligibility,
    EligibilityFacts,
    EscalationPolicy,
    FeedbackItem,
    FeedbackTicket,
    Grading,
    IndicatorValue,
    MigrationMatrix,
    Period,
    PortfolioPlan,
    ReceivableFact,
    SatisfactionScale,
    SelectionFindings,
    SurveyResponse,
    TicketAtRisk,
    TicketEscalated,
    TicketHandedOver,
    Tier,
    VisitKind,
    VisitPlan,
    VisitPlanner,
    VisitRecord,
    VolumeFact,
    apply_grading,
    approve_account,
    assign_account_code,
    close_ticket,
    compute_indicators,
    escalation_level,
    evaluate_compliance,
    evaluate_escalation,
    hand_over_tickets,
    held_by,
    notice_for_ticket,
    open_ticket,
    record_visit,
    reopen_ticket,
    roster_from,
    satisfaction_from_tickets,
    ticket_facts_from,
    ticket_queue_key,
    ticket_resolution,
    visit_facts_from,
    who_must_act,
)
from keyaccount.policies import (
    Calibration,
    KeyAccountEligibility,
    LedgerRules,
    WeightedScoreGrading,
    calibrate,
    presets,
)

SEED = 20250701
PORTFOLIO_SIZE = 3000
ZONE = "Asia/Shanghai"
SHANGHAI = ZoneInfo(ZONE)


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=SHANGHAI)


def _days(first: date, count: int) -> list[date]:
    return [first + timedelta(days=offset) for offset in range(count)]


# --- the host's holiday data --------------------------------------------------------------
# keyaccount ships no holiday data: keeping it right is the host's responsibility. These are
# the State Council's arrangements for 2025 and 2026 (放假调休), written out by hand.
HOLIDAYS = [
    date(2025, 1, 1),  # New Year
    *_days(date(2025, 1, 28), 8),  # Spring Festival, 28 Jan - 4 Feb
    *_days(date(2025, 4, 4), 3),  # Qingming
    *_days(date(2025, 5, 1), 5),  # Labour Day
    *_days(date(2025, 5, 31), 3),  # Dragon Boat
    *_days(date(2025, 10, 1), 8),  # National Day and Mid-Autumn, 1-8 Oct
    *_days(date(2026, 1, 1), 3),  # New Year
    *_days(date(2026, 2, 15), 9),  # Spring Festival, 15-23 Feb
    *_days(date(2026, 4, 4), 3),  # Qingming
    *_days(date(2026, 5, 1), 5),  # Labour Day
    *_days(date(2026, 6, 19), 3),  # Dragon Boat
    *_days(date(2026, 9, 25), 3),  # Mid-Autumn
    *_days(date(2026, 10, 1), 7),  # National Day
]
MAKEUP_WORKDAYS = [  # 调休: weekend days worked to bridge the holidays
    date(2025, 1, 26), date(2025, 2, 8), date(2025, 4, 27), date(2025, 9, 28),
    date(2025, 10, 11),
    date(2026, 1, 4), date(2026, 2, 14), date(2026, 2, 28), date(2026, 5, 9),
    date(2026, 9, 20), date(2026, 10, 10),
]
# Holiday visits and greetings go before the Spring Festival and the Mid-Autumn Festival.
FESTIVALS_2025_H2 = [date(2025, 10, 6)]
FESTIVALS_2026 = [date(2026, 2, 17), date(2026, 9, 25)]

# --- when things happen (there is no clock: every now is written here) -----------------------
GRADED_2024 = _at(date(2025, 1, 6), 9)  # annual grading of the 2024 figures
H2_PLANNED = _at(date(2025, 6, 23), 9)  # the second half-year's visit plan is made
LEAVER, LEAVES_ON = "zhou", date(2025, 9, 15)
TERMINATED = _at(date(2025, 12, 30), 17)
H2_CLOSED = _at(date(2025, 12, 31), 18)
REVIEW = _at(date(2026, 1, 5), 9)  # the H2 review, the 2025 grading and the 2026 plan
H2 = Period.half_year(2025, 2)

DEPARTMENTS = {
    "华东区": ("wang", "li", "zhang", "liu", "chen"),
    "华北区": ("yang", "zhao", "huang", "zhou", "wu"),
    "华南区": ("xu", "sun", "hu", "zhu", "gao"),
    "西部区": ("lin", "he", "guo", "ma", "luo"),
}
PLACES = ("华东", "江南", "北方", "岭南", "西部", "东海", "中原", "天府", "三江", "齐鲁",
          "徽州", "八闽", "滇南", "塞北", "松江", "楚天", "黔东", "海西", "吴越", "燕赵")
TRADES = ("机械", "电器", "重工", "家居", "能源", "物流", "食品", "医药", "建材", "纺织",
          "化工", "电子")
RESPONSIBLE = {  # the department that solves a kind of problem, and its person in charge
    "logistics": "Wang Fang", "quality": "Chen Jing", "after_sales": "Liu Yang",
    "sales": "Zhao Lei", "finance": "Sun Li",
}
QUALITY = "quality"
LEAD_COORDINATOR = "大客户部"  # seed 001 §五(二)2: the key-account department leads
APPROVER = "gao"  # the key-account department's manager (大客户部经理)
# what the investigations of the new accounts found (seed 003 开发 第二-五条)
FINDINGS = SelectionFindings(finances_sound=True, cooperative=True, keeps_secrecy=True,
                             cost_level_acceptable=True)
HOLIDAY_TICKET = "T-2025-0930"


# --- the synthetic portfolio ---------------------------------------------------------------


@dataclass
class Synthetic:
    """What the host's database would hold on an account, beyond the keyaccount values."""

    account_id: str
    figures_2024: AccountFigures | None
    figures_2025: AccountFigures | None = None
    orders: list[tuple[date, Decimal]] = field(default_factory=list)
    quiet: bool = False  # stops buying early in the year: dormant by the review
    leaves: bool = False  # terminated at the end of the year


def _money(value: float, unit: int = 1000) -> Decimal:
    return Decimal(int(value) // unit * unit)


def _figures_2024(rng: random.Random, account_id: str) -> AccountFigures:
    amount = _money(rng.lognormvariate(15.6, 1.0))
    # larger accounts buy more often; a few buy rarely whatever their size
    count = max(2, int(amount.log10() * 3) - 12 + rng.randint(-3, 6))
    return AccountFigures(
        account_id=account_id,
        contract_amount=amount,
        profit_contribution=Decimal(rng.randint(-40, 280)) / 1000,
        purchase_count=count,
        annual_purchase_amount=amount * rng.randint(70, 115) // 100 // 1000 * 1000,
    )


def _figures_2025(rng: random.Random, before: AccountFigures) -> AccountFigures:
    amount = before.contract_amount * rng.randint(65, 145) // 100 // 1000 * 1000
    return AccountFigures(
        account_id=before.account_id,
        contract_amount=amount,
        profit_contribution=before.profit_contribution + Decimal(rng.randint(-40, 40)) / 1000,
        purchase_count=max(0, before.purchase_count + rng.randint(-4, 4)),
        annual_purchase_amount=amount * rng.randint(70, 115) // 100 // 1000 * 1000,
    )


def _orders(rng: random.Random, figures: AccountFigures, *, quiet: bool) -> list[
    tuple[date, Decimal]
]:
    """The account's 2025 orders: their days and amounts add up to its purchase figures."""
    count = max(1, figures.purchase_count)
    assert figures.annual_purchase_amount is not None
    amount = figures.annual_purchase_amount / count
    last = 120 if quiet else 364  # a quiet account's last order is before May
    # business grows over the year: orders lean towards its end
    days = sorted(date(2025, 1, 1) + timedelta(days=int(rng.triangular(0, last, last * 0.55)))
                  for _ in range(count))
    return [(day, (amount * rng.randint(80, 120) / 100).quantize(Decimal(1))) for day in days]


def make_portfolio() -> tuple[dict[str, Synthetic], list[Customer], Grading]:
    """The roster as loaded from the host on the day the H2 plan is made, and its grading.

    The tiers of 2025 are those of the grading of the 2024 figures.
    """
    rng = random.Random(SEED)
    roster = [_figures_2024(rng, f"C{number:05d}") for number in range(1, PORTFOLIO_SIZE + 1)]
    grading = presets.weighted_grading().grade(roster)
    tiers = grading.tiers_by_account()
    accounts: dict[str, Synthetic] = {}
    customers = []
    for number, figures in enumerate(roster, start=1):
        account_id = figures.account_id
        tier = tiers[account_id]
        account = Synthetic(account_id, figures)
        account.quiet = rng.random() < 0.03
        account.leaves = rng.random() < 0.01
        account.figures_2025 = _figures_2025(rng, figures)
        account.orders = _orders(rng, account.figures_2025, quiet=account.quiet)
        accounts[account_id] = account
        department = rng.choice(sorted(DEPARTMENTS))
        team = DEPARTMENTS[department]
        manager = rng.choice(team)
        # seed 003 第十条: important accounts have two people in contact; a few do not yet,
        # which the coverage check will find
        second = rng.random() < (0.97 if tier.rank <= 2 else 0.25)
        staff = (manager, rng.choice([p for p in team if p != manager])) if second else (manager,)
        since = 2015 + number % 10
        code = f"KA-{since}-{number:05d}"
        anniversary = date(2025, rng.randint(7, 12), rng.randint(1, 28))
        first_orders = [day for day, _ in account.orders if day < date(2025, 6, 23)]
        customers.append(Customer(
            account_id=account_id,
            name=f"{rng.choice(PLACES)}{rng.choice(TRADES)}{number % 97:02d}",
            category=rng.choice(("industry", "regional", "regional", "potential")),
            status="active",
            account_code=code,
            tier=tier,
            staff=staff,
            account_manager=manager,
            department=department,
            supply_contract=Contract(reference=f"GY-{code}", signed_on=date(since, 3, 1)),
            quality_contract=Contract(reference=f"ZB-{code}", signed_on=date(since, 3, 1)),
            activated_on=date(since, 3, 15),
            last_purchase_on=max(first_orders, default=date(2024, 12, 20)),
            # the founding day: no visit then, this year or next (seed 001)
            important_dates=(
                [anniversary, anniversary.replace(year=2026)] if rng.random() < 0.25 else []
            ),
        ))
    return accounts, customers, grading


# --- 1. customers ------------------------------------------------------------------------------


def develop_prospects(
    customers: list[Customer], bands: Calibration, out: list[str]
) -> list[tuple[Customer, int]]:
    """Four prospects go through seed 003's development procedure; one is suspended."""
    rng = random.Random(SEED + 1)
    taken = {customer.account_code for customer in customers if customer.account_code}
    codes = presets.account_codes()
    developed = []
    for offset, (name, amount) in enumerate(
        [("华东精密仪器", 64_000_000), ("江南新材料", 18_500_000),
         ("岭南冷链物流", 7_200_000), ("塞北矿业", 41_000_000)]
    ):
        account_id = f"C{PORTFOLIO_SIZE + 1 + offset:05d}"
        department = sorted(DEPARTMENTS)[offset]
        manager, colleague = DEPARTMENTS[department][:2]
        # next year's new accounts are placed by contract amount alone (seed 002)
        tier = bands.bands.classify(Decimal(amount))
        start = date(2025, 3, 3) + timedelta(days=7 * offset)
        customer = Customer(
            account_id=account_id, name=name, category="industry", tier=tier,
            staff=(manager,) if tier is None or tier.rank > 2 else (manager, colleague),
            account_manager=manager, department=department, registered_capital=amount // 4,
        )
        customer, _ = customer.begin_general_investigation(now=_at(start, 10))
        customer, _ = customer.begin_onsite_investigation(now=_at(start + timedelta(14), 10))
        if name == "塞北矿业":
            customer, _ = customer.suspend(reason="court records show unpaid supplier debts",
                                           reported_to=APPROVER,
                                           now=_at(start + timedelta(20), 15))
            out.append(f"  {account_id} {name}: {customer.status.value} (credit problem found "
                       f"in the on-site investigation)")
            developed.append((customer, amount))
            continue
        customer, _ = customer.submit_application(
            ApplicationReport(reasons="leader in its region; sound finances",
                              goods_and_amounts=f"about {amount:,} CNY a year",
                              findings="quality system certified"),
            now=_at(start + timedelta(21), 10))
        signed = start + timedelta(35)
        customer, _ = approve_account(
            customer, presets.selection(), findings=FINDINGS,
            supply_contract=Contract(reference=f"GY-2025-N{offset}", signed_on=signed),
            quality_contract=Contract(reference=f"ZB-2025-N{offset}", signed_on=signed),
            approved_by=APPROVER, now=_at(signed, 15))
        customer, _ = assign_account_code(
            customer, codes, taken=taken, now=_at(signed + timedelta(3), 9))
        assert customer.account_code is not None
        taken.add(customer.account_code)
        first_order = signed + timedelta(days=rng.randint(10, 30))
        customer, _ = customer.record_purchase(on=first_order, now=_at(first_order, 17))
        assert tier is not None
        out.append(f"  {account_id} {name}: prospect -> ... -> {customer.status.value}, code "
                   f"{customer.account_code}, tier {tier.code} by its contract amount "
                   f"{amount:,}")
        developed.append((customer, amount))
    return developed


def check_coverage(customers: list[Customer], out: list[str]) -> list[Customer]:
    """Find the accounts below their coverage and give each a colleague (seed 003 第十条)."""
    coverage = presets.coverage()
    violations = coverage.check(customers)
    first = violations[0]
    out.append(f"  coverage on {H2_PLANNED.date()}: {len(violations)} accounts below their "
               f"minimum (e.g. {first.account_id} needs {first.required}, has {first.actual})")
    short = {violation.account_id for violation in violations}
    fixed = []
    for customer in customers:
        if customer.account_id in short:
            assert customer.department is not None
            colleague = next(p for p in DEPARTMENTS[customer.department]
                             if p not in customer.staff)
            customer, _ = customer.assign_staff(colleague, now=H2_PLANNED)
        fixed.append(customer)
    out.append(f"  after a colleague is assigned to each: {len(coverage.check(fixed))} below")
    return fixed


def hand_over(customers: list[Customer], out: list[str]) -> tuple[list[Customer], dict[str, str]]:
    """The account manager LEAVER leaves; each account goes to a colleague of the team."""
    handover = presets.handover()
    now = _at(LEAVES_ON, 17)
    team = [p for p in DEPARTMENTS["华北区"] if p != LEAVER]
    try:
        handover.hand_over(customers, departing=LEAVER, successors=team[0], now=now)
    except keyaccount.InvalidTransition as refused:
        out.append(f"  {LEAVER} leaves on {LEAVES_ON}; one successor for all is refused:")
        out.append(f"    {str(refused)[:96]}...")
    chosen = {}
    covered = [c for c in customers if LEAVER in c.staff]
    for position, customer in enumerate(covered):
        candidates = [p for p in team if p not in customer.staff]
        chosen[customer.account_id] = candidates[position % len(candidates)]
    after, events = handover.hand_over(customers, departing=LEAVER, successors=chosen,
                                       now=now)
    reassigned = [event for event in events if isinstance(event, AccountReassigned)]
    told = sum(1 for event in reassigned if event.inform_customer)
    # the new account manager, or the colleague who took the leaver's second place
    successors = {event.account_id: event.successors[0] for event in reassigned}
    load = Counter(successors.values())
    out.append(f"  handover: {len(events)} accounts reassigned "
               f"({', '.join(f'{p} {n}' for p, n in sorted(load.items()))}); "
               f"{told} customers to inform; below coverage after: "
               f"{len(presets.coverage().check(after))}")
    return list(after), successors


def hand_over_visits(
    plans: tuple[VisitPlan, ...], customers: list[Customer], successors: dict[str, str],
    out: list[str],
) -> tuple[VisitPlan, ...]:
    """The leaver's visits from the leaving day on go to each account's successor, each
    on its day when the successor has room that day, else within its window."""
    planner = VisitPlanner(presets.visit_frequency(), presets.visit_capacity())
    accounts = [AccountToPlan.from_customer(c) for c in customers
                if c.account_id in successors]
    portfolio, events = planner.hand_over(
        PortfolioPlan(plans), accounts, departing=LEAVER, successor=successors,
        from_day=LEAVES_ON, calendar=CALENDAR, now=_at(LEAVES_ON, 17))
    moved = sum(event.visit_count for event in events)
    left = len(portfolio.unplaced)
    out.append(f"  {LEAVER}'s {moved} visits planned from {LEAVES_ON} on go to the successors "
               f"of the {len(successors)} accounts; {left} do not fit the successors' capacity "
               f"in their windows (unplaced: plan them elsewhere)")
    return portfolio.plans


# --- 2. grading --------------------------------------------------------------------------------


def _counts(grading: Grading) -> str:
    return ", ".join(f"{tier.code} {count}" for tier, count in grading.tier_counts().items())


def grade(
    accounts: dict[str, Synthetic], customers: list[Customer], out: list[str]
) -> tuple[Grading, Grading, Calibration]:
    """Grade 2024 and 2025, with both seed policies, and derive the 2026 thresholds."""
    weighted = presets.weighted_grading()
    before = weighted.grade(a.figures_2024 for a in accounts.values() if a.figures_2024)
    figures = [
        accounts[c.account_id].figures_2025 for c in customers
        if c.status is AccountStatus.ACTIVE or c.status is AccountStatus.DORMANT
    ]
    after = weighted.grade(f for f in figures if f is not None)
    out.append("  weighted score (seed 002: 40/40/20, A 5 % B 15 % C 30 % D 50 %):")
    out.append(f"    2024 figures, {len(before)} accounts: {_counts(before)}")
    out.append(f"    2025 figures, {len(after)} accounts: {_counts(after)}")
    top = min(after, key=lambda account_id: (after[account_id].rank, account_id))
    out.append(f"    top account: {after[top].explain()}")
    bands = presets.amount_bands().grade(figures_ for figures_ in figures if figures_)
    out.append(f"  amount bands (seed 004, annual purchase amount 2025): {_counts(bands)}; "
               f"{len(figures) - len(bands)} below 5,000,000 are not key accounts by it")
    calibration = calibrate(after)
    out.append("  contract-amount thresholds for 2026 (calibrated on the 2025 grading):")
    for tier, lower in calibration.bands.thresholds:
        out.append(f"    {tier.code} >= {lower:>12,} CNY")
    out.append(f"    they place {float(calibration.agreement):.1%} of the accounts as the "
               f"grading did ({calibration.mismatch_count} differ)")
    return before, after, calibration


def migration(before: Grading, after: Grading, out: list[str]) -> None:
    """The tier migration between the two annual gradings (客户异动)."""
    # every tier in one pass, without building each account's explanation
    old, new = before.tiers_by_account(), after.tiers_by_account()
    matrix = MigrationMatrix.between(old, new)
    tiers: list[Tier | None] = [*before.tiers, None]
    out.append("  tier migration 2025 -> 2026 (rows: 2025 tier, columns: 2026 tier, - = none):")
    out.append("          " + "".join(f"{(t.code if t else '-'):>7}" for t in tiers))
    for source in tiers:
        cells = "".join(f"{matrix.count(source, target):>7}" for target in tiers)
        out.append(f"    {(source.code if source else '-'):>5} {cells}")
    out.append(f"    upgraded {len(matrix.upgraded)}, downgraded {len(matrix.downgraded)}, "
               f"unchanged {len(matrix.unchanged)}, new {len(matrix.entered)}, "
               f"left {len(matrix.left)}")


def regrade(customers: list[Customer], grading: Grading, out: list[str]) -> list[Customer]:
    """Put the 2025 grading's tiers on the customer files, in force from 1 January 2026."""
    regraded, events = apply_grading(customers, grading, now=REVIEW,
                                     reason="annual grading 2025",
                                     effective_on=date(2026, 1, 1))
    out.append(f"    {len(events)} customer files regraded from 2026-01-01, each with its "
               f"TierChanged event for the host's tier history")
    return list(regraded)


# --- the business calendar -----------------------------------------------------------------

CALENDAR = BusinessCalendar(
    timezone=ZONE,
    working_hours=[(time(9), time(12)), (time(13, 30), time(18))],
    holidays=HOLIDAYS,
    makeup_workdays=MAKEUP_WORKDAYS,
)


# --- 3. visit plans -------------------------------------------------------------------------


def plan_h2(customers: list[Customer]) -> tuple[VisitPlan, ...]:
    """The second half-year's plan, made in June for the accounts then active."""
    planner = VisitPlanner(presets.visit_frequency(), presets.visit_capacity())  # the seed defaults
    accounts = [AccountToPlan.from_customer(c) for c in customers
                if c.status is AccountStatus.ACTIVE]
    portfolio, _ = planner.plan_portfolio(accounts, H2, calendar=CALENDAR,
                                      festivals=FESTIVALS_2025_H2, now=H2_PLANNED)
    return portfolio.plans


def plan_next_year(regraded: list[Customer], out: list[str]) -> None:
    """Plan 2026 for the accounts still trading, at the tiers of the 2025 grading."""
    planner = VisitPlanner(presets.visit_frequency(), presets.visit_capacity())
    active = [c for c in regraded if c.status is AccountStatus.ACTIVE]
    accounts = [AccountToPlan.from_customer(customer) for customer in active]
    portfolio, events = planner.plan_portfolio(accounts, Period.year(2026), calendar=CALENDAR,
                                           festivals=FESTIVALS_2026, now=REVIEW)
    plans = portfolio.plans
    kinds = Counter(kind for plan in plans for kind in plan.kinds)
    dormant = sum(1 for c in regraded if c.status is AccountStatus.DORMANT)
    out.append(f"  2026: {len(plans)} accounts planned ({len(events)} VisitPlanned events), "
               f"{sum(kinds.values())} visits; {dormant} dormant accounts wait for a "
               f"reactivation plan")
    out.append("    by kind: " + ", ".join(f"{kind.label_zh} {kind.value} {kinds[kind]}"
                                  for kind in VisitKind if kinds[kind]))
    by_month = Counter(day.month for plan in plans for day in plan.days)
    out.append("    by month, Jan to Dec: " + " ".join(f"{by_month[m]}" for m in range(1, 13)))
    load = Counter(person for plan in plans for visitors in plan.visitors for person in visitors)
    busiest = sorted(load.items(), key=lambda item: (-item[1], item[0]))
    out.append(f"    visits per person: {busiest[0][0]} {busiest[0][1]} (most) .. "
               f"{busiest[-1][0]} {busiest[-1][1]} (fewest)")
    example = next(plan for plan in plans if plan.tier.code == "A")
    out.append(f"    {example.account_id} (tier A), its first visits:")
    for visit in example.visits[:4]:
        out.append(f"      {visit.day} {visit.day:%a} {visit.kind.value:<8} "
                   f"{','.join(visit.visitors):<6} {[t.value for t in visit.topics]}")
    # the regraded files are checked as they are: an account graded up may need a second person
    short = presets.coverage().check(active)
    out.append(f"    {len(short)} accounts graded into A or B have one person on them: name a "
               f"second (seed 003 第十条)")


# --- 4. the half-year replayed: visits ----------------------------------------------------------


RECORD_FIELDS = {kind: VisitRecord.required_fields(kind) for kind in VisitKind}


def replay_visits(plans: tuple[VisitPlan, ...], replay: TicketReplay) -> list[VisitRecord]:
    """The visits carried out in H2; problems not answered on the spot become tickets."""
    rng = random.Random(SEED + 5)
    diligence = {person: rng.randint(78, 98) for team in DEPARTMENTS.values() for person in team}
    records = []
    for plan in plans:
        for day, kind, visitors, topics in zip(
            plan.days, plan.kinds, plan.visitors, plan.topics, strict=True
        ):
            chance = diligence[visitors[0]]
            if LEAVER in visitors and day >= LEAVES_ON - timedelta(days=30):
                chance = 50  # on the way out
            if rng.randint(1, 100) > chance:
                continue
            late = 0 if rng.random() < 0.8 else rng.randint(1, 3)
            visit_day = CALENDAR.add_business_days(day, late)
            if visit_day not in H2:
                continue
            feedback = []
            if kind is not VisitKind.GREETING and rng.random() < 0.2:
                feedback.append(FeedbackItem("asked about next year's prices",
                                             answer="price list follows in December"))
            if kind is not VisitKind.GREETING and rng.random() < 0.05:
                department = rng.choice(sorted(RESPONSIBLE))
                feedback.append(FeedbackItem(
                    "a problem to follow up", kind=rng.choice(("complaint", "after_sales")),
                    severity=rng.choices(("critical", "major", "minor"), weights=(1, 4, 6))[0],
                    responsible_department=department,
                    responsible_person=RESPONSIBLE[department]))
            # each kind fills what it needs: a greeting is a message (no place, no topics),
            # a phone return visit has no place
            needs = RECORD_FIELDS[kind]
            record = VisitRecord(
                record_id=f"V-{plan.account_id[1:]}-{day:%m%d}-{kind.value[0].upper()}",
                account_id=plan.account_id, kind=kind,
                visited_at=_at(visit_day, 10 if "place" in needs else 15),
                place="at the customer's" if "place" in needs else None,
                visitors=visitors,
                customer_situation="business as usual" if "customer_situation" in needs
                else None,
                topics=topics,
                content="greetings for the festival" if kind is VisitKind.GREETING
                else "regular visit", feedback=feedback, planned_day=day)
            record, tickets, _ = record_visit(record, replay.policy, tier=plan.tier,
                                              now=_at(visit_day, 17), calendar=CALENDAR)
            records.append(record)
            for ticket in tickets:
                replay.add(ticket)
    return records


def report_visits(plans: tuple[VisitPlan, ...], records: list[VisitRecord],
                  out: list[str]) -> None:
    # evaluated as the half-year closes: a visit is due once its day has passed
    report = evaluate_compliance(plans, records, now=H2_CLOSED, zone=SHANGHAI)
    rate = report.completion_rate
    out.append(f"  visits: {len(records)} recorded; {report.completed} of {report.due} planned "
               f"visits done ({rate:.1%})" if rate is not None else "  no visit was due")
    tiers = Counter(plan.tier.code for plan in plans)
    tier_of = {plan.account_id: plan.tier.code for plan in plans}
    overdue = Counter(tier_of[visit.account_id] for visit in report.overdue)
    out.append(f"  overdue visits: {len(report.overdue)} ("
               + ", ".join(f"{code} {overdue[code]}" for code in sorted(tiers)) + f"); "
               f"{len(report.events)} VisitOverdue events; {len(report.gaps)} accounts beyond "
               f"their interval since the last regular visit")
    worst = sorted(report.overdue, key=lambda v: (tier_of[v.account_id], -v.days_overdue,
                                                  v.account_id))[:3]
    for visit in worst:
        out.append(f"    {visit.account_id} tier {tier_of[visit.account_id]}: "
                   f"{visit.kind.value} of {visit.planned_day}, {visit.days_overdue} days overdue")


# --- 4. tickets and escalation ------------------------------------------------------------------


@dataclass
class TicketReplay:
    """Replays the tickets' lives in time order, with a nightly escalation run."""

    policy: EscalationPolicy
    rng: random.Random
    tickets: dict[str, FeedbackTicket] = field(default_factory=dict)
    queue: list[tuple[datetime, int, str, str]] = field(default_factory=list)
    alerts: Counter[str] = field(default_factory=Counter)
    escalated: set[str] = field(default_factory=set)
    _sequence: int = 0

    def schedule(self, moment: datetime, ticket_id: str, step: str) -> None:
        if moment <= REVIEW:  # what would happen after the review has not happened yet
            self._sequence += 1
            heapq.heappush(self.queue, (moment, self._sequence, ticket_id, step))

    def add(self, ticket: FeedbackTicket) -> None:
        self.tickets[ticket.ticket_id] = ticket
        self.schedule(ticket.opened_at, ticket.ticket_id, "opened")

    def _within(self, now: datetime, deadline: datetime) -> datetime:
        remaining = CALENDAR.business_time_between(now, deadline)
        share = self.rng.randint(15, 90) / 100
        return CALENDAR.add_business_time(now, remaining * share)

    def _late(self, now: datetime, deadline: datetime, hours: int) -> datetime:
        late = timedelta(minutes=self.rng.randint(30, hours * 60))
        return CALENDAR.add_business_time(max(now, deadline), late)

    def _next_reply(self, ticket: FeedbackTicket, now: datetime) -> None:
        on_time = self.rng.random() < 0.85 and ticket.first_reply_deadline > now
        moment = (self._within(now, ticket.first_reply_deadline) if on_time
                  else self._late(now, ticket.first_reply_deadline, 12))
        self.schedule(moment, ticket.ticket_id, "reply")

    def _next_resolution(self, ticket: FeedbackTicket, now: datetime) -> None:
        draw = self.rng.random()
        if draw < 0.04:
            return  # stuck: nobody moves it again before the review
        if draw < 0.80 and ticket.resolution_deadline > now:
            moment = self._within(now, ticket.resolution_deadline)
        else:
            moment = self._late(now, ticket.resolution_deadline, 30)
        self.schedule(moment, ticket.ticket_id, "resolve")

    def step(self, moment: datetime, ticket_id: str, step: str) -> None:
        ticket = self.tickets[ticket_id]
        if step == "opened":
            self._next_reply(ticket, moment)
        elif step == "reply":
            ticket, _ = ticket.reply("contacted the customer; working on it", now=moment)
            if self.rng.random() < 0.1:
                self.schedule(CALENDAR.add_business_time(moment, timedelta(hours=3)),
                              ticket_id, "pause")
            else:
                self._next_resolution(ticket, moment)
        elif step == "pause":
            ticket, _ = ticket.pause("waiting for the customer's records", now=moment)
            wait = timedelta(hours=self.rng.randint(4, 20))
            self.schedule(CALENDAR.add_business_time(moment, wait), ticket_id, "resume")
        elif step == "resume":
            ticket, _ = ticket.resume(now=moment, calendar=CALENDAR)
            self._next_resolution(ticket, moment)
        elif step == "resolve":
            ticket, _ = ticket.resolve(f"solved; report {ticket_id}", now=moment)
            wait = timedelta(hours=self.rng.randint(2, 15))
            self.schedule(CALENDAR.add_business_time(moment, wait), ticket_id, "close")
        elif step == "close":
            score = self.rng.choices((1, 2, 3, 4, 5), weights=(2, 5, 18, 40, 35))[0]
            ticket, _ = ticket.close(satisfaction=score, satisfied=score >= 3, now=moment)
            if score < 3:  # not satisfied: reopened, with a new deadline (seed 001 §五)
                ticket, _ = reopen_ticket(ticket, self.policy, reason="customer not satisfied",
                                          now=moment, calendar=CALENDAR)
                self._next_reply(ticket, moment)
        self.tickets[ticket_id] = ticket

    def evaluate(self, now: datetime) -> None:
        for ticket_id in sorted(self.tickets):
            ticket = self.tickets[ticket_id]
            if ticket.opened_at > now or not ticket.is_open:
                continue
            ticket, events = evaluate_escalation(ticket, self.policy, now=now, calendar=CALENDAR)
            self.tickets[ticket_id] = ticket
            for event in events:
                if isinstance(event, TicketEscalated):
                    self.alerts[f"escalated to {event.role}"] += 1
                    self.escalated.add(ticket_id)
                elif isinstance(event, TicketAtRisk):
                    self.alerts["at risk"] += 1

    def run(self) -> None:
        """Every step in time order; the escalation job runs each working day at 17:45."""
        day = H2.start
        while day <= REVIEW.date():
            if CALENDAR.is_working_day(day):
                self.schedule(_at(day, 17, 45), "", "evaluate")
            day += timedelta(days=1)
        while self.queue:
            moment, _, ticket_id, step = heapq.heappop(self.queue)
            if step == "evaluate":
                self.evaluate(moment)
            else:
                self.step(moment, ticket_id, step)
        self.evaluate(REVIEW)


def direct_tickets(customers: list[Customer], replay: TicketReplay, out: list[str]) -> None:
    """Problems raised by phone or as complaints, at random working moments of H2."""
    rng = random.Random(SEED + 4)
    policy = replay.policy
    active = [c for c in customers if c.status is AccountStatus.ACTIVE and c.tier is not None]
    # top-tier accounts talk to us more often
    weights = [6 if c.tier is not None and c.tier.rank == 1 else 3 if c.tier and c.tier.rank == 2
               else 1 for c in active]
    # the complaint of the tutorial: a tier A account, on the eve of the National Day holiday
    first_a = next(c for c in active if c.tier is not None and c.tier.code == "A")
    assert first_a.tier is not None
    holiday, _ = open_ticket(
        policy, ticket_id=HOLIDAY_TICKET, account_id=first_a.account_id, tier=first_a.tier,
        source="visit", kind="complaint", severity="major",
        summary="deliveries late and partly damaged", responsible_department="logistics",
        responsible_person=RESPONSIBLE["logistics"], departments=["logistics", "quality"],
        lead_coordinator=LEAD_COORDINATOR, now=_at(date(2025, 9, 30), 16), calendar=CALENDAR)
    replay.add(holiday)
    out.append(f"  National Day: {holiday.ticket_id} ({first_a.account_id}, tier A, major "
               f"complaint) opened {holiday.opened_at:%a %d %b %H:%M};")
    out.append(f"    first reply due {holiday.first_reply_deadline:%a %d %b %H:%M}, resolution "
               f"due {holiday.resolution_deadline:%a %d %b %H:%M} (a make-up working day)")
    for number in range(1, 241):
        customer = rng.choices(active, weights=weights)[0]
        assert customer.tier is not None
        day = CALENDAR.add_business_days(H2.start, rng.randint(0, 125))
        opened = _at(day, rng.choice((9, 10, 11, 14, 15, 16, 17)), rng.choice((0, 15, 30, 45)))
        department = rng.choice(sorted(RESPONSIBLE))
        others = [d for d in sorted(RESPONSIBLE) if d != department]
        cross = rng.random() < 0.1
        ticket, _ = open_ticket(
            policy, ticket_id=f"T-2025-{number:04d}", account_id=customer.account_id,
            tier=customer.tier, source=rng.choice(("phone", "complaint", "survey")),
            kind=rng.choice(("complaint", "product_or_technical", "after_sales",
                             "suggestion_or_demand")),
            severity=rng.choices(("critical", "major", "minor"), weights=(1, 4, 6))[0],
            summary="problem raised by the customer", responsible_department=department,
            responsible_person=RESPONSIBLE[department],
            departments=[department, rng.choice(others)] if cross else [],
            lead_coordinator=LEAD_COORDINATOR if cross else None,
            now=opened, calendar=CALENDAR)
        replay.add(ticket)


def report_tickets(replay: TicketReplay, out: list[str]) -> None:
    tickets = list(replay.tickets.values())
    by_status = Counter(ticket.status.value for ticket in tickets)
    out.append(f"  {len(tickets)} tickets in H2: "
               + ", ".join(f"{status} {count}" for status, count in sorted(by_status.items())))
    out.append("  alerts raised by the nightly job: "
               + ", ".join(f"{kind} {count}" for kind, count in sorted(replay.alerts.items())))
    holiday = replay.tickets[HOLIDAY_TICKET]
    out.append(f"  {HOLIDAY_TICKET}: {' > '.join(entry.step for entry in holiday.history)}")
    out.append(f"    first reply on time: {holiday.first_replied_on_time}, resolved on time: "
               f"{holiday.resolved_on_time}, satisfaction {holiday.satisfaction}")
    open_tickets = [ticket for ticket in tickets if ticket.is_open]
    policy = replay.policy
    acting = Counter(who_must_act(t, policy, now=REVIEW, calendar=CALENDAR) for t in open_tickets)
    out.append(f"  open at the review: {len(open_tickets)}; who must act: "
               + ", ".join(f"{role} {count}" for role, count in sorted(acting.items())))
    out.append("  work queue (complaints of the top tiers first, then by deadline):")
    for ticket in sorted(open_tickets, key=partial(ticket_queue_key, policy=policy))[:5]:
        level = escalation_level(ticket, policy, now=REVIEW, calendar=CALENDAR)
        tier = ticket.tier.code if ticket.tier is not None else "-"
        out.append(f"    {ticket.ticket_id:<16} {ticket.account_id} tier {tier} "
                   f"{ticket.kind.value:<20} {ticket.status.value:<11} resolution due "
                   f"{ticket.resolution_deadline:%Y-%m-%d %H:%M}, level {level}")


# --- 5. the review: indicators and scorecards -----------------------------------------------


def _dimensions(customer: Customer) -> tuple[str, str, str, str]:
    """The four grouping dimensions of a record: account, tier, manager, department."""
    assert customer.tier is not None
    assert customer.account_manager is not None
    assert customer.department is not None
    return (customer.account_id, customer.tier.code, customer.account_manager,
            customer.department)


def _shown(value: IndicatorValue) -> str:
    rounded = value.rounded(3)
    return "n/a" if rounded is None else str(rounded)


def review_indicators(
    at_start: list[Customer], customers: list[Customer], accounts: dict[str, Synthetic],
    plans: tuple[VisitPlan, ...], records: list[VisitRecord], replay: TicketReplay,
    out: list[str],
) -> None:
    """Every indicator of the half-year by tier, and the scorecards (seed 001 §七)."""
    rng = random.Random(SEED + 6)
    by_id = {customer.account_id: customer for customer in customers}
    tickets = [replay.tickets[ticket_id] for ticket_id in sorted(replay.tickets)]
    # seed 001 follows up the satisfaction with each solved problem, and every half-year
    # surveys the accounts themselves; both answer on the 1..5 ticket scale
    surveys = list(satisfaction_from_tickets(tickets, by_id, zone=SHANGHAI))
    for customer in customers:
        if customer.status is AccountStatus.ACTIVE and rng.random() < 0.6:
            surveys.append(SurveyResponse(
                *_dimensions(customer), answered_on=date(2025, 12, rng.randint(1, 19)),
                score=rng.choices((1, 2, 3, 4, 5), weights=(2, 6, 25, 45, 22))[0]))
    volumes = [
        VolumeFact(*_dimensions(by_id[account_id]), booked_on=day, amount=amount)
        for account_id, account in accounts.items() if account_id in by_id
        for day, amount in account.orders
    ]
    receivables = []
    for customer in at_start:
        if customer.status is not AccountStatus.ACTIVE:
            continue
        account = accounts[customer.account_id]
        due = sum((amount for day, amount in account.orders if day in H2), Decimal(0))
        paid = rng.choices((100, rng.randint(50, 95), 0), weights=(90, 8, 2))[0]
        receivables.append(ReceivableFact(
            *_dimensions(by_id[customer.account_id]),
            due_on=CALENDAR.add_business_days(H2.start, rng.randint(0, 120)),
            amount_due=due, amount_collected=due * paid // 100))
    # the roster as the half-year began, at the tiers it had then; kept = still trading
    # the accounts trading as the half-year began, at their tiers and managers then; a
    # dormant account still trades (it has a reactivation plan), a terminated one is lost
    roster = roster_from(at_start, customers)
    indicators = compute_indicators(
        H2,
        visits=visit_facts_from([visit for plan in plans for visit in plan.visits], records,
                                by_id, zone=SHANGHAI),
        # the account team is appraised on its accounts' problems, whoever solved them
        tickets=ticket_facts_from(tickets, by_id, zone=SHANGHAI),
        surveys=surveys, satisfaction_scale=SatisfactionScale(1, 5),
        volumes=volumes, roster=roster, receivables=receivables,
    )
    tiers = ("A", "B", "C", "D")
    out.append(f"  {'indicator ' + str(H2):<34}{'all':>8}" + "".join(f"{t:>8}" for t in tiers))
    breakdown: Breakdown[IndicatorValue]
    for indicator, breakdown in indicators.breakdowns.items():
        cells = "".join(f"{_shown(breakdown.of(Dimension.TIER, t)):>8}" for t in tiers)
        out.append(f"  {indicator.value:<34}{_shown(breakdown.portfolio):>8}{cells}")
    out.append("  (rates are shares; satisfaction is the mean score on 1..5; growth is H2 over "
               "H1, or the 3 months after the first visit over the 3 before)")
    # seed 001 §五 appraises the responsible department (责任部门) on the problems it owns
    owned = ticket_resolution(ticket_facts_from(tickets, by_id, zone=SHANGHAI,
                                                by_responsible_department=True), H2)
    out.append("  problems solved / on time by responsible department: " + ", ".join(
        f"{department} {_shown(value)} / "
        f"{_shown(owned.on_time.of(Dimension.DEPARTMENT, department))}"
        for department, value in owned.resolution.by(Dimension.DEPARTMENT).items()))
    scorecard = presets.scorecard()
    names = [component.name for component in
             scorecard.appraise_portfolio(indicators).components]
    short = {"visit_plan_completion": "visits", "satisfaction": "satisf",
             "problem_resolution": "solved", "cooperation_growth_after_visits": "growth",
             "receivables_collection": "collect"}
    header = "".join(f"{short.get(name, name[:7]):>8}" for name in names)
    out.append("")
    out.append(f"  scorecards of the account managers ({len(names)} indicators mapped onto "
               f"[0, 1], weight 1/5 each):")
    out.append(f"    {'manager':<8}{'team':<10}{'score':>7}{header}")
    department_of = {person: department for department, team in DEPARTMENTS.items()
                     for person in team}
    appraisals = scorecard.appraise(indicators, Dimension.ACCOUNT_MANAGER)
    ranked = sorted(appraisals.items(), key=lambda item: (-(item[1].score or 0), item[0] or ""))
    for manager, appraisal in ranked:
        parts = "".join(
            f"{'n/a' if part.normalised is None else f'{float(part.normalised):.2f}':>8}"
            for part in appraisal.components)
        # a department name is three double-width characters: seven cells fill ten columns
        out.append(f"    {manager or '-':<8}{department_of.get(manager or '', '-'):<7}"
                   f"{appraisal.rounded(3)!s:>7}{parts}")
    departments = scorecard.appraise(indicators, Dimension.DEPARTMENT)
    out.append("  by department: " + ", ".join(
        f"{department} {appraisal.rounded(3)}" for department, appraisal in departments.items()))
    out.append(f"  whole portfolio: {scorecard.appraise_portfolio(indicators).rounded(3)}")


# --- the review ----------------------------------------------------------------------------


def review() -> list[str]:
    """Run the whole half-year and return the review, line by line."""
    out = [
        f"keyaccount {keyaccount.__version__}: half-year review {H2} of a synthetic portfolio "
        f"(seed {SEED})",
        f"review made {REVIEW:%Y-%m-%d %H:%M} {ZONE}; business calendar "
        f"{CALENDAR.valid_from} .. {CALENDAR.valid_until}",
        "",
        "1. Customers",
    ]
    accounts, customers, grading_2024 = make_portfolio()
    out.append(f"  roster: {len(customers)} active key accounts, "
               f"{sum(len(team) for team in DEPARTMENTS.values())} account managers in "
               f"{len(DEPARTMENTS)} departments")
    developed = develop_prospects(customers, calibrate(grading_2024), out)
    orders_rng = random.Random(SEED + 2)
    for customer, amount in developed:
        customers.append(customer)
        if customer.status is AccountStatus.ACTIVE:
            # a new account's first-year figures: its contract, bought half of it by now
            figures = AccountFigures(
                account_id=customer.account_id, contract_amount=amount,
                profit_contribution=Decimal("0.12"), purchase_count=8,
                annual_purchase_amount=amount // 2)
            accounts[customer.account_id] = Synthetic(
                customer.account_id, None, figures, _orders(orders_rng, figures, quiet=False))
    customers = check_coverage(customers, out)
    at_start = customers
    plans = plan_h2(customers)
    customers, successors = hand_over(customers, out)
    plans = hand_over_visits(plans, customers, successors, out)
    customers = end_of_year(customers, accounts, out)

    out += ["", "2. Grading"]
    before, after, _ = grade(accounts, customers, out)
    migration(before, after, out)
    regraded = regrade(customers, after, out)

    out += ["", "3. Visit plans"]
    out.append(f"  H2 2025 (planned {H2_PLANNED.date()}): {len(plans)} accounts, "
               f"{sum(len(plan) for plan in plans)} visits")
    plan_next_year(regraded, out)

    out += ["", "4. The second half of 2025 replayed: visits, tickets, escalation"]
    replay = TicketReplay(presets.escalation(), random.Random(SEED + 3))
    records = replay_visits(plans, replay)
    report_visits(plans, records, out)
    direct_tickets(customers, replay, out)
    replay.run()
    report_tickets(replay, out)

    out += ["", f"5. The half-year review {H2}: indicators and scorecards"]
    review_indicators(at_start, customers, accounts, plans, records, replay, out)

    out += ["", "6. Every account heard: a prospect's ticket, its closing record, a "
            "rectification notice"]
    every_account_heard(replay, out)
    out += ["", "7. A handover of open work at the review"]
    hand_over_open_tickets(replay, out)
    out += ["", "8. Grading: realised tier shares and key-account eligibility"]
    realised_shares(before, after, out)
    eligibility(after, out)
    out += ["", "9. The team's load: the 2026 plan within capacity"]
    team_load(regraded, out)
    return out


def every_account_heard(replay: TicketReplay, out: list[str]) -> None:
    """A prospect's complaint (no tier yet), closed with its record; supervision's notice."""
    ledger = LedgerRules.from_mapping({"lead_department": LEAD_COORDINATOR})
    opened_at = _at(date(2025, 12, 30), 10)
    ticket, _ = open_ticket(
        replay.policy, ticket_id="T-2025-P001", account_id="P-塞北矿业", tier=None,
        source="phone", kind="complaint", severity="major",
        summary="trial delivery arrived damaged", responsible_department="logistics",
        responsible_person=RESPONSIBLE["logistics"], departments=["quality"], now=opened_at,
        calendar=CALENDAR, ledger=ledger)
    out.append(f"  {ticket.ticket_id} from {ticket.account_id}, a prospect without a tier "
               f"(tier D's deadlines), led by {ticket.lead_coordinator}")
    out.append(f"    first reply due {ticket.first_reply_deadline:%a %Y-%m-%d %H:%M}, resolution "
               f"due {ticket.resolution_deadline:%a %Y-%m-%d %H:%M} (New Year 1-3 Jan off)")
    ticket, _ = ticket.reply("replacement goods on their way", now=_at(date(2025, 12, 31), 10))
    ticket, _ = ticket.resolve("replaced; packing changed, report LOG-P001",
                               now=_at(date(2026, 1, 4), 15))
    ticket, _ = close_ticket(ticket, ledger, told="replacement delivered, packing changed",
                             told_by="li", told_at=_at(date(2026, 1, 4), 17), satisfied=True,
                             now=REVIEW)
    closing = ticket.closing
    assert closing is not None
    given = "not given" if closing.satisfaction is None else str(closing.satisfaction)
    out.append(f"    closed: told {closing.told!r} by {closing.told_by} on "
               f"{closing.told_at:%Y-%m-%d %H:%M}; satisfaction {given}, satisfied "
               f"{closing.satisfied}")
    rules = presets.rectification()
    behind = sorted(
        (t for t in replay.tickets.values() if t.is_open
         and escalation_level(t, replay.policy, now=REVIEW, calendar=CALENDAR)
         >= rules.ticket_level),
        key=lambda t: t.ticket_id)
    out.append(f"  tickets at escalation level {rules.ticket_level} or more at the review: "
               f"{len(behind)}")
    if behind:
        change = notice_for_ticket(behind[0], replay.policy, rules, notice_id="RN-2026-001",
                                   now=REVIEW, calendar=CALENDAR)
        assert change is not None
        notice, _ = change
        out.append(f"  rectification notice {notice.notice_id} to {notice.addressed_to}: "
                   f"{notice.finding}")
        out.append(f"    issued {notice.issued_at:%a %Y-%m-%d %H:%M}, due "
                   f"{notice.deadline:%a %Y-%m-%d %H:%M} ({rules.answer_within} business time)")


def hand_over_open_tickets(replay: TicketReplay, out: list[str]) -> None:
    """The person in charge of quality problems leaves; their open tickets go to a successor."""
    leaver, successor = RESPONSIBLE["quality"], "Zhou Min"
    ledger = [replay.tickets[ticket_id] for ticket_id in sorted(replay.tickets)]
    held = [ticket for ticket in ledger if held_by(ticket, leaver)]
    still_open = [ticket for ticket in held if ticket.is_open]
    after, events = hand_over_tickets(ledger, departing=leaver, successors=successor,
                                      now=REVIEW)
    moved = [event for event in events if isinstance(event, TicketHandedOver)]
    out.append(f"  {leaver} ({QUALITY}) leaves on {REVIEW:%Y-%m-%d}: responsible for "
               f"{len(held)} tickets of H2, {len(still_open)} still open")
    out.append(f"  handover: {len(moved)} open tickets to {successor}, one TicketHandedOver "
               f"event each")
    left = sum(1 for ticket in after if ticket.is_open and held_by(ticket, leaver))
    kept = sum(1 for ticket in after if held_by(ticket, leaver))
    out.append(f"  open tickets still with {leaver}: {left}; finished tickets keep their name "
               f"(who did the work): {kept}")


def realised_shares(before: Grading, after: Grading, out: list[str]) -> None:
    """What each grading realised against the shares of seed 002 (A + B = 20 %)."""
    policy = presets.weighted_grading()
    targets = " / ".join(f"{tier.code} {share}" for tier, share in policy.shares)
    out.append(f"  weighted score, tie rule {policy.tie_rule.value} (a tie block across a "
               f"boundary cut by {policy.tie_break}, then account id); targets {targets} %, "
               f"{'; '.join(policy.seed_departures) or 'A + B = 20 % as seed 002 sets'}:")
    for year, grading in (("2024", before), ("2025", after)):
        shares = grading.realised_shares()
        top = sum(list(shares.values())[:2], Decimal(0))
        shown = ", ".join(f"{tier.code} {share} %" for tier, share in shares.items())
        out.append(f"    {year}: {shown} (A + B {top} %); tie blocks split "
                   f"{grading.tie_blocks_split}, moved {grading.tie_blocks_moved}")
    # forty first-year accounts with no figures yet: one tie block across every boundary
    fresh = [AccountFigures(account_id=f"N{i:03d}", contract_amount=0, profit_contribution=0,
                            purchase_count=0) for i in range(40)]
    for rule in ("split", "better"):
        grading = WeightedScoreGrading(tie_rule=rule).grade(fresh)
        out.append(f"    40 accounts with all-zero figures, tie rule {rule}: {_counts(grading)}")


def eligibility(after: Grading, out: list[str]) -> None:
    """Seed 004 第4条 on the ten biggest buyers of 2025, before any of them is graded again."""
    rng = random.Random(SEED + 6)
    figures = sorted(after.figures_in_order(),
                     key=lambda f: (-(f.annual_purchase_amount or 0), f.account_id))
    sales = sum((f.annual_purchase_amount or Decimal(0) for f in figures), Decimal(0))
    profits = [max(f.contract_amount * f.profit_contribution, Decimal(0)) for f in figures]
    profit = sum(profits, Decimal(0))
    # a host with 3,000 accounts calls 0.25 % of sales and of profit (7.5 times the mean) large
    policy = KeyAccountEligibility.from_mapping({"large_share": "0.25"})
    out.append(f"  key-account eligibility (seed 004 第4条; required: all six criteria; top "
               f"{policy.top_rank} by sales; a large share >= {policy.large_share} % of sales "
               f"and of profit, the host's setting):")

    def known(chance: float) -> bool | None:
        return None if rng.random() < 0.05 else rng.random() < chance

    verdicts = []
    for rank, (item, gain) in enumerate(zip(figures[:12], profits, strict=False), start=1):
        share = (item.annual_purchase_amount or Decimal(0)) * 100 / sales
        facts = EligibilityFacts(
            account_id=item.account_id, well_known_brand=known(0.95), sales_rank=rank,
            sales_share=share.quantize(Decimal("0.01")),
            profit_share=(gain * 100 / profit).quantize(Decimal("0.01")),
            daily_contact=known(0.97), sales_support=known(0.95), priority_supply=known(0.95),
            prompt_listing=known(0.95))
        verdicts.append(policy.assess(facts))
    counted = Counter(verdict.eligibility for verdict in verdicts)
    out.append(f"    the 12 biggest buyers of 2025: "
               f"{', '.join(f'{counted[kind]} {kind.value}' for kind in Eligibility)}")
    for verdict in verdicts:
        open_points = ", ".join(f"{f.criterion.value} {f.status.value}"
                                for f in verdict.findings if f.status is not CriterionStatus.MET)
        out.append(f"    {verdict.account_id} {verdict.eligibility.value}"
                   f"{': ' + open_points if open_points else ''}")
    first = next((verdict for verdict in verdicts if verdict.eligible), verdicts[0])
    out.extend(f"    {line}" for line in first.explain().splitlines())


def team_load(regraded: list[Customer], out: list[str]) -> None:
    """The 2026 plan's busiest person-days, and what a team of two could not carry."""
    frequency, capacity = presets.visit_frequency(), presets.visit_capacity()
    planner = VisitPlanner(frequency, capacity)
    active = [AccountToPlan.from_customer(c) for c in regraded
              if c.status is AccountStatus.ACTIVE]
    portfolio, _ = planner.plan_portfolio(active, Period.year(2026), calendar=CALENDAR,
                                          festivals=FESTIVALS_2026, now=REVIEW)
    in_person, phone = portfolio.busiest("in_person"), portfolio.busiest("phone")
    out.append(f"  capacity per person and working day: {capacity.in_person} in person, "
               f"{capacity.phone} phone return visits, greetings unlimited")
    if in_person is not None and phone is not None:
        out.append(f"  busiest person-day in person: {in_person.person} {in_person.day} "
                   f"{in_person.in_person}; by phone: {phone.person} {phone.day} {phone.phone}")
    out.append(f"  {portfolio.visit_count} visits on {portfolio.days_used} days, "
               f"{len(portfolio.unplaced)} unplaced")
    pair = [attrs.evolve(account, staff=("li", "wang")) for account in active]
    small, _ = planner.plan_portfolio(pair, Period.year(2026), calendar=CALENDAR,
                                      festivals=FESTIVALS_2026, now=REVIEW)
    out.append(f"  the same accounts for a team of two: {small.visit_count} visits placed, "
               f"{len(small.unplaced)} unplaced; person-days missing:")
    for shortfall in small.shortfall[:4]:
        out.append(f"    {shortfall.month:%Y-%m} {shortfall.load.value:<9} "
                   f"{shortfall.visits:>5} visits, {shortfall.person_days:>4} person-days")
    out.append(f"    ... {sum(s.person_days for s in small.shortfall)} person-days in all")


def end_of_year(
    customers: list[Customer], accounts: dict[str, Synthetic], out: list[str]
) -> list[Customer]:
    """Purchases of H2 on file, accounts that stopped trading, and dormancy at the review."""
    updated = []
    for customer in customers:
        account = accounts.get(customer.account_id)
        if account is not None and customer.status is AccountStatus.ACTIVE:
            later = [day for day, _ in account.orders if day >= H2.start]
            if later:
                customer, _ = customer.record_purchase(on=later[-1], now=_at(later[-1], 18))
            if account.leaves:
                customer, _ = customer.terminate(reason="moved to a competitor",
                                                 now=TERMINATED)
        updated.append(customer)
    dormancy = presets.dormancy()
    updated_tuple, events = dormancy.apply(updated, now=REVIEW)
    terminated = sum(1 for c in updated_tuple if c.status is AccountStatus.TERMINATED)
    out.append(f"  at the review: {len(events)} accounts dormant ({dormancy.days} days without "
               f"a purchase), {terminated} terminated ({keyaccount.TRADING_TERMINATED})")
    return list(updated_tuple)


def main() -> None:
    """Print the review."""
    for line in review():
        print(line)


if __name__ == "__main__":
    main()
