"""The words of the tracking ledger: where a problem came from, its kind, severity and status.

SPEC §7; seed 001 §五 asks for a ledger of customer problems, seeds 002 and 003 add complaints.

>>> Severity("major"), TicketStatus.IN_PROGRESS.value
(<Severity.MAJOR: 'major'>, 'in_progress')
"""

from __future__ import annotations

import enum

__all__ = [
    "SATISFACTION_SCALE",
    "DeadlineKind",
    "Severity",
    "TicketKind",
    "TicketSource",
    "TicketStatus",
]



class TicketSource(enum.Enum):
    """Where a problem came from (SPEC §7): a visit, a phone call, a complaint, a survey."""

    VISIT = "visit"
    PHONE = "phone"
    COMPLAINT = "complaint"
    SURVEY = "survey"


class TicketKind(enum.Enum):
    """What kind of problem it is (SPEC §7; seed 001 §二 names the departments that own each)."""

    COMPLAINT = "complaint"
    PRODUCT_OR_TECHNICAL = "product_or_technical"
    AFTER_SALES = "after_sales"
    SUGGESTION_OR_DEMAND = "suggestion_or_demand"


class Severity(enum.Enum):
    """How much the problem hurts the customer; resolution deadlines depend on it."""

    CRITICAL = "critical"
    MAJOR = "major"
    MINOR = "minor"


class TicketStatus(enum.Enum):
    """Where a ticket stands in its lifecycle (see the module docstring for the steps)."""

    OPENED = "opened"
    IN_PROGRESS = "in_progress"
    PAUSED = "paused"
    RESOLVED = "resolved"
    CLOSED = "closed"
    REOPENED = "reopened"


class DeadlineKind(enum.Enum):
    """The two deadlines of a ticket: the first reply to the customer, and the resolution."""

    FIRST_REPLY = "first_reply"
    RESOLUTION = "resolution"


# The satisfaction survey's five-point scale (5 非常满意 ... 1 非常不满意). Seed 001 §五(二)3
# asks for "the customer's satisfaction with the result" without a scale; five points is the
# common survey form. Whether the customer counts as satisfied is recorded separately.
SATISFACTION_SCALE = range(1, 6)
