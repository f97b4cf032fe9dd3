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
from collections.abc import Iterable as _IndicatorIterable
from collections.abc import Mapping as _IndicatorMapping
from typing import TYPE_CHECKING as _INDICATORS_TYPE_CHECKING
from typing import Protocol as _IndicatorProtocol
from typing import runtime_checkable as _indicator_runtime_checkable

if _INDICATORS_TYPE_CHECKING:
    from keyaccount.domain.indicator_records import LoyaltyFacts as _LoyaltyFacts
    from keyaccount.domain.indicators import Appraisal as _Appraisal
    from keyaccount.domain.indicators import Dimension as _Dimension
    from keyaccount.domain.indicators import IndicatorSet as _IndicatorSet
    from keyaccount.domain.indicators import LoyaltyReport as _LoyaltyReport
    from keyaccount.domain.periods import Period as _Period


@_indicator_runtime_checkable
class AppraisalPolicy(_IndicatorProtocol):
    """Combines a period's indicators into appraisal scores (SPEC §9 考核; seeds 001, 003).

    Default: :class:`keyaccount.policies.ScorecardPolicy` (``presets.scorecard()``).
    Invariants a host's own policy must keep (checked by
    ``keyaccount.testing.check_appraisal_policy``): every score lies between the lowest and
    the highest normalised indicator it combines, or is None when none was applicable; the
    weights actually carried sum to 1; every not-applicable indicator is listed; the result
    does not depend on the order of the records.
    """

    def appraise(
        self, indicators: _IndicatorSet, dimension: _Dimension
    ) -> _IndicatorMapping[str | None, _Appraisal]:
        """The appraisal of every group of ``dimension`` (each account manager, say)."""
        ...

    def appraise_portfolio(self, indicators: _IndicatorSet) -> _Appraisal:
        """The appraisal of the whole portfolio."""
        ...


@_indicator_runtime_checkable
class LoyaltyScoring(_IndicatorProtocol):
    """Turns the loyalty behaviours of seed 002 §忠诚度分析 into a loyalty index in [0, 1].

    Default: :class:`keyaccount.policies.LoyaltyPolicy` (``presets.loyalty()``).
    """

    def index(self, facts: _IndicatorIterable[_LoyaltyFacts], period: _Period) -> _LoyaltyReport:
        """The loyalty index of every account and group."""
        ...


# --- end indicators ---
