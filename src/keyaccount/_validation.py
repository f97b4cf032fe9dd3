"""Validators and converters shared by the domain values (private).

Every check raises :class:`~keyaccount.InvalidInput` with a message that says which field,
which value and what was expected (SPEC §11). Nothing is silently clamped.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from keyaccount._errors import InvalidInput, PolicyConfigError

T = TypeVar("T")


def to_decimal(value: object, *, field: str = "amount") -> Decimal:
    """Convert ``value`` to a finite Decimal; floats are refused because money is exact."""
    if isinstance(value, (bool, float)):
        raise InvalidInput(
            f"{field} must be a Decimal, int or numeric string, got float/bool {value!r}"
        )
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, (int, str)):
        try:
            result = Decimal(value)
        except InvalidOperation:
            raise InvalidInput(f"{field} must be a number, got {value!r}") from None
    else:
        raise InvalidInput(f"{field} must be a Decimal, int or numeric string, got {value!r}")
    if not result.is_finite():
        raise InvalidInput(f"{field} must be finite, got {value!r}")
    return result


def to_tuple(value: Iterable[T]) -> tuple[T, ...]:
    """Freeze any iterable into a tuple, so a frozen value is really frozen."""
    return tuple(value)


def require_aware(value: datetime, *, field: str) -> datetime:
    """Refuse naive datetimes (SPEC §11): business time needs a zone."""
    if not isinstance(value, datetime):
        raise InvalidInput(f"{field} must be a timezone-aware datetime, got {value!r}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidInput(f"{field} must be timezone-aware, got naive {value.isoformat()}")
    return value


def require_date(value: object, *, field: str) -> date:
    """Accept a plain date (not a datetime, whose time part would be silently dropped)."""
    if isinstance(value, datetime) or not isinstance(value, date):
        raise InvalidInput(f"{field} must be a datetime.date, got {value!r}")
    return value


def require_non_empty(value: str, *, field: str) -> str:
    """Identifiers and names must be non-blank strings."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput(f"{field} must be a non-empty string, got {value!r}")
    return value


def check_settings_keys(
    settings: Mapping[str, Any], *, allowed: Collection[str], policy: str
) -> None:
    """Refuse a settings mapping with unknown keys (a typo must not fall back to a default)."""
    if not isinstance(settings, Mapping):
        raise PolicyConfigError(f"{policy} settings must be a mapping, got {settings!r}")
    unknown = sorted(set(settings) - set(allowed))
    if unknown:
        raise PolicyConfigError(
            f"{policy} settings have unknown key(s) {unknown}; expected some of {sorted(allowed)}"
        )
