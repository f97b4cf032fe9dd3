"""Pluggable policies: the rules a company may set differently (SPEC §0).

Every policy is a small frozen class behind a :class:`typing.Protocol`, with a documented
default from SPEC.md (see :mod:`keyaccount.policies.presets`) and a ``from_mapping``
constructor that validates a host's settings and raises
:class:`~keyaccount.PolicyConfigError` on anything it cannot accept.

Each area below has its own section; add names to the section of the area you own.
"""

# --- customers, lifecycle, coverage, access (issue 3) ---
# isort: split
from keyaccount.policies.customers import (
    DEFAULT_ACCOUNT_CODE_PATTERN,
    DEFAULT_BUSINESS_FIELDS,
    DEFAULT_DIRECTORY_FIELDS,
    DEFAULT_DORMANCY_DAYS,
    DEFAULT_MINIMUM_STAFF,
    DEFAULT_TOP_MINIMUM_STAFF,
    DEFAULT_TOP_RANK,
    CoveredHandover,
    DaysWithoutPurchase,
    MinimumStaffByTier,
    RoleBasedAccess,
    SequentialAccountCodes,
)

# --- end customers ---

# --- grading (issue 4) ---
# isort: split
from keyaccount.policies.grading import (
    DEFAULT_AMOUNT_BANDS,
    DEFAULT_TIER_SHARES,
    DEFAULT_WEIGHTS,
    AmountBand,
    AmountBandGrading,
    Calibration,
    Normalisation,
    ScoreWeights,
    WeightedScoreGrading,
    calibrate,
    tier_boundaries,
)

# --- end grading ---

# --- tickets and escalation (issue 5) ---
# isort: split
from keyaccount.policies.tickets import (
    DEFAULT_DEADLINES,
    DEFAULT_ESCALATION_LADDER,
    DEFAULT_ESCALATION_STEP,
    DEFAULT_PRIORITY_RANK,
    DEFAULT_TIER_ALIASES,
    DEFAULT_WARNING_FRACTION,
    TieredEscalation,
)

# --- end tickets ---

# --- visits (issue 6) ---
# isort: split
from keyaccount.policies.visits import (
    DEFAULT_LEVEL_QUOTAS,
    DEFAULT_TIER_QUOTAS,
    TierVisitFrequency,
)

# --- end visits ---

# --- indicators and scorecards (issue 7) ---
# isort: split
from keyaccount.policies.indicators import (
    DEFAULT_LOYALTY_WEIGHTS,
    DEFAULT_SCORECARD_WEIGHTS,
    WeightedLoyalty,
    WeightedScorecard,
)

# --- end indicators ---

__all__: list[str] = [
    # --- customers (issue 3) ---
    "CoveredHandover",
    "DEFAULT_ACCOUNT_CODE_PATTERN",
    "DEFAULT_BUSINESS_FIELDS",
    "DEFAULT_DIRECTORY_FIELDS",
    "DEFAULT_DORMANCY_DAYS",
    "DEFAULT_MINIMUM_STAFF",
    "DEFAULT_TOP_MINIMUM_STAFF",
    "DEFAULT_TOP_RANK",
    "DaysWithoutPurchase",
    "MinimumStaffByTier",
    "RoleBasedAccess",
    "SequentialAccountCodes",
    # --- end customers ---
    # --- grading (issue 4) ---
    "DEFAULT_AMOUNT_BANDS",
    "DEFAULT_TIER_SHARES",
    "DEFAULT_WEIGHTS",
    "AmountBand",
    "AmountBandGrading",
    "Calibration",
    "Normalisation",
    "ScoreWeights",
    "WeightedScoreGrading",
    "calibrate",
    "tier_boundaries",
    # --- end grading ---
    # --- tickets (issue 5) ---
    "DEFAULT_DEADLINES",
    "DEFAULT_ESCALATION_LADDER",
    "DEFAULT_ESCALATION_STEP",
    "DEFAULT_PRIORITY_RANK",
    "DEFAULT_TIER_ALIASES",
    "DEFAULT_WARNING_FRACTION",
    "TieredEscalation",
    # --- end tickets ---
    # --- visits (issue 6) ---
    "DEFAULT_LEVEL_QUOTAS",
    "DEFAULT_TIER_QUOTAS",
    "TierVisitFrequency",
    # --- end visits ---
    # --- indicators (issue 7) ---
    "DEFAULT_LOYALTY_WEIGHTS",
    "DEFAULT_SCORECARD_WEIGHTS",
    "WeightedLoyalty",
    "WeightedScorecard",
    # --- end indicators ---
]
