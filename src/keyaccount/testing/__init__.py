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
# --- end tickets ---

# --- visits (issue 6) ---
# --- end visits ---

# --- indicators (issue 7) ---
# --- end indicators ---

__all__: list[str] = [
    # --- customers (issue 3) ---
    # --- end customers ---
    # --- grading (issue 4) ---
    # --- end grading ---
    # --- calendar (issue 5) ---
    # --- end calendar ---
    # --- tickets (issue 5) ---
    # --- end tickets ---
    # --- visits (issue 6) ---
    # --- end visits ---
    # --- indicators (issue 7) ---
    # --- end indicators ---
]
