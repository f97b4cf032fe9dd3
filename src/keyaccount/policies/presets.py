"""The seed defaults, one function each (SPEC.md marks each as *default*).

Each function returns a fresh policy value; nothing here is global state, and nothing is
registered at import time. Hosts that change a setting build the policy with
``Policy.from_mapping(settings)`` instead.
"""

from __future__ import annotations

from keyaccount.domain.grading import ReviewCadence
from keyaccount.policies.customers import (
    CoveredHandover,
    DaysWithoutPurchase,
    MinimumStaffByTier,
    RoleBasedAccess,
    SelectionRules,
    SequentialAccountCodes,
)
from keyaccount.policies.grading import (
    AmountBandGrading,
    KeyAccountEligibility,
    WeightedScoreGrading,
)
from keyaccount.policies.indicators import WeightedLoyalty, WeightedScorecard
from keyaccount.policies.tickets import LedgerRules, RectificationRules, TieredEscalation
from keyaccount.policies.visits import DailyVisitCapacity, TierVisitFrequency

__all__ = [
    "access",
    "account_codes",
    "amount_bands",
    "coverage",
    "dormancy",
    "escalation",
    "handover",
    "key_account_eligibility",
    "ledger",
    "loyalty",
    "rectification",
    "review_cadence",
    "scorecard",
    "selection",
    "visit_capacity",
    "visit_frequency",
    "weighted_grading",
]


def account_codes() -> SequentialAccountCodes:
    """Account codes ``"KA-{year}-{seq:05d}"`` (our default; seed 003 第十一条 sets a code).

    >>> account_codes().pattern
    'KA-{year}-{seq:05d}'
    """
    return SequentialAccountCodes()


def dormancy() -> DaysWithoutPurchase:
    """Dormant after 180 days without a purchase (SPEC §2 *default*; seed 003 休眠客户).

    >>> dormancy().days
    180
    """
    return DaysWithoutPurchase()


def coverage() -> MinimumStaffByTier:
    """Two staff for tier rank <= 2 (A, B, STRATEGIC, PARTNER), one otherwise (SPEC §3).

    Seed 002 §客户管理 3) and seed 003 第十条: important accounts have two or more staff.

    >>> coverage().top_minimum, coverage().minimum
    (2, 1)
    """
    return MinimumStaffByTier()


def handover() -> CoveredHandover:
    """Handover that keeps the default coverage (SPEC §3; seed 003 第六条, 第十一条).

    >>> handover().coverage == coverage()
    True
    """
    return CoveredHandover()


def access() -> RoleBasedAccess:
    """The default roles of SPEC §4 (seed 003 第七条; 客户名册管理制度 第二条).

    >>> sorted(access().other_department)
    ['account_id', 'name', 'phone', 'tier']
    """
    return RoleBasedAccess()


def selection() -> SelectionRules:
    """Selection at approval (SPEC §2; seed 003 开发 第二-五条, 第十条).

    A 失信被执行人 rating and every failed principle refuse, an unestablished one is flagged,
    the two contracts are signed the same day.

    >>> selection().signing_window_days
    0
    """
    return SelectionRules()


def weighted_grading() -> WeightedScoreGrading:
    """Weights 0.4 / 0.4 / 0.2, percentile ranks, tiers A 5 %, B 15 %, C 30 %, D 50 %.

    Seed 002 §客户分级 (weights; A + B = 20 %, C + D = 80 %); the split within is SPEC §5a's
    default. A tie block across a tier boundary is split by contract amount, then account id
    (tie rule ``split``), so the realised shares are the targets.

    >>> [(tier.code, str(share)) for tier, share in weighted_grading().shares]
    [('A', '5'), ('B', '15'), ('C', '30'), ('D', '50')]
    """
    return WeightedScoreGrading()


def amount_bands() -> AmountBandGrading:
    """Seed 004 第5条: ordinary 5M-20M, partner 20M-50M, strategic 50M+ CNY, lower inclusive.

    >>> [(tier.code, int(lower)) for tier, lower in amount_bands().thresholds]
    [('STRATEGIC', 50000000), ('PARTNER', 20000000), ('ORDINARY', 5000000)]
    """
    return AmountBandGrading()


def key_account_eligibility() -> KeyAccountEligibility:
    """Seed 004 第4条: all six criteria required, top ten by sales, shares of at least 5 %.

    The 5 % for "a large share of sales and profit" is our default; the seed gives no number.

    >>> policy = key_account_eligibility()
    >>> len(policy.required), policy.top_rank, policy.large_share
    (6, 10, Decimal('5'))
    """
    return KeyAccountEligibility()


def review_cadence() -> ReviewCadence:
    """List review in January, roster survey January and July, targets in December.

    Seeds 001 (每年年初), 003 第六条 (一年两次), 002 (每年12月); SPEC §5d.

    >>> review_cadence().roster_survey_months
    (1, 7)
    """
    return ReviewCadence()


def escalation() -> TieredEscalation:
    """The seed defaults of ticket deadlines and escalation (SPEC §7; seed 001 §五, seed 002).

    First reply A 4 business hours, B 8, C 2 business days, D 3; resolution (critical /
    major / minor) A 1/3/5 business days, B 2/5/10, C 3/7/15, D 5/10/20; the ladder
    responsible person -> department head -> head of the key-account department -> general
    manager, one level at the deadline and one per further business day; an *at risk* warning
    at 75 % of a deadline's business time; complaints of A and B first in the queue.

    >>> escalation().deadlines_for("PARTNER").first_reply
    <BusinessDuration 8h>
    """
    return TieredEscalation()


def ledger() -> LedgerRules:
    """The seed defaults of leading and closing problems (SPEC §7; seed 001 §五(二)2-3).

    The key-account department leads a problem spanning departments and no other lead is
    accepted; scores 4 and 5 of five count as satisfied; an answer that contradicts the score
    is refused.

    >>> ledger().lead_department
    'key-account department'
    """
    return LedgerRules()


def rectification() -> RectificationRules:
    """Our defaults of rectification notices (seed 001 §七(一)3 writes 限期整改, no number).

    Five business days to rectify; a notice once a ticket reaches escalation level 2 or two
    planned visits of an account are overdue.

    >>> str(rectification().answer_within)
    '5d'
    """
    return RectificationRules()


def visit_frequency() -> TierVisitFrequency:
    """The seed defaults of visit frequency (SPEC §6; seed 001 §走访频率, seed 002 §维护计划).

    A: 12 on-site visits (monthly), 2 holiday visits (Spring Festival, Mid-Autumn), 1 event;
    B: 6 on-site visits (every two months), 2 holiday visits, 1 event; C: 4 phone return
    visits (quarterly), 2 greetings; D: 2 phone return visits, 2 greetings. Other tiers get
    the quota of their visit level (core as A, important as B, general as C).

    >>> from keyaccount import TIER_B
    >>> visit_frequency().minimum(TIER_B).on_site
    6
    """
    return TierVisitFrequency()


def visit_capacity() -> DailyVisitCapacity:
    """The default visit capacity (issue 13; seed 001 三(三) 合理安排走访行程, no number given).

    Per person and working day: 3 in-person visits (on-site, holiday visits and events
    together), 20 phone return visits, greetings unlimited; nobody has own limits.

    >>> visit_capacity().standard_limit("in_person"), visit_capacity().standard_limit("phone")
    (3, 20)
    """
    return DailyVisitCapacity()


def scorecard() -> WeightedScorecard:
    """The seed default scorecard (SPEC §9; seed 001 §七(二)2 考核指标, seed 003 回款率).

    Visit plan completion, customer satisfaction, problem resolution, business cooperation
    growth after visits and receivables collection, 1/5 each (the seeds give no weights).

    >>> [(i.value, str(w)) for i, w in scorecard().weights][:2]
    [('visit_plan_completion', '1/5'), ('satisfaction', '1/5')]
    """
    return WeightedScorecard()


def loyalty() -> WeightedLoyalty:
    """The seed default loyalty weights (seed 002 §忠诚度分析): the seven behaviours, 1/7 each.

    >>> sum(w for _, w in loyalty().weights)
    Fraction(1, 1)
    """
    return WeightedLoyalty()


