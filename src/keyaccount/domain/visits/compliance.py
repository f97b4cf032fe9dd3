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

import attrs

from keyaccount._errors import InvalidInput
from keyaccount._validation import require_instant_in_years
from keyaccount.domain.visits.events import VisitOverdue
from keyaccount.domain.visits.kinds import _KIND_ORDER, REGULAR_KINDS, VisitKind, visit_id
from keyaccount.domain.visits.plan import PlannedVisit, VisitPlan
from keyaccount.domain.visits.quotas import VisitInterval
from keyaccount.domain.visits.records import VisitRecord

__all__ = [
    "AccountCompliance",
    "ComplianceReport",
    "OverdueVisit",
    "VisitGap",
    "evaluate_compliance",
]

# Day ordinals stay below this (date.max.toordinal() is 3,652,059).
_DAY_SPAN = 4_000_000


@attrs.frozen
class OverdueVisit:
    """A planned visit whose day passed with no record (SPEC §6 compliance).

    Attributes:
        account_id: the account.
        kind: the kind of the planned visit.
        planned_day: the planned day.
        days_overdue: days since the planned day, as of the evaluation.
    """

    account_id: str
    kind: VisitKind
    planned_day: date
    days_overdue: int

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

    account_id: str
    last_visit: date | None
    interval: VisitInterval
    since: date
    days: int
    until: date


@attrs.frozen
class AccountCompliance:
    """One account's visit compliance at an evaluation day.

    Attributes:
        account_id: the account.
        due: planned visits whose day has passed.
        completed: of those, visits carried out (a record names their planned day).
        overdue: how many are overdue (due and not completed).
        last_visit: the day of the last regular visit recorded, or None.
        plan: the plan evaluated.
        next_index: the position in the plan of the next visit due, or None.
    """

    account_id: str
    due: int
    completed: int
    overdue: int
    last_visit: date | None
    plan: VisitPlan = attrs.field(repr=False, eq=False)
    next_index: int | None = None

    @property
    def next_due(self) -> PlannedVisit | None:
        """The next planned visit not yet carried out, on or after the evaluation day."""
        return None if self.next_index is None else self.plan.visit_at(self.next_index)

    @property
    def completion_rate(self) -> Decimal | None:
        """Completed / due, or None (not applicable) when nothing is due yet."""
        return Decimal(self.completed) / Decimal(self.due) if self.due else None


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

    today: date
    accounts: tuple[AccountCompliance, ...]
    overdue: tuple[OverdueVisit, ...]
    gaps: tuple[VisitGap, ...]
    events: tuple[VisitOverdue, ...]
    reported: frozenset[str]

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
) -> ComplianceReport:
    """Visit compliance of the plans at ``now`` (SPEC §6 compliance).

    A planned visit is *due* once its day has passed (the evaluation day is ``now``'s date in
    ``zone``); it is *completed* when a record of the same account and kind names its planned
    day, else *overdue*. The *next visit due* is the first visit from today on not yet
    completed. An account has a *gap* when its last regular visit (on-site or phone return,
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

    Returns:
        The report: per-account figures, overdue visits, gaps, events for the newly overdue
        visits and the updated ``reported`` ids. Cost: O(records + due visits) plus a binary
        search per plan.

    Raises:
        InvalidInput: naive ``now``, a ``zone`` that is not a tzinfo, two plans for one
            account, or ``reported`` holding something other than visit ids.

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
    ordered = sorted(plans, key=lambda plan: plan.account_id)
    position = {plan.account_id: index for index, plan in enumerate(ordered)}
    if len(position) != len(ordered):
        twice = next(a.account_id for a, b in pairwise(ordered) if a.account_id == b.account_id)
        raise InvalidInput(f"account {twice!r} has two plans to evaluate")
    already = reported if isinstance(reported, (set, frozenset)) else frozenset(reported)
    if not all(isinstance(reported_id, str) for reported_id in already):
        raise InvalidInput(
            "reported must hold visit ids (strings, ComplianceReport.reported), got "
            f"{next(item for item in already if not isinstance(item, str))!r}"
        )
    done, last_visit = _done_visits(records, position, zone, today)
    # plans of one template share their interval object: one window per object
    windows: dict[int, date] = {}
    # plans of one template share their columns: their keys are computed once
    columns: dict[tuple[int, int], tuple[int, ...]] = {}
    # visit ids are the account id plus a suffix shared by every visit of that day and kind
    suffixes: dict[int, str] = {}
    accounts = []
    overdue: list[OverdueVisit] = []
    overdue_ids: list[str] = []
    gaps = []
    for index, plan in enumerate(ordered):
        account_id = plan.account_id
        plan_days = plan.days
        plan_kinds = plan.kinds
        day_keys = columns.get((id(plan_days), id(plan_kinds)))
        if day_keys is None:
            day_keys = _day_keys(plan_days, plan_kinds, columns)
        base = index * _ACCOUNT_STRIDE
        due = bisect.bisect_left(plan_days, today)
        completed = 0
        for visit in range(due):
            day_key = day_keys[visit]
            if base + day_key in done:
                completed += 1
                continue
            day, kind = plan_days[visit], plan_kinds[visit]
            suffix = suffixes.get(day_key)
            if suffix is None:
                suffix = suffixes[day_key] = visit_id("", day, kind)
            overdue_ids.append(account_id + suffix)
            overdue.append(OverdueVisit(account_id, kind, day, (today - day).days))
        next_index = None
        for visit in range(due, len(day_keys)):
            if base + day_keys[visit] not in done:
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
                    VisitGap(account_id, last, interval, since, (until - since).days, until)
                )
        accounts.append(
            AccountCompliance(account_id, due, completed, due - completed, last, plan, next_index)
        )
    events = tuple(
        VisitOverdue(
            occurred_at=now, account_id=visit.account_id, kind=visit.kind,
            planned_day=visit.planned_day,
        )
        for visit, overdue_id in zip(overdue, overdue_ids, strict=True)
        if overdue_id not in already
    )
    return ComplianceReport(
        today,
        tuple(accounts),
        tuple(overdue),
        tuple(gaps),
        events,
        frozenset(already).union(overdue_ids),
    )


# A done visit is keyed by one int, ((account position * _DAY_SPAN) + day ordinal) * 8 + kind:
# no tuple per record or visit, which keeps 100,000 accounts light on the allocator and on the
# garbage collector. Eight kind codes leave room for the five kinds.
_ACCOUNT_STRIDE = _DAY_SPAN * 8


def _done_visits(
    records: Iterable[VisitRecord], position: Mapping[str, int], zone: tzinfo, today: date
) -> tuple[set[int], dict[str, date]]:
    """The keys of the planned visits carried out, and each account's last regular visit day.

    Only records of accounts in ``position`` count; a regular visit counts for the gap when
    it took place by the end of ``today`` in ``zone``.
    """
    done: set[int] = set()
    latest: dict[str, datetime] = {}
    # compare instants with the start of tomorrow: one day conversion per account, not per
    # record (for a midnight skipped by DST, fold=0 is still the first instant of the day)
    tomorrow = datetime.combine(today + timedelta(days=1), time(), tzinfo=zone)
    kind_code = _KIND_ORDER
    for record in records:
        account_id = record.account_id
        index = position.get(account_id)
        if index is None:
            continue
        kind = record.kind
        planned_day = record.planned_day
        if planned_day is not None:
            done.add((index * _DAY_SPAN + planned_day.toordinal()) * 8 + kind_code[kind])
        if kind in REGULAR_KINDS:
            moment = record.visited_at
            if moment < tomorrow and (account_id not in latest or moment > latest[account_id]):
                latest[account_id] = moment
    return done, {account: moment.astimezone(zone).date() for account, moment in latest.items()}


def _day_keys(
    days: tuple[date, ...],
    kinds: tuple[VisitKind, ...],
    columns: dict[tuple[int, int], tuple[int, ...]],
) -> tuple[int, ...]:
    """The ``day ordinal * 8 + kind`` keys of a plan's visits, kept in ``columns``.

    ``columns`` is keyed by the ids of the column tuples: the plans evaluated keep them alive
    for the whole evaluation, so an id is not reused by another tuple meanwhile.
    """
    keys = columns[(id(days), id(kinds))] = tuple(
        day.toordinal() * 8 + _KIND_ORDER[kind] for day, kind in zip(days, kinds, strict=True)
    )
    return keys
