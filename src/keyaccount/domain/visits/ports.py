"""The ports of the visit services: what they read of a policy and of a calendar (SPEC §6, §8).

The domain owns these protocols; :mod:`keyaccount.policies` implements the frequency policy
and :class:`keyaccount.BusinessCalendar` is a working-day calendar. The caller hands both in:
the policy to :class:`~keyaccount.VisitPlanner`, the calendar to each planner call.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, tzinfo
from typing import Protocol, runtime_checkable

from keyaccount.domain.grading import Tier
from keyaccount.domain.visits.kinds import VisitLoad
from keyaccount.domain.visits.quotas import VisitQuota

__all__ = ["VisitCapacityPolicy", "VisitFrequencyPolicy", "WorkingDayCalendar"]


@runtime_checkable
class VisitFrequencyPolicy(Protocol):
    """How many visits of each kind an account needs a year (SPEC §6; seed 001 §走访频率).

    The default implementation is :class:`keyaccount.policies.TierVisitFrequency`
    (``presets.visit_frequency()``). Invariants a host's own policy must keep (checked by
    ``keyaccount.testing.check_visit_frequency_policy``): an account's quota is never below
    its tier's minimum (raises only add), and the answer depends only on the arguments.
    """

    def minimum(self, tier: Tier) -> VisitQuota:
        """The minimum visits a year of each kind for an account of ``tier``."""
        ...

    def quota_for(self, account_id: str, tier: Tier) -> VisitQuota:
        """The visits a year the account needs: its tier's minimum plus any raise."""
        ...


@runtime_checkable
class WorkingDayCalendar(Protocol):
    """What the planner reads of a calendar (:class:`keyaccount.BusinessCalendar` is one).

    The calendar is data the host hands in with each call (SPEC §8), never kept by a service.
    """

    @property
    def zone(self) -> tzinfo:
        """The calendar's time zone."""

    def is_working_day(self, day: date) -> bool:
        """True when ``day`` is a working day."""


@runtime_checkable
class VisitCapacityPolicy(Protocol):
    """How many visits one person can do on one day (issue 13; seed 001 三(三) 高效有序).

    The default implementation is :class:`keyaccount.policies.DailyVisitCapacity`
    (``presets.visit_capacity()``: 3 in person, 20 phone return visits, greetings unlimited).
    Invariants a host's own policy must keep (checked by
    ``keyaccount.testing.check_visit_capacity_policy``): a limit is None (unlimited) or an
    int from 0 to ``10**9`` (0 on a day the person is not available), the answer depends
    only on the arguments, and ``limits`` answers as ``limit`` does day by day.
    """

    def limit(self, person: str, day: date, load: VisitLoad) -> int | None:
        """Visits of ``load`` that ``person`` can do on ``day`` (None: no limit; 0: away)."""
        ...

    def limits(
        self, person: str, days: Sequence[date], load: VisitLoad
    ) -> Sequence[int | None]:
        """:meth:`limit` for each of ``days`` in turn (the planner asks once per person)."""
        ...

    def standard_limit(self, load: VisitLoad) -> int | None:
        """The limit of a full-time person on a working day (for missing person-days)."""
        ...
