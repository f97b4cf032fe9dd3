"""The events of a rectification notice's lifecycle (SPEC §10; seed 001 §七(一)3).

Every event of the family shares the ``Rectification`` prefix and names its notice.
"""

from __future__ import annotations

from datetime import datetime

import attrs

from keyaccount._validation import a_bool, aware, non_empty, optional_non_empty
from keyaccount.domain.events import DomainEvent

__all__ = [
    "RectificationAnswered",
    "RectificationEvent",
    "RectificationIssued",
    "RectificationOverdue",
    "RectificationVerified",
]


@attrs.frozen(kw_only=True)
class RectificationEvent(DomainEvent):
    """Base class of the rectification events.

    Attributes:
        notice_id: the notice the event is about.
        refers_to: what the notice is about (a ticket id, an account), or ``None``.
    """

    notice_id: str = attrs.field(validator=non_empty)
    refers_to: str | None = attrs.field(default=None, validator=optional_non_empty)


@attrs.frozen(kw_only=True)
class RectificationIssued(RectificationEvent):
    """A notice was issued.

    Attributes:
        finding: what is wrong.
        addressed_to: who must rectify it.
        deadline: when the rectification is due.
    """

    finding: str = attrs.field(validator=non_empty)
    addressed_to: str = attrs.field(validator=non_empty)
    deadline: datetime = attrs.field(validator=aware)


@attrs.frozen(kw_only=True)
class RectificationAnswered(RectificationEvent):
    """The addressee reported the rectification done.

    Attributes:
        response: what they reported.
        on_time: whether the answer came by the deadline.
    """

    response: str = attrs.field(validator=non_empty)
    on_time: bool = attrs.field(validator=a_bool)


@attrs.frozen(kw_only=True)
class RectificationVerified(RectificationEvent):
    """Supervision checked the rectification and closed the notice.

    Attributes:
        verified_by: who checked it.
    """

    verified_by: str = attrs.field(validator=non_empty)


@attrs.frozen(kw_only=True)
class RectificationOverdue(RectificationEvent):
    """The deadline passed without an answer.

    Attributes:
        deadline: the deadline that passed.
    """

    deadline: datetime = attrs.field(validator=aware)
