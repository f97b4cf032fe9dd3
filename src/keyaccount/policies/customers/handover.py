"""The handover of a departing staff member's accounts under a coverage policy (SPEC §3).

Seeds 002 (§客户管理 4) and 003 (§大客户信息管理办法 第六条, 第十一条): when a staff member leaves,
every account they cover is reassigned promptly, the customer is told, and the leaver takes no
data. :class:`CoveredHandover` holds the coverage every reassigned account must keep, built
from a host's settings, and runs :func:`~keyaccount.hand_over` with it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

import attrs

from keyaccount._errors import PolicyConfigError
from keyaccount._validation import check_settings_keys
from keyaccount.domain.customers import CoveragePolicy, Customer, Successors, hand_over
from keyaccount.domain.events import DomainEvent
from keyaccount.policies.customers.coverage import MinimumStaffByTier

__all__ = ["CoveredHandover"]


def _coverage_default() -> CoveragePolicy:
    return MinimumStaffByTier()


def _check_coverage(_instance: object, _attribute: object, value: object) -> None:
    if not isinstance(value, CoveragePolicy):
        raise PolicyConfigError(
            f"handover coverage must be a CoveragePolicy (required_staff), got {value!r}"
        )


@attrs.frozen
class CoveredHandover:
    """Reassign a departing staff member's accounts without losing coverage (SPEC §3).

    Attributes:
        coverage: the coverage policy every reassigned account must still meet.
            *Default* :class:`MinimumStaffByTier`.

    >>> from datetime import datetime, timezone
    >>> from keyaccount import TIER_B, Customer
    >>> now = datetime(2025, 6, 30, 17, 0, tzinfo=timezone.utc)
    >>> account = Customer(account_id="C-9", name="Acme", category="regional", tier=TIER_B,
    ...                    staff=("li", "zhao"), account_manager="li")
    >>> (after,), (event,) = CoveredHandover().hand_over(
    ...     [account], departing="li", successors="chen", now=now)
    >>> after.staff, after.account_manager, event.inform_customer
    (('zhao', 'chen'), 'chen', True)
    """

    coverage: CoveragePolicy = attrs.field(factory=_coverage_default, validator=_check_coverage)

    @classmethod
    def from_mapping(cls, settings: Mapping[str, Any]) -> CoveredHandover:
        """Build from host settings ``{"coverage": {...}}`` (see :class:`MinimumStaffByTier`).

        Raises:
            PolicyConfigError: an unknown key or bad coverage settings.
        """
        check_settings_keys(settings, allowed={"coverage"}, policy="handover")
        if "coverage" not in settings:
            return cls()
        return cls(MinimumStaffByTier.from_mapping(settings["coverage"]))

    def hand_over(
        self,
        customers: Iterable[Customer],
        *,
        departing: str,
        successors: Successors,
        now: datetime,
    ) -> tuple[tuple[Customer, ...], tuple[DomainEvent, ...]]:
        """Reassign every account ``departing`` covers; all or nothing.

        The same as :func:`~keyaccount.hand_over` with this handover's ``coverage``: see
        there for the arguments, the events and what is refused.
        """
        return hand_over(
            customers, self.coverage, departing=departing, successors=successors, now=now
        )
