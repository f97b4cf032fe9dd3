"""Validators and converters shared by the domain values (private).

Every check raises :class:`~keyaccount.InvalidInput` with a message that says which field,
which value and what was expected (SPEC §11). Nothing is silently clamped.
"""

from __future__ import annotations

import enum
from collections.abc import Collection, Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

import attrs

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


E = TypeVar("E", bound=enum.Enum)


def to_enum(enum_type: type[E], value: object, *, field: str) -> E:
    """The member of ``enum_type`` that ``value`` is or names (its documented string form)."""
    if isinstance(value, enum_type):
        return value
    try:
        return enum_type(value)
    except ValueError:
        raise InvalidInput(
            f"{field} must be one of {[member.value for member in enum_type]}, got {value!r}"
        ) from None


def _field_name(instance: object, attribute: attrs.Attribute[Any]) -> str:
    return f"{type(instance).__name__}.{attribute.name}"


def aware(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An attrs validator: the field holds a timezone-aware datetime (SPEC §11)."""
    require_aware(value, field=_field_name(instance, attribute))  # type: ignore[arg-type]


def optional_aware(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An attrs validator: the field holds ``None`` or a timezone-aware datetime."""
    if value is not None:
        aware(instance, attribute, value)


def a_date(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An attrs validator: the field holds a plain date (a datetime's time would be lost)."""
    if type(value) is not date:  # the common case costs one type check
        require_date(value, field=_field_name(instance, attribute))


def optional_date(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An attrs validator: the field holds ``None`` or a plain date."""
    if value is not None:
        a_date(instance, attribute, value)


def non_empty(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An attrs validator: the field holds a non-blank string."""
    require_non_empty(value, field=_field_name(instance, attribute))  # type: ignore[arg-type]
