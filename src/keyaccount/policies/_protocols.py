"""One :class:`typing.Protocol` per kind of policy (private; re-exported by the package).

A host may implement any of these with its own class; the conformance checks in
:mod:`keyaccount.testing` tell whether it keeps the library's invariants.
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
