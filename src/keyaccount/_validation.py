"""Validators and converters shared by the domain values and the policies (private).

Every check raises :class:`~keyaccount.InvalidInput` (or, for a policy's settings, the
``error`` it is given: :class:`~keyaccount.PolicyConfigError`) with a message that says which
field, which value and what was expected (SPEC §11). Nothing is silently clamped.

The domain's bounds live here too, once (SPEC §11; listed in docs/reference/errors.md under
"Limits"): ``MONEY_LIMIT`` and ``MONEY_PLACES``, ``RATE_PLACES``, ``COUNT_LIMIT``,
``DURATION_DAYS_LIMIT`` and ``DURATION_MONTHS_LIMIT``, ``FIRST_YEAR`` and ``LAST_YEAR``, checked
by ``require_bounded``, ``require_count(..., maximum=)`` / ``count(maximum=)``,
``require_day_in_years`` and ``require_instant_in_years`` (the attrs validators ``a_date`` and
``aware`` check the years too). ``require_date`` and ``require_aware`` check only the type: the
business calendar uses them and refuses a day outside the years with its own
``CalendarRangeError``.

Two kinds of helper: ``require_*`` and ``to_*`` functions take the field's name; the attrs
validators (``aware``, ``non_empty``, ``names``, ``count()``, ...) name the field
``ClassName.attribute`` themselves. attrs converters stay one small named function per field
in the modules that use them (mypy's attrs plugin reads a converter's signature only from a
named function), each a one-line call of a ``to_*`` here.
"""

from __future__ import annotations

import enum
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

import attrs

from keyaccount._errors import InvalidInput, PolicyConfigError

T = TypeVar("T")
K = TypeVar("K")
V = TypeVar("V")

#: What a converter of collections refuses to iterate: a lone string (or bytes) would be
#: split into letters, a lone date is not iterable, a mapping would give only its keys.
_LONE_VALUES = (str, bytes, date, Mapping)


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


def require_non_empty(
    value: object, *, field: str, error: type[Exception] = InvalidInput
) -> str:
    """Identifiers and names must be non-blank strings."""
    if not isinstance(value, str) or not value.strip():
        raise error(f"{field} must be a non-empty string, got {value!r}")
    return value


def require_optional_text(value: object, *, field: str) -> str | None:
    """A string (blank allowed) or ``None``."""
    if value is not None and not isinstance(value, str):
        raise InvalidInput(f"{field} must be a string or None, got {value!r}")
    return value


def require_count(
    value: object,
    *,
    field: str,
    minimum: int = 0,
    maximum: int | None = None,
    note: str = "",
    error: type[Exception] = InvalidInput,
) -> int:
    """A whole number (an ``int``, not a ``bool``) from ``minimum`` (to ``maximum``, if given).

    ``note`` is added after the expectation, e.g. ``" (visits a year)"``.
    """
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or value < minimum
        or (maximum is not None and value > maximum)
    ):
        expected = (
            f">= {minimum}" if maximum is None else f"in {minimum}..{_limit_text(maximum)}"
        )
        raise error(f"{field} must be an int {expected}{note}, got {value!r}")
    return value


def require_non_negative(value: Decimal, *, field: str) -> Decimal:
    """An amount of at least zero (a refund or a credit is not an amount here)."""
    if value < 0:
        raise InvalidInput(f"{field} must be >= 0, got {value}")
    return value


def require_instances(
    values: Iterable[object], kind: type[Any], *, field: str
) -> None:
    """Every item of ``values`` is a ``kind``."""
    for item in values:
        if not isinstance(item, kind):
            raise InvalidInput(f"{field} must hold {kind.__name__} values, got {item!r}")


def require_names(names: Iterable[str], *, field: str) -> None:
    """Non-blank names, nobody named twice."""
    listed = list(names)
    for name in listed:
        require_non_empty(name, field=f"a name in {field}")
    if len(set(listed)) != len(listed):
        raise InvalidInput(f"{field} names someone twice: {listed}")


def to_items(
    value: Iterable[T] | None,
    *,
    field: str,
    expected: str,
    none_is_empty: bool = False,
    error: type[Exception] = InvalidInput,
) -> tuple[T, ...]:
    """Freeze a collection into a tuple, refusing a lone string, date or mapping by name.

    ``tuple("li")`` would split a lone string into letters, and ``tuple(mapping)`` keep only
    its keys; both are refused with a message naming the field (SPEC §11), as is a value
    that is not a collection. ``none_is_empty`` reads ``None`` as "left empty" (``()``), for
    values that name every empty field at once.
    """
    if value is None and none_is_empty:
        return ()
    if isinstance(value, _LONE_VALUES) or not isinstance(value, Iterable):
        raise error(f"{field} must be a collection of {expected}, got {value!r}")
    return tuple(value)


def to_names(value: str | Sequence[str], *, field: str) -> tuple[str, ...]:
    """One name or a sequence of names (in order: the first may matter), as a tuple."""
    if isinstance(value, str):
        names: tuple[str, ...] = (value,)
    elif isinstance(value, Sequence) and not isinstance(value, bytes):
        names = tuple(value)
    else:
        raise InvalidInput(f"{field} must be a name or a sequence of names, got {value!r}")
    for name in names:
        require_non_empty(name, field=f"a name in {field}")
    return names


def to_pairs(
    value: Mapping[K, V] | Iterable[tuple[K, V]],
    *,
    field: str,
    entry: str,
    error: type[Exception] = InvalidInput,
) -> tuple[tuple[K, V], ...]:
    """A mapping's items, or a collection of 2-tuples, as a tuple of pairs.

    ``entry`` says what a pair holds, e.g. ``"(topic, text)"``.
    """
    if isinstance(value, Mapping):
        return tuple(value.items())
    if isinstance(value, _LONE_VALUES) or not isinstance(value, Iterable):
        raise error(f"{field} must be a mapping or a collection of {entry} pairs, got {value!r}")
    pairs = tuple(value)
    for pair in pairs:
        if not (isinstance(pair, tuple) and len(pair) == 2):
            raise error(f"{field} entries must be {entry} pairs, got {pair!r}")
    return pairs


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


class _SettingsErrors:
    """See :func:`settings_errors`."""

    def __init__(self, prefix: str, also: tuple[type[Exception], ...]) -> None:
        self._prefix = prefix
        self._refused: tuple[type[Exception], ...] = (InvalidInput, *also)

    def __enter__(self) -> None:
        return None

    def __exit__(self, _kind: object, error: BaseException | None, _traceback: object) -> None:
        if isinstance(error, self._refused):
            raise PolicyConfigError(f"{self._prefix}{error}") from None


def settings_errors(
    prefix: str = "", *, also: tuple[type[Exception], ...] = ()
) -> _SettingsErrors:
    """A ``with`` block of a ``from_mapping``: the values it builds refuse bad settings.

    An :class:`~keyaccount.InvalidInput` (or one of ``also``) raised inside becomes a
    :class:`~keyaccount.PolicyConfigError` with the same message after ``prefix``::

        with settings_errors():
            return cls(**arguments)
    """
    return _SettingsErrors(prefix, also)


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
    """An attrs validator: the field holds a timezone-aware datetime in 1900-2199 (SPEC §11)."""
    require_instant_in_years(value, field=_field_name(instance, attribute))


def optional_aware(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An attrs validator: the field holds ``None`` or a timezone-aware datetime."""
    if value is not None:
        aware(instance, attribute, value)


def a_date(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An attrs validator: the field holds a plain date (a datetime's time would be lost).

    A day in the years 1900-2199 (the domain's bounds, SPEC §11).
    """
    # the common case costs one type check and the year's bounds
    if type(value) is not date or not FIRST_YEAR <= value.year <= LAST_YEAR:
        require_day_in_years(value, field=_field_name(instance, attribute))


def optional_date(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An attrs validator: the field holds ``None`` or a plain date in the years 1900-2199."""
    if value is not None and (
        type(value) is not date or not FIRST_YEAR <= value.year <= LAST_YEAR
    ):
        require_day_in_years(value, field=_field_name(instance, attribute))


def non_empty(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An attrs validator: the field holds a non-blank string."""
    # hosts build records by the million: the plain case costs one type check
    if type(value) is not str or not value or value.isspace():
        require_non_empty(value, field=_field_name(instance, attribute))


def optional_non_empty(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An attrs validator: the field holds ``None`` or a non-blank string."""
    if value is not None and (type(value) is not str or not value or value.isspace()):
        require_non_empty(value, field=_field_name(instance, attribute))


def text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An attrs validator: the field holds a string (blank allowed)."""
    if not isinstance(value, str):
        raise InvalidInput(f"{_field_name(instance, attribute)} must be a string, got {value!r}")


def optional_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An attrs validator: the field holds a string (blank allowed) or ``None``."""
    if value is not None and not isinstance(value, str):
        require_optional_text(value, field=_field_name(instance, attribute))


def names(instance: object, attribute: attrs.Attribute[Any], value: Iterable[str]) -> None:
    """An attrs validator: non-blank names, nobody named twice."""
    require_names(value, field=_field_name(instance, attribute))


Validator = Any
"""An attrs validator made by one of the factories below (``(instance, attribute, value)``)."""


def count(
    minimum: int = 0,
    *,
    maximum: int | None = None,
    field: str | None = None,
    note: str = "",
    error: type[Exception] = InvalidInput,
) -> Validator:
    """An attrs validator: the field holds an ``int`` (not a ``bool``) of at least ``minimum``.

    With ``maximum``, of at most ``maximum`` too (``count(maximum=COUNT_LIMIT)`` for a count of
    records, SPEC §11).

    The message names the field ``ClassName.attribute``, or ``field`` when given (a policy
    names its settings key).
    """

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if (
            type(value) is not int  # the plain case: one type check and the bounds
            or value < minimum
            or (maximum is not None and value > maximum)
        ):
            require_count(
                value,
                field=field or _field_name(instance, attribute),
                minimum=minimum,
                maximum=maximum,
                note=note,
                error=error,
            )

    return check


def non_negative(instance: object, attribute: attrs.Attribute[Any], value: Decimal) -> None:
    """An attrs validator: the field holds an amount of at least zero."""
    if value < 0:
        require_non_negative(value, field=_field_name(instance, attribute))


def instance_of(kind: type[Any]) -> Validator:
    """An attrs validator: the field holds a ``kind``."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, kind):
            raise InvalidInput(
                f"{_field_name(instance, attribute)} must be a {kind.__name__}, got {value!r}"
            )

    return check


def optional_instance_of(kind: type[Any]) -> Validator:
    """An attrs validator: the field holds a ``kind`` or ``None``."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None and not isinstance(value, kind):
            raise InvalidInput(
                f"{_field_name(instance, attribute)} must be a {kind.__name__} or None, "
                f"got {value!r}"
            )

    return check


def instances_of(kind: type[Any]) -> Validator:
    """An attrs validator: every item of the field's collection is a ``kind``."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: Iterable[object]) -> None:
        require_instances(value, kind, field=_field_name(instance, attribute))

    return check


# --- a bool field ----------------------------------------------------------------------------


def a_bool(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An attrs validator: the field holds a ``bool`` itself (not ``1``, not ``"no"``)."""
    if type(value) is not bool:
        require_bool(value, field=_field_name(instance, attribute))


def require_bool(value: object, *, field: str) -> bool:
    """A ``bool`` itself: a truthy string such as ``"no"`` would otherwise read as ``True``."""
    if not isinstance(value, bool):
        raise InvalidInput(f"{field} must be a bool (True or False), got {value!r}")
    return value


# --- the bounds of money, rates, counts and dates (SPEC §11) ---------------------------------

#: Money is at most 10**15 CNY in magnitude with at most 6 decimal places; rates and shares
#: at most 12 decimal places; counts at most 10**9 (the domain's bounds, SPEC §11, listed in
#: docs/reference/errors.md under "Limits"). The grading's exact integer keys are built from
#: these, so a value past them is refused rather than ground through
#: (``Decimal("1e999999999")`` is finite, and its integer has a billion digits).
MONEY_LIMIT = 10**15
MONEY_PLACES = 6
RATE_PLACES = 12
COUNT_LIMIT = 10**9
#: A duration (business time, a visit interval, an indicator's window) is at most 10 years:
#: 3,660 days (of 24 hours, for business time).
DURATION_DAYS_LIMIT = 3_660
#: The same 10 years counted in calendar months.
DURATION_MONTHS_LIMIT = 120


def require_bounded(
    value: Decimal,
    *,
    field: str,
    limit: int = MONEY_LIMIT,
    places: int = MONEY_PLACES,
    error: type[Exception] = InvalidInput,
) -> Decimal:
    """A Decimal of at most ``limit`` in magnitude with at most ``places`` decimal places.

    Trailing zeros do not count as places (``Decimal("1.50000000")`` is 1.5).
    """
    if not -limit <= value <= limit:
        raise error(f"{field} must be at most {_limit_text(limit)} in magnitude, got {value!r}")
    _sign, digits, exponent = value.as_tuple()
    extra = -int(exponent) - places
    if extra > 0 and any(digits[-extra:]):
        raise error(f"{field} must have at most {places} decimal places, got {value!r}")
    return value


def _limit_text(limit: int) -> str:
    """``10**15`` rather than fifteen zeros, when the limit is a power of ten."""
    written = str(limit)
    if written.startswith("1") and set(written[1:]) <= {"0"} and len(written) > 4:
        return f"10**{len(written) - 1}"
    return written


#: Dates and instants lie within these years (the domain's bounds, SPEC §11): far enough for
#: any plan, and a year past them never reaches ``date.max`` (``date(10000, 1, 1)`` is a
#: ValueError) nor overflows when a datetime changes zone.
FIRST_YEAR = 1900
LAST_YEAR = 2199


def require_day_in_years(value: object, *, field: str) -> date:
    """A plain date within the years ``FIRST_YEAR`` to ``LAST_YEAR``."""
    day = require_date(value, field=field)
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise InvalidInput(
            f"{field} must be a date in the years {FIRST_YEAR}-{LAST_YEAR}, got {day.isoformat()}"
        )
    return day



def require_instant_in_years(value: object, *, field: str) -> datetime:
    """A timezone-aware datetime within the years ``FIRST_YEAR`` to ``LAST_YEAR``.

    Checked on its own wall clock, before any change of zone: near ``datetime.max`` or
    ``datetime.min`` the change itself would overflow.
    """
    moment = require_aware(value, field=field)  # type: ignore[arg-type]
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise InvalidInput(
            f"{field} must be an instant in the years {FIRST_YEAR}-{LAST_YEAR}, "
            f"got {moment.isoformat()}"
        )
    return moment
