"""The seed defaults, one function each (SPEC.md marks each as *default*).

Each function returns a fresh policy value; nothing here is global state, and nothing is
registered at import time. Hosts that change a setting build the policy with
``Policy.from_mapping(settings)`` instead.
"""

from __future__ import annotations

# --- customers, lifecycle, coverage, access (issue 3) ---
# --- end customers ---

# --- grading (issue 4) ---
# --- end grading ---

# --- tickets and escalation (issue 5) ---
# --- end tickets ---

# --- visits (issue 6) ---
# --- end visits ---

# --- indicators and scorecards (issue 7) ---
# --- end indicators ---
