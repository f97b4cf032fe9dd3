"""The deadlines of feedback tickets: one tier's table row, and the instants of one ticket.

SPEC §7: deadlines come from an escalation policy by tier and severity, counted in business
time. A policy gives a tier's :class:`TierDeadlines` (business durations); the services of
:mod:`keyaccount.domain.tickets.escalation` count them on the host's calendar into a ticket's
:class:`TicketDeadlines` (instants).

>>> row = TierDeadlines("4h", "1d", "3d", "5d")
>>> str(row.first_reply), str(row.resolution(Severity.MAJOR))
('4h', '3d')
"""

from __future__ import annotations

from datetime import datetime, timedelta

import attrs

from keyaccount._validation import aware, to_enum
from keyaccount.domain.calendar import BusinessDuration
from keyaccount.domain.tickets.enums import Severity

__all__ = ["TicketDeadlines", "TierDeadlines"]


def _first_reply(value: BusinessDuration | timedelta | str) -> BusinessDuration:
    return BusinessDuration.parse(value, field="TierDeadlines.first_reply")


def _critical(value: BusinessDuration | timedelta | str) -> BusinessDuration:
    return BusinessDuration.parse(value, field="TierDeadlines.critical")


def _major(value: BusinessDuration | timedelta | str) -> BusinessDuration:
    return BusinessDuration.parse(value, field="TierDeadlines.major")


def _minor(value: BusinessDuration | timedelta | str) -> BusinessDuration:
    return BusinessDuration.parse(value, field="TierDeadlines.minor")


@attrs.frozen
class TierDeadlines:
    """The deadlines of one tier: the first reply, and the resolution by severity.

    Attributes:
        first_reply: business time until the customer must have a first reply.
        critical: business time to resolve a critical problem.
        major: business time to resolve a major problem.
        minor: business time to resolve a minor problem.
    """

    first_reply: BusinessDuration = attrs.field(converter=_first_reply)
    critical: BusinessDuration = attrs.field(converter=_critical)
    major: BusinessDuration = attrs.field(converter=_major)
    minor: BusinessDuration = attrs.field(converter=_minor)

    def resolution(self, severity: Severity | str) -> BusinessDuration:
        """The resolution time of a problem of ``severity`` (a :class:`Severity` or its value).

        Raises:
            InvalidInput: ``severity`` is not a severity.
        """
        if type(severity) is not Severity:
            severity = to_enum(Severity, severity, field="severity")
        if severity is Severity.CRITICAL:
            return self.critical
        if severity is Severity.MAJOR:
            return self.major
        return self.minor


@attrs.frozen
class TicketDeadlines:
    """The two deadlines of a ticket opened at a given moment.

    Attributes:
        first_reply: when the customer must have had a first reply.
        resolution: when the problem must be resolved.
    """

    first_reply: datetime = attrs.field(validator=aware)
    resolution: datetime = attrs.field(validator=aware)

