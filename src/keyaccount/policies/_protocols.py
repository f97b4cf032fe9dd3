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
from collections.abc import Iterable as _GradingIterable
from collections.abc import Mapping as _GradingMapping
from typing import TYPE_CHECKING as _GRADING_TYPE_CHECKING
from typing import Protocol as _GradingProtocol
from typing import runtime_checkable as _grading_runtime_checkable

if _GRADING_TYPE_CHECKING:
    from keyaccount.domain.grading import AccountFigures as _AccountFigures
    from keyaccount.domain.grading import GradedAccount as _GradedAccount
    from keyaccount.domain.tiers import Tier as _GradingTier


@_grading_runtime_checkable
class GradingPolicy(_GradingProtocol):
    """Decides who the key accounts are and at which tier (SPEC §5).

    Defaults: :class:`keyaccount.policies.WeightedScoreGrading` (seed 002) and
    :class:`keyaccount.policies.AmountBandGrading` (seed 004). Invariants a host's own policy
    must keep (checked by ``keyaccount.testing.check_grading_policy``): the result is keyed by
    exactly the graded account ids (a policy may leave out accounts that are not key
    accounts), every tier is one of :attr:`tiers`, duplicate ids are refused, and the result
    does not depend on the order of the input. A share-based policy also keeps its shares and
    monotonicity (``keyaccount.testing.check_grading_configuration``).
    """

    @property
    def tiers(self) -> tuple[_GradingTier, ...]:
        """The tiers this policy grades into, best first."""
        ...

    def grade(
        self, figures: _GradingIterable[_AccountFigures]
    ) -> _GradingMapping[str, _GradedAccount]:
        """Grade a portfolio: account id to graded account."""
        ...


# --- end grading ---

# --- tickets and escalation (issue 5) ---
# isort: split
from collections.abc import Iterable as _Iterable
from datetime import datetime as _datetime
from typing import TYPE_CHECKING as _TYPE_CHECKING
from typing import Protocol as _Protocol
from typing import runtime_checkable as _runtime_checkable

if _TYPE_CHECKING:
    from keyaccount.domain.calendar import BusinessCalendar as _BusinessCalendar
    from keyaccount.domain.tickets import FeedbackTicket as _FeedbackTicket
    from keyaccount.domain.tickets import Severity as _Severity
    from keyaccount.domain.tickets import TicketChange as _TicketChange
    from keyaccount.domain.tickets import TicketKind as _TicketKind
    from keyaccount.domain.tickets import TicketSource as _TicketSource
    from keyaccount.domain.tiers import Tier as _Tier
    from keyaccount.policies.escalation import TicketDeadlines as _TicketDeadlines


@_runtime_checkable
class EscalationPolicy(_Protocol):
    """Sets and watches the deadlines of feedback tickets (SPEC §7).

    The default implementation is :class:`keyaccount.policies.TieredEscalation`
    (``presets.escalation()``). Invariants a host's own policy must keep (checked by
    ``keyaccount.testing.check_escalation_policy``): deadlines are not before the opening;
    the level never decreases as ``now`` grows while the ticket stays open; events carry the
    ``now`` they were evaluated at; nothing is announced twice, whether evaluated again at the
    same ``now`` or later; the highest level announced is the level :meth:`level` reports.
    A configuration never gives a lower tier an earlier deadline than a higher one for the
    same severity (``keyaccount.testing.check_escalation_tiers``).
    """

    def deadlines(
        self, tier: _Tier | str, severity: _Severity | str, opened_at: _datetime,
        calendar: _BusinessCalendar,
    ) -> _TicketDeadlines:
        """The first-reply and resolution deadlines of a problem opened at ``opened_at``."""
        ...

    def open_ticket(
        self, *, ticket_id: str, account_id: str, tier: _Tier, source: _TicketSource | str,
        kind: _TicketKind | str, severity: _Severity | str, summary: str,
        responsible_department: str, responsible_person: str, now: _datetime,
        calendar: _BusinessCalendar, lead_coordinator: str | None = None,
        departments: _Iterable[str] = (),
    ) -> _TicketChange:
        """Open a ticket at ``now`` with the deadlines of its tier and severity."""
        ...

    def reopen(
        self, ticket: _FeedbackTicket, *, reason: str, now: _datetime,
        calendar: _BusinessCalendar,
    ) -> _TicketChange:
        """Reopen a ticket with a new resolution deadline counted from ``now``."""
        ...

    def level(
        self, ticket: _FeedbackTicket, *, now: _datetime, calendar: _BusinessCalendar
    ) -> int:
        """The escalation level of the ticket at ``now`` (0: not escalated)."""
        ...

    def who_must_act(
        self, ticket: _FeedbackTicket, *, now: _datetime, calendar: _BusinessCalendar
    ) -> str:
        """The role on the escalation ladder that must act at ``now``."""
        ...

    def evaluate(
        self, ticket: _FeedbackTicket, *, now: _datetime, calendar: _BusinessCalendar
    ) -> _TicketChange:
        """The warnings and escalations due since the last evaluation, and the marked ticket."""
        ...

    def queue_key(self, ticket: _FeedbackTicket) -> tuple[int, _datetime, _datetime, str]:
        """A sort key: complaints of the top tiers first, then by deadline."""
        ...


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
