"""One :class:`typing.Protocol` per kind of policy (private; re-exported by the package).

A host may implement any of these with its own class; the conformance checks in
:mod:`keyaccount.testing` tell whether it keeps the library's invariants.
"""

from __future__ import annotations

# --- customers, lifecycle, coverage, access (issue 3) ---
# isort: split
from collections.abc import Collection as _Collection
from collections.abc import Iterable as _CustomerIterable
from datetime import date as _date
from datetime import datetime as _now_type
from typing import TYPE_CHECKING as _CUSTOMERS_TYPE_CHECKING
from typing import Protocol as _CustomerProtocol
from typing import runtime_checkable as _customer_runtime_checkable

if _CUSTOMERS_TYPE_CHECKING:
    from keyaccount.domain.customers import Customer as _Customer
    from keyaccount.domain.customers import CustomerCategory as _CustomerCategory
    from keyaccount.domain.events import DomainEvent as _DomainEvent
    from keyaccount.policies.access import RedactedView as _RedactedView
    from keyaccount.policies.access import Viewer as _Viewer
    from keyaccount.policies.coverage import CoverageViolation as _CoverageViolation
    from keyaccount.policies.coverage import Successors as _Successors


@_customer_runtime_checkable
class AccountCodePolicy(_CustomerProtocol):
    """Gives an approved key account its unique code (SPEC §1; seed 003 第十一条).

    Default: :class:`keyaccount.policies.SequentialAccountCodes` (``"KA-{year}-{seq:05d}"``).
    Invariant: the code returned is non-blank and not in ``taken``; no counter is kept.
    """

    def code_for(
        self,
        *,
        approved_on: _date,
        taken: _Collection[str],
        category: _CustomerCategory | None = None,
        counterpart_role: str = "customer",
    ) -> str:
        """A code not in ``taken`` for an account approved on ``approved_on``."""
        ...


@_customer_runtime_checkable
class DormancyPolicy(_CustomerProtocol):
    """Tells which active accounts are dormant at a given now (SPEC §2; seed 003 休眠客户).

    Default: :class:`keyaccount.policies.DaysWithoutPurchase` (180 days).
    Invariant: only active accounts are dormant; the answer depends on ``now`` only through
    its day, and once dormant at a day, an account is dormant at every later day with no new
    purchase.
    """

    def days_without_purchase(self, customer: _Customer, *, now: _now_type) -> int | None:
        """Days the account has gone without a purchase; ``None`` if it is not judged."""
        ...

    def is_dormant(self, customer: _Customer, *, now: _now_type) -> bool:
        """Whether the account should now be dormant."""
        ...


@_customer_runtime_checkable
class CoveragePolicy(_CustomerProtocol):
    """The fewest staff that must cover each account (SPEC §3; seeds 002, 003).

    Default: :class:`keyaccount.policies.MinimumStaffByTier` (2 for tier rank <= 2, else 1).
    """

    def required_staff(self, customer: _Customer) -> int:
        """How many staff must cover ``customer``."""
        ...

    def check(self, customers: _CustomerIterable[_Customer]) -> tuple[_CoverageViolation, ...]:
        """Every account below its coverage, as violation values (never raises on the first)."""
        ...


@_customer_runtime_checkable
class HandoverPolicy(_CustomerProtocol):
    """Reassigns a departing staff member's accounts (SPEC §3; seed 003 第六条, 第十一条).

    Default: :class:`keyaccount.policies.CoveredHandover`. Invariants: all or nothing; no
    account is lost or left without an owner; the leaver covers nothing afterwards; one
    ``AccountReassigned`` event per reassigned account.
    """

    def hand_over(
        self,
        customers: _CustomerIterable[_Customer],
        *,
        departing: str,
        successors: _Successors,
        now: _now_type,
    ) -> tuple[tuple[_Customer, ...], tuple[_DomainEvent, ...]]:
        """The portfolio after the handover, and the events it caused."""
        ...


@_customer_runtime_checkable
class AccessPolicy(_CustomerProtocol):
    """Decides what a viewer may read of a customer file (SPEC §4; seed 003 第七条).

    Default: :class:`keyaccount.policies.RoleBasedAccess`. Invariant: a redacted view never
    holds a field it lists as withheld, and contacts' personal notes reach only the account's
    own manager.
    """

    def redact(self, customer: _Customer, *, viewer: _Viewer) -> _RedactedView:
        """The view of ``customer`` that ``viewer`` may read."""
        ...

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
# isort: split
# AppraisalPolicy and LoyaltyPolicy live in keyaccount.domain.indicators.

# --- end indicators ---
