"""Visit compliance: which planned visits are overdue, and which accounts have a gap (SPEC §6).

Seed 001 §监督机制 checks that the plans are carried out. :func:`evaluate_compliance`
compares the plans with the visit records at a given ``now`` and returns its findings as
values (:class:`ComplianceReport`), never raising on the first problem.
"""

from __future__ import annotations

import bisect
from collections.abc import Collection, Iterable, Mapping
from datetime import date, datetime, time, timedelta, tzinfo
from decimal import Decimal
from itertools import pairwise
from typing import Any

import attrs

from keyaccount._errors import InvalidInput
from keyaccount._validation import (
    COUNT_LIMIT,
    a_date,
    count,
    instance_of,
    instances_of,
    non_empty,
    optional_date,
    require_instant_in_years,
    to_enum,
    to_items,
)
from keyaccount.domain.visits._unchecked import unchecked_builder
from keyaccount.domain.visits.events import VisitOverdue, _overdue
from keyaccount.domain.visits.kinds import (
    _KIND_ORDER,
    REGULAR_KINDS,
    VisitKind,
    _visit_id,
    visit_id,
)
from keyaccount.domain.visits.matching import VisitMatching, _matched
from keyaccount.domain.visits.plan import PlannedVisit, VisitPlan
from keyaccount.domain.visits.ports import WorkingDayCalendar
from keyaccount.domain.visits.quotas import VisitInterval
from keyaccount.domain.visits.records import VisitRecord

__all__ = [
    "AccountCompliance",
    "ComplianceReport",
    "OverdueVisit",
    "VisitGap",
    "evaluate_compliance",
]

_DEFAULT_MATCHING = VisitMatching()

# The findings are values a host may store and rebuild: each is strict (SPEC §11). A kind is
# a member or its string form.
_count = count(maximum=COUNT_LIMIT)


def _overdue_kind(value: VisitKind | str) -> VisitKind:
    if type(value) is VisitKind:
        return value
    return to_enum(VisitKind, value, field="OverdueVisit.kind")


def _optional_index(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _count(instance, attribute, value)


@attrs.frozen
class OverdueVisit:
    """A planned visit whose day passed with no record (SPEC §6 compliance).

    Attributes:
        account_id: the account.
        kind: the kind of the planned visit.
        planned_day: the planned day.
        days_overdue: days since the planned day, as of the evaluation: working days when
            :func:`evaluate_compliance` is given a calendar (issue 13), else calendar days.
    """

    account_id: str = attrs.field(validator=non_empty)
    kind: VisitKind = attrs.field(converter=_overdue_kind)
    planned_day: date = attrs.field(validator=a_date)
    days_overdue: int = attrs.field(validator=_count)

    @property
    def visit_id(self) -> str:
        """The id of the planned visit (:func:`visit_id`), by which it is reported once."""
        return visit_id(self.account_id, self.planned_day, self.kind)


@attrs.frozen
class VisitGap:
    """An account whose time since its last regular visit is longer than its interval.

    Attributes:
        account_id: the account.
        last_visit: the day of its last regular visit, or None if it had none.
        interval: its interval.
        since: the day the gap is counted from (the last visit, or the plan's start).
        days: days from ``since`` to ``until``.
        until: the day the gap is counted to: the evaluation day, or the plan's last day
            when the plan had ended by then (time after a plan's end is not counted).
    """

    account_id: str = attrs.field(validator=non_empty)
    last_visit: date | None = attrs.field(validator=optional_date)
    interval: VisitInterval = attrs.field(validator=instance_of(VisitInterval))
    since: date = attrs.field(validator=a_date)
    days: int = attrs.field(validator=_count)
    until: date = attrs.field(validator=a_date)

    def __attrs_post_init__(self) -> None:
        if (self.until - self.since).days != self.days:
            raise InvalidInput(
                f"VisitGap of {self.account_id!r}: days must be the days from since "
                f"({self.since.isoformat()}) to until ({self.until.isoformat()}), "
                f"{(self.until - self.since).days}, got {self.days}"
            )


@attrs.frozen
class AccountCompliance:
    """One account's visit compliance at an evaluation day.

    Attributes:
        account_id: the account.
        due: planned visits whose day has passed.
        completed: of those, visits carried out (a record matched them, :class:`VisitMatching`).
        overdue: how many are overdue (due and not completed).
        last_visit: the day of the last regular visit recorded, or None.
        plan: the plan evaluated.
        next_index: the position in the plan of the next visit due, or None.
    """

    account_id: str = attrs.field(validator=non_empty)
    due: int = attrs.field(validator=_count)
    completed: int = attrs.field(validator=_count)
    overdue: int = attrs.field(validator=_count)
    last_visit: date | None = attrs.field(validator=optional_date)
    plan: VisitPlan = attrs.field(repr=False, eq=False, validator=instance_of(VisitPlan))
    next_index: int | None = attrs.field(default=None, validator=_optional_index)

    def __attrs_post_init__(self) -> None:
        where = f"AccountCompliance of {self.account_id!r}"
        if self.plan.account_id != self.account_id:
            raise InvalidInput(
                f"AccountCompliance.account_id must be its plan's account "
                f"({self.plan.account_id!r}), got {self.account_id!r}"
            )
        if not self.completed <= self.due <= len(self.plan):
            raise InvalidInput(
                f"{where}: completed <= due <= the plan's {len(self.plan)} visits, got "
                f"completed={self.completed}, due={self.due}"
            )
        if self.overdue != self.due - self.completed:
            raise InvalidInput(
                f"{where}: overdue must be due - completed ({self.due - self.completed}), "
                f"got {self.overdue}"
            )
        if self.next_index is not None and not self.due <= self.next_index < len(self.plan):
            raise InvalidInput(
                f"{where}: next_index must be a visit from due on ({self.due}..."
                f"{len(self.plan) - 1}), got {self.next_index}"
            )

    @property
    def next_due(self) -> PlannedVisit | None:
        """The next planned visit not yet carried out, on or after the evaluation day."""
        return None if self.next_index is None else self.plan.visit_at(self.next_index)

    @property
    def completion_rate(self) -> Decimal | None:
        """Completed / due, or None (not applicable) when nothing is due yet."""
        return Decimal(self.completed) / Decimal(self.due) if self.due else None


def _accounts(value: Iterable[AccountCompliance]) -> tuple[AccountCompliance, ...]:
    return to_items(value, field="ComplianceReport.accounts", expected="AccountCompliance values")


def _overdue_visits(value: Iterable[OverdueVisit]) -> tuple[OverdueVisit, ...]:
    return to_items(value, field="ComplianceReport.overdue", expected="OverdueVisit values")


def _gaps(value: Iterable[VisitGap]) -> tuple[VisitGap, ...]:
    return to_items(value, field="ComplianceReport.gaps", expected="VisitGap values")


def _events(value: Iterable[VisitOverdue]) -> tuple[VisitOverdue, ...]:
    return to_items(value, field="ComplianceReport.events", expected="VisitOverdue events")


def _reported(value: Iterable[str]) -> frozenset[str]:
    return frozenset(to_items(value, field="ComplianceReport.reported", expected="visit ids"))


@attrs.frozen
class ComplianceReport:
    """Visit compliance of a portfolio at an evaluation moment (SPEC §6 compliance).

    Attributes:
        today: the evaluation day (in the calendar's zone).
        accounts: one :class:`AccountCompliance` per plan, by account id.
        overdue: the overdue planned visits, by account and day.
        gaps: accounts whose gap since the last regular visit exceeds their interval.
        events: a :class:`VisitOverdue` for each overdue visit not reported before.
        reported: the ids (:func:`visit_id`) of every overdue visit reported so far; store
            them and pass them to the next evaluation, so the same overdue visit is not
            reported twice.
    """

    today: date = attrs.field(validator=a_date)
    accounts: tuple[AccountCompliance, ...] = attrs.field(
        converter=_accounts, validator=instances_of(AccountCompliance)
    )
    overdue: tuple[OverdueVisit, ...] = attrs.field(
        converter=_overdue_visits, validator=instances_of(OverdueVisit)
    )
    gaps: tuple[VisitGap, ...] = attrs.field(converter=_gaps, validator=instances_of(VisitGap))
    events: tuple[VisitOverdue, ...] = attrs.field(
        converter=_events, validator=instances_of(VisitOverdue)
    )
    reported: frozenset[str] = attrs.field(converter=_reported, validator=instances_of(str))

    @property
    def due(self) -> int:
        """Planned visits whose day has passed, over the portfolio."""
        return sum(account.due for account in self.accounts)

    @property
    def completed(self) -> int:
        """Of the due visits, those carried out."""
        return sum(account.completed for account in self.accounts)

    @property
    def completion_rate(self) -> Decimal | None:
        """Plan completion so far (走访计划完成率), or None when nothing is due yet."""
        due = self.due
        return Decimal(self.completed) / Decimal(due) if due else None


def evaluate_compliance(
    plans: Iterable[VisitPlan],
    records: Iterable[VisitRecord],
    *,
    now: datetime,
    zone: tzinfo,
    reported: Collection[str] = frozenset(),
    calendar: WorkingDayCalendar | None = None,
    matching: VisitMatching = _DEFAULT_MATCHING,
) -> ComplianceReport:
    """Visit compliance of the plans at ``now`` (SPEC §6 compliance).

    A planned visit is *due* once its day has passed (the evaluation day is ``now``'s date in
    ``zone``); it is *completed* when a record of the account carries it out, else *overdue*:
    a record counts against the planned visit of a kind it satisfies (``matching``), the one
    its ``planned_day`` names, else the nearest whose window holds the record's day (issue
    13). ``days_overdue`` counts the working days of ``calendar`` after the planned day up to
    today (calendar days without a calendar, or with ``matching.working_days`` False). The
    *next visit due* is the first visit from today on not yet completed. An account has a
    *gap* when its last regular visit (on-site or phone return,
    planned or not, up to today), or the start of its plan if it had none, lies more than its
    interval before today, or before the plan's last day once the plan has ended: time after
    the end of a plan is not counted against it (it belongs to the next plan), so a plan
    evaluated after its end reports the gaps it had on its last day.

    Args:
        plans: one plan per account.
        records: the visit records (records of accounts without a plan are ignored).
        now: the evaluation moment (timezone-aware).
        zone: the zone in which days are counted (the business calendar's zone).
        reported: the ids (:func:`~keyaccount.visit_id`) of the overdue visits already
            reported (``ComplianceReport.reported`` of the previous evaluation), so events
            are raised only for newly overdue visits.
        calendar: the business calendar, for overdue in working days (recommended).
        matching: which record kind satisfies which planned kinds, and how overdue is
            counted (:class:`VisitMatching`; its defaults when left out).

    Returns:
        The report: per-account figures, overdue visits, gaps, events for the newly overdue
        visits and the updated ``reported`` ids. Cost: O(records + due visits) plus a binary
        search per plan.

    Raises:
        InvalidInput: naive ``now``, a ``zone`` that is not a tzinfo, two plans for one
            account, a record dated after ``now`` (issue 13), a ``calendar`` or ``matching``
            of the wrong kind, or ``reported`` holding something other than visit ids.

    >>> from datetime import date, datetime, timezone
    >>> from keyaccount import TIER_C, Period, Topic, VisitInterval, VisitKind, VisitPlan
    >>> plan = VisitPlan("JINQIAO", TIER_C, Period.year(2026),
    ...                  days=(date(2026, 1, 5), date(2026, 4, 1), date(2026, 7, 1)),
    ...                  kinds=(VisitKind.PHONE_RETURN,) * 3, visitors=(("chen",),) * 3,
    ...                  topics=((Topic.CUSTOMER_BASICS,),) * 3,
    ...                  interval=VisitInterval(months=3))
    >>> april = datetime(2026, 4, 15, 9, tzinfo=timezone.utc)
    >>> report = evaluate_compliance([plan], [], now=april, zone=timezone.utc)
    >>> [visit.visit_id for visit in report.overdue]
    ['JINQIAO/2026-01-05/phone_return', 'JINQIAO/2026-04-01/phone_return']
    >>> report.completion_rate, report.accounts[0].next_due.day, len(report.events)
    (Decimal('0'), datetime.date(2026, 7, 1), 2)
    >>> evaluate_compliance([plan], [], now=april, zone=timezone.utc,
    ...                     reported=report.reported).events
    ()
    """
    require_instant_in_years(now, field="now")
    if not isinstance(zone, tzinfo):
        # None would read as the machine's own zone, and every day would be off by its offset
        raise InvalidInput(
            f"zone must be a tzinfo (the business calendar's zone: calendar.zone), got {zone!r}"
        )
    today = now.astimezone(zone).date()
    given = to_items(plans, field="plans", expected="VisitPlan values")
    for plan in given:
        if type(plan) is not VisitPlan and not isinstance(plan, VisitPlan):
            raise InvalidInput(f"plans must hold VisitPlan values, got {plan!r}")
    ordered = sorted(given, key=lambda plan: plan.account_id)
    position = {plan.account_id: index for index, plan in enumerate(ordered)}
    if len(position) != len(ordered):
        twice = next(a.account_id for a, b in pairwise(ordered) if a.account_id == b.account_id)
        raise InvalidInput(f"account {twice!r} has two plans to evaluate")
    if isinstance(reported, (set, frozenset)):
        already = reported
    else:
        already = frozenset(to_items(reported, field="reported", expected="visit ids"))
    if not all(isinstance(reported_id, str) for reported_id in already):
        raise InvalidInput(
            "reported must hold visit ids (strings, ComplianceReport.reported), got "
            f"{next(item for item in already if not isinstance(item, str))!r}"
        )
    if calendar is not None and not isinstance(calendar, WorkingDayCalendar):
        raise InvalidInput(
            f"calendar must be a working-day calendar (zone, is_working_day), got {calendar!r}"
        )
    if not isinstance(matching, VisitMatching):
        raise InvalidInput(f"matching must be a VisitMatching, got {matching!r}")
    satisfied_by = dict(matching.satisfies)
    visit_records = to_items(records, field="records", expected="VisitRecord values")
    done, last_visit = _done_visits(visit_records, position, zone, today, now)
    no_match: set[int] = set()
    overdue_rows: list[tuple[str, VisitKind, date]] = []
    # plans of one template share their interval object: one window per object
    windows: dict[int, date] = {}
    # visit ids are the account id plus a suffix shared by every visit of that day and kind
    suffixes: dict[int, str] = {}
    accounts = []
    overdue_ids: list[str] = []
    gaps = []
    for index, plan in enumerate(ordered):
        account_id = plan.account_id
        plan_days = plan.days
        plan_kinds = plan.kinds
        due = bisect.bisect_left(plan_days, today)
        account_records = done.get(index)
        matched = (
            no_match if account_records is None
            else _matched(plan, account_records, satisfied_by)
        )
        completed = 0
        for visit in range(due):
            if visit in matched:
                completed += 1
                continue
            day, kind = plan_days[visit], plan_kinds[visit]
            day_key = day.toordinal() * 8 + _KIND_ORDER[kind]
            suffix = suffixes.get(day_key)
            if suffix is None:
                suffix = suffixes[day_key] = _visit_id("", day, kind)
            overdue_ids.append(account_id + suffix)
            overdue_rows.append((account_id, kind, day))
        next_index = None
        for visit in range(due, len(plan_days)):
            if visit not in matched:
                next_index = visit
                break
        last = last_visit.get(account_id)
        interval = plan.interval
        if interval is not None:
            period = plan.period
            if today < period.end:
                until = today
                window = windows.get(id(interval))
                if window is None:
                    window = windows[id(interval)] = interval.window_start(today)
            else:
                # the time after a plan's end belongs to the next plan: an ended plan's gaps
                # are those it had on its last day, however late it is evaluated
                until = period.end - timedelta(days=1)
                window = interval.window_start(until)
            since = period.start if last is None else last
            if since < window:
                gaps.append(
                    _gap(account_id, last, interval, since, (until - since).days, until)
                )
        accounts.append(
            _account(account_id, due, completed, due - completed, last, plan, next_index)
        )
    late = _days_late(
        {day for _, _, day in overdue_rows},
        today,
        calendar if matching.working_days else None,
    )
    overdue = [
        _overdue_visit(account_id, kind, day, late[day]) for account_id, kind, day in overdue_rows
    ]
    events = tuple(
        _overdue(now, visit.account_id, visit.kind, visit.planned_day)
        for visit, overdue_id in zip(overdue, overdue_ids, strict=True)
        if overdue_id not in already
    )
    return _report(
        today,
        tuple(accounts),
        tuple(overdue),
        tuple(gaps),
        events,
        frozenset(already).union(overdue_ids),
    )


def _done_visits(
    records: Iterable[VisitRecord],
    position: Mapping[str, int],
    zone: tzinfo,
    today: date,
    now: datetime,
) -> tuple[dict[int, list[tuple[date, int, date | None]]], dict[str, date]]:
    """The records of each account (by its position), and each account's last regular visit.

    Only records of accounts in ``position`` count; a regular visit counts for the gap when
    it took place by the end of ``today`` in ``zone``. A record dated after ``now`` is
    refused: it cannot have been done yet (issue 13).
    """
    done: dict[int, list[tuple[date, int, date | None]]] = {}
    latest: dict[str, datetime] = {}
    # compare instants with the start of tomorrow: one day conversion per account, not per
    # record (for a midnight skipped by DST, fold=0 is still the first instant of the day)
    tomorrow = datetime.combine(today + timedelta(days=1), time(), tzinfo=zone)
    kind_code = _KIND_ORDER
    for record in records:
        if type(record) is not VisitRecord and not isinstance(record, VisitRecord):
            raise InvalidInput(f"records must hold VisitRecord values, got {record!r}")
        moment = record.visited_at
        if moment > now:
            raise InvalidInput(
                f"records must not be dated after now ({now.isoformat()}): record "
                f"{record.record_id!r} of {record.account_id!r} is dated {moment.isoformat()}"
            )
        account_id = record.account_id
        index = position.get(account_id)
        if index is None:
            continue
        kind = record.kind
        # a row of a date, an int and a date (or None): the garbage collector stops tracking
        # it, where a row holding the kind member is walked on every pass
        row = (moment.astimezone(zone).date(), kind_code[kind], record.planned_day)
        rows = done.get(index)
        if rows is None:
            done[index] = [row]
        else:
            rows.append(row)
        if kind in REGULAR_KINDS and moment < tomorrow and (
            account_id not in latest or moment > latest[account_id]
        ):
            latest[account_id] = moment
    return done, {account: moment.astimezone(zone).date() for account, moment in latest.items()}


def _days_late(
    days: Collection[date], today: date, calendar: WorkingDayCalendar | None
) -> dict[date, int]:
    """Days after each of ``days`` up to ``today``: working days of ``calendar`` if given."""
    if calendar is None or not days:
        return {day: (today - day).days for day in days}
    first = min(days)
    working = [
        calendar.is_working_day(first + timedelta(days=offset))
        for offset in range((today - first).days + 1)
    ]
    # after[i]: working days in (first + i, today]
    after = [0] * len(working)
    for offset in range(len(working) - 2, -1, -1):
        after[offset] = after[offset + 1] + working[offset + 1]
    return {day: after[(day - first).days] for day in days}


# evaluate_compliance builds its findings from the plans and records it checked, 100,000
# accounts at a time: these skip the field checks of the public constructors.
_overdue_visit = unchecked_builder(OverdueVisit)
_gap = unchecked_builder(VisitGap)
_account = unchecked_builder(AccountCompliance)
_report = unchecked_builder(ComplianceReport)
