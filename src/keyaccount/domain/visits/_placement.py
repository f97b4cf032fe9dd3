"""The capacity-aware placement of a portfolio's visits (private; issue 13).

One job: the rules of :meth:`keyaccount.VisitPlanner.plan_portfolio`, written out in
:mod:`keyaccount.domain.visits.planner`. Each account's quota becomes visits with windows
(one template per quota); the visits are placed, tightest window first, each on the least
loaded working day of its window for one of the account's staff, within each person's
limit for the day, keeping one person's in-person visits of a day in one area when it can.
A person's free days of one window are kept in a heap whose keys only grow (a day's load
only rises, its area is set once), so a stale entry is refreshed when it reaches the top.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from itertools import chain, pairwise, repeat

from keyaccount._errors import InvalidInput
from keyaccount._validation import require_instant_in_years, to_items
from keyaccount.domain.calendar import Period
from keyaccount.domain.visits._engine import (
    _EVEN_KINDS,
    _YEAR_DAYS,
    _check_arguments,
    _Days,
    _festival_indices,
    _interval,
    _slot_bounds,
    _topics_for,
    festival_window,
)
from keyaccount.domain.visits._refit import shortfall_of
from keyaccount.domain.visits._team import (
    _AREA_MISMATCH,
    _LAST,
    _LOAD,
    _ONE_MORE,
    _peek,
    _Resolved,
    _Team,
)
from keyaccount.domain.visits.accounts import AccountToPlan
from keyaccount.domain.visits.events import VisitPlanned, _planned
from keyaccount.domain.visits.kinds import (
    _KIND_ORDER,
    FESTIVAL_KINDS,
    Topic,
    VisitKind,
    VisitLoad,
)
from keyaccount.domain.visits.plan import VisitPlan
from keyaccount.domain.visits.portfolio import (
    PortfolioPlan,
    UnplacedReason,
    UnplacedVisit,
)
from keyaccount.domain.visits.ports import (
    VisitCapacityPolicy,
    VisitFrequencyPolicy,
    WorkingDayCalendar,
)
from keyaccount.domain.visits.quotas import VisitQuota, scaled_count

_LOAD_OF = {kind: VisitLoad.of(kind) for kind in VisitKind}
_NO_INTERVAL = object()
_IN_PERSON = VisitLoad.IN_PERSON
# A window: (kind, lo, hi, backwards) in day indices from the period's start, hi excluded.
_Window = tuple[VisitKind, int, int, bool]


def _templates_windows(
    quota: VisitQuota,
    days: _Days,
    first: int,
    festivals: Sequence[int],
    windows_before: dict[VisitKind, int],
    account: str,
) -> list[_Window]:
    """The windows of the visits ``quota`` owes from day ``first`` on, in time order."""
    period = days.period
    size = len(days.working)
    if first >= size:
        return []
    rest = period if first == 0 else Period(period.start + timedelta(days=first), period.end)
    windows: list[_Window] = []
    for kind in _EVEN_KINDS:
        count = scaled_count(quota.count(kind), rest)
        if count > size - first:
            raise InvalidInput(
                f"no free working day left in {rest.start.isoformat()}.."
                f"{rest.end.isoformat()} for {count} {kind.value} visits of {account!r} "
                f"(at most one a day, {size - first} days)"
            )
        if count:
            bounds = _slot_bounds(period, first, size, count)
            windows.extend(
                (kind, lo, hi, False) for lo, hi in pairwise(bounds)
            )
    ahead = [index for index in festivals if index > first]
    for kind in (VisitKind.HOLIDAY, VisitKind.GREETING):
        count = scaled_count(quota.count(kind), rest)
        if count > len(ahead):
            if first == 0 and period.days >= _YEAR_DAYS:
                raise InvalidInput(
                    f"{account!r} needs {count} {kind.value} visit(s) in "
                    f"{period.start.isoformat()}..{period.end.isoformat()} but "
                    f"{len(ahead)} festival date(s) in it were handed in (festivals)"
                )
            count = len(ahead)
        for festival in ahead[:count]:
            lo, hi = festival_window(days, first, festival, windows_before[kind])
            windows.append((kind, lo, hi, True))
    windows.sort(key=lambda window: (window[1], _KIND_ORDER[window[0]]))
    return windows


def _visits_of(groups: list[tuple[list[int], int]]) -> Iterable[tuple[int, int]]:
    """The ``(account number, ordinal)`` of a window's visits, group by group (C speed)."""
    return chain.from_iterable(zip(numbers, repeat(ordinal)) for numbers, ordinal in groups)


def place_portfolio(
    policy: VisitFrequencyPolicy,
    capacity: VisitCapacityPolicy,
    calendar: WorkingDayCalendar,
    accounts: Iterable[AccountToPlan],
    period: Period,
    festivals: Iterable[date],
    now: datetime,
    windows_before: dict[VisitKind, int],
) -> tuple[PortfolioPlan, tuple[VisitPlanned, ...]]:
    """Plan ``period`` for every account within the team's capacity (see the module doc)."""
    _check_arguments(calendar, period=period)
    require_instant_in_years(now, field="now")
    given = to_items(accounts, field="accounts", expected="AccountToPlan values")
    for account in given:
        if not isinstance(account, AccountToPlan):
            raise InvalidInput(f"accounts must hold AccountToPlan values, got {account!r}")
    ordered = sorted(given, key=lambda account: account.account_id)
    for before, after in pairwise(ordered):
        if before.account_id == after.account_id:
            raise InvalidInput(f"account {before.account_id!r} is given twice to plan")
    days = _Days(calendar, period)
    size = len(days.working)
    today = now.astimezone(calendar.zone).date()
    first = min(max((today - period.start).days, 0), size)
    festival_indices = _festival_indices(festivals, period)
    start = period.start
    # the windows of each quota, shared by the accounts that have it
    templates: dict[VisitQuota, list[_Window]] = {}
    # each window's visits: groups of (the accounts of one quota, the visit's ordinal)
    by_window: dict[_Window, list[tuple[list[int], int]]] = {}
    members: dict[int, list[int]] = {}  # by the id of the template's quota
    quotas = []
    # a policy hands out the same quota object for every account of a tier: look it up by
    # identity first (the object is kept alive in ``quotas``, so its id is not reused)
    by_identity: dict[int, VisitQuota] = {}
    quota_for = policy.quota_for
    for number, account in enumerate(ordered):
        given_quota = quota_for(account.account_id, account.tier)
        quota = by_identity.get(id(given_quota))
        if quota is None:
            quota = given_quota
            if quota not in templates:
                templates[quota] = _templates_windows(
                    quota, days, first, festival_indices, windows_before, account.account_id
                )
                members[id(quota)] = []
            else:  # an equal quota seen before: share its template
                quota = next(known for known in templates if known == quota)
            by_identity[id(given_quota)] = quota
        quotas.append(given_quota)
        members[id(quota)].append(number)
    for quota, template in templates.items():
        numbers = members[id(quota)]
        for ordinal, window in enumerate(template):
            by_window.setdefault(window, []).append((numbers, ordinal))
    team = _Team(capacity, days)
    placed: list[list[tuple[int, int, tuple[str, ...], int]]] = [[] for _ in ordered]
    spans: list[Period] = []
    kind_of_code: dict[int, VisitKind] = {}
    unplaced: list[tuple[int, _Window, UnplacedReason]] = []
    blackouts: dict[int, frozenset[int]] = {}
    no_block: frozenset[int] = frozenset()
    for number, account in enumerate(ordered):
        if account.blackout_dates:
            blackouts[number] = frozenset(
                (day - start).days for day in account.blackout_dates if day in period
            )
    blackout_of = [blackouts.get(number, no_block) for number in range(len(ordered))]
    # the days on which an account has a visit of a kind already (one of a kind a day)
    taken: dict[VisitKind, dict[int, set[int]]] = {kind: {} for kind in FESTIVAL_KINDS}
    # tightest windows first (festival windows, then months, then quarters), then in time
    loads_of = team.loads
    staff_of = [account.staff for account in ordered]
    area_of = [account.area for account in ordered]
    areas_of = team.areas
    singles: dict[str, tuple[str, ...]] = {}
    for window in sorted(by_window, key=lambda w: (w[2] - w[1], w[1], _KIND_ORDER[w[0]])):
        kind, lo, hi, backwards = window
        code = _KIND_ORDER[kind]
        # rows hold only ints and a tuple of names, which the garbage collector stops
        # tracking: 590,000 rows of enum members and Periods cost it about a second a year
        kind_of_code[code] = kind
        span = len(spans)
        spans.append(Period(start + timedelta(days=lo), start + timedelta(days=hi)))
        load = _LOAD_OF[kind]
        in_person = load is _IN_PERSON
        # windows of an even kind partition the period; festival windows may overlap
        overlapping = kind in FESTIVAL_KINDS
        taken_of_kind = taken.get(kind, {})
        # per person (and area) of this window: its heap and its rows of limits and loads;
        # keyed by the person alone when the area does not matter (calls and messages)
        resolved: dict[object, _Resolved] = {}
        for number, ordinal in _visits_of(by_window[window]):
            staff = staff_of[number]
            area = area_of[number] if in_person else None
            blocked: frozenset[int] | set[int] = blackout_of[number]
            if overlapping:
                same_kind = taken_of_kind.get(number)
                if same_kind is not None:
                    blocked = same_kind | blocked
            count = len(staff)
            best_key = -1  # none yet: the (mismatch, load) part of the best entry
            best_top = 0
            best_person = ""
            best_state: _Resolved | None = None
            for rank in range(count):
                person = staff[(ordinal + rank) % count]
                key = person if area is None else (person, area)
                state = resolved.get(key)
                if state is None:
                    state = resolved[key] = (
                        team.heap(person, load, lo, hi, backwards, area),
                        team.limits[(person, load)],
                        loads_of[(person, load)],
                        areas_of[person],
                    )
                heap = state[0]
                if not heap:
                    continue
                top = heap[0]
                # the common case: the top entry is current, free and not blocked
                order = top & _LAST
                top_day = _LAST - order if backwards else order
                now_count = state[2][top_day]
                limit = state[1][top_day]
                if (
                    top != (
                        (_AREA_MISMATCH if area is not None
                         and state[3][top_day] not in (None, area) else 0)
                        | now_count << _LOAD
                        | order
                    )
                    or (limit is not None and now_count >= limit)
                    or top_day in blocked
                ):
                    peeked = _peek(team, heap, person, load, area, blocked, backwards)
                    if peeked is None:
                        continue
                    top = peeked
                rank_key = top >> _LOAD  # (mismatch, load): a later rank wins only below
                if best_key < 0 or rank_key < best_key:
                    best_key, best_top, best_person, best_state = rank_key, top, person, state
                    if rank_key == 0:
                        break  # nothing can beat an empty day in the area
            if best_state is None:
                free = any(
                    days.working[day] and day not in blackouts.get(number, no_block)
                    for day in range(lo, hi)
                )
                reason = UnplacedReason.NO_CAPACITY if free else UnplacedReason.NO_FREE_DAY
                unplaced.append((number, window, reason))
                continue
            top, person = best_top, best_person
            heap, limits, day_loads, person_areas = best_state
            order = top & _LAST
            day = _LAST - order if backwards else order
            day_loads[day] += 1
            if area is not None and person_areas[day] is None:
                person_areas[day] = area
            # the chosen day is the top of its heap: refresh it now (the others lazily)
            # (a blocked day set aside may have gone back on top: then it stays lazy)
            if heap[0] == top:
                limit = limits[day]
                if limit is not None and day_loads[day] >= limit:
                    heapq.heappop(heap)
                else:
                    heapq.heapreplace(heap, top + _ONE_MORE)
            if overlapping:
                days_taken = taken_of_kind.get(number)
                if days_taken is None:
                    taken_of_kind[number] = {day}
                else:
                    days_taken.add(day)
            single = singles.get(person)
            if single is None:
                single = singles[person] = (person,)
            placed[number].append((day, code, single, span))
    return _portfolio(
        ordered, placed, unplaced, capacity, days, quotas, now, start, spans, kind_of_code
    )


def _portfolio(
    ordered: Sequence[AccountToPlan],
    placed: Sequence[list[tuple[int, int, tuple[str, ...], int]]],
    unplaced: list[tuple[int, _Window, UnplacedReason]],
    capacity: VisitCapacityPolicy,
    days: _Days,
    quotas: Sequence[VisitQuota],
    now: datetime,
    start: date,
    spans: Sequence[Period],
    kind_of_code: dict[int, VisitKind],
) -> tuple[PortfolioPlan, tuple[VisitPlanned, ...]]:
    period = days.period
    periods: dict[tuple[int, int], Period] = {}

    def window_of(lo: int, hi: int) -> Period:
        found = periods.get((lo, hi))
        if found is None:
            found = periods[(lo, hi)] = Period(
                start + timedelta(days=lo), start + timedelta(days=hi)
            )
        return found

    date_at = [start + timedelta(days=index) for index in range(len(days.working))]
    plans = []
    events = []
    intervals: dict[int, object] = {}
    topics: dict[tuple[VisitKind, ...], tuple[tuple[Topic, ...], ...]] = {}
    empty: tuple[()] = ()
    for account, rows, quota in zip(ordered, placed, quotas, strict=True):
        # (day, kind code) is unique in an account's rows: the sort never looks further
        rows.sort()
        if rows:
            day_column, code_column, visitor_column, span_column = zip(*rows, strict=True)
            visit_days = tuple(map(date_at.__getitem__, day_column))
            kind_column = tuple(map(kind_of_code.__getitem__, code_column))
            window_column = tuple(map(spans.__getitem__, span_column))
        else:
            visit_days = kind_column = visitor_column = window_column = empty
        kinds: tuple[VisitKind, ...] = kind_column
        # quota objects are kept alive in ``quotas``: their ids are not reused meanwhile
        known = intervals.get(id(quota), _NO_INTERVAL)
        if known is _NO_INTERVAL:
            interval = _interval(scaled_count(quota.regular, period), period)
            intervals[id(quota)] = interval
        else:
            interval = known  # type: ignore[assignment]
        kind_topics = topics.get(kinds)
        if kind_topics is None:
            kind_topics = topics[kinds] = _topics_for(kinds)
        plans.append(
            VisitPlan._from_planner(
                account.account_id,
                account.tier,
                period,
                visit_days,
                kinds,
                visitor_column,
                kind_topics,
                interval,
                window_column,
            )
        )
        events.append(_planned(now, account.account_id, period, len(rows)))
    unplaced.sort(key=lambda row: (row[0], row[1][1], _KIND_ORDER[row[1][0]]))
    values = [
        UnplacedVisit(ordered[number].account_id, kind, window_of(lo, hi), reason)
        for number, (kind, lo, hi, _), reason in unplaced
    ]
    shortfall = shortfall_of(values, capacity)
    return PortfolioPlan(tuple(plans), tuple(values), shortfall), tuple(events)

