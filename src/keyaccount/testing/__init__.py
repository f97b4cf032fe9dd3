"""Hypothesis strategies and conformance checks for keyaccount and for users' own policies.

Needs the ``test`` extra (hypothesis). The library's own tests use these strategies, so they
are exercised in CI.

Each area below has its own section; add names to the section of the area you own.
"""

# --- customers (issue 3) ---
# --- end customers ---

# --- grading (issue 4) ---
# --- end grading ---

# --- calendar (issue 5) ---
# --- end calendar ---

# --- tickets (issue 5) ---
# isort: split
from keyaccount.testing._tickets import (
    LIFECYCLE_STEPS,
    check_escalation_policy,
    lifecycle_steps,
    open_tickets,
    pause_intervals,
    take_step,
)

# --- end tickets ---

# --- visits (issue 6) ---
# --- end visits ---

# --- indicators (issue 7) ---
# isort: split
from keyaccount.testing._indicators import (
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

# --- end indicators ---

__all__: list[str] = [
    # --- customers (issue 3) ---
    # --- end customers ---
    # --- grading (issue 4) ---
    # --- end grading ---
    # --- calendar (issue 5) ---
    # --- end calendar ---
    # --- tickets (issue 5) ---
    "LIFECYCLE_STEPS",
    "check_escalation_policy",
    "lifecycle_steps",
    "open_tickets",
    "pause_intervals",
    "take_step",
    # --- end tickets ---
    # --- visits (issue 6) ---
    # --- end visits ---
    # --- indicators (issue 7) ---
    "indicator_periods",
    "loyalty_facts_lists",
    "prospect_facts",
    "receivable_facts",
    "retention_rosters",
    "satisfaction_scales",
    "spending_facts",
    "survey_responses",
    "ticket_facts",
    "visit_facts",
    "volume_facts",
    # --- end indicators ---
]
