"""Hypothesis strategies and conformance checks for keyaccount and for users' own policies.

Needs the ``test`` extra (hypothesis). The library's own tests use these strategies, so they
are exercised in CI.

Each area below has its own section; add names to the section of the area you own.
"""

# --- customers (issue 3) ---
# isort: split
from keyaccount.testing._customers import (
    STAFF_POOL,
    aware_datetimes,
    check_access_policy,
    check_account_code_policy,
    check_coverage_policy,
    check_dormancy_policy,
    check_handover_policy,
    contacts,
    customer_steps,
    customers,
    files_and_viewers,
    handover_scenarios,
    portfolios,
    process_records,
    take_customer_step,
    viewers,
)

# --- end customers ---

# --- grading (issue 4) ---
# isort: split
from keyaccount.testing._grading import (
    account_figures,
    amount_band_gradings,
    amounts,
    check_grading_configuration,
    check_grading_policy,
    grading_settings,
    portfolio_figures,
    weighted_gradings,
)

# isort: split
# --- end grading ---

# --- calendar (issue 5) ---
# isort: split
from keyaccount.testing._calendar import (
    CALENDAR_ZONES,
    business_calendars,
    business_durations,
    calendar_instants,
    calendars_with_instants,
)

# --- end calendar ---

# --- tickets (issue 5) ---
# isort: split
from keyaccount.testing._tickets import (
    LIFECYCLE_STEPS,
    check_escalation_policy,
    check_escalation_tiers,
    lifecycle_steps,
    open_tickets,
    pause_intervals,
    take_step,
)

# --- end tickets ---

# --- visits (issue 6) ---
# isort: split
from keyaccount.testing._visits import (
    PlanningInputs,
    accounts_to_plan,
    check_visit_frequency_policy,
    feedback_items,
    plan_calendars,
    planning_inputs,
    visit_records,
)

# isort: split
# --- end visits ---

# --- indicators (issue 7) ---
# isort: split
from keyaccount.testing._indicators import (
    check_appraisal,
    check_appraisal_policy,
    check_loyalty_policy,
    indicator_inputs,
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
    "STAFF_POOL",
    "aware_datetimes",
    "check_access_policy",
    "check_account_code_policy",
    "check_coverage_policy",
    "check_dormancy_policy",
    "check_handover_policy",
    "contacts",
    "customer_steps",
    "customers",
    "files_and_viewers",
    "handover_scenarios",
    "portfolios",
    "process_records",
    "take_customer_step",
    "viewers",
    # --- end customers ---
    # --- grading (issue 4) ---
    "account_figures",
    "amount_band_gradings",
    "amounts",
    "check_grading_configuration",
    "check_grading_policy",
    "grading_settings",
    "portfolio_figures",
    "weighted_gradings",
    # --- end grading ---
    # --- calendar (issue 5) ---
    "CALENDAR_ZONES",
    "business_calendars",
    "business_durations",
    "calendar_instants",
    "calendars_with_instants",
    # --- end calendar ---
    # --- tickets (issue 5) ---
    "LIFECYCLE_STEPS",
    "check_escalation_policy",
    "check_escalation_tiers",
    "lifecycle_steps",
    "open_tickets",
    "pause_intervals",
    "take_step",
    # --- end tickets ---
    # --- visits (issue 6) ---
    "PlanningInputs",
    "accounts_to_plan",
    "check_visit_frequency_policy",
    "feedback_items",
    "plan_calendars",
    "planning_inputs",
    "visit_records",
    # --- end visits ---
    # --- indicators (issue 7) ---
    "check_appraisal",
    "check_appraisal_policy",
    "check_loyalty_policy",
    "indicator_inputs",
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
