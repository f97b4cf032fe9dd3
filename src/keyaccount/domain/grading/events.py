"""The events of grading: an account moved between tiers (SPEC §5d, §10)."""

from __future__ import annotations

from datetime import date

import attrs

from keyaccount._validation import (
    non_empty,
    optional_instance_of,
    require_day_in_years,
    require_instant_in_years,
)
from keyaccount.domain.events import DomainEvent
from keyaccount.domain.grading.tiers import Tier

__all__ = ["TierChanged"]


def _effective_on(instance: object, attribute: attrs.Attribute[date], value: date) -> None:
    require_day_in_years(value, field=f"{type(instance).__name__}.{attribute.name}")


@attrs.frozen(kw_only=True)
class TierChanged(DomainEvent):
    """An account moved from one tier to another (SPEC §5d, §10).

    ``from_tier`` is ``None`` for an account graded for the first time, ``to_tier`` is
    ``None`` for one that left the graded portfolio (no longer a key account).

    Raises:
        InvalidInput: a blank account id or reason, a tier that is neither a :class:`Tier`
            nor ``None``, or an ``effective_on`` or ``occurred_at`` outside the years
            1900-2199.
    """

    account_id: str = attrs.field(validator=non_empty)
    from_tier: Tier | None = attrs.field(validator=optional_instance_of(Tier))
    to_tier: Tier | None = attrs.field(validator=optional_instance_of(Tier))
    effective_on: date = attrs.field(validator=_effective_on)
    reason: str = attrs.field(validator=non_empty)

    def __attrs_post_init__(self) -> None:
        require_instant_in_years(self.occurred_at, field="occurred_at")
