"""One :class:`typing.Protocol` per kind of policy (private; re-exported by the package).

A host may implement any of these with its own class; the conformance checks in
:mod:`keyaccount.testing` tell whether it keeps the library's invariants.
"""

from __future__ import annotations

# --- customers, lifecycle, coverage, access (issue 3) ---
# isort: split
# AccountCodePolicy, DormancyPolicy, CoveragePolicy and AccessPolicy are in
# keyaccount.domain.customers (the domain owns its ports); HandoverPolicy is gone: the
# handover is the domain service keyaccount.hand_over, which takes a CoveragePolicy.

# --- end customers ---

# --- grading (issue 4) ---
# isort: split
# --- end grading ---

# --- tickets and escalation (issue 5) ---
# isort: split
# EscalationPolicy moved to keyaccount.domain.tickets.escalation (the domain owns its ports);
# the visits section below still reads _TYPE_CHECKING.

# --- end tickets ---

# --- visits (issue 6) ---
# isort: split

# --- end visits ---

# --- indicators and scorecards (issue 7) ---
# isort: split
# AppraisalPolicy and LoyaltyPolicy live in keyaccount.domain.indicators.

# --- end indicators ---
