"""The visit report and the feedback meeting (走访报告, 走访反馈会议; seed 001 §五(一)1-2).

Seed 001 §五(一)1: the marketing department sorts what the visits collected into a visit report
(客户基本情况, 走访内容总结, 客户反馈问题及建议 ...); §五(一)2: it hands the report to management
and the departments and holds a feedback meeting that agrees how the problems are solved. A
:class:`VisitReport` gathers, for an account team and a period, the visits done, the tickets
raised and where they stand, and the customers' suggestions; a :class:`FeedbackMeeting`
records what the meeting decided, as tickets opened and rectification notices issued.

>>> from datetime import date, datetime
>>> from zoneinfo import ZoneInfo
>>> from keyaccount import Period, Topic, VisitKind
>>> at = datetime(2026, 3, 3, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
>>> record = VisitRecord("V-1", "ACME", VisitKind.ON_SITE, at, "ACME plant", ["zhang"],
...                      "steady", [Topic.BUSINESS_COOPERATION], "orders",
...                      suggestions=["a monthly delivery report"])
>>> report = visit_report([record], [], team="华东区", accounts=["ACME"],
...                       period=Period.half_year(2026, 1))
>>> len(report.visits), report.suggestions
(1, (('ACME', 'V-1', 'a monthly delivery report'),))
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import datetime, tzinfo

import attrs

from keyaccount._errors import InvalidInput
from keyaccount._validation import (
    aware,
    instance_of,
    instances_of,
    non_empty,
    require_instances,
    require_non_empty,
    to_items,
)
from keyaccount.domain.calendar import Period
from keyaccount.domain.tickets import FeedbackTicket, RectificationNotice
from keyaccount.domain.visits.records import VisitRecord

__all__ = ["FeedbackMeeting", "VisitReport", "visit_report"]


def _records(value: Iterable[VisitRecord]) -> tuple[VisitRecord, ...]:
    return to_items(value, field="VisitReport.visits", expected="VisitRecord values")


def _tickets(value: Iterable[FeedbackTicket]) -> tuple[FeedbackTicket, ...]:
    return to_items(value, field="tickets", expected="FeedbackTicket values")


def _notices(value: Iterable[RectificationNotice]) -> tuple[RectificationNotice, ...]:
    return to_items(value, field="FeedbackMeeting.notices",
                    expected="RectificationNotice values")


def _names(value: Iterable[str]) -> tuple[str, ...]:
    return to_items(value, field="FeedbackMeeting.attendees", expected="names")


@attrs.frozen(kw_only=True)
class VisitReport:
    """An account team's visits of a period, the tickets raised and the suggestions.

    Attributes:
        team: the account team (a department).
        period: the period reported.
        visits: the visits done in the period, oldest first.
        tickets: the tickets of the team's accounts opened in the period.
    """

    team: str = attrs.field(validator=non_empty)
    period: Period = attrs.field(validator=instance_of(Period))
    visits: tuple[VisitRecord, ...] = attrs.field(
        converter=_records, validator=instances_of(VisitRecord))
    tickets: tuple[FeedbackTicket, ...] = attrs.field(
        converter=_tickets, validator=instances_of(FeedbackTicket))

    @property
    def suggestions(self) -> tuple[tuple[str, str, str], ...]:
        """``(account id, record id, suggestion)`` for every suggestion of the visits."""
        return tuple((record.account_id, record.record_id, suggestion)
                     for record in self.visits for suggestion in record.suggestions)

    @property
    def tickets_by_status(self) -> dict[str, int]:
        """How many of the tickets stand in each status, by status value."""
        return dict(sorted(Counter(ticket.status.value for ticket in self.tickets).items()))

    @property
    def open_tickets(self) -> tuple[FeedbackTicket, ...]:
        """The tickets someone still has to work on."""
        return tuple(ticket for ticket in self.tickets if ticket.is_open)


def visit_report(
    records: Iterable[VisitRecord],
    tickets: Iterable[FeedbackTicket],
    *,
    team: str,
    accounts: Iterable[str],
    period: Period,
    zone: tzinfo | None = None,
) -> VisitReport:
    """The visit report of ``team`` for ``period`` (seed 001 §五(一)1).

    The visits of ``accounts`` that took place in ``period`` and their tickets opened in it;
    a moment's day is read in ``zone`` when given, else in its own zone.

    Raises:
        InvalidInput: an argument of the wrong kind (named).
    """
    listed = to_items(records, field="records", expected="VisitRecord values")
    require_instances(listed, VisitRecord, field="records")
    raised = _tickets(tickets)
    require_instances(raised, FeedbackTicket, field="tickets")
    ours = set(to_items(accounts, field="accounts", expected="account ids"))
    for account in ours:
        require_non_empty(account, field="accounts")
    if not isinstance(period, Period):
        raise InvalidInput(f"period must be a Period, got {period!r}")
    if zone is not None and not isinstance(zone, tzinfo):
        raise InvalidInput(f"zone must be a tzinfo or None, got {zone!r}")

    def day_in(moment: datetime) -> bool:
        return period.contains((moment.astimezone(zone) if zone else moment).date())

    visits = sorted((r for r in listed if r.account_id in ours and day_in(r.visited_at)),
                    key=lambda r: (r.visited_at, r.record_id))
    opened = sorted((t for t in raised if t.account_id in ours and day_in(t.opened_at)),
                    key=lambda t: (t.opened_at, t.ticket_id))
    return VisitReport(team=team, period=period, visits=visits, tickets=opened)


@attrs.frozen(kw_only=True)
class FeedbackMeeting:
    """The feedback meeting on a visit report and what it decided (seed 001 §五(一)2).

    Attributes:
        report: the visit report discussed.
        held_at: when the meeting was held (after the period began).
        attendees: the departments (or people) present.
        tickets: the tickets the meeting opened (its decisions on problems).
        notices: the rectification notices it issued.
    """

    report: VisitReport = attrs.field(validator=instance_of(VisitReport))
    held_at: datetime = attrs.field(validator=aware)
    attendees: tuple[str, ...] = attrs.field(default=(), converter=_names)
    tickets: tuple[FeedbackTicket, ...] = attrs.field(
        default=(), converter=_tickets, validator=instances_of(FeedbackTicket))
    notices: tuple[RectificationNotice, ...] = attrs.field(
        default=(), converter=_notices, validator=instances_of(RectificationNotice))

    def __attrs_post_init__(self) -> None:
        for name in self.attendees:
            require_non_empty(name, field="FeedbackMeeting.attendees")
        if self.held_at.date() < self.report.period.start:
            raise InvalidInput(
                f"FeedbackMeeting.held_at {self.held_at.isoformat()} is before the report's "
                f"period {self.report.period}; expected a meeting on a report of visits done"
            )
        for ticket in self.tickets:
            if ticket.opened_at < self.held_at:
                raise InvalidInput(
                    f"FeedbackMeeting.tickets: ticket {ticket.ticket_id!r} was opened before "
                    f"the meeting; expected the tickets the meeting decided on"
                )

    @property
    def decisions(self) -> tuple[str, ...]:
        """The ids of what the meeting decided: its tickets, then its notices."""
        return (*(t.ticket_id for t in self.tickets), *(n.notice_id for n in self.notices))
