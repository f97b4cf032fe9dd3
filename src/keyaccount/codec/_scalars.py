"""The codec's scalars: how money, instants, days, times, durations and rates are stored.

Every scalar becomes a JSON string (or stays a JSON int, bool or string) and comes back
exactly: money as its decimal string, an instant as ISO 8601 followed by its IANA zone key in
brackets (RFC 9557: ``2026-03-02T23:00:00+08:00[Asia/Shanghai]``), a day as ISO 8601, a
business-day duration as ``P<days>DT<seconds>[.<micro>]S``, a rate as ``"<num>/<den>"``.
Loading is strict: a float for money, ``"5"`` for a count or ``1`` for a flag is refused, and
each refusal raises ``_Bad`` (the codec adds the path and makes it ``InvalidInput``).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__: list[str] = []


class _Bad(Exception):
    """A stored scalar the codec refuses; the message says what was found and expected."""


def _shown(value: object) -> str:
    return f"{value!r:.80}"


def load_str(value: Any, _type: object = None) -> str:
    if type(value) is not str:
        raise _Bad(f"expected a string, got {_shown(value)}")
    return value


def load_int(value: Any, _type: object = None) -> int:
    if type(value) is not int:
        raise _Bad(f"expected an integer, got {_shown(value)}")
    return value


def load_bool(value: Any, _type: object = None) -> bool:
    if type(value) is not bool:
        raise _Bad(f"expected true or false, got {_shown(value)}")
    return value


def dump_decimal(value: Decimal) -> str:
    return str(value)


def load_decimal(value: Any, _type: object = None) -> Decimal:
    if type(value) is not str:
        raise _Bad(f"expected money as a decimal string such as '12.50', got {_shown(value)}")
    try:
        result = Decimal(value)
    except InvalidOperation:
        raise _Bad(f"expected a decimal string such as '12.50', got {_shown(value)}") from None
    if not result.is_finite():
        raise _Bad(f"expected a finite decimal, got {_shown(value)}")
    return result


def dump_fraction(value: Fraction) -> str:
    return f"{value.numerator}/{value.denominator}"


_FRACTION = re.compile(r"-?\d+/\d+")


def load_fraction(value: Any, _type: object = None) -> Fraction:
    if type(value) is not str or not _FRACTION.fullmatch(value):
        raise _Bad(f"expected an exact rate such as '1/3', got {_shown(value)}")
    numerator, denominator = value.split("/")
    if int(denominator) == 0:
        raise _Bad(f"expected a non-zero denominator, got {_shown(value)}")
    return Fraction(int(numerator), int(denominator))


def dump_date(value: date) -> str:
    return value.isoformat()


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def load_date(value: Any, _type: object = None) -> date:
    if type(value) is not str or not _DATE.fullmatch(value):
        raise _Bad(f"expected a day as 'YYYY-MM-DD', got {_shown(value)}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _Bad(f"expected a real day as 'YYYY-MM-DD', got {_shown(value)}") from None


def dump_time(value: time) -> str:
    if value.tzinfo is not None:
        raise _Bad(f"expected a wall-clock time without a zone, got {_shown(value)}")
    return value.isoformat()


_TIME = re.compile(r"\d{2}:\d{2}(:\d{2}(\.\d{6})?)?")


def load_time(value: Any, _type: object = None) -> time:
    if type(value) is not str or not _TIME.fullmatch(value):
        raise _Bad(f"expected a wall-clock time as 'HH:MM[:SS]', got {_shown(value)}")
    try:
        return time.fromisoformat(value)
    except ValueError:
        raise _Bad(f"expected a real time as 'HH:MM[:SS]', got {_shown(value)}") from None


def dump_datetime(value: datetime) -> str:
    zone = value.tzinfo
    if type(zone) is ZoneInfo:
        return f"{value.isoformat()}[{zone.key}]"
    if type(zone) is timezone:
        return value.isoformat()
    raise _Bad(
        f"expected an instant in a zoneinfo.ZoneInfo or datetime.timezone zone (the ones "
        f"that can be stored and rebuilt), got tzinfo {zone!r:.80}"
    )


_INSTANT = re.compile(
    r"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{6})?)([+-]\d{2}:\d{2}(?::\d{2}(?:\.\d{6})?)?|Z)"
    r"(?:\[([A-Za-z0-9_+\-/]+)\])?"
)


_ZONES: dict[str, ZoneInfo] = {}


def load_datetime(value: Any, _type: object = None) -> datetime:
    found = _INSTANT.fullmatch(value) if type(value) is str else None
    if found is None:
        raise _Bad(
            "expected an aware instant as ISO 8601 with its offset and optionally its zone, "
            f"such as '2026-03-02T23:00:00+08:00[Asia/Shanghai]', got {_shown(value)}"
        )
    wall, offset, key = found.groups()
    try:
        fixed = datetime.fromisoformat(wall + offset)
    except ValueError:
        raise _Bad(f"expected a real instant, got {_shown(value)}") from None
    if key is None:
        return fixed
    zone = _ZONES.get(key)
    if zone is None:
        try:
            zone = _ZONES[key] = ZoneInfo(key)
        except (ZoneInfoNotFoundError, ValueError):
            raise _Bad(f"expected a known IANA zone key, got {key!r:.80}") from None
    offset_seen = fixed.utcoffset()
    candidate = fixed.replace(tzinfo=zone)
    if candidate.utcoffset() == offset_seen:
        return candidate
    candidate = candidate.replace(fold=1)  # the stored offset says which of a repeated hour
    if candidate.utcoffset() == offset_seen:
        return candidate
    raise _Bad(f"expected the offset {offset} to be one that {key} has at {wall}, got "
               f"{_shown(value)}")


def dump_timedelta(value: timedelta) -> str:
    sign = "-" if value < timedelta(0) else ""
    whole = -value if sign else value
    seconds = f"{whole.seconds}.{whole.microseconds:06d}" if whole.microseconds else str(
        whole.seconds
    )
    return f"{sign}P{whole.days}DT{seconds}S"


_DURATION = re.compile(r"(-?)P(\d{1,9})DT(\d{1,5})(?:\.(\d{6}))?S")


def load_timedelta(value: Any, _type: object = None) -> timedelta:
    found = _DURATION.fullmatch(value) if type(value) is str else None
    if found is None or int(found.group(3)) >= 86_400:
        raise _Bad(f"expected a duration as 'P<days>DT<seconds>S', got {_shown(value)}")
    sign, days, seconds, micro = found.groups()
    result = timedelta(days=int(days), seconds=int(seconds), microseconds=int(micro or 0))
    return -result if sign else result
