"""Rectification notices (整改通知): what supervision found wrong, to whom, and by when.

Seed 001 §七(一)3 (对于监督检查中发现的问题, 及时下达整改通知, 要求责任部门限期整改, 并跟踪整改落实
情况): the supervision group issues a notice for what it found wrong, addressed to the
responsible department, with a deadline, and follows it up. SPEC §7.

A :class:`RectificationNotice` is a frozen value with a lifecycle, like a ticket::

    issued ──answer──> answered ──verify──> verified
      │                   ^
      └──(deadline passes: check_overdue)──> overdue ──answer (late)──┘

The services of :mod:`keyaccount.domain.tickets.supervision` issue notices with a deadline
counted on the business calendar, and when a ticket or a visit plan falls behind.

>>> from datetime import datetime, timedelta
>>> t0 = datetime.fromisoformat("2025-06-02T09:00+08:00")
>>> notice, events = RectificationNotice.issue(
...     notice_id="N-1", finding="visit records incomplete", addressed_to="华东区",
...     deadline=t0 + timedelta(days=7), now=t0)
>>> notice, events = notice.check_overdue(now=t0 + timedelta(days=8))
>>> notice.status.value, type(events[0]).__name__
('overdue', 'RectificationOverdue')
>>> notice, events = notice.answer("records completed", now=t0 + timedelta(days=9))
>>> notice.status.value, notice.answered_on_time
('answered', False)
>>> notice, _ = notice.verify(by="supervision group", now=t0 + timedelta(days=10))
>>> notice.status.value
'verified'
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any, TypeAlias

import attrs

from keyaccount._errors import InvalidInput, InvalidTransition
from keyaccount._validation import (
    aware,
    non_empty,
    optional_aware,
    optional_non_empty,
    require_instant_in_years,
    require_non_empty,
    to_enum,
)
from keyaccount.domain.tickets.rectification_events import (
    RectificationAnswered,
    RectificationEvent,
    RectificationIssued,
    RectificationOverdue,
    RectificationVerified,
)

__all__ = ["RectificationChange", "RectificationNotice", "RectificationStatus"]


class RectificationStatus(enum.Enum):
    """Where a rectification notice stands (see the module docstring for the steps)."""

    ISSUED = "issued"
    ANSWERED = "answered"
    VERIFIED = "verified"
    OVERDUE = "overdue"


def _to_status(value: object) -> RectificationStatus:
    return to_enum(RectificationStatus, value, field="RectificationNotice.status")


RectificationChange: TypeAlias = "tuple[RectificationNotice, tuple[RectificationEvent, ...]]"
"""What every step of a notice returns: the new notice and the events the step caused."""

_ANSWERED = (RectificationStatus.ANSWERED, RectificationStatus.VERIFIED)


@attrs.frozen(kw_only=True)
class RectificationNotice:
    """A rectification notice of the supervision group (整改通知, seed 001 §七(一)3).

    Attributes:
        notice_id: the host's identifier.
        finding: what is wrong (the problem supervision found).
        addressed_to: the department (or person) that must rectify it.
        issued_at: when it was issued.
        deadline: when the rectification is due (counted on the business calendar by
            ``issue_notice``).
        refers_to: what it is about (a ticket id, an account whose visit plan is behind), or
            ``None``.
        status: where it stands.
        response: what the addressee reported done, once answered.
        answered_at: when the answer came.
        verified_by: who checked the rectification, once verified.
        verified_at: when it was verified.
    """

    notice_id: str = attrs.field(validator=non_empty)
    finding: str = attrs.field(validator=non_empty)
    addressed_to: str = attrs.field(validator=non_empty)
    issued_at: datetime = attrs.field(validator=aware)
    deadline: datetime = attrs.field(validator=aware)
    refers_to: str | None = attrs.field(default=None, validator=optional_non_empty)
    status: RectificationStatus = attrs.field(
        default=RectificationStatus.ISSUED, converter=_to_status)
    response: str | None = attrs.field(default=None, validator=optional_non_empty)
    answered_at: datetime | None = attrs.field(default=None, validator=optional_aware)
    verified_by: str | None = attrs.field(default=None, validator=optional_non_empty)
    verified_at: datetime | None = attrs.field(default=None, validator=optional_aware)

    def __attrs_post_init__(self) -> None:
        name = f"rectification notice {self.notice_id!r}"
        if self.deadline < self.issued_at:
            raise InvalidInput(
                f"{name}: deadline {self.deadline.isoformat()} is before issued_at "
                f"{self.issued_at.isoformat()}; expected a deadline at or after the issue"
            )
        answered = self.status in _ANSWERED
        verified = self.status is RectificationStatus.VERIFIED
        for field, holds in (("response", (self.response is not None) == answered),
                             ("answered_at", (self.answered_at is not None) == answered),
                             ("verified_by", (self.verified_by is not None) == verified),
                             ("verified_at", (self.verified_at is not None) == verified)):
            if not holds:
                raise InvalidInput(
                    f"{name} is {self.status.value} with {field}={getattr(self, field)!r}; "
                    f"expected {field} set exactly while "
                    f"{'verified' if field.startswith('verified') else 'answered or verified'}"
                )
        previous = self.issued_at
        for field in ("answered_at", "verified_at"):
            moment: datetime | None = getattr(self, field)
            if moment is not None:
                if moment < previous:
                    raise InvalidInput(
                        f"{name}: {field} {moment.isoformat()} is before "
                        f"{previous.isoformat()}; expected issued, answered, verified in order"
                    )
                previous = moment

    @property
    def is_open(self) -> bool:
        """Whether the addressee still owes an answer (issued or overdue)."""
        return self.status in (RectificationStatus.ISSUED, RectificationStatus.OVERDUE)

    @property
    def answered_on_time(self) -> bool | None:
        """Whether the answer came by the deadline; ``None`` before an answer."""
        return None if self.answered_at is None else self.answered_at <= self.deadline

    @classmethod
    def issue(
        cls,
        *,
        notice_id: str,
        finding: str,
        addressed_to: str,
        deadline: datetime,
        now: datetime,
        refers_to: str | None = None,
    ) -> RectificationChange:
        """Issue a notice at ``now`` (``issue_notice`` counts the deadline on a calendar).

        Raises:
            InvalidInput: a blank field, a naive moment, or a deadline before ``now``.
        """
        require_instant_in_years(now, field="now")
        notice = cls(notice_id=notice_id, finding=finding, addressed_to=addressed_to,
                     issued_at=now, deadline=deadline, refers_to=refers_to)
        event = RectificationIssued(**notice._ids(now), finding=finding,
                                    addressed_to=addressed_to, deadline=deadline)
        return notice, (event,)

    def answer(self, response: str, *, now: datetime) -> RectificationChange:
        """The addressee reports the rectification done (also after the deadline).

        Raises:
            InvalidTransition: the notice is already answered or verified.
            InvalidInput: a blank ``response`` or a ``now`` naive or before the last step.
        """
        self._check_step("answer", (RectificationStatus.ISSUED, RectificationStatus.OVERDUE),
                         now)
        require_non_empty(response, field="response")
        notice = attrs.evolve(self, status=RectificationStatus.ANSWERED, response=response,
                              answered_at=now)
        on_time = now <= self.deadline
        return notice, (RectificationAnswered(**self._ids(now), response=response,
                                                      on_time=on_time),)

    def verify(self, *, by: str, now: datetime) -> RectificationChange:
        """The supervision group checks the rectification and closes the notice.

        Raises:
            InvalidTransition: the notice is not answered.
            InvalidInput: a blank ``by`` or a ``now`` naive or before the answer.
        """
        self._check_step("verify", (RectificationStatus.ANSWERED,), now)
        require_non_empty(by, field="by")
        notice = attrs.evolve(self, status=RectificationStatus.VERIFIED, verified_by=by,
                              verified_at=now)
        return notice, (RectificationVerified(**self._ids(now), verified_by=by),)

    def check_overdue(self, *, now: datetime) -> RectificationChange:
        """Mark an issued notice overdue once ``now`` is past its deadline (else no change).

        Idempotent: an overdue notice is reported once.

        Raises:
            InvalidInput: a naive ``now``.
        """
        require_instant_in_years(now, field="now")
        if self.status is not RectificationStatus.ISSUED or now <= self.deadline:
            return self, ()
        notice = attrs.evolve(self, status=RectificationStatus.OVERDUE)
        return notice, (RectificationOverdue(**self._ids(now), deadline=self.deadline),)

    def _check_step(
        self, step: str, allowed: tuple[RectificationStatus, ...], now: datetime
    ) -> None:
        if self.status not in allowed:
            raise InvalidTransition(
                f"rectification notice {self.notice_id!r} is {self.status.value}; cannot "
                f"{step} (allowed from: {', '.join(status.value for status in allowed)})"
            )
        require_instant_in_years(now, field="now")
        last = self.answered_at or self.issued_at
        if now < last:
            raise InvalidInput(
                f"rectification notice {self.notice_id!r}: now {now.isoformat()} is before its "
                f"last step at {last.isoformat()}; expected time to move forward"
            )

    def _ids(self, now: datetime) -> dict[str, Any]:
        return {"occurred_at": now, "notice_id": self.notice_id, "refers_to": self.refers_to}
