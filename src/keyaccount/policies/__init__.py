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
# --- end tickets ---

# --- visits (issue 6) ---
# --- end visits ---

# --- indicators and scorecards (issue 7) ---
# --- end indicators ---

__all__: list[str] = [
    # --- customers (issue 3) ---
    # --- end customers ---
    # --- grading (issue 4) ---
    # --- end grading ---
    # --- tickets (issue 5) ---
    # --- end tickets ---
    # --- visits (issue 6) ---
    # --- end visits ---
    # --- indicators (issue 7) ---
    # --- end indicators ---
]
