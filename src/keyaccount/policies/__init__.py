"""Pluggable policies: the rules a company may set differently (SPEC §0).

Every policy is a small frozen class behind a :class:`typing.Protocol`, with a documented
default from SPEC.md (see :mod:`keyaccount.policies.presets`) and a ``from_mapping``
constructor that validates a host's settings and raises
:class:`~keyaccount.PolicyConfigError` on anything it cannot accept.

Each area below has its own section; add names to the section of the area you own.
"""

# --- customers, lifecycle, coverage, access (issue 3) ---
# --- end customers ---

# --- grading (issue 4) ---
# --- end grading ---

# --- tickets and escalation (issue 5) ---
# isort: split
from keyaccount.policies._protocols import EscalationPolicy
from keyaccount.policies.escalation import (
    DEFAULT_DEADLINES,
    DEFAULT_ESCALATION_LADDER,
    DEFAULT_TIER_ALIASES,
    BusinessDuration,
    TicketDeadlines,
    TierDeadlines,
    TieredEscalation,
)

# --- end tickets ---

# --- visits (issue 6) ---
# isort: split
from keyaccount.policies._protocols import VisitFrequencyPolicy
from keyaccount.policies.visits import (
    DEFAULT_LEVEL_QUOTAS,
    DEFAULT_TIER_QUOTAS,
    TierVisitFrequency,
    VisitPlanner,
    evaluate_compliance,
)

# --- end visits ---

# --- indicators and scorecards (issue 7) ---
# --- end indicators ---

__all__: list[str] = [
    # --- customers (issue 3) ---
    # --- end customers ---
    # --- grading (issue 4) ---
    # --- end grading ---
    # --- tickets (issue 5) ---
    "DEFAULT_DEADLINES",
    "DEFAULT_ESCALATION_LADDER",
    "DEFAULT_TIER_ALIASES",
    "BusinessDuration",
    "EscalationPolicy",
    "TicketDeadlines",
    "TierDeadlines",
    "TieredEscalation",
    # --- end tickets ---
    # --- visits (issue 6) ---
    "DEFAULT_LEVEL_QUOTAS",
    "DEFAULT_TIER_QUOTAS",
    "TierVisitFrequency",
    "VisitFrequencyPolicy",
    "VisitPlanner",
    "evaluate_compliance",
    # --- end visits ---
    # --- indicators (issue 7) ---
    # --- end indicators ---
]
