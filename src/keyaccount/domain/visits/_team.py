"""Each person's load, area and limit per day, and the heaps of free days (private; issue 13).

One job: the bookkeeping :func:`keyaccount.domain.visits._placement.place_portfolio` places
visits against. A person's free days of one window are kept in a heap whose keys only grow
(a day's load only rises, its area is set once), so a stale entry is refreshed when it
reaches the top.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections import deque
from collections.abc import Iterable, Sequence
from datetime import timedelta
from typing import Any

from keyaccount._errors import InvalidInput
from keyaccount._validation import COUNT_LIMIT
from keyaccount.domain.visits._engine import _Days
from keyaccount.domain.visits.kinds import VisitLoad
from keyaccount.domain.visits.ports import VisitCapacityPolicy

_IN_PERSON = VisitLoad.IN_PERSON

# A heap entry is one int: ``mismatch << _MISMATCH | load << _LOAD | order``, where
# ``order`` is the day index (``_LAST - day`` in a window filled backwards): ints compare
# faster than tuples, and the order is that of ``(mismatch, load, order)``.
_LOAD = 17
_MISMATCH = 48
_LAST = (1 << _LOAD) - 1  # a period has fewer days (1900-2199: about 110,000)
_ONE_MORE = 1 << _LOAD
_AREA_MISMATCH = 1 << _MISMATCH
_Heap = list[int]
_Resolved = tuple[_Heap, list[int | None], list[int], list[str | None]]


class _WorkingDates:
    """The working days of the period as dates and as day indices."""

    __slots__ = ("dates", "period", "working", "working_indices")

    def __init__(self, days: _Days) -> None:
        self.period = days.period
        self.working = days.working
        self.working_indices = [index for index, flag in enumerate(days.working) if flag]
        start = days.period.start
        self.dates = tuple(start + timedelta(days=index) for index in self.working_indices)


class _Team:
    """Each person's load, area and limit per day of the period (built as people appear)."""

    __slots__ = ("areas", "capacity", "days", "fresh", "heaps", "limits", "loads")
    days: _WorkingDates

    def __init__(self, capacity: VisitCapacityPolicy, days: _Days) -> None:
        self.capacity = capacity
        self.days = _WorkingDates(days)
        self.loads: dict[tuple[str, VisitLoad], list[int]] = {}
        self.limits: dict[tuple[str, VisitLoad], list[int | None]] = {}
        self.areas: dict[str, list[str | None]] = {}
        self.heaps: dict[tuple[object, ...], _Heap] = {}
        # the heap of a window nobody has a visit in yet, by window, with the limits it had
        self.fresh: dict[tuple[int, int, bool], tuple[list[int | None], _Heap]] = {}

    def limits_of(self, person: str, load: VisitLoad) -> list[int | None]:
        key = (person, load)
        known = self.limits.get(key)
        if known is not None:
            return known
        answered = self.capacity.limits(person, self.days.dates, load)
        given = list(answered) if isinstance(answered, Sequence) else None
        if given is None or len(given) != len(self.days.dates):
            raise InvalidInput(
                f"capacity policy limits({person!r}, ..., {load.value!r}) must give one limit "
                f"a day ({len(self.days.dates)}), got {answered!r}"
            )
        distinct: set[tuple[type, Any]]
        try:  # a policy gives few distinct limits: check each once (by type and value)
            distinct = {(type(value), value) for value in given}
        except TypeError:  # an unhashable answer: found below, value by value
            distinct = {(list, None)}
        if any(
            kind is not type(None) and (kind is not int or not 0 <= value <= COUNT_LIMIT)
            for kind, value in distinct
        ):
            for day, value in zip(self.days.dates, given, strict=True):
                if value is not None and (
                    type(value) is not int or not 0 <= value <= COUNT_LIMIT
                ):
                    raise InvalidInput(
                        f"capacity policy limit({person!r}, {day}, {load.value!r}) must be "
                        f"None or an int from 0 to 10**9, got {value!r}"
                    )
        row: list[int | None] = [0] * len(self.days.working)
        # C-speed scatter of the working days' limits into the row of every day
        deque(map(row.__setitem__, self.days.working_indices, given), maxlen=0)
        self.limits[key] = row
        self.loads[key] = [0] * len(row)
        if person not in self.areas:
            self.areas[person] = [None] * len(row)
        return row

    def heap(
        self, person: str, load: VisitLoad, lo: int, hi: int, backwards: bool, area: str | None
    ) -> _Heap:
        key = (person, load, lo, hi, backwards, area)
        heap = self.heaps.get(key)
        if heap is None:
            limits = self.limits_of(person, load)
            loads = self.loads[(person, load)]
            areas = self.areas[person]
            tracked = area is not None and load is _IN_PERSON
            if not any(loads[lo:hi]) and areas[lo:hi].count(None) == hi - lo:
                # nobody placed yet in the window: every person with the same limits there
                # starts from the same heap (days by order, all empty), copied at C speed
                fresh_key = (lo, hi, backwards)
                known = self.fresh.get(fresh_key)
                window_limits = limits[lo:hi]
                if known is not None and known[0] == window_limits:
                    heap = known[1].copy()
                    self.heaps[key] = heap
                    return heap
            else:
                fresh_key = None
            working = self.days.working_indices
            span = working[bisect_left(working, lo) : bisect_left(working, hi)]
            # a day is free when its limit is None or above its load (a limit 0: never)
            if tracked:
                heap = [
                    (0 if areas[day] in (None, area) else _AREA_MISMATCH)
                    | loads[day] << _LOAD
                    | (_LAST - day if backwards else day)
                    for day in span
                    if (limit := limits[day]) is None or loads[day] < limit
                ]
            elif backwards:
                heap = [
                    loads[day] << _LOAD | (_LAST - day)
                    for day in span
                    if (limit := limits[day]) is None or loads[day] < limit
                ]
            else:
                heap = [
                    loads[day] << _LOAD | day
                    for day in span
                    if (limit := limits[day]) is None or loads[day] < limit
                ]
            heapq.heapify(heap)
            if fresh_key is not None:
                self.fresh[fresh_key] = (window_limits, heap.copy())
            self.heaps[key] = heap
        return heap


def _peek(
    team: _Team,
    heap: _Heap,
    person: str,
    load: VisitLoad,
    area: str | None,
    blocked: Iterable[int] | frozenset[int],
    backwards: bool,
) -> int | None:
    """The best free day's entry on top of ``heap`` for an account blocked on ``blocked``."""
    limits = team.limits[(person, load)]
    loads = team.loads[(person, load)]
    areas = team.areas[person]
    tracked = area is not None and load is _IN_PERSON
    aside = []
    found = None
    while heap:
        entry = heap[0]
        order = entry & _LAST
        day = _LAST - order if backwards else order
        limit = limits[day]
        now_count = loads[day]
        if limit is not None and now_count >= limit:
            heapq.heappop(heap)  # full for good: loads only rise
            continue
        current = (
            (_AREA_MISMATCH if tracked and areas[day] not in (None, area) else 0)
            | now_count << _LOAD
            | order
        )
        if current != entry:
            heapq.heapreplace(heap, current)
            continue
        if day in blocked:
            aside.append(heapq.heappop(heap))
            continue
        found = entry
        break
    for entry in aside:
        heapq.heappush(heap, entry)
    return found
