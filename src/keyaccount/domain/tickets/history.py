"""What a ticket remembers: its append-only history and the escalation already announced."""

from __future__ import annotations

from datetime import datetime

import attrs

from keyaccount._errors import InvalidInput
from keyaccount._validation import (
    COUNT_LIMIT,
    a_bool,
    aware,
    count,
    non_empty,
    require_count,
    text,
    to_enum,
)
from keyaccount.domain.tickets.enums import DeadlineKind, TicketStatus

__all__ = ["EscalationMarks", "TicketHistoryEntry"]


_level = count(maximum=COUNT_LIMIT)

# The steps a history entry may name (see :class:`TicketHistoryEntry`).
_STEPS = (
    "opened", "replied", "progress_reported", "paused", "resumed", "resolved", "closed",
    "reopened", "at_risk", "escalated", "handed_over",
)


def _to_status(value: TicketStatus | str) -> TicketStatus:
    return to_enum(TicketStatus, value, field="TicketHistoryEntry.status")


def _deadline_kind(value: object) -> DeadlineKind:
    if type(value) is DeadlineKind:  # the plain case costs one type check
        return value
    return to_enum(DeadlineKind, value, field="deadline")


def _known_step(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    non_empty(instance, attribute, value)
    if value not in _STEPS:
        raise InvalidInput(
            f"TicketHistoryEntry.step must be one of {list(_STEPS)}, got {value!r}"
        )


@attrs.frozen
class EscalationMarks:
    """What an escalation policy already announced for a ticket, so it never announces twice.

    Attributes:
        first_reply_warned: the *at risk* warning of the first-reply deadline was announced.
        first_reply_level: the highest escalation level announced for the first reply.
        resolution_warned: the *at risk* warning of the resolution deadline was announced.
        resolution_level: the highest escalation level announced for the resolution.

    Reopening a ticket clears the resolution marks: its new deadline is watched afresh.
    """

    first_reply_warned: bool = attrs.field(default=False, validator=a_bool)
    first_reply_level: int = attrs.field(default=0, validator=_level)
    resolution_warned: bool = attrs.field(default=False, validator=a_bool)
    resolution_level: int = attrs.field(default=0, validator=_level)

    def warned(self, deadline: DeadlineKind | str) -> bool:
        """Whether the *at risk* warning of ``deadline`` was announced (or its value)."""
        if _deadline_kind(deadline) is DeadlineKind.FIRST_REPLY:
            return self.first_reply_warned
        return self.resolution_warned

    def level(self, deadline: DeadlineKind | str) -> int:
        """The highest escalation level announced for ``deadline`` (or its value; 0: none)."""
        if _deadline_kind(deadline) is DeadlineKind.FIRST_REPLY:
            return self.first_reply_level
        return self.resolution_level

    def announced(self, deadline: DeadlineKind | str, *, level: int = 0) -> EscalationMarks:
        """These marks once a warning (``level`` 0) or an escalation of ``deadline`` is out.

        An escalation implies the warning (it says more); levels never go down.

        >>> marks = EscalationMarks().announced(DeadlineKind.RESOLUTION, level=2)
        >>> marks.warned(DeadlineKind.RESOLUTION), marks.level(DeadlineKind.RESOLUTION)
        (True, 2)
        >>> marks.announced(DeadlineKind.RESOLUTION, level=1).resolution_level
        2
        """
        require_count(level, field="level", maximum=COUNT_LIMIT)
        # anything but a deadline kind would silently mark the resolution deadline
        if to_enum(DeadlineKind, deadline, field="deadline") is DeadlineKind.FIRST_REPLY:
            return attrs.evolve(self, first_reply_warned=True,
                                first_reply_level=max(level, self.first_reply_level))
        return attrs.evolve(self, resolution_warned=True,
                            resolution_level=max(level, self.resolution_level))


@attrs.frozen
class TicketHistoryEntry:
    """One line of a ticket's append-only history.

    Attributes:
        at: when the step was taken (the caller's ``now``).
        step: the step's name: ``opened``, ``replied``, ``progress_reported``, ``paused``,
            ``resumed``, ``resolved``, ``closed``, ``reopened``, ``at_risk``, ``escalated``,
            ``handed_over`` (a leaver's roles moved to a successor).
        status: the ticket's status after the step (a :class:`TicketStatus` or its value).
        note: what was said or done (the reply, the report, the reason, the level reached).
    """

    at: datetime = attrs.field(validator=aware)
    step: str = attrs.field(validator=_known_step)
    status: TicketStatus = attrs.field(converter=_to_status)
    note: str = attrs.field(default="", validator=text)


