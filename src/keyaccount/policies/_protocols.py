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
    the level never decreases as ``now`` grows while the ticket stays open; evaluating twice
    at the same ``now`` announces nothing new.
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
from typing import Protocol as _VisitProtocol
from typing import runtime_checkable as _visit_runtime_checkable

if _TYPE_CHECKING:
    from keyaccount.domain.tiers import Tier as _VisitTier
    from keyaccount.domain.visits import VisitQuota as _VisitQuota


@_visit_runtime_checkable
class VisitFrequencyPolicy(_VisitProtocol):
    """How many visits of each kind an account needs a year (SPEC §6; seed 001 §走访频率).

    The default implementation is :class:`keyaccount.policies.TierVisitFrequency`
    (``presets.visit_frequency()``). Invariants a host's own policy must keep: an account's
    quota is never below its tier's minimum (raises only add), and the answer depends only on
    the arguments.
    """

    def minimum(self, tier: _VisitTier) -> _VisitQuota:
        """The minimum visits a year of each kind for an account of ``tier``."""
        ...

    def quota_for(self, account_id: str, tier: _VisitTier) -> _VisitQuota:
        """The visits a year the account needs: its tier's minimum plus any raise."""
        ...


# --- end visits ---

# --- indicators and scorecards (issue 7) ---
# --- end indicators ---
