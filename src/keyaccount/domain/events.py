"""Domain events: plain values saying what happened and when (SPEC §10).

Every state change in keyaccount returns the new object together with the events it caused.
An event's ``occurred_at`` is the ``now`` the caller passed, never a reading of the clock, so a
host can store or publish events and replay them deterministically.
"""

from __future__ import annotations

from datetime import datetime

import attrs

from keyaccount._validation import FIRST_YEAR, LAST_YEAR, require_instant_in_years

__all__ = ["DomainEvent"]


def _aware(_instance: object, attribute: attrs.Attribute[datetime], value: datetime) -> None:
    # every change makes an event: the plain case costs a type check, the offset and the year
    if (
        type(value) is not datetime
        or value.utcoffset() is None
        or not FIRST_YEAR <= value.year <= LAST_YEAR
    ):
        require_instant_in_years(value, field=attribute.name)


@attrs.frozen(kw_only=True)
class DomainEvent:
    """Base class of every event; subclasses add what happened.

    Attributes:
        occurred_at: the caller's ``now`` when the change was made (timezone-aware, in the
            years 1900-2199).

    Hosts usually dispatch on the class, and store ``type(event).__name__`` with
    ``attrs.asdict(event)``.
    """

    occurred_at: datetime = attrs.field(validator=_aware)
