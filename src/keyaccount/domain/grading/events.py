"""The events of grading: an account moved between tiers (SPEC §5d, §10)."""

from __future__ import annotations

from datetime import date

import attrs

from keyaccount.domain.events import DomainEvent
from keyaccount.domain.grading.tiers import Tier

__all__ = ["TierChanged"]


@attrs.frozen(kw_only=True)
class TierChanged(DomainEvent):
    """An account moved from one tier to another (SPEC §5d, §10).

    ``from_tier`` is ``None`` for an account graded for the first time, ``to_tier`` is
    ``None`` for one that left the graded portfolio (no longer a key account).
    """

    account_id: str
    from_tier: Tier | None
    to_tier: Tier | None
    effective_on: date
    reason: str
