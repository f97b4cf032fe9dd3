"""The tier history of an account, and the tier changes between two gradings (SPEC §5d).

A :class:`TierHistory` per account keeps its changes with date and reason, as
:class:`~keyaccount.TierChanged` events; :func:`tier_changes` lists the events that take a
whole portfolio from one grading to the next.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from datetime import date, datetime

import attrs

from keyaccount._errors import InvalidInput
from keyaccount._validation import (
    instances_of,
    non_empty,
    optional_instance_of,
    require_day_in_years,
    require_instant_in_years,
    require_non_empty,
    to_items,
)
from keyaccount.domain.grading.events import TierChanged, _effective_on
from keyaccount.domain.grading.reading import _read_tiers
from keyaccount.domain.grading.tiers import Tier

__all__ = ["TierChange", "TierHistory", "tier_changes"]


@attrs.frozen(kw_only=True)
class TierChange:
    """One entry of a :class:`TierHistory`: from which tier to which, when and why."""

    from_tier: Tier | None = attrs.field(validator=optional_instance_of(Tier))
    to_tier: Tier | None = attrs.field(validator=optional_instance_of(Tier))
    effective_on: date = attrs.field(validator=_effective_on)
    reason: str = attrs.field(validator=non_empty)


def _changes(value: Iterable[TierChange]) -> tuple[TierChange, ...]:
    return to_items(value, field="TierHistory.changes", expected="TierChange values")


def _reason(value: str) -> str:
    return require_non_empty(value, field="reason")


@attrs.frozen
class TierHistory:
    """The tier history of one account, oldest change first (SPEC §5d).

    Attributes:
        account_id: the account.
        changes: the recorded :class:`TierChange` entries, in date order.

    >>> from datetime import date, datetime, timezone
    >>> from keyaccount import TIER_B, TIER_A
    >>> now = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)
    >>> history = TierHistory("acme")
    >>> history, events = history.record(TIER_B, effective_on=date(2026, 1, 1),
    ...                                  reason="annual grading 2025", now=now)
    >>> history, events = history.record(TIER_A, effective_on=date(2027, 1, 1),
    ...                                  reason="annual grading 2026", now=now)
    >>> events[0].from_tier.code, events[0].to_tier.code
    ('B', 'A')
    >>> history.tier_on(date(2026, 6, 30)).code, history.current.code
    ('B', 'A')
    """

    account_id: str = attrs.field(validator=non_empty)
    changes: tuple[TierChange, ...] = attrs.field(
        default=(), converter=_changes, validator=instances_of(TierChange)
    )

    @changes.validator
    def _check_order(self, _attribute: object, value: tuple[TierChange, ...]) -> None:
        for earlier, later in itertools.pairwise(value):
            if later.effective_on < earlier.effective_on:
                raise InvalidInput(
                    f"TierHistory.changes of {self.account_id!r} must be in date order, got "
                    f"{later.effective_on} after {earlier.effective_on}"
                )

    @property
    def current(self) -> Tier | None:
        """The tier after the last recorded change (``None`` if never graded)."""
        return self.changes[-1].to_tier if self.changes else None

    def tier_on(self, day: date) -> Tier | None:
        """The tier in force on ``day`` (a change takes effect on its ``effective_on``).

        Raises:
            InvalidInput: ``day`` is not a date in the years 1900-2199.
        """
        require_day_in_years(day, field="day")
        tier = None
        for change in self.changes:
            if change.effective_on > day:
                break
            tier = change.to_tier
        return tier

    def record(
        self, tier: Tier | None, *, effective_on: date, reason: str, now: datetime
    ) -> tuple[TierHistory, tuple[TierChanged, ...]]:
        """Record the account's tier from ``effective_on``; ``None`` means it left the list.

        Recording the tier it already has changes nothing and returns no event.

        Raises:
            InvalidInput: ``tier`` is neither a :class:`Tier` nor ``None``, ``effective_on``
                is before the last change or outside the years 1900-2199, the reason is
                blank, or ``now`` is naive or outside those years.
        """
        if tier is not None and not isinstance(tier, Tier):
            raise InvalidInput(
                f"tier of {self.account_id!r} must be a Tier or None (left the list), "
                f"got {tier!r}"
            )
        require_day_in_years(effective_on, field="effective_on")
        _reason(reason)
        require_instant_in_years(now, field="now")
        if self.changes and effective_on < self.changes[-1].effective_on:
            raise InvalidInput(
                f"effective_on {effective_on} of {self.account_id!r} is before its last tier "
                f"change on {self.changes[-1].effective_on}; history is append-only"
            )
        event = TierChanged(
            occurred_at=now, account_id=self.account_id, from_tier=self.current,
            to_tier=tier, effective_on=effective_on, reason=reason,
        )
        if tier == self.current:
            return self, ()
        change = TierChange(
            from_tier=self.current, to_tier=tier, effective_on=effective_on, reason=reason
        )
        return attrs.evolve(self, changes=(*self.changes, change)), (event,)

    def apply(self, event: TierChanged) -> TierHistory:
        """The history with ``event`` applied, emitting nothing (the event already exists).

        Use it for the :class:`~keyaccount.TierChanged` events that
        :func:`~keyaccount.apply_grading` or :func:`tier_changes` returned, or that a host
        reloads from its event store: :meth:`record` would emit the same change again.

        Raises:
            InvalidInput: ``event`` is not a :class:`~keyaccount.TierChanged`, is about another
                account, starts from a tier other than the current one, or takes effect
                before the last change.
        """
        return self._apply(event, field="event")

    def _apply(self, event: TierChanged, *, field: str) -> TierHistory:
        if not isinstance(event, TierChanged):
            raise InvalidInput(f"{field} must be a TierChanged, got {event!r:.80}")
        if event.account_id != self.account_id:
            raise InvalidInput(
                f"{field}.account_id must be {self.account_id!r} (this history's account), "
                f"got {event.account_id!r}"
            )
        if event.from_tier != self.current:
            raise InvalidInput(
                f"{field}.from_tier of {self.account_id!r} must be the current tier "
                f"{self.current!r}, got {event.from_tier!r} (an event is missing or out of "
                f"order)"
            )
        if self.changes and event.effective_on < self.changes[-1].effective_on:
            raise InvalidInput(
                f"{field}.effective_on {event.effective_on} of {self.account_id!r} is before "
                f"its last tier change on {self.changes[-1].effective_on}"
            )
        if event.to_tier == self.current:
            return self
        change = TierChange(
            from_tier=event.from_tier, to_tier=event.to_tier,
            effective_on=event.effective_on, reason=event.reason,
        )
        return attrs.evolve(self, changes=(*self.changes, change))

    @classmethod
    def from_events(cls, account_id: str, events: Iterable[TierChanged]) -> TierHistory:
        """Rebuild an account's history from its stored :class:`~keyaccount.TierChanged` events.

        ``events`` is the account's events in the order they happened; events of other
        accounts are refused, not skipped, so a wrong query shows.

        >>> from datetime import date, datetime, timezone
        >>> from keyaccount import TIER_A, TIER_B, TierChanged
        >>> now = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)
        >>> events = [
        ...     TierChanged(occurred_at=now, account_id="acme", from_tier=None, to_tier=TIER_B,
        ...                 effective_on=date(2026, 1, 1), reason="annual grading 2025"),
        ...     TierChanged(occurred_at=now, account_id="acme", from_tier=TIER_B,
        ...                 to_tier=TIER_A, effective_on=date(2027, 1, 1), reason="2026"),
        ... ]
        >>> TierHistory.from_events("acme", events).current.code
        'A'

        Raises:
            InvalidInput: a blank account id, ``events`` not an iterable of
                :class:`~keyaccount.TierChanged`, or an event :meth:`apply` refuses.
        """
        history = cls(account_id)
        items = to_items(events, field="events", expected="TierChanged events")
        for index, event in enumerate(items):
            history = history._apply(event, field=f"events[{index}]")
        return history



def tier_changes(
    before: Mapping[str, object],
    after: Mapping[str, object],
    *,
    effective_on: date,
    reason: str,
    now: datetime,
) -> tuple[TierChanged, ...]:
    """The :class:`TierChanged` events that take a portfolio from one grading to the next.

    Args:
        before: the earlier grading, ``{account id: Tier or GradedAccount}``.
        after: the later grading, same shape.
        effective_on: the day the new grading takes effect.
        reason: why, e.g. ``"annual grading 2026"``.
        now: the caller's clock reading (aware).

    Returns:
        One event per account whose tier differs, sorted by account id; accounts only in
        ``after`` come from ``None``, accounts only in ``before`` go to ``None``.

    Raises:
        InvalidInput: a grading that is not a mapping of tiers or graded accounts, a blank
            reason, or an ``effective_on`` or ``now`` outside the years 1900-2199.
    """
    require_day_in_years(effective_on, field="effective_on")
    _reason(reason)
    require_instant_in_years(now, field="now")
    old = _read_tiers(before, field="before")
    new = _read_tiers(after, field="after")
    return tuple(
        TierChanged(
            occurred_at=now, account_id=account_id, from_tier=old.get(account_id),
            to_tier=new.get(account_id), effective_on=effective_on, reason=reason,
        )
        for account_id in sorted(old.keys() | new.keys())
        if old.get(account_id) != new.get(account_id)
    )
