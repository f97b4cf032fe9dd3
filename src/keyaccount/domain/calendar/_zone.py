"""Changes of a zone's UTC offset (daylight saving and others), and the days they touch.

On most days wall-clock arithmetic in the zone is exact. Around a change of UTC offset it is
not: a wall time may be skipped or repeated, and a working day may really contain more or
fewer hours than its wall-clock intervals say. This module finds those changes and measures
such days as real instants; the engine counts them the slow way.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from keyaccount.domain.calendar._units import EPOCH, ONE_US, US, epoch_us

_WEEK = timedelta(days=7)
# Weekly probes find every UTC-offset change of a zone; no zone changes its offset and back
# within a week, so a probe pair that shows no change has none between.
_PROBES_PER_YEAR = 54
# Days around a transition whose wall clock may be ambiguous or skipped (a zone may go back
# from 00:30 to 23:30 of the day before, as some have done): counted exactly, the slow way.
_TRANSITION_MARGIN = 1


class RealDay:
    """A working day touched by a UTC-offset change, its intervals as real instants (epoch µs)."""

    __slots__ = ("cum_end", "cum_start", "ends", "length", "starts")

    def __init__(self, starts: list[int], ends: list[int]) -> None:
        self.starts = starts
        self.ends = ends
        self.cum_start: list[int] = []
        self.cum_end: list[int] = []
        total = 0
        for start, end in zip(starts, ends, strict=True):
            self.cum_start.append(total)
            total += end - start
            self.cum_end.append(total)
        self.length = total

    def position(self, instant_us: int) -> int:
        """Business µs of this day before ``instant_us``."""
        total = 0
        for start, end in zip(self.starts, self.ends, strict=True):
            if instant_us <= start:
                break
            total += min(instant_us, end) - start
        return total


def offset_changes(zone: ZoneInfo, year: int) -> list[int]:
    """Epoch µs of every UTC-offset change of ``zone`` around ``year`` (probe, then bisect)."""
    changes: list[int] = []
    if not 1 < year < 9999:  # no zone data out there, and no room to probe around it
        return changes
    start = datetime(year, 1, 1, tzinfo=UTC) - timedelta(days=3)
    probes = [start + _WEEK * k for k in range(_PROBES_PER_YEAR)]
    offsets = [probe.astimezone(zone).utcoffset() for probe in probes]
    for k in range(len(probes) - 1):
        if offsets[k] == offsets[k + 1]:
            continue
        low, high = epoch_us(probes[k]), epoch_us(probes[k + 1])
        # Offsets change on whole seconds: bisect in seconds, exact and quick.
        low_s, high_s = low // US, high // US
        while low_s + 1 < high_s:
            middle = (low_s + high_s) // 2
            offset = (EPOCH + timedelta(seconds=middle)).astimezone(zone).utcoffset()
            if offset == offsets[k]:
                low_s = middle
            else:
                high_s = middle
        changes.append(high_s * US)
    return changes


def days_touched(zone: ZoneInfo, change_us: int) -> range:
    """The ordinals of the days whose wall clock a change at ``change_us`` may disturb."""
    change = EPOCH + timedelta(microseconds=change_us)
    before = (change - ONE_US).astimezone(zone).toordinal()
    after = change.astimezone(zone).toordinal()
    return range(
        min(before, after) - _TRANSITION_MARGIN, max(before, after) + _TRANSITION_MARGIN + 1
    )


def wall_instant(zone: ZoneInfo, ordinal: int, wall: int) -> int:
    """Epoch µs of wall-clock time ``wall`` µs on day ``ordinal`` in ``zone``.

    A repeated wall time means its first occurrence; a skipped one the moment of the jump.
    """
    naive = datetime.fromordinal(ordinal) + timedelta(microseconds=wall)
    early = naive.replace(tzinfo=zone)
    instant = early.astimezone(UTC)
    if instant.astimezone(zone).replace(tzinfo=None) == naive:
        return epoch_us(instant)
    # In a gap: fold=1 reads it with the offset after the jump (earlier instant), fold=0
    # with the offset before (later instant); the jump lies in between.
    low = epoch_us(naive.replace(tzinfo=zone, fold=1).astimezone(UTC))
    high = epoch_us(instant)
    target = instant.astimezone(zone).utcoffset()
    while low + 1 < high:
        middle = (low + high) // 2
        moment = EPOCH + timedelta(microseconds=middle)
        if moment.astimezone(zone).utcoffset() == target:
            high = middle
        else:
            low = middle
    return high


def real_day(zone: ZoneInfo, ordinal: int, starts: list[int], ends: list[int]) -> RealDay:
    """Working day ``ordinal``, its wall-clock intervals ``starts``/``ends`` as real instants."""
    return RealDay(
        [wall_instant(zone, ordinal, start) for start in starts],
        [wall_instant(zone, ordinal, end) for end in ends],
    )
